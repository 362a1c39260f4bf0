"""Charts of the not-zero-centred page: sign grids, SGD paths over loss contours (played in the browser), batch and
offset sweeps, sign patterns and the fixes, written as Vega-Lite JSON (charts.spec says why); tests/test_charts_zigzag.py
validates every spec against the schema."""
import numpy as np
import pandas as pd

from .base import ACTIVATION_COLORS
from .player import FPS, SELECTION, STEP, selection
from .spec import TOP, Spec, arrow, compact, field as _f, only as _only

SIGNS = {"domain": ["+", "−", "0"], "range": ["#2166ac", "#b2182b", "#bdbdbd"]}
GROUPS = {"delta": ("δ = dL/df", "per sample"), "input": ("input x", "input"),
          "gradient": ("gradient dL/dw = δ·x", "weight")}
"""The sign grid's panels: group -> (panel title, axis title)."""
FIX_COLORS = {"none": ACTIVATION_COLORS["sigmoid"], "centre": "#9467bd", "standardise": "#8c564b",
              "tanh": ACTIVATION_COLORS["tanh"], "relu": ACTIVATION_COLORS["relu"]}
ROLES = {"start": ("square", "#111111"), "step NE or SW": ("circle", "#9a9a9a"),
         "step NW or SE": ("circle", "#ff7f0e"), "w now": ("circle", "#111111"), "target w*": ("diamond", "#d4a000")}
"""The path chart's points: each role its own marker and colour, and its own legend entry."""
CONTOUR = "#b8c0c8"
FRAMES = 3 * FPS
"""Most frames a played path has (its steps sampled beyond): three seconds of play, all the eye follows of a path,
and each frame's rows (w now, its cone) go to the browser with the chart."""
PANEL = 280
"""Side of one square weight-space panel, px: two of them and their axes fit the 1280 px screen with sidebar."""
CELL = 42
"""Side of one cell of a sign grid, px."""


def _chart(spec, frames):
    """A Spec whose tables are Arrow, made once (Streamlit then only serialises them)."""
    return Spec(spec, {k: arrow(df) if isinstance(df, pd.DataFrame) else df for k, df in frames.items()})


# --- 1. sign grid ---------------------------------------------------------------------------------------------------

def sign_grid_chart(frame, highlight=None):
    """frame: row, column, group, value, sign (experiments.zigzag.sign_grid_frame); one panel per group, side by side,
    the row `highlight` outlined in black. Panels, not a facet: a facet of layers with a column count of its own per
    cell makes Vega-Lite warn in the browser's console."""
    df = frame.assign(edge=np.where(frame["row"] == highlight, 3.0, 0.0))

    def panel(group, first):
        columns = list(dict.fromkeys(frame.loc[frame["group"] == group, "column"]))
        heading, title = GROUPS[group]
        return {
            "title": {"text": heading, "anchor": "middle"},
            "transform": [{"filter": {"field": "group", "equal": group}}],
            "width": {"step": CELL}, "height": {"step": 28},
            "encoding": {"x": _f("column", "nominal", sort=columns, title=title,
                                 axis={"orient": "top", "labelAngle": 0}),
                         "y": _f("row", "ordinal", title="sample", axis={"labelOverlap": False} if first else None)},
            "layer": [
                {"mark": {"type": "rect", "stroke": "black"},
                 "encoding": {"color": _f("sign", "nominal", scale=SIGNS, legend=TOP),
                              "strokeWidth": _f("edge", scale=None),
                              "tooltip": [_f("column", "nominal"), _f("value", format=".3f")]}},
                {"mark": {"type": "text", "fontSize": 14, "color": "white"},
                 "encoding": {"text": _f("value", format=".2f")}},
            ]}

    groups = list(dict.fromkeys(frame["group"]))
    return _chart({"data": {"name": "grid"}, "hconcat": [panel(g, i == 0) for i, g in enumerate(groups)]}, {"grid": df})


# --- 2, 3. weight-space paths, played -----------------------------------------------------------------------------

