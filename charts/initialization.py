"""Initialization page charts: per-layer activation histograms and statistics of a deep net at init, the spread of z
against the weight scale, and training runs (loss, accuracy, the top hidden layer, the decision boundary).
Each builder is one flat chart (or one facet / one row of panels): nested layers cost Altair tens of ms to serialize."""
import altair as alt
import numpy as np
import pandas as pd

from .base import ACTIVATION_COLORS, downsample, log_floor

SCHEME_COLORS = ["#9e9e9e", "#8c564b", "#1f77b4", "#2ca02c", "#9467bd", "#17becf", "#d62728"]
"""One colour per trained init scheme, in the page's order (too small grey ... too large red)."""
EDGE_SERIES = "saturation edge"
INPUT_COLORS = alt.Scale(domain=["positive (sigmoid outputs)", "centred (a − E[a])", EDGE_SERIES],
                         range=[ACTIVATION_COLORS["sigmoid"], "#1f77b4", "#555555"])
LOG = alt.Scale(type="log")


def _plain(df):
    """df with its text columns as plain Python objects: Altair serializes pandas' Arrow strings far more slowly."""
    text = [c for c in df.columns if isinstance(df[c].dtype, pd.StringDtype)]
    return df.astype({c: object for c in text}) if text else df


def histograms_chart(hist, zone=None, independent_x=False, panel_width=100):
    """hist: layer, left, right, share (only the layers to show); zone: (low, high) saturated activation values or None.
    One small histogram per layer, side by side; bins beyond the zone are drawn in the sigmoid's red."""
    mid = (hist.left + hist.right) / 2
    state = "not saturated" if zone is None else np.where((mid < zone[0]) | (mid > zone[1]), "saturated",
                                                          "not saturated")
    df = _plain(pd.DataFrame({"layer": "layer " + hist.layer.astype(str), "left": hist.left, "right": hist.right,
                              "share": hist.share, "state": state}))
    bars = alt.Chart(df).mark_rect().encode(
        x=alt.X("left:Q", title="activation a", axis=alt.Axis(tickCount=3, format=".2~g")),
        x2=alt.X2("right:Q"),
        y=alt.Y("share:Q", title="share", axis=alt.Axis(format=".0%", tickCount=4)), y2=alt.datum(0),
        color=alt.Color("state:N", scale=alt.Scale(domain=["not saturated", "saturated"],
                                                    range=["#7f7f7f", ACTIVATION_COLORS["sigmoid"]]),
                        legend=alt.Legend(orient="top", title=None) if zone is not None else None),
        tooltip=[alt.Tooltip("layer:N"), alt.Tooltip("left:Q", format=".3g", title="from"),
                 alt.Tooltip("right:Q", format=".3g", title="to"), alt.Tooltip("share:Q", format=".1%")],
    ).properties(width=panel_width, height=120)
    chart = bars.facet(column=alt.Facet("layer:N", sort=list(dict.fromkeys(df.layer)), title=None),
                       spacing=8)
    return chart.resolve_scale(x="independent") if independent_x else chart


LAYER_X = alt.X("layer:Q", title="layer", axis=alt.Axis(tickMinStep=1, format="d"))


