"""The lockstep minibatch SGD engine on two weights: R runs of f = w.x on the mean squared error, each with its own
inputs, learning rate and batch size, all visiting the samples in the same order, as one vectorised loop."""
from dataclasses import dataclass

import numpy as np

from sigcore import activation, losses

REACHED = 0.05
"""A path has reached the target once |w - w*| <= REACHED x |w_start - w*|."""
MAX_STEPS = 2000
"""SGD paths stop after this many updates."""
DIVERGED = 1e3
"""A path has diverged once |w - w*| > DIVERGED x |w_start - w*| (or w overflows)."""
ARRIVED = 1e-12
"""A start closer to the target than ARRIVED x (1 + |w*|) counts as arrived: nothing left to walk."""

_LINEAR = activation("linear")


@dataclass
class Path:
    """An SGD path: w (k+1, 2) from start to stop; forbidden (k,) marks steps into the NW or SE quadrant."""

    w: np.ndarray
    forbidden: np.ndarray
    reached_at: int | None
    diverged_at: int | None
    lr: float
    distance: tuple
    """(at the start, at the end): |w - w*|, for a page to say how far a diverged run went."""

    @property
    def steps(self):
        return len(self.w) - 1

    @property
    def share_forbidden(self):
        """Share of steps that moved NW or SE (w1 and w2 changed in opposite directions)."""
        return float(self.forbidden.mean()) if len(self.forbidden) else 0.0


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


def _running_sums(X, y, order, length):
    """Running sums, along the visiting order, of each sample's map (H's three entries, H being symmetric, then g's
    two): a batch's mean map is a difference of two rows. Returns (length + 1, 5)."""
    H1, g1 = per_sample_maps(X, y)
    table = np.c_[H1[:, 0, 0], H1[:, 0, 1], H1[:, 1, 1], g1]
    sums = np.zeros((length + 1, 5))
    np.cumsum(table[order[:length]], axis=0, out=sums[1:])
    return sums


def _batch_maps(sums, batches, t0, T):
    """The mean map of steps t0..t0+T-1 of runs taking batches (r,) samples a step: H (T, r, 2, 2), g (T, r, 2)."""
    lo = np.arange(t0, t0 + T)[:, None] * batches[None, :]  # (T, r): where each batch starts in the order
    mean = (sums[lo + batches[None, :]] - sums[lo]) / batches[None, :, None]
    return mean[..., [0, 1, 1, 2]].reshape(T, len(batches), 2, 2), mean[..., 3:]


def sgd_runs(Xs, start, target, lrs, batches, max_steps=MAX_STEPS, seed=0, inputs=None, groups=None):
    """R minibatch SGD runs in lockstep on the mean squared error of f = w.x (no bias), targets y = X w*.
    Xs: (V, n, 2) input sets; run r uses Xs[inputs[r]] (default: Xs[r]), learning rate lrs[r] and batches[r]
    samples per step. All runs visit the samples in the same order (reshuffled every epoch). A run stops when it
    has reached the target, has diverged, or after max_steps. groups: (R,) labels of runs that race for the fewest
    steps: once one of a group has reached the target, the group's runs still walking stop too (neither reached
    nor diverged; checked every CHUNK steps, so none of them could have won). Returns a list of R Paths."""
    Xs = np.asarray(Xs, dtype=np.float64)
    V, n, _ = Xs.shape
    inputs = np.arange(V) if inputs is None else np.asarray(inputs)
    R = len(inputs)
    groups = None if groups is None else np.asarray(groups)
    lrs = np.broadcast_to(np.asarray(lrs, dtype=np.float64), (R,))
    batches = np.clip(np.broadcast_to(np.asarray(batches, dtype=int), (R,)), 1, n)
    w_star = np.asarray(target, dtype=np.float64)
    order = sample_order(n, max_steps * int(batches.max()), seed)
    sums = {v: _running_sums(Xs[v], Xs[v] @ w_star, order, max_steps * int(batches[inputs == v].max()))
            for v in np.unique(inputs)}
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
            live = np.flatnonzero(active)  # only the runs still walking take steps
            A, c = np.empty((T, len(live), 2, 2)), np.empty((T, len(live), 2))  # w <- w - lr (H w - g) = A w + c
            for v, v_sums in sums.items():
                mine = np.flatnonzero(inputs[live] == v)
                H, g = _batch_maps(v_sums, batches[live[mine]], t0, T)
                A[:, mine] = np.eye(2) - lrs[live[mine], None, None] * H
                c[:, mine] = lrs[live[mine], None] * g
            (a, b), (d, e) = np.moveaxis(A, (2, 3), (0, 1))  # each (T, live): w1 <- a w1 + b w2
            c1, c2 = np.moveaxis(c, 2, 0)
            w1, w2 = W[t0, live].T
            walk = np.empty((2, T, len(live)))
            for t in range(T):  # elementwise: NumPy's matmul of 2x2 stacks costs more per step than its maths
                w1, w2 = a[t] * w1 + b[t] * w2 + c1[t], d[t] * w1 + e[t] * w2 + c2[t]
                walk[0, t], walk[1, t] = w1, w2
            W[t0 + 1: t0 + T + 1, live] = np.moveaxis(walk, 0, 2)
            dist = np.linalg.norm(W[t0 + 1: t0 + T + 1, live] - w_star, axis=2)  # (T, live)
            blown = ~(dist <= DIVERGED * d0)  # also catches NaN
            done = dist <= REACHED * d0
            first_blown = np.where(blown.any(0), blown.argmax(0), T)
            first_done = np.where(done.any(0), done.argmax(0), T)
            out = (first_blown < T) & (first_blown <= first_done)
            home = ~out & (first_done < T)
            diverged[live[out]] = stop[live[out]] = t0 + first_blown[out] + 1
            reached[live[home]] = stop[live[home]] = t0 + first_done[home] + 1
            active[live] = stop[live] > t0 + T
            if groups is not None:  # a group with a winner needs no more steps
                beaten = active & np.isin(groups, groups[reached >= 0])
                stop[beaten], active[beaten] = t0 + T, False
            t0 += T
    paths = []
    for r in range(R):
        k = int(stop[r])
        w = W[: k + 1, r].copy()
        end = float(np.linalg.norm(w[-1] - w_star))
        if diverged[r] >= 0:
            w[-1] = np.where(np.isfinite(w[-1]), w[-1], w[-2])  # keep the path finite
        with np.errstate(all="ignore"):
            step = np.diff(w, axis=0)
            forbidden = step[:, 0] * step[:, 1] < 0
        paths.append(Path(w, forbidden, int(reached[r]) if reached[r] >= 0 else None,
                          int(diverged[r]) if diverged[r] >= 0 else None, float(lrs[r]), (d0, end)))
    return paths


def sgd_path(X, start, target, lr=1.0, batch=1, max_steps=MAX_STEPS, seed=0):
    """One minibatch SGD path on X: (n, 2) (see sgd_runs)."""
    return sgd_runs(np.asarray(X)[None], start, target, [lr], [batch], max_steps, seed)[0]
