"""The one caching idiom of every page: an experiment wrapped once, keyed on its arguments, bounded in entries."""
import streamlit as st

_WRAPPED = {}
"""(code, defaults, entries) -> wrapper: a page script runs its ui.cached lines on every run, and st.cache_data takes
about 1 ms to wrap a function (it reads the function's source to name its cache)."""


def cached(experiment, entries):
    """`experiment` cached across sessions by its arguments (copies returned), at most `entries` results kept: choose
    it from the measured size of one result so a day of lectures cannot grow the server without bound.

    Wrapped once per version of its code: a page's next run gets the same wrapper (and so the same cache) back. A
    cached function's result depends on its arguments alone, so the first run's function serves every later run;
    a function with a closure (or keyword-only defaults) is wrapped anew each time."""
    key = (experiment.__code__, experiment.__defaults__, entries)
    if experiment.__closure__ is not None or experiment.__kwdefaults__:
        return st.cache_data(experiment, show_spinner=False, max_entries=entries)
    if key not in _WRAPPED:
        _WRAPPED[key] = st.cache_data(experiment, show_spinner=False, max_entries=entries)
    return _WRAPPED[key]
