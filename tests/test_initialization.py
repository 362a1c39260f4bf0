"""The Initialization page's science: tiny weights collapse a sigmoid net to 0.5, large ones saturate it, He keeps a
deep ReLU net's second moment while 1/n halves it per layer, Var(z) = n Var(w) E[a^2]; and its chart specs."""
import math

import numpy as np
import pandas as pd
import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema
from hypothesis import given, settings
from hypothesis import strategies as st

from charts import initialization as charts
from charts.player import STEP
from charts.spec import activation_field
from sigcore import MLP, activation, data, initializers, losses, train
from experiments import initialization as init
from ui import work
from sigcore import saturation_edge
from sigcore.activations import saturated_zone
from sigcore.train import epochs_to_show
from sigcore.probes import deep_net, gradient_factor


def hidden_activations(hidden, depth, width, scheme, seed=0):
    """The post-activations of every layer for X ~ N(0, 1), (n, width), exactly as the probe draws them."""
    net = deep_net(hidden, depth, width, init.initializer(scheme), seed)
    X = np.random.default_rng(seed + 1).normal(size=(init.samples(width), width))
    return net.forward(X).a[1:]


# --- section 1: the signal through a deep net at init ------------------------------------------------------------
@pytest.mark.parametrize("depth", [10, 30])
def test_tiny_weights_pin_every_sigmoid_layer_fed_by_sigmoids_within_0_1_of_one_half(depth):
    post = hidden_activations("sigmoid", depth, 256, "too_small")
    assert max(np.abs(a - 0.5).max() for a in post[1:]) < 0.1
    # Layer 1 is fed the N(0, 1) input itself, not sigmoid outputs: z has std 0.01 * sqrt(256) = 0.16, so |a - 0.5|
    # < 0.1 needs |z| < 0.405 = 2.5 std, which 98.9 % of a normal meet; its extremes reach past 0.1 (the page says so).
    assert np.mean(np.abs(post[0] - 0.5) < 0.1) > 0.98 and np.abs(post[0] - 0.5).max() > 0.1


def test_tiny_weights_wash_out_the_input_and_the_page_reports_it_from_the_histograms():
    layers, _ = init.signal("sigmoid", 10, 256, "too_small")
    post = hidden_activations("sigmoid", 10, 256, "too_small")
    true_reach = [np.abs(a - 0.5).max() for a in post]
    assert (layers.reach.to_numpy() >= np.array(true_reach) - 1e-12).all()  # an upper bound ...
    assert (layers.reach.to_numpy() <= np.array(true_reach) + 1 / 40 + 1e-12).all()  # ... tight to one bin
    assert layers.reach.iloc[1:].max() <= 0.1 and (layers.within.iloc[1:] == 1).all()
    assert layers.signal.iloc[-1] < 1e-9 * layers.signal.iloc[0]
    assert layers.saturated.max() == 0


def test_large_weights_saturate_most_sigmoid_units_at_width_256():
    layers, hist = init.signal("sigmoid", 10, 256, "too_large")
    assert (layers.saturated > 0.5).all()
    low, high = saturated_zone("sigmoid")
    edge_bins = hist[(hist.right <= low + 1e-9) | (hist.left >= high - 1e-9)]
    assert (edge_bins.groupby("layer").share.sum() > 0.5).all()


def test_large_weights_saturate_sigmoid_units_yet_amplify_the_gradient_that_gets_through():
    layers, _ = init.signal("sigmoid", 10, 256, "too_large")
    ratios = init.summary(layers)
    assert layers.saturated.mean() > 0.5
    # |dL/dz| grows from the top layer down (x4.85 at seed 0): the trouble is the forward signal, not the gradient.
    assert ratios["gradient"] > 1 and ratios["gradient_per_layer"] > 1
    assert (np.diff(layers.delta_norm.to_numpy()) < 0).mean() > 0.5  # mostly larger toward layer 1


