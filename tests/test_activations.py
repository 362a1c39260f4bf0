"""Every registered activation: derivative vs finite differences, ranges, slopes, stability at the extremes."""
import warnings

import numpy as np
import pytest
from hypothesis import given, strategies as st

import sigcore
from sigcore import ACTIVATIONS, activation, saturation_edge

NAMES = list(ACTIVATIONS)
finite = st.floats(-1e4, 1e4, allow_nan=False)


@pytest.mark.parametrize("name", NAMES)
def test_grad_matches_central_differences(name):
    act = activation(name)
    z = np.linspace(-6, 6, 241) + 0.013  # avoid ReLU's kink at exactly 0
    h = 1e-6
    numeric = (act(z + h) - act(z - h)) / (2 * h)
    np.testing.assert_allclose(act.grad(z), numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", NAMES)
def test_max_slope_and_range_are_true(name):
    act = activation(name)
    z = np.linspace(-20, 20, 400001)
    slope, value = act.grad(z), act(z)
    assert slope.max() <= act.max_slope + 1e-12
    assert slope.max() >= 0.99 * act.max_slope
    lo, hi = act.output_range
    assert value.min() >= lo - 1e-3 and value.max() <= hi


@pytest.mark.parametrize("name", NAMES)
def test_saturation_and_dying_sides_are_what_the_table_says(name):
    act = activation(name)
    near, far = np.abs(act.grad(np.array([-6.0, 6.0]))), np.abs(act.grad(np.array([-12.0, 12.0])))
    fading = (near > 0) & (near < 0.02 * act.max_slope) & (far < near)  # slope small and still shrinking
    assert tuple(fading) == {"both": (True, True), "left": (True, False), "none": (False, False)}[act.saturates]
    assert (near[0] == 0) == (act.dies == "left")


@pytest.mark.parametrize("name", NAMES)
@given(z=finite)
def test_no_warnings_and_finite_at_extremes(name, z):
    act = activation(name)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isfinite(act(z)) and np.isfinite(act.grad(z))


@given(z=finite)
def test_sigmoid_symmetry_range_and_slope_ceiling(z):
    s = activation("sigmoid")
    assert 0.0 <= s(z) <= 1.0
    assert abs(s(-z) - (1 - s(z))) < 1e-15
    assert 0.0 <= s.grad(z) <= 0.25


def test_sigmoid_exact_tails_and_tanh_identity():
    s, t = activation("sigmoid"), activation("tanh")
    assert s(-1e4) == 0.0 and s(1e4) == 1.0
    z = np.linspace(-30, 30, 10001)
    np.testing.assert_allclose(t(z), 2 * s(2 * z) - 1, rtol=0, atol=1e-12)
    assert s(-40.0) == pytest.approx(np.exp(-40.0) / (1 + np.exp(-40.0)), rel=1e-12)


def test_zero_centred_flags():
    assert [n for n in NAMES if activation(n).zero_centred] == ["tanh", "linear"]


def test_saturated_mask_matches_the_constant():
    s = activation("sigmoid")
    z = np.array([0.0, 3.0, 3.7, -3.7, 10.0])
    assert s.saturated(z).tolist() == [False, False, True, True, True]
    assert not activation("relu").saturated(np.array([-5.0, 5.0])).any()
    assert sigcore.SATURATION == 0.1
    gelu = activation("gelu")
    assert gelu.grad(-1.42) < -0.1 and not gelu.saturated(-1.42)  # a negative slope that large still passes gradient
    assert gelu.saturated(-6.0)


def test_unknown_name_lists_the_valid_ones():
    with pytest.raises(ValueError, match="sigmoid.*tanh.*relu"):
        activation("swish-ish")


def test_saturated_zone_is_the_outputs_at_minus_and_plus_the_saturation_edge_and_none_for_relu():
    from sigcore.activations import saturated_zone
    low, high = saturated_zone("sigmoid")
    edge = saturation_edge("sigmoid")
    assert low == pytest.approx(activation("sigmoid")(-edge)) and high == pytest.approx(1 - low) and low < 0.05
    assert saturated_zone("relu") is None
