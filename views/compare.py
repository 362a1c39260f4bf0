"""ReLU & friends: the same experiments with tanh, ReLU and leaky ReLU beside the sigmoid, what does not change, and
the verdict: which of the sigmoid's drawbacks costs more, measured."""
from dataclasses import replace

import pandas as pd
import streamlit as st

import ui
from charts.base import LABELS, LOG_FLOOR
from charts.compare import dying_chart, flow_chart, lineup_chart, output_chart, race_chart, severity_chart
from sigcore import SATURATION, activation, initializers, losses
from sigcore.train import epochs_to_show
from experiments import compare as cmp
from experiments import severity
from experiments.zigzag.race import SWEEP

INIT_LABEL = {"customary": "customary", "standard": "standard", "xavier": "Xavier", "xavier4": "Xavier ×4",
              "he": "He", "lecun": "LeCun", "too_small": "too small"}
# Section 2's init choices are shown and linked as ids (a bound selectbox puts the shown text in the URL), so that
# links made before Xavier ×4 and too small were added still work.
INIT_HELP = ("customary: each activation with its usual init (Xavier for sigmoid and tanh, He for the ReLU family); "
             f"otherwise the same init for all of them. xavier4 is Xavier ×{initializers.SIGMOID_GAIN:g}, fitted to "
             f"the sigmoid's slope at z = 0; too_small is N(0, s²) with s = {initializers.TOO_SMALL:g}.")
METRICS_PER_ROW = 4
DATASETS = ("circles", "moons", "xor", "spiral", "blobs")
GATE, STEPS = 0.9, 20  # section 5: a forget gate held at GATE for STEPS time steps, against STEPS sigmoid layers

SETTINGS = ui.Settings(
    ui.Setting("cmp_acts", "Activations on this page", list(cmp.LINEUP), "multiselect", options=cmp.NONLINEAR,
               help="Sections 1 and 2 show every one you pick; the race runs the four classics you pick.",
               names=LABELS),
    ui.Setting("cmp_flow_depth", "Depth (layers)", 20, range=(2, 30, 1)),
    ui.Setting("cmp_flow_init", "Init", "customary", "selectbox", options=tuple(INIT_LABEL), help=INIT_HELP),
    ui.Setting("cmp_flow_width", "Width (units per layer)", 32, range=(8, 64, 8)),
    ui.Setting("cmp_race_data", "Data", "circles", "selectbox", options=DATASETS),
    ui.Setting("cmp_race_lr", "Learning rate η", 0.5, "select_slider", options=(0.03, 0.1, 0.3, 0.5, 1.0, 2.0, 3.0)),
    ui.Setting("cmp_race_epochs", "Epochs", 200, "select_slider", options=(25, 50, 100, 200)),
    ui.Setting("cmp_race_x4", "Sigmoid at Xavier ×4", False, "toggle",
               help="The sigmoid net with Xavier ×4 instead of its customary Xavier; the others keep theirs."),
    ui.Setting("cmp_race_width", "Width", 16, "select_slider", options=(4, 8, 16, 32)),
    ui.Setting("cmp_race_depth", "Hidden layers", 2, "select_slider", options=(1, 2, 3)),
    ui.Setting("cmp_race_noise", "Noise", 0.1, "select_slider", options=(0.0, 0.05, 0.1, 0.2, 0.3, 0.5)),
    ui.Setting("cmp_race_seed", "Seed", 0.0, "seed"),
    ui.Setting("cmp_die_lr", "Learning rate η", 0.3, "select_slider", options=cmp.DYING_LRS),
    ui.Setting("cmp_die_bias", "Hidden biases at init", 0.0, "select_slider",
               options=(-1.0, -0.75, -0.5, -0.25, 0.0, 0.25, 0.5)),
    ui.Setting("cmp_die_data", "Data", "circles", "selectbox", options=DATASETS),
    ui.Setting("cmp_die_width", "Width", 32, "select_slider", options=(8, 16, 32)),
    ui.Setting("cmp_die_depth", "Hidden layers", 3, "select_slider", options=(1, 2, 3)),
    ui.Setting("cmp_die_epochs", "Epochs", 40, "select_slider", options=(10, 20, 40)),
    ui.Setting("cmp_die_seed", "Seed", 0.0, "seed"),
)
DEFAULT = SETTINGS.defaults()


def preset(prefix, **changes):
    """A section's preset: its own settings (keys starting with `prefix`) at their defaults but `changes`."""
    return {k: v for k, v in SETTINGS.preset(**changes).items() if k.startswith(prefix)}


FLOW_PRESETS = {
    "Customary inits": preset("cmp_flow_"),
    "Deep, small init": preset("cmp_flow_", cmp_flow_depth=30, cmp_flow_init="standard"),
    "He for all": preset("cmp_flow_", cmp_flow_init="he"),
    "Xavier ×4: still fades": preset("cmp_flow_", cmp_flow_init="xavier4"),
}
RACE_PRESETS = {
    "Circles: a plateau": preset("cmp_race_"),
    "Largest η: still stuck": preset("cmp_race_", cmp_race_lr=3.0),
    "Xavier ×4: no plateau": preset("cmp_race_", cmp_race_x4=True),
    "Moons: a line helps": preset("cmp_race_", cmp_race_data="moons"),
    "Spiral: hard data": preset("cmp_race_", cmp_race_data="spiral", cmp_race_width=32, cmp_race_depth=3,
                                    cmp_race_lr=1.0),
}
DYING_PRESETS = {
    "η = 0.3: few die": preset("cmp_die_"),
    "η = 3: many die": preset("cmp_die_", cmp_die_lr=3.0),
}
FLAT_COLUMN = f"|slope| < {SATURATION:.0%} of max"
SATURATES = {"both": "on both sides", "left": "for z ≪ 0", "none": "no"}
DIES = {"left": "yes: slope 0 for all z < 0", "none": "no"}

