"""Charts written as Vega-Lite JSON: `Spec` wraps a spec and its named data so ui.chart, Streamlit and vl-convert
take it like any alt.Chart. Built from Altair objects, layered and faceted charts cost 100-400 ms per rerun (every
nested layer deep-copies its sub-charts and the result is validated); as JSON they cost a few ms. The chart tests
validate every spec against the Vega-Lite schema instead."""
import altair as alt
import pyarrow as pa
import pyarrow.compute as pc
from altair.utils.schemapi import Undefined, debug_mode

from .base import ACTIVATION_COLORS

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
CANVAS = {"embedOptions": {"renderer": "canvas"}}
"""A spec's `usermeta` for charts of thousands of marks redrawn each played frame: vega-embed draws them on a canvas,
not as thousands of SVG nodes (the race's decision surfaces: under 3 frames/s in Chromium as SVG, about 4 on a
canvas, on the 2-core machine)."""
STREAMLIT_TRANSFORMER = "to_arrow_dataset"


class Spec(alt.Chart):
    """A Vega-Lite spec whose data are named tables ({"data": {"name": key}} in the spec): DataFrames or Arrow."""

    def __init__(self, spec, frames):
        with debug_mode(False):
            super().__init__()
        object.__setattr__(self, "_spec", spec)
        object.__setattr__(self, "_frames", dict(frames))

    def to_dict(self, *args, **kwargs):
        """The spec for the active data transformer, with the config ui.chart set."""
        if alt.data_transformers.active == STREAMLIT_TRANSFORMER:
            # Streamlit takes the tables under their own, stable names (and makes them Arrow bytes), so a chart whose
            # data change while its spec does not (a played path or race) keeps one spec and only swaps its data.
            spec = {"$schema": SCHEMA, **self._spec, "datasets": dict(self._frames)}
        else:
            transform = alt.data_transformers.get()
            names, datasets = {}, {}
            for key, table in self._frames.items():
                out = transform(table)
                if "values" in out:
                    names[key], datasets[key] = key, out["values"]
                else:
                    names[key] = out["name"]
            spec = {"$schema": SCHEMA, **_renamed(self._spec, names)}
            if datasets:
                spec["datasets"] = datasets
        config = self._kwds.get("config", Undefined)
        if config is not Undefined:
            spec["config"] = config.to_dict(validate=False)
        return spec

    def frames(self):
        """The chart's data, by name, as DataFrames."""
        return {k: t.to_pandas() if isinstance(t, pa.Table) else t for k, t in self._frames.items()}


def arrow(df):
    """df as an Arrow table, text columns dictionary-encoded (their few values are sent once, not per row)."""
    table = pa.Table.from_pandas(df, preserve_index=False)
    for i, field in enumerate(table.schema):
        if pa.types.is_string(field.type) or pa.types.is_large_string(field.type):
            table = table.set_column(i, field.name, pc.dictionary_encode(table.column(i)))
    return table


def field(name, kind="quantitative", **kw):
    """A Vega-Lite field definition: {"field", "type", ...}."""
    return {"field": name, "type": kind, **kw}


def activation_field(names, legend=None):
    """A colour channel giving each activation its colour on every page (charts.base.ACTIVATION_COLORS)."""
    names = list(names)
    return field("activation", "nominal", title=None, legend=legend or {"orient": "top", "title": None},
                 scale={"domain": names, "range": [ACTIVATION_COLORS.get(n, "#333333") for n in names]})


def _renamed(spec, names):
    """A copy of spec with every {"name": key} data reference pointing at names[key]."""
    if isinstance(spec, dict):
        if set(spec) == {"name"} and spec["name"] in names:
            return {"name": names[spec["name"]]}
        return {k: _renamed(v, names) for k, v in spec.items()}
    if isinstance(spec, list):
        return [_renamed(v, names) for v in spec]
    return spec
