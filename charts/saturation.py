"""Saturation page charts: a layer's z over the sigmoid, E[sigma'] against z's spread, gradient through depth,
Nielsen's neuron under two costs, and a deep net's hidden layers over training.

Written as Vega-Lite JSON (charts.spec says why); tests/test_saturation.py validates every spec against the schema."""
import numpy as np
import pandas as pd

from .base import ACTIVATION_COLORS, downsample, log_floor
from .player import STEP, selection
from .spec import TOP, Spec, n as _n, q as _q

SATURATED_COLOR = "#e45756"
UNSATURATED_COLOR = "#4c78a8"
COST_COLORS = {"quadratic": "#ff7f0e", "cross-entropy": "#6a3d9a"}
SIGMOID_RED = ACTIVATION_COLORS["sigmoid"]
CEILING = "σ' alone: ×1/4"
HEIGHT = 300


def _zone_color(domain=("saturated", "not saturated")):
    return _n("zone", legend=TOP, scale={"domain": list(domain), "range": [SATURATED_COLOR, UNSATURATED_COLOR]})


def _cost_color():
    names = list(COST_COLORS)
    return _n("cost_fn", legend=TOP, scale={"domain": names, "range": [COST_COLORS[n] for n in names]})


def _layer_color(layers):
    return {"field": "layer", "type": "ordinal", "title": "hidden layer", "legend": {"orient": "top"},
            "scale": {"scheme": "viridis", "domain": [int(v) for v in layers]}}


def sit_chart(hist, curve, edge):
    """hist: left, right, share (z histogram); curve: z, value, slope (sigmoid); edge: |z| where saturation starts.
    The histogram (right axis, bins past the edge in red) under sigma(z) (solid), sigma'(z) (dashed) and the two
    edges (dotted)."""
    half = float(hist["right"].max())
    centre = 0.5 * (hist["left"] + hist["right"])
    bars = hist[["left", "right", "share"]].assign(zone=np.where(np.abs(centre) > edge, "saturated", "not saturated"))
    long = pd.concat([pd.DataFrame({"z": curve["z"], "f": curve["value"], "curve": "σ(z)"}),
                      pd.DataFrame({"z": curve["z"], "f": curve["slope"], "curve": "σ'(z)"}),
                      pd.DataFrame({"z": [-edge, -edge], "f": [0.0, 1.0], "curve": "z = −edge"}),
                      pd.DataFrame({"z": [edge, edge], "f": [0.0, 1.0], "curve": "z = +edge"})], ignore_index=True)
    x_scale = {"domain": [-half, half], "nice": False}
    curves = ["σ(z)", "σ'(z)", "z = −edge", "z = +edge"]
    spec = {"height": HEIGHT, "layer": [
        {"data": {"name": "bars"}, "mark": {"type": "rect", "opacity": 0.7}, "encoding": {
            "x": _q("left", "z = w·x + b", scale=x_scale), "x2": {"field": "right"},
            "y": _q("share", "share of z values", axis={"orient": "right", "format": "%"}),
            "color": _zone_color(),
            "tooltip": [_q("left", "z from", format=".2f"), _q("share", format=".1%")]}},
        {"data": {"name": "lines"}, "mark": {"type": "line", "color": SIGMOID_RED}, "encoding": {
            "x": _q("z", "z = w·x + b", scale=x_scale),
            "y": _q("f", "σ(z) solid, σ'(z) dashed", scale={"domain": [0, 1]}),
            "strokeDash": _n("curve", legend=None, scale={"domain": curves, "range": [[1, 0], [6, 4], [2, 3], [2, 3]]}),
            "strokeWidth": _n("curve", legend=None, sort=curves,
                              scale={"domain": curves, "range": [3, 3, 1.5, 1.5]})}},
    ], "resolve": {"scale": {"y": "independent"}}}
    return Spec(spec, {"bars": bars, "lines": long})


