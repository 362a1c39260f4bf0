"""Initialization: too-large weights saturate a sigmoid net, too-small ones collapse it; why positive inputs make it
worse; the formulas that aim in between, with this net's numbers; and training from each init."""
import numpy as np
import pandas as pd
import streamlit as st

import ui
from charts import initialization as charts
from charts.spec import activation_field
from sigcore import SATURATION, activation, data, losses
from experiments import initialization as init
from sigcore import saturation_edge


@st.cache_resource
def experiments():
    """The sigcore experiments, each wrapped in st.cache_data once per process rather than on every rerun."""
    return {f.__name__: st.cache_data(f, show_spinner=False, max_entries=48)
            for f in (init.signal, init.z_spread, init.formula_table, init.train_run, init.sweep)}


signal, z_spread, formula_table, train_run, sweep = experiments().values()

HIDDEN = ["sigmoid", "tanh", "relu"]
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
EDGE = saturation_edge("sigmoid")
SATURATED = (f"A unit counts as *saturated* when its slope is below {SATURATION:.0%} of the activation's maximum "
             f"slope on a flat side (sigmoid: |z| > {EDGE:.2f}).")


def fmt(x):
    """A number for prose and metrics: 3 significant digits, powers of ten for the very small or large."""
    if x is None or not np.isfinite(x):
        return "n/a"
    if x == 0 or 1e-3 <= abs(x) < 1e4:
        return f"{x:.3g}"
    mantissa, exponent = f"{x:.1e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(SUPERSCRIPT)}"


BY_LABEL = {init.SHORT[s]: s for s in init.SCHEMES}  # widgets show (and links carry) short names; sigcore takes ids


def set_state(key, value):
    """A widget callback: set another widget's value (e.g. moving σ selects the custom init)."""
    st.session_state[key] = value


def label(scheme):
    return init.SCHEMES.get(scheme, str(scheme))


ui.header("Initialization", "Weights that start too large saturate a sigmoid net; weights that start too small "
          "collapse it. See both at init, see why positive inputs make saturation come sooner, check the formulas "
          "that aim in between with this net's numbers, and train the same net from each start.")

# ---------------------------------------------------------------------------------------------------------------
SIGNAL_PRESETS = {
    "Too small": {"init_hidden": "sigmoid", "init_scheme": init.SHORT["too_small"], "init_depth": 10, "init_width": 256},
    "Too large": {"init_hidden": "sigmoid", "init_scheme": init.SHORT["too_large"], "init_depth": 10, "init_width": 256},
    "Xavier ×4": {"init_hidden": "sigmoid", "init_scheme": init.SHORT["xavier4"], "init_depth": 10, "init_width": 256},
    "Glorot & Bengio": {"init_hidden": "sigmoid", "init_scheme": init.SHORT["standard"], "init_depth": 5, "init_width": 256},
    "ReLU · He": {"init_hidden": "relu", "init_scheme": init.SHORT["he"], "init_depth": 30, "init_width": 256},
    "ReLU · 1/n": {"init_hidden": "relu", "init_scheme": init.SHORT["lecun"], "init_depth": 30, "init_width": 256},
}  # sigmoid at width 256 from each side of 'just right'; ReLU at depth 30, He against 1/n


