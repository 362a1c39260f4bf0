"""python -m bench: per-page interaction times and frame rates, worst settings, cold start, session memory, and
training-step times."""
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from bench.pages import worst_combination  # noqa: E402
from bench.reruns import measure  # noqa: E402
from bench.server import cold_start_and_session_memory  # noqa: E402
from bench.step import NETS, sigcore_step, torch_step  # noqa: E402

INIT_TABS = ["1 · The signal at init", "2 · Why large weights saturate", "3 · The formulas", "4 · Does it train?"]
URL_PATHS = {"views/home.py": [""], "views/saturation.py": ["saturate"], "views/zero_centred.py": ["zigzag"],
             "views/initialization.py": [f"init?{urlencode({'init_section': tab})}" for tab in INIT_TABS],
             "views/compare.py": ["relu"]}
"""Each page's addresses: the Initialization page's tabs run one at a time, so each is visited."""


def main():
    print("Interactions in the real server (`streamlit run`, Chromium): script-run time after each slider is moved one")
    print("step by the keyboard, at default settings; Play's frames per second; the worst settings found (AppTest, a")
    print("whole-page rerun, its time and peak traced memory)")
    print(f"{'page':<24}{'sliders':>8}{'median ms':>11}{'p90 ms':>8}{'play fps':>12}{'worst ms':>10}{'worst MB':>10}"
          "  worst settings")
    real = measure([path for paths in URL_PATHS.values() for path in paths])
    for page, paths in URL_PATHS.items():
        times = [t for path in paths for t in real[path][0]]
        thumbs = sum(real[path][1] for path in paths)
        fps = [f for path in paths for f in real[path][2]]
        ms = np.array(times) * 1e3
        worst_s, worst_mb, settings = max(worst_combination(page, dict(parse_qsl(urlsplit(path).query)))
                                          for path in paths)
        shown = ", ".join(f"{k}={v}" for k, v in settings.items())
        played = " ".join(f"{f:.1f}" for f in fps) or "-"
        print(f"{page:<24}{thumbs:>8}{np.median(ms):>11.1f}{np.percentile(ms, 90):>8.1f}{played:>12}"
              f"{worst_s * 1e3:>10.0f}{worst_mb:>10.1f}  {shown[:150]}")
    print()
    cold, per_session = cold_start_and_session_memory([paths[0] for paths in URL_PATHS.values()])
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
