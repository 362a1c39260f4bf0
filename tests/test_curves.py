"""The home page's experiment and chart: curves, operating point, the saturation edge."""
import numpy as np
import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema

from charts.curves import curve_chart
from sigcore.curves import curves, operating_point, saturation_edge


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


@pytest.mark.parametrize("column, ceiling", [("value", None), ("slope", 0.25)])
def test_chart_spec_is_valid_and_marks_the_point_and_the_ceiling(column, ceiling):
    chart = curve_chart(curves(["sigmoid", "tanh"], n=51), column, column, operating_point("sigmoid", 1.0), ceiling)
    spec = chart.to_dict()
    validate_jsonschema(spec, load_schema())
    assert len(spec["layer"]) == 3 + (ceiling is not None)
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == ["sigmoid", "tanh"]
    frames = chart.frames()
    assert frames["point"].to_dict("records") == [{"z": 1.0, column: operating_point("sigmoid", 1.0)[column]}]
    if ceiling is not None:
        assert frames["ceiling"].to_dict("records") == [{"slope": 0.25}]