def frame_steps(paths):
    """The path step each frame shows: 0..the longest path's steps, at most FRAMES of them (first and last kept)."""
    last = max(p.steps for p in paths)
    return np.unique(np.round(np.linspace(0, last, min(last + 1, FRAMES))).astype(int))


def _table(columns):
    """Arrow from {column: list of arrays, one per panel}, each column concatenated once, compact (spec.compact: the
    played chart's tables go to the browser on every page run)."""
    return compact({k: np.concatenate(v) for k, v in columns.items()})


def path_tables(panels, frames, box, target):
    """The played chart's tables for panels [(title, race inputs dict with contours and cone, Path, colour)]:
    contours (static), path (each iterate after the start, with the frame from which it shows), now (w at each
    frame), cone (the double cone of directions one sample allows through w now, as an area from y to y2, when the
    inputs have one) and marks (start and target w*)."""
    (x0, x1), _ = box
    reach = 2 * (x1 - x0)  # the cone's ends: far enough left and right of any w in the box
    tables = {name: {} for name in ("contours", "path", "now", "cone", "marks")}

    def add(name, title, **columns):
        n = len(next(iter(columns.values())))
        for k, v in {"panel": np.full(n, title, dtype=object), **columns}.items():
            tables[name].setdefault(k, []).append(np.broadcast_to(np.asarray(v), (n,)))

    for title, inputs, p, color in panels:
        c = inputs["contours"]
        level = np.unique(c["level"].to_numpy(), return_inverse=True)[1] + 1
        add("contours", title, level=level, order=c["i"].to_numpy(), w1=c["w1"].to_numpy(), w2=c["w2"].to_numpy())
        idx = np.arange(1, p.steps + 1)
        add("path", title, frame=np.searchsorted(frames, idx), order=idx, w1=p.w[1:, 0], w2=p.w[1:, 1],
            role=np.where(p.forbidden, "step NW or SE", "step NE or SW").astype(object))
        at = np.minimum(frames, p.steps)
        w = p.w[at]
        k = np.arange(len(frames))
        add("now", title, frame=k, step=at, w1=w[:, 0], w2=w[:, 1], role=np.full(len(k), "w now", dtype=object))
        if inputs["cone"] is not None:
            lo, hi = (np.tan(np.radians(min(a, 89.5))) for a in inputs["cone"])
            for side in (-1.0, 0.0, 1.0):
                add("cone", title, frame=k, x=w[:, 0] + side * reach, y=w[:, 1] + side * reach * lo,
                    y2=w[:, 1] + side * reach * hi)
        add("marks", title, w1=np.array([p.w[0, 0], target[0]]), w2=np.array([p.w[0, 1], target[1]]),
            role=np.array(["start", "target w*"], dtype=object))
    out = {name: _table(columns) for name, columns in tables.items() if columns}
    if "cone" not in out:
        out["cone"] = compact({"panel": np.array([], dtype=object), "frame": np.array([], dtype=int),
                               **{k: np.array([]) for k in ("x", "y", "y2")}})
    return out


def _role_field(roles, columns):
    roles, legend = list(roles), {**TOP, "columns": columns}
    return {channel: _f("role", "nominal", legend=legend,
                        scale={"domain": roles, "range": [ROLES[r][i] for r in roles]})
            for channel, i in (("shape", 0), ("color", 1))}


