"""python -m bench [part ...]: the speed, bytes, capacity, cold start and memory the app is held to, as printed
tables. Parts: interactions, play, worst, cache, shared, class, replicas, cold, step; no part named runs them all."""
import os
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

INIT_TABS = ["1 · The signal at init", "2 · Why large weights saturate", "3 · The formulas", "4 · Does it train?"]
URL_PATHS = {"views/home.py": [""], "views/saturation.py": ["saturate"], "views/zero_centred.py": ["zigzag"],
             "views/initialization.py": [f"init?{urlencode({'init_section': tab})}" for tab in INIT_TABS],
             "views/compare.py": ["relu"]}
"""Each page's addresses: the Initialization page's tabs run one at a time, so each is visited."""
ADDRESSES = {path: page for page, paths in URL_PATHS.items() for path in paths}
STUDENTS = 300
PERIOD = 2.0


def _name(path):
    query = dict(parse_qsl(urlsplit(path).query))
    return "/" + urlsplit(path).path + (f" tab {query['init_section'][:1]}" if "init_section" in query else "")


def _load():
    return f"(load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"


def interactions():
    from bench.reruns import measure
    print("Interactions in the real server (`streamlit run`, Chromium), at default settings: each slider moved one")
    print("step by the keyboard, then each preset clicked. Script = the script runs' time; CPU = the server process's")
    print("CPU time (every thread) from the action to the page drawn, server pinned to core 0, Chromium to core 1;")
    print("kB = websocket payload per interaction (received / sent); a fresh tab's page load (`bench play`: frames)")
    print(f"{'page / tab':<20}{'acts':>5}{'script ms':>10}{'p90':>6}{'CPU ms':>8}{'p90':>6}{'kB in':>7}{'kB out':>7}"
          f"{'load kB':>9}")
    only = [p for p in os.environ.get("BENCH_ONLY", "").split(",") if p]
    real = measure({path: page for path, page in ADDRESSES.items() if not only or urlsplit(path).path in only})
    cpus = []
    for path, (acts, thumbs, loaded) in real.items():
        script, cpu = np.array([a.script for a in acts]) * 1e3, np.array([a.cpu for a in acts]) * 1e3
        cpus.append(cpu)
        print(f"{_name(path):<20}{len(acts):>5}{np.median(script):>10.1f}{np.percentile(script, 90):>6.0f}"
              f"{np.median(cpu):>8.1f}{np.percentile(cpu, 90):>6.0f}"
              f"{np.median([a.received for a in acts]) / 1e3:>7.1f}{np.median([a.sent for a in acts]) / 1e3:>7.1f}"
              f"{loaded / 1e3:>9.0f}")
        if os.environ.get("BENCH_EACH"):
            for a in sorted(acts, key=lambda a: -a.cpu):
                print(f"    {a.kind:<7}{a.name[:40]:<42}CPU {a.cpu * 1e3:6.1f} ms  in {a.received / 1e3:6.1f} kB")
    every = np.concatenate(cpus)
    print(f"Every interaction: server CPU median {np.median(every):.1f} ms, p90 {np.percentile(every, 90):.0f} ms "
          f"(targets 50 and 150) {_load()}")


def play():
    from bench.play import ROUNDS, measure
    print(f"Frames played in the browser (ui.chart_player), {ROUNDS} plays each from step 0 to the last in a fresh")
    print("tab.", end=" ")
    print("frames/s = distinct steps shown at the browser's animation frames per second; Chromium CPU (every process)")
    print("per frame shown; server script runs from Play to the last step, and per frame shown")
    print(f"{'page / player':<26}{'frames':>7}{'shown':>6}{'frames/s':>9}{'Chromium ms':>12}{'runs':>5}"
          f"{'per frame':>10}")
    for (path, key), plays in measure(list(ADDRESSES)).items():
        for p in plays:
            print(f"{_name(path) + ' ' + key:<26}{p.steps + 1:>7}{p.shown:>6}{p.fps:>9.1f}{p.cpu * 1e3:>12.1f}"
                  f"{p.runs:>5}{p.runs / p.shown:>10.2f}")
    print(_load())


