"""Saturation: why a saturated sigmoid unit stops learning, and how much gradient survives each layer, shown live."""
import pandas as pd
import streamlit as st

import ui
from charts import saturation as charts
from charts.base import LABELS
from experiments import saturation as sat
from sigcore import SATURATION, activation, saturation_edge
from sigcore.train import epochs_to_show

# Entries bounded from one result's pickled size (at the defaults; at the widest settings): sit 20 kB; slope curve
# 5 kB; depth 3 kB (6 kB); nielsen 56 kB (92 kB); deep_run 225 kB (233 kB). At most about 3 MB per cache, 9 MB in all.
sit = ui.cached(sat.sit, 128)
slope_curve = ui.cached(sat.mean_slope_curve, 1)
through_depth = ui.cached(sat.gradient_through_depth, 128)
nielsen = ui.cached(sat.nielsen, 32)
deep_run = ui.cached(sat.deep_run, 8)

SIGMOID = activation("sigmoid")
EDGE = saturation_edge("sigmoid")
INIT_HELP = ("standard: Glorot & Bengio's U[-1/√n, 1/√n]; xavier: Var W = 2/(n_in + n_out); lecun: Var W = 1/n; "
             "he: Var W = 2/n")
SIT = ui.Settings(
    ui.Setting("sat_scale", "Weight scale s (each w_i ~ N(0, s²))", 0.5, range=(0.01, 2.0, 0.01)),
    ui.Setting("sat_kind", "Inputs x", "positive", "radio", options=tuple(sat.INPUTS),
               captions=tuple(sat.INPUTS.values())),
    ui.Setting("sat_bias", "Bias b", 0.0, range=(-10.0, 10.0, 0.1)),
    ui.Setting("sat_inputs", "Number of inputs n", 100, range=(1, 500, 1)),
)
DEPTH = ui.Settings(
    ui.Setting("sat_depth", "Layers L", 10, range=(2, 30, 1)),
    ui.Setting("sat_width", "Units per layer", 64, range=(8, 128, 8)),
    ui.Setting("sat_init", "Initialization", "standard", "selectbox", options=("standard", "xavier", "lecun", "he"),
               help=INIT_HELP),
)
NEURON = ui.Settings(
    ui.Setting("sat_w", "Starting weight w", 2.0, range=(-5.0, 5.0, 0.1)),
    ui.Setting("sat_b", "Starting bias b", 2.0, range=(-5.0, 5.0, 0.1)),
    ui.Setting("sat_lr", "Learning rate η (both costs)", 0.15, range=(0.005, 3.0, 0.005)),
    ui.Setting("sat_epochs", "Epochs", 300, range=(10, 500, 10)),
)
TRAIN = ui.Settings(
    ui.Setting("sat_t_lr", "Learning rate η", 3.0, range=(0.1, 10.0, 0.1)),
    ui.Setting("sat_t_epochs", "Epochs", 200, range=(20, 300, 20)),
    ui.Setting("sat_t_data", "Dataset", "moons", "selectbox", options=("moons", "circles", "xor", "blobs", "spiral")),
    ui.Setting("sat_t_layers", "Hidden layers", 4, range=(1, 4, 1)),
    ui.Setting("sat_t_width", "Units per layer", 32, range=(4, 32, 4)),
    ui.Setting("sat_t_init", "Initialization", "standard", "selectbox", options=("standard", "xavier"),
               help=INIT_HELP),
    ui.Setting("sat_t_act", "Hidden activation", "sigmoid", "selectbox", options=("sigmoid", "tanh")),
)
SIT_PRESETS = {
    "Small weights (s = 0.1)": SIT.preset(sat_scale=0.1),
    "Too large weights (s = 1)": SIT.preset(sat_scale=1.0),
    "Same weights, zero-centred inputs": SIT.preset(sat_scale=1.0, sat_kind="centred"),
}
NIELSEN_LR = {"quadratic": 0.15, "cross-entropy": 0.005}  # Nielsen's figures' rates (ch. 3); ours: one η for both
NEURON_PRESETS = {
    "Saturated start (Nielsen's w = b = 2)": NEURON.preset(),
    "Good start (Nielsen's w = 0.6, b = 0.9)": NEURON.preset(sat_w=0.6, sat_b=0.9),
    f"Nielsen's cross-entropy η = {NIELSEN_LR['cross-entropy']:g}":
        NEURON.preset(sat_lr=NIELSEN_LR["cross-entropy"]),
}
TRAIN_PRESETS = {
    "Glorot & Bengio's net": TRAIN.preset(),
    "Longer: 300 epochs": TRAIN.preset(sat_t_epochs=300),
    "tanh (η = 0.3)": TRAIN.preset(sat_t_lr=0.3, sat_t_act="tanh"),
    "Too large η = 10": TRAIN.preset(sat_t_lr=10.0),
}


