"""Initialization: too-large weights saturate a sigmoid net, too-small ones collapse it; why positive inputs make it
worse; the formulas that aim in between, with this net's numbers; and training from each init."""
import numpy as np
import pandas as pd
import streamlit as st

import ui
from ui import work
from ui.numbers import SUPERSCRIPT
from charts import initialization as charts
from charts.player import STEP
from charts.base import LABELS
from charts.spec import activation_field
from sigcore import SATURATION, activation, data, initializers, losses, saturation_edge
from sigcore.activations import saturated_zone
from experiments import initialization as init


# Entries bounded from one result's pickled size: signal at the defaults 0.1 MB (256 wide: 0.3 MB), z_spread 20 kB,
# formula_table 3 kB, sweep 2 kB; train_runs 0.34 MB at the defaults and 15 MB at its largest (7 runs of 4 x 64,
# whose 21 snapshots of weights it keeps), boundary 0.18 MB: at most about 100 MB in all, 5 MB in a day of defaults.
signal = ui.cached(init.signal, 48)
z_spread = ui.cached(init.z_spread, 48)
formula_table = ui.cached(init.formula_table, 48)
sweep = ui.cached(init.sweep, 48)
train_runs = ui.cached(init.train_runs, 6)


def run_boundary(runs, dataset, depth, width, lr, epochs, batch, seed, run):
    """The decision boundary of run `run` at each snapshot of the train_runs call with these arguments (cached)."""
    return init.run_boundaries(train_runs(runs, dataset, depth, width, lr, epochs, batch, seed), run, runs[run][0])


def run_outcomes(runs, *args):
    """runs: {name: (hidden, scheme id)}; train_runs(runs' pairs, *args) (cached), its outcomes by name and what the
    player shows of it (init.played): one call for every number section 4 states."""
    result = train_runs(tuple(runs.values()), *args)
    return result, init.outcomes(result, list(runs)), init.played(result, runs)


boundary = ui.cached(run_boundary, 32)
trained = ui.cached(run_outcomes, 6)  # train_runs' result again (0.2 MB at the defaults), its outcomes and frames


HIDDEN = ["sigmoid", "tanh", "relu"]
NAMES = {h: LABELS[h] for h in HIDDEN}  # the display spellings; a link from before them states the sigcore name
EDGE = saturation_edge("sigmoid")
SATURATED = (f"A unit counts as *saturated* when its slope is below {SATURATION:.0%} of the activation's maximum "
             f"slope on a flat side (sigmoid: |z| > {EDGE:.2f}).")


def opening(anchor, text, presets_key, presets, per_row=None):
    """A section's heading and prose; its presets for ui.controls, `per_row` buttons to a row (None during a story
    step, which sets the section's settings itself)."""
    ui.section(TITLE[anchor], anchor)
    ui.explain(text)
    return None if ui.step_number("init_story") else (presets_key, presets, per_row)


BY_LABEL = {init.SHORT[s]: s for s in init.SCHEMES}  # widgets show (and links carry) short names; sigcore takes ids
LABEL = {"too_small": "too small · N(0, 0.01²)", "standard": "standard · U[±1/√n]", "xavier": "Xavier",
         "xavier4": "Xavier ×4", "he": "He", "lecun": "LeCun",
         "too_large": f"too large · N(0, {initializers.TOO_LARGE:g}²)", "zeros": "zeros", "custom": "custom · N(0, s²)"}
VAR_FORMULA = {"standard": "1/(3 n_in)", "xavier": "2/(n_in + n_out)", "xavier4": "16 · 2/(n_in + n_out)",
               "he": "2/n_in", "lecun": "1/n_in", "too_small": "0.01²", "too_large": f"{initializers.TOO_LARGE:g}²"}
ASSUMES = {
    "standard": "A heuristic, not derived: it bounds each unit's fan-in sum, but with n·Var(W) below 1 the variance "
                "shrinks at every layer, even in tanh's linear regime.",
    "xavier": "Averages the forward condition n_in·Var(W) = 1 and the backward one n_out·Var(W) = 1, assuming the "
              "units work in tanh's linear regime (slope 1 at 0).",
    "xavier4": "Xavier for sigmoid: its slope at 0 is 1/4, not 1, so the weights are 4 times larger. The "
               "activations then spread over the curve instead of bunching at 0.5, but the formula ignores the "
               "sigmoid outputs' positive mean: section 1 shows the input's spread and the gradient still fading "
               "per layer.",
    "he": "ReLU zeroes half of its inputs, halving E[a²]; doubling Var(W) makes up for it.",
    "lecun": "Keeps Var(z) = Var(a) of the layer below, assuming zero-mean inputs of unit variance and a linear "
             "regime of slope 1.",
    "too_small": "A fixed scale that ignores the width: far below 1/√n for every width on this page.",
    "too_large": "A fixed scale that ignores the width: Var(z) = n·Var(w)·E[a²] grows with n.",
}


def select_custom():
    """init_std's callback: moving s selects the custom init."""
    st.session_state["init_scheme"] = init.SHORT["custom"]


def label(scheme):
    return LABEL.get(scheme, str(scheme))


TITLE = {"signal": "1 · The signal at init", "spread": "2 · Why large weights saturate", "formulas": "3 · The formulas",
         "train": "4 · Does it train?", "quiz": "5 · Check yourself"}
# each section's heading, anchor and tab label (the tab labels are in lecturers' links: keep them)

ui.header("Initialization", "Weights that start too large saturate a sigmoid net; weights that start too small "
          "collapse it. See both at init, see why positive inputs make saturation come sooner, check the formulas "
          "that aim in between with this net's numbers, and train the same net from each start.")

