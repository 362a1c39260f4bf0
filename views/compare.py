"""ReLU & friends: the same experiments with tanh, ReLU and leaky ReLU beside the sigmoid, and what does not change."""
import pandas as pd
import streamlit as st

import ui
from charts.compare import boundary_chart, dying_chart, flow_chart, lineup_chart, output_chart, race_curves_chart
from charts.base import LOG_FLOOR
from sigcore import SATURATION, activation, initializers, losses
from experiments import compare as cmp
from experiments import initialization as init_schemes

LABEL = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU", "leaky_relu": "leaky ReLU", "elu": "ELU",
         "softplus": "softplus", "gelu": "GELU"}
# Section 2's init choices: the Initialization page's scheme ids (its labels in init_schemes.SHORT), shown and linked
# as ids, so that links made before xavier4 and too_small were added still work. (A bare string here would be shown
# on the page: Streamlit's magic writes it.)
INITS = ["customary", "standard", "xavier", "xavier4", "he", "lecun", "too_small"]
INIT_HELP = ("customary: each activation with its usual init (Xavier for sigmoid and tanh, He for the ReLU family); "
             f"otherwise the same init for all of them. Xavier ×{initializers.SIGMOID_GAIN:g} is the Initialization "
             f"page's fit to the sigmoid; too small is N(0, {initializers.TOO_SMALL:g}²).")
METRICS_PER_ROW = 4
DATASETS = ["circles", "moons", "xor", "spiral", "blobs"]
RACE_LRS = [0.03, 0.1, 0.3, 0.5, 1.0, 2.0, 3.0]
RACE_EPOCHS = [25, 50, 100, 200]
DYING_EPOCHS = [10, 20, 40]
RACE_WIDTHS = [4, 8, 16, 32]
DYING_WIDTHS = [8, 16, 32]
DEPTHS = [1, 2, 3]
NOISES = [0.0, 0.05, 0.1, 0.2, 0.3, 0.5]
BIASES = [-1.0, -0.75, -0.5, -0.25, 0.0, 0.25, 0.5]
GATE, STEPS = 0.9, 20  # section 5: a forget gate held at GATE for STEPS time steps, against STEPS sigmoid layers
DEFAULTS = {
    "cmp_acts": list(cmp.LINEUP),
    "cmp_flow_depth": 20, "cmp_flow_init": "customary", "cmp_flow_width": 32,
    "cmp_race_data": "circles", "cmp_race_lr": 0.5, "cmp_race_epochs": 200, "cmp_race_width": 16,
    "cmp_race_depth": 2, "cmp_race_noise": 0.1, "cmp_race_seed": 0.0, "cmp_race_step": cmp.RACE_FRAMES,
    "cmp_die_lr": 0.3, "cmp_die_bias": 0.0, "cmp_die_width": 32, "cmp_die_depth": 3, "cmp_die_epochs": 40,
    "cmp_die_seed": 0.0, "cmp_die_data": "circles",
}
PRESETS = {
    "Start here": DEFAULTS,
    "Dying ReLU": {"cmp_die_lr": 3.0, "cmp_die_bias": 0.0},
    "Deep nets, small init": {"cmp_flow_depth": 30, "cmp_flow_init": "standard"},
    "Same init for all: He": {"cmp_flow_depth": 20, "cmp_flow_init": "he"},
    "Hard data: the spiral": {"cmp_race_data": "spiral", "cmp_race_width": 32, "cmp_race_depth": 3,
                              "cmp_race_epochs": 200, "cmp_race_lr": 1.0, "cmp_race_step": cmp.RACE_FRAMES},
}

FLAT_COLUMN = f"|slope| < {SATURATION:.0%} of max"
COST_HELP = (f"This app's NumPy code, timed on this server when it started ({cmp.COST_N:,} values, "
             f"median of {cmp.COST_REPEATS} calls): the cost of this implementation on this machine, not a property "
             "of the activation.")

