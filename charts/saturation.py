"""Saturation page charts: a layer's z over the sigmoid, E[sigma'] against std z, gradient through depth, Nielsen's
neuron under two costs (played), and a deep net's hidden layers over training (played).

Written as Vega-Lite JSON (charts.spec says why); tests/test_charts_saturation.py validates every spec against the
schema."""
import numpy as np
import pandas as pd

from .base import ACTIVATION_COLORS, downsample, label_expr, log_floor
from .player import STEP, selection
from .spec import TOP, Spec, compact, field as _f

SATURATED_COLOR = "#e45756"
NEAR_COLOR = "#f2b447"
UNSATURATED_COLOR = "#4c78a8"
COST_COLORS = {"quadratic": "#ff7f0e", "cross-entropy": "#6a3d9a"}
LAYER_COLORS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a"]
"""Hidden layers 1-4: four hues apart (ColorBrewer Dark2), told apart on a washed-out projector."""
SIGMOID_RED = ACTIVATION_COLORS["sigmoid"]
CEILING = "σ' alone: ×1/4"
HEIGHT = 300
PLAYED_HEIGHT = 240
"""Section 4's panels: lower, so that with their three legends they fit a projector's screen."""
STROKES = {"orient": "top", "title": None, "symbolType": "stroke", "symbolStrokeWidth": 3, "symbolSize": 600}
"""A legend of line styles drawn as long strokes: a short dash and a solid line look alike otherwise."""
DARK_STROKES = STROKES | {"symbolStrokeColor": "#333333"}
"""The same for a legend of line styles alone (no colour of its own)."""
CORNER = STROKES | {"orient": "bottom-left", "direction": "vertical", "fillColor": "#ffffffcc"}
"""A line legend inside the plot's bottom-left corner, where a curve falling from the top left leaves room: a narrow
column's chart keeps its width and height for the plot."""
"""The same for a legend of line styles alone (no colour of its own)."""
STACKED = {"orient": "top", "title": None, "direction": "vertical"}
"""A legend of entries one under another: it takes no width from a narrow panel."""
SOLID, DASHED, DOTTED = [1, 0], [8, 5], [2, 3]


def _zone_color(domain, colors, legend=TOP):
    return _f("zone", "nominal", title=None, legend=legend, scale={"domain": list(domain), "range": list(colors)})


def _cost_color():
    names = list(COST_COLORS)
    return _f("cost_fn", "nominal", title=None, legend=TOP,
              scale={"domain": names, "range": [COST_COLORS[n] for n in names]})


def _layer_color(layers):
    layers = [int(v) for v in layers]
    return _f("layer", "ordinal", title="hidden layer", legend={"orient": "top"},
              scale={"domain": layers, "range": [LAYER_COLORS[(v - 1) % len(LAYER_COLORS)] for v in layers]})


def sit_chart(hist, curve, edge):
    """hist: left, right, share (z histogram); curve: z, value, slope (sigmoid); edge: |z| where saturation starts.
    The histogram (right axis, bins past the edge in red) under sigma(z) (solid), sigma'(z) (dashed) and the two
    edges (dotted), on the histogram's z axis (fixed across presets: experiments.saturation.Z_HALF)."""
    half = float(hist["right"].max())
    centre = 0.5 * (hist["left"] + hist["right"])
    zones = ("saturated", "not saturated")
    bars = hist[["left", "right", "share"]].assign(zone=np.where(np.abs(centre) > edge, *zones))
    curves = ["σ(z)", "σ'(z)", "z = −edge", "z = +edge"]
    long = pd.concat([pd.DataFrame({"z": curve["z"], "f": curve["value"], "curve": curves[0]}),
                      pd.DataFrame({"z": curve["z"], "f": curve["slope"], "curve": curves[1]}),
                      pd.DataFrame({"z": [-edge, -edge], "f": [0.0, 1.0], "curve": curves[2]}),
                      pd.DataFrame({"z": [edge, edge], "f": [0.0, 1.0], "curve": curves[3]})], ignore_index=True)
    x_scale = {"domain": [-half, half], "nice": False}
    histogram = {"data": {"name": "bars"}, "mark": {"type": "rect", "opacity": 0.7}, "encoding": {
        "x": _f("left", title="z = w·x + b", scale=x_scale), "x2": {"field": "right"},
        "y": _f("share", title="share of z values", axis={"orient": "right", "format": "%"}),
        "color": _zone_color(zones, (SATURATED_COLOR, UNSATURATED_COLOR)),
        "tooltip": [_f("left", title="z from", format=".2f"), _f("share", format=".1%")]}}
    sigmoid = {"data": {"name": "lines"}, "mark": {"type": "line", "color": SIGMOID_RED}, "encoding": {
        "x": _f("z", title="z = w·x + b", scale=x_scale),
        "y": _f("f", title="σ(z) solid, σ'(z) dashed", scale={"domain": [0, 1]}),
        "strokeDash": _f("curve", "nominal", legend=None,
                         scale={"domain": curves, "range": [SOLID, [6, 4], DOTTED, DOTTED]}),
        "strokeWidth": _f("curve", "nominal", legend=None, sort=curves,
                          scale={"domain": curves, "range": [3, 3, 1.5, 1.5]})}}
    return Spec({"height": HEIGHT, "layer": [histogram, sigmoid], "resolve": {"scale": {"y": "independent"}}},
                {"bars": bars, "lines": long})


