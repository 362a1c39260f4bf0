"""ReLU & friends: the science the page states (race, dying units, line-up, depth, output gradients) and its charts."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charts.base import LOG_FLOOR
from charts.compare import (boundary_chart, dying_chart, flow_chart, lineup_chart, output_chart, race_curves_chart,
                            sweep_chart)
from sigcore import ACTIVATIONS, SATURATION, activation
from sigcore import compare as cmp
from sigcore.curves import saturation_edge
from sigcore.depth import probe

DYING = dict(bias=0.0, dataset="circles", width=32, depth=3, epochs=40)


# --- the race -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", [0, 1, 2])
def test_default_race_relu_and_tanh_beat_sigmoid(seed):
    """Same data, net, learning rate and epochs: ReLU and tanh end at under half the sigmoid's loss."""
    final = {a: cmp.race_run(a, seed=seed).curves.loss.iloc[-1] for a in ["sigmoid", "tanh", "relu"]}
    assert final["relu"] < 0.5 * final["sigmoid"]
    assert final["tanh"] < 0.5 * final["sigmoid"]


def test_race_run_records_every_epoch_and_every_frame():
    run = cmp.race_run("tanh", dataset="moons", width=8, depth=1, lr=0.3, epochs=50)
    assert run.curves.epoch.tolist() == list(range(51)) and run.diverged_at is None
    assert run.frames == cmp.frame_epochs(50)
    assert run.boundary.p.between(0, 1).all() and len(run.boundary) == len(run.frames) * cmp.GRID ** 2
    assert (run.boundary.x1_end > run.boundary.x1).all() and run.ms_per_epoch > 0


def test_diverged_race_keeps_only_finite_frames_before_it():
    run = cmp.race_run("tanh", dataset="xor", lr=1000.0, epochs=50)
    assert run.diverged_at is not None and "lower the learning rate" in run.diverged_reason
    assert max(run.frames) < run.diverged_at
    assert np.isfinite(run.boundary[["p", "x1", "x2"]].to_numpy()).all()
    curves, boundary, summary = cmp.race_at({"tanh": run}, 50)
    assert summary.status.iloc[0].startswith("diverged") and boundary.epoch.max() == max(run.frames)


@pytest.mark.parametrize("epochs", [25, 50, 100, 200, 300])
def test_frame_epochs_always_give_the_player_the_same_number_of_frames(epochs):
    frames = cmp.frame_epochs(epochs)
    assert len(frames) == cmp.RACE_FRAMES + 1 and frames[0] == 0 and frames[-1] == epochs


def test_race_at_an_early_epoch_shows_curves_up_to_it_and_the_latest_frame():
    runs = {a: cmp.race_run(a, epochs=50, width=4, depth=1) for a in ["sigmoid", "relu"]}
    curves, boundary, summary = cmp.race_at(runs, 7)
    assert curves.epoch.max() == 7 and set(curves.activation) == {"sigmoid", "relu"}
    assert boundary.epoch.unique().tolist() == [max(e for e in cmp.frame_epochs(50) if e <= 7)]
    assert summary.epoch.tolist() == [7, 7] and (summary.status == "training").all()


def test_race_data_matches_the_training_data():
    df = cmp.race_data("xor", 0.1, 100, 3)
    assert len(df) == 100 and set(df.label) <= {0, 1}


# --- dying ReLU ---------------------------------------------------------------------------------------------------

def test_dead_fraction_rises_with_the_learning_rate():
    """Over three seeds: every run at lr 3 has more dead ReLU units than any run at lr <= 0.3, by 20 points."""
    calm, wild = [], []
    for seed in range(3):
        calm += [cmp.dead_share(cmp.dying_run("relu", lr, seed=seed, **DYING)) for lr in (0.03, 0.1, 0.3)]
        wild.append(cmp.dead_share(cmp.dying_run("relu", 3.0, seed=seed, **DYING)))
    assert min(wild) > max(calm) + 0.2


def test_negative_bias_starts_units_off_dead():
    zero = cmp.dying_run("relu", 0.1, **{**DYING, "bias": 0.0})
    negative = cmp.dying_run("relu", 0.1, **{**DYING, "bias": -1.0})
    assert cmp.dead_share(negative, 0) > cmp.dead_share(zero, 0) + 0.2


