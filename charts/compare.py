"""ReLU & friends charts: the line-up, gradient flow through depth, the training race, dying units, output gradients."""
import altair as alt
import pandas as pd

from .base import ACTIVATION_COLORS, activation_color, downsample, log_floor

CLASS_COLORS = ["#2b6cb0", "#dd6b20"]
"""Class 0 and class 1 in the race's data (kept clear of the activation colours)."""
REGION_COLORS = {"saturated": "#d1d5db", "zero slope": "#fecaca"}
SWEEP_COLOR = ACTIVATION_COLORS["relu"]


def lineup_chart(curves, regions, names, width=170, height=170, columns=4):
    """Small multiples, one per activation: f(z) solid, f'(z) dashed, over grey bands where the activation saturates
    and red bands where its slope is exactly zero. curves: z, activation, curve, y; regions: activation, kind,
    start, end."""
    both = pd.concat([curves.assign(part="curve", start=0.0, end=0.0, kind=""),
                      regions.assign(part="region", z=0.0, y=0.0, curve="")], ignore_index=True)
    kinds = list(REGION_COLORS)
    band = alt.Chart().mark_rect(opacity=0.7).encode(
        x=alt.X("start:Q"), x2=alt.X2("end:Q"),
        fill=alt.Fill("kind:N", title=None, legend=alt.Legend(orient="top"),
                      scale=alt.Scale(domain=kinds, range=[REGION_COLORS[k] for k in kinds])),
        tooltip=[alt.Tooltip("kind:N", title="gradient"), alt.Tooltip("start:Q", format=".2f"),
                 alt.Tooltip("end:Q", format=".2f")],
    ).transform_filter(alt.datum.part == "region")
    line = alt.Chart().mark_line(strokeWidth=2.5).encode(
        x=alt.X("z:Q", title="z", scale=alt.Scale(domain=[curves.z.min(), curves.z.max()], nice=False)),
        y=alt.Y("y:Q", title=None),
        color=activation_color(names),
        strokeDash=alt.StrokeDash("curve:N", title=None, legend=alt.Legend(orient="top"),
                                  scale=alt.Scale(domain=["f(z)", "f'(z)"], range=[[1, 0], [5, 3]])),
        tooltip=[alt.Tooltip("activation:N"), alt.Tooltip("curve:N"), alt.Tooltip("z:Q", format=".2f"),
                 alt.Tooltip("y:Q", format=".3f")],
    ).transform_filter(alt.datum.part == "curve")
    return alt.layer(band, line, data=both).properties(width=width, height=height).facet(
        facet=alt.Facet("activation:N", title=None, sort=list(names)), columns=columns,
    ).resolve_scale(color="shared")


