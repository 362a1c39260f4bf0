"""Initialization page charts: per-layer activation histograms and statistics of a deep net at init, the spread of z
against the weight scale, the weight-std sweep, and training runs (loss, accuracy, top hidden layer, boundary).

The specs are Vega-Lite JSON wrapped in charts.spec.Spec (which says why); tests/test_initialization.py validates
every spec against the Vega-Lite schema."""
import numpy as np
import pandas as pd

from .base import ACTIVATION_COLORS, downsample, log_floor
from .player import STEP, selection
from .spec import CANVAS, TOP as _TOP, Spec, field as _f, plain as _plain, text as _text

SCHEME_COLORS = ["#9e9e9e", "#8c564b", "#1f77b4", "#2ca02c", "#9467bd", "#17becf", "#d62728"]
"""One colour per trained init scheme, in the page's order (too small grey ... too large red)."""
EDGE_SERIES = "half of z saturated"
INPUTS = {"domain": ["positive (sigmoid outputs)", "centred (a − E[a])", EDGE_SERIES],
          "range": [ACTIVATION_COLORS["sigmoid"], "#1f77b4", "#555555"]}
SWEEP_SERIES = {"signal_per_layer": "input spread (forward)", "gradient_per_layer": "gradient |dL/dz| (backward)"}
LOG = {"type": "log"}
TOP = {**_TOP, "labelLimit": 400}


# --- section 1: the signal through a deep net at init -------------------------------------------------------------
def histograms_chart(hist, zone=None, independent_x=False, panel_width=100):
    """hist: layer, left, right, share (only the layers to show); zone: (low, high) saturated activation values or None.
    One small histogram per layer, side by side; bins beyond the zone are drawn in the sigmoid's red."""
    mid = ((hist.left + hist.right) / 2).to_numpy()
    saturated = np.zeros(len(hist), bool) if zone is None else (mid < zone[0]) | (mid > zone[1])
    layers = [f"layer {layer}" for layer in hist.layer]
    df = pd.DataFrame({"layer": _text(layers), "left": hist.left.to_numpy(), "right": hist.right.to_numpy(),
                       "share": hist.share.to_numpy(),
                       "state": _text("saturated" if s else "not saturated" for s in saturated)})
    color = _f("state", "nominal", scale={"domain": ["not saturated", "saturated"],
                                          "range": ["#7f7f7f", ACTIVATION_COLORS["sigmoid"]]},
               legend={"orient": "top", "title": None} if zone is not None else None)
    spec = {
        "data": {"name": "hist"},
        "facet": {"column": _f("layer", "nominal", sort=list(dict.fromkeys(layers)), title=None)},
        "spacing": 8,
        "spec": {"width": panel_width, "height": 120, "mark": {"type": "rect"}, "encoding": {
            "x": _f("left", title="activation a", axis={"tickCount": 3, "format": ".2~g"}),
            "x2": {"field": "right"},
            "y": _f("share", title="share", axis={"format": ".0%", "tickCount": 4}),
            "y2": {"datum": 0},
            "color": color,
            "tooltip": [_f("layer", "nominal"), _f("left", format=".3g", title="from"),
                        _f("right", format=".3g", title="to"), _f("share", format=".1%")]}},
    }
    if independent_x:
        spec["resolve"] = {"scale": {"x": "independent"}}
    return Spec(spec, {"hist": df})


LAYER_X = _f("layer", title="layer", axis={"tickMinStep": 1, "format": "d"})


def share_chart(layers, column="saturated", title="% saturated", height=230):
    """layers: layer, `column` (a share in [0, 1]): the share of saturated (or dead) units per layer."""
    spec = {"data": {"name": "layers"}, "height": height,
            "mark": {"type": "line", "point": True, "color": ACTIVATION_COLORS["sigmoid"]},
            "encoding": {"x": LAYER_X, "y": _f(column, title=title, scale={"domain": [0, 1]}, axis={"format": ".0%"}),
                         "tooltip": [_f("layer"), _f(column, format=".1%", title=title)]}}
    return Spec(spec, {"layers": layers[["layer", column]]})


