"""ui.numbers: one style for numbers on every page."""
import math

import pytest

from ui.numbers import pct, sci, times


@pytest.mark.parametrize("x, shown", [(0, "0"), (0.123456, "0.123"), (57.4321, "57.4"), (0.001, "0.001"),
                                      (6400.0, "6,400"), (12345.6, "12,346"), (2.3e-8, "2.3 × 10⁻⁸"), (4.6e5, "4.6 × 10⁵"),
                                      (-2.5e-9, "-2.5 × 10⁻⁹")])
def test_sci_writes_powers_of_ten_out_never_e_notation(x, shown):
    assert sci(x) == shown


@pytest.mark.parametrize("x", [None, math.nan, math.inf, -math.inf])
def test_sci_says_n_a_for_what_is_not_a_number(x):
    assert sci(x) == "n/a"


@pytest.mark.parametrize("x, shown", [(0.42, "0.42×"), (1.5, "1.5×"), (57.3, "57×"), (1234.4, "1,200×"),
                                      (457123, "460,000×"), (2.3e-8, "2.3 × 10⁻⁸×"), (3e7, "3.0 × 10⁷×")])
def test_times_gives_a_factor_two_significant_figures(x, shown):
    assert times(x) == shown


@pytest.mark.parametrize("share, shown", [(0, "0%"), (7e-5, "0.007%"), (0.065, "6.5%"), (0.48, "48%"), (1, "100%"),
                                           (9.3e-10, "9.3 × 10⁻⁸%")])
def test_pct_keeps_a_small_nonzero_share_visible(share, shown):
    assert pct(share) == shown
