"""Losses over a batch, each with delta = dL/dz at the output layer (z: the output pre-activations, (n, k), or
(R, n, k) for R nets at once: then the loss is each net's, (R,))."""
import numpy as np

CHANCE = float(np.log(2.0))
"""The binary cross-entropy of answering 1/2 for every point: where a net that has learned nothing sits."""
CHANCE_MARGIN = 0.03
"""Absolute: a final loss above CHANCE - CHANCE_MARGIN counts as still at chance (no better than a constant answer)."""
CHANCE_BAND = 0.1
"""Relative: a loss within CHANCE x (1 +- CHANCE_BAND) counts as at chance, below it as learning, above as worse."""


def bce(z, a, y, act):
    """Mean over samples of the summed binary cross-entropy; computed from the logits z when the output is sigmoid."""
    n = len(y)
    if act.name == "sigmoid":
        value = np.sum(np.logaddexp(0.0, z) - y * z, axis=(-2, -1)) / n  # log(1 + e^z) - y z, exact and stable
        return value, (a - y) / n  # sigma' cancels: the cross-entropy lesson
    lo, hi = act.output_range
    if lo < 0 or hi > 1:
        raise ValueError(f"bce needs outputs in [0, 1]; {act.name} ranges over [{lo}, {hi}]")
    p = np.clip(a, 1e-12, 1 - 1e-12)
    value = -np.sum(y * np.log(p) + (1 - y) * np.log1p(-p), axis=(-2, -1)) / n
    return value, (p - y) / (p * (1 - p)) * act.grad(z, a) / n


def mse(z, a, y, act):
    """Nielsen's quadratic cost: 1/2 x mean over samples of sum over outputs of (a - y)^2."""
    n = len(y)
    err = a - y
    return 0.5 * np.sum(err * err, axis=(-2, -1)) / n, err * act.grad(z, a) / n


REGISTRY = {"bce": bce, "mse": mse}


def get(name):
    """The loss function called `name` ("bce" or "mse")."""
    try:
        return REGISTRY[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown loss {name!r}; choose one of {', '.join(REGISTRY)}") from None
