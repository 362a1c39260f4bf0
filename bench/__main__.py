"""Print per-page rerun times for moving each slider (AppTest, server side) and sigcore's training-step time."""
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from support import PAGES, run_page  # noqa: E402

import sigcore  # noqa: E402

REPEATS = 5


def other_value(slider):
    """A value next to the slider's current one, inside its range."""
    lo, hi, step = slider.min, slider.max, slider.step
    v = slider.value
    if isinstance(v, tuple):
        return v
    return v + step if v + step <= hi else v - step


def page_times(page):
    """Seconds for each rerun after moving one slider, over every slider on the page, REPEATS times each."""
    at = run_page(page)
    times = []
    for slider in list(at.slider):
        key = slider.key
        for _ in range(REPEATS):
            s = at.slider(key=key)
            s.set_value(other_value(s))
            t = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - t)
    return times


def step_time(sizes, n, hidden="sigmoid", repeats=50):
    """Median seconds for one loss-and-gradients call plus the SGD update, X: (n, sizes[0])."""
    X, y = sigcore.data.make("spiral", n=n, seed=0)
    net = sigcore.MLP(sizes, hidden=hidden, seed=0)
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        _, g = net.loss_and_grads(X, y)
        for W, dW in zip(net.weights, g.weights):
            W -= 0.1 * dW
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main():
    print(f"{'page':<28}{'sliders':>8}{'median ms':>11}{'p90 ms':>9}{'max ms':>9}")
    for page in PAGES:
        times = page_times(page)
        if not times:
            print(f"{page:<28}{0:>8}{'-':>11}{'-':>9}{'-':>9}")
            continue
        ms = np.array(times) * 1e3
        print(f"{page:<28}{len(times) // REPEATS:>8}{np.median(ms):>11.1f}{np.percentile(ms, 90):>9.1f}{ms.max():>9.1f}")
    print()
    print(f"{'training step (sigmoid)':<28}{'points':>8}{'ms':>11}")
    for sizes, n in [([2, 32, 32, 1], 500), ([2, 64, 64, 64, 64, 1], 500), ([2] + [16] * 8 + [1], 200)]:
        label = "-".join(map(str, sizes))
        print(f"{label:<28}{n:>8}{step_time(sizes, n) * 1e3:>11.3f}")


if __name__ == "__main__":
    main()
