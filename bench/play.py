"""Frames played in the browser (ui.chart_player): Play pressed on a chart player opened at step 0, every step the
page shows counted at each animation frame until the last, with Chromium's CPU time per frame and the server's
script runs meanwhile. The server runs on core 0 and Chromium on core 1, as in bench.reruns."""
import re
from dataclasses import dataclass

from bench.proc import chromium_cpu_seconds
from bench.reruns import timed_app
from browser import wait_ready

ROUNDS = 3
PLAYER = ".st-key-player_{key}"
STEP, PLAY = ".vega-bindings input[type=range]", ".vega-bindings input[type=checkbox]"
WATCH = """([slider, last]) => new Promise(done => { const seen = []; const t0 = performance.now();
    (function look() { const now = performance.now(), step = +slider.value;
        if (seen.at(-1)?.[0] !== step) seen.push([step, now]);
        step < last && now - t0 < 30000 ? requestAnimationFrame(look) : done(seen); })(); })"""
"""Each step the slider shows, with the time it was first seen at an animation frame, from Play to the last step."""


@dataclass
class Played:
    steps: int  # steps from the first to the last shown
    shown: int  # distinct steps seen at animation frames while playing
    seconds: float  # from the first step shown after Play to the last
    cpu: float  # seconds of Chromium's CPU time (every process) per step shown
    runs: int  # server script runs from Play to the last step

    @property
    def fps(self):
        return (self.shown - 1) / self.seconds


def play_once(page, key, read):
    """Open the player at step 0, press Play, watch it to the last step: a Played."""
    player = page.locator(PLAYER.format(key=key))
    step, play = player.locator(STEP), player.locator(PLAY)
    last = int(step.get_attribute("max"))
    page.wait_for_timeout(1000)  # the chart reports its opening step once
    wait_ready(page)
    runs, cpu = len(read()), chromium_cpu_seconds()
    play.click()
    seen = step.evaluate("(s, last) => (" + WATCH + ")([s, last])", last)
    cpu, runs = chromium_cpu_seconds() - cpu, len(read()) - runs
    shown = seen[1:]  # seen[0]: the step Play was pressed on
    if play.is_checked():  # a player that plays on at its last step
        play.click()
    return Played(last, len(shown), (shown[-1][1] - shown[0][1]) / 1e3, cpu / len(shown), runs)


def player_keys(page):
    """The keys of the chart players drawn on a page (their containers' st-key-player_<key> classes)."""
    classes = page.locator(f"[class*='st-key-player_']:has({PLAY})").evaluate_all("es => es.map(e => e.className)")
    return [re.search(r"st-key-player_(\S+)", c)[1] for c in classes]


def measure(paths, rounds=ROUNDS):
    """{(address, key): [Played, ...]}: every chart player on the pages at `paths` played `rounds` times, each time
    in a fresh tab opened on its step 0."""
    out = {}
    with timed_app() as (url, b, read, _):
        for path in paths:
            page = b.new_page(viewport={"width": 1440, "height": 900})
            page.goto(f"{url}/{path}")
            wait_ready(page)
            keys = player_keys(page)
            page.close()
            for key in keys:
                for _ in range(rounds):
                    page = b.new_page(viewport={"width": 1440, "height": 900})
                    page.goto(f"{url}/{path}{'&' if '?' in path else '?'}{key}_step=0")
                    wait_ready(page)
                    out.setdefault((path, key), []).append(play_once(page, key, read))
                    page.close()
    return out
