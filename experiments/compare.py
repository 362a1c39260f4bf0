"""ReLU & friends: the same experiments for every activation side by side (line-up, depth, race, dying units)."""
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sigcore import classifier, data, losses, train
from sigcore.activations import REGISTRY, activation
from sigcore.probes import gradient_factor, probe
from sigcore.stats import dead_units
from sigcore.train import epochs_to_show

from . import initialization
from .curves import curves

LINEUP = ("sigmoid", "tanh", "relu", "leaky_relu")
"""The four every section compares; the race runs only these."""
NONLINEAR = tuple(name for name in REGISTRY if name != "linear")
CUSTOMARY_INIT = {"sigmoid": "xavier", "tanh": "xavier", "relu": "he", "leaky_relu": "he", "elu": "he",
                  "softplus": "he", "gelu": "he", "linear": "lecun"}
"""The init each activation is usually paired with: Glorot & Bengio's for the S-shaped ones, He et al.'s for the
ReLU family (Var(W) = 2/n_in makes up for the half of z that ReLU zeroes). The sigmoid keeps plain Xavier, what
Keras (its default) and PyTorch (calculate_gain("sigmoid") = 1) give it; the Initialization page's "xavier4", fitted
to its slope of 1/4 at 0, is an option of gradient_flow, not the custom."""


# --- 1. the line-up -----------------------------------------------------------------------------------------------

def lineup_curves(names, lo=-4.0, hi=4.0, n=161):
    """Tidy z, activation, curve ("f(z)" or "f'(z)"), y: each activation and its slope on one z grid."""
    df = curves(names, lo, hi, n)
    return df.melt(id_vars=["z", "activation"], value_vars=["value", "slope"], var_name="curve", value_name="y") \
             .replace({"curve": {"value": "f(z)", "slope": "f'(z)"}})


FAR = 50.0
"""properties() looks for flat stretches on [-FAR, FAR]; one that reaches an end goes on for ever."""


def flat_stretches(name, lo=-4.0, hi=4.0, n=801):
    """The stretches of [lo, hi] where `name` passes (almost) no gradient back: its slope is exactly 0, or it is
    saturated (Activation.saturated). A list of (start, end); the edges are bisected to 1e-9."""
    act = activation(name)

    def flat(z):
        return (act.grad(z) == 0.0) | act.saturated(z)

    def edge(a, b):  # flat(a) != flat(b): the z between them where it changes
        inside = bool(flat(a))
        for _ in range(60):
            mid = 0.5 * (a + b)
            a, b = (mid, b) if bool(flat(mid)) == inside else (a, mid)
        return round(float(a), 9) + 0.0  # ReLU's edge is exactly 0, not -4e-17

    z = np.linspace(lo, hi, n)
    mask = flat(z)
    edges = [edge(z[i], z[i + 1]) for i in np.flatnonzero(mask[1:] != mask[:-1])]
    bounds = ([float(lo)] if mask[0] else []) + edges + ([float(hi)] if mask[-1] else [])
    return list(zip(bounds[::2], bounds[1::2]))


def flat_regions(names, lo=-4.0, hi=4.0):
    """Per activation, its flat_stretches on [lo, hi]: rows activation, kind ("zero slope" for one that can die,
    else "saturated"), start, end."""
    rows = [{"activation": name, "kind": "zero slope" if activation(name).dies != "none" else "saturated",
             "start": start, "end": end} for name in names for start, end in flat_stretches(name, lo, hi)]
    return pd.DataFrame(rows, columns=["activation", "kind", "start", "end"])


COST_N, COST_REPEATS = 20_000, 9
"""call_cost's defaults: the length of z and how many timed calls the median is taken over."""


def call_cost(names=NONLINEAR, n=COST_N, repeats=COST_REPEATS, seed=0):
    """The measured cost of f(z) and of f'(z) on z ~ N(0, 3^2), (n,), median of `repeats` calls: rows activation,
    f_ns, df_ns (nanoseconds per element) and relative (f + f' as a multiple of ReLU's; ReLU is always measured)."""
    z = 3.0 * np.random.default_rng(seed).normal(size=n)
    names = list(dict.fromkeys([*names, "relu"]))
    f_t, df_t = {m: [] for m in names}, {m: [] for m in names}
    for _ in range(repeats):
        for name in names:  # interleaved, so a burst of load on a shared machine hits every activation alike
            act = activation(name)
            t0 = time.perf_counter()
            a = act(z)
            t1 = time.perf_counter()
            act.grad(z, a)
            t2 = time.perf_counter()
            f_t[name].append(t1 - t0)
            df_t[name].append(t2 - t1)
    f_ns = {m: 1e9 * float(np.median(f_t[m])) / n for m in names}
    df_ns = {m: 1e9 * float(np.median(df_t[m])) / n for m in names}
    relu = f_ns["relu"] + df_ns["relu"]
    return pd.DataFrame([{"activation": m, "f_ns": f_ns[m], "df_ns": df_ns[m],
                          "relative": (f_ns[m] + df_ns[m]) / relu} for m in names])


