"""The two-weight race: a neuron f = w1 x1 + w2 x2 trained by SGD from a start to a teacher's w*, on sigmoid outputs
and on another kind of input (centred, standardised, tanh or ReLU outputs of the same pre-activations), each at its
own safe learning rate and both at one chosen rate; the same with batches; and every input kind side by side."""
import numpy as np
import pandas as pd

from .conditioning import gd_iterations, kappa, second_moment
from .contours import contour_levels, ellipses, view_box
from .sgd import REACHED, sgd_runs
from .signs import previous_layer

FIXES = {
    "none": ("sigmoid", "none"),
    "centre": ("sigmoid", "centre"),
    "standardise": ("sigmoid", "standardise"),
    "tanh": ("tanh", "none"),
    "relu": ("relu", "none"),
}
"""Input variants for the race: name -> (activation of the previous layer, transform of its outputs)."""
CONTOUR_POINTS = 40
"""Points per drawn loss contour (a closed ellipse reads smooth at 40 on a 280 px panel)."""
RATES = ("own", "same")
"""How the race picks each run's learning rate: each input its own safe rate (safe_lr), or one rate for both."""
SWEEP = tuple(float(f) for f in np.geomspace(0.7, 5.6, 6))
"""The batch race tries each input at these multiples of its own safe rate and keeps the fastest."""
BATCH_STEPS = 500
"""The batch race's runs stop after this many updates (the sweep's 120 runs cost ~85 ms at 2000, ~17 ms at 500)."""


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


def safe_lr(X):
    """The largest learning rate at which no one-sample SGD step on X (n, 2) can move away from w*: 2/max |x_n|^2
    (a step scales the error along x_n by 1 - lr |x_n|^2). None when every x_n is 0 (no step moves w at all)."""
    top = float(np.max(np.sum(X * X, axis=1)))
    return 2.0 / top if top > 0 else None


def cone(X):
    """The step directions +-x_n allow, as (lo, hi) angles in degrees within [0, 90], when every x_n lies in the
    NE or SW quadrant (x1 x2 >= 0); None when some x_n points NW or SE, so steps can go anywhere."""
    X = np.asarray(X, dtype=np.float64)
    X = X[np.any(X != 0, axis=1)]
    if len(X) == 0 or np.any(X[:, 0] * X[:, 1] < 0):
        return None
    angles = np.degrees(np.arctan2(np.abs(X[:, 1]), np.abs(X[:, 0])))
    return float(angles.min()), float(angles.max())


def _inputs(fix, X, start, target):
    """What the race needs of one input set X (n, 2): its safe rate, cone, kappa, mean |x|^2, mean variance per
    input and loss contours."""
    H = second_moment(X)
    return {"X": X, "safe_lr": safe_lr(X), "cone": cone(X), "kappa": kappa(H),
            "mean_sq": float(np.mean(np.sum(X * X, axis=1))), "var": float(np.mean(X.var(0))),
            "contours": ellipses(H, target, contour_levels(H, start, target), n_points=CONTOUR_POINTS)}


def race(vs="centre", w1_start=1.0, w2_start=-1.0, w1_target=-1.0, w2_target=1.2, lr=1.0, n=50, spread=1.0,
         seed=0):
    """Sigmoid outputs ("none") against `vs` (a FIXES key), four SGD runs with one sample per step in lockstep: each
    input at its own safe rate ("own") and both at `lr` ("same"). Returns {"fixes": ("none", vs), "start", "target",
    "box": view_box, "inputs": {fix: safe_lr, cone, kappa, mean_sq, var, contours, X}, "paths": {rate: {fix: Path}}}."""
    fixes = ("none", vs)
    a = arena(fixes, w1_start, w2_start, w1_target, w2_target, n, spread, seed)
    start, target, inputs = a["start"], a["target"], a["inputs"]
    own = [inputs[f]["safe_lr"] or 0.0 for f in fixes]
    paths = sgd_runs(np.stack([inputs[f]["X"] for f in fixes]), start, target, [*own, lr, lr], 1, seed=seed,
                     inputs=[0, 1, 0, 1])
    return {**a, "fixes": fixes, "paths": {"own": dict(zip(fixes, paths[:2])), "same": dict(zip(fixes, paths[2:]))}}