def mean_slope_chart(curve, s, slope):
    """curve: s, mean_slope, wide (E[sigma'] for z ~ N(0, s^2) and its large-s limit 1/(s sqrt(2 pi))); the layer's
    std z and mean slope marked by a black line from (s, 0) up to (s, slope). Log s axis, the legend in its empty
    bottom-left corner."""
    lo, hi = float(curve["s"].min()), float(curve["s"].max())
    wide = curve[curve["wide"] <= curve["mean_slope"].max()]
    here = min(max(s, lo), hi)
    names = ["E[σ'(z)]", "large-z limit", "this layer"]
    long = pd.concat([pd.DataFrame({"s": curve["s"], "y": curve["mean_slope"], "curve": names[0]}),
                      pd.DataFrame({"s": wide["s"], "y": wide["wide"], "curve": names[1]}),
                      pd.DataFrame({"s": [here, here], "y": [0.0, slope], "curve": names[2]})], ignore_index=True)
    lines = {"data": {"name": "slope"}, "mark": {"type": "line", "strokeWidth": 3}, "encoding": {
        "x": _f("s", title="std z, log scale", scale={"type": "log", "domain": [lo, hi], "nice": False}),
        "y": _f("y", title="mean σ'(z)", scale={"domain": [0, 0.26]}),
        "color": _f("curve", "nominal", title=None, legend=CORNER,
                    scale={"domain": names, "range": [SIGMOID_RED, "#888888", "#000000"]}),
        "strokeDash": _f("curve", "nominal", title=None, legend=CORNER,
                         scale={"domain": names, "range": [SOLID, [5, 4], SOLID]}),
        "tooltip": [_f("curve", "nominal"), _f("s", title="std z", format=".2f"),
                    _f("y", title="mean σ'", format=".4f")]}}
    return Spec({"height": HEIGHT, "layer": [lines]}, {"slope": long})


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
    legend = STROKES | {"labelExpr": label_expr()}
    lines = {"data": {"name": "depth"}, "mark": {"type": "line", "strokeWidth": 3}, "encoding": {
        "x": _f("layer", title="layer (1 = first; the gradient enters at the top)",
                scale={"domain": [1, depth], "nice": False}, axis={"tickMinStep": 1, "format": "d"}),
        "y": _f("relative", title="|∂L/∂z| relative to the top layer", scale={"type": "log"},
                axis={"format": "~e"}),
        "color": _f("activation", "nominal", title=None, legend=legend,
                    scale={"domain": domain, "range": [ACTIVATION_COLORS[n] for n in names] + [SIGMOID_RED]}),
        "strokeDash": _f("activation", "nominal", title=None, legend=legend,
                         scale={"domain": domain, "range": [SOLID] * len(names) + [[6, 4]]}),
        "tooltip": [_f("activation", "nominal"), _f("layer"),
                    _f("relative", title="relative |∂L/∂z|", format=".2e")]}}
    return Spec({"height": HEIGHT + 20, "layer": [lines]}, {"depth": long})


def _played(rows, frames):
    """rows (with an epoch column) tagged with the first frame whose epoch reaches them (frame) and whether their
    epoch is a frame's own (head)."""
    frames = np.asarray(frames)
    k = np.searchsorted(frames, rows["epoch"])
    return rows.assign(frame=k, head=frames[np.minimum(k, len(frames) - 1)] == rows["epoch"])