@st.fragment
def where_it_sits():
    ui.section("1. Where the neuron sits on the curve", "sits")
    ui.explain("A layer of sigmoid neurons, each computing z = w·x + b over a batch of inputs x, with its own "
               "random weights w_i ~ N(0, s²). Drag the weight scale s and watch the histogram of z spread past "
               f"|z| = {EDGE:.2f} (dotted lines; red bins), where σ' is nearly 0. The z axis stays put across the "
               "presets, so their spreads compare at a glance.")
    v, view = ui.controls(SIT, [("sat_scale", "sat_kind")], [("sat_bias", "sat_inputs")],
                          ("sat_sit_presets", SIT_PRESETS))
    hist, curve, s = sit(v["sat_scale"], v["sat_bias"], v["sat_inputs"], v["sat_kind"])
    other = s["other"]
    positive = s if v["sat_kind"] == "positive" else other
    with view:
        left, right = st.columns([1, 1] if ui.lecture() else [3, 2])  # lecture: room for the legend at 18 px
        with left:
            ui.chart(charts.sit_chart(hist, curve, s["edge"]), "z-on-curve")
        with right:
            ui.chart(charts.mean_slope_chart(slope_curve(), s["z_std"], s["mean_slope"]), "mean-slope")
        cols = st.columns(4)
        cols[0].metric("mean σ'(z)", f"{s['mean_slope']:.4f}",
                       help="Averaged over every neuron and input in the batch")
        cols[1].metric("saturated", ui.pct(s["saturated"]),
                       help=f"σ'(z) < {SATURATION:.0%} of 1/4, i.e. |z| > {EDGE:.2f}")
        cols[2].metric("std z", f"{s['z_std']:.2f}", help="The spread of z over the batch and the neurons")
        cols[3].metric(f"saturated if {other['inputs']}", ui.pct(other["saturated"]),
                       help=f"The same weights and bias with {other['inputs']} inputs")
        ui.takeaway("sat_sits", f"At s = {v['sat_scale']:g}, std z = {s['z_std']:.2f}: {ui.pct(s['saturated'])} of "
                    f"the units sit past |z| = {EDGE:.2f}, where σ' < {SATURATION:.0%} of its best, and the mean "
                    f"slope is {s['mean_slope']:.3f} of at most 0.25.")
    ui.explain(
        f"Right: the average slope E[σ'(z)] when z ~ N(0, (std z)²), against std z (dashed: its large-z limit "
        f"1/(std z · √(2π)), since σ' integrates to 1). This layer has std z = {s['z_std']:.2f}; a "
        f"centred Gaussian of that spread would give {s['gaussian']:.4f}, the layer gives {s['mean_slope']:.4f} "
        "(the black line)"
        + (", lower because the bias shifts z off-centre." if abs(s["mean_slope"] - s["gaussian"]) > 0.005 else ".")
        + "\n\nWhy all-positive inputs saturate more: std z is about s × √(n·E[x²]) = "
        f"{s['spread']:.2f} here, and "
        f"E[x²] = (mean x)² + Var x. Sigmoid outputs have mean {positive['mean_x']:.2f}, so nothing cancels when "
        f"every x_i > 0: the same weights push z {s['wider']:.1f}× further out than with the same inputs centred."
        "\n\nLarge weights and the gradient, per unit and per layer: a saturated unit's slope is about 0, so it "
        "passes almost nothing back, yet a layer of large weights multiplies the gradient by √(n·Var W) and can "
        "grow it even while many of its units saturate (section 2 measures both factors).")


