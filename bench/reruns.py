"""The real server, timed: each slider moved one step by the keyboard and each preset clicked in Chromium, with the
script-run time, the server process's CPU time and the websocket bytes of every interaction; each player's frame
rate. The server runs on core 0 and Chromium (with this process) on core 1, so the server's CPU time is its own."""
import os
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from bench.pages import quiet
from bench.proc import cpu_seconds, pin, server_pid
from browser import browser, serve, wait_ready
from support import run_page
from ui.presets import BUTTONS

PRESSES = 4
SERVER_CORE, BROWSER_CORE = {0}, {1}


@dataclass
class Interaction:
    kind: str  # "slider" or "preset"
    name: str  # the slider's label, or the preset button's key
    script: float  # seconds of the script run(s) it started
    cpu: float  # seconds of server CPU time, every thread, from the action to the page drawn
    received: int  # websocket payload bytes, server to browser
    sent: int  # and browser to server


@contextmanager
def _pinned(cpus):
    """This process (and what it starts) on `cpus` while inside; on a one-core machine, nothing is pinned."""
    before = os.sched_getaffinity(0)
    if os.cpu_count() > 1:
        os.sched_setaffinity(0, cpus)
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


@contextmanager
def timed_app():
    """(base URL, Chromium, read(), server pid): read() lists the seconds of every script run so far."""
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "runs.log"
        log.touch()

        def read():
            return [float(line) for line in log.read_text().splitlines()]

        with _pinned(BROWSER_CORE), browser() as b:
            with serve(launcher=[str(Path(__file__).with_name("timed_server.py"))], env={"RUN_LOG": str(log)}) as url:
                pid = server_pid(url)
                if os.cpu_count() > 1:
                    pin(pid, SERVER_CORE)
                yield url, b, read, pid


def _settle(page, read, before, timeout=10):
    """Wait for the script run(s) that an action started to end; return the seconds they took together."""
    t = time.perf_counter()
    while len(read()) == before:
        if time.perf_counter() - t > timeout:
            raise TimeoutError(f"the action started no script run on {page.url}")
        page.wait_for_timeout(20)
    wait_ready(page)
    return sum(read()[before:])


def _wire(page):
    """Count the page's websocket payload bytes: page.wire = [received, sent]."""
    page.wire = [0, 0]

    def on_socket(ws):
        ws.on("framereceived", lambda p: page.wire.__setitem__(0, page.wire[0] + len(p)))
        ws.on("framesent", lambda p: page.wire.__setitem__(1, page.wire[1] + len(p)))

    page.on("websocket", on_socket)


def _timed(page, read, pid, kind, name, act):
    before, cpu, wire = len(read()), cpu_seconds(pid), list(page.wire)
    act()
    script = _settle(page, read, before)
    return Interaction(kind, name, script, cpu_seconds(pid) - cpu, page.wire[0] - wire[0], page.wire[1] - wire[1])


def slider_moves(page, read, pid):
    """PRESSES key presses on every visible slider thumb (a range slider has two): (interactions, thumbs)."""
    out = []
    sliders = [s for s in page.locator('[data-testid="stSlider"]').all() if s.is_visible()]
    thumbs = [t for s in sliders for t in s.locator('input[type="range"]').all()]
    for thumb in thumbs:
        key, name = "ArrowRight", thumb.get_attribute("aria-label") or thumb.get_attribute("aria-valuetext") or "?"
        for _ in range(PRESSES):
            value, low, high = (float(thumb.input_value()), float(thumb.get_attribute("min")),
                                float(thumb.get_attribute("max")))
            key = "ArrowLeft" if value >= high else "ArrowRight" if value <= low else key
            thumb.focus()
            out.append(_timed(page, read, pid, "slider", name, lambda: thumb.press(key)))
    return out, len(thumbs)


def preset_clicks(page, read, pid, keys):
    """One click on each visible preset button among `keys`."""
    out = []
    for key in keys:
        button = page.locator(f".st-key-{key} button")
        if button.count() and button.first.is_visible():
            out.append(_timed(page, read, pid, "preset", key, button.first.click))
    return out


def preset_keys(script, query):
    """The preset buttons' keys of page `script` arriving with URL `query`, as ui.presets records them."""
    with quiet():
        at = run_page(script, query)
    return list(at.session_state[BUTTONS]) if BUTTONS in at.session_state else []


def measure(paths):
    """{path: (interactions, thumbs, page-load bytes received)} at default
    settings; paths: {address: page script}."""
    keys = {path: preset_keys(script, dict(parse_qsl(urlsplit(path).query))) for path, script in paths.items()}
    out = {}
    with timed_app() as (url, b, read, pid):
        for path in paths:
            page = b.new_page(viewport={"width": 1440, "height": 900})
            _wire(page)
            page.goto(f"{url}/{path}")
            wait_ready(page)
            loaded = page.wire[0]
            moves, thumbs = slider_moves(page, read, pid)
            clicks = preset_clicks(page, read, pid, keys[path])
            out[path] = (moves + clicks, thumbs, loaded)
            page.close()
    return out