# Entries bounded from one result's pickled size at the defaults (call cost 1 kB, gradient flow 4 kB, flow factor
# 0.1 kB, race run 112 kB, race data 6 kB, dying run 5 kB, dying sweep 24 kB, output gradients 16 kB).
call_cost = st.cache_data(cmp.call_cost, show_spinner=False, max_entries=16)
gradient_flow = st.cache_data(cmp.gradient_flow, show_spinner=False, max_entries=128)
flow_factor = st.cache_data(cmp.flow_factor, show_spinner=False, max_entries=128)
race_run = st.cache_data(cmp.race_run, show_spinner=False, max_entries=64)
race_data = st.cache_data(cmp.race_data, show_spinner=False, max_entries=64)
dying_run = st.cache_data(cmp.dying_run, show_spinner=False, max_entries=64)
dying_sweep = st.cache_data(cmp.dying_sweep, show_spinner=False, max_entries=32)
output_gradients = st.cache_data(cmp.output_gradients, show_spinner=False, max_entries=64)


def _num2(x):
    """Two significant figures, in scientific notation below 0.001: 0.42, 3.1e-12."""
    return f"{x:.2g}" if x >= 1e-3 else f"{x:.1e}"


def _times(x):
    """A ratio for a metric: 0.42×, 3.1e-12×."""
    return f"{_num2(x)}×"


def _span(lo, hi):
    fmt = lambda v: "∞" if v == float("inf") else "−∞" if v == -float("inf") else f"{v:g}".replace("-", "−")  # noqa
    return f"{fmt(lo)} to {fmt(hi)}"


def _num(v):
    return f"{v:.2f}".rstrip("0").rstrip(".").replace("-", "−")


def _where_flat(stretches):
    """Where flat_stretches on [-FAR, FAR] lie: "nowhere", "z < 0", "|z| > 3.64",
    "z < −1.74, −1.16 < z < −0.53"."""
    parts = [f"z < {_num(b)}" if a == -cmp.FAR else f"z > {_num(a)}" if b == cmp.FAR else f"{_num(a)} < z < {_num(b)}"
             for a, b in stretches]
    if len(stretches) == 2 and parts == [f"z < {_num(-stretches[1][0])}", f"z > {_num(stretches[1][0])}"]:
        return f"|z| > {_num(stretches[1][0])}"
    return ", ".join(parts) or "nowhere"


def _init_label(scheme):
    return init_schemes.SHORT.get(scheme, scheme)


@st.cache_data(show_spinner=False, max_entries=128)
def lineup_data(names):
    """For the comma-separated activations `names`: their curves and flat regions, and the properties table."""
    names = names.split(",")
    props = cmp.properties(names).merge(call_cost(), on="activation").set_index("activation").loc[names]
    table = pd.DataFrame({
        "activation": [LABEL[a] for a in props.index],
        "output range": [_span(r.low, r.high) for r in props.itertuples()],
        "zero-centred": props.zero_centred.to_numpy(),
        "max slope": props.max_slope.to_numpy(),
        "saturates": props.saturates.replace({"none": "no"}).to_numpy(),
        "dies": props.dies.replace({"none": "no"}).to_numpy(),
        FLAT_COLUMN: [_where_flat(r.flat) for r in props.itertuples()],
        "NumPy cost": props.relative.to_numpy(),
        "ns / element": (props.f_ns + props.df_ns).to_numpy(),
    })
    return cmp.lineup_curves(names), cmp.flat_regions(names), table


ui.header("ReLU & friends", "Three pages showed what goes wrong with sigmoid hidden units. Here the same experiments "
          "run with tanh, ReLU and leaky ReLU beside it (and ELU, GELU, softplus if you add them): what changes when "
          "the activation changes, and what does not.")
ui.presets("cmp_preset", PRESETS)
acts = st.multiselect("Activations on this page", cmp.NONLINEAR, default=list(cmp.LINEUP), key="cmp_acts",
                      bind="query-params",
                      help="Sections 1 and 2 show every one you pick; the race runs the four classics you pick.")


