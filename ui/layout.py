"""Page layout: a title with its two-sentence intro, and prose that lecture mode hides."""
import streamlit as st


def lecture():
    """True when the sidebar's lecture mode (URL key `lecture`) is on."""
    return bool(st.session_state.get("lecture", False))


def header(title, intro):
    """The page title and, outside lecture mode, its short introduction."""
    st.title(title)
    explain(intro)


def explain(text):
    """Markdown prose beside a chart; hidden in lecture mode, where the lecturer speaks it."""
    if not lecture():
        st.markdown(text)