@pytest.mark.parametrize("width", [64, 256])
def test_holds_accepts_he_for_relu_and_rejects_one_over_n_and_fixed_stds(width):
    for seed in range(5):
        factor = {s: init.summary(init.signal("relu", 30, width, s, seed=seed)[0])["second_moment_per_layer"]
                  for s in ("he", "lecun", "too_small", "too_large")}
        assert init.holds(factor["he"]) and 0.94 < factor["he"] < 1.04, (seed, factor)  # as HOLDS's note says
        assert not any(init.holds(factor[s]) for s in ("lecun", "too_small", "too_large")), (seed, factor)
        assert 0.45 < factor["lecun"] < 0.55  # 1/n halves E[a^2] at every layer
    assert init.holds(1.0) and init.holds(1 / init.HOLDS) and not init.holds(0.5) and not init.holds(None)


def test_he_fades_too_at_width_8_as_the_note_on_holds_says():
    factors = [init.summary(init.signal("relu", 30, 8, "he", seed=seed)[0])["second_moment_per_layer"]
               for seed in range(5)]
    assert all(0.44 <= f <= 0.72 and not init.holds(f) for f in factors), factors


def test_relu_depth_30_he_keeps_the_second_moment_and_one_over_n_halves_it_per_layer():
    he, lecun = [], []
    for seed in range(5):
        for frame, out in ((init.signal("relu", 30, 256, "he", seed=seed)[0], he),
                           (init.signal("relu", 30, 256, "lecun", seed=seed)[0], lecun)):
            out.append(frame.second_moment.iloc[-1] / frame.second_moment.iloc[0])
    # He: a finite-width random walk around 1. Typically within 2x (the median), never off by an order of magnitude;
    # seed 0, the page's default, happens to give 2.3x.
    assert 0.5 <= np.median(he) <= 2 and all(0.25 <= r <= 4 for r in he)
    # Var(W) = 1/n: E[a^2] halves at each of the 29 steps, so ~2^-29 (within a factor of 4).
    assert all(2.0**-31 <= r <= 2.0**-27 for r in lecun)


def test_zero_init_is_finite_and_blocks_every_gradient_below_the_top():
    layers, hist = init.signal("sigmoid", 5, 32, "zeros")
    assert np.isfinite(layers.select_dtypes("number").to_numpy()).all()
    assert (layers.grad_norm.iloc[:-1] == 0).all() and layers.grad_norm.iloc[-1] > 0
    assert np.allclose(layers.act_mean, 0.5) and (layers.signal == 0).all()


@pytest.mark.parametrize("hidden", ["sigmoid", "tanh", "relu"])
def test_the_largest_settings_stay_finite(hidden):
    layers, hist = init.signal(hidden, 30, 256, "custom", std=init.SIGMAS[-1])
    assert np.isfinite(layers.select_dtypes("number").to_numpy()).all()
    assert np.isfinite(hist.select_dtypes("number").to_numpy()).all()
    assert np.allclose(hist.groupby("layer").share.sum(), 1.0)


def test_shown_layers_and_samples():
    assert init.shown_layers(30) == [1, 7, 13, 18, 24, 30]
    assert init.shown_layers(3) == [1, 2, 3] and init.shown_layers(1) == [1]
    assert init.samples(256) == 64 and init.samples(8) == 1024 and init.samples(64) == 128


def test_saturated_zone_is_the_saturation_edge_in_activation_values():
    low, high = saturated_zone("sigmoid")
    edge = saturation_edge("sigmoid")
    assert low == pytest.approx(activation("sigmoid")(-edge)) and high == pytest.approx(1 - low)
    assert saturated_zone("relu") is None