# Entries bounded from one result's pickled size at the defaults, measured (gradient flow 4 kB, race run 135 kB, dying
# run 5 kB, dying sweep 24 kB, output gradients 16 kB, line-up 60 kB, vanishing 0.1 kB, zig-zag
# cost 1.4 kB): at most about 8 MB per cache, 25 MB in all.
gradient_flow = ui.cached(cmp.gradient_flow, 128)
race_run = ui.cached(cmp.race_run, 64)
dying_run = ui.cached(cmp.dying_run, 64)
dying_sweep = ui.cached(cmp.dying_sweep, 32)
vanishing = ui.cached(severity.vanishing, 8)
zigzag_cost = ui.cached(severity.zigzag_cost, 4)


def _span(lo, hi):
    fmt = lambda v: (  # noqa: E731
        "∞" if v == float("inf") else "−∞" if v == -float("inf") else f"{v:g}".replace("-", "−"))
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


def _lineup_data(names):
    """For the comma-separated activations `names`: their curves and flat regions, and the properties table."""
    names = names.split(",")
    props = cmp.properties(names).set_index("activation").loc[names]
    table = pd.DataFrame({
        "activation": [LABELS[a] for a in props.index],
        "output range": [_span(r.low, r.high) for r in props.itertuples()],
        "zero-centred": props.zero_centred.to_numpy(),
        "max slope": props.max_slope.to_numpy(),
        "saturates": props.saturates.map(SATURATES).to_numpy(),
        "can die": props.dies.map(DIES).to_numpy(),
        FLAT_COLUMN: [_where_flat(r.flat) for r in props.itertuples()],
    })
    return cmp.lineup_curves(names), cmp.flat_regions(names), table


lineup_data = ui.cached(_lineup_data, 128)


ui.header("ReLU & friends", "Three pages showed what goes wrong with sigmoid hidden units. Here the same experiments "
          "run with tanh, ReLU and leaky ReLU beside it (and ELU, GELU, softplus if you add them): what changes when "
          "the activation changes, what does not, and which of the sigmoid's drawbacks costs more.")
with st.sidebar if ui.lecture() else st.container():
    acts = SETTINGS.show("cmp_acts")
sig = activation("sigmoid")
LEAK = float(activation("leaky_relu").grad(-1.0))  # leaky ReLU's slope for z < 0


@st.fragment
def lineup():
    ui.section("1. The line-up", "lineup")
    relu = activation("relu")
    centred = [LABELS[a] for a in acts if activation(a).zero_centred]
    ui.takeaway("lineup", f"ReLU's slope is {relu.max_slope:g} wherever it is on, the sigmoid's at most "
                f"{sig.max_slope:g}; of those shown, only {', '.join(centred) or 'none'} "
                f"{'is' if len(centred) == 1 else 'are'} zero-centred.")
    ui.explain(f"Each activation (solid) and its slope (dashed) on one scale. Grey: **saturated**, the slope's size is "
               f"below {SATURATION:.0%} of the activation's own maximum on a side where it flattens out (the app's "
               f"threshold; where GELU's slope is negative but not that small, gradient still flows, so it is not "
               f"grey). Red: the slope is exactly 0 there, so a unit sitting there passes back nothing.")
    if not acts:
        st.info("Pick at least one activation above.")
        return
    curves, regions, table = lineup_data(",".join(acts))
    ui.chart(lineup_chart(curves, regions, acts, width=210 if ui.lecture() else 160), "lineup")
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        "max slope": st.column_config.NumberColumn(format="%.3g"),
        "saturates": st.column_config.TextColumn(help="Where the slope tends to 0 as z grows large"),
        "can die": st.column_config.TextColumn(help="Where the slope is exactly 0, so a unit sitting there for every "
                                                    "input never gets a gradient again"),
        FLAT_COLUMN: st.column_config.TextColumn(width=166),
    })
    ui.explain(f"ReLU's outputs run from {_span(*relu.output_range)}: **not zero-centred**, just like the sigmoid's. "
               "The zig-zag argument of *Not zero-centred* (all inputs of a neuron positive, so all its weight "
               "gradients share one sign) applies to a layer fed by ReLUs too. What ReLU changes is the size of "
               f"the gradient: slope {relu.max_slope:g} wherever z > 0, against the sigmoid's {sig.max_slope:g} at "
               "best.")