# ---------------------------------------------------------------------------------------------------------------
SIGNAL = ui.Settings(
    ui.Setting("init_hidden", "Hidden activation", "sigmoid", "radio", options=HIDDEN, names=NAMES),
    ui.Setting("init_scheme", "Initial weights", init.SHORT["standard"], "selectbox", options=list(BY_LABEL),
               help=" · ".join(LABEL.values())),
    ui.Setting("init_depth", "Depth (layers)", 10, range=(1, 30, 1)),
    ui.Setting("init_width", "Width (units per layer)", 64, range=(8, 256, 8)),
    ui.Setting("init_std", "s of the custom N(0, s²)", 0.1, "select_slider", options=init.SIGMAS,
               help="Moving it selects the custom init.", on_change=select_custom),
    ui.Setting("init_seed", "Seed", 0, "seed"),
)


def sigmoid_at(scheme, depth=10):
    return SIGNAL.preset(init_scheme=init.SHORT[scheme], init_depth=depth, init_width=256)


SIGNAL_PRESETS = {
    "Too small": sigmoid_at("too_small"),
    "Too large": sigmoid_at("too_large"),
    "Xavier ×4": sigmoid_at("xavier4"),
    "Glorot & Bengio": sigmoid_at("standard", 5),
    "ReLU · He": SIGNAL.preset(init_hidden="relu", init_scheme=init.SHORT["he"], init_depth=30, init_width=256),
    "ReLU · 1/n": SIGNAL.preset(init_hidden="relu", init_scheme=init.SHORT["lecun"], init_depth=30, init_width=256),
}
# sigmoid at width 256 from each side of its right scale (Xavier ×4); ReLU at depth 30, He against 1/n


def signal_verdict(layers, ratios, hidden, scheme, depth):
    """The sentences that say what this probe shows (ratios: init.summary(layers)), and whether it is a problem."""
    act = activation(hidden)
    first, top = layers.iloc[0], layers.iloc[-1]
    if scheme == "zeros":
        return [f"Every weight is 0, so every unit of a layer computes the same value ({ui.sci(top.act_mean)}), and "
                f"no gradient gets below the top layer (|dL/dz| at layer 1: {ui.sci(first.delta_norm)}, |dL/dW|: "
                f"{ui.sci(first.grad_norm)}): the units can never become different."], True
    lines, bad = [], False
    grad = ratios["gradient"]
    saturated = act.saturates == "both" and layers.saturated.mean() > 0.5
    if saturated:
        bad = True
        lines.append(f"**Saturated:** on average {layers.saturated.mean():.0%} of the units sit where the slope is "
                     f"under {SATURATION:.0%} of its maximum, so each passes almost no gradient back"
                     + saturated_gradient(grad, ratios["gradient_per_layer"], depth))
    if hidden == "sigmoid" and depth > 1 and layers.reach.iloc[1:].max() <= 0.1:
        bad = True
        lines.append(f"**Collapsed to 0.5:** every activation in layers 2–{depth} lies within "
                     f"{layers.reach.iloc[1:].max():.3f} of 0.5 (to the histogram's bin width); layer 1, fed the "
                     f"N(0, 1) input directly, has {first.within:.1%} of them within 0.1.")
    if depth > 1 and ratios["signal"] is not None and ratios["signal"] < 1e-3:
        bad = True
        lines.append(f"**The input is washed out:** a unit's spread across inputs falls from {ui.sci(first.signal)} at "
                     f"layer 1 to {ui.sci(top.signal)} at layer {depth}; every input gives nearly the same output.")
    if hidden == "relu" and depth > 1 and ratios["second_moment"] is not None:
        per_layer = ratios["second_moment_per_layer"]
        steady = init.holds(per_layer)
        bad |= not steady
        trend = "held steady" if steady else "fades" if per_layer < 1 else "grows"
        lines.append(f"**Second moment {trend}:** E[a²] is {ui.sci(first.second_moment)} at layer 1 and "
                     f"{ui.sci(top.second_moment)} at layer {depth}, a factor of {ui.sci(ratios['second_moment'])}: "
                     f"×{per_layer:.2f} per layer, {'within' if steady else 'outside'} the "
                     f"×{1 / init.HOLDS:.2f}–×{init.HOLDS:.2f} that counts as steady (halving at every step would "
                     f"give 2{str(1 - depth).translate(SUPERSCRIPT)} = {ui.sci(0.5 ** (depth - 1))}).")
    if depth > 1 and grad is not None and (grad < 1e-3 or grad > 1e3) and not saturated:
        bad = True
        lines.append(f"**The gradient {'vanishes' if grad < 1 else 'explodes'} on its way down:** |dL/dz| at layer 1 "
                     f"is {ui.sci(grad)} × the top layer's (×{ratios['gradient_per_layer']:.2f} per layer).")
    if not lines and depth > 1:
        fading = [f"{word} {'fades' if f < 1 else 'grows'} by ×{f:.2f} per layer" for word, f in
                  (("the input spread", ratios["signal_per_layer"]), ("the gradient", ratios["gradient_per_layer"]))
                  if f is not None and not init.holds(f)]
        bad = bool(fading)
        lines.append(f"**Neither collapsed nor saturated{', but ' + ' and '.join(fading) if fading else ''}:** by "
                     f"layer {depth} the spread across inputs keeps {ui.sci(ratios['signal'])} of its layer-1 value "
                     f"(×{ratios['signal_per_layer']:.2f} per layer), and layer 1 gets {ui.sci(grad)} × the top "
                     f"layer's gradient (×{ratios['gradient_per_layer']:.2f} per layer).")
    if hidden == "sigmoid" and scheme == "xavier4" and depth > 1 and grad is not None:
        lines.append(f"**What ×4 fixes, and what it does not:** ×4 is the sigmoid's own scale for z (its slope at 0 is "
                     f"1/4, not tanh's 1): layer {depth}'s activations still spread with std {top.act_std:.2f} over "
                     f"the curve instead of bunching at 0.5, so a net starts off the ln 2 plateau. It does not fix the "
                     f"backward factor: each layer still multiplies the gradient by "
                     f"{per(ratios['gradient_per_layer'])}, √(n Var W) times a mean slope σ' ≤ 1/4; and the part of "
                     f"the spread that depends on the input fades too ({per(ratios['signal_per_layer'])} per layer: "
                     f"the positive-mean offset of section 2).")
    return lines or ["One layer: nothing to compare across depth yet. Add layers."], bad


