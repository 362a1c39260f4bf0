"""Conditioning: the Hessian E[x x^T] of a linear neuron's squared error, its condition number kappa, full-batch GD
in closed form, and LeCun et al. (1998, sec. 5.3)'s two Gaussian classes shifted by an offset c."""
import numpy as np
import pandas as pd

from .contours import ellipses, levels_by_extent

LECUN_CENTRES = ((-0.4, -0.8), (0.4, 0.8))
LECUN_STD = 0.2
GD_TOL = 1e-2
"""Full-batch GD has converged once |theta - theta*| <= GD_TOL x |theta_start - theta*|."""
OFFSETS = tuple(float(c) for c in np.arange(0.0, 4.01, 0.25))
"""The offsets the sweep runs."""
QUOTED = (0.0, 0.5, 1.0, 2.0, 4.0)
"""The offsets whose kappa a summary quotes."""
HALF = 1.2
"""Half the side of the contour panel, around theta*."""
EXTENTS = (0.25, 0.45, 0.65, 0.9)
"""How far the drawn contours reach along their long axis, as shares of HALF."""


def second_moment(X):
    """E[x x^T] over the rows of X (n, d): the Hessian of the mean squared error of a linear neuron, (d, d)."""
    return X.T @ X / len(X)


def lecun_data(c=0.0, n=100, seed=0):
    """LeCun et al.'s two Gaussian classes (centres (-0.4, -0.8) and (0.4, 0.8), std 0.2), both inputs offset by c.
    Returns X (n, 2) and y (n,) in {-1, +1}, classes alternating."""
    rng = np.random.default_rng(seed)
    y = np.where(np.arange(n) % 2 == 1, 1.0, -1.0)
    centres = np.where(y[:, None] > 0, LECUN_CENTRES[1], LECUN_CENTRES[0])
    return centres + LECUN_STD * rng.normal(size=(n, 2)) + c, y


def augment(X, bias=True):
    """X (n, d) with a constant input 1 appended when the neuron has a bias: (n, d + bias)."""
    return np.c_[X, np.ones(len(X))] if bias else np.asarray(X, dtype=np.float64)


def lecun_population_hessian(c, bias=True):
    """E[x x^T] of LeCun's data with infinitely many samples: Sigma + mu mu^T, with the constant bias input if any."""
    m = np.array(LECUN_CENTRES[1])
    mu = np.array([c, c], dtype=np.float64)
    H = LECUN_STD**2 * np.eye(2) + np.outer(m, m) + np.outer(mu, mu)
    if not bias:
        return H
    return np.block([[H, mu[:, None]], [mu[None, :], np.ones((1, 1))]])


def kappa(H):
    """Condition number lambda_max / lambda_min of a symmetric positive semi-definite H (inf when singular)."""
    lam = np.linalg.eigvalsh(H)
    return float(lam[-1] / lam[0]) if lam[0] > 0 else np.inf


def gd_distance(H, e0, lr, ks):
    """|theta_k - theta*| after k full-batch GD steps on the quadratic loss 1/2 e^T H e, in closed form:
    sqrt(sum_i (1 - lr lambda_i)^(2k) (v_i . e0)^2), for each k in ks."""
    lam, V = np.linalg.eigh(H)
    return _distance(lam, (V.T @ np.asarray(e0, dtype=np.float64)) ** 2, lr, ks)


def _distance(lam, c2, lr, ks):
    ks = np.asarray(ks, dtype=np.float64)[:, None]
    with np.errstate(over="ignore", under="ignore", divide="ignore"):
        return np.sqrt((c2 * np.abs(1.0 - lr * lam) ** (2 * ks)).sum(1))


def gd_iterations(H, e0, lr=None, tol=GD_TOL, max_iter=10**9):
    """Full-batch GD steps at lr (default 1/lambda_max) until |theta - theta*| <= tol |theta_0 - theta*|;
    None if that never happens (lr >= 2/lambda_max, or a zero eigenvalue in the way) or takes over max_iter."""
    lam, V = np.linalg.eigh(H)
    c2 = (V.T @ np.asarray(e0, dtype=np.float64)) ** 2
    lr = 1.0 / lam[-1] if lr is None else lr
    dist = lambda k: _distance(lam, c2, lr, [k])[0]  # noqa: E731
    goal = tol * dist(0)
    if goal == 0:
        return 0
    if np.any(np.abs(1.0 - lr * lam) >= 1) or dist(max_iter) > goal:
        return None
    lo, hi = 0, 1
    while dist(hi) > goal:
        lo, hi = hi, 2 * hi
    while hi - lo > 1:  # the distance falls monotonically since every |1 - lr lambda_i| < 1
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if dist(mid) > goal else (lo, mid)
    return hi