def signal_verdict(layers, hidden, scheme, depth):
    """The sentences that say what this probe shows, and whether it is a problem."""
    act = activation(hidden)
    first, top = layers.iloc[0], layers.iloc[-1]
    ratios = init.summary(layers)
    if scheme == "zeros":
        return [f"Every weight is 0, so every unit of a layer computes the same value ({fmt(top.act_mean)}), and "
                f"no gradient gets below the top layer (|dL/dz| at layer 1: {fmt(first.delta_norm)}, |dL/dW|: "
                f"{fmt(first.grad_norm)}): the units can never become different."], True
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
        lines.append(f"**The input is washed out:** a unit's spread across inputs falls from {fmt(first.signal)} at "
                     f"layer 1 to {fmt(top.signal)} at layer {depth}; every input gives nearly the same output.")
    if hidden == "relu" and depth > 1 and ratios["second_moment"] is not None:
        per_layer = ratios["second_moment_per_layer"]
        steady = init.holds(per_layer)
        bad |= not steady
        trend = "held steady" if steady else "fades" if per_layer < 1 else "grows"
        lines.append(f"**Second moment {trend}:** E[a²] is {fmt(first.second_moment)} at layer 1 and "
                     f"{fmt(top.second_moment)} at layer {depth}, a factor of {fmt(ratios['second_moment'])}: "
                     f"×{per_layer:.2f} per layer, {'within' if steady else 'outside'} the "
                     f"×{1 / init.HOLDS:.2f}–×{init.HOLDS:.2f} that counts as steady (halving at every step would "
                     f"give 2{str(1 - depth).translate(SUPERSCRIPT)} = {fmt(0.5 ** (depth - 1))}).")
    if depth > 1 and grad is not None and (grad < 1e-3 or grad > 1e3) and not saturated:
        bad = True
        lines.append(f"**The gradient {'vanishes' if grad < 1 else 'explodes'} on its way down:** |dL/dz| at layer 1 "
                     f"is {fmt(grad)} × the top layer's (×{ratios['gradient_per_layer']:.2f} per layer).")
    if not lines and depth > 1:
        fading = [f"{word} {'fades' if f < 1 else 'grows'} by ×{f:.2f} per layer" for word, f in
                  (("the input spread", ratios["signal_per_layer"]), ("the gradient", ratios["gradient_per_layer"]))
                  if f is not None and not init.holds(f)]
        bad = bool(fading)
        lines.append(f"**Neither collapsed nor saturated{', but ' + ' and '.join(fading) if fading else ''}:** by "
                     f"layer {depth} the spread across inputs keeps {fmt(ratios['signal'])} of its layer-1 value "
                     f"(×{ratios['signal_per_layer']:.2f} per layer), and layer 1 gets {fmt(grad)} × the top layer's "
                     f"gradient (×{ratios['gradient_per_layer']:.2f} per layer).")
    return lines or ["One layer: nothing to compare across depth yet. Add layers."], bad


def saturated_gradient(grad, per_layer, depth):
    """The end of the saturation sentence: what the gradient measured from the top layer down to layer 1 does."""
    if depth == 1 or grad is None:
        return "."
    if grad > 1:
        return (f"; yet |dL/dz| grows ×{fmt(grad)} on its way down to layer 1 (×{per_layer:.2f} per layer): the "
                f"large weights amplify what gets through the saturated units. The trouble is the saturated forward "
                f"signal, not a vanished gradient.")
    return f", and |dL/dz| at layer 1 is {fmt(grad)} × the top layer's (×{per_layer:.2f} per layer)."