def test_summary_ratios_and_per_layer_factors():
    layers, _ = init.signal("relu", 30, 256, "lecun")
    ratios = init.summary(layers)
    assert ratios["second_moment"] == pytest.approx(layers.second_moment.iloc[-1] / layers.second_moment.iloc[0])
    assert ratios["second_moment_per_layer"] == pytest.approx(ratios["second_moment"] ** (1 / 29))
    assert 0.45 < ratios["second_moment_per_layer"] < 0.55  # 1/n halves E[a^2] at every layer
    assert ratios["gradient_per_layer"] == gradient_factor(layers.delta_norm)  # sigcore's one per-layer factor ...
    assert ratios["gradient_per_layer"] == pytest.approx(ratios["gradient"] ** (1 / 29))  # ... of the ratio shown
    zeros = init.summary(init.signal("sigmoid", 4, 16, "zeros")[0])
    assert zeros["signal"] is None and zeros["signal_per_layer"] is None


@pytest.mark.parametrize("hidden, steady", [("relu", (0.07, 0.12)), ("tanh", (0.07, 0.12))])
def test_sweep_finds_just_right_near_the_textbook_std(hidden, steady):
    frame = init.sweep(hidden, 256)
    for column in ("signal_per_layer", "gradient_per_layer"):
        assert steady[0] < init.steady_sigma(frame, column) < steady[1]  # He's and Xavier's std at 256: 0.088, 0.0625


def test_sigmoid_has_no_std_that_keeps_its_input_spread():
    frame = init.sweep("sigmoid", 256)
    assert init.steady_sigma(frame, "signal_per_layer") is None and frame.signal_per_layer.max() < 0.95
    sigma = init.steady_sigma(frame, "gradient_per_layer")
    assert init.scheme_stds(256)["Xavier ×4"] < sigma < 1  # the gradient holds only once most units saturate
    assert init.at_sigma(frame, sigma, "saturated") > 0.5


# --- the schemes and their variances -----------------------------------------------------------------------------
@pytest.mark.parametrize("scheme", [s for s in init.SCHEMES if s != "zeros"])
def test_weight_var_matches_a_1000_by_1000_draw(scheme):
    W = initializers.get(init.initializer(scheme, std=0.3))(1000, 1000, np.random.default_rng(0))
    assert W.var() == pytest.approx(init.weight_var(scheme, 1000, 1000, std=0.3), rel=0.03)


def test_formula_table_has_this_widths_numbers():
    table = init.formula_table(1000, 1000).set_index("scheme")
    assert table.loc["standard", "n_in · Var(W)"] == pytest.approx(1 / 3)
    assert table.loc["he", "Var(W)"] == pytest.approx(2 / 1000)
    assert table.loc["xavier4", "Var(W)"] == pytest.approx(16 * 2 / 2000)
    assert np.allclose(table["Var of one draw"], table["Var(W)"], rtol=0.03)


def test_formula_table_reports_a_draws_variance_only_from_enough_entries():
    tiny = init.formula_table(1, 1)
    assert tiny["Var of one draw"].isna().all()  # one entry: its variance would be 0 for every scheme
    assert init.formula_table(1, init.DRAW_ENTRIES - 1)["Var of one draw"].isna().all()
    table = init.formula_table(10, 10)  # 100 entries: within 3 standard errors, sqrt(2 / 99) each
    assert np.allclose(table["Var of one draw"], table["Var(W)"], rtol=3 * np.sqrt(2 / 99))


def test_unknown_scheme_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown scheme"):
        init.initializer("huge")
    with pytest.raises(ValueError, match="unknown scheme"):
        init.weight_var("huge", 3, 3)


# --- section 2: Var(z) = n Var(w) E[a^2] ---------------------------------------------------------------------------
@settings(max_examples=25)
@given(n=st.integers(4, 256), spread=st.floats(0.1, 5.0), sigma=st.sampled_from(init.SIGMAS), seed=st.integers(0, 50))
def test_var_z_is_n_var_w_times_the_second_moment(n, spread, sigma, seed):
    frame, at = init.z_spread(n, spread, sigma, seed=seed)
    pos, cen = at[init.POSITIVE], at[init.CENTRED]
    for kind in (pos, cen):
        assert kind["z_std"] == pytest.approx(sigma * np.sqrt(n * kind["second_moment"]), rel=0.2)
        assert kind["z_std_formula"] == pytest.approx(sigma * np.sqrt(n * kind["second_moment"]))
    # Positive inputs carry the extra mean^2 term; centred ones have the same variance and no mean.
    assert pos["var"] == pytest.approx(cen["var"]) and abs(cen["mean"]) < 1e-12
    assert pos["second_moment"] == pytest.approx(pos["var"] + pos["mean"] ** 2)
    assert pos["z_std"] > cen["z_std"] and pos["saturated"] >= cen["saturated"]
    assert pos["offset_std"] ** 2 + pos["fluctuation_std"] ** 2 == pytest.approx(pos["z_std_formula"] ** 2)


