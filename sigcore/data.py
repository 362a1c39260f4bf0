"""Toy 2-D datasets for binary classification: X (n, 2), y (n, 1) in {0, 1}, deterministic per seed."""
import numpy as np


def _xor(n, rng):
    X = rng.uniform(-1, 1, (n, 2))
    return X, (X[:, 0] * X[:, 1] > 0)


def _circles(n, rng):
    y = np.arange(n) % 2 == 1
    r = np.where(y, 0.5, 1.0)
    t = rng.uniform(0, 2 * np.pi, n)
    return np.c_[r * np.cos(t), r * np.sin(t)], y


def _moons(n, rng):
    y = np.arange(n) % 2 == 1
    t = rng.uniform(0, np.pi, n)
    X = np.where(y[:, None], np.c_[1 - np.cos(t), 0.5 - np.sin(t)], np.c_[np.cos(t), np.sin(t)])
    return (X - [0.5, 0.25]) / 1.0, y


def _spiral(n, rng):
    y = np.arange(n) % 2 == 1
    t = rng.uniform(0.25, 1, n) * 3 * np.pi
    angle = t + np.where(y, np.pi, 0.0)
    return np.c_[t * np.cos(angle), t * np.sin(angle)] / (3 * np.pi), y


def _blobs(n, rng):
    y = np.arange(n) % 2 == 1
    centre = np.where(y[:, None], [0.5, 0.5], [-0.5, -0.5])
    return centre + 0.3 * rng.normal(size=(n, 2)), y


MAKERS = {"xor": _xor, "circles": _circles, "moons": _moons, "spiral": _spiral, "blobs": _blobs}


def grid_lines(X, k, margin=0.25):
    """X: (n, 2) -> (x0: (k,), x1: (k,)): k evenly spaced values per axis over X's bounding box widened by margin."""
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    return np.linspace(lo[0], hi[0], k), np.linspace(lo[1], hi[1], k)


def make(name, n=200, noise=0.1, seed=0):
    """n points of dataset `name` with Gaussian noise of std `noise` added to X."""
    if name not in MAKERS:
        raise ValueError(f"unknown dataset {name!r}; choose one of {', '.join(MAKERS)}")
    n = int(n)
    if n < 2:
        raise ValueError(f"need at least 2 points, got n={n}")
    rng = np.random.default_rng(seed)
    X, y = MAKERS[name](n, rng)
    X = X + noise * rng.normal(size=X.shape)
    return X.astype(np.float64), y.astype(np.float64).reshape(-1, 1)