def _panel(title, color, box, step, last, first, side, columns):
    """One square weight-space panel of the played chart: contours, the cone at w now, the path up to the frame
    shown, w now, then start and target over it (a path ends on its target). The first panel holds the player's
    selection."""
    x = _f("w1", title="w1", scale={"domain": list(box[0]), "nice": False, "zero": False})
    y = _f("w2", title="w2", scale={"domain": list(box[1]), "nice": False, "zero": False})
    mine = {"filter": {"field": "panel", "equal": title}}
    shown = {"filter": f"datum.frame <= {STEP}"}
    roles = _role_field(ROLES, columns)
    layers = [
        {"data": {"name": "contours"}, "transform": [mine], "mark": {"type": "line", "clip": True, "color": CONTOUR},
         "encoding": {"x": x, "y": y, "detail": _f("level", "nominal"), "order": _f("order")}},
        {"data": {"name": "cone"}, "transform": [mine, {"filter": f"datum.frame == {STEP}"}],
         "mark": {"type": "area", "color": "#2ca02c", "opacity": 0.15, "clip": True},
         "encoding": {"x": _f("x", title="w1"), "y": _f("y", title="w2"), "y2": {"field": "y2"}}},
        {"data": {"name": "path"}, "transform": [mine, shown],
         "mark": {"type": "line", "clip": True, "strokeWidth": 2.5, "color": color},
         "encoding": {"x": x, "y": y, "order": _f("order")}},
        {"data": {"name": "path"}, "transform": [mine, shown],
         "mark": {"type": "point", "filled": True, "opacity": 1, "size": 30, "clip": True},
         "encoding": {"x": x, "y": y, **roles,
                      "tooltip": [_f("order", title="step"), _f("w1", format=".3f"), _f("w2", format=".3f")]}},
        {"data": {"name": "now"}, "transform": [mine, {"filter": f"datum.frame == {STEP}"}],
         "mark": {"type": "point", "filled": True, "opacity": 1, "size": 230, "clip": True},
         "encoding": {"x": x, "y": y, **roles,
                      "tooltip": [_f("step"), _f("w1", format=".3f"), _f("w2", format=".3f")]}},
        {"data": {"name": "marks"}, "transform": [mine],
         "mark": {"type": "point", "filled": True, "opacity": 1, "size": 200, "clip": True},
         "encoding": {"x": x, "y": y, **roles}},
    ]
    if first:
        layers[2]["params"] = [selection(step, last)]
    return {"width": side, "height": side, "title": {"text": title.split("\n"), "fontSize": 14}, "layer": layers}


def path_chart(panels, box, target, step, side=PANEL, columns=len(ROLES)):
    """Played by ui.chart_player from frame `step`: square weight-space panels side by side, one per
    (title, race inputs, Path, colour) (a title's lines split by newlines), each with its loss contours, the path up
    to the frame shown (each step
    coloured by its quadrant), the cone of directions one sample allows at w now (green), and start, target and w
    now each with its own marker (a legend of `columns` columns). box: ((lo, hi), (lo, hi)); target: w*."""
    frames = frame_steps([p for _, _, p, _ in panels])
    tables = path_tables(panels, frames, box, target)
    last = len(frames) - 1
    step = min(max(int(step), 0), last)
    spec = {"title": {"text": {"expr": f"'Step ' + {[int(f) for f in frames]}[{STEP}]"}, "anchor": "start"},
            "hconcat": [_panel(t, color, box, step, last, i == 0, side, columns)
                        for i, (t, _, _, color) in enumerate(panels)],
            "resolve": {"scale": {"color": "shared", "shape": "shared"}}}
    return _chart(spec, tables)


def opened_at(chart, step):
    """A played chart (path_chart, batch_chart) opening on frame `step` instead: the same tables, the player's
    selection moved (its Step slider keeps its range)."""
    def walk(node):
        if isinstance(node, list):
            return [walk(v) for v in node]
        if not isinstance(node, dict):
            return node
        if node.get("name") == SELECTION and "select" in node:
            return selection(step, node["bind"]["step"]["max"])
        return {k: walk(v) for k, v in node.items()}
    return Spec(walk(chart.spec), chart.tables)


