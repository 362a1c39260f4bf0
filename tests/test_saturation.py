"""The Saturation page's science (experiments.saturation)."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from experiments import saturation as sat
from sigcore import MLP, SATURATION, activation, data, losses, saturation_edge, train
from sigcore.train import epochs_to_show

SIGMOID = activation("sigmoid")


# --- 1. where the neuron sits ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("s, expected", [(1.0, 0.2066), (2.0, 0.1514), (10.0, 0.0393)])
def test_mean_slope_known_values(s, expected):
    assert sat.mean_slope(s) == pytest.approx(expected, abs=1e-3)


def test_mean_slope_agrees_with_monte_carlo_and_its_limits():
    z = np.random.default_rng(0).normal(0.0, 3.0, 2_000_000)
    assert sat.mean_slope(3.0) == pytest.approx(SIGMOID.grad(z).mean(), abs=5e-4)
    assert sat.mean_slope(0.0) == SIGMOID.max_slope and sat.mean_slope(1e-3) == pytest.approx(0.25, abs=1e-6)
    assert sat.mean_slope(100.0) * 100.0 * np.sqrt(2 * np.pi) == pytest.approx(1.0, abs=2e-3)  # sigma' integrates to 1
    assert sat.mean_slope(0.01, "tanh") == pytest.approx(1.0, abs=1e-3)


@given(st.floats(0.01, 80.0), st.floats(1.01, 3.0))
def test_mean_slope_decreases_with_spread(s, k):
    assert sat.mean_slope(k * s) < sat.mean_slope(s)


def test_mean_slope_curve_is_decreasing_and_vectorised():
    curve = sat.mean_slope_curve()
    assert (np.diff(curve["mean_slope"]) < 0).all()
    assert np.allclose(curve["mean_slope"].iloc[[0, -1]], [sat.mean_slope(curve["s"].iloc[0]),
                                                          sat.mean_slope(curve["s"].iloc[-1])])


def test_layer_inputs_positive_or_centred():
    X = sat.layer_inputs("positive", 50)
    assert X.shape == (sat.BATCH, 50) and (X > 0).all() and (X < 1).all()
    C = sat.layer_inputs("centred", 50)
    assert np.allclose(X - 0.5, C) and abs(C.mean()) < 0.01
    with pytest.raises(ValueError):
        sat.layer_inputs("uniform", 5)


def test_sit_readouts_follow_the_definitions():
    hist, curve, s = sat.sit(0.5, 0.3, 100, "positive")
    z, _ = sat.layer_z(0.5, 0.3, 100, "positive")
    assert hist["share"].sum() == pytest.approx(1.0)
    assert s["saturated"] == pytest.approx(np.mean(np.abs(z) > saturation_edge("sigmoid")))
    assert s["mean_slope"] == pytest.approx(SIGMOID.grad(z).mean())
    assert s["z_std"] == pytest.approx(z.std()) and s["gaussian"] == pytest.approx(sat.mean_slope(z.std()))
    assert curve["z"].min() == -s["half_range"] and curve["z"].max() == s["half_range"] >= np.abs(z).max()
    other, _ = sat.layer_z(0.5, 0.3, 100, "centred")
    assert s["other"]["inputs"] == "centred"
    assert s["other"]["saturated"] == pytest.approx(np.mean(np.abs(other) > saturation_edge("sigmoid")))
    assert s["wider"] == pytest.approx(np.sqrt(s["mean_x2"] / s["other"]["mean_x2"]))


@pytest.mark.parametrize("scale, kind", [(0.1, "positive"), (0.5, "positive"), (1.0, "positive"), (1.0, "centred")])
def test_the_presets_and_the_default_share_one_z_axis(scale, kind):
    """Section 1's presets compare on one fixed axis: every z they draw fits inside +-Z_HALF."""
    z, _ = sat.layer_z(scale, 0.0, 100, kind)
    assert np.abs(z).max() <= sat.Z_HALF and sat.sit(scale, 0.0, 100, kind)[2]["half_range"] == sat.Z_HALF


def test_a_wider_z_widens_the_axis_to_fit():
    z, _ = sat.layer_z(2.0, 10.0, 500, "positive")
    assert sat.sit(2.0, 10.0, 500, "positive")[2]["half_range"] >= np.abs(z).max() > sat.Z_HALF