@st.fragment
def through_depth_section():
    ui.section("2. How much gradient survives depth", "depth")
    ui.explain("A deep net at initialization: the gradient enters at the top layer and is multiplied, layer by "
               "layer on its way down, by the weights and by each unit's slope f'(z). For the sigmoid that slope is at "
               "most 1/4 (dashed line, σ' alone: 1/4 per layer, as if the weights neither grew nor shrank the "
               "gradient and every unit sat at z = 0; weights that grow the gradient can lift a curve above it).")
    v, view = ui.controls(DEPTH, [("sat_depth", "sat_width", "sat_init")], presets=("sat_depth_presets", {
        "Glorot & Bengio's init (standard)": DEPTH.preset(),
        "Xavier init: σ' alone shrinks it": DEPTH.preset(sat_init="xavier"),
    }))
    depth, init = v["sat_depth"], v["sat_init"]
    frame, summary = through_depth(depth, v["sat_width"], init)
    sig, weights = summary["sigmoid"], summary["weights"]
    with view:
        ui.chart(charts.depth_chart(frame, sat.slope_ceiling(depth)), "gradient-depth")
        cols = st.columns(3)
        for col, name in zip(cols, sat.DEPTH_ACTIVATIONS):
            s = summary[name]
            if s["vanished"]:
                col.metric(f"{LABELS[name]}: per layer down", "all lost",
                           help="The gradient reached exactly 0 before layer 1")
            else:
                change = f"÷ {s['per_layer']:.2f}" if s["per_layer"] >= 1 else f"× {1 / s['per_layer']:.2f}"
                col.metric(f"{LABELS[name]}: per layer down", change,
                           help=f"What each step down does to the gradient (÷: it shrinks, ×: it grows), the "
                                f"geometric mean over the {depth - 1} steps; layer 1 gets {ui.sci(s['total'])} of the "
                                "top layer's")
        ui.takeaway("sat_depth", f"Through {depth} sigmoid layers at {init} init the gradient shrinks "
                    f"{sig['per_layer']:.1f}× per layer: layer 1 gets {ui.sci(sig['total'])} of the top layer's. Each "
                    f"layer multiplies it by σ' ≤ 1/4 and by the weights' √(n·Var W) = {weights:.2f}.")
    text = (f"Roughly: {1 / SIGMOID.max_slope:.0f}× from σ' ≤ 1/4 (z sits near 0 here: {ui.pct(sig['saturated'])} of "
            f"units saturated), times {1 / weights:.2f}× from the weights (√(n·Var W) = {weights:.2f}).")
    if init != "xavier":
        text += (f" (If you expected 4–5× per layer: that is the sigmoid at Xavier init, where the weights keep the "
                 f"gradient's size and only σ' shrinks it. There it loses {summary['at_xavier']:.1f}× per layer.)")
    if sig["per_layer"] < 1 / SIGMOID.max_slope:
        text += (f"\n\nHere the sigmoid loses less than the slope alone would ({1 / SIGMOID.max_slope:.0f}×): the "
                 "weights are large enough to amplify the gradient (√(n·Var W) > 1).")
    ui.explain(text)


def gradient_formulas(quad, ce, frames):
    """frame, cost_fn, text: the two gradient formulas with each frame's epoch's numbers (input x = 1, target y = 0)."""
    rows = []
    for k, epoch in enumerate(frames):
        q, c = quad.iloc[epoch], ce.iloc[epoch]
        rows += [(k, "quadratic", f"∂C/∂w = (a − y) σ'(z) x\n= {ui.sci(q.a)} × {ui.sci(q.slope)} × 1\n= {ui.sci(q.dw)}"),
                 (k, "cross-entropy", f"∂C/∂w = (a − y) x\n= {ui.sci(c.a)} × 1\n= {ui.sci(c.dw)}")]
    return pd.DataFrame(rows, columns=["frame", "cost_fn", "text"])