@st.fragment
def signal_section():
    ui.explain("A stack of *depth* layers, *width* units each, gets inputs x ~ N(0, 1); a random gradient is sent "
               "back from the top. Small multiples show how each layer's activations are spread; the panels below "
               "track every layer's saturation, spread, and the gradient that reaches its weights.")
    ui.presets("init_p1", SIGNAL_PRESETS)
    c1, c2, c3 = st.columns([5, 6, 6])
    hidden = c1.radio("Hidden activation", HIDDEN, key="init_hidden", horizontal=True, bind="query-params")
    scheme = BY_LABEL[c2.selectbox("Initial weights", list(BY_LABEL), index=1, key="init_scheme",
                                   bind="query-params", help=" · ".join(init.SCHEMES.values()))]
    depth = c3.slider("Depth (layers)", 1, 30, 10, key="init_depth", bind="query-params")
    with ui.more_controls():
        m1, m2, m3 = st.columns([3, 3, 1])
        width = m1.slider("Width (units per layer)", 8, 256, 64, 8, key="init_width", bind="query-params")
        std = m2.select_slider("σ of the custom N(0, σ²)", init.SIGMAS, value=0.1, key="init_std", bind="query-params", on_change=set_state,
                               args=("init_scheme", init.SHORT["custom"]), help="Moving it selects the custom init.")
        # a float input: an int number_input bound to the URL crashes on a 5000-digit value (Streamlit 1.67)
        seed = int(m3.number_input("Seed", 0.0, 999.0, 0.0, 1.0, "%.0f", key="init_seed", bind="query-params"))
    layers, hist = signal(hidden, depth, width, scheme, std, seed)
    act = activation(hidden)
    shown = hist[hist.layer.isin(init.shown_layers(depth))]
    ui.chart(charts.histograms_chart(shown, init.saturated_zone(hidden), independent_x=act.output_range[1] > 1,
                                     panel_width=150 if ui.lecture() else 112), "histograms")
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
    ratios = init.summary(layers)
    cols[1].metric("Input spread: top ÷ layer 1", fmt(ratios["signal"]),
                   help=f"Each unit's std across inputs, averaged over units. {where}")
    cols[2].metric("E[a²]: top ÷ layer 1", fmt(ratios["second_moment"]),
                   help=f"The second moment of the activations. {where}")
    cols[3].metric("|dL/dz|: layer 1 ÷ top", fmt(ratios["gradient"]),
                   help=f"How much of the gradient sent back from the top reaches layer 1. {where}")
    lines, bad = signal_verdict(layers, hidden, scheme, depth)
    (st.warning if bad else st.success)("  \n".join(lines))
    w_std = np.sqrt(init.weight_var(scheme, width, width, std))
    defined = SATURATED if act.saturates == "both" else "A unit is *dead* when its slope is 0 for every input."
    st.caption(f"{label(scheme)} at width {width}: std(W) = {fmt(w_std)}. {defined} Spread across inputs: each "
               f"unit's std over the {init.samples(width)} inputs, averaged over units. Gradient: |dL/dz| of a random "
               f"gradient sent back from the top layer.")
    sweep_section(hidden, width, seed)


def sweep_section(hidden, width, seed):
    """A lazy expander: every weight std at this width, and where the forward and backward factors are steady."""
    box = st.expander("Where is 'just right'? Sweep the weight std at this width", key="init_sweep",
                      on_change="rerun", bind="query-params")
    if not box.open:
        return
    with box:
        with st.spinner("Probing every σ …"):
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
            parts.append(f"no σ from {frame.sigma.min():g} to {frame.sigma.max():g} brings {word} to ×1 per layer "
                         f"(it stays between ×{frame[column].min():.2f} and ×{frame[column].max():.2f})")
        else:
            parts.append(f"{word} reaches ×1 per layer at σ ≈ {sigma:.2g}, where {init.at_sigma(frame, sigma, share_col):.0%} "
                         f"of the units are {'saturated' if share_col == 'saturated' else 'dead'}")
    return (f"**{hidden}, width {width}, {init.SWEEP_DEPTH} layers:** " + "; ".join(parts) + f". 'Just right' is a "
            f"factor of 1 per layer (here: within {init.STEADY - 1:.0%}); below it the signal fades, above it grows. "
            f"The grey ticks mark where each named init puts σ at this width.")


