"""Not zero-centred: why all-positive inputs (sigmoid outputs) make gradient descent zig-zag, from one neuron's
sign grid to two weights, batches, the conditioning of E[x x^T] (LeCun et al. 1998) and a whole layer."""
import numpy as np
import streamlit as st

import ui
from charts import zigzag as cz
from experiments import zigzag as zz

LABELS = {"none": "sigmoid outputs", "centre": "sigmoid outputs, centred",
          "standardise": "sigmoid outputs, standardised", "tanh": "tanh outputs", "relu": "ReLU outputs"}
SHORT = {"none": "sigmoid", "centre": "centred", "standardise": "standardised", "tanh": "tanh", "relu": "ReLU"}
SOURCES = {"sigmoid": "sigmoid (> 0)", "relu": "ReLU (≥ 0)", "tanh": "tanh (centred)"}
OFFSETS = tuple(float(c) for c in np.arange(0.0, 4.01, 0.25))
QUOTED = (0.0, 0.5, 1.0, 2.0, 4.0)
RACE_DEFAULTS = {"zz_w1s": 1.0, "zz_w2s": -1.0, "zz_w1t": -1.0, "zz_w2t": 1.2, "zz_lr": 1.0, "zz_vs": "tanh",
                 "zz_n": 50, "zz_spread": 1.0, "zz_seed": 0.0, "zz_path_step": zz.MAX_STEPS}
PRESETS = {
    "NW-target zig-zag": RACE_DEFAULTS,
    "NE target": {**RACE_DEFAULTS, "zz_w1s": -1.0, "zz_w2s": -1.0, "zz_w1t": 1.2, "zz_w2t": 1.0},
    "Centring alone": {**RACE_DEFAULTS, "zz_vs": "centre"},
    "η too large": {**RACE_DEFAULTS, "zz_lr": 4.0},
}
LECUN = {"zz_bias": True, "zz_lecun_n": 100, "zz_lecun_seed": 0.0}
OFFSET_PRESETS = {"Centred inputs (c = 0)": {**LECUN, "zz_c": 0.0},
                  "LeCun's offset inputs (c = 2)": {**LECUN, "zz_c": 2.0},
                  "Far offset (c = 4)": {**LECUN, "zz_c": 4.0}}
CHARTS = 64  # cached charts per view: a played path makes one per step
RUNS = 256  # cached experiments per function, so many students' settings cannot grow the cache without bound

race = st.cache_data(zz.race, show_spinner=False, max_entries=RUNS)


def label(names):
    """A format_func showing names[option], and any other value (a label coming back) as itself."""
    return lambda option: names.get(option, option)


def steps_text(path, unit="steps"):
    """'78 steps', 'diverged', or 'not in 2000 steps'."""
    if path.reached_at is not None:
        return f"{path.reached_at} {unit}"
    return "diverged" if path.diverged_at is not None else f"not in {zz.MAX_STEPS} {unit}"


def count(x):
    """A step count for prose: '78', or 'never' for NaN."""
    return f"{x:,.0f}" if np.isfinite(x) else "never"


def setup_args(setup):
    """The race setup as the positional scalars the cached views take."""
    return tuple(setup[k] for k in ("w1_start", "w2_start", "w1_target", "w2_target", "lr", "n", "spread", "seed"))


def race_setup(w1s, w2s, w1t, w2t, lr, n, spread, seed):
    return dict(w1_start=w1s, w2_start=w2s, w1_target=w1t, w2_target=w2t, lr=lr, n=n, spread=spread, seed=seed)


# --- cached views: sigcore experiment -> chart, keyed by the widgets' scalar values --------------------------------
@st.cache_data(show_spinner=False, max_entries=CHARTS)
def algebra_view(source, n, d, seed):
    X, delta, G = zz.neuron_gradients(source, n, d, seed)
    k = int(np.argmax(np.abs(delta)))
    chart = cz.sign_grid_chart(zz.sign_grid_frame(X, delta, G), highlight=k + 1)
    return chart, X, delta, int(zz.one_signed_rows(G, delta).sum()), k