@st.fragment
def single_neuron_section():
    ui.section("3. A saturated neuron learns slowly (and the cure)", "neuron")
    ui.explain("Nielsen's single neuron (*Neural Networks and Deep Learning*, ch. 3): input x = 1, target y = 0, "
               "output a = σ(wx + b), gradient descent on w and b. Start it saturated and the quadratic cost "
               "barely moves it, because its gradient carries the factor σ'(z); cross-entropy's does not. "
               "The starts are Nielsen's; the learning rate is ours: one η for both costs, so only their gradients "
               f"differ. Nielsen ran the quadratic cost at η = {NIELSEN_LR['quadratic']:g} (our default) and "
               f"cross-entropy at η = {NIELSEN_LR['cross-entropy']:g} (the last preset runs both at his cross-entropy "
               "rate).")
    v, view = ui.controls(NEURON, [("sat_w", "sat_b")], [("sat_lr", "sat_epochs")],
                          ("sat_neuron_presets", NEURON_PRESETS))
    epochs, settings = v["sat_epochs"], (v["sat_w"], v["sat_b"], v["sat_lr"], v["sat_epochs"])
    run = nielsen(*settings)
    quad, ce = split_costs(run)
    width = 200 if ui.lecture() else 320
    with view:
        ui.chart_player("sat_neuron", len(epochs_to_show(epochs, NEURON_FRAMES)),
                        lambda step: neuron_figure(settings, step, width, _run=run, _costs=(quad, ce)), "neuron")
        summary_of_runs(quad, ce, epochs, v["sat_lr"])


NEURON_FRAMES = 60


def whose_rate(lr):
    """Whose learning rate lr is, in a few words: the takeaway says it where lecture mode hides the prose."""
    his = [name for name, rate in NIELSEN_LR.items() if rate == lr]
    return f"Nielsen's {his[0]} rate, for both costs" if his else "ours, for both costs"


def split_costs(run):
    """nielsen's run as (quadratic's rows, cross-entropy's rows), each indexed by epoch."""
    return tuple(run[run["cost_fn"] == label].reset_index(drop=True) for label in sat.COSTS.values())


def neuron_figure(settings, step, width, _run, _costs):
    """Section 3's played chart of _run = nielsen(*settings) (_costs: split_costs(_run)), opening on frame `step`
    (cached by settings, step and width: a rerun with the same settings builds nothing)."""
    epochs = settings[-1]
    frames = epochs_to_show(epochs, NEURON_FRAMES)
    return charts.neuron_chart(_run, frames, epochs, gradient_formulas(*_costs, frames), step, width)


neuron_figure = ui.cached(neuron_figure, 64)  # 24 kB pickled at the defaults: at most about 2 MB


def summary_of_runs(quad, ce, epochs, lr):
    """What the two runs did, in numbers, under the two formulas: how far each got and where it stepped most."""
    half = epochs // 2
    fastest = {}
    for name, run in zip(sat.COSTS.values(), (quad, ce)):  # one row of three per run, each label naming it
        below = sat.first_epoch_below(run)
        fastest[name], _ = sat.largest_drop(run)
        cells = st.columns(3)
        cells[0].metric(f"{name}: a at epoch {half}", f"{run.a.iloc[half]:.3f}")
        cells[1].metric(f"{name}: first a < 0.5", "never" if below is None else f"epoch {below}")
        cells[2].metric(f"{name}: fastest epoch", f"{fastest[name]}", help="The epoch whose step lowered the cost most")
    start = quad.iloc[0]
    q_at, c_at = fastest["quadratic"], fastest["cross-entropy"]
    share = start.slope / SIGMOID.max_slope
    at_half = f"after {half} epochs at η = {lr:g} ({whose_rate(lr)}) the quadratic's output is " \
              f"{quad.a.iloc[half]:.3f}, cross-entropy's {ce.a.iloc[half]:.3f}"
    if SIGMOID.saturated(start.z) and start.a < 0.5:
        text = (f"This start is saturated but already right: a = {start.a:.3f} with target 0, so neither cost has "
                "much to do. Start at w = b = 2 (a saturated, wrong neuron) to see the quadratic cost stall.")
        takeaway = f"A saturated but right neuron (a = {start.a:.3f}) has nothing to learn: {at_half}."
    elif SIGMOID.saturated(start.z):
        end = quad.iloc[-1]
        crept = (f"the quadratic's in epoch {q_at}, once the neuron had crept off the flat part of the curve."
                 if not SIGMOID.saturated(end.z) else
                 f"the quadratic never got off the flat part in {epochs} epochs (its output is still {end.a:.3f}).")
        text = (f"This start is saturated: z = {start.z:.2f}, a = {start.a:.3f}, σ'(z) = {start.slope:.3g} "
                f"({share:.1%} of its maximum). Cross-entropy's cost fell most in epoch {c_at}; " + crept)
        takeaway = (f"Saturated at σ'(z) = {start.slope:.3g}, the neuron learns slowly under the quadratic cost: "
                    f"cross-entropy's gradient, with no σ' factor, is {1 / start.slope:,.0f}× the quadratic's; "
                    f"{at_half}.")
    else:
        text = (f"This start is not saturated: z = {start.z:.2f}, σ'(z) = {start.slope:.4f} is {share:.0%} of its "
                "maximum, so both costs learn from the start. Start at w = b = 2 to see the quadratic cost stall.")
        takeaway = f"Not saturated (σ'(z) = {share:.0%} of its maximum), both costs learn: {at_half}."
    ui.takeaway("sat_neuron", takeaway)
    ui.explain(text)


