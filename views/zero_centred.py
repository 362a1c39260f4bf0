"""Not zero-centred: why all-positive inputs (sigmoid outputs) make gradient descent zig-zag, from one neuron's
sign grid to two weights, the fair race, batches, the conditioning of E[x x^T] (LeCun et al. 1998) and a layer."""
from dataclasses import replace

import numpy as np
import streamlit as st

import ui
from charts import zigzag as cz
from experiments.zigzag import conditioning, patterns, race, signs
from experiments.zigzag.sgd import MAX_STEPS, REACHED

SOURCES = {"sigmoid": "sigmoid (> 0)", "relu": "ReLU (≥ 0)", "tanh": "tanh (centred)"}
LABELS = {"none": "sigmoid outputs", "centre": "sigmoid outputs, centred",
          "standardise": "sigmoid outputs, standardised", "tanh": "tanh outputs", "relu": "ReLU outputs"}
SHORT = {"none": "sigmoid", "centre": "centred", "standardise": "standardised", "tanh": "tanh", "relu": "ReLU"}
RATES = {"own": "each its own safe η", "same": "one η for both"}

SIGNS = ui.Settings(
    ui.Setting("zz_src", "Inputs x come from", "sigmoid", "segmented", options=tuple(SOURCES), names=SOURCES),
    ui.Setting("zz_rows", "samples", 6, range=(2, 10, 1)),
    ui.Setting("zz_cols", "inputs", 5, range=(2, 8, 1)),
    ui.Setting("zz_seed1", "seed", 0, "seed"),
)
RACE = ui.Settings(
    ui.Setting("zz_vs", "Compare sigmoid outputs with", "centre", "segmented",
               options=("centre", "tanh", "standardise", "relu"), names=SHORT),
    ui.Setting("zz_rate", "Learning rates", "own", "segmented", options=tuple(RATES), names=RATES,
               help="Each its own safe η: the largest η at which no one-sample step can move away from w*, "
                    "2/max|xₙ|² (section 6). One η for both: the η below."),
    ui.Setting("zz_lr", "one η for both", 1.0, range=(0.05, 5.0, 0.05),
               help="The learning rate of the 'one η for both' runs (the takeaway quotes them in either mode)."),
    ui.Setting("zz_w1t", "target w1*", -1.0, range=(-3.0, 3.0, 0.1)),
    ui.Setting("zz_w2t", "target w2*", 1.2, range=(-3.0, 3.0, 0.1)),
    ui.Setting("zz_w1s", "start w1", 1.0, range=(-3.0, 3.0, 0.1)),
    ui.Setting("zz_w2s", "start w2", -1.0, range=(-3.0, 3.0, 0.1)),
    ui.Setting("zz_n", "samples", 50, range=(10, 200, 10)),
    ui.Setting("zz_spread", "std z", 1.0, range=(0.25, 3.0, 0.25),
               help="The previous layer's pre-activations are z ~ N(0, (std z)²), and x = act(z)."),
    ui.Setting("zz_seed", "seed", 0, "seed"),
)
BATCH = ui.Settings(ui.Setting("zz_batch", "batch size", 8, range=(1, 200, 1),
                               help="Samples averaged per update (at most the samples of section 2)."))