def mean_slope_chart(curve, s, slope):
    """curve: s, mean_slope, wide (E[sigma'] for z ~ N(0, s^2) and its large-s limit); the layer's spread s and
    mean slope marked by a black line from (s, 0) up to (s, slope). Log s axis."""
    lo, hi = float(curve["s"].min()), float(curve["s"].max())
    wide = curve[curve["wide"] <= curve["mean_slope"].max()]
    here = min(max(s, lo), hi)
    names = ["E[σ'(z)]", "1/(s√2π)", "this layer"]
    long = pd.concat([pd.DataFrame({"s": curve["s"], "y": curve["mean_slope"], "curve": names[0]}),
                      pd.DataFrame({"s": wide["s"], "y": wide["wide"], "curve": names[1]}),
                      pd.DataFrame({"s": [here, here], "y": [0.0, slope], "curve": names[2]})], ignore_index=True)
    spec = {"data": {"name": "slope"}, "height": HEIGHT, "mark": {"type": "line", "strokeWidth": 3}, "encoding": {
        "x": _q("s", "spread of z (std s), log scale", scale={"type": "log", "domain": [lo, hi], "nice": False}),
        "y": _q("y", "mean σ'(z)", scale={"domain": [0, 0.26]}),
        "color": _n("curve", legend=TOP, scale={"domain": names, "range": [SIGMOID_RED, "#888888", "#000000"]}),
        "strokeDash": _n("curve", legend=TOP, scale={"domain": names, "range": [[1, 0], [5, 4], [1, 0]]}),
        "tooltip": [_n("curve"), _q("s", format=".2f"), _q("y", "mean σ'", format=".4f")]}}
    return Spec(spec, {"slope": long})


def depth_chart(frame, ceiling):
    """frame: activation, layer, relative (|delta_l| / |delta_top|); ceiling: layer, ceiling (0.25^(L - l)).
    One line per activation and the sigmoid's slope-only ceiling, log y."""
    names = list(frame["activation"].unique())
    long = pd.concat([frame[["activation", "layer", "relative"]],
                      pd.DataFrame({"activation": CEILING, "layer": ceiling["layer"], "relative": ceiling["ceiling"]})],
                     ignore_index=True)
    long["relative"] = log_floor(long["relative"])
    depth = int(frame["layer"].max())
    domain = names + [CEILING]
    spec = {"data": {"name": "depth"}, "height": HEIGHT + 20, "mark": {"type": "line", "strokeWidth": 3}, "encoding": {
        "x": _q("layer", "layer (1 = first; the gradient enters at the top)",
                scale={"domain": [1, depth], "nice": False}, axis={"tickMinStep": 1, "format": "d"}),
        "y": _q("relative", "|∂L/∂z| relative to the top layer", scale={"type": "log"}, axis={"format": "~e"}),
        "color": _n("activation", legend=TOP,
                    scale={"domain": domain, "range": [ACTIVATION_COLORS[n] for n in names] + [SIGMOID_RED]}),
        "strokeDash": _n("activation", legend=TOP,
                         scale={"domain": domain, "range": [[1, 0]] * len(names) + [[6, 4]]}),
        "tooltip": [_n("activation"), _q("layer"), _q("relative", "relative |∂L/∂z|", format=".2e")]}}
    return Spec(spec, {"depth": long})


def neuron_chart(run, frames, epochs, formulas, step, width=320):
    """Played by ui.chart_player from frame `step`, frame k showing epoch frames[k]. run: epoch, cost_fn, a, cost (nielsen's frame);
    formulas: frame, cost_fn, text (that cost's gradient at the frame's epoch, lines split by newlines).
    Output a and cost C (log) of both costs' runs up to the frame's epoch on a 0..epochs axis, a dot where each is
    now, the epoch in the title, and under them each cost's gradient with the frame's numbers."""
    run = downsample(run[["epoch", "cost_fn", "a", "cost"]])
    frames = np.asarray(frames)
    k = np.searchsorted(frames, run["epoch"])
    run = run.assign(cost=log_floor(run["cost"]), frame=k, head=frames[np.minimum(k, len(frames) - 1)] == run["epoch"])
    x = _q("epoch", scale={"domain": [0, max(epochs, 1)], "nice": False})

    def panel(column, title, log):
        """One run's measure over the epochs so far (solid) and now (dot)."""
        y = _q(column, title, scale={"type": "log"} if log else {"domain": [0, 1]})
        line = {"transform": [{"filter": f"datum.frame <= {STEP}"}], "mark": {"type": "line", "strokeWidth": 3},
                "encoding": {"tooltip": [_n("cost_fn", "cost"), _q("epoch"), _q(column, title, format=".4f")]}}
        now = {"transform": [{"filter": f"datum.head && datum.frame == {STEP}"}],
               "mark": {"type": "point", "filled": True, "size": 90, "opacity": 1}}
        return {"width": width, "height": 240, "encoding": {"x": x, "y": y, "color": _cost_color()}, "layer": [line, now]}

    def formula(cost_fn, heading):
        """One cost's gradient at the frame's epoch, as text."""
        return {"data": {"name": "formulas"}, "width": width, "height": 70,
                "title": {"text": heading, "anchor": "start", "color": COST_COLORS[cost_fn]},
                "transform": [{"filter": f"datum.frame == {STEP} && datum.cost_fn == '{cost_fn}'"}],
                "mark": {"type": "text", "align": "left", "baseline": "top", "lineBreak": "\n", "fontSize": 16,
                         "x": 0, "y": 0},
                "encoding": {"text": {"field": "text", "type": "nominal"}}}

    output, cost = panel("a", "output a (target 0)", False), panel("cost", "cost C (log scale)", True)
    output["layer"][0]["params"] = [selection(step, len(frames) - 1)]
    epoch = f"{[int(e) for e in frames]}[{STEP}]"
    spec = {"title": {"text": {"expr": f"'Epoch ' + {epoch} + ' of {epochs}'"}, "anchor": "start"},
            "vconcat": [{"data": {"name": "neuron"}, "hconcat": [output, cost]},
                        {"hconcat": [formula("quadratic", "Quadratic cost C = (a − y)²/2"),
                                     formula("cross-entropy", "Cross-entropy C = −[y ln a + (1 − y) ln(1 − a)]")]}]}
    return Spec(spec, {"neuron": run, "formulas": formulas})


