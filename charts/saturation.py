"""Saturation page charts: a layer's z over the sigmoid, E[sigma'] against z's spread, gradient through depth,
Nielsen's neuron under two costs, and a deep net's hidden layers over training.

Each chart is a rerun's cost (Altair builds, deep-copies and validates every layer), so these keep to one or two
layers, give channels their field and type (no shorthand strings to parse), set sizes in the constructor
(`.properties()` validates again), build without Altair's per-object validation, and skip the JSON-schema check
of the finished spec when Streamlit serializes it: tests/test_saturation.py validates every builder's spec."""
import functools

import altair as alt
import numpy as np
import pandas as pd
from altair.utils.schemapi import debug_mode

from .base import ACTIVATION_COLORS, downsample, log_floor

SATURATED_COLOR = "#e45756"
UNSATURATED_COLOR = "#4c78a8"
COST_COLORS = {"quadratic": "#ff7f0e", "cross-entropy": "#6a3d9a"}
SIGMOID_RED = ACTIVATION_COLORS["sigmoid"]
CEILING = "σ' ≤ 1/4 ceiling"
HEIGHT = 300


class Chart(alt.Chart):
    """An alt.Chart whose to_dict() skips the JSON-schema check by default (ask for it with validate=True)."""

    def to_dict(self, validate=False, **kwargs):
        return super().to_dict(validate=validate, **kwargs)


class LayerChart(alt.LayerChart):
    """An alt.LayerChart whose to_dict() skips the JSON-schema check by default (ask for it with validate=True)."""

    def to_dict(self, validate=False, **kwargs):
        return super().to_dict(validate=validate, **kwargs)


def _built_fast(builder):
    """Build the chart with Altair's debug mode off: it validates every schema object as it is created."""
    @functools.wraps(builder)
    def build(*args, **kwargs):
        with debug_mode(False):
            return builder(*args, **kwargs)
    return build


def _q(field, title=None, **kw):
    """A quantitative field definition (for alt.X(**...), alt.Y(**...) and friends)."""
    return {"field": field, "type": "quantitative", "title": title, **kw}


def _n(field, title=None, **kw):
    """A nominal field definition."""
    return {"field": field, "type": "nominal", "title": title, **kw}


def _zone_color(domain=("saturated", "not saturated")):
    return alt.Color(**_n("zone"), legend=alt.Legend(orient="top", title=None),
                     scale=alt.Scale(domain=list(domain), range=[SATURATED_COLOR, UNSATURATED_COLOR]))


def _cost_color():
    names = list(COST_COLORS)
    return alt.Color(**_n("cost_fn"), legend=alt.Legend(orient="top", title=None),
                     scale=alt.Scale(domain=names, range=[COST_COLORS[n] for n in names]))


def _layer_color(layers):
    return alt.Color(field="layer", type="ordinal", title="hidden layer", legend=alt.Legend(orient="top"),
                     scale=alt.Scale(scheme="viridis", domain=list(layers)))


@_built_fast
def sit_chart(hist, curve, edge):
    """hist: left, right, share (z histogram); curve: z, value, slope (sigmoid); edge: |z| where saturation starts.
    The histogram (right axis, bins past the edge in red) under sigma(z) (solid), sigma'(z) (dashed) and the two
    edges (dotted)."""
    half = float(hist["right"].max())
    centre = 0.5 * (hist["left"] + hist["right"])
    bars = hist.assign(zone=np.where(np.abs(centre) > edge, "saturated", "not saturated"))
    long = pd.concat([pd.DataFrame({"z": curve["z"], "f": curve["value"], "curve": "σ(z)"}),
                      pd.DataFrame({"z": curve["z"], "f": curve["slope"], "curve": "σ'(z)"}),
                      pd.DataFrame({"z": [-edge, -edge], "f": [0.0, 1.0], "curve": "z = −edge"}),
                      pd.DataFrame({"z": [edge, edge], "f": [0.0, 1.0], "curve": "z = +edge"})], ignore_index=True)
    x_scale = alt.Scale(domain=[-half, half], nice=False)
    hist_layer = Chart(bars).mark_rect(opacity=0.7).encode(
        x=alt.X(**_q("left", "z = w·x + b"), scale=x_scale), x2=alt.X2(field="right"),
        y=alt.Y(**_q("share", "share of z values"), axis=alt.Axis(orient="right", format="%")),
        color=_zone_color(), tooltip=[alt.Tooltip(**_q("left", "z from", format=".2f")),
                                      alt.Tooltip(**_q("share", format=".1%"))])
    lines = Chart(long).mark_line(color=SIGMOID_RED).encode(
        x=alt.X(**_q("z"), scale=x_scale),
        y=alt.Y(**_q("f", "σ(z) solid, σ'(z) dashed"), scale=alt.Scale(domain=[0, 1])),
        strokeDash=alt.StrokeDash(**_n("curve"), legend=None,
                                  scale=alt.Scale(domain=["σ(z)", "σ'(z)", "z = −edge", "z = +edge"],
                                                  range=[[1, 0], [6, 4], [2, 3], [2, 3]])),
        strokeWidth=alt.StrokeWidth(**_n("curve"), legend=None,
                                    scale=alt.Scale(domain=["σ(z)", "σ'(z)", "z = −edge", "z = +edge"],
                                                    range=[3, 3, 1.5, 1.5])))
    return LayerChart(layer=[hist_layer, lines], height=HEIGHT).resolve_scale(y="independent")


