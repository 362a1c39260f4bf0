"""The real server: cold start to a drawn page in Chromium, and the memory each extra session costs."""
import time
from pathlib import Path
from urllib.parse import urlparse

from browser import DRAWN, READY, browser, serve, wait_ready


def _server_pid(url):
    """The pid of the streamlit process listening on url's port (found in /proc by its command line)."""
    flag = f"--server.port\0{urlparse(url).port}\0".encode()
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if flag in cmdline.read_bytes():
                return int(cmdline.parent.name)
        except OSError:
            continue
    raise RuntimeError(f"no streamlit process for {url}")


def _rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


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
            pid = _server_pid(url)
            _visit_all(first, url, paths)  # warm the caches and imports, so what follows is what a session adds
            before = _rss_mb(pid)
            for _ in range(sessions):
                _visit_all(b.new_page(viewport={"width": 1280, "height": 720}), url, paths)
            return cold, (_rss_mb(pid) - before) / sessions
