"""ReLU & friends charts: the line-up, gradient flow through depth, the training race, dying units, output gradients.

Written as Vega-Lite JSON (charts.spec says why); tests/test_compare.py validates every spec against the schema."""
import numpy as np
import pandas as pd

from .base import ACTIVATION_COLORS, LABELS, LOG_FLOOR, downsample, log_floor
from .player import STEP, selection
from .spec import CANVAS, TOP, Spec, activation_field, arrow, field as _f, only

CLASS_COLORS = ["#2b6cb0", "#dd6b20"]
"""Class 0 and class 1 in the race's data (kept clear of the activation colours)."""
REGION_COLORS = {"saturated": "#d1d5db", "zero slope": "#fecaca"}
SWEEP_COLOR = ACTIVATION_COLORS["relu"]
LOSS_COLORS = {"cross-entropy": "#d62728", "squared error": "#6b7280"}
SPELLED = " : ".join(f"datum.value === '{k}' ? '{v}'" for k, v in LABELS.items()) + " : datum.value"
"""A Vega expression: an activation id (a legend's or a header's datum.value) as it is spelled."""
NAMED = {**TOP, "labelExpr": SPELLED}
"""The top legend, activations spelled out."""


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
        "facet": _f("activation", "nominal", title=None, sort=list(names), header={"labelExpr": SPELLED}),
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
                          "y": _f("y", title="f(z), f′(z)"),
                          "color": activation_field(names, NAMED),
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
            "color": activation_field(names, NAMED),
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
        "facet": {"column": _f("activation", "nominal", title=None, sort=order, header={"labelExpr": SPELLED})},
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


# --- 6. the verdict -----------------------------------------------------------------------------------------------

AXIS_ROOM = 80
"""Pixels under the bars for the x axis, its labels and title: a chart that fits its column fits them inside its height."""
INSIDE = 1000
"""A factor from here on is written inside its bar, at its end: past it the bar is long enough, and the text would
run out of a projector's column."""


def severity_chart(table, width=420, row=44):
    """How many times worse each drawback makes things, one bar each from 1 on a log scale, the factor written at
    the bar's end (inside the bar from INSIDE on). table: drawback, cost (what the factor counts), factor."""
    top = max(float(table.factor.max()), 10.0)
    decades = [10.0 ** k for k in range(int(np.ceil(np.log10(top))) + 2)]  # a decade of room for the text
    y = _f("drawback", "nominal", title="drawback", sort=None,
           axis={"labelLimit": 360, "labelOverlap": False, "titleAngle": 0, "titleX": 0, "titleY": -10,
                 "titleAlign": "right", "titleBaseline": "bottom"})  # the title above the labels, not over them
    x = _f("factor", title="how many times worse (log)",
           scale={"type": "log", "domain": [1, decades[-1]], "nice": False}, axis={"values": decades, "grid": True})
    bars = {"mark": {"type": "bar", "color": ACTIVATION_COLORS["sigmoid"]},
            "encoding": {"x": x, "x2": {"datum": 1}, "y": y,
                         "tooltip": [_f("drawback", "nominal"), _f("cost", "nominal"), _f("factor", format=",.3g")]}}
    outside = {"transform": [{"filter": f"datum.factor < {INSIDE}"}],
               "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 16},
               "encoding": {"x": x, "y": y, "text": _f("label", "nominal")}}
    inside = {"transform": [{"filter": f"datum.factor >= {INSIDE}"}],
              "mark": {"type": "text", "align": "right", "dx": -6, "fontSize": 16, "color": "white"},
              "encoding": {"x": x, "y": y, "text": _f("label", "nominal")}}
    spec = {"data": {"name": "severity"}, "width": width, "height": row * len(table) + AXIS_ROOM,
            "layer": [bars, outside, inside]}
    shown = table.assign(label=[f"{f:,.2g}× {c}" if f < 10 else f"{float(f'{f:.2g}'):,.0f}× {c}"
                                for f, c in zip(table.factor, table.cost)])
    return Spec(spec, {"severity": shown[["drawback", "cost", "factor", "label"]]})


def _percent(p):
    """Probabilities in [0, 1] as whole percent, one byte each (the colour scale cannot show finer steps)."""
    return np.round(100 * np.asarray(p, dtype=np.float64)).astype(np.uint8)


def _cells(surface):
    """The regular grid under race_frames' surface (its rows snap by snap, each snap's cells x1 fastest): the
    Vega expressions giving a row's snap, x1 and x2 from its row number (datum.row, from 1), and the cell size."""
    x1, x2 = np.unique(surface.x1), np.unique(surface.x2)
    dx, dy = (float(x1[1] - x1[0]), float(x2[1] - x2[0])) if len(x1) > 1 and len(x2) > 1 else (1.0, 1.0)
    n1, cells = len(x1), len(x1) * len(x2)
    return ({"snap": f"floor((datum.row - 1) / {cells})",
             "x1": f"{float(x1[0])!r} + ((datum.row - 1) % {n1}) * {dx!r}",
             "x2": f"{float(x2[0])!r} + floor(((datum.row - 1) % {cells}) / {n1}) * {dy!r}"},
            (float(x1[0]), float(x1[-1]) + dx), (float(x2[0]), float(x2[-1]) + dy), dx, dy)


