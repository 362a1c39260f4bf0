"""The real server: cold start to a drawn page in Chromium, and the memory each extra session costs."""
import time
from pathlib import Path
from urllib.parse import urlparse

from browser import browser, serve, wait_ready


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


def cold_start_and_session_memory(paths, sessions=5):
    """(seconds from `streamlit run` to Home drawn in Chromium, server RSS MB per extra session visiting `paths`)."""
    t = time.perf_counter()
    with serve() as url, browser() as b:
        first = b.new_page(viewport={"width": 1280, "height": 720})
        first.goto(url)
        wait_ready(first)
        cold = time.perf_counter() - t
        pid = _server_pid(url)

        def visit_all(page):
            for path in paths:
                page.goto(f"{url}/{path}")
                wait_ready(page)

        visit_all(first)  # warm the caches and imports, so what follows is what a session adds
        before = _rss_mb(pid)
        pages = [b.new_page(viewport={"width": 1280, "height": 720}) for _ in range(sessions)]
        for page in pages:
            visit_all(page)
        return cold, (_rss_mb(pid) - before) / sessions