def properties(names=NONLINEAR):
    """The registry's facts per activation: output range, zero-centred, max slope, where it saturates or dies, and
    flat: its flat_stretches on [-FAR, FAR]."""
    rows = []
    for name in names:
        act = activation(name)
        rows.append({"activation": name, "low": act.output_range[0], "high": act.output_range[1],
                     "zero_centred": act.zero_centred, "max_slope": act.max_slope, "saturates": act.saturates,
                     "dies": act.dies, "flat": flat_stretches(name, -FAR, FAR)})
    return pd.DataFrame(rows)


# --- 2. gradient flow through depth -------------------------------------------------------------------------------

def gradient_flow(hidden, depth=20, width=32, init=None, n=64, seed=0):
    """sigcore.probes.probe of a `depth`-layer net of `hidden` units with `init` (an Initialization page scheme id,
    e.g. "xavier4"; None: its customary one), plus activation, init and grad_rel = |dL/dW_l| / |dL/dW_top| (0 where
    the top gradient is 0)."""
    init = CUSTOMARY_INIT[hidden] if init is None else init
    frame, _ = probe(hidden, depth, width, initialization.initializer(init), n, seed, hist=False)
    top = frame["grad_norm"].iloc[-1]
    rel = frame["grad_norm"] / top if top > 0 and np.isfinite(top) else frame["grad_norm"] * 0.0
    return frame.assign(activation=hidden, init=init, grad_rel=np.nan_to_num(rel, nan=0.0, posinf=0.0))


def flow_factor(hidden, depth=20, width=32, init=None, n=64, seed=0):
    """Why gradient_flow's backpropagated gradient |dL/dz| shrinks (or grows) per layer: going down one layer
    multiplies it by about gain x rms slope, where gain = sqrt(width Var(W)) is the init's scale (1 for Xavier, 4
    for Xavier x4) and rms slope = sqrt(mean f'(z)^2) over the hidden layers' units. Returns gain, rms_slope,
    predicted (their product) and measured (|delta_1| / |delta_top|, to the 1/(depth - 1))."""
    init = CUSTOMARY_INIT[hidden] if init is None else init
    frame = gradient_flow(hidden, depth, width, init, n, seed)
    gain = float(np.sqrt(width * initialization.weight_var(init, width, width)))
    rms = float(np.sqrt(np.mean(frame["slope_rms"].iloc[:-1] ** 2)))  # the layers a gradient passes down through
    deltas = frame["delta_norm"]
    measured = gradient_factor(deltas)
    measured = 0.0 if np.isnan(measured) else measured
    return {"gain": gain, "rms_slope": rms, "predicted": gain * rms, "measured": float(measured)}


# --- 3. the training race -----------------------------------------------------------------------------------------

RACE_FRAMES = 20
"""The race is shown at RACE_FRAMES + 1 epochs, evenly spaced from 0 to the last."""
GRID = 24


@dataclass
class RaceRun:
    """One activation's run: curves (epoch, loss, accuracy; row e is epoch e), the GRID x GRID grid over the data
    (grid: (GRID^2, 2)) and the net's output on it at each frame epoch it reached (p: (len(frames), GRID^2)), the
    median epoch's time in ms, and why it stopped early if it did."""

    activation: str
    init: str
    curves: pd.DataFrame
    grid: np.ndarray
    p: np.ndarray
    frames: list
    ms_per_epoch: float
    diverged_at: int | None = None
    diverged_reason: str = ""


def race_data(dataset="circles", noise=0.1, n=200, seed=0):
    """The race's points: DataFrame x1, x2, label (0 or 1)."""
    X, y = data.make(dataset, n, noise, seed)
    return pd.DataFrame({"x1": X[:, 0], "x2": X[:, 1], "label": y[:, 0].astype(int)})


