"""Presets: named scenarios that set several widgets (and so the URL) in one click."""
import streamlit as st


def _apply(values):
    for key, value in values.items():
        st.session_state[key] = value


def presets(key, options):
    """options: {name: {widget key: value}}; one button per scenario, in a row."""
    st.caption("Presets")
    for col, (i, (name, values)) in zip(st.columns(len(options)), enumerate(options.items())):
        col.button(name, key=f"{key}_{i}", on_click=_apply, args=(values,), width="stretch")