LECUN = ui.Settings(
    ui.Setting("zz_c", "input offset c", 0.0, range=(0.0, 4.0, 0.25)),
    ui.Setting("zz_bias", "bias", True, "toggle",
               help="LeCun's setup: the neuron has a bias, i.e. a constant input 1."),
    ui.Setting("zz_lecun_n", "samples", 100, range=(20, 1000, 20)),
    ui.Setting("zz_lecun_seed", "seed", 0, "seed"),
)
LAYER = ui.Settings(
    ui.Setting("zz_m", "neurons m", 2, range=(1, 6, 1)),
    ui.Setting("zz_k", "inputs n", 2, range=(1, 8, 1)),
    ui.Setting("zz_neg", "neurons with δ < 0", (2,), "pills", options=tuple(range(1, 7))),  # drawn: 1..m only
    ui.Setting("zz_layer_src", "inputs a", "sigmoid", "segmented", options=("sigmoid", "tanh"), names=SOURCES),
)
SETUP = (("zz_w1t", "zz_w2t", "zz_w1s", "zz_w2s"), ("zz_n", "zz_spread", "zz_seed"))  # section 2's, shared by 3 and 6
# RACE for lecture mode's narrow column: the inputs to compare as a drop-down (four buttons in 18 px type do not fit)
NARROW_RACE = ui.Settings(*(replace(s, kind="selectbox") if s.key == "zz_vs" else s for s in RACE))
RACE_PRESETS = {
    "Fair race": RACE.preset(),
    "Same η: straighter, not faster": RACE.preset(zz_rate="same"),
    "tanh at one η: mostly scale": RACE.preset(zz_vs="tanh", zz_rate="same"),
    "NE target: no zig-zag needed": RACE.preset(zz_w1s=-1.0, zz_w2s=-1.0, zz_w1t=1.2, zz_w2t=1.0),
    "η = 4 for both": RACE.preset(zz_rate="same", zz_lr=4.0),
    "ReLU: one sign too": RACE.preset(zz_vs="relu"),
}
OFFSET_PRESETS = {"Centred inputs (c = 0)": LECUN.preset(),
                  "LeCun's offset inputs (c = 2)": LECUN.preset(zz_c=2.0),
                  "Far offset (c = 4)": LECUN.preset(zz_c=4.0)}

# Each section makes one cached call per run, which returns what it shows: its chart (the played ones opening on
# frame 0; cz.opened_at moves them) and its numbers already in words. Entries bounded from one result's pickled size
# (at the defaults; at the widest settings): signs 7 kB (11 kB); race 23 kB (42 kB); batches 22 kB (19 kB);
# conditioning 19 kB (48 kB); layer 10 kB (8 kB); fixes 4 kB. At most about 3 MB per cache.


def steps_text(path, unit="steps"):
    """'78 steps', 'diverged', or 'not in 2000 steps'."""
    if path.reached_at is not None:
        return f"{path.reached_at} {unit}"
    return "diverged" if path.diverged_at is not None else f"not in {path.steps:,} {unit}"


def count(x):
    """A step count for prose: '78', or 'never' for NaN."""
    return f"{x:,.0f}" if np.isfinite(x) else "never"


def diverged(path, what):
    """Why a run diverged, in words (for a warning)."""
    start, end = path.distance
    return (f"**{what} diverged**: η = {path.lr:.3g} is too large for these inputs: after {path.diverged_at} "
            f"steps w is {end:.3g} away from w\\* (it started {start:.3g} away). Lower η, or let each input take "
            "its own safe η.")


def deeper():
    """The graduate material of a section: a closed 'Going deeper' expander."""
    return st.expander("Going deeper", icon=":material/school:")


def race_setup():
    """Section 2's setup as the race's keyword arguments, read from the session (sections 3 and 6 share it)."""
    v = {s.key: st.session_state.get(s.key, s.default) for s in RACE}
    return dict(w1_start=v["zz_w1s"], w2_start=v["zz_w2s"], w1_target=v["zz_w1t"], w2_target=v["zz_w2t"],
                n=v["zz_n"], spread=v["zz_spread"], seed=int(v["zz_seed"]))


def signs_figure(source, n, d, seed):
    """Section 1: (the sign grid, its takeaway)."""
    g = signs.grid(source, n, d, seed)
    k, X, delta = g["k"], g["X"], g["delta"]
    neg, zero = int(np.sum(X[k] < 0)), int(np.sum(X[k] == 0))
    if neg:
        rule = (f"Sample {k + 1} (outlined) has δ = {delta[k]:+.2f}, but {neg} of its inputs are negative, so its "
                "weight gradients have both signs.")
    else:
        moves = "all go up" if delta[k] < 0 else "all go down"
        rule = (f"Sample {k + 1} (outlined) has δ = {delta[k]:+.2f} and no negative input, so every nonzero "
                f"dL/dw has the sign of δ: the update w ← w − η δ x makes its weights {moves}"
                + (f" (its {zero} zero inputs give zero gradients)." if zero else "."))
    return (cz.sign_grid_chart(g["frame"], highlight=k + 1),
            f"**{g['one_signed']} of {n} rows have one sign** throughout. {rule}")