def frame_epochs(epochs, frames=RACE_FRAMES):
    """The epochs the race is shown at: 0, ..., epochs, at most frames + 1 of them."""
    return epochs_to_show(epochs, frames)


def _grid(X, size=GRID, margin=0.25):
    """Cell corners of a size x size grid over X's bounding box (plus a margin): (size^2, 2)."""
    g1, g2 = np.meshgrid(*data.grid_lines(X, size, margin))
    return np.c_[g1.ravel(), g2.ravel()]


def race_run(hidden, dataset="circles", noise=0.1, n=200, width=16, depth=2, lr=0.5, epochs=200, seed=0):
    """Train a 2-width^depth-1 net (hidden units `hidden` with their customary init, sigmoid output, cross-entropy,
    full-batch SGD) on `dataset`, recording the decision surface at each of frame_epochs(epochs)."""
    X, y = data.make(dataset, n, noise, seed)
    init = CUSTOMARY_INIT[hidden]
    net = classifier(width, depth, hidden, init, seed)
    G = _grid(X)
    shown = set(frame_epochs(epochs))
    snaps = {0: net.predict(G)[:, 0]}
    laps, last = [], [time.perf_counter()]

    def snapshot(epoch, _):
        now = time.perf_counter()
        laps.append(now - last[0])
        if epoch in shown:
            snaps[epoch] = net.predict(G)[:, 0]
        last[0] = time.perf_counter()

    with np.errstate(all="ignore"):
        history = train(net, X, y, "bce", lr, int(epochs), None, seed, snapshot, stats=False)
    reached = len(history.epochs)
    good = [e for e, p in sorted(snaps.items()) if e < reached and np.isfinite(p).all()]
    curves_df = pd.DataFrame({"epoch": history.epochs, "loss": history.loss, "accuracy": history.accuracy})
    ms = 1e3 * float(np.median(laps)) if laps else 0.0  # the median epoch: robust to warm-up and load bursts
    return RaceRun(hidden, init, curves_df, G, np.array([snaps[e] for e in good]), good, ms, history.diverged_at,
                   history.diverged_reason)


def race_at(runs, epoch):
    """What the race shows at `epoch` for runs {name: RaceRun} on the same data: (curves up to it: epoch, loss,
    accuracy, activation; the decision surfaces at each run's latest frame <= epoch: x1, x2 and p(class 1) in a
    column per run; summary per run: epoch, loss, accuracy, ms_per_epoch and status: training, finished or
    diverged)."""
    parts, summary = [], []
    first = next(iter(runs.values()))
    boundary = pd.DataFrame({"x1": first.grid[:, 0], "x2": first.grid[:, 1]})
    for name, run in runs.items():
        upto = run.curves.iloc[:min(int(epoch), len(run.curves) - 1) + 1]
        parts.append(upto)
        shown = [k for k, e in enumerate(run.frames) if e <= epoch]
        if shown:
            boundary[name] = run.p[shown[-1]]
        last = upto.iloc[-1]
        if run.diverged_at is not None and epoch >= run.diverged_at:
            status = f"diverged at epoch {run.diverged_at}"
        else:
            status = "finished" if len(upto) == len(run.curves) else "training"
        summary.append({"activation": name, "epoch": int(last.epoch), "loss": float(last.loss),
                        "accuracy": float(last.accuracy), "ms_per_epoch": run.ms_per_epoch, "status": status})
    names = np.repeat(np.array(list(runs), dtype=object), [len(part) for part in parts])
    return pd.concat(parts, ignore_index=True).assign(activation=names), boundary, pd.DataFrame(summary)


NEAR_CHANCE = losses.CHANCE_MARGIN
"""A final loss above losses.CHANCE - NEAR_CHANCE counts as still at chance. The race's data sets are balanced, or
(xor) close enough that no constant answer scores NEAR_CHANCE below ln 2."""
CLEAR_RATIO, CLEAR_GAP = 1.5, 0.05
"""One final loss beats another only if it is at most 1/CLEAR_RATIO of it and at least CLEAR_GAP lower: on easy data
every net ends near 0, where a 2x ratio is a few hundredths of loss."""


def at_chance(loss):
    """Whether a final cross-entropy loss is still at chance level (within NEAR_CHANCE of ln 2, or above)."""
    return loss > losses.CHANCE - NEAR_CHANCE


def clearly_lower(a, b):
    """Whether loss a beats loss b by the margin the page asks for before naming a winner."""
    return a * CLEAR_RATIO <= b and b - a >= CLEAR_GAP