@st.fragment
def lineup():
    st.header("1. The line-up", divider="gray")
    ui.explain(f"Each activation (solid) and its slope (dashed) on one scale. Grey: **saturated**, the slope's size is "
               f"below {SATURATION:.0%} of the activation's own maximum on a side where it flattens out (the app's "
               f"threshold; where GELU's slope is negative but not that small, gradient still flows, so it is not "
               f"grey). Red: the slope is exactly 0 there, so a unit sitting there passes back nothing.")
    if not acts:
        st.info("Pick at least one activation above.")
        return
    curves, regions, table = lineup_data(",".join(acts))
    ui.chart(lineup_chart(curves, regions, acts, width=210 if ui.lecture() else 170), "lineup")
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        "max slope": st.column_config.NumberColumn(format="%.3g"),
        FLAT_COLUMN: st.column_config.TextColumn(width=166),
        "NumPy cost": st.column_config.NumberColumn(format="%.1f×", help="f(z) + f′(z) as a multiple of ReLU's. "
                                                    + COST_HELP),
        "ns / element": st.column_config.NumberColumn(format="%.1f", help="f(z) + f′(z), nanoseconds per value. "
                                                      + COST_HELP),
    })
    relu, sig = activation("relu"), activation("sigmoid")
    ui.explain(f"ReLU's outputs run from {_span(*relu.output_range)}: **not zero-centred**, just like the sigmoid's. "
               "The zig-zag argument of *Not zero-centred* (all inputs of a neuron positive, so all its weight "
               "gradients share one sign) applies to a layer fed by ReLUs too. What ReLU changes is the size of "
               f"the gradient: slope {relu.max_slope:g} wherever z > 0, against the sigmoid's {sig.max_slope:g} at "
               "best. The cost columns time this app's NumPy code on this server, not the activations "
               "themselves: another implementation or machine gives other ratios.")


@st.fragment
def flow():
    st.header("2. Gradient flow through depth", divider="gray")
    ui.explain("One deep net per activation, every layer the same width, inputs and the gradient arriving at the top "
               "both random normal (sigcore.probes.probe, as on the Saturation and Initialization pages). Each line "
               "is the size of each layer's weight gradient: flat means every layer learns at the same pace; "
               "falling to the left means the layers near the input barely learn; flat but low means every layer "
               "gets a tiny gradient.")
    x4 = init_schemes.SHORT["xavier4"]
    ui.explain(f"**Customary init** is the one each activation is usually given: Xavier for sigmoid and tanh (Glorot & "
               f"Bengio's; Keras's default for every layer, and PyTorch's calculate_gain adds no gain for the "
               f"sigmoid), He for the ReLU family. The Initialization page fits {x4} to the sigmoid's slope of "
               f"{activation('sigmoid').max_slope:g} at z = 0; this page keeps plain Xavier as the sigmoid's "
               f"customary init, because that is what libraries give it, and offers {x4} to show the sigmoid at "
               "its best.")
    c1, c2, c3 = st.columns([3, 2, 2], vertical_alignment="bottom")
    depth = c1.slider("Depth (layers)", 2, 30, DEFAULTS["cmp_flow_depth"], key="cmp_flow_depth", bind="query-params")
    init = c2.selectbox("Init", INITS, INITS.index(DEFAULTS["cmp_flow_init"]), key="cmp_flow_init",
                        bind="query-params", help=INIT_HELP)
    with c3, ui.more_controls():
        width = st.slider("Width (units per layer)", 8, 64, DEFAULTS["cmp_flow_width"], 8, key="cmp_flow_width",
                          bind="query-params")
    if not acts:
        st.info("Pick at least one activation above.")
        return
    chosen = None if init == "customary" else init
    df = pd.concat([gradient_flow(a, depth, width, chosen) for a in acts], ignore_index=True)
    ui.chart(flow_chart(df, acts), "gradient_flow")
    first = df[df.layer == 1].set_index("activation")
    for row in range(0, len(acts), METRICS_PER_ROW):
        for col, a in zip(st.columns(METRICS_PER_ROW), acts[row:row + METRICS_PER_ROW]):
            col.metric(f"{LABEL[a]} · {_init_label(first.loc[a, 'init'])}", _times(first.loc[a, "grad_rel"]),
                       help=f"Layer 1's weight gradient |dL/dW| as a multiple of the top layer's, with "
                            f"{_init_label(first.loc[a, 'init'])} init.")
    floored = df[df.grad_norm < LOG_FLOOR]
    if len(floored):
        st.caption(f"Hollow triangles sit on the chart's floor of {LOG_FLOOR:.0e}: their true |dL/dW| is smaller, "
                   f"down to {floored.grad_norm.min():.1e} (hover for each).")
    if "sigmoid" in acts:
        explain_sigmoid_flow(depth, width, chosen, first.loc["sigmoid", "grad_rel"])