def share_chart(layers, column="saturated", title="% saturated", height=200):
    """layers: layer, `column` (a share in [0, 1]): the share of saturated (or dead) units per layer."""
    return alt.Chart(layers[["layer", column]]).mark_line(point=True, color=ACTIVATION_COLORS["sigmoid"]).encode(
        x=LAYER_X, y=alt.Y(f"{column}:Q", title=title, scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%")),
        tooltip=[alt.Tooltip("layer:Q"), alt.Tooltip(f"{column}:Q", format=".1%", title=title)],
    ).properties(height=height)


def spread_chart(layers, height=200):
    """layers: layer, act_std, signal: the activations' std over everything and each unit's std across inputs (log)."""
    spread = _plain(pd.DataFrame({
        "layer": np.r_[layers.layer, layers.layer],
        "measure": ["overall"] * len(layers) + ["across inputs"] * len(layers),
        "value": log_floor(np.r_[layers.act_std, layers.signal])}))
    return alt.Chart(spread).mark_line(point=True).encode(
        x=LAYER_X, y=alt.Y("value:Q", title="std of a (log)", scale=LOG, axis=alt.Axis(format=".0e")),
        color=alt.Color("measure:N", scale=alt.Scale(domain=["overall", "across inputs"],
                                                     range=["#7f7f7f", "#1f77b4"]),
                        legend=alt.Legend(orient="top", title=None)),
        tooltip=[alt.Tooltip("layer:Q"), alt.Tooltip("measure:N"), alt.Tooltip("value:Q", format=".3g")],
    ).properties(height=height)


def gradient_chart(layers, height=200):
    """layers: layer, delta_norm, grad_norm: the backpropagated gradient |dL/dz| per layer (log); |dL/dW| in the
    tooltip."""
    grads = pd.DataFrame({"layer": layers.layer, "grad": log_floor(layers.delta_norm),
                          "dW": log_floor(layers.grad_norm)})
    return alt.Chart(grads).mark_line(point=True, color="#111111").encode(
        x=LAYER_X, y=alt.Y("grad:Q", title="gradient |dL/dz| (log)", scale=LOG, axis=alt.Axis(format=".0e")),
        tooltip=[alt.Tooltip("layer:Q"), alt.Tooltip("grad:Q", format=".3g", title="|dL/dz|"),
                 alt.Tooltip("dW:Q", format=".3g", title="|dL/dW|")],
    ).properties(height=height)


SWEEP_SERIES = {"signal_per_layer": "input spread (forward)", "gradient_per_layer": "gradient |dL/dz| (backward)"}


def sweep_chart(frame, marks, height=300):
    """frame: sigma, signal_per_layer, gradient_per_layer; marks: {label: std}. Each factor per layer against the
    weight std (log-log), a rule at 1 (steady), and a labelled tick at each named scheme's std."""
    long = _plain(pd.DataFrame({
        "sigma": np.r_[frame.sigma, frame.sigma],
        "series": [SWEEP_SERIES["signal_per_layer"]] * len(frame) + [SWEEP_SERIES["gradient_per_layer"]] * len(frame),
        "factor": log_floor(np.r_[frame.signal_per_layer, frame.gradient_per_layer])}))
    x = alt.X("sigma:Q", title="weight std σ (log)", scale=LOG, axis=alt.Axis(format=".0e", tickCount=4))
    lines = alt.Chart(long).mark_line(point=True, strokeWidth=2.5).encode(
        x=x, y=alt.Y("factor:Q", title="factor per layer (log)", scale=LOG),
        color=alt.Color("series:N", scale=alt.Scale(domain=list(SWEEP_SERIES.values()), range=["#1f77b4", "#111111"]),
                        legend=alt.Legend(orient="top", title=None, labelLimit=400)),
        tooltip=[alt.Tooltip("series:N"), alt.Tooltip("sigma:Q", format=".3g", title="σ"),
                 alt.Tooltip("factor:Q", format=".3f", title="per layer")])
    steady = alt.Chart(pd.DataFrame({"factor": [1.0]})).mark_rule(strokeDash=[4, 4], color="#555555").encode(
        y=alt.Y("factor:Q"))
    grouped = {}
    for name, std in marks.items():
        grouped.setdefault(round(std, 6), []).append(name)
    ticks = _plain(pd.DataFrame({"sigma": list(grouped), "scheme": [" = ".join(v) for v in grouped.values()]}))
    rules = alt.Chart(ticks).mark_rule(color="#bbbbbb").encode(x=alt.X("sigma:Q"))
    text = alt.Chart(ticks).mark_text(angle=270, align="left", baseline="middle", dx=0, dy=-6, fontSize=13,
                                      color="#333333").encode(x=alt.X("sigma:Q"), y=alt.value(height - 8),
                                                              text=alt.Text("scheme:N"))
    return alt.layer(rules, text, steady, lines).properties(height=height)


def sweep_share_chart(frame, column="saturated", title="% saturated", height=300):
    """frame: sigma, `column`: the share of saturated (or dead) units, averaged over layers, against σ."""
    return alt.Chart(frame[["sigma", column]]).mark_line(point=True, color=ACTIVATION_COLORS["sigmoid"]).encode(
        x=alt.X("sigma:Q", title="weight std σ (log)", scale=LOG, axis=alt.Axis(format=".0e", tickCount=4)),
        y=alt.Y(f"{column}:Q", title=title, scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%")),
        tooltip=[alt.Tooltip("sigma:Q", format=".3g", title="σ"), alt.Tooltip(f"{column}:Q", format=".1%")],
    ).properties(height=height)


def z_spread_chart(frame, sigma, edge, height=330):
    """frame: sigma, inputs, z_std, z_std_formula. The std of z against the weight std σ (log-log): the formula
    σ √(n E[a²]) as lines, the measurement as points (large at the chosen `sigma`), the saturation edge as a line."""
    lines = pd.concat([frame[["sigma", "inputs", "z_std_formula"]],
                       pd.DataFrame({"sigma": frame.sigma.unique(), "inputs": EDGE_SERIES, "z_std_formula": edge})],
                      ignore_index=True)
    color = alt.Color("inputs:N", scale=INPUT_COLORS, legend=alt.Legend(orient="top", title=None, labelLimit=400))
    x = alt.X("sigma:Q", title="weight std σ (log)", scale=LOG, axis=alt.Axis(format=".0e", tickCount=5))
    formula = alt.Chart(_plain(lines)).mark_line(strokeWidth=2).encode(
        x=x, y=alt.Y("z_std_formula:Q", title="std of z (log)", scale=LOG, axis=alt.Axis(format=".0e")),
        color=color, tooltip=[alt.Tooltip("inputs:N"), alt.Tooltip("sigma:Q", format=".3g", title="σ"),
                              alt.Tooltip("z_std_formula:Q", format=".3g", title="σ √(n E[a²])")])
    points = frame[["sigma", "inputs", "z_std"]].assign(chosen=np.isclose(frame.sigma, sigma))
    measured = alt.Chart(_plain(points)).mark_point(filled=True, opacity=0.9).encode(
        x=x, y=alt.Y("z_std:Q"), color=color,
        size=alt.Size("chosen:N", scale=alt.Scale(domain=[False, True], range=[25, 220]), legend=None),
        tooltip=[alt.Tooltip("inputs:N"), alt.Tooltip("sigma:Q", format=".3g", title="σ"),
                 alt.Tooltip("z_std:Q", format=".3g", title="measured std of z")])
    return alt.layer(formula, measured).properties(height=height)


def _thin(curves, by):
    per_run = max(2, 2000 // max(curves[by].nunique(), 1))
    return pd.concat([downsample(g, per_run) for _, g in curves.groupby(by, sort=False)], ignore_index=True)


def scheme_color(labels, legend=True):
    """Colour by run (an init scheme's label), one fixed colour per scheme."""
    labels = list(labels)
    return alt.Color("run:N", title=None, scale=alt.Scale(domain=labels, range=SCHEME_COLORS[:len(labels)]),
                     legend=alt.Legend(orient="top", title=None, columns=4, symbolStrokeWidth=4) if legend else None)


def curve_chart(curves, epoch, epochs, column, title, color, dash=False, log=False, height=280):
    """curves: run, epoch, `column` (and init when dash): one line per run, drawn up to `epoch` on an axis that
    spans 0..epochs; dash=True gives each init its own stroke dash."""
    cols = ["run", "epoch", column] + (["init"] if dash else [])
    thin = _thin(curves.loc[curves.epoch <= epoch, cols], "run")
    if log:
        thin = thin.assign(**{column: log_floor(thin[column])})
    enc = {"x": alt.X("epoch:Q", title="epoch", scale=alt.Scale(domain=[0, int(epochs)])),
           "y": alt.Y(f"{column}:Q", title=title, scale=LOG if log else alt.Scale(zero=False)),
           "color": color, "detail": alt.Detail("run:N"),
           "tooltip": [alt.Tooltip("run:N"), alt.Tooltip("epoch:Q"),
                       alt.Tooltip(f"{column}:Q", format=".4f", title=title)]}
    if dash:
        enc["strokeDash"] = alt.StrokeDash("init:N", legend=alt.Legend(orient="top", title=None))
    return alt.Chart(_plain(thin)).mark_line(strokeWidth=2.5).encode(**enc).properties(height=height)


def accuracy_chart(now, labels, epoch, height=280):
    """now: run, accuracy (one row per run, at `epoch`); one bar per run, in `labels` order and colours."""
    labels = list(labels)
    return alt.Chart(_plain(now[["run", "accuracy"]])).mark_bar().encode(
        y=alt.Y("run:N", title=None, sort=labels, axis=alt.Axis(labelOverlap=False)),
        x=alt.X("accuracy:Q", title=f"accuracy at epoch {epoch}", scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format=".0%")),
        color=alt.Color("run:N", scale=alt.Scale(domain=labels, range=SCHEME_COLORS[:len(labels)]), legend=None),
        tooltip=[alt.Tooltip("run:N"), alt.Tooltip("accuracy:Q", format=".1%")],
    ).properties(height=height)


def boundary_chart(grid, points, title, height=270):
    """grid: x0, x1, x0_end, x1_end, p (one frame); points: x0, x1, label. P(class 1) as a heat map, data on top."""
    heat = alt.Chart(grid).mark_rect().encode(
        x=alt.X("x0:Q", title="x₁", axis=alt.Axis(grid=False)), x2=alt.X2("x0_end:Q"),
        y=alt.Y("x1:Q", title="x₂", axis=alt.Axis(grid=False)), y2=alt.Y2("x1_end:Q"),
        color=alt.Color("p:Q", title="P(class 1)", scale=alt.Scale(scheme="blueorange", domain=[0, 1]),
                        legend=alt.Legend(orient="right", gradientLength=110)),
        tooltip=[alt.Tooltip("p:Q", format=".3f", title="P(class 1)")])
    dots = alt.Chart(_plain(points.assign(cls=np.where(points.label == 1, "1", "0"))[["x0", "x1", "cls"]])).mark_point(
        filled=True, size=40, stroke="white", strokeWidth=0.8, opacity=1).encode(
        x=alt.X("x0:Q"), y=alt.Y("x1:Q"),
        color=alt.Color("cls:N", scale=alt.Scale(domain=["0", "1"], range=["#1f4e9c", "#d95f02"]),
                        legend=alt.Legend(orient="right", title="class")),
        tooltip=[alt.Tooltip("cls:N", title="class")])
    return alt.layer(heat, dots).resolve_scale(color="independent").properties(height=height, title=title)
