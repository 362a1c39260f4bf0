"""Why all-positive inputs make gradient descent zig-zag: per-sample sign grids, SGD paths on two weights, batches,
the conditioning of E[x x^T] (LeCun et al. 1998, sec. 5.3) and the sign patterns a layer's update can take."""
from dataclasses import dataclass
from itertools import product

import numpy as np
import pandas as pd

from sigcore import activation, losses

SOURCES = ("sigmoid", "relu", "tanh")
"""What feeds the neuron: the outputs of a previous layer with this activation."""
REACHED = 0.05
"""A path has reached the target once |w - w*| <= REACHED x |w_start - w*|."""
MAX_STEPS = 2000
"""SGD paths stop after this many updates."""
DIVERGED = 1e3
"""A path has diverged once |w - w*| > DIVERGED x |w_start - w*| (or w overflows)."""
ARRIVED = 1e-12
"""A start closer to the target than ARRIVED x (1 + |w*|) counts as arrived: nothing left to walk."""
GD_TOL = 1e-2
"""Full-batch GD has converged once |theta - theta*| <= GD_TOL x |theta_start - theta*|."""
LECUN_CENTRES = ((-0.4, -0.8), (0.4, 0.8))
LECUN_STD = 0.2
FIXES = {
    "none": ("sigmoid", "none"),
    "centre": ("sigmoid", "centre"),
    "standardise": ("sigmoid", "standardise"),
    "tanh": ("tanh", "none"),
    "relu": ("relu", "none"),
}
"""Input variants for the race: name -> (activation of the previous layer, transform of its outputs)."""

_LINEAR = activation("linear")


def previous_layer(source, n, d, spread=1.0, seed=0):
    """Outputs of a previous layer, X = act(z) with z ~ N(0, spread^2): (n, d)."""
    rng = np.random.default_rng(seed)
    return activation(source)(spread * rng.normal(size=(n, d)))


# --- 1. one neuron: dL/dw = delta x ------------------------------------------------------------------------------

def neuron_gradients(source, n=8, d=6, seed=0):
    """One sigmoid neuron f = w.x + b with BCE on n samples of d inputs from `source`.
    Returns X (n, d), delta (n,) = dL_n/df_n, and G (n, d) = per-sample dL_n/dw = delta_n x_n."""
    X = previous_layer(source, n, d, seed=seed)
    rng = np.random.default_rng(seed + 1)
    w, b = rng.normal(0.0, 1.0 / np.sqrt(d), d), 0.0
    y = (np.arange(n) % 2).astype(np.float64)[rng.permutation(n)].reshape(-1, 1)
    z = (X @ w + b).reshape(-1, 1)
    sigmoid = activation("sigmoid")
    _, delta = losses.bce(z, sigmoid(z), y, sigmoid)
    delta = n * delta[:, 0]  # bce returns the mean's gradient; x n gives each sample's own dL_n/df_n
    return X, delta, delta[:, None] * X


def sign_of(values):
    """'+', '−' or '0' per entry."""
    return np.where(values > 0, "+", np.where(values < 0, "−", "0"))


def one_signed_rows(G, delta):
    """Per row of G (n, d): True when every nonzero entry has the sign of delta (n,)."""
    return np.all((G == 0) | (np.sign(G) == np.sign(delta)[:, None]), axis=1)


def sign_grid_frame(X, delta, G):
    """Tidy frame for the grid: row, column, group (delta | input | gradient), value, sign."""
    n, d = X.shape
    rows = np.repeat(np.arange(1, n + 1), d)
    cols = np.tile(np.arange(1, d + 1), n)
    parts = [pd.DataFrame({"row": np.arange(1, n + 1), "column": "δ", "group": "δ = dL/df", "value": delta})]
    parts.append(pd.DataFrame({"row": rows, "column": [f"x{j}" for j in cols], "group": "input x",
                               "value": X.ravel()}))
    parts.append(pd.DataFrame({"row": rows, "column": [f"w{j}" for j in cols], "group": "gradient dL/dw = δ·x",
                               "value": G.ravel()}))
    frame = pd.concat(parts, ignore_index=True)
    frame["sign"] = sign_of(frame["value"].to_numpy())
    return frame


# --- 2, 3, 6. the two-weight race ---------------------------------------------------------------------------------

def race_inputs(fix="none", n=50, spread=1.0, seed=0):
    """Inputs x (n, 2) for the two-weight neuron: the previous layer's outputs, transformed as FIXES[fix] says.
    Every variant uses the same pre-activations z, so only the activation and the transform differ."""
    source, transform = FIXES[fix]
    X = previous_layer(source, n, 2, spread, seed)
    if transform == "none":
        return X
    X = X - X.mean(0)
    if transform == "standardise":
        std = X.std(0)
        X = X / np.where(std > 0, std, 1.0)
    return X