def race_figure(vs, rate, lr, side, **setup):
    """Section 2: the race's played chart (the runs `rate` picks, sigmoid and `vs` side by side), its frames, the
    diverged runs' warnings, its metrics (label, value, help), its takeaway and its deeper note."""
    r = race.race(vs, lr=lr, **setup)
    shown = r["paths"][rate]
    panels = [(f"{SHORT[f]}: {steps_text(p)}\nη {p.lr:.3g}, {p.share_forbidden:.0%} of steps NW/SE", r["inputs"][f],
               p, cz.FIX_COLORS[f]) for f, p in shown.items()]
    metrics = [m for fix, p in shown.items() for m in (
        (f"steps to w*, {SHORT[fix]}", steps_text(p),
         f"Until |w − w*| ≤ {REACHED:.0%} of its start, at most {MAX_STEPS} steps, at η = {p.lr:.3g}."),
        (f"steps NW or SE, {SHORT[fix]}", f"{p.share_forbidden:.0%}", None))]
    cone = r["inputs"]["none"]["cone"]
    note = None if cone is None else (
        f"With sigmoid outputs every step lies between {cone[0]:.0f}° and {cone[1]:.0f}° or the "
        f"opposite way, so {shown['none'].share_forbidden:.0%} of the steps moved NW or SE, by "
        f"construction; with {LABELS[vs]}, {shown[vs].share_forbidden:.0%} did. The safe step "
        f"2/max|xₙ|² is {r['inputs']['none']['safe_lr']:.3g} for sigmoid outputs and "
        f"{r['inputs'][vs]['safe_lr'] or 0:.3g} for {LABELS[vs]}: every sigmoid output shares one "
        "positive part, which makes each |xₙ|² large next to the spread that steers the path, so the "
        "step that keeps every sample safe is small. At one fixed η the slow direction's curvature, the "
        "inputs' variance, sets the pace, and centring keeps the variance: that is why the same η gives "
        "the same pace.")
    return {"chart": cz.path_chart(panels, r["box"], r["target"], 0, side),
            "frames": len(cz.frame_steps(list(shown.values()))),
            "warnings": [diverged(p, LABELS[f]) for f, p in shown.items() if p.diverged_at is not None],
            "metrics": metrics, "line": race_line(r, rate, lr), "note": note}


def batch_figure(batch, side, **setup):
    """Section 3: its played chart (sigmoid and centred at this batch size, each at its fastest rate, and the sweep),
    its frames, its metrics (label, value, help) and its takeaway."""
    b, r = race.batch_race(batch=batch, **setup), race.arena(("none", "centre"), **setup)  # its inputs: no race run
    sig, cen = b["paths"][("none", batch)], b["paths"][("centre", batch)]
    panels = [(f"{SHORT[f]}, batch {batch}:\n{steps_text(p, 'updates')}", r["inputs"][f], p, cz.FIX_COLORS[f])
              for f, p in (("none", sig), ("centre", cen))]
    return {"chart": cz.batch_chart(panels, r["box"], r["target"], 0, b["sweep"], batch, SHORT, side),
            "frames": len(cz.frame_steps([sig, cen])),
            "metrics": [(f"updates NW or SE, batch {batch}", f"{sig.share_forbidden:.0%}", None),
                        ("updates to w*, sigmoid", steps_text(sig, "updates"), f"at η = {sig.lr:.3g}"),
                        ("updates to w*, centred", steps_text(cen, "updates"), f"at η = {cen.lr:.3g}")],
            "line": batch_line(b)}