def signal_takeaway(layers, ratios, hidden, scheme, depth):
    """The one sentence section 1 answers: does the signal survive depth at this init, and why not."""
    name = init.SHORT.get(scheme, scheme)
    if scheme == "zeros":
        return "Zeros: every unit of a layer computes the same value, and no gradient reaches below the top layer."
    if depth == 1:
        return "One layer: add layers to see what depth does to the signal."
    reach = layers.reach.iloc[1:].max()
    if hidden == "sigmoid" and reach <= 0.1:
        return (f"{name.capitalize()}: every activation of layers 2–{depth} stays within {reach:.3f} of 0.5, so the "
                f"input is washed out (its spread {per(ratios['signal_per_layer'])} per layer).")
    if activation(hidden).saturates == "both" and layers.saturated.mean() > 0.5:
        grows = ratios["gradient"] is not None and ratios["gradient"] > 1
        return (f"{name.capitalize()}: {layers.saturated.mean():.0%} of the units start saturated, each passing "
                f"almost no gradient back" + (f"; yet per layer the large weights grow the gradient "
                                              f"{per(ratios['gradient_per_layer'])}." if grows else "."))
    steady = init.holds(ratios["signal_per_layer"]) and init.holds(ratios["gradient_per_layer"])
    return (f"{name.capitalize()}: the input spread changes {per(ratios['signal_per_layer'])} and the gradient "
            f"{per(ratios['gradient_per_layer'])} per layer on their way through {depth} layers"
            + (": both hold steady." if steady else "."))


def per(factor):
    """A factor per layer as '×0.62', or 'n/a' where it is undefined (None)."""
    return "n/a" if factor is None else f"×{factor:.2f}"


def saturated_gradient(grad, per_layer, depth):
    """The end of the saturation sentence: what the gradient measured from the top layer down to layer 1 does."""
    if depth == 1 or grad is None:
        return "."
    if grad > 1:
        return (f"; yet |dL/dz| grows ×{ui.sci(grad)} on its way down to layer 1 (×{per_layer:.2f} per layer). Both "
                f"hold: per unit, a saturated unit's slope is near 0, so it passes almost nothing back; per layer, the "
                f"gradient is multiplied by about √(n Var W) times the mean slope, and weights this large can grow it "
                f"even while most units saturate. The trouble is the saturated forward signal, not a vanished "
                f"gradient.")
    return f", and |dL/dz| at layer 1 is {ui.sci(grad)} × the top layer's (×{per_layer:.2f} per layer)."


@st.fragment
def signal_section():
    presets = opening("signal", "A stack of *depth* layers, *width* units each, gets inputs x ~ N(0, 1); a random "
                      "gradient is sent back from the top. Small multiples show how each layer's activations are "
                      "spread; the panels below track every layer's saturation, spread, and the gradient that "
                      "reaches its weights.", "init_p1", SIGNAL_PRESETS)
    v, view = ui.controls(SIGNAL, [{"init_hidden": 5, "init_scheme": 6, "init_depth": 6}],
                          [{"init_width": 3, "init_std": 3, "init_seed": 1}], presets)
    hidden, scheme, depth = v["init_hidden"], BY_LABEL[v["init_scheme"]], v["init_depth"]
    width, std, seed = v["init_width"], v["init_std"], v["init_seed"]
    layers, hist = signal(hidden, depth, width, scheme, std, seed)
    ratios = init.summary(layers)
    act = activation(hidden)
    shown = hist[hist.layer.isin(init.shown_layers(depth))]
    with view:
        ui.chart(charts.histograms_chart(shown, saturated_zone(hidden), independent_x=act.output_range[1] > 1,
                                         panel_width=92 if ui.lecture() else 112), "histograms")
        ui.takeaway("signal", signal_takeaway(layers, ratios, hidden, scheme, depth))
    share_col, share_title = ("saturated", "% saturated") if act.saturates == "both" else ("dead", "% dead units")
    cols = st.columns(3)
    with cols[0]:
        ui.chart(charts.share_chart(layers, share_col, share_title), "share")
    with cols[1]:
        ui.chart(charts.spread_chart(layers), "spread")
    with cols[2]:
        ui.chart(charts.gradient_chart(layers), "gradient")
    cols = st.columns(4)
    where = f"Layer {depth} is the top layer."
    cols[0].metric(f"{share_title[2:].capitalize()} (layer mean)", f"{layers[share_col].mean():.0%}",
                   help=SATURATED if share_col == "saturated" else "Units whose slope is 0 for every input.")
    cols[1].metric("Input spread: top ÷ layer 1", ui.sci(ratios["signal"]),
                   help=f"Each unit's std across inputs, averaged over units. {where}")
    cols[2].metric("E[a²]: top ÷ layer 1", ui.sci(ratios["second_moment"]),
                   help=f"The second moment of the activations. {where}")
    cols[3].metric("|dL/dz|: layer 1 ÷ top", ui.sci(ratios["gradient"]),
                   help=f"How much of the gradient sent back from the top reaches layer 1. {where}")
    lines, bad = signal_verdict(layers, ratios, hidden, scheme, depth)
    if not ui.lecture():  # lecture mode keeps the takeaway, the lecturer speaks the rest
        (st.warning if bad else st.success)("  \n".join(lines))
    w_std = np.sqrt(init.weight_var(scheme, width, width, std))
    defined = SATURATED if act.saturates == "both" else "A unit is *dead* when its slope is 0 for every input."
    st.caption(f"{label(scheme)} at width {width}: std(W) = {ui.sci(w_std)}. {defined} Spread across inputs: each "
               f"unit's std over the {init.samples(width)} inputs, averaged over units. Gradient: |dL/dz| of a random "
               f"gradient sent back from the top layer.")
    sweep_section(hidden, width, seed)