def second_moment(X):
    """E[x x^T] over the rows of X (n, d): the Hessian of the mean squared error of a linear neuron, (d, d)."""
    return X.T @ X / len(X)


@dataclass
class Path:
    """An SGD path: w (k+1, 2) from start to stop; forbidden (k,) marks steps into the NW or SE quadrant."""

    w: np.ndarray
    forbidden: np.ndarray
    reached_at: int | None
    diverged_at: int | None
    diverged_reason: str

    @property
    def steps(self):
        return len(self.w) - 1

    @property
    def share_forbidden(self):
        """Share of steps that moved NW or SE (w1 and w2 changed in opposite directions)."""
        return float(self.forbidden.mean()) if len(self.forbidden) else 0.0

    def frame(self, upto=None):
        """Tidy path up to step `upto`: step, w1, w2, quadrant of the step that led there."""
        k = self.steps if upto is None else max(0, min(int(upto), self.steps))
        quad = np.r_[["start"], np.where(self.forbidden[:k], "NW or SE", "NE or SW")]
        return pd.DataFrame({"step": np.arange(k + 1), "w1": self.w[: k + 1, 0], "w2": self.w[: k + 1, 1],
                             "quadrant": quad})


CHUNK = 64
"""SGD runs check for arrival and divergence every CHUNK steps."""