@st.cache_data(show_spinner=False, max_entries=CHARTS)
def race_view(fixes, step, *args):
    setup = race_setup(*args)
    domain = zz.view_box((setup["w1_start"], setup["w2_start"]), (setup["w1_target"], setup["w2_target"]))
    paths = {fix: race(fix, **setup)["path"] for fix in fixes}
    frames = [cz.race_frame(race(fix, **setup), step, f"{SHORT[fix]}: {steps_text(p)}, {p.share_forbidden:.0%} NW/SE",
                            cz.FIX_COLORS[fix], domain) for fix, p in paths.items()]
    return cz.race_chart(frames, domain)


@st.cache_data(show_spinner=False, max_entries=RUNS)
def batch_sweep(*args):
    setup = race_setup(*args)
    start, target = (setup["w1_start"], setup["w2_start"]), (setup["w1_target"], setup["w2_target"])
    return zz.batch_sweep(start, target, setup["lr"], zz.batch_sizes(setup["n"]), setup["n"], setup["spread"],
                          setup["seed"])


@st.cache_data(show_spinner=False, max_entries=RUNS)
def batch_story(*args):
    """Share of NW/SE updates and updates to w* at the smallest and largest batch, for sigmoid and tanh inputs."""
    sweep = batch_sweep(*args)
    s, t = (sweep[sweep["fix"] == f].set_index("batch") for f in ("none", "tanh"))
    lo, hi = int(s.index.min()), int(s.index.max())
    return {"lo": lo, "hi": hi, "share": (s.loc[lo, "share_forbidden"], s.loc[hi, "share_forbidden"]),
            "sigmoid": (s.loc[lo, "updates"], s.loc[hi, "updates"]),
            "tanh": (t.loc[lo, "updates"], t.loc[hi, "updates"]),
            "diverged": [f"{name} outputs at batch {b}" for name, d in (("sigmoid", s), ("tanh", t))
                         for b in (lo, hi) if d.loc[b, "diverged"]]}


def batch_sentence(b, lr):
    """Section 3's summary, read off its own runs: it says so when some diverge or there is nothing to walk."""
    if b["diverged"]:
        return (f"At η = {lr:g} these runs diverge: {', '.join(b['diverged'])}. Lower η to compare batch sizes; "
                "section 6's table gives the η each kind of input can take.")
    if b["sigmoid"][0] == 0:
        return "The start is the target: there is nothing to walk at any batch size. Move one of them in section 2."
    upd = [f"{x:,.0f}" if np.isfinite(x) else f"over {zz.MAX_STEPS:,}" for x in (*b["sigmoid"], *b["tanh"])]
    text = (f"With sigmoid outputs the share of updates that leave NE/SW is {b['share'][0]:.0%} at batch {b['lo']} "
            f"and {b['share'][1]:.0%} at batch {b['hi']}, and the updates needed go from {upd[0]} to {upd[1]}, while "
            f"tanh outputs need {upd[2]} to {upd[3]}. ")
    sigmoid_hi, tanh_hi = b["sigmoid"][1], b["tanh"][1]
    if not np.isfinite(sigmoid_hi) or sigmoid_hi > 2 * tanh_hi:
        return text + ("Batches lift the sign restriction, not the slowness: that comes from the shape of the loss, "
                       "next.")
    return text + ("Here the full batch closes most of the gap to tanh; with the default NW target it does not. The "
                   "slowness comes from the shape of the loss, next.")


@st.cache_data(show_spinner=False, max_entries=CHARTS)
def batch_view(batch, step, *args):
    setup = race_setup(*args)
    domain = zz.view_box((setup["w1_start"], setup["w2_start"]), (setup["w1_target"], setup["w2_target"]))
    r = race("none", **setup, batch=batch)
    frame = cz.race_frame(r, step, f"sigmoid outputs, batch {batch}: {steps_text(r['path'], 'updates')}",
                          cz.FIX_COLORS["none"], domain)
    return cz.batch_chart([frame], domain, batch_sweep(*args), batch, SHORT)


