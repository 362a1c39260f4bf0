"""Helpers for page tests: run a page through app.py's navigation and read back its charts."""
import json
from pathlib import Path

import numpy as np
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGES = sorted(f"views/{p.name}" for p in (ROOT / "views").glob("*.py"))


def run_page(page, query=None, timeout=60):
    """A fresh AppTest of app.py on `page` (e.g. "views/home.py") arriving with URL `query`, after its run.

    app.py runs first on Home (with the same URL, so the sidebar's widgets see it), so that st.navigation has
    registered the pages; then it switches to `page`, as a browser does.
    """
    at = AppTest.from_file(APP, default_timeout=timeout)
    query = query or {}
    at.query_params.update(query)
    if page != "views/home.py":
        at.run().switch_page(page)
        at.query_params.update(query)
    return at.run()


def charts(at):
    """Every Altair chart on the page as (spec dict, list of its datasets as DataFrames)."""
    out = []
    for el in at.get("vega_lite_chart"):
        frames = [convert_arrow_bytes_to_pandas_df(ds.data.data) for ds in el.proto.datasets]
        out.append((json.loads(el.proto.spec), frames))
    return out


def assert_healthy(at):
    """No exception on the page, and no NaN or infinity in any chart's data or any metric."""
    assert not at.exception, [e.value for e in at.exception]
    for spec, frames in charts(at):
        for df in frames:
            numeric = df.select_dtypes("number").to_numpy(dtype=np.float64)
            assert np.isfinite(numeric).all(), f"non-finite value in a chart's data: {spec.get('title', spec.keys())}"
    for m in at.metric:
        assert "nan" not in str(m.value).lower() and "inf" not in str(m.value).lower(), (m.label, m.value)
