"""The server as a process: find it, read its CPU time and memory, pin it (and the bench) to a core."""
import os
import time
from pathlib import Path
from urllib.parse import urlparse


def server_pid(url):
    """The pid of the streamlit process listening on url's port (found in /proc by its command line)."""
    flag = f"--server.port\0{urlparse(url).port}\0".encode()
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if flag in cmdline.read_bytes():
                return int(cmdline.parent.name)
        except OSError:
            continue
    raise RuntimeError(f"no streamlit process for {url}")


def cpu_seconds(pid):
    """CPU time (user + system, every thread, living or ended) of process `pid` so far, to the nanosecond: the
    kernel's per-process CPU clock, where /proc/<pid>/stat counts in 10 ms ticks."""
    return time.clock_gettime(((~pid) << 3) | 2)  # clock_getcpuclockid(pid): CPUCLOCK_SCHED of the whole process


def _children(pid):
    return [int(c) for task in Path(f"/proc/{pid}/task").iterdir()
            for c in (task / "children").read_text().split()]


def descendants(pid):
    """The pids of every process `pid` started, and they started, living now."""
    out, todo = [], [pid]
    while todo:
        try:
            kids = _children(todo.pop())
        except OSError:  # it ended meanwhile
            continue
        out += kids
        todo += kids
    return out


def chromium_cpu_seconds():
    """CPU time so far of every Chromium process this process started (through Playwright): renderer, GPU and
    browser processes together, what a played chart costs the machine in the browser."""
    total = 0.0
    for pid in descendants(os.getpid()):
        try:
            if b"chrom" in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]:
                total += cpu_seconds(pid)
        except OSError:
            continue
    return total


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


def pin(pid, cpus):
    """Pin every thread of `pid` to `cpus` (threads it starts later inherit it), as `taskset -a -p` does."""
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            os.sched_setaffinity(int(task.name), cpus)
        except OSError:  # a thread that ended meanwhile
            continue


def load():
    """The machine's 1-minute load average, to print beside numbers taken on a shared machine."""
    return os.getloadavg()[0]
