"""The real server: cold start to a drawn page in Chromium, and the memory each extra session costs."""
import time

from bench.proc import rss_mb, server_pid
from browser import DRAWN, READY, browser, serve, wait_ready


def _visit_all(page, url, paths):
    for path in paths:
        page.goto(f"{url}/{path}")
        wait_ready(page)


def cold_start_and_session_memory(paths, sessions=5):
    """(seconds from `streamlit run` to Home drawn in Chromium, server RSS MB per extra session visiting `paths`)."""
    with browser() as b:  # launched first: the browser's own start is not the app's
        first = b.new_page(viewport={"width": 1280, "height": 720})
        t = time.perf_counter()
        with serve() as url:
            first.goto(url)
            first.wait_for_selector(READY, timeout=60_000)  # wait_ready's checks, without its wait for a second run
            first.wait_for_function(DRAWN, timeout=60_000, polling=20)
            cold = time.perf_counter() - t
            pid = server_pid(url)
            _visit_all(first, url, paths)  # warm the caches and imports, so what follows is what a session adds
            before = rss_mb(pid)
            for _ in range(sessions):
                _visit_all(b.new_page(viewport={"width": 1280, "height": 720}), url, paths)
            return cold, (rss_mb(pid) - before) / sessions
