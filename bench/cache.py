"""Streamlit's message cache, weighed: the bytes each interaction sends with the cache on (Streamlit's default: an
element of 10 kB or more is sent once, then as its hash while the browser keeps it) and off (this app's
`global.minCachedMessageSize = 1e18`), and the race that makes it unsafe here.

The race: with each request the browser sends the hashes it holds; after every run it drops a message unused for
more than `maxCachedMessageAge` (2) runs. A request sent while another run is still on its way carries a list the
end of that run makes stale: if the new run draws again an element last drawn 3 runs before (a frame revisited, a
preset clicked back), the server sends only its hash, the browser no longer has it ('Cached ForwardMsg MISS'),
the websocket fails fatally and the page hangs in 'running'."""
import asyncio

import numpy as np

from bench.protocol import CacheMiss, Session, walk
from browser import serve

PRESSES = 4
ON, OFF = "10000", "1e18"  # Streamlit's default minimum size of a cached message, and this app's


async def _walk(url):
    """Every single-valued slider on the page moved PRESSES steps (up, turning at an end) and back, one at a time,
    as a student tries values and returns: (page-load bytes, [bytes received per move])."""
    async with Session(url) as s:
        loaded, moves = s.received, []
        for key in [k for k, w in s.widgets.items() if w[2] == "slider"]:
            value, low, high, step = s.slider(key)
            if len(s.widgets[key][3].default) != 1:
                continue
            there = walk(value, low, high, step, PRESSES)
            for value in there + there[-2::-1] + [value]:
                before = s.received
                await s.move(key, value)
                moves.append(s.received - before)
        if s.errors:
            raise RuntimeError(f"{url}: the page drew an exception: {s.errors[0][:200]}")
        return loaded, moves


def bytes_per_interaction(paths):
    """{path: {"on"/"off": (page-load bytes, [bytes per move])}}: the same walk with the cache on and off."""
    out = {path: {} for path in paths}
    for mode, size in (("off", OFF), ("on", ON)):
        with serve(env={"STREAMLIT_GLOBAL_MIN_CACHED_MESSAGE_SIZE": size}) as url:
            for path in paths:
                out[path][mode] = asyncio.run(_walk(f"{url}/{path}"))
    return out


async def _race(url, key, gap):
    """Draw frames 0 and 1 of slider `key`, then move it to 2 and, `gap` seconds later, back to 0 (the browser's
    hash list still holds frame 0; the end of the run for 2 drops it). 'MISS', 'no miss' or 'one run' (the second
    move stopped the first run or was folded into it, so nothing raced)."""
    async with Session(url) as s:
        for value in (0, 1):
            await s.move(key, value)
        first = s.send_move(key, 2)
        await asyncio.sleep(gap)
        second = s.send_move(key, 0)
        try:
            await asyncio.wait_for(asyncio.gather(first, second), timeout=3)
        except CacheMiss:
            return "MISS"
        except asyncio.TimeoutError:
            return "one run"
        return "no miss"


def race(path, key, gaps=(0.0, 0.01, 0.02, 0.03, 0.05)):
    """{gap: outcome} of _race with the cache on, and the same with it off (where no hash is ever sent)."""
    out = {}
    for mode, size in (("on", ON), ("off", OFF)):
        with serve(env={"STREAMLIT_GLOBAL_MIN_CACHED_MESSAGE_SIZE": size}) as url:
            out[mode] = {gap: asyncio.run(_race(f"{url}/{path}", key, gap)) for gap in gaps}
    return out


def summary(loaded_moves):
    """(page-load kB, median kB per move, mean kB per move) of one mode's walk."""
    loaded, moves = loaded_moves
    return loaded / 1e3, float(np.median(moves)) / 1e3, float(np.mean(moves)) / 1e3
