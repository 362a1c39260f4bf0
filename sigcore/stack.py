"""Several MLPs of one shape trained in lockstep: each layer's weights stacked on a leading runs axis, so one
np.matmul computes that layer for every run. Same math as sigcore.mlp and sigcore.train, one net per slice."""
import numpy as np

from . import losses
from .mlp import Grads, Trace
from .train import History


class Stack:
    """R nets of the same sizes and output (hidden activations may differ): weights[l]: (R, n_in, n_out), biases[l]:
    (R, 1, n_out). Run r is nets[r]; the nets themselves are not changed."""

    def __init__(self, nets):
        if len({tuple(net.sizes) for net in nets}) != 1 or len({net.output.name for net in nets}) != 1:
            raise ValueError("a Stack needs nets of the same sizes and output activation")
        self.sizes, self.output = nets[0].sizes, nets[0].output
        self.hidden = [net.hidden for net in nets]
        self.weights = [np.stack([net.weights[l] for net in nets]) for l in range(len(self.sizes) - 1)]
        self.biases = [np.stack([net.biases[l] for net in nets])[:, None, :] for l in range(len(self.sizes) - 1)]
        kinds = {}
        for r, act in enumerate(self.hidden):
            kinds.setdefault(act.name, (act, []))[1].append(r)
        self.groups = [(act, np.array(runs)) for act, runs in kinds.values()]  # runs sharing a hidden activation

    def __len__(self):
        return len(self.hidden)

    def _hidden(self, z, a=None):
        """Each run's hidden activation of z: (R, n, w), or its slope given a, group by group."""
        if len(self.groups) == 1:
            act = self.groups[0][0]
            return act(z) if a is None else act.grad(z, a)
        out = np.empty_like(z)
        for act, runs in self.groups:
            out[runs] = act(z[runs]) if a is None else act.grad(z[runs], a[runs])
        return out

    def forward(self, X):
        """X: (n, sizes[0]), shared by every run -> Trace with z[l], a[l+1]: (R, n, sizes[l+1]); a[0] is X."""
        a = np.asarray(X, dtype=np.float64)
        trace = Trace([], [a])
        last = len(self.weights) - 1
        for l, (W, b) in enumerate(zip(self.weights, self.biases)):
            z = np.matmul(a, W)
            z += b
            a = self.output(z) if l == last else self._hidden(z)
            trace.z.append(z)
            trace.a.append(a)
        return trace

    def backward(self, trace, delta):
        """Backpropagate delta = dL/dz of the output layer, (R, n, k), through the trace -> Grads, each with the
        runs axis first (dW[l] like weights[l], db[l] like biases[l])."""
        L = len(self.weights)
        dW, db, deltas = [None] * L, [None] * L, [None] * L
        ones = np.ones(delta.shape[1])
        for l in reversed(range(L)):
            deltas[l] = delta
            dW[l] = np.matmul(np.swapaxes(trace.a[l], -1, -2), delta)
            db[l] = np.matmul(ones, delta)[:, None, :]  # delta.sum(1) per run, as one BLAS call
            if l > 0:
                W_T = np.swapaxes(self.weights[l], -1, -2)
                # from one output unit, delta W^T is an outer product: as a broadcast product, 2-3x faster than matmul
                da = delta * W_T if delta.shape[-1] == 1 else np.matmul(delta, W_T)
                da *= self._hidden(trace.z[l - 1], trace.a[l])
                delta = da
        return Grads(dW, db, deltas)

    def losses_of(self, trace, y, loss="bce"):
        """Each run's mean loss, (R,): y: (n, k) is shared by the runs."""
        return losses.get(loss)(trace.z[-1], trace.output, y, self.output)[0]

    def grads_of(self, trace, y, loss="bce"):
        """Every run's Grads at once: the summed loss's delta is each run's own, since the runs share no weight."""
        return self.backward(trace, losses.get(loss)(trace.z[-1], trace.output, y, self.output)[1])


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
            values = stack.losses_of(trace, y, loss)
            rows = stats(stack, trace) if stats else None
            for r in np.flatnonzero(alive):
                weights = [W[r] for W in stack.weights]
                alive[r] = histories[r].record(epoch, values[r], trace.output[r], positive, weights, lr)
                if alive[r] and rows:
                    histories[r].layers.append(rows[r])
            if epoch == epochs or not alive.any():
                break
            if batch == n:
                _step(stack, stack.grads_of(trace, y, loss), lr, alive)
            else:
                order = rng.permutation(n)
                for start in range(0, n, batch):
                    idx = order[start:start + batch]
                    _step(stack, stack.grads_of(stack.forward(X[idx]), y[idx], loss), lr, alive)
            if on_epoch is not None:
                on_epoch(epoch + 1, epochs)
    return histories


def _step(stack, grads, lr, alive):
    """One SGD step for the runs still alive (a diverged run's weights stay as they were)."""
    keep = alive[:, None, None]
    for W, b, dW, db in zip(stack.weights, stack.biases, grads.dW, grads.db):
        np.subtract(W, lr * dW, out=W, where=keep)
        np.subtract(b, lr * db, out=b, where=keep)
