"""The Saturation page's experiments: where a layer of sigmoid neurons sits on the curve, how much slope a spread of
z leaves, how much gradient survives depth, Nielsen's single neuron under two costs, and a deep sigmoid net's hidden
layers over training (Glorot & Bengio 2010, fig. 2)."""
import numpy as np
import pandas as pd

from sigcore import activation, classifier, data, initializers, losses, saturation_edge, train
from sigcore.activations import saturated_zone
from sigcore.probes import gradient_factor, probe
from sigcore.stats import shares, span
from sigcore.train import epochs_to_show

from .curves import curves

SIGMOID = activation("sigmoid")
INPUTS = {"positive": "sigmoid outputs, all in (0, 1)", "centred": "the same minus 1/2: zero-centred"}
UNITS, BATCH = 100, 200
Z_HALF, Z_BINS = 24.0, 96
"""sit's z axis spans at least [-Z_HALF, Z_HALF] (every preset's z fits: s = 1 gives |z| up to 23), so presets are
compared on one axis; a wider z widens it."""
NEAR = 0.1
"""The looser reading of "near 0 or 1" (Glorot & Bengio's "saturated at 0"): an activation within NEAR x its output
range of either end (sigmoid: a < 0.1 or a > 0.9, where sigma' < 0.09, 36 % of its maximum; tanh: |a| > 0.8)."""
DEPTH_ACTIVATIONS = ("sigmoid", "tanh", "relu")
COSTS = {"mse": "quadratic", "bce": "cross-entropy"}


# --- 1. where the neuron sits on the curve -------------------------------------------------------------------------

def mean_slope(s, name="sigmoid", n=4001):
    """E[f'(z)] for z ~ N(0, s^2), s: scalar or (k,) -> same shape; trapezoid rule on |z| <= min(12 s, 60)."""
    act = activation(name)
    s = np.asarray(s, dtype=np.float64)
    flat = np.atleast_1d(s).reshape(-1, 1)
    half = np.minimum(12.0 * flat, 60.0)
    u = np.linspace(-1.0, 1.0, n)
    z = half * u  # (k, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        density = np.exp(-0.5 * (z / flat) ** 2) / (flat * np.sqrt(2.0 * np.pi))
        value = np.trapezoid(act.grad(z) * density, z, axis=1)
    value = np.where(flat[:, 0] > 0, value, float(act.grad(0.0)))  # s = 0: every z is 0
    return value.reshape(s.shape) if s.ndim else float(value[0])


def mean_slope_curve(lo=0.01, hi=100.0, n=160, name="sigmoid"):
    """Frame s, mean_slope (E[f'(z)], z ~ N(0, s^2)) and wide (1/(s sqrt(2 pi)), its large-s limit: f' integrates
    to 1), on a log grid of s over [lo, hi]."""
    s = np.geomspace(lo, hi, n)
    return pd.DataFrame({"s": s, "mean_slope": mean_slope(s, name), "wide": 1.0 / (s * np.sqrt(2.0 * np.pi))})


def layer_inputs(inputs="positive", n_inputs=100, batch=BATCH, seed=0):
    """X: (batch, n_inputs), sigma(g) for g ~ N(0, 1): a sigmoid layer's outputs, all in (0, 1), mean 1/2;
    inputs="centred" subtracts that mean (same spread, zero-centred)."""
    if inputs not in INPUTS:
        raise ValueError(f"unknown inputs {inputs!r}; choose one of {', '.join(INPUTS)}")
    rng = np.random.default_rng(seed)
    X = SIGMOID(rng.normal(size=(batch, n_inputs)))
    return X - 0.5 if inputs == "centred" else X


def layer_z(weight_scale=0.5, bias=0.0, n_inputs=100, inputs="positive", units=UNITS, batch=BATCH, seed=0):
    """z = X W + b: (batch, units) for `units` neurons, each with its own weights W[:, j] ~ N(0, weight_scale^2)."""
    X = layer_inputs(inputs, n_inputs, batch, seed)
    W = np.random.default_rng(seed + 1).normal(0.0, weight_scale, (n_inputs, units))
    return X @ W + bias, X


def _inputs_summary(X):
    return {"mean_x": float(X.mean()), "mean_x2": float((X * X).mean())}


