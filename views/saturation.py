"""Saturation: why a saturated sigmoid unit stops learning, and how much gradient survives each layer, shown live."""
import pandas as pd
import streamlit as st

import ui
from charts import saturation as charts
from sigcore import SATURATION, activation, initializers
from experiments import saturation as sat
from sigcore import saturation_edge

# Entries bounded from one result's pickled size at the defaults (sit 19 kB, slope curve 5 kB, depth 3 kB, nielsen
# 56 kB, deep_run 290 kB): at most about 2.5 MB per cache, 7 MB in all.
sit = st.cache_data(sat.sit, show_spinner=False, max_entries=128)
slope_curve = st.cache_data(sat.mean_slope_curve, show_spinner=False, max_entries=128)
through_depth = st.cache_data(sat.gradient_through_depth, show_spinner=False, max_entries=128)
nielsen = st.cache_data(sat.nielsen, show_spinner=False, max_entries=32)
deep_run = st.cache_data(sat.deep_run, show_spinner=False, max_entries=8)

SIGMOID = activation("sigmoid")
EDGE = saturation_edge("sigmoid")
INITS = ["standard", "xavier", "lecun", "he"]
DATASETS = ["moons", "circles", "xor", "blobs", "spiral"]


def pct(share):
    """A share as a percentage, with one decimal when it is small but not zero."""
    if 0 < share < 0.001:
        return "< 0.1%"
    return f"{share:.1%}" if 0 < share < 0.1 else f"{share:.0%}"


SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def sci(v):
    """A number with three significant digits, as m × 10ᵉ when tiny."""
    if v == 0 or abs(v) >= 1e-3:
        return f"{v:.3g}"
    mantissa, exponent = f"{v:.2e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(SUPERSCRIPT)}"


ui.header("Saturation", "A sigmoid unit whose input z sits far from 0 has almost no slope left, and backpropagation "
          "multiplies every gradient by that slope. Below: where a layer's z lands on the curve, how much gradient "
          "survives depth, why a saturated neuron learns slowly, and what training does to a deep sigmoid net.")
ui.explain(f"**Saturated**, everywhere on this page (sigcore's one definition): the unit's slope σ'(z) is below "
           f"{SATURATION:.0%} of its maximum 1/4, i.e. |z| > {EDGE:.2f}, where σ(z) < {SIGMOID(-EDGE):.3f} or "
           f"> {SIGMOID(EDGE):.3f}.")


@st.fragment
def where_it_sits():
    st.subheader("1. Where the neuron sits on the curve")
    ui.explain("A layer of sigmoid neurons, each computing z = w·x + b over a batch of inputs x, with its own "
               "random weights w_i ~ N(0, scale²). Drag the weight scale and watch the histogram of z spread past "
               f"|z| = {EDGE:.2f} (dotted lines; red bins), where σ' is nearly 0.")
    ui.presets("sat_sit_presets", {
        "Small weights": {"sat_scale": 0.1, "sat_bias": 0.0, "sat_inputs": 100, "sat_kind": "positive"},
        "Too large weights": {"sat_scale": 1.0, "sat_bias": 0.0, "sat_inputs": 100, "sat_kind": "positive"},
        "Same weights, zero-centred inputs": {"sat_scale": 1.0, "sat_bias": 0.0, "sat_inputs": 100,
                                              "sat_kind": "centred"},
    })
    left, right = st.columns([3, 2])
    scale = left.slider("Weight scale (std of each w_i)", 0.01, 2.0, 0.5, 0.01, key="sat_scale", bind="query-params")
    kind = right.radio("Inputs x", list(sat.INPUTS), captions=list(sat.INPUTS.values()), key="sat_kind",
                       horizontal=True, bind="query-params")
    with ui.more_controls():
        a, b = st.columns(2)
        bias = a.slider("Bias b", -10.0, 10.0, 0.0, 0.1, key="sat_bias", bind="query-params")
        n_inputs = b.slider("Number of inputs n", 1, 500, 100, 1, key="sat_inputs", bind="query-params")
    hist, curve, s = sit(scale, bias, n_inputs, kind)
    other_kind = "centred" if kind == "positive" else "positive"
    other = sit(scale, bias, n_inputs, other_kind)[2]
    pos, cen = (s, other) if kind == "positive" else (other, s)
    left, right = st.columns([3, 2])
    with left:
        ui.chart(charts.sit_chart(hist, curve, s["edge"]), "z-on-curve")
    with right:
        ui.chart(charts.mean_slope_chart(slope_curve(), s["z_std"], s["mean_slope"]), "mean-slope")
    cols = st.columns(4)
    cols[0].metric("mean σ'(z)", f"{s['mean_slope']:.4f}", help="Averaged over every neuron and input in the batch")
    cols[1].metric("saturated", pct(s["saturated"]), help=f"σ'(z) < {SATURATION:.0%} of 1/4, i.e. |z| > {EDGE:.2f}")
    cols[2].metric("spread of z (std)", f"{s['z_std']:.2f}")
    cols[3].metric(f"saturated if {other_kind}", pct(other["saturated"]),
                   help=f"The same weights and bias with {other_kind} inputs")
    ui.explain(
        f"Right: the average slope E[σ'(z)] when z ~ N(0, s²), against s (dashed: its limit 1/(s√(2π)) for wide z, "
        f"since σ' integrates to 1). This layer's z has spread s = {s['z_std']:.2f}; a centred Gaussian of that "
        f"spread would give {s['gaussian']:.4f}, the layer gives {s['mean_slope']:.4f} (the black line)"
        + (", lower because the bias shifts z off-centre." if abs(s["mean_slope"] - s["gaussian"]) > 0.005 else ".")
        + f"\n\nWhy all-positive inputs saturate more: z's spread is about "
        f"scale × √(n·E[x²]) = {s['spread']:.2f} here, and E[x²] = (mean x)² + Var x. Sigmoid outputs have mean "
        f"{pos['mean_x']:.2f}, so E[x²] = {pos['mean_x2']:.3f}; centred, E[x²] = {cen['mean_x2']:.3f}. Nothing "
        f"cancels when every x_i > 0, so the same weights push z {(pos['mean_x2'] / cen['mean_x2']) ** 0.5:.1f}× "
        "further out.")


