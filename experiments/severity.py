"""CS231n's two drawbacks of sigmoid hidden units, measured side by side: the vanishing gradient through a deep sigmoid
net against the zig-zag's cost for one neuron fed sigmoid outputs, with one sample and with the full batch per step.

The zig-zag runs on the Not zero-centred page's engine (experiments.zigzag); its calls live here only."""
import numpy as np
import pandas as pd

from experiments.zigzag.race import race_inputs
from experiments.zigzag.sgd import sgd_runs
from sigcore.probes import gradient_factor

from .compare import gradient_flow

DEPTH, WIDTH = 10, 64
"""The deep net: DEPTH sigmoid layers of WIDTH units, Xavier init (the sigmoid's customary one)."""
N, SPREAD = 50, 1.0
START, TARGET = (1.0, -1.0), (-1.0, 1.2)
"""The one neuron: N samples of two inputs, and the weights' start and target (the target lies NW of the start, the
direction sigmoid outputs cannot step in)."""
INPUTS = {"none": "sigmoid outputs", "centre": "the same, centred"}
LR_GRID = np.geomspace(0.5, 8.0, 12)
"""Learning rates tried per input kind and batch size, as multiples of the kind's one-sample safe rate 2/max|x_n|^2."""


def vanishing(hidden="sigmoid", depth=DEPTH, width=WIDTH, seed=0):
    """The gradient lost through a deep net at its customary init: per_layer (the factor |delta| shrinks by per
    layer down, geometric mean), total (|delta_1| / |delta_top|) and saturated (the mean share of units saturated)."""
    frame = gradient_flow(hidden, depth, width, None, seed=seed)
    delta = frame["delta_norm"].to_numpy()
    total = float(delta[0] / delta[-1]) if delta[-1] > 0 else 0.0
    factor = gradient_factor(delta)
    per_layer = 1.0 / factor if factor > 0 else float("inf")  # shown as what is lost: the factor's reciprocal
    return {"per_layer": per_layer, "total": total, "saturated": float(frame["saturated"].mean())}


def zigzag_cost(n=N, spread=SPREAD, seed=0, start=START, target=TARGET):
    """Updates one linear neuron needs to reach the target with sigmoid outputs as its inputs, and with the same
    inputs centred, each at its best learning rate of LR_GRID (times its safe rate), one sample per step (batch 1)
    and the full batch (batch n): rows fix, batch, lr, updates (NaN if no rate reached it), share_forbidden (the
    share of its updates that moved NW or SE, which one-signed inputs forbid one sample at a time)."""
    fixes = list(INPUTS)
    Xs = np.stack([race_inputs(fix, n, spread, seed) for fix in fixes])
    safe = 2.0 / np.max(np.sum(Xs * Xs, axis=2), axis=1)
    runs = [(i, b, lr) for i in range(len(fixes)) for b in (1, n) for lr in safe[i] * LR_GRID]
    paths = sgd_runs(Xs, start, target, [lr for *_, lr in runs], [b for _, b, _ in runs], seed=seed,
                     inputs=[i for i, *_ in runs])
    rows = [{"fix": fixes[i], "batch": b, "lr": lr, "updates": p.reached_at, "share_forbidden": p.share_forbidden}
            for (i, b, lr), p in zip(runs, paths) if p.reached_at is not None]
    tried = pd.DataFrame(rows, columns=["fix", "batch", "lr", "updates", "share_forbidden"])
    best = tried.sort_values(["updates", "lr"]).groupby(["fix", "batch"], as_index=False).first()
    every = pd.DataFrame([(f, b) for f in fixes for b in (1, n)], columns=["fix", "batch"])
    return every.merge(best, how="left", on=["fix", "batch"])
