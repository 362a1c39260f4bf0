"""The one caching idiom of every page: an experiment wrapped once, keyed on its arguments, bounded in entries."""
import streamlit as st


def cached(experiment, entries):
    """`experiment` cached across sessions by its arguments (copies returned), at most `entries` results kept: choose
    it from the measured size of one result so a day of lectures cannot grow the server without bound."""
    return st.cache_data(experiment, show_spinner=False, max_entries=entries)