def sit(weight_scale=0.5, bias=0.0, n_inputs=100, inputs="positive", seed=0):
    """Where a layer of sigmoid neurons sits: (z histogram frame left, right, share; sigmoid curve frame z,
    activation, value, slope; summary dict). Summary: z_mean, z_std, mean_slope, saturated (share), mean_x,
    mean_x2, spread (weight_scale sqrt(n E[x^2]): z's spread to expect), gaussian (E[sigma'] for N(0, z_std^2)),
    edge (|z| where saturation starts), half_range (the z axis: at least Z_HALF), and `other`: the same weights and
    bias on the other kind of inputs (inputs, saturated, mean_x, mean_x2), and `wider`: how many times further the
    positive inputs push z than the centred ones (sqrt of their E[x^2] ratio)."""
    z, X = layer_z(weight_scale, bias, n_inputs, inputs, seed=seed)
    other_kind = "centred" if inputs == "positive" else "positive"
    z_other, X_other = layer_z(weight_scale, bias, n_inputs, other_kind, seed=seed)
    slope = SIGMOID.grad(z)
    half = float(max(Z_HALF, np.ceil(np.abs(z).max())))
    counts, edges = np.histogram(z, bins=Z_BINS, range=(-half, half))
    hist = pd.DataFrame({"left": edges[:-1], "right": edges[1:], "share": counts / z.size})
    z_std = float(z.std())
    here, there = _inputs_summary(X), _inputs_summary(X_other)
    positive, centred = (here, there) if inputs == "positive" else (there, here)
    summary = {
        "z_mean": float(z.mean()), "z_std": z_std, "mean_slope": float(slope.mean()),
        "saturated": float(SIGMOID.saturated(z).mean()), **here,
        "spread": float(weight_scale * np.sqrt(n_inputs * here["mean_x2"])), "gaussian": mean_slope(z_std),
        "edge": saturation_edge("sigmoid"), "half_range": half,
        "other": {"inputs": other_kind, "saturated": float(SIGMOID.saturated(z_other).mean()), **there},
        "wider": float(np.sqrt(positive["mean_x2"] / centred["mean_x2"])),
    }
    return hist, curves(["sigmoid"], -half, half), summary


def saturated_bands(name="sigmoid"):
    """Frame x, x2: the ranges of the activation's output a = f(z) where the unit counts as saturated
    (sigcore.activations.saturated_zone as the ridgeline chart's bands)."""
    zone = saturated_zone(name)
    if zone is None:
        return pd.DataFrame({"x": [], "x2": []})
    lo, hi = activation(name).output_range
    return pd.DataFrame({"x": [lo, zone[1]], "x2": [zone[0], hi]})


def near_bands(name="sigmoid"):
    """Frame x, x2: the looser bands, output within NEAR x the output range of either end (sigmoid: [0, 0.1] and
    [0.9, 1])."""
    act = activation(name)
    if act.saturates != "both":
        return pd.DataFrame({"x": [], "x2": []})
    lo, hi = act.output_range
    width = NEAR * (hi - lo)
    return pd.DataFrame({"x": [lo, hi - width], "x2": [lo + width, hi]})


def bands(name="sigmoid"):
    """Frame zone ("near", "saturated"), x, x2: near_bands and saturated_bands together (the saturated ones lie
    inside the near ones)."""
    return pd.concat([near_bands(name).assign(zone="near"), saturated_bands(name).assign(zone="saturated")],
                     ignore_index=True)


def near_ends(name, a):
    """Boolean mask of a: within the looser band of either end of the activation's range (near_bands)."""
    act = activation(name)
    if act.saturates != "both":
        return np.zeros(np.shape(a), dtype=bool)
    lo, hi = act.output_range
    width = NEAR * (hi - lo)
    return (a < lo + width) | (a > hi - width)


def near_slope_share(name="sigmoid"):
    """The slope at the looser band's inner edge as a share of the maximum slope (sigmoid: 0.36); the slope of the
    activations that saturate on both sides (sigmoid, tanh) is a function of a alone."""
    act = activation(name)
    lo, hi = act.output_range
    return float(act.grad(0.0, np.float64(hi - NEAR * (hi - lo))) / act.max_slope)


# --- 2. how much gradient survives depth ----------------------------------------------------------------------------

def gradient_through_depth(depth=10, width=64, init="standard", n=64, seed=0, names=DEPTH_ACTIVATIONS):
    """Backpropagated |dL/dz| per layer at init (sigcore.probes.probe) for each activation, relative to the top
    layer: (frame activation, layer, delta_norm, relative, ratio, saturated; summary per activation: per_layer (the
    factor lost per layer, geometric mean), total (|delta_1| / |delta_L|), saturated (mean share), vanished).
    summary["weights"]: sqrt(n Var W), what the weights multiply the gradient by per layer at this init;
    summary["at_xavier"]: the sigmoid's per_layer at Xavier init, where the weights keep the gradient's size."""
    frames, summary = [], {}
    for name in names:
        frame, summary[name] = _through_depth(name, depth, width, init, n, seed)
        frames.append(frame)
    summary["weights"] = float(np.sqrt(width * initializers.variance(init, width, width)))
    summary["at_xavier"] = (summary["sigmoid"] if init == "xavier" and "sigmoid" in names else
                            _through_depth("sigmoid", depth, width, "xavier", n, seed)[1])["per_layer"]
    return pd.concat(frames, ignore_index=True), summary


