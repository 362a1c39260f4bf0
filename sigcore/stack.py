"""Several MLPs of one shape trained in lockstep: each layer's weights stacked on a leading runs axis, so one
matmul computes that layer for every run. Forward and backward are sigcore.mlp's, train_stack is sigcore.train for
every run at once."""
import numpy as np

from . import losses
from .mlp import MLP
from .train import History


class Stack(MLP):
    """R nets of the same sizes and output (hidden activations may differ) as one MLP whose arrays carry a leading
    runs axis: weights[l]: (R, n_in, n_out), biases[l]: (R, 1, n_out); forward, backward and the loss are MLP's.
    Run r is nets[r]; the nets themselves are not changed."""

    def __init__(self, nets):
        if len({tuple(net.sizes) for net in nets}) != 1 or len({net.output.name for net in nets}) != 1:
            raise ValueError("a Stack needs nets of the same sizes and output activation")
        self.sizes, self.output = nets[0].sizes, nets[0].output
        self.hidden = [net.hidden for net in nets]
        self.weights = [np.stack([net.weights[l] for net in nets]) for l in range(len(self.sizes) - 1)]
        self.biases = [np.stack([net.biases[l] for net in nets])[:, None, :] for l in range(len(self.sizes) - 1)]
        self.runs = Runs(self.hidden)

    def __len__(self):
        return len(self.hidden)

    @property
    def acts(self):
        """The activation of each layer: each run's hidden ones (as one), then the output one."""
        return [self.runs] * (len(self.weights) - 1) + [self.output]

    def loss_and_delta(self, trace, y, loss="bce"):
        """From a Trace: (each run's mean loss, (R,), and delta = dL/dz of the output layer); y: (n, k) is shared.
        MLP.loss_of gives the losses alone, and the Grads of their sum are each run's own (the runs share no weight)."""
        return losses.get(loss)(trace.z[-1], trace.output, y, self.output)


class Runs:
    """Each run's hidden activation of z: (R, n, w), and its slope, group by group (runs sharing an activation)."""

    def __init__(self, acts):
        kinds = {}
        for r, act in enumerate(acts):
            kinds.setdefault(act.name, (act, []))[1].append(r)
        # neighbouring runs as a slice, whose z[runs] is a view, not a copy (15 % off a mixed stack's training)
        self.groups = [(act, slice(runs[0], runs[-1] + 1) if runs[-1] - runs[0] == len(runs) - 1 else np.array(runs))
                       for act, runs in kinds.values()]

    def __call__(self, z, a=None):
        """f(z) run by run; given a = f(z), the slope f'(z) instead."""
        if len(self.groups) == 1:
            act = self.groups[0][0]
            return act(z) if a is None else act.grad(z, a)
        out = np.empty_like(z)
        for act, runs in self.groups:
            out[runs] = act(z[runs]) if a is None else act.grad(z[runs], a[runs])
        return out

    grad = __call__


def train_stack(stack, X, y, loss="bce", lr=0.1, epochs=100, batch_size=None, seed=0, on_epoch=None, stats=None):
    """sigcore.train(stats=False, or a stats function) for every run of the stack at once: the same mini-batches in
    the same order for all. A run that diverges stops there (its weights freeze), the others go on. stats(stack,
    trace) -> for each run its per-layer dicts, recorded per epoch. Returns one History per run."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64).reshape(len(X), -1)
    n = len(X)
    batch = n if batch_size is None else max(1, min(int(batch_size), n))
    rng = np.random.default_rng(seed)
    histories = [History() for _ in range(len(stack))]
    alive = np.ones(len(stack), dtype=bool)
    positive = y > 0.5
    with np.errstate(all="ignore"):
        for epoch in range(epochs + 1):
            trace = stack.forward(X)
            values, delta = stack.loss_and_delta(trace, y, loss)
            rows = stats(stack, trace) if stats else None
            for r in np.flatnonzero(alive):
                weights = (W[r] for W in stack.weights)  # read only if the run diverged
                alive[r] = histories[r].record(epoch, values[r], trace.output[r], positive, weights, lr)
                if alive[r] and rows:
                    histories[r].layers.append(rows[r])
            if epoch == epochs or not alive.any():
                break
            if batch == n:
                _step(stack, stack.backward(trace, delta), lr, alive)
            else:
                order = rng.permutation(n)
                for start in range(0, n, batch):
                    idx = order[start:start + batch]
                    _step(stack, stack.loss_and_grads(X[idx], y[idx], loss)[1], lr, alive)
            if on_epoch is not None:
                on_epoch(epoch + 1, epochs)
    return histories


def _step(stack, grads, lr, alive):
    """One SGD step for the runs still alive (a diverged run's weights stay as they were)."""
    keep = alive[:, None, None]
    for W, b, dW, db in zip(stack.weights, stack.biases, grads.dW, grads.db):
        np.subtract(W, lr * dW, out=W, where=keep)
        np.subtract(b, lr * db, out=b, where=keep)
