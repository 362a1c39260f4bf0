"""Charts of the not-zero-centred page: sign grids, SGD paths over loss contours, batch and offset sweeps, written
as Vega-Lite JSON (charts.spec says why); tests/test_zigzag.py validates every spec against the schema."""
import numpy as np
import pandas as pd

from .base import ACTIVATION_COLORS, downsample
from .spec import TOP, Spec, arrow, field as _f, only as _only

SIGNS = {"domain": ["+", "−", "0"], "range": ["#2166ac", "#b2182b", "#bdbdbd"]}
FIX_COLORS = {"none": ACTIVATION_COLORS["sigmoid"], "centre": "#9467bd", "standardise": "#8c564b",
              "tanh": ACTIVATION_COLORS["tanh"], "relu": ACTIVATION_COLORS["relu"]}
ROLES = {"domain": ["start", "step NE or SW", "step NW or SE", "target w*"],
         "range": ["#111111", "#7a7a7a", "#ff7f0e", "#111111"]}
CONTOUR = "#b8c0c8"
PATH_POINTS = 600
"""Most iterates drawn per path (downsampled beyond)."""
PANEL = 300
"""Side of one square weight-space panel, px: two of them and their axes fit the 1280 px screen with sidebar."""
CELL = 42
"""Side of one cell of a sign grid, px."""


def _chart(spec, frames):
    """A Spec whose tables are Arrow, made once (Streamlit then only serialises them)."""
    return Spec(spec, {k: arrow(df) for k, df in frames.items()})


# --- 1. sign grid ---------------------------------------------------------------------------------------------------

def sign_grid_chart(frame, highlight=None):
    """frame: row, column, group, value, sign (experiments.zigzag.sign_grid_frame); one panel per group, side by side,
    the row `highlight` outlined in black. Panels, not a facet: a facet of layers with a column count of its own per
    cell makes Vega-Lite warn in the browser's console."""
    df = frame.assign(edge=np.where(frame["row"] == highlight, 3.0, 0.0))

    def panel(group, first):
        columns = list(dict.fromkeys(frame.loc[frame["group"] == group, "column"]))
        return {
            "title": {"text": group, "anchor": "middle"}, "transform": [{"filter": {"field": "group", "equal": group}}],
            "width": {"step": CELL}, "height": {"step": 28},
            "encoding": {"x": _f("column", "nominal", sort=columns, title=None, axis={"orient": "top", "labelAngle": 0}),
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


# --- 2, 3. weight-space paths ------------------------------------------------------------------------------------

def _blocks(*blocks):
    """One DataFrame from blocks of columns (dicts of arrays or scalars, each block with an 'n' row count); a
    column a block lacks is 0 (numbers) or '' (text). Built column by column: pandas' text columns are slow to
    make, so each is made once."""
    names = list(dict.fromkeys(k for b in blocks for k in b if k != "n"))
    text = {k for b in blocks for k, v in b.items() if k != "n" and np.asarray(v).dtype.kind in "UOS"}
    cols = {}
    for k in names:
        fill = "" if k in text else 0.0
        cols[k] = np.concatenate([np.broadcast_to(np.asarray(b.get(k, fill), dtype=object if k in text else float),
                                                  (b["n"],)) for b in blocks])
    return pd.DataFrame(cols)


def race_frame(race, step, panel, color, domain):
    """One panel's rows for race_chart: contour and path lines, the cone at the current iterate, and points.
    race: experiments.zigzag.race(); step: how many steps of the path to draw (clamped to the path)."""
    (x0, x1), _ = domain
    contours, path = race["contours"], race["path"]
    k = max(0, min(int(step), path.steps))
    idx = downsample(pd.DataFrame({"i": np.arange(k + 1)}), PATH_POINTS)["i"].to_numpy()
    w = path.w[idx]
    moved = np.r_[False, path.forbidden[:k]][idx]
    role = np.where(idx == 0, "start", np.where(moved, "step NW or SE", "step NE or SW"))
    now = path.w[k]
    blocks = [
        {"n": len(contours), "kind": "line", "series": "level " + contours["level"].rank(method="dense")
         .astype(int).astype(str).to_numpy(dtype=object), "order": contours["i"].to_numpy(),
         "w1": contours["w1"].to_numpy(), "w2": contours["w2"].to_numpy(), "stroke": CONTOUR, "width": 1.0},
        {"n": len(idx), "kind": "line", "series": "path", "order": idx, "w1": w[:, 0], "w2": w[:, 1],
         "stroke": color, "width": 2.5},
        {"n": len(idx), "kind": "point", "order": idx, "w1": w[:, 0], "w2": w[:, 1], "role": role,
         "size": np.where(idx == k, 230.0, 30.0), "shape": "circle"},
        {"n": 1, "kind": "point", "order": -1, "w1": race["target"][0], "w2": race["target"][1], "role": "target w*",
         "size": 240.0, "shape": "diamond"},
    ]
    if race["cone"] is not None:
        lo, hi = (np.tan(np.radians(min(a, 89.5))) for a in race["cone"])
        xs = np.array([x0 - (x1 - x0), now[0], x1 + (x1 - x0)])
        blocks.append({"n": 3, "kind": "cone", "w1": xs, "w2": now[1] + lo * (xs - now[0]),
                       "w2_hi": now[1] + hi * (xs - now[0])})
    for b in blocks:
        b["panel"] = panel
    return blocks


def _race_spec(panels, domain, data="race"):
    x = _f("w1", scale={"domain": list(domain[0]), "nice": False, "zero": False}, title="w1")
    y = _f("w2", scale={"domain": list(domain[1]), "nice": False, "zero": False}, title="w2")
    return {
        "data": {"name": data},
        "facet": {"column": _f("panel", "nominal", sort=panels, title=None)},
        "spec": {
            "width": PANEL, "height": PANEL, "encoding": {"x": x, "y": y},
            "layer": [
                {"transform": [_only("line")], "mark": {"type": "line", "clip": True},
                 "encoding": {"detail": _f("series", "nominal"), "order": _f("order"),
                              "color": _f("stroke", "nominal", scale=None), "strokeWidth": _f("width", scale=None)}},
                {"transform": [_only("cone")], "mark": {"type": "area", "color": "#2ca02c", "opacity": 0.15,
                                                         "clip": True},
                 "encoding": {"y2": {"field": "w2_hi"}}},
                {"transform": [_only("point")], "mark": {"type": "point", "filled": True, "opacity": 1, "clip": True},
                 "encoding": {"color": _f("role", "nominal", scale=ROLES, legend=TOP),
                              "size": _f("size", scale=None), "shape": _f("shape", "nominal", scale=None),
                              "order": _f("order"),
                              "tooltip": [_f("order", title="step"), _f("w1", format=".3f"), _f("w2", format=".3f")]}},
            ]},
    }


def race_chart(frames, domain):
    """Square weight-space panels side by side (one per race_frame): loss contours, the cone of directions one
    sample allows (green), the path with each step's quadrant, the target. domain: ((lo, hi), (lo, hi))."""
    blocks = [b for f in frames for b in f]
    panels = list(dict.fromkeys(f[0]["panel"] for f in frames))
    return _chart(_race_spec(panels, domain), {"race": _blocks(*blocks)})


def _sweep_spec(x, x_title, rows, colors, log_x=False, log_y=False, width=240, height=110, data="sweep"):
    """Lines of `value` against x, one facet row per `quantity` (independent y), coloured by `series`, and a
    dashed rule where kind == 'rule'. colors: {series: colour}."""
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
                 "encoding": {"y": _f("value", title=None, scale=ys),
                              "color": _f("series", "nominal", legend=TOP,
                                          scale={"domain": list(colors), "range": list(colors.values())}),
                              "tooltip": [_f("series", "nominal"), _f(x), _f("value", format=",.3~g")]}},
                {"transform": [_only("rule")], "mark": {"type": "rule", "strokeDash": [4, 4], "color": "black"}},
            ]},
        "resolve": {"scale": {"y": "independent"}},
    }