def conditioning_figure(c, bias, n, seed):
    """Section 4: its chart, its metrics (label, value, help), its note and its takeaway."""
    r = conditioning.lecun(c, bias, n, seed)
    its = r["iterations"]
    metrics = [("κ = λmax / λmin", f"{r['kappa']:,.1f}", f"λmin = {r['lam_min']:.3g}, λmax = {r['lam_max']:.3g}"),
               ("GD stable for η <", f"{r['stable_lr']:.3g}", "2/λmax: a larger fixed step diverges."),
               ("GD iterations at η = 1/λmax", "never" if its is None else f"{its:,}",
                f"Full-batch GD from all weights 0 until |θ − θ*| ≤ {conditioning.GD_TOL:.0%} of its start."),
               ("κ with infinite data", f"{r['kappa_exact']:,.1f}",
                "The exact E[x xᵀ] of the two Gaussians, instead of its estimate from these samples.")]
    low, high = r["trend"]["kappas"][0], r["trend"]["kappas"][-1]
    line = (f"An input mean adds one large eigenvalue to the loss's curvature: on LeCun's data κ = λmax/λmin goes "
            f"from {low:,.0f} at c = 0 to {high:,.0f} at c = {conditioning.QUOTED[-1]:g} "
            f"({'with' if bias else 'without'} a bias), and gradient descent needs about κ iterations.")
    chart = cz.conditioning_chart(r["X"], r["y"], c, r["contours"], r["centre"], r["half"], "b" if bias else "w2",
                                  r["sweep"], bias)
    return {"chart": chart, "metrics": metrics, "note": conditioning_note(r["trend"], n, bias), "line": line}


def layer_figure(m, n, negative, source):
    """Section 5: its chart and what it says (sign patterns one sample's update can take)."""
    r = patterns.layer(m, n, negative, source)
    formula = "2ᵐ" if source == "sigmoid" else "2ᵐ⁺ⁿ⁻¹"
    text = (f"One sample's update can take **{r['counted']:,} of the {r['total']:,} sign patterns** "
            f"({ui.pct(r['counted'] / r['total'])}); {formula} = {r['formula']:,}.")
    if r["apart"] is not None:
        text += (f" *Every neuron's first weight up, its second down* is "
                 f"{'reachable' if r['apart'] else 'not reachable'} with {source} inputs: "
                 + ("within a neuron the weights move together." if not r["apart"] else
                    "inputs of both signs let a neuron's own weights move apart."))
    return cz.layer_chart(r["frame"], r["gallery"]), text


def fixes_figure(start, target, n, spread, seed):
    """Section 6: None when the start is the target, else its chart, takeaway, and deeper table and note."""
    table = race.fix_table(start, target, n, spread, seed)
    t = table.set_index("fix")
    if t.loc["none", "own_steps"] == 0:
        return None
    own = ", ".join(f"{SHORT[f]} {count(row.own_steps)}" for f, row in t.iterrows())
    rows = "\n".join(f"| {SHORT[f]} | {row.kappa:,.1f} | {row.sgd_safe_lr:.3g} | {row.stable_lr:.3g} |"
                     for f, row in t.iterrows())
    none, centre = t.loc["none"], t.loc["centre"]
    note = ("Centring removes the large eigenvalue along the mean and keeps the variance, so what it changes "
            f"is the largest safe step: full-batch GD is stable for η < {none['stable_lr']:.3g} before and "
            f"η < {centre['stable_lr']:.3g} after (2/λmax), and at its best η needs "
            f"{count(none['best_steps'])} steps before and {count(centre['best_steps'])} after. One sample at "
            "a time is less forgiving: an SGD step on sample xₙ can move away from w\\* once η > 2/|xₙ|², here "
            f"once η > {none['sgd_safe_lr']:.3g} before and {centre['sgd_safe_lr']:.3g} after (the table's "
            "SGD column; its GD column is 2/λmax), so a run can diverge below the full-batch limit. tanh "
            "outputs are centred and larger. ReLU outputs are never negative either, so a ReLU layer's "
            "updates share one sign per neuron too; batch normalisation centres them.")
    return {"chart": cz.fixes_chart(table, SHORT),
            "line": f"**Each at its own safe η, the steps to w\\* are: {own}.** Centring is the fix (scaling on top "
                    "of it, standardising, changes little); tanh outputs come centred; ReLU outputs are one-signed "
                    "too.",
            "table": "| inputs | κ | SGD max\u00a0η | GD max\u00a0η |\n| --- | --- | --- | --- |\n" + rows,
            "note": note}


