"""Play / pause / step through the frames of a view that evolves (a path, a training run): chart_player plays a
chart's frames in the browser."""
import json

import streamlit as st

from charts import player as cp

from .layout import lecture
from .show import chart


def _url_step(step_key, last):
    """The step a link states (0..last), or the last frame when it states none or nonsense."""
    try:
        return min(max(int(float(st.query_params[step_key])), 0), last)
    except (KeyError, ValueError, OverflowError):
        return last


def chart_player(key, n_steps, build, name, fps=cp.FPS):
    """A chart that steps and plays its own frames 0..n_steps-1 in the browser, at charts.player.FPS: no server run
    per frame. build(step) -> charts.spec.Spec: every frame's rows, the frame charts.player.STEP shown, opening on
    `step`, with charts.player.selection(step, last) in one layer. Play and the Step slider sit under the chart;
    play shows `fps` frames a second (fewer for a few frames that should take seconds).

    When the step settles (a pause, the end of play, the slider let go) Streamlit reports it and this fragment
    reruns once to put it in the URL at `<key>_step`, left out on the last frame, where a player opens (a link states
    any other). The chart's spec keeps the step it opened on while nothing else in it changes: a new spec would draw
    the chart anew, mid-drag. Text that changes with the step belongs in the chart (text marks showing STEP)."""
    step_key, chart_key, last = f"{key}_step", f"{key}_chart", max(int(n_steps) - 1, 0)
    opened_key, drawn_key = f"_{key}_opened", f"_{key}_drawn"

    @st.fragment
    def show():
        state = st.session_state.get(chart_key)
        step = cp.reported(state.selection if state else None, last)
        if step is not None and step != _url_step(step_key, last):
            if step == last:
                del st.query_params[step_key]
            else:
                st.query_params[step_key] = str(step)
        st.session_state[step_key] = _url_step(step_key, last)  # a link's step is a setting: no "unknown" notice
        opened = min(st.session_state.get(opened_key, _url_step(step_key, last)), last)
        c = build(opened)
        drawn = (json.dumps(c.spec, sort_keys=True, default=str), last, lecture())
        if drawn != st.session_state.get(drawn_key):  # the browser draws it anew: open it where the URL says
            if opened != _url_step(step_key, last):
                opened = _url_step(step_key, last)
                c = build(opened)
            st.session_state[opened_key], st.session_state[drawn_key] = opened, drawn
        with st.container(key=f"player_{key}"):  # .st-key-player_<key> finds it in a browser
            chart(c, name, lambda spec: cp.playable(spec, last, fps), key=chart_key, on_select="rerun")

    show()