def _through_depth(name, depth, width, init, n, seed):
    """One activation's frame and summary for gradient_through_depth."""
    frame, _ = probe(name, depth, width, init, n, seed, hist=False)
    top = frame["delta_norm"].iloc[-1]
    relative = frame["delta_norm"] / top if top > 0 else frame["delta_norm"] * 0.0
    total = float(relative.iloc[0])
    factor = gradient_factor(frame["delta_norm"])
    per_layer = 1 / factor if factor > 0 and depth > 1 else float("inf")  # shown as the factor lost
    return (pd.DataFrame({"activation": name, "layer": frame["layer"], "delta_norm": frame["delta_norm"],
                          "relative": relative, "ratio": frame["delta_ratio"], "saturated": frame["saturated"]}),
            {"per_layer": per_layer, "total": total, "saturated": float(frame["saturated"].mean()),
             "vanished": total == 0.0})


def slope_ceiling(depth, name="sigmoid"):
    """Frame layer, ceiling = max_slope^(depth - layer): what survives to each layer if every unit passed back its
    largest slope and the weights neither grew nor shrank the gradient (0.25 per layer for the sigmoid)."""
    layer = np.arange(1, depth + 1)
    return pd.DataFrame({"layer": layer, "ceiling": activation(name).max_slope ** (depth - layer)})


# --- 3. a saturated neuron learns slowly (Nielsen, ch. 3) ----------------------------------------------------------

def single_neuron(w=2.0, b=2.0, lr=0.15, epochs=300, loss="mse", x=1.0, y=0.0):
    """Gradient descent on one sigmoid neuron a = sigma(w x + b), one example (x, y), cost `loss` from
    sigcore.losses. Frame per epoch 0..epochs (the state before that epoch's step): epoch, w, b, z, a, slope
    (sigma'(z)), cost, dw (dC/dw), db (dC/db)."""
    rows = []
    X, Y = np.array([[x]]), np.array([[y]])
    cost_of = losses.get(loss)
    for epoch in range(int(epochs) + 1):
        z = X * w + b
        a = SIGMOID(z)
        cost, delta = cost_of(z, a, Y, SIGMOID)  # delta = dC/dz
        dw, db = float(delta[0, 0] * x), float(delta[0, 0])
        rows.append((epoch, w, b, float(z[0, 0]), float(a[0, 0]), float(SIGMOID.grad(z, a)[0, 0]), float(cost), dw, db))
        w, b = w - lr * dw, b - lr * db
    return pd.DataFrame(rows, columns=["epoch", "w", "b", "z", "a", "slope", "cost", "dw", "db"])


def nielsen(w=2.0, b=2.0, lr=0.15, epochs=300):
    """single_neuron under the quadratic cost and under cross-entropy, stacked with a `cost_fn` column."""
    return pd.concat([single_neuron(w, b, lr, epochs, loss).assign(cost_fn=label) for loss, label in COSTS.items()],
                     ignore_index=True)


def first_epoch_below(run, threshold=0.5, column="a"):
    """The first epoch at which `column` of a single_neuron run is below threshold, or None."""
    below = run.loc[run[column] < threshold, "epoch"]
    return int(below.iloc[0]) if len(below) else None


def largest_drop(run, column="cost"):
    """(epoch e, drop): the epoch whose step lowered `column` most (from epoch e - 1 to e), and by how much."""
    drops = -np.diff(run[column].to_numpy())
    if len(drops) == 0:
        return None, 0.0
    i = int(np.argmax(drops))
    return int(run["epoch"].iloc[i + 1]), float(drops[i])


# --- 4. a deep sigmoid net over training (Glorot & Bengio 2010) -----------------------------------------------------

RECORD = 120
"""deep_run records its layers at epochs_to_show(epochs, RECORD, "geometric"): every epoch up to about 20, then 4-8 %
apart (72 of 201 epochs at the default 200), 2-4 px apart on section 4's symlog epoch axis, where the eye cannot
tell them from every epoch, and the default run costs 18 % fewer instructions (callgrind: 876 -> 721 M)."""