signs_figure, race_figure = ui.cached(signs_figure, 64), ui.cached(race_figure, 64)
batch_figure, conditioning_figure = ui.cached(batch_figure, 64), ui.cached(conditioning_figure, 64)
layer_figure, fixes_figure = ui.cached(layer_figure, 128), ui.cached(fixes_figure, 128)


def metrics(rows, where=st):
    """One metric per (label, value, help), side by side."""
    for col, (label, value, tip) in zip(where.columns(len(rows)), rows):
        col.metric(label, value, help=tip)


# --- the page ------------------------------------------------------------------------------------------------------
ui.header("Not zero-centred", "Sigmoid outputs are always positive. A neuron fed only positive inputs gets weight "
          "gradients that all share one sign, so each step of gradient descent moves its weights all up or all "
          "down. Here is what that does to the path, what it costs, and what fixes it.")


@st.fragment
def algebra():
    ui.section("1. The algebra, live: dL/dw = δ · x", "algebra")
    ui.explain(r"A neuron $f = w \cdot x + b$ is fed by a previous layer. By the chain rule each weight's gradient "
               r"is $\partial L/\partial w_i = \delta\, x_i$ with $\delta = \partial L/\partial f$, one number per "
               r"sample, so $\text{sign}(\partial L/\partial w_i) = \text{sign}(\delta) \times \text{sign}(x_i)$. "
               r"Here the neuron is a sigmoid unit with cross-entropy, so $\delta = \sigma(f) - y$.")
    v, view = ui.controls(SIGNS, ["zz_src"], [("zz_rows", "zz_cols", "zz_seed1")], side=(3, 2))
    chart, line = signs_figure(v["zz_src"], v["zz_rows"], v["zz_cols"], v["zz_seed1"])
    with view:
        ui.chart(chart, "sign_grid")
        ui.takeaway("zz_signs", line)


def outcome(path):
    """What a run did, as a verb phrase: 'reach w* in 9 steps', 'diverge', 'do not reach w* in 2,000 steps'."""
    if path.reached_at is not None:
        return f"reach w\\* in {path.reached_at} steps"
    return "diverge" if path.diverged_at is not None else f"do not reach w\\* in {path.steps:,} steps"


def pair(name, runs, vs):
    """'centred inputs reach w* in 9 steps, sigmoid inputs in 59', or each run's outcome in full."""
    if runs[vs].reached_at is not None and runs["none"].reached_at is not None:
        return f"{name} inputs {outcome(runs[vs])}, sigmoid inputs in {runs['none'].reached_at}"
    return f"{name} inputs {outcome(runs[vs])}, sigmoid inputs {outcome(runs['none'])}"


def race_line(r, rate, lr):
    """Section 2's takeaway, read off the race's four runs: what the straighter path buys, and what it does not."""
    vs = r["fixes"][1]
    own, same = r["paths"]["own"], r["paths"]["same"]
    safe = {f: r["inputs"][f]["safe_lr"] for f in r["fixes"]}
    if own["none"].reached_at == 0:
        return "Start and target coincide: there is no path to walk. Move one of them."
    if None in safe.values():
        return "These inputs are all zero: no step can move w. Pick other settings."
    name = SHORT[vs]
    ratio = safe[vs] / safe["none"]
    if r["inputs"][vs]["cone"] is not None:
        why = f"{LABELS[vs]} are one-signed too, so none of their steps goes NW or SE"
    elif ratio > 1:
        why = f"without the one-sign zig-zag a step can be {ratio:.1f}× larger"
    else:
        why = f"their safe step is {1 / ratio:.1f}× smaller (they are larger), yet their path is straighter"
    at_own = f"each at its own safe η, {pair(name, own, vs)}: {why}"
    at_one = f"at one η ({lr:g}) {pair(name, same, vs)}"
    s_vs, s_none = same[vs].reached_at, same["none"].reached_at
    if s_vs is not None and s_none is not None and r["inputs"][vs]["cone"] is None:
        if s_vs >= 0.9 * s_none:
            at_one += ": the straighter path alone is not faster"
        elif vs == "tanh":
            scale = r["inputs"]["tanh"]["var"] / r["inputs"]["none"]["var"]
            at_one += f": tanh outputs vary {scale:.0f}× more than sigmoid outputs, so one η is a bigger step for them"
    first, second = (at_own, at_one) if rate == "own" else (at_one, at_own)
    return f"**{first[0].upper()}{first[1:]}.** {second[0].upper()}{second[1:]}."