def _sweep_spec(x, x_title, rows, y_title, colors, log_x=False, log_y=False, width=240, height=110, data="sweep"):
    """Lines of `value` against x, one facet row per `quantity` (independent y, each row headed by its name),
    coloured by `series`, and a dashed rule where kind == 'rule'. colors: {series: colour}."""
    xs = {"type": "log"} if log_x else {"zero": False}
    ys = {"type": "log"} if log_y else {"zero": True}
    return {
        "data": {"name": data},
        "facet": {"row": _f("quantity", "nominal", sort=rows, title=None,
                            header={"labelAngle": 0, "labelAlign": "left", "labelAnchor": "start",
                                    "labelOrient": "top"})},
        "spec": {
            "width": width, "height": height, "encoding": {"x": _f(x, title=x_title, scale=xs)},
            "layer": [
                {"transform": [_only("line")], "mark": {"type": "line", "point": True},
                 "encoding": {"y": _f("value", title=y_title, scale=ys),
                              "color": _f("series", "nominal", legend=TOP,
                                          scale={"domain": list(colors), "range": list(colors.values())}),
                              "tooltip": [_f("series", "nominal"), _f(x), _f("value", format=",.3~g")]}},
                {"transform": [_only("rule")], "mark": {"type": "rule", "strokeDash": [4, 4], "color": "black"}},
            ]},
        "resolve": {"scale": {"y": "independent"}},
    }


TEXT = ("kind", "quantity", "series")
"""The sweep tables' text columns."""


def _sweep_frame(x, lines, marker, rows):
    """lines: {x, series, quantity, value} each (one value or an array per row); plus one rule row per facet row at
    x = marker. Compact Arrow, built from arrays (a DataFrame concat of text columns costs a new setup ms)."""
    parts = [{"kind": "line", **line} for line in lines] + [
        {"kind": "rule", x: float(marker), "quantity": np.array(rows, dtype=object), "series": "", "value": 0.0}]
    sizes = [max(np.size(v) for v in part.values()) for part in parts]
    return compact({k: np.concatenate([np.broadcast_to(np.asarray(part[k], dtype=object if k in TEXT else float), (n,))
                                       for part, n in zip(parts, sizes)]) for k in ("kind", x, "quantity", "series",
                                                                                       "value")})