def spread_chart(layers, height=230):
    """layers: layer, act_std, signal: the activations' std over everything and each unit's std across inputs (log)."""
    df = pd.DataFrame({"layer": np.r_[layers.layer, layers.layer],
                       "measure": _text(["overall"] * len(layers) + ["across inputs"] * len(layers)),
                       "value": log_floor(np.r_[layers.act_std, layers.signal])})
    spec = {"data": {"name": "spread"}, "height": height, "mark": {"type": "line", "point": True},
            "encoding": {"x": LAYER_X,
                         "y": _f("value", title="std of a (log)", scale=LOG, axis={"format": ".0e"}),
                         "color": _f("measure", "nominal", legend=TOP,
                                     scale={"domain": ["overall", "across inputs"], "range": ["#7f7f7f", "#1f77b4"]}),
                         "tooltip": [_f("layer"), _f("measure", "nominal"), _f("value", format=".3g")]}}
    return Spec(spec, {"spread": df})


def gradient_chart(layers, height=230):
    """layers: layer, delta_norm, grad_norm: the backpropagated gradient |dL/dz| per layer (log); |dL/dW| in the
    tooltip."""
    df = pd.DataFrame({"layer": layers.layer.to_numpy(), "grad": log_floor(layers.delta_norm),
                       "dW": log_floor(layers.grad_norm)})
    spec = {"data": {"name": "grads"}, "height": height,
            "mark": {"type": "line", "point": True, "color": "#111111"},
            "encoding": {"x": LAYER_X, "y": _f("grad", title="|dL/dz| (log)", scale=LOG, axis={"format": ".0e"}),
                         "tooltip": [_f("layer"), _f("grad", format=".3g", title="|dL/dz|"),
                                     _f("dW", format=".3g", title="|dL/dW|")]}}
    return Spec(spec, {"grads": df})


def sweep_chart(frame, marks, height=320, font=14):
    """frame: sigma, signal_per_layer, gradient_per_layer; marks: {label: std}. Each factor per layer against the
    weight std (log-log), a dashed rule at 1 ('just right': steady) labelled at its left end, where the factors are
    small, and a tick labelled in `font` px at each named scheme's std, the label to the right of its tick (the
    first tick sits on the y axis, left of it are its labels)."""
    df = pd.DataFrame({
        "sigma": np.r_[frame.sigma, frame.sigma],
        "series": _text([SWEEP_SERIES["signal_per_layer"]] * len(frame) +
                        [SWEEP_SERIES["gradient_per_layer"]] * len(frame)),
        "factor": log_floor(np.r_[frame.signal_per_layer, frame.gradient_per_layer])})
    grouped = {}
    for name, std in marks.items():
        grouped.setdefault(round(std, 6), []).append(name)
    ticks = pd.DataFrame({"sigma": list(grouped), "scheme": _text(" = ".join(v) for v in grouped.values())})
    steady = pd.DataFrame({"sigma": [float(frame.sigma.min())], "factor": [1.0], "text": _text(["×1: just right"])})
    x = _f("sigma", title="weight scale s (log)", scale=LOG, axis={"format": ".0e", "tickCount": 4})
    y = _f("factor", title="factor per layer (log)", scale=LOG)
    spec = {"height": height, "layer": [
        {"data": {"name": "ticks"}, "mark": {"type": "rule", "color": "#bbbbbb"}, "encoding": {"x": x}},
        {"data": {"name": "ticks"}, "mark": {"type": "text", "angle": 270, "align": "right", "baseline": "top",
                                             "dx": -4, "dy": 3, "fontSize": font, "color": "#333333"},
         "encoding": {"x": x, "y": {"value": 0}, "text": _f("scheme", "nominal")}},
        {"data": {"name": "steady"}, "mark": {"type": "rule", "strokeDash": [6, 4], "color": "#555555"},
         "encoding": {"y": y}},
        {"data": {"name": "steady"}, "mark": {"type": "text", "align": "left", "baseline": "top", "dx": font + 8,
                                              "dy": 3, "fontSize": font, "color": "#555555"},  # past the first label
         "encoding": {"x": x, "y": y, "text": _f("text", "nominal")}},
        {"data": {"name": "sweep"}, "mark": {"type": "line", "point": True, "strokeWidth": 2.5},
         "encoding": {"x": x, "y": y,
                      "color": _f("series", "nominal", legend=TOP,
                                  scale={"domain": list(SWEEP_SERIES.values()), "range": ["#1f77b4", "#111111"]}),
                      "tooltip": [_f("series", "nominal"), _f("sigma", format=".3g", title="s"),
                                  _f("factor", format=".3f", title="per layer")]}},
    ]}
    return Spec(spec, {"sweep": df, "ticks": ticks, "steady": steady})


