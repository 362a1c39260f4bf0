"""charts.spec: a Vega-Lite spec with named tables, as Streamlit gets it and as vl-convert and the tests get it."""
import math

import pandas as pd
import pyarrow as pa

from charts.spec import SCHEMA, TOP, Spec, activation_field, arrow, n, only, plain, q, text


def spec():
    df = pd.DataFrame({"x": [0.0, 1.0, math.nan], "activation": ["relu", "relu", "tanh"]})
    return Spec({"data": {"name": "curve"}, "mark": "line",
                 "encoding": {"x": {"field": "x", "type": "quantitative"}, "color": activation_field(["relu"])}},
                {"curve": df, "same": arrow(df)}), df


def test_streamlit_gets_the_tables_themselves_under_their_names():
    chart, df = spec()
    out = chart.streamlit_spec()
    assert out["$schema"] == SCHEMA and out["datasets"]["curve"] is df and "config" not in out
    assert out["data"] == {"name": "curve"} and isinstance(out["datasets"]["same"], pa.Table)


def test_to_dict_has_the_rows_inline_and_the_config_ui_sets():
    chart, df = spec()
    chart.config = {"axis": {"labelFontSize": 18}}
    out = chart.to_dict()
    assert out["config"]["axis"]["labelFontSize"] == 18
    expected = [{"x": 0.0, "activation": "relu"}, {"x": 1.0, "activation": "relu"}, {"x": None, "activation": "tanh"}]
    assert out["datasets"] == {"curve": expected, "same": expected}  # NaN is JSON's null, text stays text


def test_frames_are_dataframes_by_name():
    chart, df = spec()
    frames = chart.frames()
    pd.testing.assert_frame_equal(frames["curve"], df)
    assert frames["same"]["activation"].astype(str).tolist() == ["relu", "relu", "tanh"]


def test_arrow_dictionary_encodes_text_only():
    table = arrow(pd.DataFrame({"x": [1.0, 2.0], "name": ["a", "a"]}))
    assert pa.types.is_dictionary(table.schema.field("name").type) and table.schema.field("x").type == pa.float64()


def test_text_and_plain_make_text_columns_python_objects():
    assert text(["a", "b"]).dtype == object
    df = plain(pd.DataFrame({"name": pd.array(["a"], dtype="string"), "x": [1.0]}))
    assert df["name"].dtype == object and df["x"].dtype == float


def test_field_helpers_name_type_and_title_and_the_legend_sits_on_top():
    assert q("x", "the x", format=".2f") == {"field": "x", "type": "quantitative", "title": "the x", "format": ".2f"}
    assert n("kind", legend=TOP) == {"field": "kind", "type": "nominal", "title": None, "legend": TOP}
    assert TOP == {"orient": "top", "title": None}


def test_only_filters_one_column_for_one_value():
    assert only("line") == {"filter": "datum.kind === 'line'"}
    assert only("curve", "part") == {"filter": "datum.part === 'curve'"}
