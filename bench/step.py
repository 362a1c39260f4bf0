"""One training step (loss, gradients, SGD update) in sigcore and, when it happens to be installed, PyTorch."""
import time

from threadpoolctl import threadpool_limits

import sigcore

NETS = [([2, 32, 32, 1], 500), ([2, 64, 64, 64, 64, 1], 500), ([2] + [16] * 8 + [1], 200)]


ROUNDS, STEPS = 7, 50


def _best_mean(step):
    """Seconds per step: the best of ROUNDS rounds of STEPS steps each (timeit's rule: noise only adds time)."""
    for _ in range(10):
        step()
    times = []
    for _ in range(ROUNDS):
        t = time.perf_counter()
        for _ in range(STEPS):
            step()
        times.append((time.perf_counter() - t) / STEPS)
    return min(times)


def sigcore_step(sizes, n):
    """Seconds of one full-batch step of a sigmoid net, X: (n, 2), BLAS on one thread."""
    X, y = sigcore.data.make("spiral", n=n, seed=0)
    net = sigcore.MLP(sizes, hidden="sigmoid", seed=0)

    def step():
        _, g = net.loss_and_grads(X, y)
        for W, b, dW, db in zip(net.weights, net.biases, g.dW, g.db):
            W -= 0.1 * dW
            b -= 0.1 * db

    with threadpool_limits(1):
        return _best_mean(step)


def torch_step(sizes, n):
    """The same step in PyTorch (float64, CPU, one thread), or None if PyTorch is not installed."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    X, y = (torch.tensor(a) for a in sigcore.data.make("spiral", n=n, seed=0))
    layers = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        layers += [torch.nn.Linear(n_in, n_out, dtype=torch.float64), torch.nn.Sigmoid()]
    net = torch.nn.Sequential(*layers[:-1])
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    loss = torch.nn.BCEWithLogitsLoss()

    def step():
        opt.zero_grad()
        loss(net(X), y).backward()
        opt.step()

    return _best_mean(step)
