"""Toy datasets: shapes, labels, determinism per seed."""
import numpy as np
import pytest

from sigcore import data


@pytest.mark.parametrize("name", list(data.MAKERS))
def test_shapes_labels_and_determinism(name):
    X, y = data.make(name, n=101, noise=0.1, seed=3)
    assert X.shape == (101, 2) and y.shape == (101, 1) and X.dtype == np.float64
    assert set(np.unique(y)) == {0.0, 1.0}
    X2, y2 = data.make(name, n=101, noise=0.1, seed=3)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    assert not np.array_equal(X, data.make(name, n=101, noise=0.1, seed=4)[0])


def test_unknown_dataset_and_too_few_points():
    with pytest.raises(ValueError, match="xor"):
        data.make("mnist")
    with pytest.raises(ValueError):
        data.make("xor", n=1)


def test_grid_lines_span_the_data_plus_the_margin_evenly():
    X = np.array([[0.0, -1.0], [2.0, 3.0]])
    x0, x1 = data.grid_lines(X, 5, margin=0.5)
    np.testing.assert_allclose(x0, [-0.5, 0.25, 1.0, 1.75, 2.5])
    np.testing.assert_allclose(x1, [-1.5, -0.25, 1.0, 2.25, 3.5])