# ---------------------------------------------------------------------------------------------------------------
@st.fragment
def spread_section():
    ui.explain("*How do large weights saturate a neuron?* A unit computes z = Σᵢ wᵢ aᵢ over its n inputs. "
               "With weights wᵢ ~ N(0, σ²) drawn independently of the inputs, Var(z) = n σ² E[a²], and "
               "E[a²] = Var(a) + E[a]². The catch: a sigmoid layer hands the next one only "
               "*positive* aᵢ, so the E[a]² term adds an offset E[a]·Σᵢ wᵢ that is the same for every input. "
               "Nothing cancels it. Centred inputs with the same variance lack that term.")
    left, right = st.columns([3, 2])
    with left:
        sigma = st.select_slider("Weight std σ", init.SIGMAS, value=1.0, key="init_z_sigma", bind="query-params")
        with ui.more_controls():
            n = st.slider("Fan-in n", 1, 256, 64, key="init_z_n", bind="query-params")
            spread = st.slider("Spread s of the inputs' own pre-activations: aᵢ = σ(u), u ~ N(0, s²)", 0.1, 5.0, 1.0,
                               0.1, key="init_z_spread", bind="query-params")
    frame, at = z_spread(n, spread, sigma)
    pos, cen = at[init.POSITIVE], at[init.CENTRED]
    with right:
        st.metric("Saturated z, positive inputs", f"{pos['saturated']:.1%}")
        st.metric("Saturated z, centred inputs", f"{cen['saturated']:.1%}")
    st.latex(rf"\mathrm{{Var}}(z) = n\,\sigma^2\,(\mathrm{{Var}}(a) + \mathbb{{E}}[a]^2) = {n} \cdot {sigma:g}^2 "
             rf"\cdot ({pos['var']:.3f} + {pos['mean'] ** 2:.3f}) \;\Rightarrow\; \mathrm{{std}}(z) = "
             rf"{pos['z_std_formula']:.3g}")
    st.markdown(f"Positive inputs: std of z = **{pos['z_std']:.3g}** measured ({pos['z_std_formula']:.3g} by the "
                f"formula), of which the offset E[a]·Σᵢ wᵢ alone has std σ√n·E[a] = {pos['offset_std']:.3g}: "
                f"{pos['mean'] ** 2 / pos['second_moment']:.0%} of Var(z). Centred inputs: **{cen['z_std']:.3g}** "
                f"measured ({cen['z_std_formula']:.3g} by the formula).")
    half = init.half_saturated_std()
    ui.chart(charts.z_spread_chart(frame, sigma, half), "z_spread")
    onset = init.saturation_onset(frame)
    if onset[init.POSITIVE] and onset[init.CENTRED]:
        ui.explain(f"Half of the z values pass the saturation edge |z| = {EDGE:.2f} once std(z) reaches "
                   f"{EDGE:.2f} / {init.QUARTILE:.3f} = {half:.2f} (the grey line, for a Gaussian z): from σ ≈ "
                   f"{onset[init.POSITIVE]:.2g} with positive inputs, but only from σ ≈ {onset[init.CENTRED]:.2g} "
                   f"with centred ones: {onset[init.CENTRED] / onset[init.POSITIVE]:.2g} × larger weights. Points: "
                   f"measured on 256 inputs × 256 units of fan-in {n}; lines: σ√(n E[a²]); the large points mark σ.")


# ---------------------------------------------------------------------------------------------------------------
@st.fragment
def formula_section():
    ui.explain("Each scheme picks Var(W) so that Var(z) = n_in Var(W) E[a²] neither grows nor shrinks from layer to "
               "layer, under its own assumption about the activation.")
    c1, c2 = st.columns(2)
    n_in = c1.slider("Fan-in n_in", 1, 1024, 64, key="init_fan_in", bind="query-params")
    n_out = c2.slider("Fan-out n_out", 1, 1024, 64, key="init_fan_out", bind="query-params")
    table = formula_table(n_in, n_out)
    shown = table.drop(columns="assumes").assign(**{c: table[c].map(fmt) for c in
                                                    ["Var(W)", "std(W)", "n_in · Var(W)", "Var of one draw"]})
    style = shown.style.hide(axis="index")
    st.table(style.set_properties(**{"font-size": "19px"}) if ui.lecture() else style)
    gain = 1 / activation("sigmoid").max_slope
    draw = (f"'Var of one draw' is the variance of one ({n_in} × {n_out}) matrix drawn by sigcore."
            if table["Var of one draw"].notna().all() else
            f"'Var of one draw' is n/a: a {n_in} × {n_out} matrix has fewer than {init.DRAW_ENTRIES} entries, too "
            f"few for their variance to estimate Var(W) (one entry's variance is 0 whatever the scheme).")
    ui.explain("\n".join(f"- **{row.scheme}:** {row.assumes}" for row in table.itertuples()) +
               f"\n\nSigmoid's slope at 0 is {activation('sigmoid').max_slope:g}, so a sigmoid layer in its linear "
               f"regime passes on 1/{gain:g} of what tanh would: hence Xavier × {gain:g}. {draw}")