def test_positive_inputs_saturate_at_smaller_weights():
    frame, _ = init.z_spread(64, 1.0, 1.0)
    onset = init.saturation_onset(frame)
    assert onset[init.POSITIVE] < onset[init.CENTRED]
    for _, rows in frame.groupby("inputs"):
        assert np.all(np.diff(rows.saturated.to_numpy()) >= 0)  # more weight, more saturation
    assert init.saturation_onset(init.z_spread(1, 0.1, 0.001)[0])[init.CENTRED] is None


def test_half_of_z_saturates_where_the_measured_spread_crosses_the_charts_line():
    """z = sum_i w_i a_i is close to Gaussian, so half of it lies beyond the edge once std(z) = edge / 0.674."""
    edge = init.saturation_edge("sigmoid")
    assert math.erf(init.QUARTILE / math.sqrt(2)) == pytest.approx(0.5, abs=1e-12)
    frame, _ = init.z_spread(64, 1.0, 1.0)
    for kind, sigma in init.saturation_onset(frame).items():
        _, at = init.z_spread(64, 1.0, sigma)
        assert at[kind]["saturated"] == pytest.approx(0.5, abs=0.02)
        assert at[kind]["z_std"] == pytest.approx(init.half_saturated_std(), rel=0.05)
    assert init.half_saturated_std() == pytest.approx(edge / 0.6745, rel=1e-4)


# --- section 4: training from each init ----------------------------------------------------------------------------
EVERY = tuple(("sigmoid", s) for s in init.TRAINED)
SCALED = [init.SHORT[s] for s in ("standard", "xavier", "xavier4", "he", "lecun")]


def run(runs=EVERY, dataset="xor", depth=1, width=64, lr=2.0, epochs=100, seed=0):
    """section 4's train_runs and outcomes at this setup (its epochs capped as the page caps them)."""
    epochs = work.epochs_within_cap(epochs, depth, width, 50, len(runs))
    result = init.train_runs(runs, dataset, depth, width, lr, epochs, 50, seed)
    names = [init.SHORT[s] if h == "sigmoid" and runs == EVERY else f"{h} · {init.SHORT[s]}" for h, s in runs]
    return result, init.outcomes(result, names)