@given(st.floats(0.05, 2.0), st.integers(20, 300))
def test_positive_inputs_spread_z_wider_than_centred_ones(scale, n):
    """Seed 003's comment: with every x_i > 0 nothing cancels, so the same weights give a wider z."""
    positive = sat.sit(scale, 0.0, n, "positive")[2]
    centred = sat.sit(scale, 0.0, n, "centred")[2]
    assert positive["z_std"] > 1.5 * centred["z_std"]
    assert positive["saturated"] >= centred["saturated"] and positive["mean_slope"] < centred["mean_slope"]
    assert positive["spread"] == pytest.approx(positive["z_std"], rel=0.35)


def test_larger_weights_saturate_more():
    shares = [sat.sit(scale, 0.0, 100, "positive")[2]["saturated"] for scale in (0.1, 0.5, 1.0, 2.0)]
    assert shares == sorted(shares) and shares[0] == 0.0 and shares[-1] > 0.6


def test_saturated_bands_in_activation_space():
    bands = sat.saturated_bands("sigmoid")
    assert bands["x"].iloc[0] == 0.0 and bands["x2"].iloc[1] == 1.0
    assert SIGMOID.grad(0.0, bands["x2"].iloc[0]) == pytest.approx(SATURATION * SIGMOID.max_slope, rel=1e-6)
    assert sat.saturated_bands("relu").empty


@pytest.mark.parametrize("name, bands", [("sigmoid", [(0.0, 0.1), (0.9, 1.0)]), ("tanh", [(-1.0, -0.8), (0.8, 1.0)])])
def test_the_looser_near_the_ends_band_is_a_tenth_of_the_range_where_the_slope_is_36_percent_of_its_best(name, bands):
    near = sat.near_bands(name)
    assert np.allclose(near[["x", "x2"]].to_numpy(), bands)
    assert sat.near_slope_share(name) == pytest.approx(0.36)
    a = np.array([bands[0][0] + 0.01, bands[0][1] - 0.01, bands[0][1] + 0.01, bands[1][0] - 0.01, bands[1][0] + 0.01])
    assert sat.near_ends(name, a).tolist() == [True, True, False, False, True]
    both = sat.bands(name)
    strict = both[both["zone"] == "saturated"]
    assert (strict["x"].to_numpy() >= near["x"].to_numpy()).all() and (strict["x2"] <= near["x2"].to_numpy()).all()
    assert sat.near_bands("relu").empty and not sat.near_ends("relu", np.zeros(3)).any()


# --- 2. gradient through depth --------------------------------------------------------------------------------------

def test_sigmoid_gradient_ratio_per_layer_is_below_one_and_under_the_slope_ceiling():
    frame, summary = sat.gradient_through_depth(depth=12, width=64, init="standard")
    sigmoid = frame[frame["activation"] == "sigmoid"]
    assert (sigmoid["ratio"].iloc[:-1] < 1).all()
    ceiling = sat.slope_ceiling(12)["ceiling"].to_numpy()
    assert (sigmoid["relative"].to_numpy() <= ceiling * (1 + 1e-12)).all()  # weights shrink it further here
    assert summary["sigmoid"]["per_layer"] > summary["tanh"]["per_layer"] > 1
    assert summary["sigmoid"]["per_layer"] > 1 / SIGMOID.max_slope
    assert summary["sigmoid"]["total"] == pytest.approx(sigmoid["relative"].iloc[0])


def test_one_depth_call_gives_the_weights_factor_and_the_sigmoid_at_xavier():
    """The weights multiply the gradient by sqrt(n Var W) per layer (U[-1/sqrt n, 1/sqrt n]: Var W = 1/(3n))."""
    summary = sat.gradient_through_depth(depth=10, width=64, init="standard")[1]
    assert summary["weights"] == pytest.approx(np.sqrt(1 / 3))
    xavier = sat.gradient_through_depth(depth=10, width=64, init="xavier", names=("sigmoid",))[1]
    assert summary["at_xavier"] == pytest.approx(xavier["sigmoid"]["per_layer"]) == xavier["at_xavier"]
    assert xavier["weights"] == pytest.approx(1.0)


def test_sigmoid_loses_about_four_times_per_layer_at_xavier_init():
    """sqrt(n Var W) = 1 there, so sigma' <= 1/4 (near 1/4, z close to 0) sets the loss per layer."""
    per_layer = sat.gradient_through_depth(depth=10, width=128, init="xavier", names=("sigmoid",))[1]["sigmoid"]
    assert 3.5 < per_layer["per_layer"] < 5.0


def test_slope_ceiling():
    ceiling = sat.slope_ceiling(4)
    assert ceiling["layer"].tolist() == [1, 2, 3, 4] and np.allclose(ceiling["ceiling"], [0.25**3, 0.25**2, 0.25, 1])


# --- 3. Nielsen's single neuron -------------------------------------------------------------------------------------