# ---------------------------------------------------------------------------------------------------------------
GLOROT = [("sigmoid", "standard"), ("sigmoid", "xavier"), ("tanh", "standard"), ("tanh", "xavier")]
VIEWS = ["Every init", "Sigmoid vs tanh (Glorot & Bengio)"]
BATCHES = [50, 100, 200]
LEARNING_RATES = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0]
TRAIN_PRESETS = {
    "Every init, sigmoid": {"init_view": VIEWS[0], "init_train_hidden": "sigmoid", "init_train_depth": 2,
                            "init_lr": 0.5},
    "Every init, ReLU": {"init_view": VIEWS[0], "init_train_hidden": "relu", "init_train_depth": 2, "init_lr": 0.1},
    "Glorot & Bengio: deep sigmoid vs tanh": {"init_view": VIEWS[1], "init_train_depth": 4, "init_lr": 1.0},
}


def glorot_label(pair):
    return f"{pair[0]} · {init.SHORT[pair[1]]}"


@st.fragment
def training_section():
    ui.explain("The same net, the same data and the same seed, trained with plain SGD from each init. Press play to "
               "watch the epochs go by; the decision boundary belongs to the run you pick.")
    ui.presets("init_p4", TRAIN_PRESETS)
    c1, c2 = st.columns([3, 2])
    view = c1.radio("View", VIEWS, key="init_view", horizontal=True, bind="query-params")
    area = st.container()
    with ui.more_controls():
        st.caption("Training settings")
        m = st.columns(4)
        hidden = m[0].selectbox("Hidden activation", HIDDEN, key="init_train_hidden", bind="query-params",
                                on_change=set_state, args=("init_view", VIEWS[0]),
                                help="For the *Every init* view (choosing one opens it); the other view trains both.")
        dataset = m[1].selectbox("Data", list(data.MAKERS), index=1, key="init_data", bind="query-params")
        depth = m[2].slider("Hidden layers", 1, 4, 2, key="init_train_depth", bind="query-params")
        width = m[3].slider("Units per layer", 4, 64, 32, 4, key="init_train_width", bind="query-params")
        m = st.columns(4)
        epochs = m[0].slider("Epochs", 20, 200, 150, 10, key="init_epochs", bind="query-params")
        lr = m[1].select_slider("Learning rate", LEARNING_RATES, value=0.5, key="init_lr", bind="query-params")
        batch = m[2].select_slider(f"Batch size ({BATCHES[-1]}: full batch)", BATCHES, value=50, key="init_batch",
                                   bind="query-params")
        seed = int(m[3].number_input("Seed", 0.0, 999.0, 0.0, 1.0, "%.0f", key="init_train_seed",
                                     bind="query-params"))
    if view == VIEWS[0]:
        runs = {init.SHORT[s]: (hidden, s) for s in init.TRAINED}
        chosen = c2.selectbox("Decision boundary of", list(runs), index=3, key="init_run", bind="query-params")
    else:
        runs = {glorot_label(pair): pair for pair in GLOROT}
        chosen = c2.selectbox("Decision boundary of", list(runs), index=3, key="init_gb_run", bind="query-params")
    # Trained before `area` (above the settings) is filled: a slow change's progress bar shows under the settings.
    asked, epochs = epochs, init.epochs_within_cap(epochs, depth, width, batch, len(runs))
    results = {name: train_run(*runs[name], dataset, depth, width, lr, epochs, batch, seed)
               for name in ui.progress(list(runs), lambda i, name: f"Training {i + 1} of {len(runs)}: {name} …")}
    with area:
        if epochs < asked:
            fewer = f" or the *{VIEWS[1]}* view ({len(GLOROT)} runs)" if view == VIEWS[0] else ""
            st.info(f"{len(runs)} runs of {asked} epochs at {depth} × {width} units with batch {batch} are more work "
                    f"than this page does per change, so they stop at epoch {epochs}. Fewer layers or units, a "
                    f"larger batch{fewer} train longer.", icon=":material/speed:")
        diverged = [f"{name}: {r[3]['diverged_reason']}" for name, r in results.items()
                    if r[3]["diverged_at"] is not None]
        if diverged:
            st.warning("Some runs diverged and stop early:  \n" + "  \n".join(diverged))
        curves = pd.concat([r[0].assign(run=name, activation=runs[name][0], init=init.SHORT[runs[name][1]])
                            for name, r in results.items()], ignore_index=True)
        schedule = init.snapshot_epochs(epochs)
        train_frames(view, runs, results, curves, schedule, chosen, epochs)
        explain_training(view, hidden, dataset, depth, width, lr, batch, curves)