def two_weights():
    ui.section("2. Two weights: only NE or SW", "two-weights")
    ui.explain(r"Two inputs, two weights, no bias: $f = w_1 x_1 + w_2 x_2$, trained by SGD on the squared error, one "
               r"sample per step. The targets come from a teacher with weights $w^*$ (the diamond), so the loss is "
               r"zero there. Each step is $-\eta\,\delta\,x$: with positive $x$ it points NE or SW, inside the green cone "
               r"spanned by the inputs, so to reach a target to the NW the path has to zig-zag. The fair race: the "
               r"same pre-activations z, so the same variance, and each input at the largest step it can take safely.")
    # the setup sections 3 and 6 share: moving it reruns the page; race_setup() reads it back
    ui.controls(RACE, (), SETUP, ("zz_preset", RACE_PRESETS, 3), alone=True)
    race_view()


@st.fragment
def race_view():
    """The race itself: what to compare, at which rates, and the played paths; only this reruns when they change."""
    lecture = ui.lecture()
    v, view = ui.controls(NARROW_RACE if lecture else RACE, [("zz_vs", "zz_rate", "zz_lr")])
    fig = race_figure(v["zz_vs"], v["zz_rate"], v["zz_lr"], 220 if lecture else cz.PANEL, **race_setup())
    with view:
        for text in fig["warnings"]:
            st.warning(text, icon=":material/warning:")
        ui.chart_player("zz_path", fig["frames"], lambda step: cz.opened_at(fig["chart"], step), "race")
        ui.takeaway("zz_race", fig["line"])  # under the chart, in lecture mode too
    if not lecture:
        metrics(fig["metrics"])
        if fig["note"]:
            with deeper():
                ui.explain(fig["note"])


def batch_line(b):
    """Section 3's takeaway, read off its own runs: the share of updates leaving NE/SW, and the updates each needs."""
    s, c = (b["sweep"][b["sweep"]["fix"] == f].set_index("batch") for f in ("none", "centre"))
    lo, hi = int(s.index.min()), int(s.index.max())
    if s.loc[lo, "updates"] == 0:
        return "The start is the target: there is nothing to walk at any batch size. Move one of them in section 2."
    upd = [count(x) if np.isfinite(x) else f"over {race.BATCH_STEPS}" for x in
           (s.loc[lo, "updates"], s.loc[hi, "updates"], c.loc[lo, "updates"], c.loc[hi, "updates"])]
    text = (f"**With sigmoid outputs {s.loc[lo, 'share_forbidden']:.0%} of updates leave NE/SW at batch {lo} and "
            f"{s.loc[hi, 'share_forbidden']:.0%} at batch {hi}: a batch lifts the sign restriction.** ")
    sig_hi, cen_hi = s.loc[hi, "updates"], c.loc[hi, "updates"]
    if not np.isfinite(sig_hi) or sig_hi > 2 * cen_hi:
        return text + (f"Not the cost: each at its best η, sigmoid outputs need {upd[0]} → {upd[1]} updates, "
                       f"centred ones {upd[2]} → {upd[3]}.")
    return text + (f"Here it closes most of the gap too: sigmoid {upd[0]} → {upd[1]} updates, centred {upd[2]} → "
                   f"{upd[3]}.")


@st.fragment
def batches():
    ui.section("3. Batches lift the restriction, not the cost", "batches")
    ui.explain(r"A batch update is the mean of $\delta_n x_n$. Once the $\delta_n$ differ in sign, it can point "
               r"anywhere, NW included (CS231n). Does that make the path fast? Sigmoid against centred outputs, each "
               r"at its fastest of a few learning rates (multiples of its own safe η) at every batch size.")
    setup, lecture = race_setup(), ui.lecture()
    if st.session_state.get("zz_batch", 0) > setup["n"]:  # fewer samples now: the batch shrinks with them
        st.session_state["zz_batch"] = setup["n"]
    s = BATCH["zz_batch"]  # at most the samples of section 2
    v, view = ui.controls(ui.Settings(replace(s, range=(1, setup["n"], 1), default=min(s.default, setup["n"]))),
                          ["zz_batch"])
    fig = batch_figure(v["zz_batch"], 140 if lecture else 205, **setup)
    with view:
        if not lecture:
            metrics(fig["metrics"])
        ui.chart_player("zz_bpath", fig["frames"], lambda step: cz.opened_at(fig["chart"], step), "batches")
        ui.takeaway("zz_batches", fig["line"])