def worst():
    from bench.pages import worst_combination
    print("Worst settings found (AppTest, a whole-page rerun over both extremes and 30 random settings): its time and")
    print("peak traced memory")
    print(f"{'page':<24}{'worst ms':>10}{'worst MB':>10}  worst settings")
    for page, paths in URL_PATHS.items():
        worst_s, worst_mb, settings = max(worst_combination(page, dict(parse_qsl(urlsplit(path).query)))
                                          for path in paths)
        shown = ", ".join(f"{k}={v}" for k, v in settings.items())
        print(f"{page:<24}{worst_s * 1e3:>10.0f}{worst_mb:>10.1f}  {shown[:150]}")


def cache():
    from bench.cache import bytes_per_interaction, race, summary
    print("Streamlit's message cache (elements of 10 kB or more sent once, then as a hash), on vs off (this app's")
    print("global.minCachedMessageSize = 1e18): websocket kB received per slider move, each slider 4 steps and back")
    print(f"(protocol-level client). Mbit/s = {STUDENTS} students moving once every {PERIOD:.0f} s")
    print(f"{'page / tab':<20}{'moves':>6}{'load kB':>9}{'kB off':>8}{'kB on':>7}{'saved':>7}{'Mbit/s off':>12}"
          f"{'Mbit/s on':>11}")
    totals = np.zeros(2)
    for path, modes in bytes_per_interaction(list(ADDRESSES)).items():
        (load, _, off), (_, _, on) = summary(modes["off"]), summary(modes["on"])
        totals += off, on
        print(f"{_name(path):<20}{len(modes['off'][1]):>6}{load:>9.0f}{off:>8.1f}{on:>7.1f}{1 - on / off:>7.0%}"
              f"{STUDENTS * off * 8e-3 / PERIOD:>12.1f}{STUDENTS * on * 8e-3 / PERIOD:>11.1f}")
    print(f"Mean over pages: {totals[0] / len(ADDRESSES):.1f} kB per move off, {totals[1] / len(ADDRESSES):.1f} on "
          f"({1 - totals[1] / totals[0]:.0%} saved)")
    outcomes = race("zigzag", "zz_path_step")
    print("The race, on the zig-zag player's step: frames 0 and 1 drawn, then a move to 2 and, after the gap, back to")
    print("0 while the run for 2 is on its way (a fast user, or a fragment's timer)")
    for mode, by_gap in outcomes.items():
        print(f"  cache {mode:<4}" + "  ".join(f"{gap * 1e3:.0f} ms: {outcome}" for gap, outcome in by_gap.items()))


def shared():
    from bench.shared import first_and_second
    print("Shared work once: one link opened by a first session on a fresh server, then by a second; server CPU ms of")
    print("the page load and the median of 6 moves of its first slider (protocol-level client)")
    print(f"{'page / tab':<20}{'1st load':>9}{'1st move':>9}{'2nd load':>9}{'2nd move':>9}{'2nd/1st move':>14}")
    for path, ((o1, m1), (o2, m2)) in first_and_second(list(ADDRESSES)).items():
        print(f"{_name(path):<20}{o1 * 1e3:>9.0f}{m1 * 1e3:>9.1f}{o2 * 1e3:>9.0f}{m2 * 1e3:>9.1f}{m2 / m1:>14.0%}")
    print(_load())


