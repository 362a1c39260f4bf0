"""The real server, timed: each slider moved one step by the keyboard in Chromium, and each player's frame rate."""
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from browser import browser, serve, wait_ready

PRESSES = 4
PLAY_SECONDS = 3


@contextmanager
def timed_app():
    """(base URL, Chromium, read()): read() lists the seconds of every script run so far."""
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "runs.log"
        log.touch()

        def read():
            return [float(line) for line in log.read_text().splitlines()]

        with serve(launcher=[str(Path(__file__).with_name("timed_server.py"))], env={"RUN_LOG": str(log)}) as url:
            with browser() as b:
                yield url, b, read


def _settle(page, read, before, timeout=10):
    """Wait for the script run(s) that an action started to end; return the seconds they took together."""
    t = time.perf_counter()
    while len(read()) == before:
        if time.perf_counter() - t > timeout:
            raise TimeoutError(f"the action started no script run on {page.url}")
        page.wait_for_timeout(20)
    wait_ready(page)
    return sum(read()[before:])


def interactions(page, read):
    """Server seconds per key press, PRESSES presses on every visible slider thumb, and how many thumbs."""
    times = []
    sliders = [s for s in page.locator('[data-testid="stSlider"]').all() if s.is_visible()]
    thumbs = [t for s in sliders for t in s.locator('input[type="range"]').all()]  # a range slider has two
    for thumb in thumbs:
        key = "ArrowRight"
        for _ in range(PRESSES):
            value, low, high = (float(thumb.input_value()), float(thumb.get_attribute("min")),
                                float(thumb.get_attribute("max")))
            key = "ArrowLeft" if value >= high else "ArrowRight" if value <= low else key
            before = len(read())
            thumb.focus()
            thumb.press(key)
            times.append(_settle(page, read, before))
    return times, len(thumbs)


def frame_rates(page):
    """Frames per second of each player on the page: steps advanced over PLAY_SECONDS of play from the first."""
    rates = []
    for player in page.locator('[class*="st-key-player_"]').all():
        if not player.is_visible():
            continue
        player.get_by_role("button", name="First").click()
        wait_ready(page)
        step = player.locator('input[type="range"]')
        switch = player.get_by_role("switch", name="Play", exact=True)
        switch.locator("xpath=ancestor::label[1]").click()
        page.wait_for_function("s => s.value !== '0'", arg=step.element_handle(), timeout=30_000, polling=10)
        start, t = int(step.input_value()), time.perf_counter()
        page.wait_for_timeout(PLAY_SECONDS * 1000)
        rates.append((int(step.input_value()) - start) / (time.perf_counter() - t))
        switch.locator("xpath=ancestor::label[1]").click()
        wait_ready(page)
    return rates


def measure(paths):
    """{path: (seconds per interaction, thumbs, frames per second of each player)} at default settings."""
    out = {}
    with timed_app() as (url, b, read):
        for path in paths:
            page = b.new_page(viewport={"width": 1440, "height": 900})
            page.goto(f"{url}/{path}")
            wait_ready(page)
            times, thumbs = interactions(page, read)
            out[path] = (times, thumbs, frame_rates(page))
            page.close()
    return out