def test_train_runs_records_every_epoch_the_snapshots_and_each_layers_relative_change():
    runs = (("sigmoid", "xavier4"), ("tanh", "xavier"))
    result = init.train_runs(runs, "circles", depth=2, width=8, lr=0.5, epochs=20)
    curves, frames, change = result["curves"], result["frames"], result["change"]
    assert curves.groupby("run").epoch.apply(list).tolist() == [list(range(21))] * 2
    assert sorted(frames.epoch.unique()) == epochs_to_show(20, init.FRAMES - 1) and set(frames.run) == {0, 1}
    assert all(info["diverged_at"] is None for info in result["info"])
    X, y = data.make("circles", 200, 0.1, 0)
    X_out, y_out = data.make("circles", init.HELD_OUT, 0.1, 1000)
    for r, (hidden, scheme) in enumerate(runs):  # the same net trained alone by sigcore.train
        net = MLP([2, 8, 8, 1], hidden=hidden, init=scheme, seed=0)
        start = [W.copy() for W in net.weights]
        alone = train(net, X, y, "bce", lr=0.5, epochs=20, batch_size=50, seed=0, stats=False)
        assert np.allclose(curves[curves.run == r].loss, alone.loss, rtol=0, atol=1e-12)
        moved = [np.linalg.norm(W - W0) / np.linalg.norm(W0) for W, W0 in zip(net.weights, start)]
        assert np.allclose(change[change.run == r].change, moved, rtol=1e-9)
        held_out = net.loss_of(net.forward(X_out), y_out.reshape(-1, 1))
        assert frames[(frames.run == r)].held_out.iloc[-1] == pytest.approx(held_out, abs=1e-12)
    boundary = init.run_boundaries(result, 1, "tanh")
    assert boundary["epochs"] == epochs_to_show(20, init.FRAMES - 1) and boundary["p"].shape == (init.FRAMES, 30 * 30)
    assert ((boundary["p"] >= 0) & (boundary["p"] <= 1)).all()
    frame, shown = init.boundary_frames(boundary, epochs_to_show(20, init.FRAMES - 1))
    assert len(frame) == 900 and (frame.x0_end > frame.x0).all() and set(result["points"].label) == {0, 1}
    assert shown == boundary["epochs"] and np.allclose(frame.p5 / 1000, boundary["p"][5], atol=5e-4)  # one column a frame


def test_a_diverging_run_stops_alone_keeps_only_finite_frames_and_says_why():
    result = init.train_runs((("relu", "too_large"), ("sigmoid", "xavier4")), "xor", depth=3, width=32, lr=5.0,
                             epochs=30)
    bad, good = result["info"]
    assert bad["diverged_at"] is not None and "lower the learning rate" in bad["diverged_reason"]
    assert good["diverged_at"] is None and result["curves"][result["curves"].run == 1].epoch.max() == 30
    assert np.isfinite(result["frames"].select_dtypes("number").to_numpy()).all()
    assert result["frames"][result["frames"].run == 0].epoch.max() < bad["diverged_at"] + 1
    boundary = init.run_boundaries(result, 0, "relu")  # the diverged run's finite snapshots
    assert np.isfinite(boundary["p"]).all() and len(boundary["epochs"]) >= 1


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_at_the_defaults_too_small_and_too_large_fail_on_fresh_points_and_the_scaled_inits_train(seed):
    """Section 4's defaults (one hidden layer of 64, xor, lr 2, 100 epochs): N(0, 0.01²) stays at chance; N(0, 10²)
    barely moves its saturated hidden weights and ends worse than chance on fresh points though its training loss
    falls; standard, Xavier, Xavier x4, He and LeCun train (held-out 0.20-0.33 at seeds 0-2)."""
    _, result = run(seed=seed)
    small, large, scaled = result.loc["too small"], result.loc["too large"], result.loc[SCALED]
    assert small.versus_chance == "at" and small.held_out > 0.65
    assert large.versus_chance == "above" and large.held_out > 2 * scaled.held_out.max()
    assert large.start_saturated > 0.5 and large.change_hidden < 0.15  # saturated, and its hidden weights barely move
    assert large.held_out - large.loss > 0.25  # its training loss says less than fresh points do
    assert (scaled.versus_chance == "below").all() and scaled.held_out.max() < 0.4


def test_when_the_textbook_fails_xavier_sits_at_chance_from_a_nearly_linear_start_and_xavier4_trains():
    """The preset (two sigmoid layers of 32, circles, lr 0.5, 150 epochs): Xavier, derived for slope 1, starts the
    sigmoid units in their straight middle and never leaves chance; Xavier x4, the sigmoid's own scale, trains."""
    _, result = run(dataset="circles", depth=2, width=32, lr=0.5, epochs=150)
    stuck = result.loc[["too small", "standard", "Xavier", "LeCun"]]
    assert (stuck.versus_chance == "at").all() and stuck.lowest.min() > (1 - losses.CHANCE_BAND) * losses.CHANCE
    assert result.loc["Xavier ×4", "held_out"] < 0.2
    assert stuck.start_top_std.max() < 0.2 < result.loc["Xavier ×4", "start_top_std"]
    assert (stuck.start_saturated == 0).all()