def train_frames(view, runs, results, curves, schedule, chosen, epochs):
    """The player over the snapshot epochs: curves up to the epoch, and the chosen run's decision boundary."""
    def frame(step):
        epoch = schedule[step]
        left, right = st.columns([3, 2] if view == VIEWS[0] else [1, 1])  # two line charts, two legends each
        if view == VIEWS[0]:
            color = charts.scheme_color(runs, legend=False)  # the accuracy bars beside it name the colours
            with left:
                ui.chart(charts.curve_chart(curves, epoch, epochs, "loss", "training loss (BCE, log)", color,
                                            log=True), "loss")
            now = curves[curves.epoch <= epoch].groupby("run", as_index=False).last()
            with right:
                ui.chart(charts.accuracy_chart(now, list(runs), epoch), "accuracy")
        else:
            color = activation_field(["sigmoid", "tanh"])
            with left:
                ui.chart(charts.curve_chart(curves, epoch, epochs, "loss", "training loss (BCE, log)", color,
                                            dash=True, log=True), "loss")
            with right:
                ui.chart(charts.curve_chart(curves, epoch, epochs, "top_mean", "top layer's mean a", color,
                                            dash=True), "top_mean")
        run_curves, boundary, points, _ = results[chosen]
        left, right = st.columns([1, 1])
        shown = [i for i, e in enumerate(boundary["epochs"]) if e <= epoch]
        if shown:
            with left:
                ui.chart(charts.boundary_chart(init.boundary_frame(boundary, shown[-1]), points,
                                               f"{chosen}, epoch {boundary['epochs'][shown[-1]]} (dots: the data)",
                                               size=320 if ui.lecture() else 230), "boundary")
        else:
            left.info(f"{chosen} has no finite output to draw at epoch {epoch}.")
        row = run_curves[run_curves.epoch <= epoch].iloc[-1]
        right.markdown(f"**{chosen}** after {int(row.epoch)} epochs: loss {row.loss:.3f}, accuracy "
                       f"{row.accuracy:.0%}; {row.saturated:.0%} of its hidden activations are saturated, and its top "
                       f"hidden layer's mean activation is {row.top_mean:.2f}.")

    ui.player("init_play", len(schedule), frame)


def explain_training(view, hidden, dataset, depth, width, lr, batch, curves):
    """What the runs show, best first, with the setup they ran on; for sigmoid, what 'too large' and chance level
    mean in this run."""
    result = init.outcomes(curves)
    ui.explain("Final loss, best first: " + ", ".join(f"{run} {r.loss:.3f}" for run, r in result.iterrows()) +
               f". Data: {dataset}, 200 points; net 2-{'-'.join([str(width)] * depth)}-1 with a sigmoid output and "
               f"cross-entropy; lr {lr:g}, batch {batch}.")
    if view != VIEWS[0]:
        explain_glorot(curves)
    elif hidden == "sigmoid":
        ui.explain(too_large_verdict(result, width) + " " + chance_verdict(result, lr, int(curves.epoch.max())))


