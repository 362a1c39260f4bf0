"""Weight initializers, one table: each name's sampler and its variance together, good and deliberately bad.
An initializer is called as init(n_in, n_out, rng) -> W: (n_in, n_out)."""
from dataclasses import dataclass
from typing import Callable

import numpy as np


@dataclass(frozen=True)
class Init:
    """W ~ N(0, scale^2) (law "normal") or U[-scale, scale] (law "uniform"), scale(n_in, n_out) from the fan-in and
    fan-out; Var(W) = scale^2 or scale^2 / 3."""

    name: str
    law: str
    scale: Callable[[int, int], float]

    def __call__(self, n_in, n_out, rng):
        s = self.scale(n_in, n_out)
        if s == 0:
            return np.zeros((n_in, n_out))
        if self.law == "uniform":
            return rng.uniform(-s, s, (n_in, n_out))
        return rng.normal(0.0, s, (n_in, n_out))

    def var(self, n_in, n_out):
        """Var(W) for a layer of n_in inputs and n_out units."""
        s = float(self.scale(n_in, n_out))
        return s * s / 3.0 if self.law == "uniform" else s * s


def normal(std):
    """N(0, std^2) regardless of layer size: too small collapses, too large saturates."""
    return Init(f"normal({std:g})", "normal", lambda n_in, n_out: std)


TOO_SMALL, TOO_LARGE, SIGMOID_GAIN = 0.01, 10.0, 4.0
"""The deliberately bad N(0, std^2) scales, and the gain that makes Xavier fit sigmoid's slope of 1/4 at 0."""


def _xavier(n_in, n_out):
    return np.sqrt(2.0 / (n_in + n_out))


REGISTRY = {init.name: init for init in [
    # Glorot & Bengio's 'standard' U[-1/sqrt(n_in), 1/sqrt(n_in)]: Var = 1/(3 n_in)
    Init(name="standard", law="uniform", scale=lambda n_in, n_out: 1.0 / np.sqrt(n_in)),
    # Glorot & Bengio's normalized init, in its normal form: Var = 2/(n_in + n_out)
    Init(name="xavier", law="normal", scale=_xavier),
    # Xavier x 4: fitted to the sigmoid's slope of 1/4 at 0
    Init(name="xavier4", law="normal", scale=lambda n_in, n_out: SIGMOID_GAIN * _xavier(n_in, n_out)),
    # He et al. 2015, for ReLU: Var = 2/n_in
    Init(name="he", law="normal", scale=lambda n_in, n_out: np.sqrt(2.0 / n_in)),
    # LeCun et al. 1998: Var = 1/n_in
    Init(name="lecun", law="normal", scale=lambda n_in, n_out: np.sqrt(1.0 / n_in)),
    # all zeros: every unit in a layer stays identical (the symmetry trap)
    Init(name="zeros", law="normal", scale=lambda n_in, n_out: 0.0),
    # deliberately bad, whatever the width: the signal collapses layer by layer, or sigmoid units saturate
    Init(name="too_small", law="normal", scale=lambda n_in, n_out: TOO_SMALL),
    Init(name="too_large", law="normal", scale=lambda n_in, n_out: TOO_LARGE),
]}


def get(init):
    """A registered initializer by name, or `init` itself if it is already callable."""
    if callable(init):
        return init
    try:
        return REGISTRY[init]
    except (KeyError, TypeError):
        raise ValueError(f"unknown initializer {init!r}; choose one of {', '.join(REGISTRY)}, or a callable") from None


def variance(init, n_in, n_out):
    """Var(W) of a registered initializer (name or Init) for a layer of n_in inputs and n_out units."""
    return get(init).var(n_in, n_out)