def race_verdict(final, against="sigmoid"):
    """How `against` fared among final losses {name: loss} (it and at least one other): (kind, best), best the
    other with the lowest loss; kind "chance" if every loss is at chance, "behind" if best's is clearly lower than
    against's, "ahead" if against's is clearly lower than best's (so than every other), else "close"."""
    others = {name: loss for name, loss in final.items() if name != against}
    best = min(others, key=others.get)
    if all(at_chance(loss) for loss in final.values()):
        return "chance", best
    if clearly_lower(others[best], final[against]):
        return "behind", best
    if clearly_lower(final[against], others[best]):
        return "ahead", best
    return "close", best


# --- 4. dying ReLU ------------------------------------------------------------------------------------------------

DYING_LRS = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
"""The learning rates the dying experiment sweeps."""


@dataclass
class DyingRun:
    """Per epoch and hidden layer the share of dead units (zero slope on every training point) and the loss; the
    dead share of all hidden units pooled at init and at the last epoch reached; why it stopped early if it did."""

    frame: pd.DataFrame  # epoch, layer, dead, loss
    dead_at_init: float
    dead_at_end: float
    loss_at_end: float
    diverged_at: int | None
    diverged_reason: str


def dying_run(hidden="relu", lr=3.0, bias=0.0, dataset="moons", width=32, depth=3, epochs=50, seed=0):
    """Train a 2-width^depth-1 net (customary init, every hidden bias set to `bias`) on `dataset` with full-batch SGD
    at learning rate `lr`; record the dead share of every hidden layer at every epoch."""
    X, y = data.make(dataset, 200, 0.1, seed)
    net = classifier(width, depth, hidden, CUSTOMARY_INIT[hidden], seed)
    for b in net.biases[:-1]:
        b[:] = bias
    history = train(net, X, y, "bce", lr, int(epochs), None, seed, stats=dead_units)
    dead = np.array([[layer["dead"] for layer in per_epoch[:int(depth)]] for per_epoch in history.layers])
    frame = pd.DataFrame({"epoch": np.repeat(history.epochs, int(depth)),
                          "layer": np.tile(np.arange(1, int(depth) + 1), len(history.epochs)),
                          "dead": dead.ravel(), "loss": np.repeat(history.loss, int(depth))})
    return DyingRun(frame, float(dead[0].mean()), float(dead[-1].mean()), float(history.loss[-1]),
                    history.diverged_at, history.diverged_reason)


def dying_sweep(hidden="relu", bias=0.0, dataset="moons", width=32, depth=3, epochs=50, seed=0, lrs=DYING_LRS):
    """dying_run at every learning rate in `lrs`: ({lr: DyingRun}, DataFrame lr, dead_at_init, dead (at the end),
    loss (at the end), diverged_at (-1: no))."""
    runs = {lr: dying_run(hidden, lr, bias, dataset, width, depth, epochs, seed) for lr in lrs}
    summary = pd.DataFrame({"lr": list(runs), "dead_at_init": [r.dead_at_init for r in runs.values()],
                            "dead": [r.dead_at_end for r in runs.values()],
                            "loss": [r.loss_at_end for r in runs.values()],
                            "diverged_at": [-1 if r.diverged_at is None else int(r.diverged_at)
                                            for r in runs.values()]})
    return runs, summary


# --- 5. where sigmoid is still right ------------------------------------------------------------------------------

def output_gradients(lo=-8.0, hi=8.0, n=161):
    """A sigmoid output unit with target y = 1: |dL/dz| for cross-entropy and for squared error over z (sigcore's
    losses, one sample each): rows z, p (= sigma(z)), loss ("cross-entropy" or "squared error"), grad."""
    z = np.linspace(lo, hi, n).reshape(-1, 1)
    sig = activation("sigmoid")
    a, y = sig(z), np.ones_like(z)
    out = []
    for label, loss in [("cross-entropy", losses.bce), ("squared error", losses.mse)]:
        _, delta = loss(z, a, y, sig)
        out.append(pd.DataFrame({"z": z[:, 0], "p": a[:, 0], "loss": label, "grad": np.abs(delta[:, 0]) * n}))
    return pd.concat(out, ignore_index=True)


def chain_factor(per_step, steps):
    """The factor a gradient is multiplied by after `steps` multiplications by `per_step`."""
    return float(per_step) ** int(steps)