def sweep_share_chart(frame, column="saturated", title="% saturated", height=320):
    """frame: sigma, `column`: the share of saturated (or dead) units, averaged over layers, against the weight scale s."""
    spec = {"data": {"name": "share"}, "height": height,
            "mark": {"type": "line", "point": True, "color": ACTIVATION_COLORS["sigmoid"]},
            "encoding": {"x": _f("sigma", title="weight scale s (log)", scale=LOG, axis={"format": ".0e", "tickCount": 4}),
                         "y": _f(column, title=title, scale={"domain": [0, 1]}, axis={"format": ".0%"}),
                         "tooltip": [_f("sigma", format=".3g", title="s"), _f(column, format=".1%")]}}
    return Spec(spec, {"share": frame[["sigma", column]]})


# --- section 2: why large weights saturate -------------------------------------------------------------------------
def z_spread_chart(frame, sigma, edge, height=330):
    """frame: sigma, inputs, z_std, z_std_formula. The std of z against the weight scale s (log-log): the formula
    s √(n E[a²]) as lines, the measurement as points (large at the chosen `sigma`), and a line at the std `edge`
    where half of z is saturated."""
    edges = frame.sigma.unique()
    lines = pd.DataFrame({"sigma": np.r_[frame.sigma, edges],
                          "inputs": _text([*frame.inputs, *[EDGE_SERIES] * len(edges)]),
                          "z_std_formula": np.r_[frame.z_std_formula, np.full(len(edges), edge)]})
    points = pd.DataFrame({"sigma": frame.sigma.to_numpy(), "inputs": _text(frame.inputs),
                           "z_std": frame.z_std.to_numpy(), "chosen": np.isclose(frame.sigma, sigma)})
    x = _f("sigma", title="weight scale s (log)", scale=LOG, axis={"format": ".0e", "tickCount": 5})
    color = _f("inputs", "nominal", scale=INPUTS, legend=TOP)
    spec = {"height": height, "layer": [
        {"data": {"name": "lines"}, "mark": {"type": "line", "strokeWidth": 2},
         "encoding": {"x": x, "y": _f("z_std_formula", title="std of z (log)", scale=LOG, axis={"format": ".0e"}),
                      "color": color,
                      "tooltip": [_f("inputs", "nominal"), _f("sigma", format=".3g", title="s"),
                                  _f("z_std_formula", format=".3g", title="s √(n E[a²])")]}},
        {"data": {"name": "points"}, "mark": {"type": "point", "filled": True, "opacity": 0.9},
         "encoding": {"x": x, "y": _f("z_std"), "color": color,
                      "size": _f("chosen", "nominal", sort=[False, True],
                                 scale={"domain": [False, True], "range": [25, 220]}, legend=None),
                      "tooltip": [_f("inputs", "nominal"), _f("sigma", format=".3g", title="s"),
                                  _f("z_std", format=".3g", title="measured std of z")]}},
    ]}
    return Spec(spec, {"lines": lines, "points": points})