offset_sweep = st.cache_data(zz.offset_sweep, show_spinner=False, max_entries=RUNS)


@st.cache_data(show_spinner=False, max_entries=CHARTS)
def conditioning_view(c, bias, n, seed):
    r = zz.conditioning(c, bias, n, seed)
    X, y = zz.lecun_data(c, n, seed)
    sweep = offset_sweep(OFFSETS, n, seed)
    idx = [0, 2] if bias else [0, 1]
    H2 = r["H"][np.ix_(idx, idx)]
    centre, half = r["theta"][idx], 1.2
    contours = zz.ellipses(H2, centre, zz.levels_by_extent(H2, half * np.array([0.25, 0.45, 0.65, 0.9])))
    chart = cz.conditioning_chart(X, y, c, contours, centre, half, "b" if bias else "w2", sweep, bias)
    own, other = (sweep[sweep["bias"] == b].set_index("c") for b in (bias, not bias))
    falls = np.flatnonzero(np.diff(own["kappa"]) <= 0)
    kappas = [own.loc[v, "kappa"] for v in QUOTED]
    story = {"kappas": kappas, "rising": bool(np.all(np.diff(kappas) > 0)),
             "dip": (own.index[falls[0]], own.index[falls[-1] + 1]) if len(falls) else None,
             "iterations_rising": bool(np.all(np.diff(own["iterations"].to_numpy(dtype=float)) > 0)),
             "other": (other.loc[0.0, "kappa"], other.loc[4.0, "kappa"])}
    keep = ("kappa", "lam_min", "lam_max", "stable_lr", "iterations", "kappa_exact")
    return chart, {k: r[k] for k in keep}, story


@st.cache_data(show_spinner=False, max_entries=CHARTS)
def layer_view(m, n, negative, source):
    delta, a, dW = zz.layer_gradient(m, n, negative, source)
    positive = source == "sigmoid"
    return cz.layer_chart(zz.layer_frame(delta, a, dW), zz.pattern_gallery(m, n, positive)), \
        len(zz.reachable_patterns(m, n, positive))


@st.cache_data(show_spinner=False, max_entries=CHARTS)
def fixes_view(*args):
    setup = race_setup(*args)
    table = zz.fix_table((setup["w1_start"], setup["w2_start"]), (setup["w1_target"], setup["w2_target"]),
                         setup["lr"], setup["n"], setup["spread"], setup["seed"])
    t = table.set_index("fix")
    rows = "\n".join(f"| {SHORT[f]} | {row.kappa:,.1f} | {row.sgd_safe_lr:.3g} | {row.stable_lr:.3g} |"
                     for f, row in t.iterrows())
    head = "| inputs | κ | SGD max\u00a0η | GD max\u00a0η |\n| --- | --- | --- | --- |\n"
    return (cz.fixes_chart(table, SHORT), head + rows,
            t.loc["none"].to_dict(), t.loc["centre"].to_dict())


# --- the page ------------------------------------------------------------------------------------------------------
ui.header("Not zero-centred", "Sigmoid outputs are always positive. A neuron fed only positive inputs gets weight "
          "gradients that all share one sign, so each step of gradient descent moves its weights all up or all "
          "down. Here is what that does to the path, why, and what fixes it.")