def flow_chart(df, names, height=340):
    """Per-layer weight-gradient norm |dL/dW_l|, log scale, one line per activation.
    df: layer, activation, init, grad_norm, grad_rel (the same relative to the top layer)."""
    df = df[["layer", "activation", "init", "grad_rel", "grad_norm"]].assign(shown=log_floor(df["grad_norm"]))
    base = alt.Chart(df).encode(
        x=alt.X("layer:Q", title="layer (1 = next to the input)", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("shown:Q", title="|dL/dW| of the layer (log)", scale=alt.Scale(type="log")),
        color=activation_color(names),
        tooltip=[alt.Tooltip("activation:N"), alt.Tooltip("init:N"), alt.Tooltip("layer:Q"),
                 alt.Tooltip("grad_norm:Q", title="|dL/dW|", format=".3g"),
                 alt.Tooltip("grad_rel:Q", title="relative to the top layer", format=".3g")],
    )
    return alt.layer(base.mark_line(strokeWidth=2.5), base.mark_point(filled=True, size=40)).properties(height=height)


def race_curves_chart(curves, names, epochs, loss_max, width=330, height=230):
    """Loss (log) and accuracy against epoch, one line per activation, axes fixed to the whole run so playing
    the race does not rescale them. curves: epoch, activation, loss, accuracy."""
    curves = downsample(curves)
    x = alt.X("epoch:Q", title="epoch", scale=alt.Scale(domain=[0, epochs], nice=False))
    tip = [alt.Tooltip("activation:N"), alt.Tooltip("epoch:Q"), alt.Tooltip("loss:Q", format=".4f"),
           alt.Tooltip("accuracy:Q", format=".1%")]
    base = alt.Chart(curves).mark_line(strokeWidth=2.5).encode(x=x, color=activation_color(names), tooltip=tip)
    loss = base.encode(y=alt.Y("loss:Q", title="loss (cross-entropy, log)",
                               scale=alt.Scale(type="log", domain=[max(curves.loss.min(), 1e-4) if len(curves) else
                                                                   1e-4, loss_max], clamp=True)))
    acc = base.encode(y=alt.Y("accuracy:Q", title="accuracy", scale=alt.Scale(domain=[0.4, 1.0], clamp=True),
                              axis=alt.Axis(format="%")))
    return alt.hconcat(loss.properties(width=width, height=height), acc.properties(width=width, height=height))


def boundary_chart(boundary, points, names, size=170):
    """Small multiples, one per activation: the net's output p(class 1) over the plane, and the data on top.
    boundary: activation, x1, x2, x1_end, x2_end, p; points: x1, x2, label."""
    names = [n for n in names if n in set(boundary.activation)]
    dots = pd.concat([points.assign(activation=n) for n in names], ignore_index=True)
    cols = ["activation", "x1", "x2", "x1_end", "x2_end", "p", "label", "part"]
    both = pd.concat([boundary.assign(part="grid", label=0)[cols],
                      dots.assign(part="point", p=0.0, x1_end=0.0, x2_end=0.0)[cols]], ignore_index=True)
    lo1, hi1 = float(boundary.x1.min()), float(boundary.x1_end.max())
    lo2, hi2 = float(boundary.x2.min()), float(boundary.x2_end.max())
    x = alt.X("x1:Q", title=None, scale=alt.Scale(domain=[lo1, hi1], nice=False), axis=None)
    y = alt.Y("x2:Q", title=None, scale=alt.Scale(domain=[lo2, hi2], nice=False), axis=None)
    heat = alt.Chart().mark_rect().encode(
        x=x, x2=alt.X2("x1_end:Q"), y=y, y2=alt.Y2("x2_end:Q"),
        fill=alt.Fill("p:Q", title="p(class 1)", scale=alt.Scale(domain=[0, 0.5, 1], range=[
            CLASS_COLORS[0], "#ffffff", CLASS_COLORS[1]]), legend=alt.Legend(orient="right", gradientLength=120)),
        tooltip=[alt.Tooltip("activation:N"), alt.Tooltip("p:Q", title="p(class 1)", format=".2f")],
    ).transform_filter(alt.datum.part == "grid")
    dot = alt.Chart().mark_point(filled=True, size=28, stroke="#111827", strokeWidth=0.6, opacity=1).encode(
        x=x, y=y, color=alt.Color("label:N", title="class", scale=alt.Scale(domain=[0, 1], range=CLASS_COLORS),
                                  legend=None),
    ).transform_filter(alt.datum.part == "point")
    return alt.layer(heat, dot, data=both).properties(width=size, height=size).facet(
        facet=alt.Facet("activation:N", title=None, sort=names), columns=len(names) or 1)


def dying_chart(frame, height=230, width=300):
    """Dead share of each hidden layer against epoch, one panel per activation. frame: activation, epoch, layer, dead."""
    return alt.Chart(downsample(frame)).mark_line(strokeWidth=2.5).encode(
        x=alt.X("epoch:Q", title="epoch"),
        y=alt.Y("dead:Q", title="dead units", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
        color=alt.Color("layer:O", title="hidden layer", scale=alt.Scale(scheme="viridis"),
                        legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("activation:N"), alt.Tooltip("epoch:Q"), alt.Tooltip("layer:O"),
                 alt.Tooltip("dead:Q", format=".1%")],
    ).properties(width=width, height=height).facet(column=alt.Column("activation:N", title=None))


def sweep_chart(sweep, lr, height=230):
    """ReLU's dead share at the end of training (solid) and at init (dashed) against the learning rate (log); hollow
    diamonds mark runs that diverged; a rule marks the rate chosen. sweep: lr, dead, dead_at_init, diverged_at."""
    df = sweep[["lr", "dead", "dead_at_init", "diverged_at"]].assign(
        run=(sweep.diverged_at >= 0).map({True: "diverged", False: "finished"}), chosen=sweep.lr == lr)
    x = alt.X("lr:Q", title="learning rate (log)", scale=alt.Scale(type="log"))
    y = alt.Y("dead:Q", title="ReLU units dead", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%"))
    tip = [alt.Tooltip("lr:Q", title="learning rate"), alt.Tooltip("dead:Q", title="dead at the end", format=".1%"),
           alt.Tooltip("dead_at_init:Q", title="dead at init", format=".1%"),
           alt.Tooltip("diverged_at:Q", title="diverged at epoch (-1: no)")]
    base = alt.Chart(df).encode(x=x)
    end = base.mark_line(strokeWidth=2.5, color=SWEEP_COLOR).encode(y=y)
    init = base.mark_line(strokeDash=[4, 4], color="#6b7280").encode(y=alt.Y("dead_at_init:Q"))
    runs = ["finished", "diverged"]
    points = base.mark_point(size=90, strokeWidth=2.5, color=SWEEP_COLOR, opacity=1).encode(
        y=y, tooltip=tip,
        shape=alt.Shape("run:N", title=None, legend=alt.Legend(orient="top"),
                        scale=alt.Scale(domain=runs, range=["circle", "diamond"])),
        fill=alt.Fill("run:N", legend=None, scale=alt.Scale(domain=runs, range=[SWEEP_COLOR, "white"])))
    rule = base.mark_rule(color="#111827", strokeWidth=1.5).transform_filter(alt.datum.chosen)
    return alt.layer(init, end, points, rule).properties(height=height)


def output_chart(df, height=260):
    """|dL/dz| of a sigmoid output with target 1 against z, for cross-entropy and squared error.
    df: z, p, loss, grad."""
    return alt.Chart(df).mark_line(strokeWidth=3).encode(
        x=alt.X("z:Q", title="output z (target 1: wrong on the left)"),
        y=alt.Y("grad:Q", title="|dL/dz| at the output"),
        color=alt.Color("loss:N", title=None, legend=alt.Legend(orient="top"),
                        scale=alt.Scale(domain=["cross-entropy", "squared error"], range=["#d62728", "#6b7280"])),
        tooltip=[alt.Tooltip("loss:N"), alt.Tooltip("z:Q", format=".2f"), alt.Tooltip("p:Q", format=".4f"),
                 alt.Tooltip("grad:Q", format=".4f")],
    ).properties(height=height)
