"""Past one machine, tested on loopback: REPLICAS app replicas started as the Dockerfile's CMD starts one, Debian's
nginx with the repo's deploy/nginx.conf in front (only its addresses changed for loopback, and an access log
added that records the replica each request went to), and SESSIONS browser-like sessions through it: the page,
/_stcore/health, /_stcore/host-config and a static file over HTTP, then the websocket, two slider moves, and a
reconnect that resumes the session by id. Checked: every request of a session reached one replica, every replica
served, and every reconnect found its session (its moved slider) where it left it."""
import asyncio
import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter, defaultdict
from contextlib import ExitStack, contextmanager
from pathlib import Path

from bench.protocol import Session
from browser import ROOT, free_port

REPLICAS, SESSIONS = 3, 30
PATH, KEY = "", "z"
"""The Home page and its operating-point slider: the routing is under test, not the page."""
LOG_FORMAT = "log_format route '$route $upstream_addr $status $request_uri';"


def dockerfile_cmd():
    """The Dockerfile's CMD, as a list."""
    text = (ROOT / "Dockerfile").read_text()
    return json.loads(re.search(r"^CMD (\[.*\])$", text, re.M).group(1))


def replica_command(port):
    """The Dockerfile's CMD for this machine: this Python's streamlit, on a loopback port."""
    cmd = dockerfile_cmd()
    assert cmd[0] == "streamlit", cmd
    args = [a for a in cmd[1:] if not a.startswith(("--server.port", "--server.address"))]
    return [sys.executable, "-m", "streamlit", *args, f"--server.port={port}", "--server.address=127.0.0.1"]


def _wait_http(url, proc, what, timeout=60):
    for _ in range(int(timeout * 10)):
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited: {proc.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            if urllib.request.urlopen(url, timeout=1).status == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not answer {url}")


@contextmanager
def _process(cmd, url, what, **kw):
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
    try:
        _wait_http(url, proc, what)
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def loopback_config(ports, listen, tmp):
    """deploy/nginx.conf with the replicas on loopback `ports`, nginx on `listen`, its files under `tmp`."""
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    servers = "\n        ".join(f"server 127.0.0.1:{p};" for p in ports)
    conf, n_servers = re.subn(r"server app:8501;", servers, conf)
    conf, n_listen = re.subn(r"listen 80;", f"listen 127.0.0.1:{listen};", conf)
    temp = "".join(f"\n    {name}_temp_path {tmp}/{name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi",
                                                                          "scgi"))
    conf, n_http = re.subn(r"^http \{", f"http {{\n    {LOG_FORMAT}\n    access_log {tmp}/access.log route;{temp}",
                           conf, flags=re.M)
    assert (n_servers, n_listen, n_http) == (1, 1, 1), "deploy/nginx.conf no longer has the lines this test adapts"
    return conf


class Browser:
    """A browser's HTTP side: sends back the cookies it was given."""

    def __init__(self, base):
        self.base, self.cookies = base, {}

    def get(self, path):
        request = urllib.request.Request(self.base + path, headers={"Cookie": self.cookie} if self.cookies else {})
        with urllib.request.urlopen(request, timeout=30) as response:
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, value = header.split(";")[0].partition("=")
                self.cookies[name.strip()] = value
            return response.read().decode(errors="replace")

    @property
    def cookie(self):
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())


async def _session(base):
    """One browser through nginx: (route cookie, slider value after the moves, the value the resumed session
    shows, whether the reconnect resumed the same session)."""
    b = Browser(base)
    html = await asyncio.to_thread(b.get, f"/{PATH}")
    for path in ["/_stcore/health", "/_stcore/host-config", *re.findall(r'src="\.?(/static/js/[^"]+)"', html)[:1]]:
        await asyncio.to_thread(b.get, path)
    async with Session(f"{base}/{PATH}", cookie=b.cookie) as s:
        value, _, _, step = s.slider(KEY)
        for _ in range(2):
            value = round(value + step, 10)
            await s.move(KEY, value)
        session_id = s.session_id
    async with Session(f"{base}/{PATH}", cookie=b.cookie, session_id=session_id) as again:
        return b.cookies.get("sigmoid_route"), value, again.slider(KEY)[0], again.session_id == session_id


async def _sessions(base):
    gate = asyncio.Semaphore(6)

    async def one():
        async with gate:
            return await _session(base)

    return await asyncio.gather(*(one() for _ in range(SESSIONS)))


def routing():
    """(sessions' results, {route: set of replica addresses its requests reached}, requests per replica)."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise RuntimeError("nginx is not installed (apt-get install -y nginx)")
    ports, listen = [free_port() for _ in range(REPLICAS)], free_port()
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        for port in ports:
            stack.enter_context(_process(replica_command(port), f"http://127.0.0.1:{port}/_stcore/health",
                                         f"replica on {port}", cwd=ROOT))
        conf = Path(tmp) / "nginx.conf"
        conf.write_text(loopback_config(ports, listen, tmp))
        base = f"http://127.0.0.1:{listen}"
        stack.enter_context(_process([nginx, "-p", tmp, "-c", str(conf), "-e", f"{tmp}/error.log",
                                      "-g", f"daemon off; pid {tmp}/nginx.pid;"],
                                     f"{base}/_stcore/health", "nginx"))
        results = asyncio.run(_sessions(base))
        time.sleep(0.5)  # nginx logs a websocket when it closes
        log = (Path(tmp) / "access.log").read_text().splitlines()
    routes, served = defaultdict(set), Counter()
    for line in log:
        route, upstream = line.split()[:2]
        routes[route].add(upstream)
        served[upstream] += 1
    return results, routes, served


def check():
    """Run the routing test and judge it: a dict of counts, and ok."""
    results, routes, served = routing()
    sessions = [route for route, *_ in results]
    whole = [route for route in sessions if len(routes.get(route, ())) == 1]
    out = {"sessions": len(results), "on one replica": len(whole),
           "sessions per replica": Counter(next(iter(routes[route])) for route in whole),
           "requests per replica": served,
           "resumed": sum(same and moved == shown for _, moved, shown, same in results)}
    out["ok"] = (len(set(sessions)) == len(whole) == len(results) == out["resumed"]
                 and len(out["sessions per replica"]) == REPLICAS)
    return out