@st.fragment
def flow():
    ui.section("2. Gradient flow through depth", "flow")
    takeaway = st.container()  # the takeaway, once the run is known, above the controls
    v, view = ui.controls(SETTINGS, ["cmp_flow_depth", "cmp_flow_init"], ["cmp_flow_width"],
                          ("cmp_flow_presets", FLOW_PRESETS), fold_presets=True)
    depth, init, width = v["cmp_flow_depth"], v["cmp_flow_init"], v["cmp_flow_width"]
    chosen = None if init == "customary" else init
    frames = {a: gradient_flow(a, depth, width, chosen) for a in acts}
    with takeaway:
        if "sigmoid" in frames:
            f = cmp.flow_factor(frames["sigmoid"], width)
            ui.takeaway("flow", f"Each sigmoid layer multiplies the gradient by about {ui.sci(f['measured'], 2)} here "
                        f"({INIT_LABEL[frames['sigmoid'].init.iloc[0]]} init): layer 1 gets "
                        f"{ui.times(frames['sigmoid'].grad_rel.iloc[0])} the top layer's weight gradient.")
        elif frames:
            ui.takeaway("flow", "Layer 1's weight gradient against the top layer's: " + ", ".join(
                f"{LABELS[a]} {ui.times(fr.grad_rel.iloc[0])}" for a, fr in frames.items()) + ".")
    if not acts:
        st.info("Pick at least one activation above.")
        return
    df = pd.concat(frames.values(), ignore_index=True)
    with view:
        ui.chart(flow_chart(df, acts), "gradient_flow")
    first = df[df.layer == 1].set_index("activation")
    for row in range(0, len(acts), METRICS_PER_ROW):
        for col, a in zip(st.columns(METRICS_PER_ROW), acts[row:row + METRICS_PER_ROW]):
            scheme = INIT_LABEL[first.loc[a, "init"]]
            col.metric(f"{LABELS[a]} · {scheme}", ui.times(first.loc[a, "grad_rel"]),
                       help=f"Layer 1's weight gradient |dL/dW| as a multiple of the top layer's, with {scheme} init.")
    floored = df[df.grad_norm < LOG_FLOOR]
    if len(floored):
        st.caption(f"Hollow triangles sit on the chart's floor of {ui.sci(LOG_FLOOR, 2)}: their true |dL/dW| is "
                   f"smaller, down to {ui.sci(floored.grad_norm.min(), 2)} (hover for each).")
    ui.explain("One deep net per activation, every layer the same width, inputs and the gradient arriving at the top "
               "both random normal (sigcore.probes.probe, as on the Saturation and Initialization pages). Each line "
               "is the size of each layer's weight gradient: flat means every layer learns at the same pace; "
               "falling to the left means the layers near the input barely learn; flat but low means every layer "
               "gets a tiny gradient.")
    if "sigmoid" in frames and not ui.lecture():  # prose only: lecture mode computes nothing for it
        explain_sigmoid_flow(frames["sigmoid"], f, depth, width)


def explain_sigmoid_flow(frame, f, depth, width):
    """Why the sigmoid's line falls, for the init actually used: gain x rms slope per layer, predicted and measured;
    and what Xavier ×4, fitted to the slope at 0, does in this net."""
    scheme = frame.init.iloc[0]
    text = (f"Going down one layer multiplies the gradient |dL/dz| by about √(n·Var(W)) × the rms slope of the "
            f"layer's units. For the sigmoid with {INIT_LABEL[scheme]} init at width {width}, √(n·Var(W)) = "
            f"{ui.sci(f['gain'], 2)} and the rms slope is {ui.sci(f['rms_slope'], 2)} (at most "
            f"{sig.max_slope:g}, at z = 0: the wider z spreads, the lower it gets), so the factor should be about "
            f"{ui.sci(f['predicted'], 2)} per layer; this net measures {ui.sci(f['measured'], 2)}. Over {depth - 1} "
            f"layers, layer 1's weight gradient ends at {ui.times(frame.grad_rel.iloc[0])} the top's. ")
    x4 = f if scheme == "xavier4" else cmp.flow_factor(gradient_flow("sigmoid", depth, width, "xavier4"), width)
    gain = f"{initializers.SIGMOID_GAIN:g}"
    text += (f"**Customary init** is the one each activation is usually given: Xavier for sigmoid and tanh (Keras's "
             f"default; PyTorch's calculate_gain adds no gain for the sigmoid), He for the ReLU family. Xavier "
             f"×{gain} is fitted to the sigmoid's slope at z = 0 ({gain} × {sig.max_slope:g} = 1), but weights "
             f"{gain}× larger spread z, where the slope is lower (rms {ui.sci(x4['rms_slope'], 2)}): even with it the "
             f"gradient fades ×{ui.sci(x4['measured'], 2)} per layer here, more slowly, but not steady. Give every "
             "activation the same init to see that init matters for all of them: with weights too small for it, "
             "ReLU's line stays flat but sinks, because each layer zeroes half of z and He's Var(W) = 2/n_in is what "
             "makes up for it.")
    ui.explain(text)


def _old_race_step(epochs):
    """Links made before the race played in the browser gave its frame (0 to RACE_FRAMES) as cmp_race_step: open
    them on that frame's epoch (cmp_epoch_step)."""
    old = st.query_params.get("cmp_race_step")
    if old is None:
        return
    del st.query_params["cmp_race_step"]
    frames = epochs_to_show(epochs, cmp.RACE_FRAMES)
    try:
        st.query_params["cmp_epoch_step"] = str(frames[min(max(int(float(old)), 0), len(frames) - 1)])
    except (ValueError, OverflowError):
        pass


