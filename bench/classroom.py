"""A class of students on one server: N protocol-level sessions (bench.protocol), each moving a slider one step every
PERIOD seconds for MOVING seconds, on one prepared link (the same settings for all, so the experiments' cache is
shared) or each on a link of its own (no two students share a cache entry). Interaction latency from the moment a
move is due to its run's end (a move still waiting on the last one is late from when it was due), and the server's
CPU and memory meanwhile. The server is `streamlit run app.py` as deployed, on both cores; the students run here."""
import asyncio
import random
import time

import numpy as np

from bench.proc import cpu_seconds, rss_mb, server_pid
from bench.protocol import Session, walk
from browser import serve

PERIOD = 2.0
MOVING = 20.0
PATH, KEY = "saturate", "sat_scale"
"""The prepared link: the Saturation page, its weight-scale slider (section 1)."""
OWN_KEY = "sat_inputs"
"""On links of their own, student i arrives with `sat_inputs` = 20 + i: a setting every experiment it moves is
keyed on."""
OPENING = 8
"""Sessions opening at once while the class arrives (a page load is a whole-page run)."""


def link(i, shared):
    return PATH if shared else f"{PATH}?{OWN_KEY}={20 + i}"


async def _student(s, start, end, latencies):
    """Move KEY one step every PERIOD s from `start` until `end` (perf_counter times), turning at its ends."""
    value, low, high, step = s.slider(KEY)
    for i, value in enumerate(walk(value, low, high, step, int((end - start) / PERIOD) + 1)):
        due = start + i * PERIOD
        if due >= end:
            return
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        await s.move(KEY, value)
        latencies.append(time.perf_counter() - due)


async def _class(url, n, shared, pid):
    gate = asyncio.Semaphore(OPENING)
    sessions = [Session(f"{url}/{link(i, shared)}") for i in range(n)]

    async def arrive(s):
        async with gate:
            await s.__aenter__()

    try:
        await asyncio.gather(*(arrive(s) for s in sessions))
        rng, latencies = random.Random(0), []
        t0 = time.perf_counter() + 0.5
        cpu = cpu_seconds(pid)
        await asyncio.wait_for(asyncio.gather(*(_student(s, t0 + rng.uniform(0, PERIOD), t0 + MOVING, latencies)
                                                for s in sessions)), timeout=MOVING + 120)
        cpu, wall = cpu_seconds(pid) - cpu, time.perf_counter() - t0
        errors = sum(len(s.errors) for s in sessions)
        return np.array(latencies), cpu / wall, cpu / len(latencies), rss_mb(pid), errors
    finally:
        await asyncio.gather(*(s.__aexit__() for s in sessions if s._ws is not None), return_exceptions=True)


def run(n, shared):
    """(latencies s, server CPU in cores while moving, server CPU s per move, server RSS MB, exceptions drawn) for
    `n` students on a fresh server."""
    with serve() as url:
        return asyncio.run(_class(url, n, shared, server_pid(url)))


def class_sizes(sizes=(10, 30, 50, 70, 100, 150, 200, 300), limit=0.5):
    """Yield (n, shared, latencies, cores, CPU s per move, MB, errors) for each size on one link and on links of
    their own, up to the first size whose p95 latency passes `limit` seconds."""
    for shared in (True, False):
        for n in sizes:
            latencies, *rest = run(n, shared)
            yield (n, shared, latencies, *rest)
            if np.percentile(latencies, 95) > limit:
                break