def test_glorot_bengio_at_lr_0_1_tanh_xavier_trains_while_tanh_standard_and_sigmoid_stay_near_chance():
    glorot = (("sigmoid", "standard"), ("sigmoid", "xavier"), ("tanh", "standard"), ("tanh", "xavier"))
    result, table = run(glorot, "circles", depth=4, width=32, lr=0.1, epochs=150)
    assert table.loc["tanh · Xavier", "loss"] < 0.05 < 0.6 < table.loc["tanh · standard", "loss"]
    assert (table.loc[["sigmoid · standard", "sigmoid · Xavier"], "loss"] > 0.68).all()
    top = result["frames"][result["frames"].run == 0].top_mean
    assert top.iloc[0] > 0.45  # the sigmoid · standard top layer starts near 0.5 ...
    assert table.loc["sigmoid · standard", "change_hidden"] < 0.01  # ... and its hidden weights barely move


def test_glorot_bengio_at_lr_1_every_tanh_run_trains_and_the_init_no_longer_shows():
    """What the Glorot & Bengio view's prose says of lr 1: both tanh runs fit (seeds 0-1: 0.010-0.047), far from the
    sigmoid runs at chance, so the init's effect seen at lr 0.1 is gone."""
    glorot = (("sigmoid", "standard"), ("sigmoid", "xavier"), ("tanh", "standard"), ("tanh", "xavier"))
    for seed in (0, 1):
        _, table = run(glorot, "circles", depth=4, width=32, lr=1.0, epochs=150, seed=seed)
        assert (table.loc[["tanh · standard", "tanh · Xavier"], "loss"] < 0.1).all()
        assert (table.loc[["sigmoid · standard", "sigmoid · Xavier"], "versus_chance"] == "at").all()


def test_chance_level_is_the_loss_of_predicting_one_half_everywhere():
    y = np.array([[0.0], [1.0], [1.0], [0.0]])
    z = np.zeros_like(y)
    value, _ = losses.bce(z, activation("sigmoid")(z), y, activation("sigmoid"))
    assert losses.CHANCE == pytest.approx(value) == pytest.approx(np.log(2))
    assert [init.versus_chance(v) for v in (0.6, 0.7, 0.8)] == ["below", "at", "above"]


# --- chart specs -------------------------------------------------------------------------------------------------
SCHEMA = load_schema()


def datasets(chart):
    """The chart's spec (checked against the Vega-Lite schema) and its datasets, inline."""
    spec = chart.to_dict()
    validate_jsonschema(spec, SCHEMA)
    return spec, list(spec["datasets"].values())


def test_histograms_chart_is_one_facet_of_bars_from_zero_with_saturated_bins_red():
    layers, hist = init.signal("sigmoid", 10, 256, "too_large")
    shown = hist[hist.layer.isin(init.shown_layers(10))]
    spec, data = datasets(charts.histograms_chart(shown, saturated_zone("sigmoid")))
    assert spec["facet"]["column"]["field"] == "layer" and spec["spec"]["mark"]["type"] == "rect"
    assert spec["spec"]["encoding"]["y2"] == {"datum": 0}
    rows = data[0]
    assert len(rows) == len(shown) and {r["state"] for r in rows} == {"saturated", "not saturated"}
    assert {r["state"] for r in rows if 0.2 < r["left"] < 0.8} == {"not saturated"}
    relu = init.signal("relu", 3, 16, "he")[1]
    spec, _ = datasets(charts.histograms_chart(relu, None, independent_x=True))
    assert spec["resolve"]["scale"]["x"] == "independent" and spec["spec"]["encoding"]["color"]["legend"] is None


