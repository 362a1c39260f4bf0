"""The home page's experiment and chart: curves, operating point, the saturation edge."""
import re

import numpy as np
import pytest
import vl_convert
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema

from charts.curves import TO_KIND, curve_chart
from experiments.curves import curves, operating_point
from sigcore import saturation_edge


def test_curves_frame_and_slope_ceiling():
    df = curves(["sigmoid", "tanh"], n=101)
    assert len(df) == 202 and set(df.activation) == {"sigmoid", "tanh"}
    assert df.query("activation == 'sigmoid'").slope.max() == pytest.approx(0.25)


def test_operating_point_reads_the_curve():
    p = operating_point("sigmoid", 0.0)
    assert p["value"] == 0.5 and p["slope"] == 0.25 and p["share_of_max"] == 1.0 and not p["saturated"]
    assert operating_point("sigmoid", 8.0)["saturated"]


def test_saturation_edge_is_where_the_slope_hits_the_threshold():
    edge = saturation_edge("sigmoid")
    s = 1 / (1 + np.exp(-edge))
    assert s * (1 - s) == pytest.approx(0.1 * 0.25, rel=1e-6)


def test_chart_spec_is_valid_and_draws_each_curve_and_its_slope_on_one_pair_of_axes():
    df = curves(["sigmoid", "relu"], -10.0, 10.0, n=51)
    chart = curve_chart(df, operating_point("sigmoid", 1.0), 0.25)
    spec = chart.to_dict()
    validate_jsonschema(spec, load_schema())
    curve, ceiling, label, rule, point = spec["layer"]
    assert curve["encoding"]["color"]["scale"]["domain"] == ["sigmoid", "relu"]
    assert curve["encoding"]["strokeDash"]["scale"]["domain"] == ["f(z)", "slope f'(z)"]
    assert curve["encoding"]["y"]["scale"]["domain"] == [-0.05, 1.05] and curve["mark"]["clip"]  # ReLU leaves the top
    assert curve["encoding"]["x"]["scale"]["domain"] == [-10.0, 10.0]
    frames = chart.frames()
    p = operating_point("sigmoid", 1.0)
    assert frames["point"].to_dict("records") == [{"z": 1.0, "value": p["value"], "slope": p["slope"]}]
    assert frames["ceiling"].to_dict("records") == [{"y": 0.25, "label": "σ'(z) ≤ 1/4"}]  # the page's words


def test_the_charts_transform_makes_each_row_a_function_point_and_a_slope_point():
    """TO_KIND run by Vega itself (vl-convert): each (value, slope) row becomes two labelled points."""
    spec = {"data": {"values": [{"value": 0.5, "slope": 0.25}]}, "transform": TO_KIND, "mark": "text",
            "encoding": {"text": {"field": "kind"}, "y": {"field": "y", "type": "quantitative", "axis": None}}}
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", vl_convert.vegalite_to_svg(spec))
    assert sorted(texts) == ["f(z)", "slope f'(z)"]


def test_y_axis_reaches_down_to_minus_one_for_tanh_only():
    tanh = curve_chart(curves(["sigmoid", "tanh"]), operating_point("sigmoid", 0.0), 0.25).to_dict()
    leaky = curve_chart(curves(["sigmoid", "leaky_relu"], -10.0, 10.0), operating_point("sigmoid", 0.0), 0.25)
    assert tanh["layer"][0]["encoding"]["y"]["scale"]["domain"] == [-1.05, 1.05]
    assert leaky.to_dict()["layer"][0]["encoding"]["y"]["scale"]["domain"] == pytest.approx([-0.15, 1.05])