@st.fragment
def training_section():
    ui.section("4. Do trained sigmoid nets end up near 0 or 1?", "trained")
    ui.explain("Do a trained deep sigmoid net's hidden activations end up near 0 or 1, where σ' is almost 0? Train "
               "one and look: a net with sigmoid hidden layers on a 2-D dataset, full-batch gradient descent on "
               "cross-entropy, each hidden layer's activations tracked (Glorot & Bengio 2010, fig. 2, did this with "
               "4 hidden layers of 1000 units on images and saw the top hidden layer driven to 0 early). Two "
               f"readings of \"near 0 or 1\": the looser one, a within {sat.NEAR:g} of either end (σ' below "
               f"{sat.near_slope_share():.0%} of its maximum: Glorot & Bengio's \"saturated at 0\"), and this page's "
               f"strict one, σ' below {SATURATION:.0%} of its maximum (a < {SIGMOID(-EDGE):.3f} or > "
               f"{SIGMOID(EDGE):.3f}).")
    v, view = ui.controls(TRAIN, [("sat_t_lr", "sat_t_epochs")],
                          [("sat_t_data", "sat_t_layers", "sat_t_width", "sat_t_init", "sat_t_act")],
                          ("sat_train_presets", TRAIN_PRESETS))
    hidden = v["sat_t_act"]
    settings = tuple(v[k] for k in ("sat_t_data", "sat_t_layers", "sat_t_width", "sat_t_init", "sat_t_lr",
                                    "sat_t_epochs", "sat_t_act"))
    with st.spinner("Training the net…", show_time=True):
        result = deep_run(*settings)
    width = 170 if ui.lecture() else 250
    with view:
        if result["diverged"]:
            st.warning(f"This run diverged: {result['diverged']}. The charts show the epochs before it.")
        ui.chart_player("sat_train", len(result["epochs_shown"]),
                        lambda step: training_figure(settings, step, width, _result=result), "layers")
        answer_seed_002(result, hidden, ENDS[hidden])


ENDS = {"sigmoid": "0 or 1", "tanh": "−1 or 1"}


def training_figure(settings, step, width, _result):
    """Section 4's played chart of _result = deep_run(*settings), opening on frame `step` (cached by settings, step
    and width: a rerun with the same settings builds nothing)."""
    epochs, hidden = settings[5], settings[6]
    return charts.training_chart(_result["layers"], _result["hist"], _result["epochs_shown"], epochs,
                                 sat.bands(hidden), step, activation(hidden).output_range, width,
                                 charts.ZONES | {"near": f"near {ENDS[hidden]}"})


training_figure = ui.cached(training_figure, 32)  # 71 kB pickled at the defaults (76 kB at 300 epochs): <= 2.5 MB


