"""A deep net at initialization: how the forward signal and the backpropagated gradient fare layer by layer."""
import numpy as np
import pandas as pd

from .mlp import MLP
from .stats import histograms, layer_stats


def deep_net(hidden, depth, width, init, seed=0):
    """`depth` layers of `width` units, every one with activation `hidden` (the last one too), W: (width, width)."""
    return MLP([width] * (depth + 1), hidden=hidden, output=hidden, init=init, seed=seed)


def gradient_factor(delta_norm):
    """delta_norm: (L,) |dL/dz| per layer, layer 1 first -> (|delta_1| / |delta_L|) ** (1 / (L - 1)), the factor
    the gradient is multiplied by per layer on its way down (geometric mean): < 1 shrinks it, > 1 grows it; nan if
    |delta_L| is 0."""
    d = np.asarray(delta_norm, dtype=float)
    with np.errstate(all="ignore"):
        return float((d[0] / d[-1]) ** (1 / max(len(d) - 1, 1))) if d[-1] > 0 else float("nan")


def probe(hidden="sigmoid", depth=10, width=64, init="standard", n=256, seed=0, hist=True):
    """Push X ~ N(0, 1), (n, width), through a deep net and backpropagate a random N(0, 1) gradient dL/da from the
    top. Returns (per-layer frame, histogram frame). Per layer l = 1..depth: act_mean, act_std, saturated, dead,
    z_std, signal (each unit's std across the n inputs, averaged over units: how much layer l still depends on the
    input), slope_rms (sqrt of the mean f'(z)^2 over the layer's units and inputs), grad_norm (|dL/dW_l|),
    delta_norm (|dL/dz_l|) and delta_ratio (|delta_l| / |delta_{l+1}|, 1 at the top).
    hist=False skips the histograms (None in their place)."""
    net = deep_net(hidden, depth, width, init, seed)
    rng = np.random.default_rng(seed + 1)
    X = rng.normal(size=(n, width))
    with np.errstate(all="ignore"):
        trace = net.forward(X)
        top = rng.normal(size=(n, width)) / np.sqrt(n)
        grads = net.backward(trace, top * net.hidden.grad(trace.z[-1], trace.a[-1]))
        frame = pd.DataFrame(layer_stats(net, trace, grads)).drop(columns="hidden")
        frame["z_std"] = [float(z.std()) for z in trace.z]
        frame["signal"] = [float(a.std(axis=0).mean()) for a in trace.a[1:]]
        frame["slope_rms"] = [float(np.sqrt(np.mean(act.grad(z, a) ** 2)))
                              for act, z, a in zip(net.acts, trace.z, trace.a[1:])]
        norms = frame["delta_norm"].to_numpy()
        frame["delta_ratio"] = np.r_[norms[:-1] / np.where(norms[1:] > 0, norms[1:], np.inf), 1.0]
        shares = pd.DataFrame(histograms(trace, net.acts)) if hist else None
    return frame, shares
