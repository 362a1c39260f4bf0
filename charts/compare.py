"""ReLU & friends charts: the line-up, gradient flow through depth, the training race, dying units, output gradients.

Written as Vega-Lite JSON (charts.spec says why); tests/test_compare.py validates every spec against the schema."""
import numpy as np
import pandas as pd

from .base import ACTIVATION_COLORS, LOG_FLOOR, downsample, log_floor
from .spec import CANVAS, TOP, Spec, activation_field, field as _f, only

CLASS_COLORS = ["#2b6cb0", "#dd6b20"]
"""Class 0 and class 1 in the race's data (kept clear of the activation colours)."""
REGION_COLORS = {"saturated": "#d1d5db", "zero slope": "#fecaca"}
SWEEP_COLOR = ACTIVATION_COLORS["relu"]
LOSS_COLORS = {"cross-entropy": "#d62728", "squared error": "#6b7280"}


def _scale(colors):
    return {"domain": list(colors), "range": list(colors.values())}


# --- 1. the line-up -----------------------------------------------------------------------------------------------

def lineup_chart(curves, regions, names, width=170, height=170, columns=4):
    """Small multiples, one per activation: f(z) solid, f'(z) dashed, over grey bands where the activation saturates
    and red bands where its slope is exactly zero. curves: z, activation, curve, y; regions: activation, kind,
    start, end. Each panel draws its own z axis, so a last row that is not full leaves no empty axis behind."""
    both = pd.concat([curves.assign(part="curve", start=0.0, end=0.0, kind=""),
                      regions.assign(part="region", z=0.0, y=0.0, curve="")], ignore_index=True)
    spec = {
        "data": {"name": "lineup"},
        "facet": _f("activation", "nominal", title=None, sort=list(names)),
        "columns": columns,
        "resolve": {"axis": {"x": "independent"}},
        "spec": {"width": width, "height": height, "layer": [
            {"transform": [only("region", "part")], "mark": {"type": "rect", "opacity": 0.7},
             "encoding": {"x": _f("start"), "x2": {"field": "end"},
                          "fill": _f("kind", "nominal", title=None, legend=TOP, scale=_scale(REGION_COLORS)),
                          "tooltip": [_f("kind", "nominal", title="gradient"), _f("start", format=".2f"),
                                      _f("end", format=".2f")]}},
            {"transform": [only("curve", "part")], "mark": {"type": "line", "strokeWidth": 2.5},
             "encoding": {"x": _f("z", title="z", scale={"domain": [float(curves.z.min()), float(curves.z.max())],
                                                         "nice": False}),
                          "y": _f("y", title=None),
                          "color": activation_field(names, TOP),
                          "strokeDash": _f("curve", "nominal", title=None, legend=TOP,
                                           scale={"domain": ["f(z)", "f'(z)"], "range": [[1, 0], [5, 3]]}),
                          "tooltip": [_f("activation", "nominal"), _f("curve", "nominal"), _f("z", format=".2f"),
                                      _f("y", format=".3f")]}},
        ]},
    }
    return Spec(spec, {"lineup": both})


# --- 2. gradient flow ---------------------------------------------------------------------------------------------

def flow_chart(df, names, height=320):
    """Per-layer weight-gradient norm |dL/dW_l|, log scale, one line per activation; a value below LOG_FLOOR is
    drawn on the floor as a hollow triangle (its true value in the tooltip).
    df: layer, activation, init, grad_norm, grad_rel (the same relative to the top layer)."""
    df = df[["layer", "activation", "init", "grad_rel", "grad_norm"]].assign(
        shown=log_floor(df["grad_norm"]), floored=(df["grad_norm"] < LOG_FLOOR).astype(int))
    spec = {
        "data": {"name": "flow"}, "height": height,
        "encoding": {
            "x": _f("layer", title="layer (1 = next to the input)", axis={"tickMinStep": 1},
                    scale={"domain": [1, int(df.layer.max())], "nice": False}),
            "y": _f("shown", title="|dL/dW| (log)", scale={"type": "log"}, axis={"format": ".0e"}),
            "color": activation_field(names, TOP),
            "tooltip": [_f("activation", "nominal"), _f("init", "nominal"), _f("layer"),
                        _f("grad_norm", title="|dL/dW|", format=".3g"),
                        _f("grad_rel", title="relative to the top layer", format=".3g")]},
        "layer": [{"mark": {"type": "line", "strokeWidth": 2.5}}] + [  # a layer with no rows warns in the console
            {"transform": [{"filter": f"datum.floored === {floored}"}], "mark": mark}
            for floored, mark in [(0, {"type": "point", "filled": True, "size": 40}),
                                  (1, {"type": "point", "shape": "triangle-down", "filled": False, "strokeWidth": 2,
                                       "size": 70})]
            if (df.floored == floored).any()],
    }
    return Spec(spec, {"flow": df})


