"""The deep-net probe: frame shapes, and the per-layer bound delta_l <= max slope x ||W||_2 x delta_{l+1}."""
import numpy as np
import pytest

from sigcore import ACTIVATIONS, activation
from sigcore.probes import deep_net, gradient_factor, probe

HIDDEN = [n for n in ACTIVATIONS if n != "linear"]


@pytest.mark.parametrize("hidden", HIDDEN)
def test_probe_frames(hidden):
    frame, hist = probe(hidden, depth=6, width=16, init="xavier", n=32)
    assert frame.layer.tolist() == list(range(1, 7))
    assert np.isfinite(frame.select_dtypes("number").to_numpy()).all()
    assert np.allclose(hist.groupby("layer").share.sum(), 1.0)


@pytest.mark.parametrize("hidden", HIDDEN)
def test_backpropagated_gradient_obeys_the_slope_bound(hidden):
    depth, width = 8, 32
    frame, _ = probe(hidden, depth=depth, width=width, init="standard", n=64, seed=3)
    net = deep_net(hidden, depth, width, "standard", seed=3)
    spectral = np.array([np.linalg.norm(W, 2) for W in net.weights])
    bound = activation(hidden).max_slope * spectral[1:]
    assert (frame.delta_ratio.to_numpy()[:-1] <= bound + 1e-12).all()


def test_sigmoid_gradient_shrinks_every_layer_at_standard_init():
    frame, _ = probe("sigmoid", depth=10, width=64, init="standard")
    assert (frame.delta_ratio.iloc[:-1] < 1).all()
    assert frame.delta_norm.iloc[0] < 1e-6 * frame.delta_norm.iloc[-1]


@pytest.mark.parametrize("hidden", ACTIVATIONS)
def test_slope_rms_is_the_layers_own_rms_slope_and_under_the_maximum(hidden):
    frame, _ = probe(hidden, 4, 16, "xavier", n=32, hist=False)
    net = deep_net(hidden, 4, 16, "xavier", 0)
    trace = net.forward(np.random.default_rng(1).normal(size=(32, 16)))
    act = activation(hidden)
    expected = [np.sqrt(np.mean(act.grad(z) ** 2)) for z in trace.z]
    assert frame["slope_rms"].to_numpy() == pytest.approx(expected)
    assert (frame["slope_rms"] <= act.max_slope + 1e-12).all()


def test_gradient_factor_is_the_geometric_mean_step_below_one_when_the_gradient_shrinks():
    assert gradient_factor([1.0, 10.0, 100.0]) == pytest.approx(0.1)
    assert gradient_factor([4.0, 2.0, 1.0]) == pytest.approx(2.0)
    assert gradient_factor([0.0, 1.0]) == 0.0 and np.isnan(gradient_factor([1.0, 0.0]))