def _race_figure(names, dataset, noise, width, depth, lr, epochs, seed, x4, step, lecture):
    """The race's chart for a setup (race_runs' arguments), opening on epoch `step`, sized for lecture mode or not."""
    runs = _trained(names, dataset, noise, width, depth, lr, epochs, seed, x4)
    curves, surface, snaps = cmp.race_frames(runs, epochs)
    return race_chart(curves, surface, snaps, cmp.race_data(dataset, noise, 200, seed), names, epochs, step,
                      width=215 if lecture else 310, height=110 if lecture else 200, size=80 if lecture else 150,
                      key=not lecture)


# A built race chart pickles to 70 kB at the defaults (the compact tables of charts.compare.race_chart): 64 of them,
# 4.5 MB. A rerun with the same settings (the step put in the URL, a preset clicked again) builds nothing.
race_figure = ui.cached(_race_figure, 64)


def race_view(runs, setup):
    """The race played in the browser, one frame per epoch (every frame sent once), then each run's final score;
    setup: race_runs' arguments after the names."""
    names, epochs = list(runs), setup[5]
    _old_race_step(epochs)
    ui.chart_player("cmp_epoch", epochs + 1, lambda step: race_figure(names, *setup, step, ui.lecture()), "race")
    summary = cmp.race_summary(runs)
    table = summary.assign(activation=summary.activation.map(LABELS))
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        "epoch": st.column_config.NumberColumn(help="The last epoch this run reached"),
        "loss": st.column_config.NumberColumn(format="%.4f"),
        "accuracy": st.column_config.NumberColumn(format="percent"),
    })


# Every run trains for the longest choice of epochs and records the surfaces any choice shows: a shorter race is cut
# from it (cmp.first_epochs), so moving the Epochs slider trains nothing.
RACE_EPOCHS = SETTINGS["cmp_race_epochs"].options
RACE_SHOWN = sorted({e for epochs in RACE_EPOCHS for e in epochs_to_show(epochs, cmp.RACE_FRAMES)})


def _trained(names, dataset, noise, width, depth, lr, epochs, seed, x4):
    """{activation: RaceRun} for the race: each with its customary init, the sigmoid with Xavier ×4 if x4."""
    return {a: cmp.first_epochs(race_run(a, dataset, noise, 200, width, depth, lr, RACE_EPOCHS[-1], seed,
                                         "xavier4" if x4 and a == "sigmoid" else None, RACE_SHOWN), epochs)
            for a in names}


def _race_runs(*setup):
    """_trained(*setup) without the runs' surfaces, which only the race's chart (race_figure) draws: what the
    sections read, quick to copy out of the cache."""
    return {a: replace(run, grid=run.grid[:0], p=run.p[:0], frames=[]) for a, run in _trained(*setup).items()}


# Four runs without their surfaces pickle to 40 kB at the defaults: 64 of them, 2.6 MB.
race_runs = ui.cached(_race_runs, 64)


@st.fragment
def race():
    ui.section("3. Training race", "race")
    takeaway = st.container()
    v, view = ui.controls(SETTINGS, ["cmp_race_data", "cmp_race_lr", "cmp_race_epochs"],
                          ["cmp_race_x4", ("cmp_race_width", "cmp_race_depth"), ("cmp_race_noise", "cmp_race_seed")],
                          ("cmp_race_presets", RACE_PRESETS), fold_presets=True)
    lr, epochs = v["cmp_race_lr"], v["cmp_race_epochs"]
    names = [a for a in acts if a in cmp.LINEUP]
    if not names:
        st.info("The race runs sigmoid, tanh, ReLU and leaky ReLU: pick at least one of them above.")
        return
    setup = tuple(v[f"cmp_race_{k}"] for k in ("data", "noise", "width", "depth", "lr", "epochs", "seed", "x4"))
    with st.spinner(f"Training {len(names)} nets for {epochs} epochs…", show_time=True):
        runs = race_runs(names, *setup)
    reading = cmp.race_reading(runs)
    verdict = race_verdict(reading, lr, epochs, setup)
    with takeaway:
        ui.takeaway("race", verdict[0])
    with view:
        for a, run in runs.items():
            if run.diverged_at is not None:
                st.warning(f"{LABELS[a]} diverged: {run.diverged_reason}. Its curves stop there.")
        race_view(runs, setup)
        spikes = spike_words(reading, lr)
        if spikes:
            st.caption(spikes)
    ui.explain("Same data, seed, width, depth, learning rate and epochs for every activation; each with its "
               "customary init (" + ", ".join(f"{INIT_LABEL[cmp.CUSTOMARY_INIT[a]]} for {LABELS[a]}"
                                              for a in cmp.LINEUP) +
               "), a sigmoid output unit and cross-entropy, full-batch gradient descent. Play it, or drag the step "
               "through the epochs (it plays in your browser); the table gives each run's score at the end.")
    if verdict[1]:
        ui.explain(verdict[1])


