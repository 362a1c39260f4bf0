"""ReLU & friends: the same experiments for every activation side by side (line-up, depth, race, dying units)."""
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from sigcore import classifier, data, initializers, losses, train
from sigcore.activations import REGISTRY, activation
from sigcore.probes import gradient_factor, probe
from sigcore.stats import dead_units
from sigcore.train import epochs_to_show

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
    """sigcore.probes.probe of a `depth`-layer net of `hidden` units with `init` (a sigcore.initializers name, e.g.
    "xavier4"; None: its customary one), plus activation, init and grad_rel = |dL/dW_l| / |dL/dW_top| (0 where the
    top gradient is 0)."""
    init = CUSTOMARY_INIT[hidden] if init is None else init
    frame, _ = probe(hidden, depth, width, initializers.get(init), n, seed, hist=False)
    top = frame["grad_norm"].iloc[-1]
    rel = frame["grad_norm"] / top if top > 0 and np.isfinite(top) else frame["grad_norm"] * 0.0
    return frame.assign(activation=hidden, init=init, grad_rel=np.nan_to_num(rel, nan=0.0, posinf=0.0))


def flow_factor(frame, width):
    """Why a gradient_flow frame's backpropagated gradient |dL/dz| shrinks (or grows) per layer: going down one
    layer multiplies it by about gain x rms slope, where gain = sqrt(width Var(W)) is the init's scale (1 for
    Xavier, 4 for Xavier x4) and rms slope = sqrt(mean f'(z)^2) over the hidden layers' units. Returns gain,
    rms_slope, predicted (their product) and measured (|delta_1| / |delta_top|, to the 1/(depth - 1))."""
    gain = float(np.sqrt(width * initializers.variance(frame["init"].iloc[0], width, width)))
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
    """One activation's run: curves (epoch, loss, accuracy, moved; row e is epoch e; moved = how far the hidden
    weights are from init, |W_e - W_0| / |W_0| over all hidden layers), the GRID x GRID grid over the data
    (grid: (GRID^2, 2)) and the net's output on it at each frame epoch it reached (p: (len(frames), GRID^2)),
    linear: how linear the net starts (R^2 of the best affine fit of its output logit in x at init), and why it
    stopped early if it did."""

    activation: str
    init: str
    curves: pd.DataFrame
    grid: np.ndarray
    p: np.ndarray
    frames: list
    linear: float
    diverged_at: int | None = None
    diverged_reason: str = ""


def race_data(dataset="circles", noise=0.1, n=200, seed=0):
    """The race's points: DataFrame x1, x2, label (0 or 1)."""
    X, y = data.make(dataset, n, noise, seed)
    return pd.DataFrame({"x1": X[:, 0], "x2": X[:, 1], "label": y[:, 0].astype(int)})


def _grid(X, size=GRID, margin=0.25):
    """Cell corners of a size x size grid over X's bounding box (plus a margin): (size^2, 2)."""
    g1, g2 = np.meshgrid(*data.grid_lines(X, size, margin))
    return np.c_[g1.ravel(), g2.ravel()]


def linearity(net, X):
    """R^2 of the best affine fit a.x + b to the net's output logit z over X: (n, 2): 1 for a net that computes a
    straight line's worth of function, lower the more it bends."""
    z = net.forward(X).z[-1][:, 0]
    A = np.c_[X, np.ones(len(X))]
    residual = z - A @ np.linalg.lstsq(A, z, rcond=None)[0]
    spread = float(np.sum((z - z.mean()) ** 2))
    return 1.0 - float(np.sum(residual ** 2)) / spread if spread > 0 else 1.0


def _hidden_weights(net):
    """Every hidden layer's weights in one flat vector."""
    return np.concatenate([W.ravel() for W in net.weights[:-1]])