def sweep_section(hidden, width, seed):
    """A lazy expander: every weight std at this width, and where the forward and backward factors are steady."""
    box = st.expander("Where is 'just right'? Sweep the weight scale s at this width", key="init_sweep",
                      on_change="rerun", bind="query-params")
    if not box.open:
        return
    with box:
        with st.spinner("Probing every s …"):
            frame = sweep(hidden, width, seed)
        share_col, share_title = (("saturated", "% saturated") if activation(hidden).saturates == "both"
                                  else ("dead", "% dead units"))
        left, right = st.columns([3, 2])
        with left:
            ui.chart(charts.sweep_chart(frame, init.scheme_stds(width), font=18 if ui.lecture() else 14), "sweep")
        with right:
            ui.chart(charts.sweep_share_chart(frame, share_col, share_title), "sweep_share")
        st.markdown(sweep_verdict(frame, hidden, width, share_col))


def sweep_verdict(frame, hidden, width, share_col):
    """Where each factor per layer is steady (1), and how saturated (or dead) the units are there."""
    words = {"signal_per_layer": "the input spread", "gradient_per_layer": "the gradient"}
    parts = []
    for column, word in words.items():
        sigma = init.steady_sigma(frame, column)
        if sigma is None:
            parts.append(f"no s from {frame.sigma.min():g} to {frame.sigma.max():g} brings {word} to ×1 per layer "
                         f"(it stays between ×{frame[column].min():.2f} and ×{frame[column].max():.2f})")
        else:
            parts.append(f"{word} reaches ×1 per layer at s ≈ {sigma:.2g}, where "
                         f"{init.at_sigma(frame, sigma, share_col):.0%} "
                         f"of the units are {'saturated' if share_col == 'saturated' else 'dead'}")
    return (f"**{hidden}, width {width}, {init.SWEEP_DEPTH} layers:** " + "; ".join(parts) + f". 'Just right' is a "
            f"factor of 1 per layer (here: within {init.STEADY - 1:.0%}); below it the signal fades, above it grows. "
            f"The grey ticks mark where each named init puts s at this width.")


# ---------------------------------------------------------------------------------------------------------------
SPREAD = ui.Settings(
    ui.Setting("init_z_sigma", "Weight scale s (the std of each weight)", 1.0, "select_slider", options=init.SIGMAS),
    ui.Setting("init_z_n", "Fan-in n", 64, range=(1, 256, 1)),
    ui.Setting("init_z_spread", "Spread of the inputs' own pre-activations: aᵢ = σ(u), u ~ N(0, std u²)", 1.0,
               range=(0.1, 5.0, 0.1)),
)


@st.fragment
def spread_section():
    ui.section(TITLE["spread"], "spread")
    ui.explain("*How do large weights saturate a neuron?* A unit computes z = Σᵢ wᵢ aᵢ over its n inputs. "
               "With weights wᵢ ~ N(0, s²) drawn independently of the inputs, Var(z) = n s² E[a²], and "
               "E[a²] = Var(a) + E[a]². The catch: a sigmoid layer hands the next one only "
               "*positive* aᵢ, so the E[a]² term adds an offset E[a]·Σᵢ wᵢ that is the same for every input. "
               "Nothing cancels it. Centred inputs with the same variance lack that term.")
    left, right = st.columns([3, 2])
    with left:
        sigma = SPREAD.show("init_z_sigma")
        with ui.more_controls():
            n = SPREAD.show("init_z_n")
            spread = SPREAD.show("init_z_spread")
    frame, at = z_spread(n, spread, sigma)
    pos, cen = at[init.POSITIVE], at[init.CENTRED]
    with right:
        st.metric("Saturated z, positive inputs", f"{pos['saturated']:.1%}")
        st.metric("Saturated z, centred inputs", f"{cen['saturated']:.1%}")
    st.latex(rf"\mathrm{{Var}}(z) = n\,s^2\,(\mathrm{{Var}}(a) + \mathbb{{E}}[a]^2) = {n} \cdot {sigma:g}^2 "
             rf"\cdot ({pos['var']:.3f} + {pos['mean'] ** 2:.3f}) \;\Rightarrow\; \mathrm{{std}}(z) = "
             rf"{pos['z_std_formula']:.3g}")
    st.markdown(f"Positive inputs: std of z = **{pos['z_std']:.3g}** measured ({pos['z_std_formula']:.3g} by the "
                f"formula), of which the offset E[a]·Σᵢ wᵢ alone has std s√n·E[a] = {pos['offset_std']:.3g}: "
                f"{pos['mean'] ** 2 / pos['second_moment']:.0%} of Var(z). Centred inputs: **{cen['z_std']:.3g}** "
                f"measured ({cen['z_std_formula']:.3g} by the formula).")
    half = init.half_saturated_std()
    ui.chart(charts.z_spread_chart(frame, sigma, half), "z_spread")
    onset = init.saturation_onset(frame)
    if onset[init.POSITIVE] and onset[init.CENTRED]:
        ui.explain(f"Half of the z values pass the saturation edge |z| = {EDGE:.2f} once std(z) reaches "
                   f"{EDGE:.2f} / {init.QUARTILE:.3f} = {half:.2f} (the grey line, for a Gaussian z): from s ≈ "
                   f"{onset[init.POSITIVE]:.2g} with positive inputs, but only from s ≈ {onset[init.CENTRED]:.2g} "
                   f"with centred ones: {onset[init.CENTRED] / onset[init.POSITIVE]:.2g} × larger weights. Points: "
                   f"measured on 256 inputs × 256 units of fan-in {n}; lines: s√(n E[a²]); the large points mark s.")
    ui.takeaway("spread", spread_takeaway(pos, cen, sigma, onset))