def _sweep_frame(x, lines, marker, rows):
    """lines: blocks with x, series, quantity, value; plus one rule row per facet row at x = marker."""
    rules = {"n": len(rows), "kind": "rule", x: marker, "quantity": np.array(rows, dtype=object)}
    return _blocks(*({**b, "kind": "line"} for b in lines), rules)


def batch_chart(frames, domain, sweep, batch, names):
    """A path at this batch size (as race_chart) beside the sweep over batch sizes: % of updates that moved NW or
    SE and updates to reach w*. sweep: batch, fix, share_forbidden (0..1), updates (NaN if never);
    names: {fix: label}."""
    rows = ["% updates NW or SE", "updates to w*"]
    series = sweep["fix"].map(names).to_numpy(dtype=object)
    updates = sweep["updates"].to_numpy(dtype=float)
    ok = np.isfinite(updates)
    lines = [{"n": len(sweep), "batch": sweep["batch"].to_numpy(), "series": series, "quantity": rows[0],
              "value": np.maximum(100 * sweep["share_forbidden"].to_numpy(), 0.5)},
             {"n": int(ok.sum()), "batch": sweep["batch"].to_numpy()[ok], "series": series[ok], "quantity": rows[1],
              "value": updates[ok]}]
    colors = {names[f]: FIX_COLORS[f] for f in dict.fromkeys(sweep["fix"])}
    spec = {"hconcat": [_race_spec(list(dict.fromkeys(f[0]["panel"] for f in frames)), domain),
                        _sweep_spec("batch", "batch size", rows, colors, log_x=True, width=160)],
            "resolve": {"scale": {"color": "independent"}}}
    return _chart(spec, {"race": _blocks(*(b for f in frames for b in f)),
                       "sweep": _sweep_frame("batch", lines, batch, rows)})


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
    side = 180
    data = {"data": {"name": "inputs"}, "width": side, "height": side, "title": f"inputs shifted by c = {c:g}",
            "mark": {"type": "point", "filled": True, "opacity": 0.75},
            "encoding": {"x": _f("x1", scale=box, title="input x1"), "y": _f("x2", scale=box, title="input x2"),
                         "color": _f("what", "nominal", legend=TOP,
                                     scale={"domain": ["class −1", "class +1", "origin"],
                                            "range": ["#1f77b4", "#ff7f0e", "#111111"]}),
                         "shape": _f("shape", "nominal", scale=None), "size": _f("size", scale=None)}}
    ell = {"data": {"name": "contours"}, "width": side, "height": side,
           "title": f"loss over (w1, {second}), the rest at its best",
           "mark": {"type": "line", "color": "#444444", "clip": True},
           "encoding": {"x": _f("w1", title="w1", scale={"domain": [centre[0] - half, centre[0] + half],
                                                           "nice": False, "zero": False}),
                        "y": _f("w2", title=second, scale={"domain": [centre[1] - half, centre[1] + half],
                                                           "nice": False, "zero": False}),
                        "detail": _f("level", "nominal"), "order": _f("i")}}
    rows = ["κ = λmax/λmin", "GD iterations"]
    label = {True: "with bias b", False: "no bias"}
    own = sweep[sweep["bias"] == bias]
    iters = own["iterations"].to_numpy(dtype=float)
    ok = np.isfinite(iters)
    long = [{"n": len(sweep), "c": sweep["c"].to_numpy(), "series": sweep["bias"].map(label).to_numpy(dtype=object),
             "quantity": rows[0], "value": sweep["kappa"].to_numpy()},
            {"n": int(ok.sum()), "c": own["c"].to_numpy()[ok], "series": label[bias], "quantity": rows[1],
             "value": iters[ok]}]
    lines = _sweep_spec("c", "offset c", rows, {"with bias b": "#d62728", "no bias": "#7f7f7f"}, log_y=True,
                        width=170, height=95)
    spec = {"hconcat": [data, ell, lines], "resolve": {"scale": {"color": "independent"}}}
    return _chart(spec, {"inputs": pts, "contours": contours, "sweep": _sweep_frame("c", long, c, rows)})


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
        "encoding": {"x": _f("col", "nominal", sort=["δ"] + [f"a{j}" for j in range(1, n + 1)], title=None,
                             axis={"orient": "top", "labelAngle": 0}),
                     "y": _f("line", "nominal", sort=["a"] + [f"neuron {k}" for k in range(1, m + 1)], title=None)},
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