def training_chart(layers, epoch, epochs, output_range=(0.0, 1.0)):
    """layers: epoch, layer, act_mean, saturated (deep_run's); each hidden layer's mean activation (solid) and
    share saturated (dashed) up to `epoch` on a 0..epochs axis; y spans the activation's output range."""
    layers = layers[layers["epoch"] <= epoch]
    long = pd.concat([layers[["epoch", "layer"]].assign(value=layers["act_mean"], measure="mean activation"),
                      layers[["epoch", "layer"]].assign(value=layers["saturated"], measure="share saturated")],
                     ignore_index=True)
    long = downsample(long, 4000)
    spec = {"data": {"name": "layers"}, "height": HEIGHT, "mark": {"type": "line", "strokeWidth": 3}, "encoding": {
        "x": _q("epoch", scale={"domain": [0, max(epochs, 1)], "nice": False}),
        "y": _q("value", "mean a, share saturated", scale={"domain": [min(output_range[0], 0.0), 1.0]}),
        "color": _layer_color(sorted(layers["layer"].unique())),
        "strokeDash": _n("measure", legend=TOP, scale={"domain": ["mean activation", "share saturated"],
                                                        "range": [[1, 0], [6, 4]]}),
        "tooltip": [_n("measure"), {"field": "layer", "type": "ordinal"}, _q("epoch"), _q("value", format=".3f")]}}
    return Spec(spec, {"layers": long})


def ridgeline_chart(hist, epoch, bands, output_range):
    """hist: epoch, layer, left, right, share (deep_run's); each hidden layer's activation histogram at `epoch`,
    one row per layer (bar heights relative to the tallest), bins inside a saturated band (bands: x, x2) in red."""
    rows = hist[hist["epoch"] == epoch]
    top = max(float(rows["share"].max()), 1e-12)
    centre = 0.5 * (rows["left"] + rows["right"])
    saturated = np.zeros(len(rows), dtype=bool)
    for lo, hi in zip(bands["x"], bands["x2"]):
        saturated |= (centre >= lo) & (centre <= hi)
    rows = rows.assign(base=rows["layer"].astype(float), top=rows["layer"] + 0.9 * rows["share"] / top,
                       zone=np.where(saturated, "saturated", "not saturated"))
    layers = [int(v) for v in sorted(rows["layer"].unique())]
    spec = {"data": {"name": "rows"}, "height": HEIGHT, "mark": {"type": "rect"}, "encoding": {
        "x": _q("left", "activation a", scale={"domain": [float(v) for v in output_range], "nice": False}),
        "x2": {"field": "right"},
        "y": _q("base", "hidden layer", scale={"domain": [min(layers), max(layers) + 1], "nice": False},
                axis={"values": layers, "format": "d"}),
        "y2": {"field": "top"},
        "color": _zone_color(),
        "tooltip": [{"field": "layer", "type": "ordinal"}, _q("left", "a from", format=".2f"),
                    _q("share", format=".1%")]}}
    return Spec(spec, {"rows": rows})
