"""Shared work once: the same link opened by a second session, after a first, costs the server only what is not
cached (st.cache_data keys the experiments on their settings, so the second session's runs are cache hits; the
charts, widgets and messages are still built per session). Server CPU time of the open and of each slider move."""
import asyncio

import numpy as np

from bench.proc import cpu_seconds, server_pid
from bench.protocol import Session, walk
from browser import serve

MOVES = 6


async def _session(url, pid):
    """Open `url` and move its first slider MOVES steps: (CPU s of the open, [CPU s per move])."""
    cpu = cpu_seconds(pid)
    async with Session(url) as s:
        opened = cpu_seconds(pid) - cpu
        key = next(k for k, w in s.widgets.items() if w[2] == "slider" and len(w[3].default) == 1)
        value, low, high, step = s.slider(key)
        moves = []
        for value in walk(value, low, high, step, MOVES):
            cpu = cpu_seconds(pid)
            await s.move(key, value)
            moves.append(cpu_seconds(pid) - cpu)
        if s.errors:
            raise RuntimeError(f"{url}: the page drew an exception: {s.errors[0][:200]}")
        return opened, moves


def first_and_second(paths):
    """{path: ((open s, median move s) of the first session, the same of the second)}, one fresh server per path so
    the first session finds every cache empty."""
    out = {}
    for path in paths:
        with serve() as url:
            pid = server_pid(url)
            runs = [asyncio.run(_session(f"{url}/{path}", pid)) for _ in range(2)]
        out[path] = tuple((opened, float(np.median(moves))) for opened, moves in runs)
    return out
