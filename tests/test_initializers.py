"""Initializers: Var(W) of each scheme matches its formula on a 1000 x 1000 draw; biases start at zero."""
import numpy as np
import pytest

from sigcore import MLP, initializers


@pytest.mark.parametrize("name", [n for n in initializers.REGISTRY if n != "zeros"])
def test_variance_matches_formula(name):
    W = initializers.get(name)(1000, 1000, np.random.default_rng(0))
    assert W.shape == (1000, 1000)
    assert W.var() == pytest.approx(initializers.variance(name, 1000, 1000), rel=0.03)
    assert abs(W.mean()) < 0.01 * W.std()


def test_standard_has_n_var_one_third():
    W = initializers.get("standard")(500, 300, np.random.default_rng(0))
    assert 500 * W.var() == pytest.approx(1 / 3, rel=0.03)
    assert np.abs(W).max() <= 1 / np.sqrt(500)


def test_normal_and_xavier4_and_callables():
    rng = np.random.default_rng(0)
    assert initializers.normal(0.5)(400, 400, rng).std() == pytest.approx(0.5, rel=0.03)
    W = initializers.get("xavier4")(400, 400, rng)
    assert W.var() == pytest.approx(16 * 2 / 800, rel=0.03)
    net = MLP([3, 2], init=lambda n_in, n_out, rng: np.full((n_in, n_out), 7.0))
    assert (net.weights[0] == 7).all() and (net.biases[0] == 0).all()


def test_same_seed_same_weights():
    a, b = MLP([2, 8, 1], seed=3), MLP([2, 8, 1], seed=3)
    assert all(np.array_equal(x, y) for x, y in zip(a.weights, b.weights))
