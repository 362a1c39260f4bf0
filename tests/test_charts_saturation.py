"""The Saturation page's chart specs (charts.saturation): each validates against the Vega-Lite schema and draws
what the page says it does."""
import json

import numpy as np
import pandas as pd
import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema

from charts import saturation as charts
from charts.player import STEP
from experiments import saturation as sat
from sigcore import activation, saturation_edge
from sigcore.train import epochs_to_show

SIGMOID = activation("sigmoid")


@pytest.fixture(scope="module")
def glorot_bengio():
    return sat.deep_run()


SCHEMA = load_schema()


def _views(spec):
    return spec.get("layer", [spec])


def _encoded_fields(spec):
    return [enc for view in _views(spec) for enc in view.get("encoding", {}).values() if isinstance(enc, dict)]


def _check(chart):
    """The spec validates against the Vega-Lite schema, and every channel names its field and type."""
    spec = chart.to_dict()
    validate_jsonschema(spec, SCHEMA)
    for enc in _encoded_fields(spec):
        if "field" in enc:
            assert "type" in enc or set(enc) <= {"field", "title"}, enc
    return spec


def test_sit_chart_marks_saturated_bins():
    hist, curve, s = sat.sit(1.0, 0.0, 100, "positive")
    spec = _check(charts.sit_chart(hist, curve, s["edge"]))
    assert spec["resolve"]["scale"]["y"] == "independent"
    bars = pd.DataFrame(spec["datasets"][spec["layer"][0]["data"]["name"]])
    centre = (bars["left"] + bars["right"]) / 2
    assert ((bars["zone"] == "saturated") == (centre.abs() > s["edge"])).all()
    lines = pd.DataFrame(spec["datasets"][spec["layer"][1]["data"]["name"]])
    assert sorted(lines.loc[lines["curve"].str.startswith("z ="), "z"].unique()) == [-s["edge"], s["edge"]]


def test_sit_charts_of_the_presets_share_one_z_axis():
    domains = {tuple(_check(charts.sit_chart(*sat.sit(scale, 0.0, 100, kind)[:2], sat.saturation_edge()))
                     ["layer"][0]["encoding"]["x"]["scale"]["domain"])
               for scale, kind in [(0.1, "positive"), (1.0, "positive"), (1.0, "centred")]}
    assert domains == {(-sat.Z_HALF, sat.Z_HALF)}


def test_mean_slope_chart_marks_the_layer():
    spec = _check(charts.mean_slope_chart(sat.mean_slope_curve(), 3.0, 0.1))
    assert spec["layer"][0]["encoding"]["x"]["scale"]["type"] == "log"
    data = pd.DataFrame(next(iter(spec["datasets"].values())))
    assert data.loc[data["curve"] == "this layer", ["s", "y"]].values.tolist() == [[3.0, 0.0], [3.0, 0.1]]


def test_depth_chart_is_log_scale_with_the_ceiling():
    frame, _ = sat.gradient_through_depth(depth=6, width=16, init="standard")
    spec = _check(charts.depth_chart(frame, sat.slope_ceiling(6)))
    assert spec["layer"][0]["encoding"]["y"]["scale"]["type"] == "log"
    data = pd.DataFrame(next(iter(spec["datasets"].values())))
    assert set(data["activation"]) == {"sigmoid", "tanh", "relu", charts.CEILING} and (data["relative"] > 0).all()


def test_neuron_chart_carries_every_frame_and_shows_the_played_one():
    run, frames = sat.nielsen(2.0, 2.0, 0.15, 100), epochs_to_show(100, 10)
    formulas = pd.DataFrame({"frame": range(len(frames)), "cost_fn": "quadratic", "text": "x"})
    spec = _check(charts.neuron_chart(run, frames, 100, formulas, 3))
    data = pd.DataFrame(spec["datasets"]["neuron"])
    assert data["epoch"].max() == 100 and set(data["cost_fn"]) == set(sat.COSTS.values())
    # a row is drawn from the first frame whose epoch reaches it; the frames' own epochs carry the dot
    assert (np.asarray(frames)[data["frame"]] >= data["epoch"]).all()
    assert set(data.loc[data["head"], "epoch"]) == set(frames)
    assert '"value": [{"step": 3}]' in json.dumps(spec) and STEP in json.dumps(spec)


def test_neuron_chart_axes_hold_still_while_it_plays():
    """x spans every epoch and the cost's log axis the whole run's range, whatever frame is shown; both say what
    they are."""
    run, frames = sat.nielsen(2.0, 2.0, 0.15, 100), epochs_to_show(100, 10)
    formulas = pd.DataFrame({"frame": range(len(frames)), "cost_fn": "quadratic", "text": "x"})
    spec = _check(charts.neuron_chart(run, frames, 100, formulas, 0))
    output, cost = spec["vconcat"][0]["hconcat"]
    assert output["encoding"]["x"]["title"] == "epoch" and output["encoding"]["x"]["scale"]["domain"] == [0, 100]
    assert cost["encoding"]["y"]["scale"]["domain"] == pytest.approx([run["cost"].min(), run["cost"].max()])


def test_training_chart_plays_both_readings_of_near_0_or_1(glorot_bengio):
    layers, hist, shown = glorot_bengio["layers"], glorot_bengio["hist"], glorot_bengio["epochs_shown"]
    spec = _check(charts.training_chart(layers, hist, shown, 200, sat.bands("sigmoid"), 4))
    data = {k: pd.DataFrame(v) for k, v in spec["datasets"].items()}
    assert set(data["shares"]["measure"]) == {charts.ZONES["near"], charts.ZONES["saturated"]}
    assert data["shares"]["epoch"].max() == 200 and '"value": [{"step": 4}]' in json.dumps(spec)
    # the two measures are drawn with different strokes, the layers in four different hues
    ridgeline, shares = spec["hconcat"]
    dash = shares["encoding"]["strokeDash"]
    assert dash["scale"]["range"][0] != dash["scale"]["range"][1] and dash["legend"]["symbolType"] == "stroke"
    assert len(set(shares["encoding"]["color"]["scale"]["range"])) == 4
    assert shares["encoding"]["x"]["title"].startswith("epoch") and shares["encoding"]["y"]["scale"]["domain"] == [0, 1]
    rows = data["hist"]
    assert set(rows["epoch"]) == set(shown) and (rows["top"] >= rows["base"]).all()
    centre = (rows["left"] + rows["right"]) / 2
    edge = saturation_edge("sigmoid")
    strict = (centre < SIGMOID(-edge)) | (centre > SIGMOID(edge))
    near = (centre <= sat.NEAR) | (centre >= 1 - sat.NEAR)
    assert ((rows["zone"] == charts.ZONES["saturated"]) == strict).all()
    assert ((rows["zone"] == charts.ZONES["near"]) == (near & ~strict)).all()
    assert set(data["means"]["epoch"]) == set(shown)
    tanh = _check(charts.training_chart(layers, hist, shown, 200, sat.bands("tanh"), 4, (-1.0, 1.0)))
    assert tanh["hconcat"][0]["layer"][0]["encoding"]["x"]["scale"]["domain"] == [-1, 1]