@st.fragment
def through_depth_section():
    st.subheader("2. How much gradient survives depth")
    ui.explain("A deep net at initialization: the gradient enters at the top layer and is multiplied, layer by "
               "layer on its way down, by the weights and by each unit's slope f'(z). For the sigmoid that slope is at "
               "most 1/4 (dashed line, σ' alone: 1/4 per layer, as if the weights neither grew nor shrank the "
               "gradient and every unit sat at z = 0; weights that grow the gradient can lift a curve above it).")
    cols = st.columns(3)
    depth = cols[0].slider("Layers L", 2, 30, 10, 1, key="sat_depth", bind="query-params")
    width = cols[1].slider("Units per layer", 8, 128, 64, 8, key="sat_width", bind="query-params")
    with cols[2], ui.more_controls():
        init = st.selectbox("Initialization", INITS, key="sat_init", bind="query-params",
                            help="standard: Glorot & Bengio's U[-1/√n, 1/√n]; xavier: Var = 2/(n_in + n_out); "
                                 "lecun: Var = 1/n; he: Var = 2/n")
    frame, summary = through_depth(depth, width, init)
    ui.chart(charts.depth_chart(frame, sat.slope_ceiling(depth)), "gradient-depth")
    cols = st.columns(3)
    for col, name in zip(cols, sat.DEPTH_ACTIVATIONS):
        s = summary[name]
        if s["vanished"]:
            col.metric(f"{name}: per layer down", "all lost", help="The gradient reached exactly 0 before layer 1")
        else:
            change = f"÷ {s['per_layer']:.2f}" if s["per_layer"] >= 1 else f"× {1 / s['per_layer']:.2f}"
            col.metric(f"{name}: per layer down", change,
                       help=f"What each step down does to the gradient (÷: it shrinks, ×: it grows), the geometric "
                            f"mean over the {depth - 1} steps; layer 1 gets {s['total']:.1e} of the top layer's")
    sig = summary["sigmoid"]
    weights = (width * initializers.variance(init, width, width)) ** 0.5
    text = (f"At {init} init the sigmoid's gradient shrinks {sig['per_layer']:.1f}× per layer, so layer 1 gets "
            f"{sig['total']:.1e} of what the top layer gets. Roughly: {1 / SIGMOID.max_slope:.0f}× from σ' ≤ 1/4 "
            f"(z sits near 0 here: {pct(sig['saturated'])} of units saturated), times {1 / weights:.2f}× from the "
            f"weights (√(n·Var W) = {weights:.2f}).")
    if init != "xavier":
        xavier = through_depth(depth, width, "xavier", names=("sigmoid",))[1]["sigmoid"]
        text += (f" (If you expected 4–5× per layer: that is the sigmoid at Xavier init, where the weights keep the "
                 f"gradient's size and only σ' shrinks it. There it loses {xavier['per_layer']:.1f}× per layer.)")
    ui.explain(text)
    if sig["per_layer"] < 1 / SIGMOID.max_slope:
        ui.explain(f"Here the sigmoid loses less than the slope alone would ({1 / SIGMOID.max_slope:.0f}×): the "
                   "weights are large enough to amplify the gradient (√(n·Var W) > 1).")