def spike_words(reading, lr):
    """The runs whose loss spiked (cmp.spike), in one sentence, or ""."""
    spiked = [(a, s.spike) for a, s in reading.standings.items() if s.spike and not s.diverged]
    return " ".join(
        f"{LABELS[a]}'s loss jumped ×{factor:.1f} at epoch {epoch}"
        + (" and came back down" if back else ", and stayed up") + f": one full-batch step at η = {lr:g} overshot."
        for a, (epoch, factor, back) in spiked)


def _levers(lr, epochs):
    """The race controls that could still give the nets more training, or "" if both are at their limit."""
    levers = [text for text, room in [("a larger learning rate", lr < SETTINGS["cmp_race_lr"].options[-1]),
                                      ("more epochs", epochs < SETTINGS["cmp_race_epochs"].options[-1])] if room]
    return " or ".join(levers)


def _plateau_words(standings):
    """Per run other than the sigmoid: how linear it started and how long it sat at chance, in words."""
    return "; ".join(
        f"{LABELS[a]} (all but {ui.pct(s.bent)}) " + ("is still on it" if s.stuck else
                                                   f"left it after {s.plateau} epochs" if s.plateau > 1 else
                                                   "left it at once")
        for a, s in standings.items() if a != "sigmoid" and not s.diverged)


def _fastest(setup):
    """What the sigmoid net of this setup (race_runs' arguments after the names) does at the page's largest
    learning rate, in words (a cached run)."""
    top, epochs = SETTINGS["cmp_race_lr"].options[-1], setup[5]
    s = cmp.standing(race_runs(["sigmoid"], *setup[:4], top, *setup[5:])["sigmoid"])
    if s.diverged:
        return f"At η = {top:g}, this page's largest, it diverges."
    if s.stuck:
        return (f"A larger learning rate moves the weights further but does not end it here: at η = {top:g}, this "
                f"page's largest, the weights move {s.moved:.0%} and the loss is still {s.loss:.3f} after {epochs} "
                "epochs.")
    return f"At η = {top:g}, this page's largest, it leaves the plateau after {s.plateau} epochs."


def race_verdict(reading, lr, epochs, setup):
    """(takeaway, prose) for a race's cmp.Reading (setup: race_runs' arguments after the names): what the final
    losses show, and the cause the run shows when the sigmoid sat at chance (the plateau it started on, measured),
    and only that."""
    if reading.kind is None:
        return "The race needs the sigmoid and at least one other that did not diverge to compare them.", ""
    final = {a: s for a, s in reading.standings.items() if not s.diverged}
    sig_run, other = final["sigmoid"], final[reading.best].loss
    sig_loss, k, moved = sig_run.loss, sig_run.plateau, sig_run.moved
    who = " and ".join(LABELS[a] for a in reading.tied)
    levers = _levers(lr, epochs)
    chance = f"ln 2 ≈ {losses.CHANCE:.3f}"
    cause = ""
    if sig_run.stuck:
        cause = (f"The sigmoid net sat on a plateau: its loss stayed within {losses.CHANCE_MARGIN:g} of {chance} "
                 f"(the loss of answering ½ everywhere) for all {k} epochs, while its hidden weights moved {moved:.1%} "
                 f"from init. It started near-linear: at init a straight line in the inputs fits all but "
                 f"{ui.pct(sig_run.bent)} of its output (R² of the best linear fit), and on this data no line beats "
                 "chance, so the loss has almost no slope to descend until the net bends. The others: "
                 + _plateau_words(reading.standings) + ". ")
        if lr < SETTINGS["cmp_race_lr"].options[-1] and not ui.lecture():  # prose only: no run for it in lecture
            cause += _fastest(setup) + " "
        if not setup[-1]:
            cause += "Xavier ×4 (a preset) starts the sigmoid net less linear, and it leaves the plateau early."
    if reading.kind == "chance":
        return (f"After {epochs} epochs every net is still at chance ({chance}): this run does not say which "
                "activation is better.",
                f"All {len(final)} losses ({', '.join(f'{LABELS[a]} {s.loss:.3f}' for a, s in final.items())}) are "
                f"within {losses.CHANCE_MARGIN:g} of {chance}. " + (
                    f"Give them {levers}." if levers else "The learning rate and the epochs are both at this page's "
                    "maximum, so on this data and net no activation gets going within the page's budget."))
    if reading.kind == "behind" and sig_run.stuck:
        trained = ", ".join(f"{LABELS[a]} {s.loss:.3f}" for a, s in final.items() if a != "sigmoid" and not s.stuck)
        return (f"The sigmoid net is stuck on a plateau at chance ({sig_loss:.3f} after {epochs} epochs, its weights "
                f"moved {moved:.1%}): it started near-linear, a straight line fits all but {ui.pct(sig_run.bent)} of "
                f"its output. The others trained: {trained}.", cause)
    if reading.kind == "behind":
        return (f"After {epochs} epochs {who} reached a loss of {other:.3f}, {ui.times(sig_loss / other)} lower than "
                f"the sigmoid's {sig_loss:.3f}.",
                f"The sigmoid net left chance after {k} epochs (hidden weights moved {moved:.1%} by then) and is "
                "still behind. One run on one seed: change the seed to see whether it holds.")
    if reading.kind == "ahead":
        return (f"Here the sigmoid won: after {epochs} epochs its loss is {sig_loss:.3f}, {ui.times(other / sig_loss)} "
                f"lower than the best of the others ({who}, {other:.3f}).",
                "One run on one seed: change the seed to see whether it holds.")
    bar = f"this page names a winner only at {cmp.CLEAR_RATIO:g}× lower and at least {cmp.CLEAR_GAP:g} apart"
    if sig_run.stuck:
        return (f"After {epochs} epochs the sigmoid is still at chance ({sig_loss:.3f}) and {who} at {other:.3f}: "
                f"too close to name a winner.", f"None has got far yet ({bar}). " + cause)
    return (f"A tie: after {epochs} epochs the sigmoid's loss is {sig_loss:.3f}, {who}'s {other:.3f}, too close to "
            "name a winner.",
            f"On this setting the sigmoid net trains about as well as the others ({bar}); section 2 shows why the "
            "gap opens with depth.")