def race_run(hidden, dataset="circles", noise=0.1, n=200, width=16, depth=2, lr=0.5, epochs=200, seed=0, init=None,
             shown=None):
    """Train a 2-width^depth-1 net (hidden units `hidden` with `init`, None: their customary one; sigmoid output,
    cross-entropy, full-batch SGD) on `dataset`, recording the decision surface (float32) at each of the epochs
    `shown` (None: epochs_to_show(epochs, RACE_FRAMES)) and how far the hidden weights have moved from init after every epoch."""
    X, y = data.make(dataset, n, noise, seed)
    init = CUSTOMARY_INIT[hidden] if init is None else init
    net = classifier(width, depth, hidden, init, seed)
    start = _hidden_weights(net)
    size = float(start @ start)
    with np.errstate(all="ignore"):
        linear = linearity(net, X)
    G = _grid(X)
    shown = set(epochs_to_show(epochs, RACE_FRAMES) if shown is None else shown)
    snaps, moved = {0: net.predict(G)[:, 0]}, [0.0]

    def snapshot(epoch, _):
        if epoch in shown:
            snaps[epoch] = net.predict(G)[:, 0]
        d = _hidden_weights(net) - start
        moved.append(float(np.sqrt(d @ d / size)) if size > 0 else 0.0)

    with np.errstate(all="ignore"):
        history = train(net, X, y, "bce", lr, int(epochs), None, seed, snapshot, stats=False)
    reached = len(history.epochs)
    good = [e for e, p in sorted(snaps.items()) if e < reached and np.isfinite(p).all()]
    curves_df = pd.DataFrame({"epoch": history.epochs, "loss": history.loss, "accuracy": history.accuracy,
                              "moved": moved[:reached]})
    return RaceRun(hidden, init, curves_df, G, np.array([snaps[e] for e in good], dtype=np.float32), good, linear,
                   history.diverged_at, history.diverged_reason)


def first_epochs(run, epochs):
    """The RaceRun of the same net trained for only `epochs` epochs, cut from a longer run (full-batch training is
    deterministic, so its first epochs are that run): its curves up to `epochs`, its surfaces at epochs_to_show(epochs,
    RACE_FRAMES)
    (run must have recorded them: race_run's `shown`), diverged only if it diverged by then."""
    frames = [e for e in epochs_to_show(epochs, RACE_FRAMES) if e in run.frames]
    stopped = run.diverged_at is not None and run.diverged_at <= epochs
    return replace(run, curves=run.curves.iloc[:int(epochs) + 1], p=run.p[[run.frames.index(e) for e in frames]],
                   frames=frames, diverged_at=run.diverged_at if stopped else None,
                   diverged_reason=run.diverged_reason if stopped else "")


def race_summary(runs):
    """Each run's score at the end: activation, epoch (the last it reached), loss, accuracy and status (finished, or
    diverged at epoch e)."""
    rows = []
    for name, run in runs.items():
        last = run.curves.iloc[-1]
        status = "finished" if run.diverged_at is None else f"diverged at epoch {run.diverged_at}"
        rows.append({"activation": name, "epoch": int(last.epoch), "loss": float(last.loss),
                     "accuracy": float(last.accuracy), "status": status})
    return pd.DataFrame(rows)


def race_frames(runs, epochs):
    """Every epoch of the race at once, for a chart that plays in the browser; runs {name: RaceRun} on the same data.
    Returns (curves: activation, epoch, loss, accuracy; surface: snap, x1, x2 and p(class 1) in a column per run
    with a snapshot, snap k at epoch epochs_to_show(epochs, RACE_FRAMES)[k], each run at its latest snapshot at or before it;
    snaps: per epoch 0..epochs, the snap shown then)."""
    shown = np.asarray(epochs_to_show(epochs, RACE_FRAMES))
    curves = pd.concat([run.curves[["epoch", "loss", "accuracy"]].assign(activation=name)
                        for name, run in runs.items()], ignore_index=True)
    first = next(iter(runs.values()))
    cells = len(first.grid)
    surface = pd.DataFrame({"snap": np.repeat(np.arange(len(shown)), cells),
                            "x1": np.tile(first.grid[:, 0], len(shown)), "x2": np.tile(first.grid[:, 1], len(shown))})
    for name, run in runs.items():
        if len(run.frames):
            latest = np.maximum(np.searchsorted(run.frames, shown, side="right") - 1, 0)
            surface[name] = run.p[latest].ravel()
    snaps = (np.searchsorted(shown, np.arange(int(epochs) + 1), side="right") - 1).tolist()
    return curves, surface, snaps


CLEAR_RATIO, CLEAR_GAP = 1.5, 0.05
"""One final loss beats another only if it is at most 1/CLEAR_RATIO of it and at least CLEAR_GAP lower: on easy data
every net ends near 0, where a 2x ratio is a few hundredths of loss."""