def gradient_formulas(quad, ce, frames):
    """frame, cost_fn, text: the two gradient formulas with each frame's epoch's numbers (input x = 1, target y = 0)."""
    rows = []
    for k, epoch in enumerate(frames):
        q, c = quad.iloc[epoch], ce.iloc[epoch]
        rows += [(k, "quadratic", f"∂C/∂w = (a − y) σ'(z) x\n= {sci(q.a)} × {sci(q.slope)} × 1\n= {sci(q.dw)}"),
                 (k, "cross-entropy", f"∂C/∂w = (a − y) x\n= {sci(c.a)} × 1\n= {sci(c.dw)}")]
    return pd.DataFrame(rows, columns=["frame", "cost_fn", "text"])


@st.fragment
def single_neuron_section():
    st.subheader("3. A saturated neuron learns slowly (and the cure)")
    ui.explain("Nielsen's single neuron (*Neural Networks and Deep Learning*, ch. 3): input x = 1, target y = 0, "
               "output a = σ(wx + b), gradient descent on w and b. Start it saturated and the quadratic cost "
               "barely moves it, because its gradient carries the factor σ'(z); cross-entropy's does not.")
    lecture = ui.lecture()
    controls, view = ui.beside()
    with controls:
        ui.presets("sat_neuron_presets", {
            "Nielsen's saturated neuron (w = b = 2)": {"sat_w": 2.0, "sat_b": 2.0, "sat_lr": 0.15, "sat_epochs": 300},
            "Nielsen's good start (w = 0.6, b = 0.9)": {"sat_w": 0.6, "sat_b": 0.9, "sat_lr": 0.15,
                                                        "sat_epochs": 300},
        }, stacked=lecture)
        left, right = (st.container(), st.container()) if lecture else st.columns(2)
        w = left.slider("Starting weight w", -5.0, 5.0, 2.0, 0.1, key="sat_w", bind="query-params")
        b = right.slider("Starting bias b", -5.0, 5.0, 2.0, 0.1, key="sat_b", bind="query-params")
        with ui.more_controls():
            left, right = st.columns(2)
            lr = left.slider("Learning rate η", 0.01, 3.0, 0.15, 0.01, key="sat_lr", bind="query-params")
            epochs = right.slider("Epochs", 10, 500, 300, 10, key="sat_epochs", bind="query-params")
    run = nielsen(w, b, lr, epochs)
    quad, ce = (run[run["cost_fn"] == label].reset_index(drop=True) for label in sat.COSTS.values())
    frames = sat.frame_epochs(epochs, 60)

    formulas = gradient_formulas(quad, ce, frames)
    with view:
        ui.chart_player("sat_neuron", len(frames),
                        lambda step: charts.neuron_chart(run, frames, epochs, formulas, step,
                                                                   width=250 if ui.lecture() else 320), "neuron")
    summary_of_runs(quad, ce, epochs)