def explain_sigmoid_flow(depth, width, init, grad_rel):
    """Why the sigmoid's line falls, for the init actually used: gain x rms slope per layer, predicted and measured."""
    f = flow_factor("sigmoid", depth, width, init)
    sig = activation("sigmoid")
    ui.explain(f"Going down one layer multiplies the gradient |dL/dz| by about √(n·Var(W)) × the rms slope of the "
               f"layer's units. For the sigmoid with {_init_label(init or cmp.CUSTOMARY_INIT['sigmoid'])} init at "
               f"width {width}, √(n·Var(W)) = {_num2(f['gain'])} and the rms slope is {_num2(f['rms_slope'])} "
               f"(at most {sig.max_slope:g}, at z = 0: the wider z spreads, the lower it gets), so the factor should "
               f"be about {_num2(f['predicted'])} per layer; this net measures {_num2(f['measured'])}. Over "
               f"{depth - 1} layers, layer 1's weight gradient ends at {_times(grad_rel)} the top's. Give them all "
               "the same init to see that init matters for every activation: with weights too small for it, "
               "ReLU's line stays flat but sinks, because each layer zeroes half of z and He's Var(W) = 2/n_in is "
               "what makes up for it.")


def race_frame(runs, points, names, epochs, step):
    """One frame of the race: curves up to the frame's epoch, decision surfaces, and the scores."""
    epoch = cmp.frame_epochs(epochs)[step]
    curves, boundary, summary = cmp.race_at(runs, epoch)
    loss_range = (min(float(run.curves.loss.min()) for run in runs.values()),
                  max(float(run.curves.loss.max()) for run in runs.values()))
    ui.chart(race_curves_chart(curves, names, epochs, loss_range, width=420 if ui.lecture() else 310),
             "race_curves")
    if len(boundary.columns) > 2:
        ui.chart(boundary_chart(boundary, points, names, size=190 if ui.lecture() else 150), "race_boundaries")
    table = summary.assign(activation=summary.activation.map(LABEL))
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        "epoch": st.column_config.NumberColumn(help="The last epoch this run reached up to the frame shown"),
        "loss": st.column_config.NumberColumn(format="%.4f"),
        "accuracy": st.column_config.NumberColumn(format="percent"),
        "ms_per_epoch": st.column_config.NumberColumn("ms / epoch", format="%.2f",
                                                      help="Measured on this server, for the whole run"),
    })


@st.fragment
def race():
    st.header("3. Training race", divider="gray")
    customary = ", ".join(f"{_init_label(cmp.CUSTOMARY_INIT[a])} for {LABEL[a]}" for a in cmp.LINEUP)
    ui.explain("Same data, seed, width, depth, learning rate and epochs for every activation; each with its "
               f"customary init ({customary}), a sigmoid output unit and cross-entropy, full-batch gradient "
               "descent. Play it, or step through the epochs.")
    c1, c2, c3 = st.columns([1, 2, 2])
    dataset = c1.selectbox("Data", DATASETS, DATASETS.index(DEFAULTS["cmp_race_data"]), key="cmp_race_data",
                           bind="query-params")
    lr = c2.select_slider("Learning rate", RACE_LRS, DEFAULTS["cmp_race_lr"], key="cmp_race_lr", bind="query-params")
    epochs = c3.select_slider("Epochs", RACE_EPOCHS, DEFAULTS["cmp_race_epochs"], key="cmp_race_epochs",
                              bind="query-params")
    with ui.more_controls():
        m1, m2, m3, m4 = st.columns(4)
        width = m1.select_slider("Width", RACE_WIDTHS, DEFAULTS["cmp_race_width"], key="cmp_race_width",
                                 bind="query-params")
        depth = m2.select_slider("Hidden layers", DEPTHS, DEFAULTS["cmp_race_depth"], key="cmp_race_depth",
                                 bind="query-params")
        noise = m3.select_slider("Noise", NOISES, DEFAULTS["cmp_race_noise"], key="cmp_race_noise",
                                 bind="query-params")
        # a float input: an int number_input bound to the URL crashes on a 5000-digit value (Streamlit 1.67)
        seed = int(m4.number_input("Seed", 0.0, 999.0, DEFAULTS["cmp_race_seed"], 1.0, "%.0f", key="cmp_race_seed",
                                   bind="query-params"))
    names = [a for a in acts if a in cmp.LINEUP]
    if not names:
        st.info("The race runs sigmoid, tanh, ReLU and leaky ReLU: pick at least one of them above.")
        return
    with st.spinner(f"Training {len(names)} nets for {epochs} epochs…", show_time=True):
        runs = {a: race_run(a, dataset, noise, 200, width, depth, lr, epochs, seed) for a in names}
        points = race_data(dataset, noise, 200, seed)
    for a, run in runs.items():
        if run.diverged_at is not None:
            st.warning(f"{LABEL[a]} diverged: {run.diverged_reason}. Its curves stop there.")
    ui.player("cmp_race", cmp.RACE_FRAMES + 1, lambda step: race_frame(runs, points, names, epochs, step))
    final = {a: float(run.curves.loss.iloc[-1]) for a, run in runs.items() if run.diverged_at is None}
    if "sigmoid" in final and len(final) > 1:
        explain_race(final, lr, epochs)


