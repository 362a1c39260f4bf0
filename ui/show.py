"""Showing things on a page: charts sized for a projector, and the real sigcore source behind a lesson."""
import inspect

import altair as alt
import streamlit as st

from .layout import lecture


def _config(label, title):
    return alt.Config(axis=alt.AxisConfig(labelFontSize=label, titleFontSize=title),
                      legend=alt.LegendConfig(labelFontSize=label, titleFontSize=label),
                      header=alt.HeaderConfig(labelFontSize=label, titleFontSize=label),
                      title=alt.TitleConfig(fontSize=title))


CONFIG = {False: _config(14, 15), True: _config(18, 20)}
"""Chart text: at least 14 px everywhere, 18 px in lecture mode (chart builders leave `config` to this)."""


def chart(c):
    """Show an Altair chart at full width with text large enough for a projector (larger in lecture mode)."""
    c.config = CONFIG[lecture()]
    st.altair_chart(c, width="stretch")


def source(*objects):
    """The source code of sigcore functions, as the library really has it."""
    st.code("\n\n".join(inspect.getsource(o) for o in objects), language="python")
