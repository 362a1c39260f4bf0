"""Play / pause / step / reset through the frames of a view that evolves (a path, a training run): chart_player
plays a chart's frames in the browser; player (the older way) draws each frame on the server."""
import json

import streamlit as st

from charts import player as cp

from .layout import lecture
from .show import chart


def _set(key, value, count_key, clicked_key):
    """A button's step; while playing, play goes on from it."""
    st.session_state[key] = value
    st.session_state.pop(count_key, None)
    st.session_state[clicked_key] = True


def _from_the_start_if_done(play_key, step_key, last):
    """Play switched on at the last step starts again from the first."""
    if st.session_state.get(play_key) and int(st.session_state.get(step_key, last)) >= last:
        st.session_state[step_key] = 0


FPS = 6
"""Play's timer ticks this often a second; every player plays at 5.5-6 frames/s in bench on the 2-core machine (at 5
ticks a second the heavier ones fell under 5 frames/s while the machine was busy)."""


def player(key, n_steps, render):
    """Frames 0..n_steps-1, drawn by render(step); the step is a URL-bound slider, play reruns only this fragment.
    A player opens on its last frame (the whole run), so a link leaves the step out there and states any other.

    Play is a toggle outside the fragment: switching it reruns the page, which gives the fragment its timer or takes
    it away (a pause is a plain widget change, never a race with the timer). While playing, the step is counted in
    session state: a timer's rerun can carry the slider's value from before the last frame was drawn."""
    step_key, play_key, count_key = f"{key}_step", f"{key}_playing", f"_{key}_count"
    page_run, clicked_key, shown_key = f"_{key}_page_run", f"_{key}_clicked", f"_{key}_shown"
    last, last_key = max(int(n_steps) - 1, 0), f"_{key}_last"
    if last_key in st.session_state and st.session_state.get(step_key) == st.session_state[last_key]:
        st.session_state[step_key] = last  # it was on the last frame: it stays there when a new setup has more or fewer
    st.session_state[last_key] = last
    with st.container(key=f"player_{key}"):  # .st-key-player_<key> finds it in a browser
        playing = st.toggle("Play", key=play_key, bind="query-params", on_change=_from_the_start_if_done,
                            args=(play_key, step_key, last), help="Play through the steps; switch off to pause")
        st.session_state.pop(count_key, None)
        st.session_state[page_run] = True

        @st.fragment(run_every=1.0 / FPS if playing else None)
        def frame():
            step = min(max(int(st.session_state.get(step_key, last)), 0), last)
            by_page, by_button = st.session_state.pop(page_run, False), st.session_state.pop(clicked_key, False)
            if playing and not (by_page or by_button):  # a timer's tick: one step on (a slider drag waits for pause)
                step = min(st.session_state.get(count_key, step), last)
                if step >= last:
                    st.session_state[play_key] = False
                    st.rerun()
                step += 1
                st.session_state[count_key] = step
            elif not (playing or by_page or by_button) and step == st.session_state.get(shown_key):
                # Paused, and nothing moved: a tick of a timer the browser re-armed from a tick that ran while the
                # pause's page run waited. Only a page run disarms the browser's timers.
                st.rerun()
            if step_key in st.session_state:  # always set: the slider's own value may be one from a longer run
                st.session_state[step_key] = step
            cols = st.columns([2, 2, 2, 9], vertical_alignment="bottom")
            cols[0].button("First", icon=":material/first_page:", key=f"{key}_reset", help="Back to the start",
                           on_click=_set, args=(step_key, 0, count_key, clicked_key))
            cols[1].button("Back", icon=":material/chevron_left:", key=f"{key}_back", help="One step back",
                           on_click=_set, args=(step_key, max(step - 1, 0), count_key, clicked_key))
            cols[2].button("Next", icon=":material/chevron_right:", key=f"{key}_next", help="One step on",
                           on_click=_set, args=(step_key, min(step + 1, last), count_key, clicked_key))
            if last > 0:
                cols[3].slider(f"Step (of {last})", 0, last, last, key=step_key, bind="query-params")
            st.session_state[shown_key] = int(st.session_state.get(step_key, step))
            render(st.session_state[shown_key])

        frame()


def _url_step(step_key, last):
    """The step a link states (0..last), or the last frame when it states none or nonsense."""
    try:
        return min(max(int(float(st.query_params[step_key])), 0), last)
    except (KeyError, ValueError, OverflowError):
        return last


def chart_player(key, n_steps, build, name):
    """A chart that steps and plays its own frames 0..n_steps-1 in the browser, at charts.player.FPS: no server run
    per frame. build(step) -> charts.spec.Spec: every frame's rows, the frame charts.player.STEP shown, opening on
    `step`, with charts.player.selection(step, last) in one layer. Play and the Step slider sit under the chart.

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
        st.session_state[step_key] = _url_step(step_key, last)  # the step the link's `<key>_step` gave, for its notice
        opened = min(st.session_state.get(opened_key, _url_step(step_key, last)), last)
        c = build(opened)
        drawn = (json.dumps(c.spec, sort_keys=True, default=str), last, lecture())
        if drawn != st.session_state.get(drawn_key):  # the browser draws it anew: open it where the URL says
            if opened != _url_step(step_key, last):
                opened = _url_step(step_key, last)
                c = build(opened)
            st.session_state[opened_key], st.session_state[drawn_key] = opened, drawn
        with st.container(key=f"player_{key}"):  # .st-key-player_<key> finds it in a browser
            chart(c, name, lambda spec: cp.playable(spec, last), key=chart_key, on_select="rerun")

    show()