def batch_chart(panels, box, target, step, sweep, batch, names, side=240):
    """Played by ui.chart_player: the paths at this batch size (as path_chart) beside the sweep over batch sizes: %
    of updates that moved NW or SE and updates to reach w*. sweep: batch, fix, share_forbidden (0..1), updates (NaN if
    never); names: {fix: label}."""
    paths = path_chart(panels, box, target, step, side, columns=3)
    rows = ["% updates NW or SE", "updates to w*"]
    series = sweep["fix"].map(names)
    ok = sweep["updates"].notna()
    lines = [{"batch": sweep["batch"], "series": series, "quantity": rows[0],
              "value": np.maximum(100 * sweep["share_forbidden"], 0.5)},
             {"batch": sweep["batch"][ok], "series": series[ok], "quantity": rows[1], "value": sweep["updates"][ok]}]
    colors = {names[f]: FIX_COLORS[f] for f in dict.fromkeys(sweep["fix"])}
    inner = {k: v for k, v in paths.spec.items() if k != "title"}
    spec = {"title": paths.spec["title"],
            "hconcat": [inner, _sweep_spec("batch", "batch size", rows, "%, updates", colors, log_x=True,
                                           width=side // 2 + 30, height=side // 2 - 10)],
            "resolve": {"scale": {"color": "independent", "shape": "independent"}}}
    return Spec(spec, {**paths.tables, "sweep": _sweep_frame("batch", lines, batch, rows)})


# --- 4. conditioning ------------------------------------------------------------------------------------------------

def conditioning_chart(X, y, c, contours, centre, half, second, sweep, bias):
    """LeCun's offset inputs | loss contours over (w1, second) | kappa and GD iterations against c.
    X: (n, 2), y: (n,) in {-1, 1}; contours: level, i, w1, w2 (w2 holds `second`); sweep: c, bias, kappa,
    iterations (rows with no iterations are left out)."""
    hi = max(1.5, c + 1.3)
    box = {"domain": [-1.5, hi], "nice": False}
    pts = pd.DataFrame({"x1": np.append(X[:, 0], 0.0), "x2": np.append(X[:, 1], 0.0),
                        "what": np.append(np.where(y > 0, "class +1", "class −1"), "origin"),
                        "shape": np.append(np.full(len(X), "circle"), "cross"),
                        "size": np.append(np.full(len(X), 30.0), 300.0)})
    side = 140
    data = {"data": {"name": "inputs"}, "width": side, "height": side, "title": ["inputs shifted", f"by c = {c:g}"],
            "mark": {"type": "point", "filled": True, "opacity": 0.75},
            "encoding": {"x": _f("x1", scale=box, title="input x1"), "y": _f("x2", scale=box, title="input x2"),
                         "color": _f("what", "nominal", legend=TOP,
                                     scale={"domain": ["class −1", "class +1", "origin"],
                                            "range": ["#1f77b4", "#ff7f0e", "#111111"]}),
                         "shape": _f("shape", "nominal", scale=None), "size": _f("size", scale=None)}}
    ell = {"data": {"name": "contours"}, "width": side, "height": side,
           "title": [f"loss over (w1, {second}),", "the rest at its best"],
           "mark": {"type": "line", "color": "#444444", "clip": True},
           "encoding": {"x": _f("w1", title="w1", scale={"domain": [centre[0] - half, centre[0] + half],
                                                           "nice": False, "zero": False}),
                        "y": _f("w2", title=second, scale={"domain": [centre[1] - half, centre[1] + half],
                                                           "nice": False, "zero": False}),
                        "detail": _f("level", "nominal"), "order": _f("i")}}
    rows = ["κ = λmax/λmin", "GD iterations"]
    label = {True: "with bias b", False: "no bias"}
    own = sweep[sweep["bias"] == bias]
    ok = own["iterations"].notna()
    lines = [{"c": sweep["c"], "series": sweep["bias"].map(label), "quantity": rows[0], "value": sweep["kappa"]},
             {"c": own["c"][ok], "series": label[bias], "quantity": rows[1], "value": own["iterations"][ok]}]
    sweeps = _sweep_spec("c", "offset c", rows, "κ, iterations", {"with bias b": "#d62728", "no bias": "#7f7f7f"},
                         log_y=True,
                         width=130, height=95)
    spec = {"hconcat": [data, ell, sweeps], "resolve": {"scale": {"color": "independent"}}}
    return _chart(spec, {"inputs": pts, "contours": contours, "sweep": _sweep_frame("c", lines, c, rows)})


# --- 5. a layer -----------------------------------------------------------------------------------------------------

def layer_chart(frame, gallery=None, width=360):
    """The layer's update for one sample: the δ column, the input row a and the (m, n) grid of dL/dW; beside it,
    when given, every sign pattern of the grid, the reachable ones solid. frame: neuron, input, value, kind, sign
    (experiments.zigzag.layer_frame); gallery: experiments.zigzag.pattern_gallery()."""
    m, n = int(frame["neuron"].max()), int(frame["input"].max())
    df = frame.assign(col=np.where(frame["input"] == 0, "δ", "a" + frame["input"].astype(str)),
                      line=np.where(frame["neuron"] == 0, "a", "neuron " + frame["neuron"].astype(str)),
                      alpha=np.where(frame["kind"] == "dL/dW", 1.0, 0.55))
    grid = {
        "data": {"name": "layer"}, "width": {"step": CELL}, "height": {"step": 32},
        "title": "dL/dW = δ aᵀ for one sample",
        "encoding": {"x": _f("col", "nominal", sort=["δ"] + [f"a{j}" for j in range(1, n + 1)], title="δ, then input",
                             axis={"orient": "top", "labelAngle": 0}),
                     "y": _f("line", "nominal", sort=["a"] + [f"neuron {k}" for k in range(1, m + 1)],
                             title="a, then neuron", axis={"titleAngle": 0, "titleAnchor": "start", "titleY": -12,
                                                           "titleAlign": "right"})},
        "layer": [
            {"mark": {"type": "rect", "stroke": "white", "strokeWidth": 2},
             "encoding": {"color": _f("sign", "nominal", scale=SIGNS, legend=TOP),
                          "opacity": _f("alpha", scale=None),
                          "tooltip": [_f("kind", "nominal"), _f("value", format=".3f")]}},
            {"mark": {"type": "text", "fontSize": 14, "color": "white"},
             "encoding": {"text": _f("value", format=".2f")}},
        ]}
    if gallery is None:
        return _chart(grid, {"layer": df})
    tile = 13
    columns = max(1, min(8, width // ((n + 1) * tile)))
    g = gallery.assign(gx=(gallery["pattern"] % columns) * (n + 1) + gallery["input"],
                       gy=(gallery["pattern"] // columns) * (m + 1) + gallery["neuron"],
                       sign=np.where(gallery["sign"] > 0, "+", "−"),
                       alpha=np.where(gallery["reachable"], 1.0, 0.12))
    rows = int(g["gy"].max()) + 1
    tiles = {"data": {"name": "gallery"}, "width": columns * (n + 1) * tile, "height": rows * tile,
             "title": f"all {gallery['pattern'].nunique()} sign patterns (faded: unreachable)",
             "mark": {"type": "square", "size": 110},
             "encoding": {"x": _f("gx", axis=None, scale={"domain": [0, columns * (n + 1)]}),
                          "y": _f("gy", axis=None, scale={"domain": [rows, 0]}),
                          "color": _f("sign", "nominal", scale=SIGNS, legend=TOP),
                          "opacity": _f("alpha", scale=None)}}
    return _chart({"hconcat": [grid, tiles]}, {"layer": df, "gallery": g})


# --- 6. fixes -------------------------------------------------------------------------------------------------------

RUNS = {"own_steps": "SGD at its own safe η", "best_steps": "GD at its best η"}


def fixes_chart(table, names):
    """Bars per input variant: SGD steps at its own safe rate, and full-batch GD steps at its best lr.
    table: experiments.zigzag.race.fix_table(); names: {fix: label}. Runs that never reach w* get no bar but a note
    (not reached, never)."""
    k = len(table)
    steps = table[list(RUNS)].to_numpy(dtype=float).T.ravel()  # run by run
    ok = np.isfinite(steps)
    df = compact({"kind": np.where(ok, "bar", "note").astype(object),
                  "inputs": np.tile(table["fix"].map(names).to_numpy(dtype=object), len(RUNS)),
                  "run": np.repeat(np.array(list(RUNS.values()), dtype=object), k), "steps": np.where(ok, steps, 1.0),
                  "note": np.where(ok, "", np.repeat(["not reached", "never"], k)).astype(object)})
    bars = {"transform": [_only("bar")], "mark": "bar",
            "encoding": {"x": _f("steps", scale={"type": "log"}, title="steps to reach w* (log scale)"),
                         "x2": {"datum": 1},  # bars on a log axis need a baseline other than 0
                         "color": _f("run", "nominal", legend=TOP,
                                     scale={"domain": list(RUNS.values()), "range": ["#1b9e77", "#bcbd22"]}),
                         "tooltip": [_f("inputs", "nominal"), _f("run", "nominal"), _f("steps")]}}
    notes = {"transform": [_only("note")],
             "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 14, "color": "#b2182b"},
             "encoding": {"x": _f("steps"), "text": _f("note", "nominal")}}
    y = _f("inputs", "nominal", sort=[names[f] for f in table["fix"]], title="inputs")
    offset = _f("run", "nominal", sort=list(RUNS.values()))
    # fit the width only: Streamlit's default "fit" squeezes axes and legend into the height, leaving bars no room
    spec = {"data": {"name": "fixes"}, "width": 300, "height": 13 * len(RUNS) * len(table),
            "autosize": {"type": "fit-x", "contains": "padding"},
            "encoding": {"y": y, "yOffset": offset},
            "layer": [bars, notes] if not ok.all() else [bars]}  # no empty layer: Vega would warn
    return _chart(spec, {"fixes": df})