@st.fragment
def dying():
    ui.section("4. Dying ReLU", "dying")
    takeaway = st.container()
    v, view = ui.controls(SETTINGS, ["cmp_die_lr", "cmp_die_bias"],
                          [("cmp_die_data", "cmp_die_width"), ("cmp_die_depth", "cmp_die_epochs", "cmp_die_seed")],
                          ("cmp_die_presets", DYING_PRESETS), fold_presets=True)
    lr, epochs = v["cmp_die_lr"], v["cmp_die_epochs"]
    args = dict(bias=v["cmp_die_bias"], dataset=v["cmp_die_data"], width=v["cmp_die_width"],
                depth=v["cmp_die_depth"], epochs=epochs, seed=v["cmp_die_seed"])
    with st.spinner(f"Training {len(cmp.DYING_LRS) + 1} nets for {epochs} epochs…", show_time=True):
        relu, sweep = dying_sweep("relu", **args)
        leaky = dying_run("leaky_relu", lr, **args)
    with takeaway:
        ui.takeaway("dying", f"At η = {lr:g}, {relu[lr].dead_at_end:.0%} of the ReLU units are dead after {epochs} "
                    f"epochs ({relu[lr].dead_at_init:.0%} at init); leaky ReLU's slope is never 0, so "
                    f"{leaky.dead_at_end:.0%} of its units are.")
    frame = pd.concat([relu[lr].frame.assign(activation="relu"), leaky.frame.assign(activation="leaky_relu")],
                      ignore_index=True)
    with view:
        ui.chart(dying_chart(frame, sweep, lr, cmp.DYING_LRS, width=155 if ui.lecture() else 190), "dying_relu")
    m1, m2, m3 = st.columns(3)
    m1.metric("ReLU units dead at the end", f"{relu[lr].dead_at_end:.0%}",
              f"{relu[lr].dead_at_end - relu[lr].dead_at_init:+.0%} since init", delta_color="inverse")
    m2.metric("leaky ReLU units dead", f"{leaky.dead_at_end:.0%}")
    m3.metric("leaky ReLU's smallest slope", f"{LEAK:g}")
    for name, run in [("ReLU", relu[lr]), ("leaky ReLU", leaky)]:
        if run.diverged_at is not None:
            st.warning(f"{name} diverged: {run.diverged_reason}. The chart shows the epochs before that.")
    ui.explain("A ReLU unit whose z is negative for every training point passes back no gradient at all, so "
               "nothing can ever move its weights again: it is **dead** (slope exactly 0 on every training point). "
               "CS231n warns that a learning rate set too high can kill as much as 40 % of a network. A negative "
               "bias at init starts units off closer to death. The slope of leaky ReLU is never 0, so it cannot die.")
    dead = cmp.dead_by_rate(sweep)
    ui.explain(f"At learning rates up to {dead['calm_lr']:g} the dead share stays near what init gave "
               f"({dead['low']:.0%} to {dead['high']:.0%}; the dashed line is the share at init). "
               f"Above that it jumps: {dead['wild']:.0%} dead at a rate of {dead['wild_lr']:g}. "
               "It is not a smooth rise but a threshold: one oversized step pushes many units' z below zero for "
               "every input, and from then on they never get a gradient to come back. Hollow diamonds mark runs "
               "that diverged; their share is from the last epoch before it.")


def _output_numbers():
    """Section 5's numbers, for it and the quiz: output gradients, where the output is most wrong (z, p,
    {loss: |dL/dz|}), and the share of the gradient kept over STEPS steps by a gate held at GATE and by the
    sigmoid's best slope."""
    df = cmp.output_gradients()
    return df, cmp.most_wrong(df), cmp.chain_factor(GATE, STEPS), cmp.chain_factor(sig.max_slope, STEPS)


output_numbers = ui.cached(_output_numbers, 1)  # 16 kB


