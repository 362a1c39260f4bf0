"""A progress bar over a loop of runs, shown only once the loop takes long enough to notice (cache hits never do)."""
import time

import streamlit as st

AFTER = 0.15
"""Seconds a loop runs before its bar appears: a loop of cache hits is over long before."""


def progress(items, text):
    """Yield each of `items` (a list); from AFTER seconds on, a bar says how far the loop is, text(i, item) under it."""
    slot, start = st.empty(), time.perf_counter()
    for i, item in enumerate(items):
        if time.perf_counter() - start > AFTER:
            slot.progress(i / len(items), text=text(i, item))
        yield item
    slot.empty()