def deep_run(dataset="moons", depth=4, width=32, init="standard", lr=3.0, epochs=200, hidden="sigmoid", n=128,
             frames=40, seed=0, on_epoch=None, record=RECORD):
    """Train a [2, width x depth, 1] net (sigmoid output, cross-entropy, full-batch SGD) on `dataset`, recording
    its hidden layers at epochs_to_show(epochs, record, "geometric") and the `frames` epochs shown. Returns a dict:
    layers (frame epoch, layer, act_mean, saturated (the strict measure: sigma' below 10 % of its maximum), near (the
    looser one: a in near_bands), grad_norm (|dL/dW|), loss, accuracy), hist (activation histograms epoch, layer,
    left, right, share at the epochs in `epochs_shown`), epochs_shown, diverged (sigcore.train's reason, "" if it
    did not), and what the page reads off the layers, computed here once: end (layers_at_end), dip (top_layer_dip),
    gap (gradient_gap at init)."""
    X, y = data.make(dataset, n=n, noise=0.1, seed=seed)
    net = classifier(width, depth, hidden, init, seed)
    act = activation(hidden)
    shown = set(epochs_to_show(epochs, frames, "geometric"))
    recorded = shown | set(epochs_to_show(epochs, record, "geometric"))
    snapshots = {}  # epoch -> the hidden activations (depth, n * width), at the epochs shown

    def stats(net, trace, grads):
        """The hidden layers' rows, each measure taken over all of them at once (they are all `width` wide)."""
        epoch = len(seen)
        seen.append(epoch)
        if epoch not in recorded:
            return []
        a = np.stack(trace.a[1:-1]).reshape(depth, -1)  # (depth, n * width)
        z = np.stack(trace.z[:-1]).reshape(depth, -1)
        if epoch in shown:
            snapshots[epoch] = a
        columns = zip(a.mean(axis=1), act.saturated(z, a).mean(axis=1), near_ends(hidden, a).mean(axis=1), grads.dW)
        return [{"layer": l, "hidden": True, "act_mean": float(m), "saturated": float(q), "near": float(r),
                 "grad_norm": float(np.vdot(dW, dW)) ** 0.5} for l, (m, q, r, dW) in enumerate(columns, start=1)]

    seen = []  # every epoch stats was called for
    if on_epoch is not None:
        on_epoch(0, epochs)
    history = train(net, X, y, loss="bce", lr=lr, epochs=epochs, seed=seed, on_epoch=on_epoch, stats=stats)
    layers = history.to_frame()
    layers = layers.loc[layers["hidden"], ["epoch", "layer", "act_mean", "saturated", "near", "grad_norm", "loss",
                                           "accuracy"]].reset_index(drop=True)
    return {"layers": layers, "hist": _histograms(snapshots, act.output_range), "epochs_shown": sorted(snapshots),
            "diverged": history.diverged_reason, "end": layers_at_end(layers), "dip": top_layer_dip(layers),
            "gap": gradient_gap(layers)}


def _histograms(snapshots, output_range, bins=40):
    """Frame epoch, layer, left, right, share: each snapshot's layers (epoch -> (depth, m) activations) binned over
    the output range (or the snapshots' own, where it is unbounded), all in one pass."""
    epochs = sorted(snapshots)
    a = np.stack([snapshots[e] for e in epochs]) if epochs else np.zeros((0, 0, 1))  # (k, depth, m)
    lo, hi = span(output_range, a)
    k, depth = a.shape[:2]
    edges = np.linspace(lo, hi, bins + 1)
    layer = np.repeat(np.arange(1, depth + 1), bins)
    return pd.DataFrame({"epoch": np.repeat(epochs, depth * bins).astype(int), "layer": np.tile(layer, k),
                         "left": np.tile(edges[:-1], k * depth), "right": np.tile(edges[1:], k * depth),
                         "share": shares(a, lo, hi, bins).reshape(-1)})


def gradient_gap(layers, epoch=0):
    """From deep_run's layers: how many times smaller layer 1's |dL/dW| is than the top hidden layer's at `epoch`
    (inf if layer 1's is 0)."""
    now = layers[layers["epoch"] == epoch].sort_values("layer")["grad_norm"].to_numpy()
    return float(now[-1] / now[0]) if now[0] > 0 else float("inf")


DIP_REACHED = 0.02
"""A layer's mean activation has reached its low once it is within this of its lowest value."""


def layers_at_end(layers):
    """From deep_run's layers, per hidden layer (frame indexed by layer): act_mean, near and saturated at the last
    epoch, and the most near and saturated it was at any epoch (peak_near, peak_saturated)."""
    last = layers[layers["epoch"] == layers["epoch"].max()].set_index("layer")[["act_mean", "near", "saturated"]]
    peak = layers.groupby("layer")[["near", "saturated"]].max().add_prefix("peak_")
    return last.join(peak).assign(epoch=int(layers["epoch"].max()))


def top_layer_dip(layers):
    """From deep_run's layers: the top hidden layer's lowest mean activation, the first epoch it came within
    DIP_REACHED of it, and its mean at init and at the end."""
    top = layers[layers["layer"] == layers["layer"].max()]
    means = top["act_mean"].to_numpy()
    i = int(np.argmax(means <= means.min() + DIP_REACHED))
    return {"layer": int(top["layer"].iloc[0]), "low": float(top["act_mean"].iloc[i]), "at": int(top["epoch"].iloc[i]),
            "start": float(top["act_mean"].iloc[0]), "end": float(top["act_mean"].iloc[-1])}