def arena(fixes=("none", "centre"), w1_start=1.0, w2_start=-1.0, w1_target=-1.0, w2_target=1.2, n=50, spread=1.0,
          seed=0):
    """Where a race runs, without running it: {"start", "target", "box": view_box, "inputs": {fix: safe_lr, cone,
    kappa, mean_sq, var, contours, X}} for each of `fixes` (FIXES keys)."""
    start, target = (w1_start, w2_start), (w1_target, w2_target)
    return {"start": start, "target": target, "box": view_box(start, target),
            "inputs": {fix: _inputs(fix, race_inputs(fix, n, spread, seed), start, target) for fix in fixes}}


def batch_sizes(n, k=10):
    """About k batch sizes from 1 to n, spaced geometrically, always including 1 and n."""
    return np.unique(np.r_[np.round(np.geomspace(1, n, k)).astype(int), 1, n])


def batch_race(batch=8, w1_start=1.0, w2_start=-1.0, w1_target=-1.0, w2_target=1.2, n=50, spread=1.0, seed=0,
               fixes=("none", "centre")):
    """For each input variant and batch size (batch_sizes(n) and `batch`, clipped to 1..n), minibatch SGD at each
    SWEEP multiple of the variant's own safe rate, and the fastest of them (fewest updates to reach w*; the smallest
    rate when none does), each run stopped after BATCH_STEPS updates. Returns {"sweep": frame batch, fix, lr,
    updates (NaN if never), share_forbidden, diverged, "paths": {(fix, batch): Path}}: one row and one path per
    (fix, batch)."""
    start, target = (w1_start, w2_start), (w1_target, w2_target)
    Xs = np.stack([race_inputs(fix, n, spread, seed) for fix in fixes])
    sizes = np.unique(np.r_[batch_sizes(n), min(max(int(batch), 1), n)])
    safe = [safe_lr(X) or 0.0 for X in Xs]
    runs = [(i, int(b), safe[i] * m) for i in range(len(fixes)) for b in sizes for m in SWEEP]
    paths = sgd_runs(Xs, start, target, [r[2] for r in runs], [r[1] for r in runs], BATCH_STEPS, seed,
                     [r[0] for r in runs], groups=[r[0] * (n + 1) + r[1] for r in runs])  # one per (fix, batch)
    best = {}
    for (i, b, lr), p in zip(runs, paths):
        updates = np.inf if p.reached_at is None else p.reached_at
        key = (fixes[i], b)
        if key not in best or updates < best[key][0]:
            best[key] = (updates, lr, p)
    rows = [{"batch": b, "fix": fix, "lr": lr, "updates": np.nan if np.isinf(u) else u,
             "share_forbidden": p.share_forbidden, "diverged": p.diverged_at is not None}
            for (fix, b), (u, lr, p) in best.items()]
    return {"sweep": pd.DataFrame(rows), "paths": {k: v[2] for k, v in best.items()}}


def fix_table(start, target, n=50, spread=1.0, seed=0):
    """Per input variant (FIXES): SGD steps to reach the target at its own safe rate (NaN if not reached) and its
    share of NW/SE steps; that safe rate 2/max |x_n|^2; and from E[x x^T]: kappa, the largest stable full-batch lr
    2/lambda_max, and the full-batch GD steps to reach the target at the variant's best fixed lr
    2/(lambda_min + lambda_max)."""
    inputs = np.stack([race_inputs(fix, n, spread, seed) for fix in FIXES])
    safe = [safe_lr(X) for X in inputs]
    paths = sgd_runs(inputs, start, target, [s or 0.0 for s in safe], 1, seed=seed)
    e0 = np.asarray(start, dtype=np.float64) - np.asarray(target, dtype=np.float64)
    rows = []
    for fix, X, lr, p in zip(FIXES, inputs, safe, paths):
        H = second_moment(X)
        lam = np.linalg.eigvalsh(H)
        best = 2.0 / (lam[0] + lam[-1]) if lam[-1] > 0 else np.nan
        best_steps = gd_iterations(H, e0, best, REACHED) if lam[-1] > 0 else None
        rows.append({"fix": fix, "own_steps": np.nan if p.reached_at is None else p.reached_at,
                     "share_forbidden": p.share_forbidden, "kappa": kappa(H),
                     "sgd_safe_lr": np.nan if lr is None else lr,
                     "stable_lr": 2.0 / lam[-1] if lam[-1] > 0 else np.nan, "best_lr": best,
                     "best_steps": np.nan if best_steps is None else best_steps})
    return pd.DataFrame(rows)