def answer_seed_002(result, hidden, ends):
    """That question answered from this run's numbers: each layer at the end, then the verdict in both readings."""
    end, dip = result["end"], result["dip"]
    if not ui.lecture():  # the takeaway below states the top layer's numbers in a hall's type size
        mean = end["act_mean"].round(2) + 0.0  # + 0.0: -0.001 reads 0.00, not -0.00
        table = pd.DataFrame({"mean a": mean.map("{:.2f}".format), f"near {ends}": end["near"].map(ui.pct),
                              "saturated": end["saturated"].map(ui.pct)})
        layers_at = [f"layer {layer}" for layer in end.index]
        st.table(table.set_axis(layers_at).rename_axis(f"epoch {end['epoch'].iloc[0]}"))
    top = end.iloc[-1]
    near = "yes" if top.near >= 0.5 else "no"
    strict = "yes" if top.saturated >= 0.5 else "no"
    verdict = (f"Near {ends}, in Glorot & Bengio's terms: {near} for the top hidden layer, {ui.pct(top.near)} of its "
               f"units within {sat.NEAR:g} of {ends} (mean a {dip['start']:.2f} → {top.act_mean:.2f}). Saturated, "
               f"in this page's strict terms (σ' < {SATURATION:.0%} of its maximum): {strict}, {ui.pct(top.saturated)}.")
    if hidden == "sigmoid" and dip["low"] < 0.5 * dip["start"]:
        verdict += f" Its mean fell to {dip['low']:.2f} by epoch {dip['at']}."
    ui.takeaway("sat_trained", verdict)
    ui.explain(gap_sentence(result["gap"], len(end)) + f"Activations near {ends} come from too large weights or too "
               "large a learning rate: try the last preset. A unit near 0 but not strictly saturated still has a third "
               "of its slope or more: it learns slowly, not never.")


def gap_sentence(gap, depth):
    """How layer 1's weight gradient compared with the top hidden layer's at init, in words (gap: top / layer 1)."""
    if depth == 1:
        return ""
    if gap == float("inf"):
        return "At init layer 1's weights got no gradient at all. "
    if gap > 1:
        return (f"At init the gradient reaching layer 1's weights was {ui.times(gap)} smaller than the top hidden "
                "layer's (section 2's vanishing gradient). ")
    return (f"At init layer 1's weights got {ui.times(1 / gap)} the top hidden layer's gradient: nothing vanished on "
            "the way down at this init. ")


def check_yourself():
    ui.section("5. Check yourself", "check")
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


STORY = [
    ui.Step("Where z sits", "Large weights push z past the edge of the curve, where σ' is almost 0.", where_it_sits,
            SIT.preset(sat_scale=1.0)),
    ui.Step("Depth", "Each sigmoid layer multiplies the gradient by σ' ≤ 1/4 on its way down: it vanishes "
            "geometrically.", through_depth_section, DEPTH.preset()),
    ui.Step("A saturated neuron", "A saturated neuron learns slowly under the quadratic cost; cross-entropy, "
            "with no σ' in its gradient, cures it.", single_neuron_section, NEURON.preset()),
    ui.Step("After training", "Do trained sigmoid nets end near 0 or 1? The top hidden layer is driven toward 0 "
            "early, near 0 though not strictly saturated.", training_section, TRAIN.preset()),
]

ui.header("Saturation", "A sigmoid unit whose input z sits far from 0 has almost no slope left, and backpropagation "
          "multiplies every gradient by that slope. Below: where a layer's z lands on the curve, how much gradient "
          "survives depth, why a saturated neuron learns slowly, and what training does to a deep sigmoid net.")
ui.explain(f"**Saturated**, everywhere on this page (sigcore's one definition): the unit's slope σ'(z) is below "
           f"{SATURATION:.0%} of its maximum 1/4, i.e. |z| > {EDGE:.2f}, where σ(z) < {SIGMOID(-EDGE):.3f} or "
           f"> {SIGMOID(EDGE):.3f}. Section 4 adds a looser reading, *near 0 or 1*: σ(z) < {sat.NEAR:g} or "
           f"> {1 - sat.NEAR:g}.")
ui.run([where_it_sits, through_depth_section, single_neuron_section, training_section, check_yourself], "sat_story",
       STORY)
ui.source("sat_code", "The code behind this page", sat.mean_slope, sat.single_neuron)
