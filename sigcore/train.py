"""Plain SGD training that returns a History of per-epoch, per-layer statistics; it never prints."""
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .stats import layer_stats

DIVERGENCE = 100.0
"""A run has diverged when its loss is not finite or exceeds DIVERGENCE x its value at init."""


@dataclass
class History:
    """Row e describes the weights after e epochs (row 0: at init). Layer l = 1..L, L is the output layer."""

    epochs: list = field(default_factory=list)
    loss: list = field(default_factory=list)
    accuracy: list = field(default_factory=list)
    layers: list = field(default_factory=list)  # per epoch: list of dicts, one per layer
    diverged_at: int | None = None
    diverged_reason: str = ""

    def to_frame(self):
        """Tidy: one row per (epoch, layer) with loss, accuracy, act_mean, act_std, saturated, dead, grad_norm."""
        rows = [{"epoch": e, "loss": loss, "accuracy": acc, **layer}
                for e, loss, acc, per_layer in zip(self.epochs, self.loss, self.accuracy, self.layers)
                for layer in per_layer]
        return pd.DataFrame(rows)

    def record(self, epoch, loss, output, positive, weights, lr):
        """Add epoch's loss and accuracy (output > 1/2 where positive) and return True; or, if training has diverged,
        say why (weights, an iterable of the layers' weights, is read only once the loss is off) and return False."""
        start = self.loss[0] if self.loss else loss
        if np.isfinite(loss) and loss <= DIVERGENCE * max(start, 1e-12):
            self.epochs.append(epoch)
            self.loss.append(float(loss))
            self.accuracy.append(np.count_nonzero((output > 0.5) == positive) / positive.size)
            return True
        overflowed = [l for l, W in enumerate(weights, start=1) if not np.all(np.isfinite(W))]
        reason = (f"the weights of layer {overflowed[0]} overflowed" if overflowed else
                  f"the loss became {loss}" if not np.isfinite(loss) else
                  f"the loss grew from {start:.3g} to {loss:.3g} (over {DIVERGENCE:g}x its start)")
        self.diverged_at = epoch
        self.diverged_reason = f"{reason} at epoch {epoch}: lower the learning rate (now {lr:g})"
        return False


def epochs_to_show(epochs, k, spacing="linear"):
    """At most k + 1 of the epochs 0..epochs, sorted: evenly spaced, or "geometric" (dense early) -> list of int."""
    epochs, k = int(epochs), int(k)
    if spacing == "geometric":
        grid = np.round(np.geomspace(1, epochs + 1, k + 1)) - 1
    else:
        grid = np.round(np.linspace(0, epochs, min(k, epochs) + 1))
    return np.unique(grid.astype(int)).tolist()


def train(net, X, y, loss="bce", lr=0.1, epochs=100, batch_size=None, seed=0, on_epoch=None, stats=layer_stats):
    """Plain SGD on X: (n, d), y: (n, k); batch_size None is full batch. on_epoch(e, epochs) reports progress.
    stats(net, trace, grads) -> per-layer dicts, recorded each epoch (grads is None when batch_size is below n,
    except for layer_stats, which needs them); False records none (loss and accuracy always are), which roughly
    halves the time of a small net's epoch."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64).reshape(len(X), -1)
    n = len(X)
    batch = n if batch_size is None else max(1, min(int(batch_size), n))
    rng = np.random.default_rng(seed)
    history = History()
    positive = y > 0.5
    with np.errstate(all="ignore"):
        for epoch in range(epochs + 1):
            trace = net.forward(X)
            value, delta = net.loss_and_delta(trace, y, loss)
            # the full batch's gradients: its step, or layer_stats' norms
            grads = net.backward(trace, delta) if batch == n or stats is layer_stats else None
            if not history.record(epoch, value, trace.output, positive, net.weights, lr):
                break
            if stats:
                history.layers.append(stats(net, trace, grads))
            if epoch == epochs:
                break
            if batch == n:
                _step(net, grads, lr)
            else:
                order = rng.permutation(n)
                for start in range(0, n, batch):
                    idx = order[start:start + batch]
                    _step(net, net.loss_and_grads(X[idx], y[idx], loss)[1], lr)
            if on_epoch is not None:
                on_epoch(epoch + 1, epochs)
    return history


def _step(net, grads, lr):
    for W, b, dW, db in zip(net.weights, net.biases, grads.dW, grads.db):
        W -= lr * dW
        b -= lr * db