# --- section 4: training from each init ----------------------------------------------------------------------------
def _thin(curves, by):
    per_run = max(2, 2000 // max(curves[by].nunique(), 1))
    return pd.concat([downsample(g, per_run) for _, g in curves.groupby(by, sort=False)], ignore_index=True)


def scheme_color(labels, legend=True):
    """Colour by run (an init scheme's label), one fixed colour per scheme."""
    labels = list(labels)
    return _f("run", "nominal", title=None, scale={"domain": labels, "range": SCHEME_COLORS[:len(labels)]},
              legend={"orient": "top", "title": None, "columns": 4, "symbolStrokeWidth": 4} if legend else None)


def curve_chart(curves, now, epochs, column, title, color, dash=False, log=False, height=280, name="curves",
                width=None):
    """curves: run, epoch, `column`, frame (the first frame that shows the row), and activation, init when dash, the
    whole run; now: the same columns, each run's last row at each frame. One line per run drawn up to the frame
    charts.player.STEP shows, with a point at its end (so epoch 0 shows too), on axes that span the whole run (0..epochs,
    and every value of `column`) so playing does not rescale them; color: an encoding from scheme_color or
    activation_field; dash=True gives each init its own stroke dash. Data named `name` and `name`_now."""
    cols = ["run", "epoch", column, "frame"] + (["activation", "init"] if dash else [])
    thin, now = _plain(_thin(curves[cols], "run")), _plain(now[cols])
    values = curves[column].to_numpy(dtype=float)
    if log:
        thin, now = (d.assign(**{column: log_floor(d[column])}) for d in (thin, now))
        low, high = float(log_floor(values.min())), float(log_floor(values.max()))
        scale = {**LOG, "domain": [min(low, high / 2), high * 1.25], "clamp": True}  # room for the top point
    else:
        scale = {"domain": [float(values.min()), float(values.max())], "zero": False, "clamp": True}
    encoding = {"x": _f("epoch", title="epoch", scale={"domain": [0, int(epochs)]}),
                "y": _f(column, title=title, scale=scale),
                "color": color, "detail": _f("run", "nominal"),
                "tooltip": [_f("run", "nominal"), _f("epoch"), _f(column, format=".4f", title=title)]}
    line = {"data": {"name": name}, "transform": [{"filter": f"datum.frame <= {STEP}"}],
            "mark": {"type": "line", "strokeWidth": 2.5}}
    if dash:  # on the lines only, so that its legend draws dashes
        line["encoding"] = {"strokeDash": _f("init", "nominal", legend={"orient": "top", "title": None})}
    point = {"data": {"name": f"{name}_now"}, "transform": [{"filter": f"datum.frame == {STEP}"}],
             "mark": {"type": "point", "filled": True, "size": 50, "opacity": 1}}
    spec = {"height": height, **({"width": width} if width else {}), "encoding": encoding, "layer": [line, point]}
    return Spec(spec, {name: thin, f"{name}_now": now})


def held_out_chart(now, labels, chance, height=280, width=None):
    """now: run, held_out, frame (one row per run and frame); one bar per run at the frame STEP shows, in `labels`
    order and colours, and a dashed rule at the loss `chance` of answering 1/2 everywhere: a bar past it has learned
    nothing that holds on fresh points."""
    labels = list(labels)
    x = _f("held_out", title="held-out loss at the epoch shown", scale={"domainMin": 0})
    bars = {"data": {"name": "held_out"}, "transform": [{"filter": f"datum.frame == {STEP}"}], "mark": {"type": "bar"},
            "encoding": {
                "y": _f("run", "nominal", title="initial weights", sort=labels, axis={"labelOverlap": False}),
                "x": x,
                "color": _f("run", "nominal", scale={"domain": labels, "range": SCHEME_COLORS[:len(labels)]},
                            legend=None),
                "tooltip": [_f("run", "nominal"), _f("held_out", format=".3f", title="held-out loss")]}}
    rule = {"data": {"name": "chance"}, "mark": {"type": "rule", "strokeDash": [6, 4], "color": "#555555"},
            "encoding": {"x": x, "tooltip": [_f("held_out", format=".3f", title="chance level: ln 2")]}}
    spec = {"height": height, **({"width": width} if width else {}), "layer": [bars, rule]}
    return Spec(spec, {"held_out": _plain(now[["run", "held_out", "frame"]]),
                       "chance": pd.DataFrame({"held_out": [chance]})})


def change_chart(change, labels, row=30):
    """change: run, layer (its name: "layer 1" ... "output"), change (||W_end - W_start|| / ||W_start||): how far
    training moved each layer's weights, one row per run in `labels` order, a dot per layer coloured by layer, on a log
    axis (dots, not bars: a bar on a log axis has no zero to start from)."""
    layers = list(dict.fromkeys(change.layer))
    df = change.assign(change=log_floor(change.change.to_numpy(dtype=float)))
    bars = {"mark": {"type": "point", "filled": True, "size": 90, "opacity": 1}, "encoding": {
        "y": _f("run", "nominal", title="run", sort=list(labels), axis={"labelOverlap": False},
                scale={"type": "band"}),
        "x": _f("change", title="weights moved: ‖W_end − W_start‖ ÷ ‖W_start‖ (log)", scale=LOG,
                axis={"format": "~%"}),
        "color": _f("layer", "nominal", sort=layers, legend=TOP, scale={"scheme": "tableau10"}),
        "tooltip": [_f("run", "nominal"), _f("layer", "nominal"), _f("change", format=".1%", title="moved")]}}
    # rows `row` px tall, and the width fitted to the column, axes included (a stepped height would leave the width
    # to the plot alone and push the axis past the column's edge)
    return Spec({"data": {"name": "change"}, "height": row * len(labels), "autosize": {"type": "fit-x",
                 "contains": "padding"}, **bars}, {"change": _plain(df)})


def boundary_chart(grid, points, title, size=240, played=False):
    """grid: x0, x1, x0_end, x1_end, p (one frame), or p0, p1, ... in thousandths (one per frame, played=True: the
    heat map shows the column of the frame charts.player.STEP shows); points: x0, x1, label. P(class 1) as a heat map, data on top,
    the longer side `size` px and both axes at the same px per unit, so a circle stays a circle (it is the one panel
    of an hconcat: Streamlit stretches a plain chart to its column's width)."""
    dots = pd.DataFrame({"x0": points.x0.to_numpy(), "x1": points.x1.to_numpy(),
                         "cls": _text("1" if v == 1 else "0" for v in points.label)})
    x_domain = {"domain": [float(grid.x0.min()), float(grid.x0_end.max())], "nice": False}
    y_domain = {"domain": [float(grid.x1.min()), float(grid.x1_end.max())], "nice": False}
    spans = np.diff(x_domain["domain"])[0], np.diff(y_domain["domain"])[0]
    panel = {"width": round(size * spans[0] / max(spans)), "height": round(size * spans[1] / max(spans)), "layer": [
        {"data": {"name": "grid"}, "mark": {"type": "rect", "clip": True},
         "transform": [*([{"calculate": f"datum['p' + {STEP}] / 1000", "as": "p"}] if played else []),
                       {"calculate": "datum.x0_end + 0.2 * (datum.x0_end - datum.x0)", "as": "x0_over"},  # overlap:
                       {"calculate": "datum.x1_end + 0.2 * (datum.x1_end - datum.x1)", "as": "x1_over"}],  # no seams
         "encoding": {
            "x": _f("x0", title="x₁", axis={"grid": False}, scale=x_domain), "x2": {"field": "x0_over"},
            "y": _f("x1", title="x₂", axis={"grid": False}, scale=y_domain), "y2": {"field": "x1_over"},
            "color": _f("p", title="P(class 1)", scale={"scheme": "blueorange", "domain": [0, 1]},
                        legend={"orient": "right", "gradientLength": size // 2}),
            "tooltip": [_f("p", format=".3f", title="P(class 1)")]}},
        {"data": {"name": "dots"}, "mark": {"type": "point", "filled": True, "size": 40, "stroke": "white",
                                            "strokeWidth": 0.8, "opacity": 1},
         "encoding": {"x": _f("x0"), "y": _f("x1"),
                      "color": _f("cls", "nominal", scale={"domain": ["0", "1"], "range": ["#1f4e9c", "#d95f02"]},
                                  legend=None),
                      "tooltip": [_f("cls", "nominal", title="class")]}},
    ], "resolve": {"scale": {"color": "independent"}}}
    return Spec({"title": title, "hconcat": [panel], "usermeta": CANVAS}, {"grid": grid, "dots": dots})


def summary_chart(text, width=300, font=14):
    """text: frame, text (lines split by newlines): the frame STEP shows's text, as a chart panel (so it plays)."""
    return Spec({"data": {"name": "summary"}, "width": width, "height": 200,
                 "transform": [{"filter": f"datum.frame == {STEP}"}],
                 "mark": {"type": "text", "align": "left", "baseline": "top", "lineBreak": "\n", "fontSize": font,
                          "lineHeight": font + 6},
                 "encoding": {"x": {"value": 0}, "y": {"value": 10}, "text": _f("text", "nominal")}},
                {"summary": _plain(text)})


def training_chart(top, bottom, step, last):
    """The player of section 4: the two panels `top` (the curves and the held-out bars or top layer's mean) above
    the two `bottom` (the decision boundary, from boundary_chart, and summary_chart), all at the frame STEP shows,
    opening on `step` of 0..last."""
    units = [c.spec["hconcat"][0] | {"title": c.spec["title"]} if "hconcat" in c.spec else c.spec
             for c in [*top, *bottom]]
    units[0] = {**units[0], "layer": [{**units[0]["layer"][0], "params": [selection(step, last)]},
                                      *units[0]["layer"][1:]]}
    tables = {k: t for c in [*top, *bottom] for k, t in c.tables.items()}
    return Spec({"vconcat": [{"hconcat": units[:len(top)]}, {"hconcat": units[len(top):]}], "usermeta": CANVAS,
                 "resolve": {"scale": {"color": "independent"}, "legend": {"color": "independent"}}}, tables)
