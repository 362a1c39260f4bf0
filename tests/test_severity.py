"""The verdict's measurements: the sigmoid's vanishing gradient against the zig-zag's cost, as the page states them."""
import numpy as np
import pytest

from experiments import compare as cmp
from experiments import severity
from experiments.zigzag import race
from sigcore.probes import probe


@pytest.fixture(scope="module")
def cost():
    return severity.zigzag_cost().set_index(["fix", "batch"])


def test_vanishing_is_the_probes_delta_through_ten_xavier_sigmoid_layers():
    v = severity.vanishing("sigmoid")
    frame, _ = probe("sigmoid", severity.DEPTH, severity.WIDTH, "xavier", 64, 0, hist=False)
    assert v["total"] == pytest.approx(frame.delta_norm.iloc[0] / frame.delta_norm.iloc[-1])
    assert v["per_layer"] == pytest.approx(v["total"] ** (-1 / (severity.DEPTH - 1)))


def test_the_sigmoid_loses_about_four_times_per_layer_with_almost_no_unit_saturated():
    """So the page names the slope (at most 1/4) and the vanishing gradient, not saturation, at init."""
    v = severity.vanishing("sigmoid")
    assert 3.5 < v["per_layer"] < 5 and v["total"] < 1e-5 and v["saturated"] < 0.001
    assert severity.vanishing("tanh")["total"] > 0.1 and severity.vanishing("relu")["total"] > 0.1


def test_the_zigzag_costs_the_sigmoid_inputs_more_updates_at_both_batch_sizes(cost):
    one = cost.loc[("none", 1), "updates"] / cost.loc[("centre", 1), "updates"]
    full = cost.loc[("none", severity.N), "updates"] / cost.loc[("centre", severity.N), "updates"]
    assert one > 2 and full > 2


def test_a_batch_lifts_the_one_sign_restriction_not_the_cost(cost):
    """One sample at a time sigmoid inputs never step NW or SE; the full batch does, yet the gap in updates widens."""
    assert cost.loc[("none", 1), "share_forbidden"] == 0 and cost.loc[("none", severity.N), "share_forbidden"] > 0.2
    one = cost.loc[("none", 1), "updates"] / cost.loc[("centre", 1), "updates"]
    full = cost.loc[("none", severity.N), "updates"] / cost.loc[("centre", severity.N), "updates"]
    assert full > one


def test_the_vanishing_gradient_is_orders_of_magnitude_more_severe(cost):
    """CS231n's 'less severe', measured: the gradient lost through 10 layers against the zig-zag's worst factor."""
    worst = (cost.xs("none").updates / cost.xs("centre").updates).max()
    assert 1 / severity.vanishing("sigmoid")["total"] > 1000 * worst


def test_the_zigzag_numbers_are_the_not_zero_centred_pages_batch_race_at_batch_1_and_the_full_batch(cost):
    sweep = race.batch_race(8)["sweep"].set_index(["fix", "batch"])
    for key in cost.index:
        assert cost.loc[key, "updates"] == sweep.loc[key, "updates"] and cost.loc[key, "lr"] == sweep.loc[key, "lr"]
    X = race.race_inputs("centre", severity.N, severity.SPREAD, 0)
    assert np.isclose(cost.loc[("centre", 1), "lr"] / race.safe_lr(X), race.SWEEP).any()


def test_vanishing_uses_the_pages_gradient_flow():
    frame = cmp.gradient_flow("tanh", severity.DEPTH, severity.WIDTH)
    v = severity.vanishing("tanh")
    assert v["total"] == pytest.approx(frame.delta_norm.iloc[0] / frame.delta_norm.iloc[-1])


def test_zigzag_factor_is_the_ratio_of_updates_and_none_when_a_run_did_not_arrive(cost):
    assert severity.zigzag_factor(cost, 1) == cost.loc[("none", 1), "updates"] / cost.loc[("centre", 1), "updates"]
    missing = cost.copy()
    missing.loc[("centre", 1), "updates"] = np.nan
    assert severity.zigzag_factor(missing, 1) is None
