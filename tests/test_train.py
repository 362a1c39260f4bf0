"""Training: the loss falls, divergence is caught and explained, the History is tidy."""
import numpy as np

import sigcore
from sigcore import MLP, data, train
from sigcore.train import epochs_to_show


def test_training_lowers_the_loss_on_xor_with_tanh():
    X, y = data.make("xor", n=200, noise=0.05, seed=0)
    h = train(MLP([2, 16, 1], hidden="tanh", seed=0), X, y, lr=0.5, epochs=300)
    assert h.diverged_at is None
    assert h.loss[-1] < 0.5 * h.loss[0] and h.accuracy[-1] > 0.9


def test_huge_learning_rate_sets_diverged_at():
    X, y = data.make("xor", n=200, seed=0)
    h = train(MLP([2, 16, 1], hidden="tanh", seed=0), X, y, lr=1e3, epochs=100)
    assert h.diverged_at is not None and 0 < h.diverged_at < 100
    assert "lower the learning rate" in h.diverged_reason
    assert len(h.loss) == h.diverged_at and np.isfinite(h.loss).all()


def test_history_frame_has_one_row_per_epoch_and_layer_with_shares_in_0_1():
    X, y = data.make("moons", n=100, seed=1)
    h = train(MLP([2, 8, 8, 1], hidden="sigmoid", seed=0), X, y, lr=0.5, epochs=50, batch_size=10)
    df = h.to_frame()
    assert len(df) == 51 * 3
    assert {"epoch", "loss", "accuracy", "layer", "act_mean", "act_std", "saturated", "dead", "grad_norm"} <= set(df)
    assert df[["saturated", "dead"]].stack().between(0, 1).all()


def test_same_seed_same_history():
    X, y = data.make("circles", n=80, seed=2)
    a = train(MLP([2, 8, 1], seed=4), X, y, epochs=20, batch_size=16, seed=5)
    b = train(MLP([2, 8, 1], seed=4), X, y, epochs=20, batch_size=16, seed=5)
    assert a.loss == b.loss


def test_relu_dead_units_are_counted_and_leaky_has_none():
    X, y = data.make("blobs", n=100, seed=0)
    net = MLP([2, 10, 1], hidden="relu", seed=0)
    net.biases[0][:] = -100.0  # every hidden unit off for every input
    assert train(net, X, y, epochs=1).to_frame().query("layer == 1").dead.iloc[0] == 1.0
    leaky = MLP([2, 10, 1], hidden="leaky_relu", seed=0)
    leaky.biases[0][:] = -100.0
    assert train(leaky, X, y, epochs=1).to_frame().query("layer == 1").dead.max() == 0.0
    assert sigcore.SATURATION > 0


def test_a_stats_function_records_only_what_it_returns():
    X, y = data.make("moons", 100, 0.1, 0)
    full = train(MLP([2, 16, 16, 1], hidden="relu", init="he", seed=1), X, y, lr=1.0, epochs=20)
    light = train(MLP([2, 16, 16, 1], hidden="relu", init="he", seed=1), X, y, lr=1.0, epochs=20,
                  stats=sigcore.stats.dead_units)
    assert light.loss == full.loss
    assert [[layer["dead"] for layer in epoch] for epoch in light.layers] == \
           [[layer["dead"] for layer in epoch] for epoch in full.layers]
    assert any(layer["dead"] > 0 for epoch in light.layers for layer in epoch)


def test_mini_batch_activation_stats_match_the_full_statistics():
    X, y = data.make("circles", 120, 0.1, 0)
    full = train(MLP([2, 8, 8, 1], seed=2), X, y, lr=0.5, epochs=10, batch_size=30)
    light = train(MLP([2, 8, 8, 1], seed=2), X, y, lr=0.5, epochs=10, batch_size=30,
                  stats=sigcore.stats.activation_stats)
    assert light.loss == full.loss and light.accuracy == full.accuracy
    keys = ("layer", "act_mean", "act_std", "saturated")
    assert [[{k: row[k] for k in keys} for row in epoch] for epoch in full.layers] == light.layers


def test_epochs_to_show_are_at_most_k_plus_one_sorted_from_0_to_the_last_epoch():
    for spacing in ("linear", "geometric"):
        for epochs, k in [(0, 5), (7, 20), (300, 40)]:
            shown = epochs_to_show(epochs, k, spacing)
            assert shown[0] == 0 and shown[-1] == epochs and len(shown) <= k + 1 and shown == sorted(set(shown))
    assert epochs_to_show(10, 20) == list(range(11))
    early = epochs_to_show(300, 40, "geometric")
    assert early[1] - early[0] < early[-1] - early[-2]  # dense early