def classroom():
    from bench import classroom as c
    print(f"A class: N protocol-level sessions on /{c.PATH}, each moving `{c.KEY}` one step every {c.PERIOD:.0f} s for")
    print(f"{c.MOVING:.0f} s; latency from a move's due time to its run's end; server on both cores, as deployed. One")
    print(f"link = every student on the same link; own links = student i arrives with {c.OWN_KEY}={{20+i}} (nothing")
    print("shared)")
    print(f"{'N':>5}  {'link':<10}{'moves':>6}{'p50 ms':>8}{'p95 ms':>8}{'cores':>7}{'CPU ms/move':>13}{'RSS MB':>8}"
          f"{'errors':>7}{'load':>6}")
    held = {}
    for n, one_link, latencies, cores, cpu, mb, errors in c.class_sizes():
        p95 = np.percentile(latencies, 95)
        mode = "one" if one_link else "own"
        print(f"{n:>5}  {mode:<10}{len(latencies):>6}{np.median(latencies) * 1e3:>8.0f}{p95 * 1e3:>8.0f}{cores:>7.2f}"
              f"{cpu * 1e3:>13.1f}{mb:>8.0f}{errors:>7}{os.getloadavg()[0]:>6.1f}")
        if p95 <= 0.5:
            held[mode] = max(held.get(mode, 0), n)
        held[f"{mode} cpu"] = cpu
    for mode, label in (("one", "one link"), ("own", "links of their own")):
        print(f"Students per container, {label}: {held.get(mode, 0)} measured at p95 <= 500 ms; CPU bound "
              f"{c.PERIOD / held[mode + ' cpu']:.0f} (one core's {c.PERIOD:.0f} s per move period / CPU per move: "
              f"one Streamlit process runs its scripts under one GIL)")


def replicas():
    from bench import replicas as r
    print(f"Replicas: {r.REPLICAS} started as the Dockerfile's CMD, Debian's nginx with deploy/nginx.conf in front, "
          f"{r.SESSIONS} sessions through it")
    out = r.check()
    print(f"  sessions whose every request (page, health, host-config, static file, websocket, reconnect) reached one "
          f"replica: {out['on one replica']} of {out['sessions']}")
    print(f"  sessions per replica: {sorted(out['sessions per replica'].values())}, requests per replica: "
          f"{sorted(out['requests per replica'].values())}")
    print(f"  reconnects that resumed their session, moved slider included: {out['resumed']} of {out['sessions']}")
    print(f"  {'PASS' if out['ok'] else 'FAIL'}")
    if not out["ok"]:
        raise SystemExit(1)


def cold(rounds=3):
    from bench.server import cold_start_and_session_memory
    print("Cold start: `streamlit run` to its health endpoint answering and to Home drawn in Chromium, wall seconds")
    print("and the server's CPU seconds by then")
    print(f"{'round':>6}{'health s':>10}{'CPU s':>7}{'Home drawn s':>14}{'CPU s':>7}{'MB per session':>16}")
    for i in range(rounds):
        c = cold_start_and_session_memory([paths[0] for paths in URL_PATHS.values()])
        print(f"{i + 1:>6}{c['health s']:>10.2f}{c['health CPU s']:>7.2f}{c['drawn s']:>14.2f}{c['drawn CPU s']:>7.2f}"
              f"{c['MB per session']:>16.1f}")
    print(f"MB per session: server memory per extra session visiting every page {_load()}")


def step():
    from bench.step import NETS, sigcore_step, torch_step
    print("Training step: loss, gradients and SGD update, full batch, float64, one thread")
    print(f"{'net':<28}{'points':>7}{'sigcore ms':>12}{'PyTorch ms':>15}")
    for sizes, n in NETS:
        ours, theirs = sigcore_step(sizes, n), torch_step(sizes, n)
        theirs = f"{theirs * 1e3:.3f}" if theirs is not None else "not installed"
        print(f"{'-'.join(map(str, sizes)):<28}{n:>7}{ours * 1e3:>12.3f}{theirs:>15}")


PARTS = {"interactions": interactions, "play": play, "worst": worst, "cache": cache, "shared": shared,
         "class": classroom, "replicas": replicas, "cold": cold, "step": step}


def main(names):
    unknown = [n for n in names if n not in PARTS]
    if unknown:
        raise SystemExit(f"unknown part(s) {unknown}; parts: {', '.join(PARTS)}")
    for name in names or PARTS:
        PARTS[name]()
        print(flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