# --- 3. the race --------------------------------------------------------------------------------------------------

def race_curves_chart(curves, names, epochs, loss_range, width=330, height=200):
    """Loss (log) and accuracy against epoch, one line per activation, axes fixed to the whole run (loss_range:
    its lowest and highest loss) so playing the race does not rescale them. curves: epoch, activation, loss,
    accuracy."""
    curves = downsample(curves)
    loss_min, loss_max = max(float(loss_range[0]), 1e-4), max(float(loss_range[1]), 2e-4)
    x = _f("epoch", title="epoch", scale={"domain": [0, epochs], "nice": False})
    tip = [_f("activation", "nominal"), _f("epoch"), _f("loss", format=".4f"), _f("accuracy", format=".1%")]

    def panel(y):
        return {"width": width, "height": height, "mark": {"type": "line", "strokeWidth": 2.5},
                "encoding": {"x": x, "y": y, "color": activation_field(names, TOP), "tooltip": tip}}

    spec = {"data": {"name": "curves"}, "hconcat": [
        panel(_f("loss", title="loss (log)",
                 scale={"type": "log", "domain": [min(loss_min, loss_max / 2), loss_max], "clamp": True})),
        panel(_f("accuracy", title="accuracy", scale={"domain": [0.4, 1.0], "clamp": True}, axis={"format": "%"})),
    ]}
    return Spec(spec, {"curves": curves})


def boundary_chart(boundary, points, names, size=150):
    """Small multiples, one per activation: the net's output p(class 1) over the plane, and the data on top.
    boundary: x1, x2 (cell corners of a regular grid) and a column of p per activation; points: x1, x2, label."""
    names = [n for n in names if n in boundary.columns]
    x1, x2 = np.unique(boundary.x1), np.unique(boundary.x2)
    dx, dy = (float(x1[1] - x1[0]), float(x2[1] - x2[0])) if len(x1) > 1 and len(x2) > 1 else (1.0, 1.0)
    x = _f("x1", title=None, axis=None, scale={"domain": [float(x1[0]), float(x1[-1]) + dx], "nice": False})
    y = _f("x2", title=None, axis=None, scale={"domain": [float(x2[0]), float(x2[-1]) + dy], "nice": False})
    fill = {"title": "p(class 1)", "legend": {"orient": "right", "gradientLength": 120},
            "scale": {"domain": [0, 0.5, 1], "range": [CLASS_COLORS[0], "#ffffff", CLASS_COLORS[1]]}}

    def panel(name):
        return {"title": name, "width": size, "height": size, "layer": [
            {"data": {"name": "grid"}, "mark": {"type": "rect", "clip": True},
             "transform": [{"calculate": f"datum.x1 + {1.2 * dx}", "as": "x1_end"},  # overlap: no anti-aliased seams
                           {"calculate": f"datum.x2 + {1.2 * dy}", "as": "x2_end"}],
             "encoding": {"x": x, "x2": {"field": "x1_end"}, "y": y, "y2": {"field": "x2_end"},
                          "fill": _f(name, **fill),
                          "tooltip": [_f(name, title="p(class 1)", format=".2f")]}},
            {"data": {"name": "points"},
             "mark": {"type": "point", "filled": True, "size": 28, "stroke": "#111827", "strokeWidth": 0.6,
                      "opacity": 1},
             "encoding": {"x": x, "y": y, "color": _f("label", "nominal", legend=None,
                                                      scale={"domain": [0, 1], "range": CLASS_COLORS})}},
        ]}

    spec = {"hconcat": [panel(n) for n in names], "resolve": {"scale": {"fill": "shared"}}, "usermeta": CANVAS}
    return Spec(spec, {"grid": boundary[["x1", "x2", *names]], "points": points[["x1", "x2", "label"]]})


# --- 4. dying ReLU ------------------------------------------------------------------------------------------------

