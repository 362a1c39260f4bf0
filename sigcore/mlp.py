"""A multilayer perceptron, batch-first: forward and backward side by side, names from the math (z, a, delta)."""
from dataclasses import dataclass

import numpy as np

from . import initializers, losses
from .activations import activation


@dataclass
class Trace:
    """What forward saw: z[l] = the pre-activations of layer l+1, a[l] = the activations of layer l (a[0] is X,
    a[-1] the output)."""

    z: list
    a: list

    @property
    def output(self):
        return self.a[-1]


@dataclass
class Grads:
    """dL/dW and dL/db per layer (shapes as net.weights / net.biases), and delta = dL/dz per layer, (n, width)."""

    dW: list
    db: list
    delta: list


def classifier(width, depth, hidden="sigmoid", init="xavier", seed=0):
    """The lessons' net: 2 inputs, `depth` hidden layers of `width` units with activation `hidden`, 1 sigmoid output."""
    return MLP([2] + [int(width)] * int(depth) + [1], hidden=hidden, output="sigmoid", init=init, seed=seed)


class MLP:
    """sizes = [n_inputs, hidden..., n_outputs]; weights[l]: (sizes[l], sizes[l+1]); biases[l]: (sizes[l+1],)."""

    def __init__(self, sizes, hidden="sigmoid", output="sigmoid", init="xavier", seed=0):
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(f"sizes needs at least two positive entries, got {sizes}")
        self.sizes = [int(s) for s in sizes]
        self.hidden, self.output = activation(hidden), activation(output)
        rng = np.random.default_rng(seed)
        init = initializers.get(init)
        self.weights = [np.asarray(init(n_in, n_out, rng), dtype=np.float64)
                        for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:])]
        self.biases = [np.zeros(n_out) for n_out in self.sizes[1:]]

    @property
    def acts(self):
        """The activation of each layer: hidden ones, then the output one."""
        return [self.hidden] * (len(self.weights) - 1) + [self.output]

    def forward(self, X):
        """X: (n, sizes[0]) -> Trace."""
        a = np.asarray(X, dtype=np.float64)
        trace = Trace([], [a])
        for W, b, act in zip(self.weights, self.biases, self.acts):
            z = a @ W
            z += b
            a = act(z)
            trace.z.append(z)
            trace.a.append(a)
        return trace

    def backward(self, trace, delta):
        """Backpropagate delta = dL/dz of the output layer through the trace -> Grads."""
        L, acts = len(self.weights), self.acts
        dW, db, deltas = [None] * L, [None] * L, [None] * L
        ones = np.ones(delta.shape[-2])
        for l in reversed(range(L)):
            deltas[l] = delta
            dW[l] = trace.a[l].mT @ delta  # mT: the matrix transpose (of each run's, in a Stack)
            db[l] = (ones @ delta).reshape(self.biases[l].shape)  # delta summed over the samples, as one BLAS call
            if l > 0:
                W = self.weights[l]
                # from one output unit, delta W^T is an outer product: as a broadcast product, 2-3x faster in a Stack
                da = delta * W.mT if delta.shape[-1] == 1 else delta @ W.mT
                da *= acts[l - 1].grad(trace.z[l - 1], trace.a[l])
                delta = da
        return Grads(dW, db, deltas)

    def loss_and_grads(self, X, y, loss="bce"):
        """X: (n, d), y: (n, k) -> (mean loss, Grads)."""
        trace = self.forward(X)
        value, delta = self.loss_and_delta(trace, y, loss)
        return value, self.backward(trace, delta)

    def loss_of(self, trace, y, loss="bce"):
        """The mean loss alone, from a Trace."""
        return self.loss_and_delta(trace, y, loss)[0]

    def loss_and_delta(self, trace, y, loss="bce"):
        """From a Trace: (mean loss, delta = dL/dz of the output layer, what backward starts from)."""
        y = np.asarray(y, dtype=np.float64).reshape(trace.output.shape)
        value, delta = losses.get(loss)(trace.z[-1], trace.output, y, self.output)
        return float(value), delta

    def predict(self, X):
        """X: (n, d) -> the output activations, (n, k)."""
        return self.forward(X).output
