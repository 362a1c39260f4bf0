"""python -m bench.train [name ...]: the process time of each page's training at its defaults (what a change to an
untried setting costs), median and spread of REPEATS calls, BLAS on one thread as in app.py. Uncached experiments
called directly: no Streamlit."""
import os
import resource
import sys
import time

import numpy as np
from threadpoolctl import threadpool_limits

from experiments import compare, initialization as init, saturation
from experiments.zigzag import race

REPEATS = int(os.environ.get("REPEATS", 7))
INIT = dict(dataset="xor", depth=1, width=64, lr=2.0, epochs=100, batch_size=50, seed=0)
TEXTBOOK = dict(INIT, dataset="circles", depth=2, width=32, lr=0.5, epochs=150)
GLOROT = (("sigmoid", "standard"), ("sigmoid", "xavier"), ("tanh", "standard"), ("tanh", "xavier"))
RACE_SHOWN = sorted({e for epochs in (25, 50, 100, 200) for e in compare.frame_epochs(epochs)})
SEVEN = tuple(("sigmoid", s) for s in init.TRAINED)

CASES = {
    "init tab 4 (7 x 1x64, xor)": lambda: init.train_runs(SEVEN, **INIT),
    "init tab 4 textbook (7 x 2x32)": lambda: init.train_runs(SEVEN, **TEXTBOOK),
    "init tab 4 G&B (4 x 4x32)": lambda: init.train_runs(GLOROT, **dict(TEXTBOOK, depth=4, lr=0.1)),
    "saturation 4 (deep_run)": lambda: saturation.deep_run("moons", 4, 32, "standard", 3.0, 200, "sigmoid"),
    "relu race (4 race_run)": lambda: [compare.race_run(a, "circles", 0.1, 200, 16, 2, 0.5, 200, 0, None, RACE_SHOWN)
                                       for a in compare.LINEUP],
    "zigzag race + batch + fixes": lambda: (race.race(), race.batch_race(),
                                            race.fix_table((1.0, -1.0), (-1.0, 1.2))),
}


def measure(case):
    """(median, min, max) process-time ms of REPEATS calls after one warm-up call, and the median call's minor page
    faults (each a fresh page of a new array: the cost of temporaries, stable where times are not)."""
    case()
    times, faults = [], []
    for _ in range(REPEATS):
        f, t = resource.getrusage(resource.RUSAGE_SELF).ru_minflt, time.process_time()
        case()
        times.append(1e3 * (time.process_time() - t))
        faults.append(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - f)
    return np.median(times), min(times), max(times), np.median(faults)


if __name__ == "__main__":
    with threadpool_limits(1):
        for name, case in CASES.items():
            if len(sys.argv) < 2 or any(word in name for word in sys.argv[1:]):
                print(f"{name:<34}{'%8.1f ms (%.1f-%.1f) %8.0f faults' % measure(case)}", flush=True)