def at_chance(loss):
    """Whether a final cross-entropy loss (or each of an array of them) is still at chance level: within
    losses.CHANCE_MARGIN of ln 2, or above. The race's data sets are balanced, or (xor) close enough that no constant
    answer scores CHANCE_MARGIN below ln 2."""
    return loss > losses.CHANCE - losses.CHANCE_MARGIN


def plateau(run):
    """How long a RaceRun sat on the plateau it started on: (epochs, moved), epochs = how many epochs its loss
    stayed at chance from the start (at_chance; all of them if it never left), moved = how far its hidden weights
    had moved from init by then (|W - W_0| / |W_0|)."""
    left = np.flatnonzero(~at_chance(run.curves.loss.to_numpy()))
    epochs = int(left[0]) if len(left) else len(run.curves) - 1
    return epochs, float(run.curves.moved.iloc[epochs])


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


@dataclass(frozen=True)
class Standing:
    """How one RaceRun ended: loss (its last), stuck (still at chance: at_chance(loss)), plateau and moved (plateau()
    of the run), bent (1 - linear, at least 0: the share of its output at init that no straight line in x fits),
    diverged (it stopped early), spike (spike() of the run)."""

    loss: float
    stuck: bool
    plateau: int
    moved: float
    bent: float
    diverged: bool
    spike: tuple | None = None


SPIKE = 1.5
"""A loss that grows over SPIKE x in one epoch has spiked: one full-batch step overshot."""


def spike(run):
    """(epoch, factor, recovered) of a run's largest one-epoch rise in loss when it is over SPIKE x (recovered: it
    ended below where it was before the jump), else None."""
    loss = run.curves.loss.to_numpy()
    if len(loss) < 2:
        return None
    with np.errstate(all="ignore"):
        rise = loss[1:] / loss[:-1]
    i = int(np.nanargmax(rise)) if np.isfinite(rise).any() else 0
    if not rise[i] > SPIKE:
        return None
    return int(run.curves.epoch.iloc[i + 1]), float(rise[i]), bool(loss[-1] < loss[i])


def standing(run):
    """The Standing of a RaceRun."""
    epochs, moved = plateau(run)
    loss = float(run.curves.loss.iloc[-1])
    return Standing(loss, at_chance(loss), epochs, moved, max(1.0 - run.linear, 0.0), run.diverged_at is not None,
                    spike(run))


@dataclass(frozen=True)
class Reading:
    """What a race shows: each run's Standing; kind and best (race_verdict of the runs that did not diverge; None
    when `against` diverged or no other run finished); tied: best and each other run (not `against`) whose final
    loss equals best's to three decimals, best first: a tie, not a ranking."""

    standings: dict
    kind: str | None
    best: str | None
    tied: list


def race_reading(runs, against="sigmoid"):
    """The Reading of a race {name: RaceRun} for `against` (the sigmoid) among the others."""
    standings = {name: standing(run) for name, run in runs.items()}
    final = {name: s.loss for name, s in standings.items() if not s.diverged}
    if against not in final or len(final) < 2:
        return Reading(standings, None, None, [])
    kind, best = race_verdict(final, against)
    tied = [best] + [name for name in final
                     if name not in (best, against) and round(final[name], 3) == round(final[best], 3)]
    return Reading(standings, kind, best, tied)


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


CALM_LR = 1.0
"""Up to this learning rate the dead share stays near what init gave; above it, it jumps."""


def dead_by_rate(sweep, calm=CALM_LR):
    """What a dying_sweep summary shows: {calm_lr: the largest rate up to `calm`, low and high: the fewest and most
    dead up to it, wild_lr: the rate above it with the most dead, wild: that share}."""
    dead = sweep.set_index("lr").dead
    low, high = dead[dead.index <= calm], dead[dead.index > calm]
    return {"calm_lr": float(low.index.max()), "low": float(low.min()), "high": float(low.max()),
            "wild_lr": float(high.idxmax()), "wild": float(high.max())}


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


def most_wrong(df):
    """Where output_gradients' unit (target 1) is most confidently wrong, at its lowest z: (z, p = sigma(z),
    {loss: |dL/dz|})."""
    rows = df[df.z == df.z.min()]
    return float(rows.z.iloc[0]), float(rows.p.iloc[0]), dict(zip(rows["loss"], rows.grad.astype(float)))


def chain_factor(per_step, steps):
    """The factor a gradient is multiplied by after `steps` multiplications by `per_step`."""
    return float(per_step) ** int(steps)