@settings(max_examples=12, deadline=None)
@given(lr=st.sampled_from(cmp.DYING_LRS), bias=st.sampled_from([-1.0, -0.5, 0.0, 0.5]), seed=st.integers(0, 50))
def test_leaky_relu_never_has_dead_units(lr, bias, seed):
    run = cmp.dying_run("leaky_relu", lr, bias=bias, dataset="moons", width=8, depth=2, epochs=10, seed=seed)
    assert (run.frame.dead == 0).all()


@given(z=st.floats(-1e6, 1e6))
def test_leaky_relu_slope_is_never_zero_by_definition(z):
    assert activation("leaky_relu").grad(z) >= 0.01


def test_sweep_summarises_each_run():
    runs = {lr: cmp.dying_run("relu", lr, **{**DYING, "epochs": 5}) for lr in (0.1, 10.0)}
    df = cmp.sweep(runs)
    assert df.lr.tolist() == [0.1, 10.0] and df[["dead", "dead_at_init"]].stack().between(0, 1).all()
    assert df.diverged_at.iloc[0] == -1


# --- the line-up --------------------------------------------------------------------------------------------------

def test_saturation_thresholds_match_the_closed_forms():
    t = cmp.saturation_threshold
    assert t("sigmoid") == pytest.approx(-saturation_edge("sigmoid"), abs=1e-9)
    assert t("tanh") == pytest.approx(-np.arctanh(np.sqrt(1 - SATURATION)), abs=1e-9)
    assert t("elu") == pytest.approx(np.log(SATURATION), abs=1e-9)
    assert t("softplus") == pytest.approx(np.log(SATURATION / (1 - SATURATION)), abs=1e-9)
    assert t("relu") == 0.0 and t("leaky_relu") == -np.inf and t("linear") == -np.inf


def test_flat_regions_lie_inside_the_plot_and_say_why():
    df = cmp.flat_regions(cmp.NONLINEAR, -4.0, 4.0)
    assert (df.start < df.end).all() and df.start.min() >= -4 and df.end.max() <= 4
    kinds = df.groupby("activation").kind.first()
    assert kinds["relu"] == "zero slope" and kinds["sigmoid"] == "saturated" and "leaky_relu" not in kinds
    assert (df.activation == "sigmoid").sum() == 2


def test_properties_come_from_the_registry():
    df = cmp.properties().set_index("activation")
    assert list(df.index) == list(cmp.NONLINEAR)
    for name, row in df.iterrows():
        act = ACTIVATIONS[name]
        assert (row.low, row.high) == act.output_range and row.zero_centred == act.zero_centred
        assert (row.max_slope, row.saturates, row.dies) == (act.max_slope, act.saturates, act.dies)
    assert not df.loc["relu", "zero_centred"] and df.loc["tanh", "zero_centred"]


def test_call_cost_is_measured_for_each_and_relative_to_relu():
    df = cmp.call_cost(["sigmoid", "gelu"], n=2000, repeats=3).set_index("activation")
    assert set(df.index) == {"sigmoid", "gelu", "relu"} and df.loc["relu", "relative"] == 1.0
    assert (df[["f_ns", "df_ns", "relative"]].to_numpy() > 0).all()


def test_lineup_curves_are_the_activation_and_its_slope():
    df = cmp.lineup_curves(["tanh"], -2, 2, 5)
    f = df[df.curve == "f(z)"].y.to_numpy()
    slope = df[df.curve == "f'(z)"].y.to_numpy()
    z = np.linspace(-2, 2, 5)
    assert np.allclose(f, np.tanh(z)) and np.allclose(slope, 1 - np.tanh(z) ** 2)


# --- gradient flow ------------------------------------------------------------------------------------------------

def test_gradient_flow_is_the_shared_probe():
    df = cmp.gradient_flow("tanh", 6, 16, "xavier", n=32, seed=2)
    frame, _ = probe("tanh", 6, 16, "xavier", 32, 2)
    assert np.allclose(df.grad_norm, frame.grad_norm) and df.grad_rel.iloc[-1] == 1.0


def test_with_customary_inits_sigmoid_vanishes_and_relu_does_not():
    rel = {a: cmp.gradient_flow(a, 20, 32).grad_rel.iloc[0] for a in cmp.LINEUP}
    assert rel["sigmoid"] < 1e-8
    assert all(0.1 < rel[a] < 10 for a in ["tanh", "relu", "leaky_relu"])


