"""A chart that plays its own frames in the browser: the Vega-Lite pieces ui.chart_player puts around a chart.

The chart carries every frame's rows at once and its layers show the frame in the Vega signal STEP (a filter such as
`datum.step <= player_step`). STEP is the one field of the point selection `selection()` (put it in one layer's
params): Vega-Lite binds it to a range slider under the chart, and Streamlit reports a selection back to the server
once it settles, so the step can reach the URL. `playable()` adds Play: a checkbox and a Vega timer that moves STEP
on while it is ticked, all in the browser."""

SELECTION = "player"
STEP = "player_step"
"""The Vega signal holding the frame shown: Vega-Lite names a bound selection's field `<selection>_<field>`."""
FPS = 24
"""Frames a second while playing (the timer's rate; a heavy chart draws fewer)."""


def selection(step, last):
    """The point selection whose field `step` is the frame shown (0..last), opening on `step`, bound to a slider.
    Valid Vega-Lite: a chart with it alone is a still of that frame (vl-convert's exports, the schema tests)."""
    return {"name": SELECTION, "value": [{"step": int(step)}], "select": {"type": "point", "fields": ["step"]},
            "bind": {"step": {"input": "range", "min": 0, "max": int(last), "step": 1, "name": "Step "}}}


def playable(spec, last, fps=FPS):
    """spec (a dict holding selection() in a layer) with Play: a checkbox `playing` under the chart, and handlers on
    STEP: a timer moves it one frame on every 1/fps s while playing, Play at the last frame starts from 0, and
    playing stops at the last frame.

    STEP is Vega-Lite's own signal for the bound selection, and a Vega-Lite parameter cannot carry event handlers;
    but Vega-Lite passes a parameter's unknown properties on to its Vega signal, and Vega adds the `on` handlers of
    a signal declared with `push: "outer"` to the signal of that name already defined. Both are outside the
    Vega-Lite schema, so only the shown spec has them."""
    tick = {"events": {"type": "timer", "throttle": 1000 / fps}, "update": f"playing ? min({STEP} + 1, {last}) : {STEP}"}
    restart = {"events": {"signal": "playing"}, "update": f"playing && {STEP} >= {last} ? 0 : {STEP}"}
    params = [{"name": "playing", "value": False, "bind": {"input": "checkbox", "name": "Play "}},
              {"name": STEP, "push": "outer", "on": [tick, restart]}]
    return {**spec, "params": [*spec.get("params", []), *params]}


def reported(selection_state, last):
    """The step a chart's reported selection (Streamlit's `selection` dict) holds, within 0..last, or None."""
    points = (selection_state or {}).get(SELECTION)
    try:
        return min(max(int(points[0]["step"]), 0), last)
    except (TypeError, KeyError, IndexError, ValueError):
        return None