def summary_of_runs(quad, ce, epochs):
    """What the two runs did, in numbers, under the two formulas: how far each got and where it stepped most."""
    half = epochs // 2
    for col, run in zip(st.columns(2), (quad, ce)):
        below = sat.first_epoch_below(run)
        at, _ = sat.largest_drop(run)
        cells = col.columns(3)
        cells[0].metric(f"a after {half} epochs", f"{run.a.iloc[half]:.3f}")
        cells[1].metric("a < 0.5 from epoch", "never" if below is None else f"{below}")
        cells[2].metric("fastest epoch", f"{at}", help="The epoch whose step lowered the cost most")
    start = quad.iloc[0]
    q_at, c_at = sat.largest_drop(quad)[0], sat.largest_drop(ce)[0]
    share = start.slope / SIGMOID.max_slope
    if SIGMOID.saturated(start.z) and start.a < 0.5:
        text = (f"This start is saturated but already right: a = {start.a:.3f} with target 0, so neither cost has "
                "much to do. Start at w = b = 2 (a saturated, wrong neuron) to see the quadratic cost stall.")
    elif SIGMOID.saturated(start.z):
        end = quad.iloc[-1]
        crept = (f"the quadratic's in epoch {q_at}, once the neuron had crept off the flat part of the curve."
                 if not SIGMOID.saturated(end.z) else
                 f"the quadratic never got off the flat part in {epochs} epochs (its output is still {end.a:.3f}).")
        text = (f"This start is saturated: z = {start.z:.2f}, a = {start.a:.3f}, σ'(z) = {start.slope:.3g} "
                f"({share:.1%} of its maximum). Cross-entropy's first gradient is 1/σ'(z) = "
                f"{1 / start.slope:,.0f}× the quadratic's. After {half} epochs the quadratic output is "
                f"{quad.a.iloc[half]:.3f}, cross-entropy's {ce.a.iloc[half]:.3f}. Cross-entropy's cost fell most in "
                f"epoch {c_at}; " + crept)
    else:
        text = (f"This start is not saturated: z = {start.z:.2f}, σ'(z) = {start.slope:.4f} is {share:.0%} of its "
                f"maximum, so both costs learn from the start (after {half} epochs: {quad.a.iloc[half]:.3f} vs "
                f"{ce.a.iloc[half]:.3f}). Start at w = b = 2 to see the quadratic cost stall.")
    ui.explain(text)


@st.fragment
def training_section():
    st.subheader("4. Do trained sigmoid nets end up near 0 or 1?")
    ui.explain("Do a trained deep sigmoid net's hidden activations end up near 0 or 1, where σ' is almost 0? Train "
               "one and look: a net with sigmoid hidden layers on a 2-D dataset, full-batch gradient descent on "
               "cross-entropy, each hidden layer's activations tracked (Glorot & Bengio 2010, fig. 2, did this with "
               "4 hidden layers of 1000 units on images and saw the top hidden layer driven to 0 early).")
    ui.presets("sat_train_presets", {
        "Glorot & Bengio's deep sigmoid net": {"sat_t_lr": 3.0, "sat_t_epochs": 300, "sat_t_layers": 4,
                                               "sat_t_width": 32, "sat_t_init": "standard", "sat_t_act": "sigmoid"},
        "Same net with tanh (η = 0.3)": {"sat_t_lr": 0.3, "sat_t_epochs": 300, "sat_t_layers": 4, "sat_t_width": 32,
                                     "sat_t_init": "standard", "sat_t_act": "tanh"},
        "Too large learning rate (η = 10)": {"sat_t_lr": 10.0, "sat_t_epochs": 300, "sat_t_layers": 4,
                                             "sat_t_width": 32, "sat_t_init": "standard", "sat_t_act": "sigmoid"},
    })
    left, right = st.columns(2)
    lr = left.slider("Learning rate", 0.1, 10.0, 3.0, 0.1, key="sat_t_lr", bind="query-params")
    epochs = right.slider("Epochs", 20, 300, 300, 20, key="sat_t_epochs", bind="query-params")
    with ui.more_controls():
        cols = st.columns(5)
        dataset = cols[0].selectbox("Dataset", DATASETS, key="sat_t_data", bind="query-params")
        depth = cols[1].slider("Hidden layers", 1, 4, 4, 1, key="sat_t_layers", bind="query-params")
        width = cols[2].slider("Units per layer", 4, 32, 32, 4, key="sat_t_width", bind="query-params")
        init = cols[3].selectbox("Initialization", ["standard", "xavier"], key="sat_t_init", bind="query-params")
        hidden = cols[4].selectbox("Hidden activation", ["sigmoid", "tanh"], key="sat_t_act", bind="query-params")
    with st.spinner("Training the net…", show_time=True):
        result = deep_run(dataset, depth, width, init, lr, epochs, hidden)
    if result["diverged"]:
        st.warning(f"This run diverged: {result['diverged']}. The charts show the epochs before it.")
    layers, hist, shown = result["layers"], result["hist"], result["epochs_shown"]
    act = activation(hidden)
    bands = sat.saturated_bands(hidden)

    def frame(step):
        epoch = shown[step]
        now = layers[layers["epoch"] == epoch]
        st.caption(f"Epoch {epoch} of {epochs}: loss {now['loss'].iloc[0]:.3f}, "
                   f"accuracy {now['accuracy'].iloc[0]:.0%}")
        left, right = st.columns([2, 3])
        with left:
            ui.chart(charts.ridgeline_chart(hist, epoch, bands, act.output_range), "layer-histograms")
        with right:
            ui.chart(charts.training_chart(layers, epoch, epochs, act.output_range), "layer-means")

    ui.player("sat_train", len(shown), frame)
    answer_seed_002(layers, hidden)