def neuron_chart(run, frames, epochs, formulas, step, width=320):
    """Played by ui.chart_player from frame `step`, frame k showing epoch frames[k]. run: epoch, cost_fn, a, cost
    (nielsen's frame); formulas: frame, cost_fn, text (that cost's gradient at the frame's epoch, lines split by
    newlines). Output a and cost C (log) of both costs' runs up to the frame's epoch on fixed axes (0..epochs, and
    the whole run's cost range: nothing rescales while it plays), a dot where each is now, the epoch in the title,
    and under them each cost's gradient with the frame's numbers. width: each panel's."""
    run = downsample(run[["epoch", "cost_fn", "a", "cost"]])
    run = _played(run.assign(cost=log_floor(run["cost"])), frames)
    x = _f("epoch", title="epoch", scale={"domain": [0, max(epochs, 1)], "nice": False})
    cost_range = [float(run["cost"].min()), float(run["cost"].max())]

    def panel(column, title, scale):
        """One measure of both runs over the epochs so far (solid) and now (dot)."""
        y = _f(column, title=title, scale=scale)
        line = {"transform": [{"filter": f"datum.frame <= {STEP}"}], "mark": {"type": "line", "strokeWidth": 3},
                "encoding": {"tooltip": [_f("cost_fn", "nominal", title="cost"), _f("epoch"),
                                         _f(column, title=title, format=".4f")]}}
        now = {"transform": [{"filter": f"datum.head && datum.frame == {STEP}"}],
               "mark": {"type": "point", "filled": True, "size": 90, "opacity": 1}}
        return {"width": width, "height": 220, "encoding": {"x": x, "y": y, "color": _cost_color()},
                "layer": [line, now]}

    def formula(cost_fn, heading):
        """One cost's gradient at the frame's epoch, as text."""
        return {"data": {"name": "formulas"}, "width": width, "height": 70,
                "title": {"text": heading, "anchor": "start", "color": COST_COLORS[cost_fn]},
                "transform": [{"filter": f"datum.frame == {STEP} && datum.cost_fn == '{cost_fn}'"}],
                "mark": {"type": "text", "align": "left", "baseline": "top", "lineBreak": "\n", "fontSize": 16,
                         "x": 0, "y": 0},
                "encoding": {"text": {"field": "text", "type": "nominal"}}}

    output = panel("a", "output a (target 0)", {"domain": [0, 1]})
    cost = panel("cost", "cost C (log scale)", {"type": "log", "domain": cost_range, "nice": False})
    output["layer"][0]["params"] = [selection(step, len(frames) - 1)]
    quadratic = formula("quadratic", "Quadratic: C = (a − y)²/2")
    cross_entropy = formula("cross-entropy", "Cross-entropy: C = −[y ln a + (1 − y) ln(1 − a)]")
    epoch = f"{[int(e) for e in frames]}[{STEP}]"
    spec = {"title": {"text": {"expr": f"'Epoch ' + {epoch} + ' of {epochs}'"}, "anchor": "start"},
            "vconcat": [{"data": {"name": "neuron"}, "hconcat": [output, cost]},
                        {"hconcat": [quadratic, cross_entropy]}]}
    return Spec(spec, {"neuron": compact(run), "formulas": compact(formulas)})


ZONES = {"saturated": "saturated", "near": "near 0 or 1", "neither": "in between"}
"""The zones of a, by experiments.saturation's band keys, as the legend names them (a page may rename them)."""