def dying_chart(frame, sweep, lr, lrs, width=190, height=200):
    """One chart, three panels: the dead share of each hidden layer against epoch for ReLU and for leaky ReLU, then
    ReLU's dead share at the end (solid) and at init (dashed) against the learning rate (log), hollow diamonds for
    runs that diverged and a rule at the rate chosen. frame: activation, epoch, layer, dead; sweep: lr, dead,
    dead_at_init, diverged_at; lrs: the rates swept."""
    order = [a for a in ("relu", "leaky_relu") if a in set(frame.activation)]
    layers = sorted(int(v) for v in frame.layer.unique())
    over_time = {
        "data": {"name": "dead"},
        "facet": {"column": _f("activation", "nominal", title=None, sort=order)},
        "spec": {"width": width, "height": height, "mark": {"type": "line", "strokeWidth": 2.5},
                 "encoding": {
                     "x": _f("epoch", title="epoch"),
                     "y": _f("dead", title="dead units", scale={"domain": [0, 1]}, axis={"format": "%"}),
                     "color": _f("layer", "ordinal", title="hidden layer", legend={"orient": "top"},
                                 scale={"scheme": "viridis", "domain": layers}),
                     "tooltip": [_f("activation", "nominal"), _f("epoch"), _f("layer", "ordinal"),
                                 _f("dead", format=".1%")]}},
    }
    df = sweep[["lr", "dead", "dead_at_init", "diverged_at"]].assign(
        run=(sweep.diverged_at >= 0).map({True: "diverged", False: "finished"}), chosen=(sweep.lr == lr).astype(int))
    x = _f("lr", title="learning rate (log)", scale={"type": "log"}, axis={"values": list(lrs)})
    y = _f("dead", title="ReLU units dead", scale={"domain": [0, 1]}, axis={"format": "%"})
    runs = {"domain": ["finished", "diverged"]}
    by_lr = {
        "data": {"name": "sweep"}, "width": width, "height": height, "encoding": {"x": x},
        "layer": [
            {"mark": {"type": "line", "strokeDash": [4, 4], "color": "#6b7280"},
             "encoding": {"y": _f("dead_at_init")}},
            {"mark": {"type": "line", "strokeWidth": 2.5, "color": SWEEP_COLOR}, "encoding": {"y": y}},
            {"mark": {"type": "point", "size": 90, "strokeWidth": 2.5, "color": SWEEP_COLOR, "opacity": 1},
             "encoding": {"y": y,
                          "shape": _f("run", "nominal", title=None, legend=TOP,
                                      scale={**runs, "range": ["circle", "diamond"]}),
                          "fill": _f("run", "nominal", legend=None, scale={**runs, "range": [SWEEP_COLOR, "white"]}),
                          "tooltip": [_f("lr", title="learning rate"),
                                      _f("dead", title="dead at the end", format=".1%"),
                                      _f("dead_at_init", title="dead at init", format=".1%"),
                                      _f("diverged_at", title="diverged at epoch (-1: no)")]}},
            {"transform": [{"filter": "datum.chosen === 1"}], "mark": {"type": "rule", "color": "#111827",
                                                                     "strokeWidth": 1.5}},
        ],
    }
    spec = {"hconcat": [over_time, by_lr], "resolve": {"scale": {"color": "independent", "shape": "independent"}}}
    return Spec(spec, {"dead": downsample(frame[["activation", "epoch", "layer", "dead"]]), "sweep": df})


# --- 5. where sigmoid is still right ------------------------------------------------------------------------------

def output_chart(df, height=320):
    """|dL/dz| of a sigmoid output with target 1 against z, for cross-entropy and squared error.
    df: z, p, loss, grad."""
    spec = {
        "data": {"name": "output"}, "height": height, "mark": {"type": "line", "strokeWidth": 3},
        "encoding": {
            "x": _f("z", title="output z (target 1: wrong on the left)"),
            "y": _f("grad", title="|dL/dz| at the output", scale={"domain": [0, 1]}),
            "color": _f("loss", "nominal", title=None, legend=TOP, scale=_scale(LOSS_COLORS)),
            "tooltip": [_f("loss", "nominal"), _f("z", format=".2f"), _f("p", format=".4f"),
                        _f("grad", format=".4f")]},
    }
    return Spec(spec, {"output": df})