def test_layer_charts_use_log_scales_and_never_a_zero_on_them():
    layers, _ = init.signal("sigmoid", 5, 32, "zeros")
    spec, data = datasets(charts.spread_chart(layers))
    assert spec["encoding"]["y"]["scale"]["type"] == "log" and min(r["value"] for r in data[0]) > 0
    spec, data = datasets(charts.gradient_chart(layers))
    assert spec["encoding"]["y"]["scale"]["type"] == "log" and min(r["grad"] for r in data[0]) > 0
    spec, data = datasets(charts.share_chart(layers, "dead", "% dead units"))
    assert spec["encoding"]["y"]["field"] == "dead" and spec["encoding"]["y"]["scale"]["domain"] == [0, 1]


def test_z_spread_chart_marks_the_chosen_sigma_and_the_saturation_edge():
    frame, _ = init.z_spread(64, 1.0, 0.5)
    spec, data = datasets(charts.z_spread_chart(frame, 0.5, init.half_saturated_std()))
    lines, points = data
    assert {r["inputs"] for r in lines} == {init.POSITIVE, init.CENTRED, charts.EDGE_SERIES}
    assert {r["z_std_formula"] for r in lines if r["inputs"] == charts.EDGE_SERIES} == {init.half_saturated_std()}
    assert sorted(r["sigma"] for r in points if r["chosen"]) == [0.5, 0.5]
    assert spec["layer"][0]["encoding"]["x"]["scale"]["type"] == "log"


def test_played_names_each_run_and_layer_and_steps_through_the_snapshots():
    runs = {"tanh · Xavier": ("tanh", "xavier"), "sigmoid · standard": ("sigmoid", "standard")}
    result = init.train_runs(tuple(runs.values()), "circles", depth=2, width=4, epochs=20)
    play = init.played(result, runs)
    assert play["schedule"] == epochs_to_show(20, init.FRAMES - 1) == sorted(result["frames"].epoch.unique())
    for key in ("curves", "curves_now", "frames", "frames_now", "change"):
        first = play[key][play[key].run == "tanh · Xavier"]
        assert set(play[key].run) == set(runs) and set(first.activation) == {"tanh"} and set(first.init) == {"Xavier"}
    assert list(dict.fromkeys(play["change"].layer)) == ["layer 1", "layer 2", "output"]
    assert (play["curves"].epoch == result["curves"].epoch).all() and play["curves"].frame.max() == init.FRAMES - 1