def training_chart(layers, hist, frames, epochs, bands, step, output_range=(0.0, 1.0), width=260, zones=ZONES):
    """Played by ui.chart_player from frame `step`, frame k showing epoch frames[k] (deep_run's epochs_shown).
    layers: epoch, layer, act_mean, near, saturated, loss, accuracy (deep_run's); hist: epoch, layer, left, right,
    share (its histograms at the frames' epochs); bands: zone, x, x2 (the saturated and the looser near-the-ends
    bands of a, zone "near" or "saturated"); zones: their names, and the name of "neither". Two panels side by side:
    each hidden layer's histogram of a at the frame's epoch (one row per layer, bins in a band coloured, its mean a
    a black triangle), and each
    layer's share of units near the ends (the looser reading, solid) and saturated (the strict one, dashed) so far,
    on fixed axes (epoch on a symlog scale); the epoch, loss and accuracy in the title. width: each panel's."""
    names = [zones[k] for k in ("saturated", "near", "neither")]
    lo, hi = (float(v) for v in output_range)
    present = [int(v) for v in sorted(layers["layer"].unique())]
    rows = hist[hist["epoch"].isin(frames) & (hist["share"] > 0)]  # an empty bin draws nothing: not sent
    top = rows.groupby(["epoch"])["share"].transform("max").clip(lower=1e-12)
    centre = 0.5 * (rows["left"] + rows["right"])
    zone = np.full(len(rows), names[2], dtype=object)
    for key in ("near", "saturated"):  # the saturated bands lie inside the near ones: they win
        for band in bands[bands["zone"] == key].itertuples():
            zone[((centre >= band.x) & (centre <= band.x2)).to_numpy()] = zones[key]
    rows = rows.assign(frame=np.searchsorted(frames, rows["epoch"]), base=rows["layer"].astype(float),
                       top=rows["layer"] + 0.9 * rows["share"] / top, zone=zone)
    measures = {"near": names[1], "saturated": names[0]}
    n = len(layers)
    shares = pd.DataFrame({"epoch": np.tile(layers["epoch"].to_numpy(), 2),
                           "layer": np.tile(layers["layer"].to_numpy(), 2),
                           "measure": np.repeat(list(measures.values()), n),
                           "share": np.concatenate([layers[k].to_numpy() for k in measures])})
    shares = _played(downsample(shares, 4000), frames)
    ticks = sorted({e for e in (0, 1, 3, 10, 30, 100) if e < epochs} | {epochs})
    x = _f("epoch", title="epoch (symlog scale)",
           scale={"type": "symlog", "domain": [0, max(epochs, 1)], "nice": False},
           axis={"values": ticks, "format": "d"})
    color = _layer_color(present) | {"legend": {"orient": "right", "symbolType": "stroke", "symbolStrokeWidth": 3}}
    so_far = [{"filter": f"datum.frame <= {STEP}"}]
    y = _f("base", title="hidden layer (▲: its mean a)", axis={"values": present, "format": "d"},
           scale={"domain": [min(present), max(present) + 1], "nice": False})
    means = layers.loc[layers["epoch"].isin(frames), ["epoch", "layer", "act_mean"]]
    means = means.assign(frame=np.searchsorted(frames, means["epoch"]), base=means["layer"].astype(float))

    histogram = {"data": {"name": "hist"}, "transform": [{"filter": f"datum.frame == {STEP}"}],
                 "mark": {"type": "rect"}, "encoding": {
                     "x": _f("left", title="activation a", scale={"domain": [lo, hi], "nice": False}),
                     "x2": {"field": "right"},
                     "y": y,
                     "y2": {"field": "top"},
                     "color": _zone_color(names, (SATURATED_COLOR, NEAR_COLOR, UNSATURATED_COLOR), STACKED),
                     "tooltip": [_f("layer", "ordinal"), _f("left", title="a from", format=".2f"),
                                 _f("share", format=".1%")]}}
    mean = {"data": {"name": "means"}, "transform": [{"filter": f"datum.frame == {STEP}"}],
            "mark": {"type": "point", "shape": "triangle-up", "filled": True, "size": 140, "color": "black",
                     "opacity": 1, "yOffset": 6}, "encoding": {
                "x": _f("act_mean", title="activation a", scale={"domain": [lo, hi], "nice": False}), "y": y,
                "tooltip": [_f("layer", "ordinal"), _f("act_mean", title="mean a", format=".3f")]}}
    histogram["params"] = [selection(step, len(frames) - 1)]
    ridgeline = {"width": width, "height": PLAYED_HEIGHT, "layer": [histogram, mean]}
    share_lines = {"data": {"name": "shares"}, "width": width, "height": PLAYED_HEIGHT, "transform": so_far,
                   "mark": {"type": "line", "strokeWidth": 3}, "encoding": {
                       "x": x, "y": _f("share", title="share of the layer's units", scale={"domain": [0, 1]},
                                       axis={"format": "%"}),
                       "color": color,
                       "strokeDash": _f("measure", "nominal", title=None, legend=DARK_STROKES,
                                        scale={"domain": list(measures.values()), "range": [SOLID, DASHED]}),
                       "tooltip": [_f("measure", "nominal"), _f("layer", "ordinal"), _f("epoch"),
                                   _f("share", format=".1%")]}}
    epoch = f"{[int(e) for e in frames]}[{STEP}]"
    now = layers.drop_duplicates("epoch").set_index("epoch").reindex(frames)
    states = [f"loss {loss:.3f}, accuracy {acc:.0%}" for loss, acc in zip(now["loss"], now["accuracy"])]
    title = {"text": {"expr": f"'Epoch ' + {epoch} + ' of {epochs}: ' + {states}[{STEP}]"}, "anchor": "start"}
    spec = {"title": title, "hconcat": [ridgeline, share_lines],
            "resolve": {"scale": {"color": "independent"}, "legend": {"color": "independent"}}}
    return Spec(spec, {"hist": compact(rows), "means": compact(means), "shares": compact(shares)})