def least_squares(X, y):
    """The weights theta* minimising the mean squared error of f = theta . x on X (n, d), y (n,)."""
    return np.linalg.lstsq(X, y, rcond=None)[0]


def conditioning(c=0.0, bias=True, n=100, seed=0):
    """LeCun's data offset by c, a linear neuron (with a bias if `bias`) from theta = 0: eigenvalues, kappa,
    full-batch GD iterations at lr = 1/lambda_max, the largest stable lr 2/lambda_max, and kappa of the exact
    (infinite-data) Hessian."""
    X, y = lecun_data(c, n, seed)
    Xa = augment(X, bias)
    H = second_moment(Xa)
    theta = least_squares(Xa, y)
    lam = np.linalg.eigvalsh(H)
    return {"c": float(c), "bias": bool(bias), "lam_min": float(lam[0]), "lam_max": float(lam[-1]),
            "kappa": kappa(H), "iterations": gd_iterations(H, -theta), "lr": float(1.0 / lam[-1]),
            "stable_lr": float(2.0 / lam[-1]), "kappa_exact": kappa(lecun_population_hessian(c, bias)),
            "theta": theta, "H": H}


def offset_sweep(cs, n=100, seed=0):
    """kappa and GD iterations for each offset c, with and without a bias: frame c, bias, kappa, iterations,
    kappa_exact."""
    rows = []
    for bias in (True, False):
        for c in cs:
            r = conditioning(c, bias, n, seed)
            rows.append({k: r[k] for k in ("c", "bias", "kappa", "iterations", "kappa_exact")})
    return pd.DataFrame(rows)


def isotropic_kappa(mu, s):
    """kappa of E[x x^T] = s^2 I + mu mu^T for isotropic inputs (d >= 2) with mean mu and std s per input:
    1 + |mu|^2 / s^2 (the eigenvalue s^2 + |mu|^2 along mu over s^2 across it)."""
    return 1.0 + float(np.dot(mu, mu)) / s**2


def trend(sweep, bias):
    """What the offset sweep (offset_sweep's frame) says for the chosen bias setting: kappa at the QUOTED offsets,
    whether it rises at each, the first and last offsets between which it dips (None if it never falls), whether the
    GD iterations rise at every offset, and kappa at c = 0 and c = 4 for the other bias setting."""
    own, other = (sweep[sweep["bias"] == b].set_index("c") for b in (bias, not bias))
    falls = np.flatnonzero(np.diff(own["kappa"]) <= 0)
    kappas = [float(own.loc[v, "kappa"]) for v in QUOTED]
    return {"kappas": kappas, "rising": bool(np.all(np.diff(kappas) > 0)),
            "dip": (float(own.index[falls[0]]), float(own.index[falls[-1] + 1])) if len(falls) else None,
            "iterations_rising": bool(np.all(np.diff(own["iterations"].to_numpy(dtype=float)) > 0)),
            "other": (float(other.loc[0.0, "kappa"]), float(other.loc[4.0, "kappa"]))}


def lecun(c=0.0, bias=True, n=100, seed=0):
    """Everything section 4 shows, from one call: conditioning() at c, the data X (n, 2) and y (n,), the loss
    contours over (w1, b) with a bias or (w1, w2) without, around theta*, the offset sweep and its trend."""
    r = conditioning(c, bias, n, seed)
    X, y = lecun_data(c, n, seed)
    idx = [0, 2] if bias else [0, 1]
    H2 = r["H"][np.ix_(idx, idx)]
    centre = r["theta"][idx]
    sweep = offset_sweep(OFFSETS, n, seed)
    return {**r, "X": X, "y": y, "centre": centre, "half": HALF, "sweep": sweep, "trend": trend(sweep, bias),
            "contours": ellipses(H2, centre, levels_by_extent(H2, HALF * np.array(EXTENTS)))}