@st.fragment
def algebra():
    st.subheader("1. The algebra, live: dL/dw = δ · x")
    ui.explain(r"A neuron $f = w \cdot x + b$ is fed by a previous layer. By the chain rule each weight's gradient "
               r"is $\partial L/\partial w_i = \delta\, x_i$ with $\delta = \partial L/\partial f$, one number per "
               r"sample, so $\text{sign}(\partial L/\partial w_i) = \text{sign}(\delta) \times \text{sign}(x_i)$. "
               r"Here the neuron is a sigmoid unit with cross-entropy, so $\delta = \sigma(f) - y$.")
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    source = left.segmented_control("Inputs x come from", list(SOURCES), format_func=label(SOURCES),
                                    default="sigmoid", required=True, key="zz_src", bind="query-params") or "sigmoid"
    with right, ui.more_controls():
        a, b, c = st.columns(3)
        n = a.slider("samples", 2, 10, 6, key="zz_rows", bind="query-params")
        d = b.slider("inputs", 2, 8, 5, key="zz_cols", bind="query-params")
        # seeds are float inputs: an int number_input bound to the URL crashes on a 5000-digit value (Streamlit 1.67)
        seed = int(c.number_input("seed", 0.0, 999.0, 0.0, 1.0, "%.0f", key="zz_seed1", bind="query-params"))
    chart, X, delta, one, k = algebra_view(source, n, d, seed)
    ui.chart(chart, "sign_grid")
    neg, zero = int(np.sum(X[k] < 0)), int(np.sum(X[k] == 0))
    if neg:
        rule = (f"Sample {k + 1} (outlined) has δ = {delta[k]:+.2f}, but {neg} of its inputs are negative, so its "
                "weight gradients have both signs.")
    else:
        moves = "all go up" if delta[k] < 0 else "all go down"
        rule = (f"Sample {k + 1} (outlined) has δ = {delta[k]:+.2f} and no negative input, so every nonzero "
                f"dL/dw has the sign of δ: the update w ← w − η δ x makes its weights {moves}"
                + (f" (its {zero} zero inputs give zero gradients)." if zero else "."))
    st.info(f"**{one} of {n} rows have one sign** throughout. {rule}")


algebra()

# Section 2's setup widgets are not in a fragment: sections 3 and 6 take the same setup, so moving them reruns
# the page; the path itself is drawn by the player's fragment.
st.subheader("2. The two-weight picture: only NE or SW")
ui.explain(r"Two inputs, two weights, no bias: $f = w_1 x_1 + w_2 x_2$, trained by SGD on the squared error, one "
           r"sample per step. The targets come from a teacher with weights $w^*$ (the diamond), so the loss is zero "
           r"there. Each step is $-\eta\,\delta\,x$: with positive $x$ it points NE or SW, inside the green cone "
           r"spanned by the inputs, so to reach a target to the NW the path has to zig-zag.")
lecture = ui.lecture()
controls, view = ui.beside()
with controls:
    ui.presets("zz_preset", PRESETS, stacked=lecture)
top = [controls] * 4 if lecture else controls.columns([1, 1, 1.2, 2.4], vertical_alignment="bottom")
w1t = top[0].slider("target w1*", -3.0, 3.0, -1.0, 0.1, key="zz_w1t", bind="query-params")
w2t = top[1].slider("target w2*", -3.0, 3.0, 1.2, 0.1, key="zz_w2t", bind="query-params")
lr = top[2].slider("learning rate η", 0.05, 5.0, 1.0, 0.05, key="zz_lr", bind="query-params")
vs = top[3].segmented_control("Compare sigmoid outputs with", ["tanh", "centre", "standardise", "relu"],
                              format_func=label(SHORT), default="tanh", required=True, key="zz_vs",
                              bind="query-params") or "tanh"
with controls, ui.more_controls():
    more = [st] * 5 if lecture else st.columns(5)
    w1s = more[0].slider("start w1", -3.0, 3.0, 1.0, 0.1, key="zz_w1s", bind="query-params")
    w2s = more[1].slider("start w2", -3.0, 3.0, -1.0, 0.1, key="zz_w2s", bind="query-params")
    n_race = more[2].slider("samples", 10, 200, 50, 10, key="zz_n", bind="query-params")
    spread = more[3].slider("spread of z", 0.25, 3.0, 1.0, 0.25, key="zz_spread", bind="query-params",
                            help="The previous layer's pre-activations are z ~ N(0, spread²), and x = act(z).")
    seed = int(more[4].number_input("seed", 0.0, 999.0, 0.0, 1.0, "%.0f", key="zz_seed", bind="query-params"))