def fixes_chart(table, names):
    """Bars per input variant: SGD steps at the chosen lr, and full-batch GD steps at the variant's best lr.
    table: experiments.zigzag.fix_table(); names: {fix: label}. Runs that never reach w* get no bar."""
    runs = ["SGD at your η", "GD at its best η"]
    inputs = table["fix"].map(names).to_numpy(dtype=object)
    failed = np.where(table["diverged"].to_numpy(dtype=bool), "diverged", "not reached")
    blocks = []
    for run, column in zip(runs, ("steps", "best_steps")):
        steps = table[column].to_numpy(dtype=float)
        ok = np.isfinite(steps)
        blocks.append({"n": int(ok.sum()), "kind": "bar", "inputs": inputs[ok], "run": run, "steps": steps[ok],
                       "note": ""})
        blocks.append({"n": int((~ok).sum()), "kind": "note", "inputs": inputs[~ok], "run": run, "steps": 1.0,
                       "note": failed[~ok] if column == "steps" else "never"})
    df = _blocks(*blocks)
    y = _f("inputs", "nominal", sort=[names[f] for f in table["fix"]], title=None)
    offset = _f("run", "nominal", sort=runs)
    spec = {"data": {"name": "fixes"}, "width": 300, "height": {"step": 15},
            "encoding": {"y": y, "yOffset": offset},
            "layer": [
                {"transform": [_only("bar")], "mark": "bar",
                 "encoding": {"x": _f("steps", scale={"type": "log"}, title="steps to reach w* (log scale)"),
                              "x2": {"datum": 1},  # bars on a log axis need a baseline other than 0
                              "color": _f("run", "nominal", legend=TOP,
                                          scale={"domain": runs, "range": ["#555555", "#bcbd22"]}),
                              "tooltip": [_f("inputs", "nominal"), _f("run", "nominal"), _f("steps")]}},
                {"transform": [_only("note")],
                 "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 14, "color": "#b2182b"},
                 "encoding": {"x": _f("steps"), "text": _f("note", "nominal")}},
            ]}
    return _chart(spec, {"fixes": df})
