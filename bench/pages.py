"""The worst settings of each page: a whole-page rerun through AppTest over extremes and random settings."""
import logging
import time
import tracemalloc
from contextlib import contextmanager

import numpy as np
import streamlit as st

from fuzz import inputs, randomize
from support import run_page


def _settings(at):
    return {w.key: w.value for w in inputs(at._tree) if w.key}


@contextmanager
def quiet():
    """Without a server, AppTest and st.cache_data warn that there is none: true, and no news in bench's table."""
    logging.disable(logging.WARNING)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)


def worst_combination(page, query=None, tries=30, seed=0):
    """The slowest rerun over both extremes and `tries` random settings of `page` arriving with URL `query`:
    (seconds, peak MB, settings)."""
    with quiet():
        return _worst(page, query, tries, seed)


def _worst(page, query, tries, seed):
    rng = np.random.default_rng(seed)
    at = run_page(page, query)
    worst = (0.0, {})
    for i in range(tries + 2):
        randomize(at, rng, end={0: "low", 1: "high"}.get(i))
        settings = _settings(at)
        t = time.perf_counter()
        at.run()
        worst = max(worst, (time.perf_counter() - t, settings), key=lambda w: w[0])
    at = run_page(page, query)
    for w in inputs(at._tree):
        if w.key in worst[1]:
            w.set_value(worst[1][w.key])
    st.cache_data.clear()  # measure the work itself, not a cache hit
    tracemalloc.start()
    at.run()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return worst[0], peak, worst[1]