setup = race_setup(w1s, w2s, w1t, w2t, lr, n_race, spread, seed)
pair = {"none": race("none", **setup), vs: race(vs, **setup)}
if not lecture:
    cols = st.columns(4)
    for i, (fix, r) in enumerate(pair.items()):
        cols[2 * i].metric(f"steps to w*, {SHORT[fix]}", steps_text(r["path"]),
                           help=f"Until |w − w*| ≤ {zz.REACHED:.0%} of its start, at most {zz.MAX_STEPS} steps.")
        cols[2 * i + 1].metric(f"steps NW or SE, {SHORT[fix]}", f"{r['path'].share_forbidden:.0%}")
with view:
    for fix, r in pair.items():
        if r["path"].diverged_at is not None:
            st.warning(f"**{LABELS[fix]} diverged**: {r['path'].diverged_reason}. Lower η.",
                       icon=":material/warning:")
    if (w1s, w2s) == (w1t, w2t):
        st.info("Start and target coincide: there is no path to walk. Move one of them.")
    frames = max(r["path"].steps for r in pair.values()) + 1
    ui.player("zz_path", frames, lambda step: ui.chart(race_view(tuple(pair), step, *setup_args(setup)), "race"))
cone = pair["none"]["cone"]
if cone is not None:
    ui.explain(f"With sigmoid outputs every step lies between {cone[0]:.0f}° and {cone[1]:.0f}° or the opposite "
               f"way, so {pair['none']['path'].share_forbidden:.0%} of the steps moved NW or SE, by construction; "
               f"with {LABELS[vs]}, {pair[vs]['path'].share_forbidden:.0%} did.")


@st.fragment
def batches(setup):
    st.subheader("3. Batches mitigate it, but do not make it fast")
    ui.explain(r"A batch update is the mean of $\delta_n x_n$. Once the $\delta_n$ differ in sign, it can point "
               r"anywhere, NW included (CS231n). Does that make the path fast?")
    args = setup_args(setup)
    lecture = ui.lecture()
    controls, view = ui.beside()
    if st.session_state.get("zz_batch", 0) > setup["n"]:  # fewer samples now: the batch shrinks with them
        st.session_state["zz_batch"] = setup["n"]
    batch = controls.slider("batch size", 1, setup["n"], min(8, setup["n"]), key="zz_batch", bind="query-params")
    here, ref = race("none", **setup, batch=batch), race("tanh", **setup, batch=batch)
    metrics = [controls] * 3 if lecture else controls.columns(3)
    metrics[0].metric(f"updates NW or SE, batch {batch}", f"{here['path'].share_forbidden:.0%}")
    metrics[1].metric("updates to w*, sigmoid", steps_text(here["path"], "updates"))
    metrics[2].metric("updates to w*, tanh", steps_text(ref["path"], "updates"))
    with view:
        if here["path"].diverged_at is not None:
            st.warning(f"**Diverged**: {here['path'].diverged_reason}.", icon=":material/warning:")
        ui.player("zz_bpath", here["path"].steps + 1,
                  lambda step: ui.chart(batch_view(batch, step, *args), "batches"))
    ui.explain(batch_sentence(batch_story(*args), setup["lr"]))


batches(setup)


