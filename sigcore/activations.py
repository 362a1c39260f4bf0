"""Activation functions: each one is the function and its derivative side by side, looked up by name."""
from dataclasses import dataclass
from typing import Callable

import numpy as np


@dataclass(frozen=True)
class Activation:
    """An activation a = f(z) with its derivative df(z, a) = da/dz (a is f(z), passed in so backward reuses it)."""

    name: str
    formula: str  # LaTeX, one line
    f: Callable[[np.ndarray], np.ndarray]
    df: Callable[[np.ndarray, np.ndarray], np.ndarray]
    output_range: tuple[float, float]
    zero_centred: bool
    max_slope: float
    saturates: str  # side(s) where the slope tends to 0: "both", "left", "none"
    dies: str  # side where the slope is exactly 0: "left", "none"

    def __call__(self, z):
        return self.f(np.asarray(z, dtype=np.float64))

    def grad(self, z, a=None):
        """Elementwise da/dz; pass a = self(z) if you already have it."""
        z = np.asarray(z, dtype=np.float64)
        return self.df(z, self.f(z) if a is None else a)

    def saturated(self, z, a=None):
        """Boolean mask: where the slope's size is below SATURATION x max slope on a saturating side (GELU's slope
        of -0.13 near z = -1.4 passes gradient back, so it is not saturated)."""
        z = np.asarray(z, dtype=np.float64)
        if self.saturates == "none":
            return np.zeros_like(z, dtype=bool)
        low = np.abs(self.grad(z, a)) < SATURATION * self.max_slope
        return low & (z < 0) if self.saturates == "left" else low


def sigmoid(z):
    """sigma(z) = 1 / (1 + e^-z). Below
    z = -709, e^-z overflows to inf, giving
    exactly 0: never NaN, no warning."""
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-z))


def sigmoid_grad(z, a):
    """sigma'(z) = a (1 - a) from the stored
    a = sigma(z): at most 1/4, at z = 0."""
    return a * (1.0 - a)


def _gelu(z):
    return 0.5 * z * (1.0 + np.tanh(_GELU_C * (z + 0.044715 * z**3)))


def _gelu_grad(z, a):
    t = np.tanh(_GELU_C * (z + 0.044715 * z**3))
    return 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t**2) * _GELU_C * (1.0 + 3 * 0.044715 * z**2)


_GELU_C = np.sqrt(2.0 / np.pi)
_LEAK = 0.01

REGISTRY = {act.name: act for act in [
    Activation(name="sigmoid", formula=r"\sigma(z) = \frac{1}{1+e^{-z}}, \quad \sigma'(z) = \sigma(z)\,(1-\sigma(z))",
               f=sigmoid, df=sigmoid_grad, output_range=(0.0, 1.0), zero_centred=False, max_slope=0.25,
               saturates="both", dies="none"),
    Activation(name="tanh", formula=r"\tanh(z) = 2\sigma(2z) - 1, \quad \tanh'(z) = 1 - \tanh^2(z)",
               f=np.tanh, df=lambda z, a: 1.0 - a * a, output_range=(-1.0, 1.0), zero_centred=True, max_slope=1.0,
               saturates="both", dies="none"),
    Activation(name="relu", formula=r"\mathrm{ReLU}(z) = \max(0, z), \quad \mathrm{ReLU}'(z) = [z > 0]",
               f=lambda z: np.maximum(z, 0.0), df=lambda z, a: (z > 0).astype(np.float64),
               output_range=(0.0, np.inf), zero_centred=False, max_slope=1.0, saturates="none", dies="left"),
    Activation(name="leaky_relu",
               formula=r"\mathrm{LReLU}(z) = \max(0.01z, z), \quad \mathrm{LReLU}'(z) = 1 \text{ or } 0.01",
               f=lambda z: np.where(z > 0, z, _LEAK * z), df=lambda z, a: np.where(z > 0, 1.0, _LEAK),
               output_range=(-np.inf, np.inf), zero_centred=False, max_slope=1.0, saturates="none", dies="none"),
    Activation(name="elu",
               formula=r"\mathrm{ELU}(z) = z \text{ if } z > 0 \text{ else } e^z - 1, \quad \mathrm{ELU}'(z) = 1 \text{ or } e^z",
               f=lambda z: np.where(z > 0, z, np.expm1(np.minimum(z, 0.0))),
               df=lambda z, a: np.where(z > 0, 1.0, np.exp(np.minimum(z, 0.0))), output_range=(-1.0, np.inf),
               zero_centred=False, max_slope=1.0, saturates="left", dies="none"),
    Activation(name="softplus", formula=r"\mathrm{softplus}(z) = \log(1 + e^z), \quad \mathrm{softplus}'(z) = \sigma(z)",
               f=lambda z: np.logaddexp(0.0, z), df=lambda z, a: sigmoid(z), output_range=(0.0, np.inf),
               zero_centred=False, max_slope=1.0, saturates="left", dies="none"),
    Activation(name="gelu",
               formula=r"\mathrm{GELU}(z) \approx \tfrac{z}{2}\left(1 + \tanh\left(\sqrt{2/\pi}\,(z + 0.044715 z^3)\right)\right)",
               f=_gelu, df=_gelu_grad, output_range=(-0.1701, np.inf), zero_centred=False, max_slope=1.129,
               saturates="left", dies="none"),
    Activation(name="linear", formula=r"f(z) = z, \quad f'(z) = 1", f=lambda z: z, df=lambda z, a: np.ones_like(z),
               output_range=(-np.inf, np.inf), zero_centred=True, max_slope=1.0, saturates="none", dies="none"),
]}


def activation(name):
    """The registered Activation called `name`; ValueError lists the valid names."""
    if isinstance(name, Activation):
        return name
    try:
        return REGISTRY[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown activation {name!r}; choose one of {', '.join(REGISTRY)}") from None


SATURATION = 0.1
"""A unit is *saturated* on a sample when its slope act'(z) is below 10 % of the activation's maximum slope, on a
side where the function flattens out (sigmoid: |z| > saturation_edge() = 3.64, sigma(z) < 0.026 or > 0.974)."""


def saturation_edge(name="sigmoid"):
    """The |z| beyond which `name` counts as saturated (sigcore's one definition), found by bisection."""
    act = activation(name)
    lo, hi = 0.0, 50.0
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        lo, hi = (lo, mid) if act.saturated(mid) else (mid, hi)
    return hi


def saturated_zone(name="sigmoid"):
    """(low, high): the outputs f(z) beyond which `name` counts as saturated; None unless it saturates both ways."""
    act, edge = activation(name), saturation_edge(name)
    return (float(act(-edge)), float(act(edge))) if act.saturates == "both" else None