def joined(names):
    """'A', 'A and b', 'A, b and c' (capitalized: it starts a sentence), and whether that is one name."""
    names = list(names)
    text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return text[:1].upper() + text[1:], len(names) == 1


def too_large_verdict(result, width):
    """Where N(0, 1) ends among the runs, against its scale and its saturation at the start."""
    large, stds = init.SHORT["too_large"], init.scheme_stds(width)
    row, rank = result.loc[large], list(result.index).index(large)
    text = (f"Honestly: at width {width}, N(0, 1) has {stds['too large'] / stds['Xavier ×4']:.1f} × the std of "
            f"Xavier ×4 ({stds['Xavier ×4']:.2f}), sigmoid's own 'just right'. It starts with "
            f"{row.start_saturated:.0%} of the hidden activations saturated and ")
    if rank == 0:
        why = ("the units left unsaturated carry the gradient, and weights this large amplify it on the way back"
               if round(row.start_saturated, 2) > 0 else "at this size it is a large start, not a saturating one")
        return text + (f"ends with the lowest final loss of all ({row.loss:.3f}): {why}. So CS231n's 'barely learns' "
                       f"does not show in this run; section 1's *Too large* preset shows N(0, 1) saturating most "
                       f"units of a wider net (256) at init.")
    worse = ", worse than chance" if row.versus_chance == "above" else ""
    if rank == len(result) - 1:
        return text + (f"ends with the highest final loss of all ({row.loss:.3f}{worse}), {row.end_saturated:.0%} of "
                       f"its hidden activations saturated at the end.")
    return text + f"ranks {rank + 1} of {len(result)} by final loss ({row.loss:.3f}{worse})."


def chance_verdict(result, lr, epochs):
    """Which runs have not left chance level (ln 2), and, where their start says why, why. N(0, 1) ending worse than
    chance is left to too_large_verdict."""
    stuck, learned = result[result.versus_chance == "at"], result[result.versus_chance == "below"]
    worse = result[(result.versus_chance == "above") & (result.index != init.SHORT["too_large"])]
    text = ""
    if len(worse):
        names, one = joined(worse.index)
        text = f"{names} end{'s' if one else ''} worse than chance level (ln 2 = {losses.CHANCE:.3f}). "
    if not len(stuck):
        return text + f"No run is still at chance level by epoch {epochs}."
    names, one = joined(stuck.index)
    text += (f"{names} {'has' if one else 'have'} not left chance level by epoch {epochs}: a loss of ln 2 = "
             f"{losses.CHANCE:.3f} is what predicting 1/2 everywhere scores, and the lowest "
             f"{'it' if one else 'any of them'} reached is {stuck.lowest.min():.3f}.")
    if len(learned) and stuck.start_top_std.max() < learned.start_top_std.min():
        text += (f" {'Its' if one else 'Their'} weights start the hidden activations bunched near 0.5 (the top "
                 f"layer's std {span(stuck.start_top_std)}, against {span(learned.start_top_std)} for the "
                 f"run{'' if len(learned) == 1 else 's'} that left it), where the sigmoid is close to a straight line: "
                 f"the net starts nearly linear in its input, and plain SGD at lr {lr:g} is slow to leave that "
                 f"plateau.")
    return text


def span(values):
    """'0.123' or '0.123–0.456': the range of some values, to 3 decimals."""
    low, high = f"{values.min():.3f}", f"{values.max():.3f}"
    return low if low == high else f"{low}–{high}"


