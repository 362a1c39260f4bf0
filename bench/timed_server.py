"""`streamlit` with a stopwatch: each script run (whole page or one fragment) appends its seconds to $RUN_LOG."""
import os
import sys
import time

from streamlit.runtime.scriptrunner import script_runner
from streamlit.web import cli

_run_script = script_runner.ScriptRunner._run_script


def _timed(self, rerun_data):
    t = time.perf_counter()
    try:
        _run_script(self, rerun_data)
    finally:
        with open(os.environ["RUN_LOG"], "a") as log:
            log.write(f"{time.perf_counter() - t:.6f}\n")


script_runner.ScriptRunner._run_script = _timed

if __name__ == "__main__":
    sys.argv[0] = "streamlit"
    sys.exit(cli.main())
