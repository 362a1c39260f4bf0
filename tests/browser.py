"""A real app in a real browser: serve app.py with streamlit on a free port, drive headless Chromium."""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "artifacts" / "screenshots"
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
DRAWN = """() => !document.querySelector('[data-testid^="stSkeleton"]') &&
    [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].every(c => c.querySelector('svg, canvas'))"""
"""Every chart on the page has drawn (Streamlit's skeletons gone)."""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]


def require_chromium():
    """Skip without Chromium or Playwright, except on CI (CI=true), where their absence is a failure."""
    missing = [] if Path(CHROMIUM).exists() else [f"Chromium not found at {CHROMIUM}"]
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright is not installed (pip install -r requirements-dev.txt)")
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail("; ".join(missing) + " (CI must run the browser tests)")
        pytest.skip("; ".join(missing))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(launcher=("-m", "streamlit"), env=None):
    """Run `streamlit run app.py` headless on a free port; yield its base URL once /_stcore/health answers.

    launcher: what follows `python` in place of `-m streamlit` (the bench's timed server); env: extra variables."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, *launcher, "run", "app.py", "--server.headless", "true",
                             "--server.port", str(port), "--server.address", "127.0.0.1"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"streamlit did not start: {proc.stderr.read1().decode(errors='replace')}")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def wait_ready(page, timeout=120_000):
    """Wait until the app has finished its script run and every chart on the page has drawn."""
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_timeout(300)
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_function(DRAWN, timeout=timeout)