def spread_takeaway(pos, cen, sigma, onset):
    """The one sentence: positive inputs saturate more at this s, and from how much smaller weights."""
    text = (f"At s = {sigma:g}, {pos['saturated']:.0%} of z saturates with positive inputs, {cen['saturated']:.0%} "
            f"with centred ones of the same variance")
    if onset[init.POSITIVE] and onset[init.CENTRED]:
        text += (f"; half saturates from s ≈ {onset[init.POSITIVE]:.2g} with positive inputs, "
                 f"at weights {onset[init.CENTRED] / onset[init.POSITIVE]:.2g} × smaller than centred ones need")
    return text + "."


# ---------------------------------------------------------------------------------------------------------------
FAN = ui.Settings(ui.Setting("init_fan_in", "Fan-in n_in", 64, range=(1, 1024, 1)),
                  ui.Setting("init_fan_out", "Fan-out n_out", 64, range=(1, 1024, 1)))


@st.fragment
def formula_section():
    ui.section(TITLE["formulas"], "formulas")
    ui.explain("Each scheme picks Var(W) so that Var(z) = n_in Var(W) E[a²] neither grows nor shrinks from layer to "
               "layer, under its own assumption about the activation.")
    c1, c2 = st.columns(2)
    n_in = FAN.show("init_fan_in", c1)
    n_out = FAN.show("init_fan_out", c2)
    table = formula_table(n_in, n_out)
    shown = table.assign(scheme=table.scheme.map(LABEL), **{c: table[c].map(ui.sci) for c in
                                                            ["Var(W)", "std(W)", "n_in · Var(W)", "Var of one draw"]})
    shown.insert(1, "Var(W) formula", table.scheme.map(VAR_FORMULA))
    style = shown.style.hide(axis="index")
    st.table(style.set_properties(**{"font-size": "19px"}) if ui.lecture() else style)
    gain = 1 / activation("sigmoid").max_slope
    draw = (f"'Var of one draw' is the variance of one ({n_in} × {n_out}) matrix drawn by sigcore."
            if table["Var of one draw"].notna().all() else
            f"'Var of one draw' is n/a: a {n_in} × {n_out} matrix has fewer than {init.DRAW_ENTRIES} entries, too "
            f"few for their variance to estimate Var(W) (one entry's variance is 0 whatever the scheme).")
    ui.explain("\n".join(f"- **{LABEL[scheme]}:** {ASSUMES[scheme]}" for scheme in table.scheme) +
               f"\n\nSigmoid's slope at 0 is {activation('sigmoid').max_slope:g}, so a sigmoid layer in its linear "
               f"regime passes on 1/{gain:g} of what tanh would: hence Xavier × {gain:g}. {draw}")
    std = dict(zip(table.scheme, table["std(W)"]))
    ui.takeaway("formulas", f"At n_in = {n_in}, n_out = {n_out} the scale s is {ui.sci(std['xavier'])} "
                            f"for Xavier (tanh), {ui.sci(std['xavier4'])} for Xavier ×4 (sigmoid) and "
                            f"{ui.sci(std['he'])} for He (ReLU): each follows the width, which a fixed "
                            f"N(0, s²) cannot.")


# ---------------------------------------------------------------------------------------------------------------
GLOROT = [("sigmoid", "standard"), ("sigmoid", "xavier"), ("tanh", "standard"), ("tanh", "xavier")]
VIEWS = ["Every init", "Sigmoid vs tanh (Glorot & Bengio)"]
BATCHES = [50, 100, 200]
LEARNING_RATES = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0]


def glorot_label(pair):
    return f"{pair[0]} · {init.SHORT[pair[1]]}"


TRAINING = ui.Settings(
    ui.Setting("init_view", "View", VIEWS[0], "radio", options=VIEWS),
    ui.Setting("init_train_hidden", "Hidden activation", "sigmoid", "selectbox", options=HIDDEN, names=NAMES,
               help="For the *Every init* view; the Glorot & Bengio view trains sigmoid and tanh."),
    ui.Setting("init_data", "Data", "xor", "selectbox", options=list(data.MAKERS)),
    ui.Setting("init_train_depth", "Hidden layers", 1, range=(1, 4, 1)),
    ui.Setting("init_train_width", "Units per layer", 64, range=(4, 64, 4)),
    ui.Setting("init_epochs", "Epochs", 100, range=(20, 200, 10)),
    ui.Setting("init_lr", "Learning rate η", 2.0, "select_slider", options=LEARNING_RATES),
    ui.Setting("init_batch", f"Batch size ({BATCHES[-1]}: full batch)", 50, "select_slider", options=BATCHES),
    ui.Setting("init_train_seed", "Seed", 0, "seed"),
    ui.Setting("init_run", "Decision boundary of", init.SHORT["xavier4"], "selectbox",
               options=[init.SHORT[s] for s in init.TRAINED]),
    ui.Setting("init_gb_run", "Decision boundary of", glorot_label(("tanh", "xavier")), "selectbox",
               options=[glorot_label(pair) for pair in GLOROT]),
)
TEXTBOOK_FAILS = TRAINING.preset(init_data="circles", init_train_depth=2, init_train_width=32, init_lr=0.5,
                                 init_epochs=150)
TRAIN_PRESETS = {
    "Does it train?": TRAINING.preset(),
    "When the textbook fails": TEXTBOOK_FAILS,
    "Every init, ReLU": TRAINING.preset(init_train_hidden="relu", init_data="circles", init_train_depth=2,
                                        init_train_width=32, init_lr=0.1, init_epochs=150),
    "Glorot & Bengio: deep sigmoid vs tanh": TRAINING.preset(init_view=VIEWS[1], init_data="circles",
                                                             init_train_depth=4, init_train_width=32, init_lr=0.1,
                                                             init_epochs=150),
}
# The default: one hidden layer of 64 on xor at lr 2, where the scaled inits train and both fixed scales fail on fresh
# points. When the textbook fails: two sigmoid layers of 32 on circles at lr 0.5, where Xavier sits at chance.


