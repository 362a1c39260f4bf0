"""CS231n's two drawbacks of sigmoid hidden units, measured side by side: the vanishing gradient through a deep sigmoid
net against the zig-zag's cost for one neuron fed sigmoid outputs, with one sample and with the full batch per step.

The zig-zag runs on the Not zero-centred page's engine (experiments.zigzag); its calls live here only."""

import pandas as pd

from experiments.zigzag.race import batch_race
from sigcore.probes import gradient_factor

from .compare import gradient_flow

DEPTH, WIDTH = 10, 64
"""The deep net: DEPTH sigmoid layers of WIDTH units, Xavier init (the sigmoid's customary one)."""
N, SPREAD = 50, 1.0
START, TARGET = (1.0, -1.0), (-1.0, 1.2)
"""The one neuron: N samples of two inputs, and the weights' start and target (the target lies NW of the start, the
direction sigmoid outputs cannot step in)."""
INPUTS = {"none": "sigmoid outputs", "centre": "the same, centred"}


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
    inputs centred, one sample per step (batch 1) and the full batch (batch n): the Not zero-centred page's batch race
    (each input at its fastest of race.SWEEP multiples of its own safe rate), so both pages state the same numbers.
    Rows fix, batch, lr, updates (NaN if no rate reached it), share_forbidden (the share of its updates that moved
    NW or SE, which one-signed inputs forbid one sample at a time)."""
    sweep = batch_race(1, *start, *target, n=n, spread=spread, seed=seed, fixes=tuple(INPUTS))["sweep"]
    ends = sweep[sweep["batch"].isin([1, n])]
    return ends[["fix", "batch", "lr", "updates", "share_forbidden"]].reset_index(drop=True)


def zigzag_factor(cost, batch):
    """From zigzag_cost indexed by (fix, batch): the sigmoid inputs' updates over the centred inputs' at a batch size,
    or None when either did not arrive."""
    a, b = cost.loc[("none", batch), "updates"], cost.loc[("centre", batch), "updates"]
    return None if pd.isna(a) or pd.isna(b) or b == 0 else float(a) / float(b)