@st.fragment
def still_right():
    ui.section("5. When sigmoid is still right", "still-right")
    df, (z, p, wrong), gate, layers = output_numbers()
    z = _num(z)
    ui.takeaway("still_right", f"At the output, cross-entropy cancels σ': a confidently wrong sigmoid output "
                f"(z = {z}) gets a gradient of {wrong['cross-entropy']:.2f}, against "
                f"{ui.sci(wrong['squared error'], 2)} with "
                f"squared error; a gate held at {GATE:g} keeps {gate:.2f} of the gradient "
                f"over {STEPS} steps.")
    left, right = st.columns([3, 2])
    with left:
        ui.chart(output_chart(df), "output_gradient")
    with right:
        wrong_help = (f"|dL/dz| at a sigmoid output unit with target 1 that is confidently wrong: z = {z}, "
                      f"p = {ui.sci(p, 2)}")
        st.metric(f"Cross-entropy at z = {z}", f"{wrong['cross-entropy']:.4f}", help=wrong_help)
        st.metric(f"Squared error at z = {z}", ui.sci(wrong['squared error'], 2), help=wrong_help)
        st.metric(f"Forget gate {GATE:g}, {STEPS} steps", f"{gate:.2f}",
                  help=f"The share of the gradient kept along an LSTM's cell path after {STEPS} steps through a "
                       f"forget gate held at {GATE:g}")
        st.metric(f"{STEPS} sigmoid layers, at best", ui.sci(layers, 2),
                  help=f"The share kept after {STEPS} sigmoid layers, each multiplying the gradient by its slope "
                       f"at its largest, {sig.max_slope:g}")
    ui.explain("**As the output for a probability**, the sigmoid is right: with cross-entropy the gradient at the "
               "output is σ(z) − y, the σ' cancels, and a confidently wrong unit gets the largest push, not the "
               "smallest. **As a gate** (LSTM, GRU), σ(z) in (0, 1) scales a signal, and sitting near 0 or 1 is the "
               "point (shut or open); the gradient along the gated path is multiplied by the gate's *value*, not "
               f"its slope. The hidden-layer problem is different: {STEPS} stacked sigmoid layers multiply the "
               f"gradient by {STEPS} slopes of at most {sig.max_slope:g}.")


def severity_numbers():
    """The verdict's measurements, from the cached experiments: the sigmoid's and the others' vanishing gradient
    through severity.DEPTH layers, the zig-zag's cost by batch size, the race and the dying sweep at their defaults,
    the output gradients."""
    depth = {a: vanishing(a) for a in ("sigmoid", "tanh", "relu")}
    cost = zigzag_cost().set_index(["fix", "batch"])
    d = DEFAULT
    runs = race_runs(list(cmp.LINEUP), d["cmp_race_data"], d["cmp_race_noise"], d["cmp_race_width"],
                        d["cmp_race_depth"], d["cmp_race_lr"], d["cmp_race_epochs"], int(d["cmp_race_seed"]),
                        d["cmp_race_x4"])
    _, sweep = dying_sweep("relu", d["cmp_die_bias"], d["cmp_die_data"], d["cmp_die_width"], d["cmp_die_depth"],
                           d["cmp_die_epochs"], int(d["cmp_die_seed"]))
    return depth, cost, runs, sweep


