"""Showing things on a page: charts sized for a projector with their exports, and the real sigcore source."""
import html
import inspect
import re

import pandas as pd
import streamlit as st
import vl_convert

from .layout import lecture


def _config(label, title):
    return {"axis": {"labelFontSize": label, "titleFontSize": title},
            "legend": {"labelFontSize": label, "titleFontSize": label},
            "header": {"labelFontSize": label, "titleFontSize": label}, "title": {"fontSize": title}}


CONFIG = {False: _config(14, 15), True: _config(18, 20)}
"""Chart text: at least 14 px everywhere, 18 px in lecture mode (chart builders leave `config` to this)."""


def file_stem(name):
    """page-chart-setup, the setup being this page's URL settings (or 'defaults')."""
    page = st.session_state.get("_page", "page")
    setup = "_".join(f"{k}-{v}" for k, v in sorted(st.query_params.to_dict().items()) if k != "lecture") or "defaults"
    return re.sub(r"[^A-Za-z0-9._-]+", "", f"{page}-{name}-{setup}")[:120]


def chart_csv(c):
    """Every table behind a chart as one CSV, a `dataset` column naming the table of each row."""
    frames = [df.assign(dataset=name) for name, df in c.frames().items()]
    return pd.concat(frames, ignore_index=True).to_csv(index=False)


def autosize(spec):
    """{"autosize": ...} for a chart Vega-Lite cannot fit to the column, else {}. Streamlit asks every chart but a
    facet or vconcat to fit its column; Vega-Lite fits only a single or layered view sized in pixels, and for any other
    chart warns in the browser's console and falls back to its own size ("pad"), which is asked here instead."""
    composed = "hconcat" in spec or "concat" in spec
    stepped = isinstance(spec.get("width"), dict) or isinstance(spec.get("height"), dict)
    return {"autosize": {"type": "pad", "contains": "padding"}} if composed or stepped else {}


def chart(c, name, shown=None, **select):
    """Show a chart (charts.spec.Spec) at full width, text sized for a projector, with SVG, PNG and CSV export
    beside it. shown: a function giving the spec shown from c.streamlit_spec() (the exports stay c's); select:
    st.vega_lite_chart's key and on_select."""
    c.config = CONFIG[lecture()]
    spec = shown(c.streamlit_spec()) if shown else c.streamlit_spec()
    st.vega_lite_chart({**spec, **autosize(spec)}, width="stretch", **select)
    if lecture():
        return
    stem = file_stem(name)
    with st.popover("Export", icon=":material/download:"):
        st.download_button("SVG", lambda: vl_convert.vegalite_to_svg(c.to_dict()), f"{stem}.svg", "image/svg+xml",
                           key=f"svg_{name}", on_click="ignore", width="stretch")
        st.download_button("PNG", lambda: vl_convert.vegalite_to_png(c.to_dict(), scale=2), f"{stem}.png",
                           "image/png", key=f"png_{name}", on_click="ignore", width="stretch")
        st.download_button("Data (CSV)", lambda: chart_csv(c), f"{stem}.csv", "text/csv", key=f"csv_{name}",
                           on_click="ignore", width="stretch")


CODE_STYLE = ("font: 14px/1.6 'Source Code Pro', monospace; background: #f3f4f6; padding: 1rem; "
              "border-radius: 0.5rem; white-space: pre-wrap; margin: 0")
"""Source shown open on a page is plain preformatted text in the theme's colours: st.code's highlighter would cost
the page's cold load 0.3 s (Home drawn 2.83-3.14 s after `streamlit run` with it, 2.51-2.66 s without)."""


def code(*objects):
    """The source code of sigcore functions, as the library really has it (the lesson and the code cannot drift)."""
    st.html(f'<pre style="{CODE_STYLE}">{html.escape(source_text(*objects))}</pre>')


def source_text(*objects):
    """The objects' source, as in their files, one blank line between them."""
    return "\n\n".join(inspect.getsource(o) for o in objects)


def source(key, label, *objects):
    """An expander with the source code of sigcore functions, as the library really has it. The code is sent only
    once the expander is open (its highlighter costs a cold page load 0.3 s); the open state is in the URL."""
    with st.expander(label, key=key, on_change="rerun", bind="query-params") as box:
        if box.open:
            st.code(source_text(*objects), language="python")