@pytest.mark.parametrize("loss", ["mse", "bce"])
@pytest.mark.parametrize("w, b", [(2.0, 2.0), (0.6, 0.9), (-1.5, 0.4)])
def test_single_neuron_gradients_match_finite_differences(loss, w, b):
    run = sat.single_neuron(w, b, lr=0.15, epochs=3, loss=loss)
    h = 1e-6

    def cost(w, b):
        z = np.array([[w + b]])
        return losses.get(loss)(z, SIGMOID(z), np.array([[0.0]]), SIGMOID)[0]

    for row in run.itertuples():
        assert row.dw == pytest.approx((cost(row.w + h, row.b) - cost(row.w - h, row.b)) / (2 * h), rel=1e-5, abs=1e-9)
        assert row.db == pytest.approx((cost(row.w, row.b + h) - cost(row.w, row.b - h)) / (2 * h), rel=1e-5, abs=1e-9)
    assert np.allclose(run["w"].diff().iloc[1:], -0.15 * run["dw"].iloc[:-1])


@pytest.mark.parametrize("loss", ["mse", "bce"])
def test_single_neuron_matches_sigcore_train_on_a_one_unit_net(loss):
    net = MLP([1, 1], output="sigmoid", seed=0)
    net.weights[0][:] = 2.0
    net.biases[0][:] = 2.0
    history = train(net, np.ones((1, 1)), np.zeros((1, 1)), loss=loss, lr=0.15, epochs=50)
    run = sat.single_neuron(2.0, 2.0, 0.15, 50, loss)
    assert np.allclose(history.to_frame()["act_mean"], run["a"]) and np.allclose(history.loss, run["cost"])


def test_nielsen_saturated_start_quadratic_is_slow_cross_entropy_is_not():
    run = sat.nielsen(2.0, 2.0, lr=0.15, epochs=300)
    quad = run[run["cost_fn"] == "quadratic"].reset_index(drop=True)
    ce = run[run["cost_fn"] == "cross-entropy"].reset_index(drop=True)
    assert (quad["a"].iloc[:151] > 0.93).all()  # the stated value: above 0.93 for the first 150 epochs
    assert ce["a"].iloc[150] < 0.1
    assert sat.largest_drop(ce)[0] == 1  # cross-entropy's cost falls most at once
    assert sat.largest_drop(quad)[0] > 150  # the quadratic's only after it has left the flat part
    assert sat.first_epoch_below(ce) < sat.first_epoch_below(quad)
    assert quad["slope"].iloc[0] == pytest.approx(SIGMOID.grad(4.0))
    assert ce["dw"].iloc[0] / quad["dw"].iloc[0] == pytest.approx(1 / SIGMOID.grad(4.0))


def test_nielsen_good_start_both_learn():
    run = sat.nielsen(0.6, 0.9, lr=0.15, epochs=300)
    assert (run.groupby("cost_fn")["a"].last() < 0.2).all()


def test_run_helpers():
    run = pd.DataFrame({"epoch": [0, 1, 2, 3], "a": [0.9, 0.7, 0.4, 0.35], "cost": [1.0, 0.9, 0.4, 0.35]})
    assert sat.first_epoch_below(run) == 2 and sat.first_epoch_below(run, 0.1) is None
    assert sat.largest_drop(run) == (2, pytest.approx(0.5))
    assert sat.largest_drop(run.iloc[:1]) == (None, 0.0)


# --- 4. a deep sigmoid net over training ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def glorot_bengio():
    return sat.deep_run()  # section 4's default: 4 sigmoid layers of 32, standard init, eta = 3, 200 epochs


def test_deep_run_records_every_hidden_layer(glorot_bengio):
    layers, hist = glorot_bengio["layers"], glorot_bengio["hist"]
    assert sorted(layers["layer"].unique()) == [1, 2, 3, 4] and layers["epoch"].max() == 200
    assert sorted(hist["epoch"].unique()) == glorot_bengio["epochs_shown"] == epochs_to_show(200, 40, "geometric")
    assert np.allclose(hist.groupby(["epoch", "layer"])["share"].sum(), 1.0)
    assert glorot_bengio["diverged"] == ""


def test_deep_run_records_every_early_epoch_every_shown_one_and_the_rest_at_most_8_percent_apart(glorot_bengio):
    """The share lines' epochs: every one up to 20 (the dip happens there), then at most 8 % apart (2-4 px on the
    symlog axis), and every frame's epoch (its loss and accuracy head the chart)."""
    recorded = sorted(glorot_bengio["layers"]["epoch"].unique())
    assert recorded[:21] == list(range(21)) and recorded[-1] == 200
    assert set(glorot_bengio["epochs_shown"]) <= set(recorded)
    assert max((b + 1) / (a + 1) for a, b in zip(recorded, recorded[1:]) if a >= 20) < 1.08