def explain_glorot(curves):
    """Glorot & Bengio's two findings, checked against these runs."""
    runs = {name: rows for name, rows in curves.groupby("run", sort=False)}
    sig = runs[glorot_label(("sigmoid", "standard"))]
    best = min(runs, key=lambda name: runs[name].loss.iloc[-1])
    ui.explain(f"Glorot & Bengio (2010) saw a deep sigmoid net's top hidden layer sink toward 0 under the standard "
               f"init, and tanh with their normalized (Xavier) init train best. Here the sigmoid · standard top layer's "
               f"mean activation goes from {sig.top_mean.iloc[0]:.2f} to {sig.top_mean.iloc[-1]:.2f} and its loss ends "
               f"at {sig.loss.iloc[-1]:.3f}; the lowest final loss is {best}'s "
               f"({runs[best].loss.iloc[-1]:.3f})" + ("." if best == glorot_label(("tanh", "xavier")) else
                                                     f", not tanh · Xavier's ({runs[glorot_label(('tanh', 'xavier'))].loss.iloc[-1]:.3f})."))


# ---------------------------------------------------------------------------------------------------------------
def answered(key):
    """True once the student has picked an answer (only then is the explanation, and its experiment, needed)."""
    return st.session_state.get(key) is not None


@st.fragment
def quiz_section():
    why = "Section 1's *Too small* preset shows it."
    if answered("init_q1"):
        layers, _ = signal("sigmoid", 10, 256, "too_small", 0.1, 0)
        why = (f"Measured in section 1 (width 256, depth 10): every activation of layers 2–10 lies within "
               f"{layers.reach.iloc[1:].max():.3f} of 0.5, and a unit's spread across inputs falls from "
               f"{fmt(layers.signal.iloc[0])} at layer 1 to {fmt(layers.signal.iloc[-1])} at layer 10, "
               f"×{init.summary(layers)['signal_per_layer']:.3f} per layer: Var(z) = n σ² E[a²] is tiny, and each "
               f"layer passes on only about √n·σ·σ'(0) of what reaches it.")
    ui.check_yourself(
        "init_q1", "A sigmoid net has width 256 and weights N(0, 0.01²). What do the activations of its 10th layer "
                   "look like?",
        ["Spread evenly over (0, 1)", "Almost all near 0 or 1", "All close to 0.5, barely depending on the input"],
        "All close to 0.5, barely depending on the input", why)
    ui.check_yourself(
        "init_q2", "Inputs aᵢ > 0 (sigmoid outputs) and centred inputs with the same variance feed units with the "
                   "same weights. Which saturate first as the weights grow?",
        ["The centred inputs", "The positive inputs", "Both at the same weight scale"], "The positive inputs",
        "Var(z) = n σ² (Var(a) + E[a]²): the positive inputs carry the extra E[a]² term, an offset E[a]·Σ wᵢ that "
        "is the same for every input, so nothing cancels it (section 2).")
    why = "Section 1's *ReLU, depth 30* presets show it."
    if answered("init_q3"):
        he = init.summary(signal("relu", 30, 256, "he", 0.1, 0)[0])["second_moment"]
        lecun = init.summary(signal("relu", 30, 256, "lecun", 0.1, 0)[0])["second_moment"]
        why = (f"ReLU zeroes half of its inputs, so with n Var(W) = 1 each layer halves E[a²]: measured at width "
               f"256, E[a²] at layer 30 ÷ layer 1 is {fmt(lecun)} with 1/n, against {fmt(he)} with He's 2/n.")
    ui.check_yourself(
        "init_q3", "A ReLU net of depth 30 starts with Var(W) = 1/n instead of He's 2/n. What happens to E[a²] "
                   "from layer 1 to layer 30?",
        ["It stays about the same", "It shrinks by many orders of magnitude", "It grows by many orders of magnitude"],
        "It shrinks by many orders of magnitude", why)


SECTIONS = {
    "1 · The signal at init": signal_section,
    "2 · Why large weights saturate": spread_section,
    "3 · The formulas": formula_section,
    "4 · Does it train?": training_section,
    "5 · Check yourself": quiz_section,
}
# Lazy tabs: only the open section runs, so a slider move reruns one section, and the open tab is in the link.
for tab, section in zip(st.tabs(list(SECTIONS), key="init_section", bind="query-params"), SECTIONS.values()):
    if tab.open:
        with tab:
            section()