def runs_of(view, hidden):
    """{label: (hidden, scheme id)} of the runs a view trains, in colour order."""
    if view == VIEWS[0]:
        return {init.SHORT[s]: (hidden, s) for s in init.TRAINED}
    return {glorot_label(pair): pair for pair in GLOROT}


def run_picker(values):
    """The setting that picks the run whose decision boundary is drawn, for the view `values` holds."""
    return "init_run" if values["init_view"] == VIEWS[0] else "init_gb_run"


@st.fragment
def training_section():
    presets = opening(
        "train", "The same net, the same data, the same mini-batches and the same seed, trained with plain SGD from "
        "each init, all runs in lockstep. The training loss says how well a run fits its 200 points; the held-out "
        "loss, on 500 fresh points from the same distribution, says whether it learned the pattern. Press play to "
        "watch the epochs go by; the decision boundary belongs to the run you pick.", "init_p4", TRAIN_PRESETS,
        per_row=2)  # four long names: two to a row, so none is cut short
    v, view_area = ui.controls(
        TRAINING, ["init_view", run_picker],
        [("init_train_hidden", "init_data", "init_train_depth", "init_train_width"),
         ("init_epochs", "init_lr", "init_batch", "init_train_seed")], presets)
    view, hidden, dataset, depth, width = (v[k] for k in ("init_view", "init_train_hidden", "init_data",
                                                          "init_train_depth", "init_train_width"))
    epochs, lr, batch, seed = (v[k] for k in ("init_epochs", "init_lr", "init_batch", "init_train_seed"))
    chosen = v[run_picker(v)]
    runs = runs_of(view, hidden)
    asked, epochs = epochs, work.epochs_within_cap(epochs, depth, width, batch, len(runs))
    args = (dataset, depth, width, lr, epochs, batch, seed)
    with st.spinner(f"Training {len(runs)} nets for {epochs} epochs …"):  # shown only past half a second
        result, table, play = trained(runs, *args)
    with view_area:
        training_notes(view, runs, result, asked, epochs, depth, width, batch)
        train_frames(view, runs, result["points"], play, boundary(tuple(runs.values()), *args, list(runs).index(chosen)),
                     chosen, epochs)
    ui.takeaway("train", training_takeaway(view, table, epochs))
    with st.container():
        ui.chart(charts.change_chart(play["change"], list(runs)), "change")
        explain_training(view, hidden, dataset, depth, width, lr, batch, epochs, table)


def training_notes(view, runs, result, asked, epochs, depth, width, batch):
    """The work cap's note and the runs that diverged."""
    if epochs < asked:
        fewer = f" or the *{VIEWS[1]}* view ({len(GLOROT)} runs)" if view == VIEWS[0] else ""
        st.info(f"{len(runs)} runs of {asked} epochs at {depth} × {width} units with batch {batch} are more work "
                f"than this page does per change, so they stop at epoch {epochs}. Fewer layers or units, a "
                f"larger batch{fewer} train longer.", icon=":material/speed:")
    diverged = [f"{name}: {info['diverged_reason']}" for name, info in zip(runs, result["info"])
                if info["diverged_at"] is not None]
    if diverged:
        st.warning("Some runs diverged and stop early:  \n" + "  \n".join(diverged))


PLAY_FPS = 7  # frames a second of section 4's player: its 21 snapshots (init.FRAMES) take 3 s. Each frame must hold
# under the 150 ms after which Streamlit reports a selection (charts.player.playable): at 4 a second (250 ms) every
# frame was a server run, at 6 (167 ms) some were (3 runs in 13 frames, seen in CI); 7 holds each 143 ms


def train_frames(view, runs, points, play, boundary, chosen, epochs):
    """The player over the snapshot epochs, in the browser: the training loss up to the epoch, the held-out loss at it
    (or the top hidden layer's mean), and the chosen run's decision boundary and numbers. play: init.played."""
    schedule, curves, now, frames = play["schedule"], play["curves"], play["curves_now"], play["frames_now"]
    if not boundary["epochs"]:
        st.info(f"{chosen} has no finite output to draw.")
        return
    # panels sized to fit the narrowest place they are shown: beside the controls on a projector (about 760 px), and
    # beside the open sidebar at 1280 px (820 px); a composed chart cannot be fitted to its column by Vega-Lite
    height, wide, narrow = (150, 300, 150) if ui.lecture() else (240, 400, 180)
    if view == VIEWS[0]:
        color = charts.scheme_color(list(runs), legend=False)  # the held-out bars beside it name the colours
        top = [charts.curve_chart(curves, now, epochs, "loss", "training loss (BCE, log)", color, log=True,
                                  height=height, width=wide),
               charts.held_out_chart(frames, list(runs), losses.CHANCE, height=height, width=narrow)]
    else:
        color = activation_field(["sigmoid", "tanh"])
        half = (wide + narrow) // 2
        top = [charts.curve_chart(curves, now, epochs, "loss", "training loss (BCE, log)", color, dash=True, log=True,
                                  name="loss", height=height, width=half),
               charts.curve_chart(play["frames"], frames, epochs, "top_mean",
                                  "top layer's mean a", color, dash=True, name="top_mean", height=height, width=half)]
    grid, shown = init.boundary_frames(boundary, schedule)
    title = {"text": {"expr": f"'{chosen}, epoch ' + {shown}[{STEP}] + "
                              "' (dots: the data)'"}}
    run, held = now[now.run == chosen], frames[frames.run == chosen]
    text = [f"{chosen} after {int(r.epoch)} epochs:\ntraining loss {r.loss:.3f}, held-out loss {h.held_out:.3f},\n"
            f"accuracy {r.accuracy:.0%}; {h.saturated:.0%} of its hidden\nactivations are saturated, and its top\n"
            f"hidden layer's mean activation is {h.top_mean:.2f}." for r, h in zip(run.itertuples(), held.itertuples())]
    size = 220 if ui.lecture() else 210
    bottom = [charts.boundary_chart(grid, points, title, size=size, played=True),
              charts.summary_chart(pd.DataFrame({"frame": run.frame.to_numpy(), "text": text}),
                                   font=18 if ui.lecture() else 14)]
    ui.chart_player("init_play", len(schedule), lambda step: charts.training_chart(top, bottom, step,
                                                                                   len(schedule) - 1), "training",
                    fps=PLAY_FPS)


