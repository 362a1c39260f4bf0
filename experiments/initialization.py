"""The Initialization page's experiments: a deep net's signal at init per scheme, why positive inputs saturate sooner
(Var(z) = n Var(w) E[a^2]), the variance formulas at a given width, and training the same net from each scheme."""
import numpy as np
import pandas as pd

from sigcore import activation, classifier, data, initializers, saturation_edge
from sigcore.losses import CHANCE, CHANCE_BAND
from sigcore.probes import gradient_factor, probe
from sigcore.stack import Stack, train_stack
from sigcore.train import epochs_to_show

SCHEMES = ("too_small", "standard", "xavier", "xavier4", "he", "lecun", "too_large", "zeros", "custom")
"""Every init the page offers, by sigcore id; the first seven are the named ones that section 4 trains."""
SHORT = {"too_small": "too small", "standard": "standard", "xavier": "Xavier", "xavier4": "Xavier ×4", "he": "He",
         "lecun": "LeCun", "too_large": "too large", "zeros": "zeros", "custom": "custom"}
"""Each id's short name, which the widgets show and links carry (the Compare page names its inits by it too)."""
TRAINED = list(SCHEMES)[:7]

SIGMAS = [round(m * 10.0**e, 6) for e in range(-3, 1) for m in (1, 2, 3, 5)] + [10.0]
"""Weight std choices on a log scale: 0.001 ... 10 (1-2-3-5 per decade)."""

SAMPLES_PER_LAYER = 8192
"""The probe pushes about this many activations per layer (n inputs x width units): enough for a histogram."""


def initializer(scheme, std=0.1):
    """The sigcore.initializers.Init of a scheme id; std is used by "custom" only."""
    if scheme == "custom":
        return initializers.normal(float(std))
    if scheme in SCHEMES:
        return initializers.get(scheme)
    raise ValueError(f"unknown scheme {scheme!r}; choose one of {', '.join(SCHEMES)}")


def weight_var(scheme, n_in, n_out, std=0.1):
    """Var(W) of a scheme id for a layer of n_in inputs and n_out units."""
    return initializer(scheme, std).var(n_in, n_out)


