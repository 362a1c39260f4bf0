"""ui.progress: a bar over a loop of runs that only a slow loop shows, gone once the loop is done."""
from streamlit.testing.v1 import AppTest


def fast_loop():
    import streamlit as st

    import ui
    st.write(", ".join(ui.progress(["a", "b", "c"], lambda i, x: f"Training {x}")))


def slow_loop_caught_halfway():
    import time

    import ui
    from ui.progress import AFTER
    steps = ui.progress(["a", "b", "c", "d"], lambda i, x: f"Training {i + 1} of 4: {x}")
    next(steps)
    time.sleep(AFTER + 0.05)
    next(steps), next(steps)  # the loop is now past AFTER, on its third item


def test_a_fast_loop_yields_everything_and_never_shows_a_bar():
    at = AppTest.from_function(fast_loop).run()
    assert not at.exception and not at.get("progress")
    assert at.markdown[0].value == "a, b, c"


def test_a_slow_loop_shows_how_far_it_is():
    at = AppTest.from_function(slow_loop_caught_halfway).run()
    assert not at.exception
    (bar,) = at.get("progress")
    assert bar.proto.value == 50 and bar.proto.text == "Training 3 of 4: c"