@st.fragment
def conditioning():
    st.subheader("4. The deeper reason: conditioning (LeCun et al. 1998)")
    ui.explain(r"For a linear neuron the squared error's Hessian is $E[x x^\top] = \Sigma + \mu\mu^\top$. An input "
               r"mean $\mu$ adds one large eigenvalue along $\mu$ while the smallest stays near the variance. "
               r"Gradient descent's step is capped by the largest ($\eta < 2/\lambda_{max}$) and its progress set by "
               r"the smallest, so it needs about $\kappa = \lambda_{max}/\lambda_{min}$ iterations. For isotropic "
               r"inputs with std $s$, $\kappa = 1 + |\mu|^2/s^2$. Below: LeCun's two Gaussian classes, centres "
               r"(−0.4, −0.8) and (0.4, 0.8), std 0.2, both inputs shifted by $c$.")
    ui.presets("zz_offset", OFFSET_PRESETS)
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    c = left.slider("input offset c", 0.0, 4.0, 0.0, 0.25, key="zz_c", bind="query-params")
    with right, ui.more_controls():
        a, b, s = st.columns([1.4, 1.5, 1.1], vertical_alignment="bottom")
        bias = a.toggle("bias", True, key="zz_bias", bind="query-params",
                        help="LeCun's setup: the neuron has a bias, i.e. a constant input 1.")
        n = b.slider("samples", 20, 1000, 100, 20, key="zz_lecun_n", bind="query-params")
        seed = int(s.number_input("seed", 0.0, 999.0, 0.0, 1.0, "%.0f", key="zz_lecun_seed", bind="query-params"))
    chart, r, story = conditioning_view(c, bias, n, seed)
    ui.chart(chart, "conditioning")
    m = st.columns(4)
    m[0].metric("κ = λmax / λmin", f"{r['kappa']:,.1f}",
                help=f"λmin = {r['lam_min']:.3g}, λmax = {r['lam_max']:.3g}")
    m[1].metric("GD stable for η <", f"{r['stable_lr']:.3g}", help="2/λmax: a larger fixed step diverges.")
    its = r["iterations"]
    m[2].metric("GD iterations at η = 1/λmax", "never" if its is None else f"{its:,}",
                help=f"Full-batch GD from all weights 0 until |θ − θ*| ≤ {zz.GD_TOL:.0%} of its start.")
    m[3].metric("κ with infinite data", f"{r['kappa_exact']:,.1f}",
                help="The exact E[x xᵀ] of the two Gaussians, instead of its estimate from these samples.")
    note = (f"On these {n} samples κ is {', '.join(f'{k:,.0f}' for k in story['kappas'])} for c = "
            f"{', '.join(f'{v:g}' for v in QUOTED)}")
    if story["rising"]:
        note += ", rising at each" + (f" (between c = {story['dip'][0]:g} and {story['dip'][1]:g} the sweep dips: "
                                      "there the classes' own elongation still dominates). " if story["dip"] else ". ")
    else:
        note += (": it does not rise all the way, because the classes' own elongation along (0.4, 0.8) dominates "
                 "until the offset takes over. ")
    note += (f"Even at c = 0 κ is {story['kappas'][0]:,.0f}, not 1: the two classes lie along (0.4, 0.8), so the "
             "inputs spread far more along that line than across it" + (", and the bias is a constant input 1"
                                                                         if bias else "")
             + ". Centring removes only the mean's eigenvalue. ")
    note += ("The iterations grow alike. " if story["iterations_rising"] else
             "The iterations grow with it overall but not at every step: they also depend on how much of the "
             "start's error lies along the slow direction. ")
    low, high = story["other"]
    note += (f"Without the bias κ goes {low:,.0f} → {high:,.0f}: the bias is itself an input that is always 1, "
             "never centred, and the offset couples it to the weights." if bias else
             f"With the bias (LeCun's setup) κ goes {low:,.0f} → {high:,.0f}.")
    ui.explain(note)

conditioning()