def _levers(lr, epochs):
    """The race controls that could still give the nets more training, or "" if both are at their limit."""
    levers = [text for text, room in [("a larger learning rate", lr < RACE_LRS[-1]),
                                      ("more epochs", epochs < RACE_EPOCHS[-1])] if room]
    return " or ".join(levers)


def explain_race(final, lr, epochs):
    """What the race's final losses {activation: loss} (sigmoid and at least one other) show, and only that."""
    kind, best = cmp.race_verdict(final)
    sig, other = final["sigmoid"], final[best]
    levers = _levers(lr, epochs)
    chance = f"ln 2 ≈ {losses.CHANCE:.3f}, the loss of answering 0.5 for every point"
    bar = f"this page names a winner only at {cmp.CLEAR_RATIO:g}× lower and at least {cmp.CLEAR_GAP:g} apart"
    if kind == "chance":
        ui.explain(f"After {epochs} epochs at learning rate {lr:g} every net is still at chance: all {len(final)} "
                   f"losses ({', '.join(f'{LABEL[a]} {v:.3f}' for a, v in final.items())}) are within "
                   f"{cmp.NEAR_CHANCE:g} of {chance}. This run does not say which activation is better. "
                   + (f"Give them {levers}." if levers else "The learning rate and the epochs are both at this "
                      "page's maximum, so on this data and net no activation gets going within the page's budget."))
    elif kind == "behind":
        stuck = f" and is still at chance ({chance})" if cmp.at_chance(sig) else ""
        ui.explain(f"After {epochs} epochs at learning rate {lr:g}, {LABEL[best]} reached a loss of {other:.3f}, "
                   f"{_times(sig / other)} lower than the sigmoid's {sig:.3f}; the sigmoid net is behind{stuck}. "
                   f"Every sigmoid layer multiplies the gradient by its slope, at most "
                   f"{activation('sigmoid').max_slope:g} (section 2), so at the same learning rate its weights move "
                   "far less per step. "
                   + (f"Try {levers} to see whether it catches up." if levers else "The learning rate and the "
                      "epochs are both at this page's maximum, so this is as far as the sigmoid gets here."))
    elif kind == "ahead":
        ui.explain(f"Here the sigmoid won: after {epochs} epochs its loss is {sig:.3f}, {_times(other / sig)} lower "
                   f"than the best of the others ({LABEL[best]}, {other:.3f}). One run on one seed: change the seed "
                   "to see whether it holds.")
    elif cmp.at_chance(sig):
        ui.explain(f"After {epochs} epochs the sigmoid is still at chance ({sig:.3f}; {chance}) and the best of the "
                   f"others, {LABEL[best]}, is at {other:.3f}: too close to name a winner ({bar}). None has got far "
                   "yet." + (f" Give them {levers}." if levers else ""))
    else:
        ui.explain(f"After {epochs} epochs the sigmoid's loss is {sig:.3f} and the best of the others "
                   f"({LABEL[best]}) reached {other:.3f}: too close to name a winner ({bar}). On this setting the "
                   "sigmoid net trains about as well as the others; section 2 shows why the gap opens with depth.")


