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
"""Frames a second while playing: the timer's rate, which bounds it (python -m bench play: 24 frames/s on the 2-core
machine when Chromium has a core, each frame 25-30 ms of Chromium's CPU; fewer when the machine is busy)."""
FIRST_STEP_MS = 100
"""Play shows its first step this long after the click (see playable)."""
PRESSED = "player_pressed"
"""The Vega signal holding when Play was last ticked or unticked (Vega's now(), in ms)."""


def selection(step, last):
    """The point selection whose field `step` is the frame shown (0..last), opening on `step`, bound to a slider.
    Valid Vega-Lite: a chart with it alone is a still of that frame (vl-convert's exports, the schema tests)."""
    return {"name": SELECTION, "value": [{"step": int(step)}], "select": {"type": "point", "fields": ["step"]},
            "bind": {"step": {"input": "range", "min": 0, "max": int(last), "step": 1, "name": "Step "}}}


def playable(spec, last, fps=FPS):
    """spec (a dict holding selection() in a layer) with Play: a checkbox `playing` under the chart, a timer that
    moves STEP one frame on every 1/fps s while playing (from 0 when Play is pressed at the last frame), and Play
    unticked when STEP reaches the last frame.

    STEP is Vega-Lite's own signal for the bound selection, and a Vega-Lite parameter cannot carry event handlers;
    but Vega-Lite passes a parameter's unknown properties on to its Vega signal, and Vega adds the `on` handlers of
    a signal declared with `push: "outer"` to the signal of that name already defined. Both are outside the
    Vega-Lite schema, so only the shown spec has them.

    No handler but the timer's writes STEP: any write, even of its own value, is a selection change that Streamlit
    reports to the server (a handler on Play that restarted from 0 made every Play a script run). Streamlit reports a
    selection change at once when it follows a click in the chart before the browser's next task, otherwise once it
    has held still 150 ms: the first step waits FIRST_STEP_MS after Play, so pressing Play reports nothing, and
    playing reports only when a frame takes 150 ms to draw."""
    tick = {"events": {"type": "timer", "throttle": 1000 / fps},
            "update": f"playing && now() - {PRESSED} >= {FIRST_STEP_MS} ? ({STEP} >= {last} ? 0 : {STEP} + 1) : {STEP}"}
    at_the_end = {"events": {"signal": STEP}, "update": f"playing && {STEP} < {last}"}
    params = [{"name": "playing", "value": False, "bind": {"input": "checkbox", "name": "Play "}, "on": [at_the_end]},
              {"name": PRESSED, "value": 0, "on": [{"events": {"signal": "playing"}, "update": "now()"}]},
              {"name": STEP, "push": "outer", "on": [tick]}]
    return {**spec, "params": [*spec.get("params", []), *params]}


def reported(selection_state, last):
    """The step a chart's reported selection (Streamlit's `selection` dict) holds, within 0..last, or None."""
    points = (selection_state or {}).get(SELECTION)
    try:
        return min(max(int(points[0]["step"]), 0), last)
    except (TypeError, KeyError, IndexError, ValueError):
        return None
