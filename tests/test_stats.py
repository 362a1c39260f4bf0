"""Per-layer statistics (sigcore.stats): the binned shares agree with NumPy's histogram, row by row."""
import numpy as np
import pytest

from sigcore.stats import shares


@pytest.mark.parametrize("lo, hi", [(0.0, 1.0), (-1.0, 1.0), (-3.2, 7.1)])
def test_shares_are_each_rows_np_histogram_over_its_size(lo, hi):
    a = np.random.default_rng(0).uniform(lo - 0.5, hi + 0.5, (3, 2, 500))
    a[0, 0, :3] = lo, hi, np.nextafter(hi, lo)  # both ends count (the last bin is closed), and rounding keeps them in
    got = shares(a, lo, hi, bins=40)
    assert got.shape == (3, 2, 40)
    for row, share in zip(a.reshape(6, -1), got.reshape(6, -1)):
        counts, _ = np.histogram(row, bins=40, range=(lo, hi))
        assert np.allclose(share, counts / row.size)


def test_shares_leave_out_nan_and_take_empty_rows():
    assert shares(np.array([0.5, np.nan]), 0.0, 1.0, 4).tolist() == [0.0, 0.0, 0.5, 0.0]
    assert shares(np.zeros((2, 0)), 0.0, 1.0, 3).tolist() == [[0.0] * 3] * 2