def test_relu_with_too_small_weights_is_flat_but_low():
    he, standard = cmp.gradient_flow("relu", 20, 32, "he"), cmp.gradient_flow("relu", 20, 32, "standard")
    assert standard.grad_norm.max() < 1e-3 * he.grad_norm.min()


# --- where sigmoid is still right ---------------------------------------------------------------------------------

def test_output_gradients_match_finite_differences_of_the_losses():
    df = cmp.output_gradients(-8, 8, 33)
    sig, h = activation("sigmoid"), 1e-6
    loss = {"cross-entropy": lambda z: np.logaddexp(0, z) - z, "squared error": lambda z: 0.5 * (sig(z) - 1) ** 2}
    for name, f in loss.items():
        part = df[df.loss == name]
        fd = np.abs((f(part.z + h) - f(part.z - h)) / (2 * h))
        assert np.allclose(part.grad, fd, rtol=1e-5, atol=1e-9)
    wrong = df[df.z == -8].set_index("loss").grad
    assert wrong["cross-entropy"] > 0.99 and wrong["squared error"] < 1e-3


def test_chain_factor():
    assert cmp.chain_factor(0.25, 3) == 0.25 ** 3 and cmp.chain_factor(0.9, 0) == 1.0


# --- chart specs --------------------------------------------------------------------------------------------------

def test_lineup_chart_facets_curves_and_bands():
    names = list(cmp.LINEUP)
    spec = lineup_chart(cmp.lineup_curves(names), cmp.flat_regions(names), names).to_dict()
    assert spec["columns"] == 4 and spec["facet"]["field"] == "activation"
    marks = [layer["mark"]["type"] for layer in spec["spec"]["layer"]]
    assert marks == ["rect", "line"]
    rows = next(iter(spec["datasets"].values()))
    assert {r["part"] for r in rows} == {"curve", "region"}


def test_flow_chart_is_log_and_floors_zero():
    df = pd.DataFrame({"layer": [1, 2], "activation": "relu", "init": "he", "grad_rel": [0.0, 1.0],
                       "grad_norm": [0.0, 2.0]})
    spec = flow_chart(df, ["relu"]).to_dict()
    assert spec["layer"][0]["encoding"]["y"]["scale"]["type"] == "log"
    rows = next(iter(spec["datasets"].values()))
    assert min(r["shown"] for r in rows) == LOG_FLOOR


def test_race_charts():
    runs = {a: cmp.race_run(a, epochs=25, width=4, depth=1) for a in ["sigmoid", "relu"]}
    curves, boundary, _ = cmp.race_at(runs, 25)
    spec = race_curves_chart(curves, list(runs), 25, 1.0).to_dict()
    assert [c["encoding"]["x"]["scale"]["domain"] for c in spec["hconcat"]] == [[0, 25], [0, 25]]
    assert spec["hconcat"][0]["encoding"]["y"]["scale"]["type"] == "log"
    points = cmp.race_data("circles", 0.1, 200, 0)
    spec = boundary_chart(boundary, points, list(runs)).to_dict()
    assert spec["columns"] == 2
    rows = next(iter(spec["datasets"].values()))
    assert sum(r["part"] == "point" for r in rows) == 2 * len(points)
    assert sum(r["part"] == "grid" for r in rows) == 2 * cmp.GRID ** 2


def test_dying_and_sweep_charts():
    runs = {lr: cmp.dying_run("relu", lr, **{**DYING, "epochs": 5}) for lr in (0.1, 10.0)}
    frame = runs[0.1].frame.assign(activation="relu")
    spec = dying_chart(frame).to_dict()
    assert spec["facet"]["column"]["field"] == "activation"
    spec = sweep_chart(cmp.sweep(runs), 0.1).to_dict()
    assert spec["layer"][0]["encoding"]["x"]["scale"]["type"] == "log"
    assert spec["layer"][2]["encoding"]["shape"]["scale"]["domain"] == ["finished", "diverged"]


def test_output_chart_colours_the_two_losses():
    spec = output_chart(cmp.output_gradients()).to_dict()
    assert spec["encoding"]["color"]["scale"]["domain"] == ["cross-entropy", "squared error"]
