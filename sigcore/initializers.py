"""Weight initializers: plain functions (n_in, n_out, rng) -> W of shape (n_in, n_out), good and deliberately bad."""
import numpy as np


def standard(n_in, n_out, rng):
    """Glorot & Bengio's 'standard' U[-1/sqrt(n_in), 1/sqrt(n_in)]: Var = 1/(3 n_in)."""
    limit = 1.0 / np.sqrt(n_in)
    return rng.uniform(-limit, limit, (n_in, n_out))


def xavier(n_in, n_out, rng):
    """Glorot & Bengio's normalized init, normal form: Var = 2/(n_in + n_out)."""
    return rng.normal(0.0, np.sqrt(2.0 / (n_in + n_out)), (n_in, n_out))


def xavier_uniform(n_in, n_out, rng):
    """U[-sqrt(6/(n_in+n_out)), +sqrt(6/(n_in+n_out))]: Var = 2/(n_in + n_out)."""
    limit = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-limit, limit, (n_in, n_out))


def he(n_in, n_out, rng):
    """He et al. 2015, for ReLU: Var = 2/n_in."""
    return rng.normal(0.0, np.sqrt(2.0 / n_in), (n_in, n_out))


def lecun(n_in, n_out, rng):
    """LeCun et al. 1998: Var = 1/n_in."""
    return rng.normal(0.0, np.sqrt(1.0 / n_in), (n_in, n_out))


def zeros(n_in, n_out, rng):
    """All zeros: every unit in a layer stays identical (the symmetry trap)."""
    return np.zeros((n_in, n_out))


def normal(std):
    """N(0, std^2) regardless of layer size: too small collapses, too large saturates."""
    def init(n_in, n_out, rng):
        return rng.normal(0.0, std, (n_in, n_out))
    init.__name__ = f"normal({std:g})"
    return init


def scaled(init, k):
    """`init` with every weight multiplied by k (Xavier x4 is the usual advice for sigmoid)."""
    def scaled_init(n_in, n_out, rng):
        return k * get(init)(n_in, n_out, rng)
    scaled_init.__name__ = f"{k:g} x {getattr(get(init), '__name__', 'init')}"
    return scaled_init


REGISTRY = {f.__name__: f for f in (standard, xavier, xavier_uniform, he, lecun, zeros)}

VARIANCE = {
    "standard": lambda n_in, n_out: 1.0 / (3.0 * n_in),
    "xavier": lambda n_in, n_out: 2.0 / (n_in + n_out),
    "xavier_uniform": lambda n_in, n_out: 2.0 / (n_in + n_out),
    "he": lambda n_in, n_out: 2.0 / n_in,
    "lecun": lambda n_in, n_out: 1.0 / n_in,
    "zeros": lambda n_in, n_out: 0.0,
}
"""Var(W) of each named scheme, as a formula of the layer's fan-in and fan-out."""


def get(init):
    """A registered initializer by name, or `init` itself if it is already callable."""
    if callable(init):
        return init
    try:
        return REGISTRY[init]
    except (KeyError, TypeError):
        raise ValueError(f"unknown initializer {init!r}; choose one of {', '.join(REGISTRY)} or pass a callable") from None
