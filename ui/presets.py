"""Presets: named scenarios that set several widgets (and so the URL) in one click."""
import streamlit as st

BUTTONS = "_preset_buttons"
"""Session-state key listing this session's preset buttons, {button key: preset name}, for tests to find them."""


def _apply(values):
    for key, value in values.items():
        st.session_state[key] = value


def presets(key, options, stacked=False, per_row=None):
    """options: {name: {widget key: value}}; one button per scenario, in a row (stacked: one under another;
    per_row: rows of that many, for names too long for one row)."""
    st.caption("Presets")
    per_row = per_row or len(options)
    cols = [st.container() for _ in options] if stacked else [
        col for i in range(0, len(options), per_row) for col in st.columns(per_row)][:len(options)]
    for col, (i, (name, values)) in zip(cols, enumerate(options.items())):
        col.button(name, key=f"{key}_{i}", on_click=_apply, args=(values,), width="stretch")
        st.session_state.setdefault(BUTTONS, {})[f"{key}_{i}"] = name
