"""python -m bench: per-page interaction times, worst settings, cold start, session memory, training-step times."""
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from bench.pages import interaction_times, worst_combination  # noqa: E402
from bench.server import cold_start_and_session_memory  # noqa: E402
from bench.step import NETS, sigcore_step, torch_step  # noqa: E402
from support import PAGES  # noqa: E402

URL_PATHS = ["", "saturate", "zigzag", "init", "relu"]


def main():
    print("Interactions (server-side rerun after moving one slider one step, at defaults; AppTest)")
    print(f"{'page':<26}{'sliders':>8}{'median ms':>11}{'p90 ms':>9}{'worst ms':>10}{'worst MB':>10}  worst settings")
    for page in PAGES:
        ms = np.array(interaction_times(page)) * 1e3
        worst_s, worst_mb, settings = worst_combination(page)
        median, p90 = (f"{np.median(ms):.1f}", f"{np.percentile(ms, 90):.1f}") if len(ms) else ("-", "-")
        shown = ", ".join(f"{k}={v}" for k, v in settings.items())
        print(f"{page:<26}{len(ms) // 5:>8}{median:>11}{p90:>9}{worst_s * 1e3:>10.0f}{worst_mb:>10.1f}  {shown[:150]}")
    print()
    cold, per_session = cold_start_and_session_memory(URL_PATHS)
    print(f"Cold start, `streamlit run` to Home drawn in Chromium: {cold:.2f} s")
    print(f"Server memory per extra session visiting every page: {per_session:.1f} MB")
    print()
    print("Training step: loss, gradients and SGD update, full batch, float64, one thread")
    print(f"{'net':<28}{'points':>7}{'sigcore ms':>12}{'PyTorch ms':>12}")
    for sizes, n in NETS:
        ours, theirs = sigcore_step(sizes, n), torch_step(sizes, n)
        theirs = f"{theirs * 1e3:.3f}" if theirs is not None else "not installed"
        print(f"{'-'.join(map(str, sizes)):<28}{n:>7}{ours * 1e3:>12.3f}{theirs:>12}")


if __name__ == "__main__":
    main()