def sample_order(n, length, seed=0):
    """The order SGD visits n samples in: a fresh shuffle every epoch, at least `length` long."""
    epochs = -(-length // n)
    return np.random.default_rng(seed).permuted(np.tile(np.arange(n), (epochs, 1)), axis=1).ravel()


def per_sample_maps(X, y):
    """Each sample's squared-error gradient as an affine map of w: grad_i(w) = H_i w - g_i. X: (n, 2), y: (n,).
    sigcore.losses.mse gives dL_i/dz_i for all n one-sample batches at once (a batch axis of length 1), at
    w = 0, e1 and e2; returns H (n, 2, 2) and g (n, 2)."""
    grads = []
    for probe in (np.zeros(2), np.eye(2)[0], np.eye(2)[1]):
        z = (X @ probe)[None, :]
        _, delta = losses.mse(z, z, y[None, :], _LINEAR)
        grads.append(X * delta[0][:, None])
    g = -grads[0]
    return np.stack([grads[1] + g, grads[2] + g], axis=-1), g


def _batch_maps(X, y, order, batches, steps):
    """The mean map of every batch of every run sharing inputs X: a batch's H and g are differences of running
    sums along the visiting order. batches: (r,) sizes; returns H (steps, r, 2, 2), g (steps, r, 2)."""
    H1, g1 = per_sample_maps(X, y)
    table = np.c_[H1[:, 0, 0], H1[:, 0, 1], H1[:, 1, 1], g1]  # H is symmetric: three entries, then g's two
    sums = np.zeros((steps * int(batches.max()) + 1, 5))
    np.cumsum(table[order[: len(sums) - 1]], axis=0, out=sums[1:])
    lo = np.arange(steps)[:, None] * batches[None, :]  # (steps, r): where each batch starts in the order
    mean = (sums[lo + batches[None, :]] - sums[lo]) / batches[None, :, None]
    H = mean[..., [0, 1, 1, 2]].reshape(steps, len(batches), 2, 2)
    return H, mean[..., 3:]


def sgd_runs(Xs, start, target, lrs, batches, max_steps=MAX_STEPS, seed=0, inputs=None):
    """R minibatch SGD runs in lockstep on the mean squared error of f = w.x (no bias), targets y = X w*.
    Xs: (V, n, 2) input sets; run r uses Xs[inputs[r]] (default: Xs[r]), learning rate lrs[r] and batches[r]
    samples per step. All runs visit the samples in the same order (reshuffled every epoch). A run stops when it
    has reached the target, has diverged, or after max_steps. Returns a list of R Paths."""
    Xs = np.asarray(Xs, dtype=np.float64)
    V, n, _ = Xs.shape
    inputs = np.arange(V) if inputs is None else np.asarray(inputs)
    R = len(inputs)
    lrs = np.broadcast_to(np.asarray(lrs, dtype=np.float64), (R,))
    batches = np.clip(np.broadcast_to(np.asarray(batches, dtype=int), (R,)), 1, n)
    w_star = np.asarray(target, dtype=np.float64)
    order = sample_order(n, max_steps * int(batches.max()), seed)
    A = np.empty((max_steps, R, 2, 2))  # w <- w - lr (H w - g) = A w + c
    c = np.empty((max_steps, R, 2))
    for v in np.unique(inputs):
        runs = np.flatnonzero(inputs == v)
        H, g = _batch_maps(Xs[v], Xs[v] @ w_star, order, batches[runs], max_steps)
        A[:, runs] = np.eye(2) - lrs[runs, None, None] * H
        c[:, runs] = lrs[runs, None] * g
    W = np.empty((max_steps + 1, R, 2))
    W[0] = np.asarray(start, dtype=np.float64)
    d0 = float(np.linalg.norm(W[0, 0] - w_star))
    stop = np.full(R, max_steps)
    reached = np.full(R, -1)
    diverged = np.full(R, -1)
    if d0 <= ARRIVED * (1.0 + np.linalg.norm(w_star)):  # already there: rounding would pass for divergence
        reached[:], stop[:] = 0, 0
    active = stop > 0
    t0 = 0
    with np.errstate(all="ignore"):
        while active.any() and t0 < max_steps:
            T = min(CHUNK, max_steps - t0)
            w = W[t0]
            for t in range(t0, t0 + T):
                w = (A[t] @ w[:, :, None])[:, :, 0] + c[t]
                W[t + 1] = w
            dist = np.linalg.norm(W[t0 + 1: t0 + T + 1] - w_star, axis=2)  # (T, R)
            blown = ~(dist <= DIVERGED * d0)  # also catches NaN
            done = dist <= REACHED * d0
            for r in np.flatnonzero(active):
                first_blown = np.argmax(blown[:, r]) if blown[:, r].any() else T
                first_done = np.argmax(done[:, r]) if done[:, r].any() else T
                if first_blown < T and first_blown <= first_done:
                    diverged[r] = stop[r] = t0 + first_blown + 1
                elif first_done < T:
                    reached[r] = stop[r] = t0 + first_done + 1
                active[r] = stop[r] > t0 + T
            t0 += T
    paths = []
    for r in range(R):
        k = int(stop[r])
        w = W[: k + 1, r].copy()
        reason = ""
        if diverged[r] >= 0:
            reason = (f"the learning rate η = {lrs[r]:g} is too large for these inputs: after {k} steps w is "
                      f"{np.linalg.norm(w[-1] - w_star):.3g} away from the target (it started {d0:.3g} away)")
            w[-1] = np.where(np.isfinite(w[-1]), w[-1], w[-2])  # keep the path finite
        with np.errstate(all="ignore"):
            step = np.diff(w, axis=0)
            forbidden = step[:, 0] * step[:, 1] < 0
        paths.append(Path(w, forbidden, int(reached[r]) if reached[r] >= 0 else None,
                          int(diverged[r]) if diverged[r] >= 0 else None, reason))
    return paths


def sgd_path(X, start, target, lr=1.0, batch=1, max_steps=MAX_STEPS, seed=0):
    """One minibatch SGD path on X: (n, 2) (see sgd_runs)."""
    return sgd_runs(np.asarray(X)[None], start, target, [lr], [batch], max_steps, seed)[0]


def cone(X):
    """The step directions +-x_n allow, as (lo, hi) angles in degrees within [0, 90], when every x_n lies in the
    NE or SW quadrant (x1 x2 >= 0); None when some x_n points NW or SE, so steps can go anywhere."""
    X = np.asarray(X, dtype=np.float64)
    X = X[np.any(X != 0, axis=1)]
    if len(X) == 0 or np.any(X[:, 0] * X[:, 1] < 0):
        return None
    angles = np.degrees(np.arctan2(np.abs(X[:, 1]), np.abs(X[:, 0])))
    return float(angles.min()), float(angles.max())


def ellipses(H, centre, levels, n_points=64):
    """Contours of L(w) = 1/2 (w - centre)^T H (w - centre) at each level: frame level, i, w1, w2 (closed loops).
    H: (2, 2) positive semi-definite; a near-zero eigenvalue is floored so the ellipse stays finite."""
    lam, V = np.linalg.eigh(np.asarray(H, dtype=np.float64))
    lam = np.maximum(lam, 1e-12 * max(lam.max(), 1e-300))
    t = np.linspace(0.0, 2 * np.pi, n_points)
    unit = np.stack([np.cos(t), np.sin(t)])  # (2, n_points)
    shape = V @ (unit / np.sqrt(lam)[:, None])  # points with 1/2 d^T H d = 1/2
    r = np.sqrt(2 * np.asarray(levels, dtype=np.float64))[:, None]
    return pd.DataFrame({"level": np.repeat(levels, n_points), "i": np.tile(np.arange(n_points), len(r)),
                         "w1": (centre[0] + r * shape[0]).ravel(), "w2": (centre[1] + r * shape[1]).ravel()})


def levels_by_extent(H, extents):
    """Loss levels whose contours reach `extents` along their long axis: 1/2 lambda_min e^2 (shape, not height)."""
    lam_min = max(np.linalg.eigvalsh(H)[0], 0.0)
    return 0.5 * lam_min * np.asarray(extents, dtype=np.float64) ** 2


def contour_levels(H, start, target, k=5):
    """k loss levels, geometric, from the start's loss down by factors of 3 (the start's own contour first)."""
    d = np.asarray(start, dtype=np.float64) - np.asarray(target, dtype=np.float64)
    top = 0.5 * d @ H @ d
    top = top if top > 0 else 1.0
    return top * 3.0 ** -np.arange(k)


def view_box(start, target, margin=0.35):
    """A square (lo, hi) range, the same for w1 and w2, that holds start and target with a margin."""
    pts = np.array([start, target], dtype=np.float64)
    centre = pts.mean(0)
    half = 0.5 * np.abs(pts[0] - pts[1]).max() * (1 + 2 * margin) + 0.5
    return (float(centre[0] - half), float(centre[0] + half)), (float(centre[1] - half), float(centre[1] + half))


def race(fix="none", w1_start=1.0, w2_start=-1.0, w1_target=-1.0, w2_target=1.2, lr=1.0, batch=1, n=50,
         spread=1.0, seed=0):
    """The two-weight experiment for one input variant: its SGD path, its loss contours (levels from the start's
    loss down), the cone of step directions one sample allows, and kappa of E[x x^T]. Returns a dict."""
    start, target = (w1_start, w2_start), (w1_target, w2_target)
    X = race_inputs(fix, n, spread, seed)
    H = second_moment(X)
    return {"path": sgd_path(X, start, target, lr, batch, seed=seed),
            "contours": ellipses(H, target, contour_levels(H, start, target)),
            "cone": cone(X), "kappa": kappa(H), "start": start, "target": target}


def batch_sweep(start, target, lr, batches, n=50, spread=1.0, seed=0, fixes=("none", "tanh")):
    """For each batch size and input variant: updates to reach the target and the share of them that moved NW or
    SE. Frame: batch, fix, updates (NaN if not reached), share_forbidden, diverged."""
    pairs = [(i, fix, int(b)) for i, fix in enumerate(fixes) for b in batches]
    Xs = np.stack([race_inputs(fix, n, spread, seed) for fix in fixes])
    paths = sgd_runs(Xs, start, target, lr, [b for _, _, b in pairs], seed=seed, inputs=[i for i, _, _ in pairs])
    return pd.DataFrame([{"batch": b, "fix": fix, "updates": np.nan if p.reached_at is None else p.reached_at,
                          "share_forbidden": p.share_forbidden,
                          "diverged": p.diverged_at is not None} for (_, fix, b), p in zip(pairs, paths)])


def batch_sizes(n, k=10):
    """About k batch sizes from 1 to n, spaced geometrically, always including 1 and n."""
    return np.unique(np.r_[np.round(np.geomspace(1, n, k)).astype(int), 1, n])


def fix_table(start, target, lr, n=50, spread=1.0, seed=0):
    """Per input variant (FIXES): SGD steps to reach the target at this lr (NaN if not reached), whether it
    diverged, its share of NW/SE steps; the largest lr at which no one-sample step can move away from the target,
    2/max |x_n|^2 (a step scales the error along x_n by 1 - lr |x_n|^2); and from E[x x^T]: kappa, the largest
    stable full-batch lr 2/lambda_max, and the full-batch GD steps to reach the target at the variant's best fixed lr
    2/(lambda_min + lambda_max)."""
    inputs = np.stack([race_inputs(fix, n, spread, seed) for fix in FIXES])
    paths = sgd_runs(inputs, start, target, lr, 1, seed=seed)
    e0 = np.asarray(start, dtype=np.float64) - np.asarray(target, dtype=np.float64)
    rows = []
    for fix, X, p in zip(FIXES, inputs, paths):
        H = second_moment(X)
        lam = np.linalg.eigvalsh(H)
        best = 2.0 / (lam[0] + lam[-1])
        best_steps = gd_iterations(H, e0, best, REACHED)
        rows.append({"fix": fix, "steps": np.nan if p.reached_at is None else p.reached_at,
                     "diverged": p.diverged_at is not None, "share_forbidden": p.share_forbidden, "kappa": kappa(H),
                     "sgd_safe_lr": 2.0 / np.max(np.sum(X * X, axis=1)), "stable_lr": 2.0 / lam[-1], "best_lr": best,
                     "best_steps": np.nan if best_steps is None else best_steps})
    return pd.DataFrame(rows)


# --- 4. conditioning ----------------------------------------------------------------------------------------------

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


# --- 5. a layer ---------------------------------------------------------------------------------------------------

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
