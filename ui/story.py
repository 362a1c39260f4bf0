"""A lecture story: one drawback told in a few steps, each a preset over the page's settings table, the section that
shows it and a one-sentence takeaway that stays on screen. Next/Back (Right/Left keys) step it; the step is in the
URL, so a link opens the story at any step."""
from dataclasses import dataclass
from typing import Callable

import streamlit as st

from .layout import takeaway


@dataclass(frozen=True)
class Step:
    """title: a few words; takeaway: the one sentence the step proves; section: the page's section function that
    shows it; values: a preset over the settings table (Settings.preset)."""

    title: str
    takeaway: str
    section: Callable
    values: dict


WHOLE = "Whole page"


def step_number(key):
    """The chosen step: 0 for the whole page (a click on the chosen option empties the control: the same)."""
    value = st.session_state.get(key)
    return 0 if value in (None, WHOLE) else int(value)


def _apply(key, steps, only_missing=False):
    """Set the chosen step's settings (only those the URL does not state, when a link has just arrived)."""
    step = step_number(key)
    if step:
        for k, v in steps[step - 1].values.items():
            if not (only_missing and k in st.query_params):
                st.session_state[k] = v
    st.session_state[f"_{key}_applied"] = step


def _go(key, steps, step):
    st.session_state[key] = str(step) if step else WHOLE
    _apply(key, steps)


def story(key, steps):
    """The story bar: pick a step (or the whole page), Back / Next. Returns the chosen Step, or None for the whole
    page. Call before any section draws its widgets: a step sets them. The URL holds the step's number."""
    titles = "; ".join(f"{i}: {s.title}" for i, s in enumerate(steps, 1))
    with st.container(key=f"story_{key}", horizontal=True, vertical_alignment="bottom"):
        st.segmented_control("Lecture story", [WHOLE, *map(str, range(1, len(steps) + 1))], default=WHOLE, key=key,
                             bind="query-params", on_change=_apply, args=(key, steps),
                             help=f"Step through this page's argument, one section and its takeaway at a time ({titles}). "
                                  "Keys: Right / Left.")
        step = step_number(key)
        if st.session_state.get(f"_{key}_applied") != step:  # a link opened the story at this step
            _apply(key, steps, only_missing=True)
        st.button("Back", icon=":material/chevron_left:", key=f"{key}_back", shortcut="Left", disabled=step == 0,
                  on_click=_go, args=(key, steps, step - 1))
        st.button("Next", icon=":material/chevron_right:", key=f"{key}_next", shortcut="Right",
                  disabled=step == len(steps), on_click=_go, args=(key, steps, step + 1))
    if not step:
        return None
    chosen = steps[step - 1]
    takeaway(key, f"**{step} / {len(steps)} · {chosen.title}.** {chosen.takeaway}")
    return chosen


def run(sections, key=None, steps=(), tabs=None):
    """Run the page's sections in order; during a story step, only the step's section. tabs = (URL key, titles):
    the whole page shows the sections as lazy tabs instead, only the open one runs, and the URL names it."""
    chosen = story(key, steps) if steps else None
    if chosen is None and tabs:
        for tab, section in zip(st.tabs(list(tabs[1]), key=tabs[0], bind="query-params"), sections):
            if tab.open:
                with tab:
                    section()
        return
    for section in sections:
        if chosen is None or section is chosen.section:
            section()