@st.fragment
def dying():
    st.header("4. Dying ReLU", divider="gray")
    ui.explain("A ReLU unit whose z is negative for every training point passes back no gradient at all, so "
               "nothing can ever move its weights again: it is **dead** (slope exactly 0 on every training point). "
               "CS231n warns that a learning rate set too high can kill as much as 40 % of a network. A negative "
               "bias at init starts units off closer to death. Leaky ReLU's slope is never 0, so it cannot die.")
    c1, c2 = st.columns(2)
    lr = c1.select_slider("Learning rate", cmp.DYING_LRS, DEFAULTS["cmp_die_lr"], key="cmp_die_lr",
                          bind="query-params")
    bias = c2.select_slider("Hidden biases at init", BIASES, DEFAULTS["cmp_die_bias"], key="cmp_die_bias",
                            bind="query-params")
    with ui.more_controls():
        m1, m2, m3, m4, m5 = st.columns(5)
        dataset = m1.selectbox("Data", DATASETS, DATASETS.index(DEFAULTS["cmp_die_data"]), key="cmp_die_data",
                               bind="query-params")
        width = m2.select_slider("Width", DYING_WIDTHS, DEFAULTS["cmp_die_width"], key="cmp_die_width",
                                 bind="query-params")
        depth = m3.select_slider("Hidden layers", DEPTHS, DEFAULTS["cmp_die_depth"], key="cmp_die_depth",
                                 bind="query-params")
        epochs = m4.select_slider("Epochs", DYING_EPOCHS, DEFAULTS["cmp_die_epochs"], key="cmp_die_epochs",
                                  bind="query-params")
        seed = int(m5.number_input("Seed", 0.0, 999.0, DEFAULTS["cmp_die_seed"], 1.0, "%.0f", key="cmp_die_seed",
                                   bind="query-params"))
    args = dict(bias=bias, dataset=dataset, width=width, depth=depth, epochs=epochs, seed=seed)
    with st.spinner(f"Training {len(cmp.DYING_LRS) + 1} nets for {epochs} epochs…", show_time=True):
        relu, sweep = dying_sweep("relu", **args)
        leaky = dying_run("leaky_relu", lr, **args)
    frame = pd.concat([relu[lr].frame.assign(activation="relu"), leaky.frame.assign(activation="leaky_relu")],
                      ignore_index=True)
    ui.chart(dying_chart(frame, sweep, lr, cmp.DYING_LRS, width=240 if ui.lecture() else 190), "dying_relu")
    m1, m2, m3 = st.columns(3)
    m1.metric("ReLU units dead at the end", f"{relu[lr].dead_at_end:.0%}",
              f"{relu[lr].dead_at_end - relu[lr].dead_at_init:+.0%} since init", delta_color="inverse")
    m2.metric("Leaky ReLU units dead", f"{leaky.dead_at_end:.0%}")
    m3.metric("Leaky ReLU's smallest slope", f"{float(activation('leaky_relu').grad(-1.0)):g}")
    for name, run in [("ReLU", relu[lr]), ("Leaky ReLU", leaky)]:
        if run.diverged_at is not None:
            st.warning(f"{name} diverged: {run.diverged_reason}. The chart shows the epochs before that.")
    calm = sweep[sweep.lr <= 1.0]
    wild = sweep[(sweep.lr > 1.0)]
    ui.explain(f"At learning rates up to {calm.lr.max():g} the dead share stays near what init gave "
               f"({calm.dead.min():.0%} to {calm.dead.max():.0%}; the dashed line is the share at init). "
               f"Above that it jumps: {wild.dead.max():.0%} dead at a rate of {wild.lr[wild.dead.idxmax()]:g}. "
               "It is not a smooth rise but a threshold: one oversized step pushes many units' z below zero for "
               "every input, and from then on they never get a gradient to come back. Hollow diamonds mark runs "
               "that diverged; their share is from the last epoch before it.")


