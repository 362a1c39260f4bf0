"""Charts written as Vega-Lite JSON: `Spec` holds a spec and its named tables. ui.chart hands it to Streamlit, and
its to_dict() (the data inline) to vl-convert and the tests. Built from Altair objects, layered and faceted charts
cost 100-400 ms per rerun (every nested layer deep-copies its sub-charts and the result is validated), and importing
Altair costs a cold start 0.2 s; as JSON they cost a few ms. The chart tests validate every spec against the
Vega-Lite schema instead."""
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .base import ACTIVATION_COLORS

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
CANVAS = {"embedOptions": {"renderer": "canvas"}}
"""A spec's `usermeta` for charts of thousands of marks redrawn each played frame: vega-embed draws them on a canvas,
not as thousands of SVG nodes (the race's decision surfaces: under 3 frames/s in Chromium as SVG, about 4 on a
canvas, on the 2-core machine)."""


class Spec:
    """A Vega-Lite spec whose data are named tables ({"data": {"name": key}} in the spec): DataFrames or Arrow;
    `config` (a Vega-Lite config dict) is what ui.chart sets."""

    def __init__(self, spec, frames):
        self.spec, self.tables, self.config = spec, dict(frames), None

    def streamlit_spec(self):
        """The spec with its tables as they are, under their own stable names: Streamlit makes them Arrow bytes, and
        a chart whose data change while its spec does not (a played path or race) keeps one spec and only swaps its
        data in the browser."""
        return {"$schema": SCHEMA, **self.spec, "datasets": dict(self.tables),
                **({"config": self.config} if self.config else {})}

    def to_dict(self):
        """The spec with every table inline as rows, for vl-convert and the tests."""
        return {**self.streamlit_spec(), "datasets": {k: _table(t).to_pylist() for k, t in self.tables.items()}}

    def frames(self):
        """The chart's data, by name, as DataFrames."""
        return {k: t.to_pandas() if isinstance(t, pa.Table) else t for k, t in self.tables.items()}


def _table(t):
    return t if isinstance(t, pa.Table) else pa.Table.from_pandas(t, preserve_index=False)


def arrow(df):
    """df as an Arrow table, text columns dictionary-encoded (their few values are sent once, not per row)."""
    table = pa.Table.from_pandas(df, preserve_index=False)
    for i, field in enumerate(table.schema):
        if pa.types.is_string(field.type) or pa.types.is_large_string(field.type):
            table = table.set_column(i, field.name, pc.dictionary_encode(table.column(i)))
    return table


def compact(rows):
    """rows (a DataFrame, or {name: array}) as Arrow, floats in single precision, small integers in 16 bits, text
    dictionary-encoded: for a played chart, which sends every frame (built column by column: pandas' astype and
    pyarrow's from_pandas cost a fresh run more than the rest of the chart)."""
    columns = {}
    for name, column in rows.items():
        v = np.asarray(column)
        if v.dtype == np.float64:
            columns[name] = pa.array(v.astype(np.float32))
        elif v.dtype == object:
            columns[name] = pa.array(v, pa.string()).dictionary_encode()
        elif v.dtype.kind == "i" and (len(v) == 0 or np.abs(v).max() < 2**15):  # epochs, layers, frames
            columns[name] = pa.array(v.astype(np.int16))
        else:
            columns[name] = pa.array(v)
    return pa.table(columns)


def text(values):
    """A column of Python strings (object dtype): pandas' own string columns are slow to build and serialize."""
    return pd.Series(list(values), dtype=object)


def plain(df):
    """df with its text columns as Python objects (see text)."""
    columns = [c for c in df.columns if isinstance(df[c].dtype, pd.StringDtype)]
    return df.astype({c: object for c in columns}) if columns else df


TOP = {"orient": "top", "title": None}
"""The legend every chart uses: above the plot, untitled."""


def field(name, kind="quantitative", **kw):
    """A Vega-Lite field definition: {"field", "type", ...}. Dict options are copied: st.vega_lite_chart writes into a
    spec's legend (an untitled one gets title " "), which must not reach a shared constant such as TOP."""
    return {"field": name, "type": kind, **{k: dict(v) if isinstance(v, dict) else v for k, v in kw.items()}}


def q(name, title=None, **kw):
    """A quantitative field definition, titled (None: untitled)."""
    return field(name, "quantitative", title=title, **kw)


def n(name, title=None, **kw):
    """A nominal field definition, titled (None: untitled)."""
    return field(name, "nominal", title=title, **kw)


def only(value, column="kind"):
    """A filter transform keeping the rows whose `column` equals `value` (one layer of a one-table chart)."""
    return {"filter": f"datum.{column} === '{value}'"}


def activation_field(names, legend=None):
    """A colour channel giving each activation its colour on every page (charts.base.ACTIVATION_COLORS)."""
    names = list(names)
    return field("activation", "nominal", title=None, legend=legend or TOP,
                 scale={"domain": names, "range": [ACTIVATION_COLORS.get(n, "#333333") for n in names]})