def answer_seed_002(layers, hidden):
    """That question answered from this run's numbers: each layer at the end, then the verdict."""
    last = layers[layers["epoch"] == layers["epoch"].max()]
    peak = layers.groupby("layer")["saturated"].max()
    dip = sat.top_layer_dip(layers)
    ends = "0 or 1" if hidden == "sigmoid" else "−1 or 1"
    st.caption(f"Each hidden layer after {int(last['epoch'].iloc[0])} epochs: mean activation, share saturated")
    for col, row in zip(st.columns(len(last)), last.itertuples()):
        col.metric(f"layer {int(row.layer)}", f"{row.act_mean:.2f} · {pct(row.saturated)}",
                   help=f"At most {pct(peak.loc[row.layer])} saturated at any epoch")
    mostly = last.loc[last["saturated"] >= 0.5, "layer"].astype(int).tolist()
    if mostly:
        which = f"layer {mostly[0]}. Most of its" if len(mostly) == 1 else \
            f"layers {', '.join(map(str, mostly))}. Most of their"
        verdict = (f"Here: yes for {which} activations sit near {ends}, where the gradient through them is all "
                   "but stopped.")
    elif peak.max() == 0:
        verdict = "Here: no. Not one hidden activation was saturated at any epoch."
    else:
        verdict = f"Here: mostly no. At most {pct(peak.max())} of any layer's activations were ever saturated."
    if hidden == "sigmoid" and dip["low"] < 0.5 * dip["start"]:
        verdict += (f" The top hidden layer was pushed toward 0, as in Glorot & Bengio: mean {dip['start']:.2f} → "
                    f"{dip['low']:.2f} by epoch {dip['at']}, {dip['end']:.2f} at the end.")
    st.info(verdict)
    ui.explain(gap_sentence(sat.gradient_gap(layers), int(last["layer"].max())) + f"Activations near {ends} come "
               "from too large weights or too large a learning rate: try the last preset.")


def gap_sentence(gap, depth):
    """How layer 1's weight gradient compared with the top hidden layer's at init, in words (gap: top / layer 1)."""
    if depth == 1:
        return ""
    if gap == float("inf"):
        return "At init layer 1's weights got no gradient at all. "
    if gap > 1:
        return (f"At init the gradient reaching layer 1's weights was {times(gap)} smaller than the top hidden "
                "layer's (section 2's vanishing gradient). ")
    return (f"At init layer 1's weights got {times(1 / gap)} the top hidden layer's gradient: nothing vanished on "
            "the way down at this init. ")


def times(x):
    """'1.5×', '57×', '1,234×'."""
    return f"{x:.2g}×" if x < 10 else f"{x:,.0f}×"


def check_yourself():
    st.subheader("5. Check yourself")
    quarter = f"{SIGMOID.max_slope:g}"
    ui.check_yourself("sat_q1", "What is the largest value σ'(z) can take?", ["1", "0.5", quarter, "0.1"], quarter,
                      f"σ'(z) = σ(z)(1 − σ(z)) peaks at z = 0, where σ = 1/2: 1/2 × 1/2 = {quarter}. So every "
                      "sigmoid layer passes back at most a quarter of the gradient.")
    ui.check_yourself("sat_q2", "A neuron starts saturated (a ≈ 1, target 0). Which cost keeps it learning fast?",
                      ["quadratic", "cross-entropy", "both the same"], "cross-entropy",
                      "Cross-entropy's gradient is (a − y)x: the σ'(z) factor cancels, so a wrong, saturated "
                      "neuron gets a large gradient. The quadratic cost's gradient (a − y)σ'(z)x is tiny there.")
    ui.check_yourself("sat_q3", "Same weights, two kinds of input: sigmoid outputs (all > 0) or the same inputs "
                      "centred at 0. Which saturates the next layer more?",
                      ["sigmoid outputs", "centred inputs", "no difference"], "sigmoid outputs",
                      "With every x_i > 0 nothing cancels: E[x²] = (mean x)² + Var x, so z spreads wider for the "
                      "same weights (section 1 shows how much).")


where_it_sits()
through_depth_section()
single_neuron_section()
training_section()
check_yourself()
ui.source("sat_code", "The code behind this page", sat.mean_slope, sat.single_neuron)