def samples(width):
    """How many inputs the probe pushes through a net of this width: n x width ~ SAMPLES_PER_LAYER, n in [64, 1024]."""
    return int(np.clip(SAMPLES_PER_LAYER // int(width), 64, 1024))


def signal(hidden="sigmoid", depth=10, width=64, scheme="standard", std=0.1, seed=0):
    """sigcore.probes.probe of a deep net with this init -> (per-layer frame, histogram frame). The per-layer frame
    adds second_moment E[a^2] = act_mean^2 + act_std^2, and within/reach: the share of activations within 0.1 of
    act(0) and how far from act(0) the farthest non-empty histogram bin reaches."""
    layers, hist = probe(hidden, int(depth), int(width), initializer(scheme, std), samples(width), int(seed))
    layers["second_moment"] = layers.act_mean**2 + layers.act_std**2
    near = centre_stats(hist, hidden)
    layers["within"] = near.within.to_numpy()
    layers["reach"] = near.reach.to_numpy()
    return layers, hist


def summary(layers):
    """From a `signal` per-layer frame: top layer over layer 1 for the spread across inputs and E[a^2], layer 1 over
    the top for the backpropagated gradient |dL/dz| (None where the divisor is 0), and each one's geometric mean
    factor per layer step."""
    first, top = layers.iloc[0], layers.iloc[-1]
    steps = max(len(layers) - 1, 1)

    def over(a, b):
        return float(a) / float(b) if b > 0 else None

    out = {"signal": over(top.signal, first.signal), "second_moment": over(top.second_moment, first.second_moment),
           "gradient": over(first.delta_norm, top.delta_norm)}
    out.update({f"{k}_per_layer": out[k] ** (1 / steps) if out[k] else None for k in ("signal", "second_moment")})
    factor = gradient_factor(layers.delta_norm)  # the gradient's own per-layer factor, the one sigcore defines
    out["gradient_per_layer"] = factor if factor > 0 else None
    return out


HOLDS = 1.25
"""A factor per layer within [1/HOLDS, HOLDS] (x0.8 to x1.25) counts as holding the signal: ReLU under 1/n halves
E[a^2] at every layer (x0.5) and too small or too large a std is off by far more, while He's finite-width wander stays
well inside (x0.95 to x1.03 at width 64 and up, depth 30, seeds 0-4; at width 8 even He fades, x0.44 to x0.71)."""


def holds(factor):
    """Whether a factor per layer (from `summary`; None where undefined) is within [1/HOLDS, HOLDS]."""
    return factor is not None and 1 / HOLDS <= factor <= HOLDS


SWEEP_SIGMAS = [s for s in SIGMAS if s >= 0.01]
SWEEP_DEPTH = 6


def sweep(hidden="sigmoid", width=64, seed=0, depth=SWEEP_DEPTH):
    """Probe a `depth`-layer net of this width at each std in SWEEP_SIGMAS: sigma, signal_per_layer and
    gradient_per_layer (geometric mean factors, see `summary`; 1 is steady), saturated and dead (layer means)."""
    rows = []
    for sigma in SWEEP_SIGMAS:
        layers, _ = signal(hidden, depth, width, "custom", sigma, seed)
        ratios = summary(layers)
        rows.append({"sigma": sigma, "signal_per_layer": ratios["signal_per_layer"],
                     "gradient_per_layer": ratios["gradient_per_layer"], "saturated": float(layers.saturated.mean()),
                     "dead": float(layers.dead.mean())})
    return pd.DataFrame(rows)


STEADY = 1.05
"""A factor per layer within [1/STEADY, STEADY] counts as steady."""


def steady_sigma(frame, column):
    """The smallest sigma at which a sweep's per-layer factor `column` is steady (within [1/STEADY, STEADY]),
    interpolated in log-log on the sweep's grid, or None if it never is."""
    log_sigma = np.log(frame.sigma.to_numpy())
    fine = np.linspace(log_sigma[0], log_sigma[-1], 400)
    factor = np.interp(fine, log_sigma, np.log(frame[column].to_numpy(dtype=float)))
    steady = np.flatnonzero(np.abs(factor) <= np.log(STEADY))
    return float(np.exp(fine[steady[0]])) if len(steady) else None


def at_sigma(frame, sigma, column):
    """A sweep's `column` at `sigma`, interpolated linearly in log sigma."""
    return float(np.interp(np.log(sigma), np.log(frame.sigma.to_numpy()), frame[column].to_numpy(dtype=float)))


def scheme_stds(width):
    """The std of each named scheme's weights in a layer of width x width: {short label: std}."""
    return {SHORT[s]: float(np.sqrt(weight_var(s, width, width))) for s in TRAINED}


def centre_stats(hist, hidden, radius=0.1):
    """Per layer, from a histogram frame (each layer's bins in a row, as sigcore.stats.histograms makes them):
    within (share of activations in bins inside act(0) +- radius) and reach (max |bin edge - act(0)| over non-empty
    bins: an upper bound on |a - act(0)|, exact to one bin)."""
    centre = float(activation(hidden)(0.0))
    layers = hist.layer.unique()
    shape = (len(layers), len(hist) // len(layers))
    lo, hi = hist.left.to_numpy() - centre, hist.right.to_numpy() - centre
    share = hist.share.to_numpy()
    inside = (lo >= -radius - 1e-9) & (hi <= radius + 1e-9)
    reach = np.where(share > 0, np.maximum(np.abs(lo), np.abs(hi)), 0.0)
    return pd.DataFrame({"layer": layers, "within": np.where(inside, share, 0.0).reshape(shape).sum(axis=1),
                         "reach": reach.reshape(shape).max(axis=1)})


def shown_layers(depth, k=6):
    """At most k layers, evenly spread from 1 to depth (both ends kept), for small multiples."""
    return sorted(set(np.round(np.linspace(1, int(depth), min(int(depth), k))).astype(int).tolist()))


POSITIVE, CENTRED = "positive (sigmoid outputs)", "centred (a − E[a])"


def z_spread(n=64, spread=1.0, sigma=0.3, units=256, inputs=256, seed=0):
    """z = sum_i w_i a_i for a layer of `units` units with fan-in n, w ~ N(0, sigma^2), fed positive inputs
    a = sigmoid(u), u ~ N(0, spread^2), (inputs, n), or the same inputs centred (a - E[a]: same variance).
    Returns (frame over a sigma grid: sigma, inputs, z_std measured, z_std_formula = sigma sqrt(n E[a^2]), saturated
    share; dict at `sigma` for both kinds: mean, var, second moment of a, measured and formula z std, offset std
    sigma sqrt(n) |E[a]| and fluctuation std sigma sqrt(n Var a), saturated share)."""
    rng = np.random.default_rng(seed)
    a_pos = activation("sigmoid")(rng.normal(0.0, float(spread), (int(inputs), int(n))))
    kinds = {POSITIVE: a_pos, CENTRED: a_pos - a_pos.mean()}
    W0 = rng.normal(size=(int(n), int(units)))
    edge = saturation_edge("sigmoid")
    grid = np.union1d(np.geomspace(SIGMAS[0], SIGMAS[-1], 41), [float(sigma)])
    rows, at = [], {}
    for kind, a in kinds.items():
        z0 = a @ W0  # z at sigma = 1; z scales linearly with sigma
        z0_std, mean, var = float(z0.std()), float(a.mean()), float(a.var())
        second = float(np.mean(a * a))
        abs_z0 = np.sort(np.abs(z0).ravel())
        saturated = 1.0 - np.searchsorted(abs_z0, edge / grid, side="right") / abs_z0.size
        formula = grid * np.sqrt(n * second)
        rows.append(pd.DataFrame({"sigma": grid, "inputs": kind, "z_std": grid * z0_std, "z_std_formula": formula,
                                  "saturated": saturated}))
        i = int(np.searchsorted(grid, float(sigma)))
        at[kind] = {"mean": mean, "var": var, "second_moment": second, "z_std": float(sigma) * z0_std,
                    "z_std_formula": float(formula[i]), "offset_std": float(sigma) * np.sqrt(n) * abs(mean),
                    "fluctuation_std": float(sigma) * np.sqrt(n * var), "saturated": float(saturated[i])}
    return pd.concat(rows, ignore_index=True), at


QUARTILE = 0.6744897501960817
"""Phi^-1(3/4): half of a centred Gaussian lies beyond 0.674 of its std."""


def half_saturated_std(hidden="sigmoid"):
    """The std of z at which half of a centred Gaussian z lies beyond the saturation edge: edge / Phi^-1(3/4)."""
    return saturation_edge(hidden) / QUARTILE


def saturation_onset(frame, share=0.5):
    """From a z_spread frame: per kind of input, the sigma at which `share` of z is saturated, interpolated on the
    grid in log sigma (None if no sigma of the grid reaches it)."""
    out = {}
    for kind, rows in frame.groupby("inputs", sort=False):
        sigma, sat = rows.sigma.to_numpy(), rows.saturated.to_numpy()
        i = int(np.argmax(sat >= share))
        if sat[i] < share:
            out[kind] = None
        elif i == 0:
            out[kind] = float(sigma[0])
        else:
            t = (share - sat[i - 1]) / (sat[i] - sat[i - 1])
            out[kind] = float(np.exp(np.log(sigma[i - 1]) + t * np.log(sigma[i] / sigma[i - 1])))
    return out


DRAW_ENTRIES = 100
"""The variance of one drawn matrix is reported only from this many entries on: for m normal draws its relative
standard error is sqrt(2 / (m - 1)), under 15 % here; a 1 x 1 matrix's variance is 0 whatever the scheme."""


def formula_table(n_in=64, n_out=64, seed=0):
    """One row per named scheme (its id): Var(W) and std(W) at n_in, n_out, n_in Var(W), and the variance of one
    drawn (n_in, n_out) matrix (NaN below DRAW_ENTRIES entries)."""
    rng = np.random.default_rng(seed)
    rows = []
    for scheme in ["standard", "xavier", "xavier4", "he", "lecun", "too_small", "too_large"]:
        var = weight_var(scheme, n_in, n_out)
        W = initializer(scheme)(int(n_in), int(n_out), rng)
        drawn = float(W.var()) if W.size >= DRAW_ENTRIES else float("nan")
        rows.append({"scheme": scheme, "Var(W)": var, "std(W)": np.sqrt(var), "n_in · Var(W)": n_in * var,
                     "Var of one draw": drawn})
    return pd.DataFrame(rows)


FRAMES = 21
"""Snapshots train_runs keeps (epoch 0 and 20 more, evenly spaced): what section 4's player steps through, 3 s at
its 7 frames a second. Each one costs a held-out forward pass of every run and a decision-boundary grid."""

HELD_OUT = 500
"""Fresh points drawn (with seed + 1000) from the training data's distribution: the held-out loss tells a net that
learned the pattern from one that memorized its training points. 500 points put the held-out loss within about
+-0.02 (its standard error); each evaluation costs a forward pass of every run, so it is made at the snapshots only."""


def train_runs(runs=(("sigmoid", "xavier"),), dataset="xor", depth=1, width=64, lr=2.0, epochs=100, batch_size=50,
               seed=0, points=200, frames=FRAMES):
    """Train one 2-width^depth-1 net (sigmoid output, BCE) per (hidden, scheme) in `runs`, all in lockstep on the same
    data and mini-batches (sigcore.stack). Returns a dict:
    curves: run (the index in `runs`), epoch, loss, accuracy: every epoch the run trained (a diverged run stops);
    frames: run, epoch, held_out (loss on HELD_OUT fresh points), top_mean, top_std (the top hidden layer's
    activations) and saturated (share, mean over hidden layers), at each snapshot epoch (`frames` of them, fewer
    for short runs: sigcore.train.epochs_to_show);
    change: run, layer, change = ||W_end - W_start|| / ||W_start|| (NaN for an all-zero start);
    snapshots: {epoch: (weights, biases)} of the stack at each snapshot epoch (for `boundaries`);
    points: x0, x1, label of the training data; info: per run {diverged_at, diverged_reason}."""
    X, y = data.make(dataset, int(points), 0.1, int(seed))
    X_out, y_out = data.make(dataset, HELD_OUT, 0.1, int(seed) + 1000)
    stack = Stack([classifier(width, depth, hidden, initializer(scheme), int(seed)) for hidden, scheme in runs])
    start = [W.copy() for W in stack.weights]
    snap_at = set(epochs_to_show(epochs, int(frames) - 1))
    snapshots, rows, seen = {}, [], []

    def stats(stack, trace):  # called once per epoch, before its steps; records only at the snapshots
        epoch = len(seen)
        seen.append(epoch)
        if epoch not in snap_at:
            return None
        snapshots[epoch] = ([W.copy() for W in stack.weights], [b.copy() for b in stack.biases])
        held_out = stack.loss_of(stack.forward(X_out), y_out.reshape(-1, 1))
        top = trace.a[int(depth)]
        saturated = np.mean([[act.saturated(z, a).mean() for act, z, a in
                              zip(stack.hidden, trace.z[l], trace.a[l + 1])] for l in range(int(depth))], axis=0)
        rows.extend({"run": r, "epoch": epoch, "held_out": float(held_out[r]), "top_mean": float(top[r].mean()),
                     "top_std": float(top[r].std()), "saturated": float(saturated[r])} for r in range(len(stack)))
        return None

    histories = train_stack(stack, X, y, "bce", lr=float(lr), epochs=int(epochs), batch_size=batch_size,
                            seed=int(seed), stats=stats)
    curves = pd.concat([pd.DataFrame({"run": r, "epoch": h.epochs, "loss": h.loss, "accuracy": h.accuracy})
                        for r, h in enumerate(histories)], ignore_index=True)
    last = {r: h.epochs[-1] if h.epochs else -1 for r, h in enumerate(histories)}
    frames_frame = pd.DataFrame(rows)
    frames_frame = frames_frame[frames_frame.epoch <= frames_frame.run.map(last)].reset_index(drop=True)
    change = pd.DataFrame([{"run": r, "layer": l + 1, "change": relative_change(W[r], W0[r])}
                           for r in range(len(stack)) for l, (W, W0) in enumerate(zip(stack.weights, start))])
    return {"curves": curves, "frames": frames_frame, "change": change, "snapshots": snapshots,
            "points": pd.DataFrame({"x0": X[:, 0], "x1": X[:, 1], "label": y[:, 0].astype(int)}),
            "info": [{"diverged_at": h.diverged_at, "diverged_reason": h.diverged_reason} for h in histories]}


def run_boundaries(result, run, hidden, grid=30):
    """The decision boundary of run `run` (its hidden activation `hidden`) of a train_runs result at each of its
    snapshots up to where it stopped: see `boundaries`."""
    last = result["curves"].epoch[result["curves"].run == run].max()
    snaps = result["snapshots"]
    widths = [W.shape[1] for W in next(iter(snaps.values()))[0]][:-1]
    net = classifier(widths[0], len(widths), hidden)
    X = result["points"][["x0", "x1"]].to_numpy()
    return boundaries(net, X, [(e, [W[run] for W in snaps[e][0]], [b[run, 0] for b in snaps[e][1]])
                               for e in sorted(snaps) if e <= last], grid)


def relative_change(W, W0):
    """||W - W0|| / ||W0|| (Frobenius): how far training moved a layer's weights from their start, NaN from zeros."""
    size = float(np.linalg.norm(W0))
    return float(np.linalg.norm(W - W0)) / size if size > 0 else float("nan")


def versus_chance(loss):
    """"below", "at" or "above" chance level (ln 2, give or take CHANCE_BAND of it) for a final loss."""
    return "below" if loss < (1 - CHANCE_BAND) * CHANCE else "above" if loss > (1 + CHANCE_BAND) * CHANCE else "at"


def outcomes(result, names=None):
    """From a train_runs result, one row per run (named by `names`, in run order; else its index): loss (final
    training loss), held_out (final held-out loss), versus_chance (of the held-out loss, see CHANCE_BAND), start_top_std (the top hidden
    layer's activation std at epoch 0), start_saturated and end_saturated (hidden layers' saturated share at the
    first and last snapshot), lowest (the lowest training loss of any epoch), change_hidden (the largest relative
    weight change of a hidden layer) and change_output (the output layer's)."""
    curves, frames, change = result["curves"], result["frames"], result["change"]
    rows = []
    for run, c in curves.groupby("run", sort=True):
        f, w = frames[frames.run == run], change[change.run == run]
        held_out = float(f.held_out.iloc[-1])
        rows.append({"run": run, "loss": float(c.loss.iloc[-1]), "held_out": held_out,
                     "versus_chance": versus_chance(held_out), "start_top_std": float(f.top_std.iloc[0]),
                     "start_saturated": float(f.saturated.iloc[0]), "end_saturated": float(f.saturated.iloc[-1]),
                     "lowest": float(c.loss.min()), "change_hidden": float(w.change.iloc[:-1].max()),
                     "change_output": float(w.change.iloc[-1])})
    table = pd.DataFrame(rows).set_index("run")
    return table if names is None else table.set_axis(list(names), axis=0)


def boundaries(net, X, snapshots, grid=40):
    """P(class 1) of `net` on a grid x grid mesh around X: (n, 2), for each snapshot (epoch, weights, biases);
    snapshots whose output is not finite are left out. Returns {"epochs", "p": (k, grid^2), "cells"}."""
    e0, e1 = data.grid_lines(X, grid + 1)
    g0, g1 = np.meshgrid(e0[:-1], e1[:-1])
    d0, d1 = e0[1] - e0[0], e1[1] - e1[0]
    cells = pd.DataFrame({"x0": g0.ravel(), "x1": g1.ravel(), "x0_end": g0.ravel() + d0, "x1_end": g1.ravel() + d1})
    mesh = np.c_[cells.x0 + d0 / 2, cells.x1 + d1 / 2]
    epochs, p = [], []
    for epoch, weights, biases in snapshots:
        net.weights, net.biases = weights, biases
        with np.errstate(all="ignore"):
            out = net.predict(mesh)[:, 0]
        if np.all(np.isfinite(out)):
            epochs.append(int(epoch))
            p.append(out)
    return {"epochs": epochs, "p": np.array(p).reshape(len(p), grid * grid), "cells": cells}


def boundary_frames(boundary, schedule):
    """The cells of a `boundaries` result with one column p<i> per epoch schedule[i]: P(class 1) in thousandths
    (int16: what a colour shows, in a quarter of the bytes) of the last snapshot at or before it (the first, before
    that). Also the epoch of the snapshot each column shows."""
    at = np.maximum(np.searchsorted(boundary["epochs"], schedule, side="right") - 1, 0)
    p = np.round(np.asarray(boundary["p"])[at] * 1000).astype(np.int16)
    return boundary["cells"].assign(**{f"p{i}": p[i] for i in range(len(at))}), [boundary["epochs"][k] for k in at]


def played(result, runs):
    """What section 4's player shows of a train_runs result, each run named: runs: {name: (hidden, scheme id)} in the
    result's run order. Returns a dict: schedule (the snapshot epochs, one per frame); curves, frames (every row, with
    frame: the first frame that shows it); curves_now, frames_now (each run's last curves / frames row
    at or before each frame, with frame); change (layer named "layer 1" ... and "output"). Each table's run is the
    run's name, with its activation and init (the scheme's SHORT name) beside it."""
    names = list(runs)

    def named(df):
        pairs = [runs[names[r]] for r in df.run]
        return df.assign(run=[names[r] for r in df.run], activation=[h for h, _ in pairs],
                         init=[SHORT[s] for _, s in pairs])

    curves, frames, change = (named(result[k]) for k in ("curves", "frames", "change"))
    schedule = sorted(frames.epoch.unique())
    top = change.layer.max()
    return {"schedule": schedule, "curves": first_frame(curves, schedule), "curves_now": at_frames(curves, schedule),
            "frames": first_frame(frames, schedule), "frames_now": at_frames(frames, schedule),
            "change": change.assign(layer=["output" if l == top else f"layer {l}" for l in change.layer])}


def failed_and_trained(table):
    """(runs whose held-out loss ended at or above chance level, the others), from an `outcomes` frame."""
    return table[table.versus_chance != "below"], table[table.versus_chance == "below"]


def at_frames(df, schedule):
    """df: run, epoch, ... (epochs rising within a run): each run's last row at or before each epoch schedule[i],
    with frame = i (none before a run's first epoch)."""
    parts = []
    for _, rows in df.groupby("run", sort=False):
        at = np.searchsorted(rows.epoch.to_numpy(), schedule, side="right") - 1
        parts.append(rows.iloc[at[at >= 0]].assign(frame=np.flatnonzero(at >= 0)))
    return pd.concat(parts, ignore_index=True)


def first_frame(df, schedule):
    """df with frame = the first i whose epoch schedule[i] reaches the row's epoch (past the last: never shown)."""
    return df.assign(frame=np.searchsorted(schedule, df.epoch.to_numpy(), side="left"))