@st.fragment
def layer():
    st.subheader("5. A layer, not a neuron: zig-zag in a subset of dimensions")
    ui.explain(r"A layer of $m$ neurons on $n$ inputs has $\partial L/\partial W = \delta\, a^\top$: neuron $k$'s "
               r"row of updates is $\delta_k a$. The $\delta_k$ may differ in sign, so rows can differ, but with "
               r"$a > 0$ every row has one sign. Choose which neurons get a negative δ:")
    a, b, c, d = st.columns([1, 1, 2, 2], vertical_alignment="bottom")
    m = a.slider("neurons m", 1, 6, 2, key="zz_m", bind="query-params")
    n = b.slider("inputs n", 1, 8, 2, key="zz_k", bind="query-params")
    negative = c.pills("neurons with δ < 0", list(range(1, m + 1)), selection_mode="multi",
                       default=[2] if m >= 2 else [], key="zz_neg", bind="query-params")
    source = d.segmented_control("inputs a", ["sigmoid", "tanh"], format_func=label(SOURCES), default="sigmoid",
                                 required=True, key="zz_layer_src", bind="query-params") or "sigmoid"
    positive = source == "sigmoid"
    chart, counted = layer_view(m, n, tuple(sorted(negative or ())), source)
    ui.chart(chart, "layer")
    reach, total = zz.pattern_count(m, n, positive)
    formula = "2^m" if positive else "2^(m+n−1)"
    st.info(f"One sample's update can take **{counted:,} of the {total:,} sign patterns** ({counted / total:.2%}); "
            f"{formula} = {reach:,}.")
    if m >= 2 and n >= 2:
        wanted = np.ones((m, n), dtype=int)
        wanted[:, 1] = -1
        ui.explain(f"The pattern *every neuron's first weight up, its second down* is "
                   f"{'reachable' if zz.is_reachable(wanted, positive) else 'not reachable'} with {source} "
                   "inputs: " + ("within a neuron the weights still move together; across neurons they need not."
                                 if positive else "inputs of both signs let a neuron's own weights move apart."))


layer()


@st.fragment
def fixes(setup):
    st.subheader("6. Fixes: centre the inputs, or use tanh")
    ui.explain("Pick a comparison in section 2 to watch the path straighten. Here are all of them at once for the "
               "setup of section 2: SGD steps at your η, and full-batch GD at each input's own best fixed η, "
               "2/(λmin + λmax).")
    chart, table, none, centre = fixes_view(*setup_args(setup))
    if none["steps"] == 0:
        st.info("The start is the target: no input needs a step. Move the start or the target in section 2.")
        return
    left, right = st.columns([3, 2])
    with left:
        ui.chart(chart, "fixes")
    right.markdown(table)
    both = np.isfinite(none["steps"]) and np.isfinite(centre["steps"])
    if both and abs(centre["steps"] - none["steps"]) <= 0.25 * none["steps"]:
        lead = (f"Centring alone barely changes the SGD steps at the same η ({count(none['steps'])} → "
                f"{count(centre['steps'])}): it leaves the slow direction's curvature, the inputs' variance, as it "
                "was. What it changes is the largest safe step: ")
    else:
        lead = "Centring removes the large eigenvalue along the mean, so the largest safe step grows: "
    ui.explain(lead + f"full-batch GD is stable for η < {none['stable_lr']:.3g} before and η < "
               f"{centre['stable_lr']:.3g} after (2/λmax), and at its best η needs {count(none['best_steps'])} steps "
               f"before and {count(centre['best_steps'])} after. One sample at a time is less forgiving: an SGD step "
               "on sample xₙ can move away from w* once η > 2/|xₙ|², here once η > "
               f"{none['sgd_safe_lr']:.3g} before and {centre['sgd_safe_lr']:.3g} after (the table's SGD column; its "
               "GD column is 2/λmax), so a run can diverge below the full-batch limit. tanh outputs are centred and "
               "larger. ReLU outputs are never negative either, so a ReLU layer's updates share one sign per neuron "
               "too; batch normalisation centres them.")
    st.page_link("views/compare.py", label="Compare: tanh, ReLU & friends", icon=":material/compare_arrows:")


fixes(setup)


@st.fragment
def quiz():
    st.subheader("7. Check yourself")
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


quiz()
