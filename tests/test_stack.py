"""sigcore.stack: nets trained in lockstep give what sigcore.train gives each net alone, and its gradients are the
loss's slopes (central finite differences)."""
import numpy as np
import pytest

from sigcore import MLP, data, train
from sigcore.stack import Stack, train_stack

PAIRS = [("sigmoid", "xavier"), ("sigmoid", "xavier4"), ("tanh", "xavier"), ("relu", "he"), ("sigmoid", "too_small")]


def nets(sizes, pairs=PAIRS, seed=0):
    return [MLP(sizes, hidden=h, init=s, seed=seed) for h, s in pairs]


@pytest.mark.parametrize("sizes, batch", [([2, 16, 1], 50), ([2, 8, 8, 1], 50), ([2, 8, 8, 1], None)])
def test_lockstep_training_matches_one_net_at_a_time(sizes, batch):
    X, y = data.make("circles", 120, 0.1, 3)
    stack = Stack(nets(sizes))
    together = train_stack(stack, X, y, "bce", lr=0.5, epochs=30, batch_size=batch, seed=3)
    for r, net in enumerate(nets(sizes)):
        alone = train(net, X, y, "bce", lr=0.5, epochs=30, batch_size=batch, seed=3, stats=False)
        assert np.allclose(together[r].loss, alone.loss, rtol=0, atol=1e-12)
        assert together[r].accuracy == alone.accuracy
        for W, W_alone in zip(stack.weights, net.weights):
            assert np.allclose(W[r], W_alone, rtol=0, atol=1e-12)


def test_a_diverging_run_stops_alone_where_sigcore_train_stops_it():
    X, y = data.make("xor", 100, 0.1, 0)
    pairs = [("relu", "too_large"), ("sigmoid", "xavier4")]
    histories = train_stack(Stack(nets([2, 32, 32, 32, 1], pairs)), X, y, "bce", lr=5.0, epochs=40, batch_size=50)
    alone = [train(net, X, y, "bce", lr=5.0, epochs=40, batch_size=50, stats=False)
             for net in nets([2, 32, 32, 32, 1], pairs)]
    assert alone[0].diverged_at is not None and alone[1].diverged_at is None
    assert histories[0].diverged_at == alone[0].diverged_at
    assert histories[0].diverged_reason == alone[0].diverged_reason
    assert np.allclose(histories[1].loss, alone[1].loss, rtol=0, atol=1e-12) and len(histories[1].loss) == 41


def test_stacked_gradients_match_central_finite_differences():
    X, y = data.make("moons", 12, 0.1, 1)
    stack = Stack(nets([2, 5, 4, 1]))
    grads = stack.loss_and_grads(X, y)[1]
    h = 1e-6

    def total():
        return stack.loss_of(stack.forward(X), y).sum()  # the runs share no weight: each slope is its own run's

    for params, slopes in ((stack.weights, grads.dW), (stack.biases, grads.db)):
        for P, dP in zip(params, slopes):
            for index in np.ndindex(P.shape):
                keep = P[index]
                P[index] = keep + h
                up = total()
                P[index] = keep - h
                down = total()
                P[index] = keep
                assert (up - down) / (2 * h) == pytest.approx(dP[index], abs=1e-7)


def test_a_stack_needs_nets_of_one_shape():
    with pytest.raises(ValueError, match="same sizes"):
        Stack([MLP([2, 4, 1]), MLP([2, 8, 1])])