@st.fragment
def conditioning_section():
    ui.section("4. The deeper reason: conditioning (LeCun et al. 1998)", "conditioning")
    slot = st.container()  # the takeaway, above the folded material it is read from
    with deeper():
        ui.explain(r"For a linear neuron the squared error's Hessian is $E[x x^\top] = \Sigma + \mu\mu^\top$. An input "
                   r"mean $\mu$ adds one large eigenvalue along $\mu$ while the smallest stays near the variance. "
                   r"Gradient descent's step is capped by the largest ($\eta < 2/\lambda_{max}$) and its progress set "
                   r"by the smallest, so it needs about $\kappa = \lambda_{max}/\lambda_{min}$ iterations. For "
                   r"isotropic inputs, $\kappa = 1 + |\mu|^2/\mathrm{std}(x)^2$. Below: LeCun's two Gaussian classes, "
                   r"centres (−0.4, −0.8) and (0.4, 0.8), std 0.2, both inputs shifted by $c$.")
        # alone: three panels and four metrics need the page's width, in lecture mode too
        v, _ = ui.controls(LECUN, ["zz_c"], [("zz_bias", "zz_lecun_n", "zz_lecun_seed")], ("zz_offset", OFFSET_PRESETS),
                           side=(3, 2), alone=True)
        fig = conditioning_figure(v["zz_c"], v["zz_bias"], v["zz_lecun_n"], v["zz_lecun_seed"])
        ui.chart(fig["chart"], "conditioning")
        metrics(fig["metrics"])
        ui.explain(fig["note"])
    with slot:
        ui.takeaway("zz_conditioning", fig["line"])


def conditioning_note(t, n, bias):
    """Section 4's reading of its sweep (conditioning.trend's), in words."""
    note = (f"On these {n} samples κ is {', '.join(f'{k:,.0f}' for k in t['kappas'])} for c = "
            f"{', '.join(f'{v:g}' for v in conditioning.QUOTED)}")
    if t["rising"]:
        note += ", rising at each" + (f" (between c = {t['dip'][0]:g} and {t['dip'][1]:g} the sweep dips: "
                                      "there the classes' own elongation still dominates). " if t["dip"] else ". ")
    else:
        note += (": it does not rise all the way, because the classes' own elongation along (0.4, 0.8) dominates "
                 "until the offset takes over. ")
    note += (f"Even at c = 0 κ is {t['kappas'][0]:,.0f}, not 1: the two classes lie along (0.4, 0.8), so the "
             "inputs spread far more along that line than across it" + (", and the bias is a constant input 1"
                                                                         if bias else "")
             + ". Centring removes only the mean's eigenvalue. ")
    note += ("The iterations grow alike. " if t["iterations_rising"] else
             "The iterations grow with it overall but not at every step: they also depend on how much of the "
             "start's error lies along the slow direction. ")
    low, high = t["other"]
    return note + (f"Without the bias κ goes {low:,.0f} → {high:,.0f}: the bias is itself an input that is always 1, "
                   "never centred, and the offset couples it to the weights." if bias else
                   f"With the bias (LeCun's setup) κ goes {low:,.0f} → {high:,.0f}.")


def layer_settings(values):
    """LAYER with the negative-δ choices limited to the neurons 1..m that `values` holds."""
    m, s = values.get("zz_m", LAYER["zz_m"].default), LAYER["zz_neg"]
    return ui.Settings(*LAYER, replace(s, options=tuple(range(1, m + 1)), default=tuple(k for k in s.default if k <= m)))


