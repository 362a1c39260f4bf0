"""A layer, not a neuron: dL/dW = delta a^T for one sample, and the sign patterns such an update can take (2^m of
2^(m n) with all-positive inputs a: each neuron's weights move together, different neurons need not)."""
from itertools import product

import numpy as np
import pandas as pd

from sigcore import activation

from .signs import sign_of


def layer_gradient(m=2, n=2, negative=(), source="sigmoid", seed=0):
    """A layer of m neurons on n inputs a = act(z): delta (m,) with |delta_k| random and negative for the 1-based
    neurons in `negative`, a (n,), and dL/dW = delta a^T (m, n) for one sample."""
    rng = np.random.default_rng(seed)
    a = activation(source)(rng.normal(size=n))
    sign = np.where(np.isin(np.arange(1, m + 1), list(negative)), -1.0, 1.0)
    delta = sign * (0.2 + np.abs(rng.normal(size=m)))
    return delta, a, np.outer(delta, a)


def layer_frame(delta, a, dW):
    """Tidy frame: neuron (row), input (column), value and sign of dL/dW_kj, plus the delta column and a row."""
    m, n = dW.shape
    grid = pd.DataFrame({"neuron": np.repeat(np.arange(1, m + 1), n), "input": np.tile(np.arange(1, n + 1), m),
                         "value": dW.ravel(), "kind": "dL/dW"})
    d = pd.DataFrame({"neuron": np.arange(1, m + 1), "input": 0, "value": delta, "kind": "δ"})
    top = pd.DataFrame({"neuron": 0, "input": np.arange(1, n + 1), "value": a, "kind": "a"})
    frame = pd.concat([grid, d, top], ignore_index=True)
    frame["sign"] = sign_of(frame["value"].to_numpy())
    return frame


def reachable_patterns(m, n, positive=True):
    """The sign patterns sign(delta a^T) one sample can give an (m, n) weight update, as an array (p, m, n) of +-1,
    over every delta sign and every input sign (inputs all positive if `positive`). Enumerated, not counted."""
    deltas = np.array(list(product((1, -1), repeat=m)))
    inputs = np.ones((1, n), dtype=int) if positive else np.array(list(product((1, -1), repeat=n)))
    pats = np.einsum("im,jn->ijmn", deltas, inputs).reshape(-1, m, n)
    return np.unique(pats, axis=0)


def pattern_count(m, n, positive=True):
    """(reachable, total): the formula 2^m (positive inputs) or 2^(m+n-1) (signed inputs), of 2^(m n)."""
    return (2**m if positive else 2 ** (m + n - 1)), 2 ** (m * n)


def is_reachable(pattern, positive=True):
    """True if a +-1 pattern (m, n) is sign(delta a^T) for some delta (and some positive a, if `positive`)."""
    P = np.asarray(pattern)
    if positive:
        return bool(np.all(P == P[:, :1]))
    return bool(np.all(P == np.outer(P[:, 0], P[0]) * P[0, 0]))


GALLERY_MAX = 64
"""Draw every pattern only when there are at most this many (m n <= 6)."""


def pattern_gallery(m, n, positive=True):
    """Every one of the 2^(m n) sign patterns (when at most GALLERY_MAX) with a reachable flag:
    frame pattern, neuron, input, sign (+1/-1), reachable. None when there are too many to draw."""
    total = 2 ** (m * n)
    if total > GALLERY_MAX:
        return None
    bits = (np.arange(total)[:, None] >> np.arange(m * n)[::-1]) & 1
    pats = np.where(bits == 1, -1, 1).reshape(total, m, n)
    reach = np.array([is_reachable(p, positive) for p in pats])
    return pd.DataFrame({"pattern": np.repeat(np.arange(total), m * n),
                         "neuron": np.tile(np.repeat(np.arange(1, m + 1), n), total),
                         "input": np.tile(np.arange(1, n + 1), total * m),
                         "sign": pats.ravel(), "reachable": np.repeat(reach, m * n)})


def layer(m=2, n=2, negative=(), source="sigmoid"):
    """Everything section 5 shows, from one call: the update's tidy frame (layer_frame), the gallery of every sign
    pattern (None when too many), how many patterns are reachable (enumerated, and by formula), of how many, and
    whether 'every neuron's first weight up, its second down' is reachable (None when m or n < 2)."""
    positive = source == "sigmoid"
    delta, a, dW = layer_gradient(m, n, negative, source)
    reach, total = pattern_count(m, n, positive)
    wanted = None
    if m >= 2 and n >= 2:
        pattern = np.ones((m, n), dtype=int)
        pattern[:, 1] = -1
        wanted = is_reachable(pattern, positive)
    return {"frame": layer_frame(delta, a, dW), "gallery": pattern_gallery(m, n, positive),
            "counted": len(reachable_patterns(m, n, positive)), "formula": reach, "total": total,
            "apart": wanted}