@st.fragment
def verdict():
    ui.section("6. The verdict: which drawback costs more", "verdict")
    depth, cost, runs, sweep = severity_numbers()
    sig_depth, n = depth["sigmoid"], severity.N
    one, full = severity.zigzag_factor(cost, 1), severity.zigzag_factor(cost, n)
    rows = [(f"vanishing gradient: {severity.DEPTH} sigmoid layers", "less gradient at layer 1",
             1 / sig_depth["total"] if sig_depth["total"] > 0 else float("inf"))]
    rows += [(f"zig-zag: {label}", "more updates", factor) for label, factor in
             [("one sample per step", one), (f"full batch ({n})", full)] if factor is not None]
    table = pd.DataFrame(rows, columns=["drawback", "cost", "factor"])
    ui.takeaway("verdict", f"The sigmoid's slope costs far more than its zig-zag: through {severity.DEPTH} layers the "
                f"first gets {ui.sci(sig_depth['total'], 2)} of the top's gradient; the zig-zag costs one neuron "
                + (f"{ui.times(one)} the updates one sample at a time, {ui.times(full)} with the full batch."
                   if one and full else "more updates (one of its runs did not arrive)."))
    controls, view = ui.beside()
    with view:
        ui.chart(severity_chart(table), "severity")
    with controls:
        st.metric("sigmoid, per layer down", f"÷ {sig_depth['per_layer']:.2f}",
                  help=f"{severity.DEPTH} sigmoid layers of {severity.WIDTH} units at Xavier init: the geometric mean "
                       "of what each step down does to the gradient |dL/dz|")
        st.metric("units saturated there", ui.pct(sig_depth["saturated"]),
                  help=f"Slope below {SATURATION:.0%} of its maximum, averaged over the layers")
    s = cost.loc[("none", 1)], cost.loc[("none", n)]
    c = cost.loc[("centre", 1)], cost.loc[("centre", n)]
    fmt = lambda r: "did not arrive" if pd.isna(r.updates) else f"{int(r.updates)}"  # noqa: E731
    ui.explain(
        f"**Vanishing gradient.** A net of {severity.DEPTH} sigmoid layers of {severity.WIDTH} units at Xavier init "
        f"(section 2's probe, read here by |dL/dz|, the gradient each layer passes down; section 2 plots the weight "
        f"gradient |dL/dW|, which also scales with the layer's inputs): |dL/dz| shrinks "
        f"÷ {sig_depth['per_layer']:.2f} per layer down, so layer 1 gets {ui.sci(sig_depth['total'], 2)} of what the "
        f"top layer gets, while {ui.pct(sig_depth['saturated'])} of the units are saturated: at init this is the "
        f"sigmoid's slope (at most {sig.max_slope:g}), not units stuck on its flat parts. tanh's |dL/dz| keeps "
        f"{depth['tanh']['total']:.2f} of it (÷ {depth['tanh']['per_layer']:.2f} per layer), ReLU with He init "
        f"{depth['relu']['total']:.2f}.\n\n"
        f"**Zig-zag.** One linear neuron, two weights, the target up and to the left of the start (the *Not "
        f"zero-centred* page's race and its section 3's batches), fed {n} sigmoid outputs or the same outputs "
        f"centred; each at its best of {len(SWEEP)} learning rates from {SWEEP[0]:.2g} to {SWEEP[-1]:.2g} times its "
        f"safe rate 2/max‖xₙ‖². One sample per step: {fmt(s[0])} updates against {fmt(c[0])}; the full batch: "
        f"{fmt(s[1])} against {fmt(c[1])}. With the full batch {s[1].share_forbidden:.0%} of the sigmoid inputs' "
        f"updates step up-left or down-right, which one sample at a time never does "
        f"({s[0].share_forbidden:.0%}): a batch lifts the one-sign restriction, not the cost.")
    dead = cmp.dead_by_rate(sweep)
    tanh_race, sig_race = runs["tanh"], runs["sigmoid"]
    ui.explain(
        "**Where the app agrees with CS231n, and where it does not.** CS231n's notes on activation functions call "
        "the zero-centring drawback *less severe* than saturation: measured here it is, by orders of magnitude "
        f"({ui.times(1 / sig_depth['total'])} less gradient at layer 1 against {ui.times(full or 0)} more updates). "
        "They say summing over a batch *somewhat mitigates* it: here a batch removes the one-sign restriction but "
        f"not the cost, whose gap widens from {ui.times(one or 0)} to {ui.times(full or 0)} (the *Not zero-centred* "
        "page's section 3 says it too: batches lift the restriction, not the cost). They name the first drawback "
        "*saturation*; at init almost no unit here is saturated, and the gradient vanishes through the slope alone.\n\n"
        f"**So:** use ReLU with a sensible learning rate and watch the dead fraction (section 4: at η ≤ "
        f"{dead['calm_lr']:g} {dead['low']:.0%} to {dead['high']:.0%} of the units are dead, at η = "
        f"{dead['wild_lr']:g} {dead['wild']:.0%}); or leaky ReLU, which cannot die. Prefer tanh to the sigmoid in "
        f"hidden layers: zero-centred, slope 1 at 0, and in the race it left the plateau after "
        f"{cmp.plateau(tanh_race)[0]} epochs where the sigmoid sat for {cmp.plateau(sig_race)[0]}. CS231n says "
        "*never use sigmoid*; the app says: never in hidden layers, but it is still right at outputs and gates "
        "(section 5).")


@st.fragment
def check():
    ui.section("7. Check yourself", "check")
    relu, leak = activation("relu"), LEAK
    wrong = output_numbers()[1][2]
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
        "A dead unit is one whose slope is 0 on every input. The slope of leaky ReLU is never 0, so its weights can "
        "always be moved back into play. (Its outputs are not zero-centred either: see the table.)")
    ui.check_yourself(
        "cmp_q3", "Where is a sigmoid still a good choice?",
        ["In the hidden layers of a deep net, with Xavier init", "As the output unit of a yes/no classifier trained "
         "with cross-entropy", "Nowhere any more"],
        "As the output unit of a yes/no classifier trained with cross-entropy",
        f"There σ' cancels out of the gradient (confidently wrong: {wrong['cross-entropy']:.2f} with cross-entropy "
        f"against {ui.sci(wrong['squared error'], 2)} with squared error), and a probability needs the (0, 1) "
        f"range. Deep hidden layers multiply many slopes of at most {sig.max_slope:g} (section 2).")


SECTIONS = [lineup, flow, race, dying, still_right, verdict, check]
STORY = [
    ui.Step("The line-up", "Slopes and ranges: ReLU passes the gradient on at slope 1 where it is on, the sigmoid at "
            f"{sig.max_slope:g} at best; only tanh of the classic four is zero-centred.", lineup, {}),
    ui.Step("Gradient through depth", "Each sigmoid layer multiplies the gradient by its slope: through many layers "
            "the first ones get almost nothing, while tanh and ReLU with their customary inits keep it.", flow,
            preset("cmp_flow_")),
    ui.Step("The race", "The sigmoid net starts almost linear and sits on a plateau at chance; tanh leaves it "
            "sooner, and ReLU starts bent, so it never sits there.", race, preset("cmp_race_")),
    ui.Step("Dying ReLU", "Too large a step kills ReLU units for good; leaky ReLU's slope is never 0, so none of its "
            "units die.", dying, DYING_PRESETS["η = 3: many die"]),
    ui.Step("The verdict", "The sigmoid's slope costs far more than its zig-zag: ReLU (watch the dead share) or tanh "
            "in hidden layers, the sigmoid at outputs and gates.", verdict, {}),
]
ui.run(SECTIONS, "cmp_story", STORY)
ui.source("cmp_code", "The code behind this page", cmp.gradient_flow, cmp.race_run, cmp.dying_run)
