"""The real server: cold start to a drawn page in Chromium, and the memory each extra session costs."""
import time

from bench.proc import cpu_seconds, rss_mb, server_pid
from browser import DRAWN, READY, browser, serve, wait_ready


def _visit_all(page, url, paths):
    for path in paths:
        page.goto(f"{url}/{path}")
        wait_ready(page)


def cold_start_and_session_memory(paths, sessions=5):
    """{"health s", "health CPU s", "drawn s", "drawn CPU s", "MB per session"}: seconds from `streamlit run` to
    its health endpoint answering and to Home drawn in Chromium, the server's CPU seconds by then, and its RSS MB per
    extra session visiting `paths`."""
    with browser() as b:  # launched first: the browser's own start is not the app's
        first = b.new_page(viewport={"width": 1280, "height": 720})
        t = time.perf_counter()
        with serve() as url:
            health = time.perf_counter() - t
            pid = server_pid(url)
            health_cpu = cpu_seconds(pid)
            first.goto(url)
            first.wait_for_selector(READY, timeout=60_000)  # wait_ready's checks, without its wait for a second run
            first.wait_for_function(DRAWN, timeout=60_000, polling=20)
            out = {"health s": health, "health CPU s": health_cpu, "drawn s": time.perf_counter() - t,
                   "drawn CPU s": cpu_seconds(pid)}
            _visit_all(first, url, paths)  # warm the caches and imports, so what follows is what a session adds
            before = rss_mb(pid)
            for _ in range(sessions):
                _visit_all(b.new_page(viewport={"width": 1280, "height": 720}), url, paths)
            return {**out, "MB per session": (rss_mb(pid) - before) / sessions}