@st.fragment
def layer():
    ui.section("5. A layer, not a neuron: zig-zag in a subset of dimensions", "layer")
    ui.takeaway("zz_layer", "**A subset of dimensions:** the weights of one neuron move together, all up or all down; "
                "different neurons can move in opposite directions.")
    ui.explain(r"A layer of $m$ neurons on $n$ inputs has $\partial L/\partial W = \delta\, a^\top$: neuron $k$'s "
               r"row of updates is $\delta_k a$. The $\delta_k$ may differ in sign, so rows can differ, but with "
               r"$a > 0$ every row has one sign. Choose which neurons get a negative δ:")
    v, view = ui.controls(layer_settings, [("zz_m", "zz_k", "zz_neg", "zz_layer_src")])
    chart, text = layer_figure(v["zz_m"], v["zz_k"], tuple(sorted(v["zz_neg"] or ())), v["zz_layer_src"])
    with view:
        ui.chart(chart, "layer")
    st.info(text)


@st.fragment
def fixes():
    ui.section("6. Fixes: centre the inputs, or use tanh", "fixes")
    setup = race_setup()
    fig = fixes_figure((setup["w1_start"], setup["w2_start"]), (setup["w1_target"], setup["w2_target"]), setup["n"],
                       setup["spread"], setup["seed"])
    if fig is None:
        st.info("The start is the target: no input needs a step. Move the start or the target in section 2.")
        return
    ui.takeaway("zz_fixes", fig["line"])
    ui.explain("All input kinds at once, for the setup of section 2: SGD steps at each one's own safe η, and "
               "full-batch GD at each one's own best fixed η, 2/(λmin + λmax).")
    ui.chart(fig["chart"], "fixes")
    with deeper():
        st.markdown(fig["table"])
        st.markdown(fig["note"])
    st.page_link("views/compare.py", label="Compare: tanh, ReLU & friends", icon=":material/compare_arrows:")


@st.fragment
def quiz():
    ui.section("7. Check yourself", "quiz")
    ui.check_yourself(
        "zz_q1", "A neuron's inputs are all positive and δ = −0.3 for this sample. Its weight gradients are…",
        ["all negative", "all positive", "mixed, depending on the weights"], "all negative",
        "dL/dw_i = δ x_i and every x_i > 0, so every gradient has the sign of δ: the update −η δ x raises every "
        "weight.")
    ui.check_yourself(
        "zz_q2", "With sigmoid inputs, which change of (w1, w2) can one SGD step on one sample make?",
        ["(+0.1, −0.2)", "(−0.1, −0.3)", "(−0.2, +0.1)"], "(−0.1, −0.3)",
        "Both components share the sign of −δ, so the step points NE or SW: only (−0.1, −0.3) does.")
    ui.check_yourself(
        "zz_q3", "Why does a bigger batch barely speed up the sigmoid-input run?",
        ["Its updates still all point NE or SW", "The loss is still ill-conditioned: κ is unchanged",
         "Bigger batches make the gradient noisier"], "The loss is still ill-conditioned: κ is unchanged",
        "Batch updates can point anywhere, but the Hessian E[x xᵀ] is the same, so the slow direction stays slow.")


STORY = [
    ui.Step("One neuron", "With positive inputs every weight's gradient has the sign of δ: one sample moves all of "
            "a neuron's weights the same way.", algebra, SIGNS.preset()),
    ui.Step("Two weights", "Only NE or SW steps: to reach a target to the NW the sigmoid path zig-zags. At one η "
            "the centred path is straighter, but not faster.", two_weights, RACE.preset(zz_rate="same")),
    ui.Step("The fair race", "Same variance, each at its own safe η: the shared one-sign part caps the sigmoid's "
            "step, so the centred inputs arrive in a fraction of the steps.", two_weights, RACE.preset()),
    ui.Step("Batches", "A batch can step NW, so it lifts the sign restriction; it does not lift the cost.", batches,
            BATCH.preset()),
    ui.Step("A layer", "A subset of dimensions: one neuron's weights move together, different neurons can move "
            "apart.", layer, LAYER.preset()),
]

ui.run([algebra, two_weights, batches, conditioning_section, layer, fixes, quiz], "zz_story", STORY)