def training_takeaway(view, result, epochs):
    """The one sentence: which runs fail on fresh points and which train (Every init), or what Glorot & Bengio's pair
    shows (the other view); ties to three decimals are called ties."""
    if view != VIEWS[0]:
        return glorot_takeaway(result)
    failed, learned = init.failed_and_trained(result)
    parts = [f"{listed(rows.index)} {verb} (held-out loss {span(rows.held_out)})"
             for rows, verb in ((failed, "fail on fresh points"), (learned, "train")) if len(rows)]
    return f"After {epochs} epochs, " + "; ".join(parts) + f". Chance level is ln 2 = {losses.CHANCE:.3f}."


def glorot_takeaway(result):
    """tanh · Xavier against tanh · standard and the sigmoid pair, by final training loss."""
    txav, tstd = result.loc[glorot_label(("tanh", "xavier"))], result.loc[glorot_label(("tanh", "standard"))]
    sig = result.loc[[glorot_label(("sigmoid", "standard")), glorot_label(("sigmoid", "xavier"))]]
    if f"{txav.loss:.3f}" == f"{tstd.loss:.3f}":
        head = (f"tanh · Xavier and tanh · standard tie at a training loss of {txav.loss:.3f}: at these settings "
                f"the init makes no difference")
    else:
        head = (f"tanh · Xavier ends at a training loss of {txav.loss:.3f}, tanh · standard at {tstd.loss:.3f}: "
                f"the {'normalized' if txav.loss < tstd.loss else 'standard'} init trains further")
    return head + f"; both sigmoid runs end at {span(sig.loss)} (chance: {losses.CHANCE:.3f})."


def explain_training(view, hidden, dataset, depth, width, lr, batch, epochs, result):
    """What the runs show, with the setup they ran on; for sigmoid, why the failures fail."""
    rows = ", ".join(f"{run} {r.loss:.3f} / {r.held_out:.3f}" for run, r in result.iterrows())
    ui.explain(f"Final training / held-out loss: {rows}. Data: {dataset}, 200 training points and "
               f"{init.HELD_OUT} held-out ones; net 2-{'-'.join([str(width)] * depth)}-1 with a sigmoid output and "
               f"cross-entropy; η = {lr:g}, batch {batch}. The dots under the player: how far training moved each "
               f"layer's weights, relative to where they started.")
    if view != VIEWS[0]:
        explain_glorot(result, lr)
    elif hidden == "sigmoid":
        ui.explain(too_large_verdict(result, width) + " " + chance_verdict(result, lr, epochs))
        note = xavier_verdict(result, depth)
        if note:
            ui.explain(note)


def listed(names):
    """'a', 'a and b', 'a, b and c'."""
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def joined(names):
    """listed(names) capitalized (it starts a sentence), and whether that is one name."""
    text = listed(names)
    return text[:1].upper() + text[1:], len(list(names)) == 1


def too_large_verdict(result, width):
    """What N(0, 10²) does: its start is saturated, its weights barely move, and fresh points show what it learned."""
    large, stds = init.SHORT["too_large"], init.scheme_stds(width)
    row = result.loc[large]
    text = (f"Too large, N(0, {initializers.TOO_LARGE:g}²), has {stds['too large'] / stds['Xavier ×4']:.0f} × the "
            f"scale s of Xavier ×4 at width {width}. It starts with {row.start_saturated:.0%} of the hidden "
            f"activations saturated; per unit, a saturated unit's slope is near 0, so it passes almost no gradient "
            f"back, and training moves its hidden weights by at most {row.change_hidden:.0%} of their start. ")
    if row.versus_chance == "below":
        return text + f"Even so it ends at a held-out loss of {row.held_out:.3f}."
    fit = (f"Its training loss falls to {row.loss:.3f} on the random saturated features it started with, but "
           f"fresh points show it learned no pattern: held-out loss {row.held_out:.3f}"
           if row.loss < (1 - losses.CHANCE_BAND) * losses.CHANCE else
           f"Its training loss ends at {row.loss:.3f} and its held-out loss at {row.held_out:.3f}")
    return text + fit + (", worse than chance." if row.versus_chance == "above" else ", chance level.")


def chance_verdict(result, lr, epochs):
    """Which runs other than too large have not left chance level on fresh points, and, where their start says why,
    why."""
    stuck = result[(result.versus_chance != "below") & (result.index != init.SHORT["too_large"])]
    learned = result[result.versus_chance == "below"]
    if not len(stuck):
        return f"Every other run ends below chance level on fresh points by epoch {epochs}."
    names, one = joined(stuck.index)
    text = (f"{names} {'has' if one else 'have'} not left chance level by epoch {epochs}: a held-out loss of ln 2 = "
            f"{losses.CHANCE:.3f} is what predicting 1/2 everywhere scores, and the lowest training loss "
            f"{'it' if one else 'any of them'} reached is {stuck.lowest.min():.3f}.")
    if len(learned) and stuck.start_top_std.max() < learned.start_top_std.min():
        text += (f" {'Its' if one else 'Their'} weights start the hidden activations bunched near 0.5 (the top "
                 f"layer's std {span(stuck.start_top_std)}, against {span(learned.start_top_std)} for the "
                 f"run{'' if len(learned) == 1 else 's'} that left it), where the sigmoid is close to a straight line: "
                 f"the net starts nearly linear in its input, and plain SGD at η = {lr:g} is slow to leave that "
                 f"plateau.")
    return text


