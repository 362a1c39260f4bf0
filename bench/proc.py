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