@_built_fast
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
    return Chart(long, height=HEIGHT).mark_line(strokeWidth=3).encode(
        x=alt.X(**_q("s", "spread of z (std s), log scale"), scale=alt.Scale(type="log", domain=[lo, hi], nice=False)),
        y=alt.Y(**_q("y", "mean σ'(z)"), scale=alt.Scale(domain=[0, 0.26])),
        color=alt.Color(**_n("curve"), legend=alt.Legend(orient="top", title=None),
                        scale=alt.Scale(domain=names, range=[SIGMOID_RED, "#888888", "#000000"])),
        strokeDash=alt.StrokeDash(**_n("curve"), legend=None,
                                  scale=alt.Scale(domain=names, range=[[1, 0], [5, 4], [1, 0]])),
        tooltip=[alt.Tooltip(**_n("curve")), alt.Tooltip(**_q("s", format=".2f")),
                 alt.Tooltip(**_q("y", "mean σ'", format=".4f"))])


@_built_fast
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
    return Chart(long, height=HEIGHT + 20).mark_line(strokeWidth=3).encode(
        x=alt.X(**_q("layer", "layer (1 = first; the gradient enters at the top)"),
                scale=alt.Scale(domain=[1, depth], nice=False), axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y(**_q("relative", "|∂L/∂z| relative to the top layer"), scale=alt.Scale(type="log"),
                axis=alt.Axis(format="~e")),
        color=alt.Color(**_n("activation"), legend=alt.Legend(orient="top", title=None),
                        scale=alt.Scale(domain=domain, range=[ACTIVATION_COLORS[n] for n in names] + [SIGMOID_RED])),
        strokeDash=alt.StrokeDash(**_n("activation"), legend=None,
                                  scale=alt.Scale(domain=domain, range=[[1, 0]] * len(names) + [[6, 4]])),
        tooltip=[alt.Tooltip(**_n("activation")), alt.Tooltip(**_q("layer")),
                 alt.Tooltip(**_q("relative", "relative |∂L/∂z|", format=".2e"))])


@_built_fast
def neuron_chart(run, column, title, epoch, epochs, log=False):
    """run: epoch, cost_fn, `column` (nielsen's frame); both costs' runs drawn up to `epoch` on a 0..epochs axis."""
    run = downsample(run.loc[run["epoch"] <= epoch, ["epoch", "cost_fn", column]])
    if log:
        run = run.assign(**{column: log_floor(run[column])})
    y_scale = alt.Scale(type="log") if log else alt.Scale(domain=[0, 1])
    return Chart(run, height=240).mark_line(strokeWidth=3, point=len(run) <= 12).encode(
        x=alt.X(**_q("epoch"), scale=alt.Scale(domain=[0, max(epochs, 1)], nice=False)),
        y=alt.Y(**_q(column, title), scale=y_scale),
        color=_cost_color(),
        tooltip=[alt.Tooltip(**_n("cost_fn", "cost")), alt.Tooltip(**_q("epoch")),
                 alt.Tooltip(**_q(column, title, format=".4f"))])


@_built_fast
def training_chart(layers, epoch, epochs, output_range=(0.0, 1.0)):
    """layers: epoch, layer, act_mean, saturated (deep_run's); each hidden layer's mean activation (solid) and
    share saturated (dashed) up to `epoch` on a 0..epochs axis; y spans the activation's output range."""
    layers = layers[layers["epoch"] <= epoch]
    long = pd.concat([layers[["epoch", "layer"]].assign(value=layers["act_mean"], measure="mean activation"),
                      layers[["epoch", "layer"]].assign(value=layers["saturated"], measure="share saturated")],
                     ignore_index=True)
    long = downsample(long, 4000)
    return Chart(long, height=HEIGHT).mark_line(strokeWidth=3).encode(
        x=alt.X(**_q("epoch"), scale=alt.Scale(domain=[0, max(epochs, 1)], nice=False)),
        y=alt.Y(**_q("value", "mean a, share saturated"),
                scale=alt.Scale(domain=[min(output_range[0], 0.0), 1.0])),
        color=_layer_color(sorted(layers["layer"].unique())),
        strokeDash=alt.StrokeDash(**_n("measure"), legend=alt.Legend(orient="top", title=None),
                                  scale=alt.Scale(domain=["mean activation", "share saturated"],
                                                  range=[[1, 0], [6, 4]])),
        tooltip=[alt.Tooltip(**_n("measure")), alt.Tooltip(field="layer", type="ordinal"),
                 alt.Tooltip(**_q("epoch")), alt.Tooltip(**_q("value", format=".3f"))])


@_built_fast
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
    layers = sorted(rows["layer"].unique())
    return Chart(rows, height=HEIGHT).mark_rect().encode(
        x=alt.X(**_q("left", "activation a"), scale=alt.Scale(domain=list(output_range), nice=False)),
        x2=alt.X2(field="right"),
        y=alt.Y(**_q("base", "hidden layer"), scale=alt.Scale(domain=[min(layers), max(layers) + 1], nice=False),
                axis=alt.Axis(values=layers, format="d")),
        y2=alt.Y2(field="top"),
        color=_zone_color(),
        tooltip=[alt.Tooltip(field="layer", type="ordinal"), alt.Tooltip(**_q("left", "a from", format=".2f")),
                 alt.Tooltip(**_q("share", format=".1%"))])