def xavier_verdict(result, depth):
    """Why plain Xavier stays at chance with sigmoid units (when it does): the textbook's assumption of slope 1."""
    row = result.loc[init.SHORT["xavier"]]
    if row.versus_chance == "below" or result.loc[init.SHORT["xavier4"]].versus_chance != "below":
        return ""
    slope = activation("sigmoid").max_slope
    return (f"**When the textbook fails:** Xavier is derived for a slope of 1 at 0 (tanh's); the sigmoid's is "
            f"{slope:g}, so at Xavier's scale each of these {depth} sigmoid layers starts in its nearly straight "
            f"middle, the net starts almost linear, and SGD sits on the ln 2 plateau (its hidden weights moved "
            f"{row.change_hidden:.1%} at most). Xavier ×4, the sigmoid's own scale, leaves it.")


def span(values):
    """'0.123' or '0.123–0.456': the range of some values, to 3 decimals."""
    low, high = f"{values.min():.3f}", f"{values.max():.3f}"
    return low if low == high else f"{low}–{high}"


def explain_glorot(result, lr):
    """Glorot & Bengio's finding, and where these runs' sigmoid pair starts."""
    sig = result.loc[glorot_label(("sigmoid", "standard"))]
    ui.explain(f"Glorot & Bengio (2010) saw a deep sigmoid net stall under the standard init, and tanh with their "
               f"normalized (Xavier) init train best. Here, at η = {lr:g}, sigmoid · standard's top hidden layer "
               f"starts with an activation std of {sig.start_top_std:.3f} and its weights move at most "
               f"{sig.change_hidden:.1%}. At η = 1 every tanh run trains and the init no longer shows.")


# ---------------------------------------------------------------------------------------------------------------
def answered(key):
    """True once the student has picked an answer (only then is the explanation, and its experiment, needed)."""
    return st.session_state.get(key) is not None


@st.fragment
def quiz_section():
    ui.section(TITLE["quiz"], "quiz")
    why = "Section 1's *Too small* preset shows it."
    if answered("init_q1"):
        layers, _ = signal("sigmoid", 10, 256, "too_small", 0.1, 0)
        why = (f"Measured in section 1 (width 256, depth 10): every activation of layers 2–10 lies within "
               f"{layers.reach.iloc[1:].max():.3f} of 0.5, and a unit's spread across inputs falls from "
               f"{ui.sci(layers.signal.iloc[0])} at layer 1 to {ui.sci(layers.signal.iloc[-1])} at layer 10, "
               f"×{init.summary(layers)['signal_per_layer']:.3f} per layer: Var(z) = n s² E[a²] is tiny, and each "
               f"layer passes on only about √n·s·σ'(0) of what reaches it.")
    ui.check_yourself(
        "init_q1", "A sigmoid net has width 256 and weights N(0, 0.01²). What do the activations of its 10th layer "
                   "look like?",
        ["Spread evenly over (0, 1)", "Almost all near 0 or 1", "All close to 0.5, barely depending on the input"],
        "All close to 0.5, barely depending on the input", why)
    ui.check_yourself(
        "init_q2", "Inputs aᵢ > 0 (sigmoid outputs) and centred inputs with the same variance feed units with the "
                   "same weights. Which saturate first as the weights grow?",
        ["The centred inputs", "The positive inputs", "Both at the same weight scale"], "The positive inputs",
        "Var(z) = n s² (Var(a) + E[a]²): the positive inputs carry the extra E[a]² term, an offset E[a]·Σ wᵢ that "
        "is the same for every input, so nothing cancels it (section 2).")
    why = "Section 1's *ReLU, depth 30* presets show it."
    if answered("init_q3"):
        he = init.summary(signal("relu", 30, 256, "he", 0.1, 0)[0])["second_moment"]
        lecun = init.summary(signal("relu", 30, 256, "lecun", 0.1, 0)[0])["second_moment"]
        why = (f"ReLU zeroes half of its inputs, so with n Var(W) = 1 each layer halves E[a²]: measured at width "
               f"256, E[a²] at layer 30 ÷ layer 1 is {ui.sci(lecun)} with 1/n, against {ui.sci(he)} with He's 2/n.")
    ui.check_yourself(
        "init_q3", "A ReLU net of depth 30 starts with Var(W) = 1/n instead of He's 2/n. What happens to E[a²] "
                   "from layer 1 to layer 30?",
        ["It stays about the same", "It shrinks by many orders of magnitude", "It grows by many orders of magnitude"],
        "It shrinks by many orders of magnitude", why)


SECTIONS = [signal_section, spread_section, formula_section, training_section, quiz_section]
STORY = [
    ui.Step("Too small collapses", "Weights too small for the width: each layer passes on a fraction of the input's "
            "spread, and by the top every input gives the same output.", signal_section, sigmoid_at("too_small")),
    ui.Step("Too large saturates", "Weights too large: most sigmoid units start on the flat sides, where each unit "
            "passes almost no gradient back, while the large weights multiply what does pass.", signal_section,
            sigmoid_at("too_large")),
    ui.Step("The right scale per activation", "Xavier ×4 is the sigmoid's scale (its slope at 0 is 1/4, not tanh's "
            "1): the activations spread over the curve instead of bunching at 0.5, though each layer still shrinks the "
            "gradient.", signal_section,
            sigmoid_at("xavier4")),
    ui.Step("Training from each init", "Too small and too large fail on fresh points; the scaled inits train.",
            training_section, TRAINING.preset()),
    ui.Step("When the textbook fails", "Two sigmoid layers at Xavier's scale stay at chance; Xavier ×4 "
            "trains.", training_section, TEXTBOOK_FAILS),
]
ui.run(SECTIONS, "init_story", STORY, tabs=("init_section", TITLE.values()))  # lazy tabs: only the open one runs