def test_deep_run_reads_its_layers_once_with_the_experiments_own_readers(glorot_bengio):
    layers = glorot_bengio["layers"]
    pd.testing.assert_frame_equal(glorot_bengio["end"], sat.layers_at_end(layers))
    assert glorot_bengio["dip"] == sat.top_layer_dip(layers) and glorot_bengio["gap"] == sat.gradient_gap(layers)


def test_top_hidden_layer_is_driven_toward_zero_early(glorot_bengio):
    """Glorot & Bengio 2010, fig. 2: the top hidden layer's mean drops toward 0 in the first epochs."""
    dip = sat.top_layer_dip(glorot_bengio["layers"])
    assert dip["layer"] == 4 and dip["start"] == pytest.approx(0.5, abs=0.05)
    assert dip["low"] < 0.2 and dip["at"] <= 20 and dip["end"] > dip["low"]
    assert sat.gradient_gap(glorot_bengio["layers"]) > 10  # at init, layer 1 gets far less gradient


def test_at_the_default_the_top_layer_ends_near_0_in_the_looser_reading_but_not_strictly_saturated(glorot_bengio):
    """Issue 14's two readings: the top layer's mean ends below the looser band's threshold (Glorot & Bengio's
    "saturated at 0"), most of its units in that band, yet hardly any under the strict slope threshold."""
    end = sat.layers_at_end(glorot_bengio["layers"])
    top = end.loc[4]
    assert top["act_mean"] < sat.NEAR and top["near"] > 0.9 and top["saturated"] < 0.05
    assert (end.loc[[1, 2, 3], "near"] < 0.05).all()  # the lower layers stay in between
    assert end["epoch"].eq(200).all() and (end["peak_near"] >= end["near"]).all()


def test_deep_run_measures_both_readings_on_the_nets_activations():
    """At init, deep_run's near and saturated shares are those of the same net's forward pass."""
    layers = sat.deep_run("moons", depth=3, width=16, lr=3.0, epochs=20)["layers"]
    X, _ = data.make("moons", n=128, noise=0.1, seed=0)
    net = MLP([2, 16, 16, 16, 1], hidden="sigmoid", output="sigmoid", init="standard", seed=0)
    trace = net.forward(X)
    first = layers[layers["epoch"] == 0].set_index("layer")
    for l, (z, a) in enumerate(zip(trace.z[:-1], trace.a[1:-1]), start=1):
        assert first.loc[l, "near"] == pytest.approx(np.mean((a < 0.1) | (a > 0.9)))
        assert first.loc[l, "saturated"] == pytest.approx(SIGMOID.saturated(z).mean())
        assert first.loc[l, "act_mean"] == pytest.approx(a.mean())


def test_longer_training_lets_the_top_layer_slowly_leave_0():
    """The 'Longer' preset's counter-example: by 300 epochs the top layer's mean has left the near-0 band."""
    top = sat.layers_at_end(sat.deep_run(epochs=300)["layers"]).loc[4]
    assert top["act_mean"] > sat.NEAR


def test_too_large_learning_rate_saturates_the_top_layers():
    layers = sat.deep_run("moons", depth=4, width=32, lr=10.0, epochs=100)["layers"]
    last = layers[layers["epoch"] == 100].set_index("layer")
    assert last.loc[4, "saturated"] > 0.9 and last.loc[4, "act_mean"] < 0.01


def test_deep_run_reports_divergence_and_keeps_what_came_before():
    result = sat.deep_run("moons", depth=2, width=8, lr=1e4, epochs=40)
    assert "lower the learning rate" in result["diverged"]
    assert result["hist"]["epoch"].max() < 40 and result["epochs_shown"] == [0]


def test_deep_run_reports_progress():
    seen = []
    sat.deep_run("xor", depth=1, width=4, epochs=20, on_epoch=lambda e, total: seen.append((e, total)))
    assert seen[0] == (0, 20) and seen[-1] == (20, 20)


def test_the_dip_is_dated_when_the_mean_first_gets_near_its_low_not_where_a_plateau_happens_to_be_lowest():
    means = [0.5, 0.2, 0.011, 0.0101, 0.0100, 0.0102]
    layers = pd.DataFrame({"layer": 1, "epoch": range(6), "act_mean": means})
    assert sat.top_layer_dip(layers) == {"layer": 1, "low": 0.011, "at": 2, "start": 0.5, "end": 0.0102}