def test_training_charts_play_every_frame_in_the_browser():
    runs = {init.SHORT[s]: ("sigmoid", s) for s in ("too_small", "xavier4")}
    names = list(runs)
    result = init.train_runs(tuple(runs.values()), "circles", depth=1, width=4, epochs=20)
    play = init.played(result, runs)
    curves, schedule, now = play["curves"], play["schedule"], play["curves_now"]
    assert len(now) == 2 * len(schedule) and (now.groupby("frame").epoch.max().to_numpy() == schedule).all()
    loss = charts.curve_chart(curves, now, 20, "loss", "loss", charts.scheme_color(names), log=True)
    spec, data = datasets(loss)
    assert spec["encoding"]["x"]["scale"]["domain"] == [0, 20] and spec["encoding"]["y"]["scale"]["type"] == "log"
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["line", "point"]  # a point at each line's end
    assert STEP in spec["layer"][0]["transform"][0]["filter"] and STEP in spec["layer"][1]["transform"][0]["filter"]
    low, high = spec["encoding"]["y"]["scale"]["domain"]
    assert low <= curves.loss.min() and curves.loss.max() <= high < 2 * curves.loss.max()  # the whole run
    first = [r for r in data[1] if r["frame"] == 0]
    assert len(first) == 2 and all(r["epoch"] == 0 for r in first)  # epoch 0: one point per run
    spec, _ = datasets(charts.curve_chart(play["frames"], play["frames_now"], 20, "top_mean", "top",
                                          activation_field(["sigmoid"]), dash=True, name="top"))
    assert spec["layer"][0]["encoding"]["strokeDash"]["field"] == "init"
    assert spec["encoding"]["color"]["field"] == "activation"
    held = charts.held_out_chart(play["frames_now"], names, losses.CHANCE)
    spec, data = datasets(held)
    assert spec["layer"][0]["encoding"]["y"]["sort"] == names and len(data[0]) == 2 * len(schedule)
    assert data[1] == [{"held_out": losses.CHANCE}] and spec["layer"][1]["mark"]["type"] == "rule"
    spec, data = datasets(charts.change_chart(play["change"], names))
    assert spec["encoding"]["x"]["scale"]["type"] == "log" and spec["encoding"]["color"]["sort"] == ["layer 1", "output"]
    assert len(data[0]) == 4 and all(r["change"] > 0 for r in data[0])
    boundary = init.run_boundaries(result, 1, "sigmoid")
    points = result["points"]
    grid, _ = init.boundary_frames(boundary, schedule)
    spec, data = datasets(charts.boundary_chart(grid, points, "t", size=200, played=True))
    panel = spec["hconcat"][0]
    assert [layer["mark"]["type"] for layer in panel["layer"]] == ["rect", "point"]
    assert STEP in panel["layer"][0]["transform"][0]["calculate"]  # the heat map of the frame shown
    assert len(data[0]) == 900 and len(data[1]) == len(points)
    assert spec["usermeta"]["embedOptions"]["renderer"] == "canvas", "900 cells redrawn per played frame"
    assert panel["width"] == panel["height"] == 200  # circles: a square box, so a square plot
    text = charts.summary_chart(pd.DataFrame({"frame": range(len(schedule)), "text": ["a\nb"] * len(schedule)}))
    whole = charts.training_chart([loss, held], [charts.boundary_chart(grid, points, "t", played=True), text], 3,
                                  len(schedule) - 1)
    spec, data = datasets(whole)
    assert spec["vconcat"][0]["hconcat"][0]["layer"][0]["params"][0]["value"] == [{"step": 3}]  # opens on step 3
    assert len(spec["vconcat"][1]["hconcat"]) == 2 and len(data) == len(loss.tables) + 2 + 2 + 1
    moons = init.train_runs(tuple(runs.values()), "moons", depth=1, width=4, epochs=20)
    frame, _ = init.boundary_frames(init.run_boundaries(moons, 1, "sigmoid"), [0])
    panel = charts.boundary_chart(frame.assign(p=frame.p0 / 1000), moons["points"], "t", size=200).to_dict()["hconcat"][0]
    spans = frame.x0_end.max() - frame.x0.min(), frame.x1_end.max() - frame.x1.min()
    assert panel["width"] == 200 and panel["height"] / panel["width"] == pytest.approx(spans[1] / spans[0], abs=0.01)


def test_sweep_charts_tick_each_named_scheme_once_per_std():
    frame = init.sweep("relu", 16)
    spec, data = datasets(charts.sweep_chart(frame, init.scheme_stds(16)))
    ticks = next(d for d in data if d and "scheme" in d[0])
    assert "Xavier = LeCun" in {t["scheme"] for t in ticks}  # a square layer: the same std
    assert len(ticks) == len({round(v, 6) for v in init.scheme_stds(16).values()})
    lines = next(d for d in data if d and "series" in d[0])
    assert len(lines) == 2 * len(init.SWEEP_SIGMAS) and min(r["factor"] for r in lines) > 0
    steady = next(d for d in data if d and "text" in d[0])
    assert [r["factor"] for r in steady] == [1.0]  # the 'just right' rule, labelled
    rules = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rule" and "y" in layer["encoding"]]
    assert [r["data"]["name"] for r in rules] == ["steady"]
    labels = next(layer for layer in spec["layer"] if layer["encoding"].get("text", {}).get("field") == "scheme")
    assert labels["mark"]["baseline"] == "top"  # rotated: right of its tick, clear of the y axis's labels
    spec, data = datasets(charts.sweep_share_chart(frame, "dead", "% dead units"))
    assert spec["encoding"]["x"]["scale"]["type"] == "log" and len(data[0]) == len(init.SWEEP_SIGMAS)