@st.fragment
def still_right():
    st.header("5. When sigmoid is still right", divider="gray")
    df = output_gradients()
    wrong = df[df.z == df.z.min()].set_index("loss").grad
    sig = activation("sigmoid")
    z = _num(df.z.min())
    left, right = st.columns([3, 2])
    with left:
        ui.chart(output_chart(df), "output_gradient")
    with right:
        wrong_help = (f"|dL/dz| at a sigmoid output unit with target 1 that is confidently wrong: z = {z}, "
                      f"p = {sig(df.z.min()):.1e}")
        st.metric(f"Cross-entropy at z = {z}", f"{wrong['cross-entropy']:.4f}", help=wrong_help)
        st.metric(f"Squared error at z = {z}", f"{wrong['squared error']:.1e}", help=wrong_help)
        st.metric(f"Forget gate {GATE:g}, {STEPS} steps", f"{cmp.chain_factor(GATE, STEPS):.2f}",
                  help=f"The share of the gradient kept along an LSTM's cell path after {STEPS} steps through a "
                       f"forget gate held at {GATE:g}")
        st.metric(f"{STEPS} sigmoid layers, at best", f"{cmp.chain_factor(sig.max_slope, STEPS):.1e}",
                  help=f"The share kept after {STEPS} sigmoid layers, each multiplying the gradient by its slope "
                       f"at its largest, {sig.max_slope:g}")
    ui.explain("**As the output for a probability**, the sigmoid is right: with cross-entropy the gradient at the "
               "output is σ(z) − y, the σ′ cancels, and a confidently wrong unit gets the largest push, not the "
               "smallest. **As a gate** (LSTM, GRU), σ(z) in (0, 1) scales a signal, and sitting near 0 or 1 is the "
               "point (shut or open); the gradient along the gated path is multiplied by the gate's *value*, not "
               f"its slope. The hidden-layer problem is different: {STEPS} stacked sigmoid layers multiply the "
               f"gradient by {STEPS} slopes of at most {sig.max_slope:g}.")


@st.fragment
def check():
    st.header("6. Check yourself", divider="gray")
    relu, leak = activation("relu"), float(activation("leaky_relu").grad(-1.0))
    wrong = output_gradients().pipe(lambda d: d[d.z == d.z.min()]).set_index("loss").grad
    ui.check_yourself(
        "cmp_q1", "ReLU's outputs are never negative. Does a ReLU layer escape the zig-zag that positive inputs "
        "cause (all of a neuron's weight gradients sharing one sign)?",
        ["Yes: its slope is 1, so the updates point the right way",
         "No: the next neuron's inputs are all ≥ 0, so its weight gradients still share one sign",
         "Only when initialised with He"],
        "No: the next neuron's inputs are all ≥ 0, so its weight gradients still share one sign",
        f"dL/dw_i = δ · a_i, and ReLU's a_i lie in {_span(*relu.output_range)}: for one sample, every weight into a "
        "neuron moves with δ's sign. ReLU fixes the size of the gradient, not its sign pattern; summing over a "
        "batch and zero-centring the data soften the sign problem.")
    ui.check_yourself(
        "cmp_q2", "Why can a leaky ReLU unit not die?",
        ["It is initialised with He", f"Its slope for z < 0 is {leak:g}, never 0, so some gradient always gets back",
         "Its outputs are zero-centred"],
        f"Its slope for z < 0 is {leak:g}, never 0, so some gradient always gets back",
        "A dead unit is one whose slope is 0 on every input. Leaky ReLU's slope is never 0, so its weights can "
        "always be moved back into play. (Its outputs are not zero-centred either: see the table.)")
    ui.check_yourself(
        "cmp_q3", "Where is a sigmoid still a good choice?",
        ["In the hidden layers of a deep net, with Xavier init", "As the output unit of a yes/no classifier trained "
         "with cross-entropy", "Nowhere any more"],
        "As the output unit of a yes/no classifier trained with cross-entropy",
        f"There σ′ cancels out of the gradient (confidently wrong: {wrong['cross-entropy']:.2f} with cross-entropy "
        f"against {wrong['squared error']:.1e} with squared error), and a probability needs the (0, 1) range. Deep "
        "hidden layers multiply many slopes of at most 1/4 (section 2).")


lineup()
flow()
race()
dying()
still_right()
check()
ui.source("cmp_code", "The code behind this page", cmp.gradient_flow, cmp.race_run, cmp.dying_run)