def race_chart(curves, surface, snaps, points, names, epochs, step, width=310, height=200, size=150, key=True):
    """The race, played by ui.chart_player from epoch `step` (one frame per epoch): loss (log) and accuracy against
    epoch up to the frame's, axes fixed to the whole run, and under them each run's output p(class 1) over the plane
    at its latest snapshot, the data on top. curves: activation, epoch, loss, accuracy; surface: snap, x1, x2, a p
    column per run (cell corners of a regular grid, as race_frames gives them); snaps: the snap shown at each epoch;
    points: x1, x2, label. key: False leaves out the legend of p(class 1), to save height.

    The chart's data are what changes from frame to frame, compactly: the surface table holds only each run's p, in
    whole percent (one byte), a row per cell and snap in race_frames' order, from which the chart computes the
    cell's snap and place; the curves hold float32 losses and accuracies under dictionary-encoded names."""
    curves = downsample(curves)
    now = {"filter": f"datum.epoch <= {STEP}"}
    loss_min = max(float(curves.loss.min()), 1e-4)
    loss_max = max(float(curves.loss.max()), 2 * loss_min)
    x = _f("epoch", title="epoch", scale={"domain": [0, max(int(epochs), 1)], "nice": False})
    tip = [_f("activation", "nominal"), _f("epoch"), _f("loss", format=".4f"), _f("accuracy", format=".1%")]

    def panel(y):
        return {"width": width, "height": height, "transform": [now], "mark": {"type": "line", "strokeWidth": 2.5},
                "encoding": {"x": x, "y": y, "color": activation_field(names, NAMED), "tooltip": tip}}

    loss = panel(_f("loss", title="loss (log)", scale={"type": "log", "domain": [loss_min, loss_max], "clamp": True}))
    loss["params"] = [selection(step, int(epochs))]
    accuracy = panel(_f("accuracy", title="accuracy", scale={"domain": [0.4, 1.0], "clamp": True},
                        axis={"format": "%"}))
    shown = [n for n in names if n in surface.columns]
    place, x1s, x2s, dx, dy = _cells(surface)
    gx = _f("x1", title=None, axis=None, scale={"domain": list(x1s), "nice": False})
    gy = _f("x2", title=None, axis=None, scale={"domain": list(x2s), "nice": False})
    fill = {"title": "p(class 1)", "legend": {"orient": "right", "gradientLength": 110} if key else None,
            "scale": {"domain": [0, 0.5, 1], "range": [CLASS_COLORS[0], "#ffffff", CLASS_COLORS[1]]}}
    cell = [{"window": [{"op": "row_number", "as": "row"}]}, {"calculate": place["snap"], "as": "snap"},
            {"filter": f"datum.snap == {snaps}[{STEP}]"}, {"calculate": place["x1"], "as": "x1"},
            {"calculate": place["x2"], "as": "x2"},
            {"calculate": f"datum.x1 + {1.2 * dx!r}", "as": "x1_end"},  # overlap: no seams
            {"calculate": f"datum.x2 + {1.2 * dy!r}", "as": "x2_end"}]

    def surface_panel(name):
        cells = {"data": {"name": "surface"}, "mark": {"type": "rect", "clip": True},
                 "transform": [*cell, {"calculate": f"datum['{name}'] / 100", "as": "p"}],
                 "encoding": {"x": gx, "x2": {"field": "x1_end"}, "y": gy, "y2": {"field": "x2_end"},
                              "fill": _f("p", **fill), "tooltip": [_f("p", title="p(class 1)", format=".2f")]}}
        data = {"data": {"name": "points"},
                "mark": {"type": "point", "filled": True, "size": 24, "stroke": "#111827", "strokeWidth": 0.6,
                         "opacity": 1},
                "encoding": {"x": gx, "y": gy, "color": _f("label", "nominal", legend=None,
                                                         scale={"domain": [0, 1], "range": CLASS_COLORS})}}
        return {"title": {"text": LABELS.get(name, name), "offset": 4}, "width": size, "height": size, "layer": [cells, data]}

    rows = [{"data": {"name": "curves"}, "hconcat": [loss, accuracy]}]
    if shown:
        rows.append({"hconcat": [surface_panel(n) for n in shown], "resolve": {"scale": {"fill": "shared"}}})
    spec = {"title": {"text": {"expr": f"'Epoch ' + {STEP} + ' of {int(epochs)}'"}, "anchor": "start", "offset": 0},
            "vconcat": rows, "resolve": {"scale": {"color": "independent", "fill": "independent"}},
            "usermeta": CANVAS}
    tables = {"curves": arrow(curves[["activation", "epoch", "loss", "accuracy"]].astype(
                  {"epoch": "uint16", "loss": "float32", "accuracy": "float32"})),
              "surface": arrow(pd.DataFrame({n: _percent(surface[n]) for n in shown})),
              "points": arrow(points[["x1", "x2", "label"]].astype({"x1": "float32", "x2": "float32",
                                                                      "label": "uint8"}))}
    return Spec(spec, tables)
