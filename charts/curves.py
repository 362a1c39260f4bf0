"""Home page chart: activation curves and their slopes on one pair of axes, with the operating point marked.

On shared axes the slope is seen at its true size beside the function (the sigmoid's never passes 1/4). Written as
Vega-Lite JSON (charts.spec says why); tests/test_curves.py validates the spec against the schema."""
import json
from fractions import Fraction

import pandas as pd

from .spec import Spec, activation_field, field as _f

KINDS = {"value": "f(z)", "slope": "slope f'(z)"}
TO_KIND = [{"fold": list(KINDS), "as": ["column", "y"]},
           {"calculate": "datum.column === 'value' ? %s : %s" % tuple(map(json.dumps, KINDS.values())), "as": "kind"}]
"""df's value and slope columns as rows of (kind, y)."""
SYMBOLS = {"sigmoid": "σ"}
"""The letter the pages write an activation with (σ is the sigmoid only); others go by their name."""


def curve_chart(df, point, ceiling):
    """df: z, activation, value, slope; point: z, value, slope (of the first activation); ceiling: its largest slope.

    y shows [-1, 1] at most: unbounded curves (ReLU) leave the top of the chart."""
    names = list(dict.fromkeys(df["activation"]))
    lo = round(max(-1.0, min(df["value"].min(), df["slope"].min(), 0.0)) - 0.05, 2)
    z = _f("z", title="z (pre-activation)", scale={"domain": [float(df["z"].min()), float(df["z"].max())]})
    y = _f("y", title="f(z) and slope f'(z)", scale={"domain": [lo, 1.05], "nice": False})
    kind = _f("kind", "nominal", title=None, sort=list(KINDS.values()),
              legend={"orient": "top", "symbolType": "stroke", "symbolStrokeColor": "#333333",
                      "symbolStrokeWidth": 3, "symbolSize": 600},
              scale={"domain": list(KINDS.values()), "range": [[1, 0], [6, 4]]})
    layers = [
        {"data": {"name": "curves"},
         "transform": TO_KIND,
         "mark": {"type": "line", "strokeWidth": 3, "clip": True},
         "encoding": {"x": z, "y": y, "color": activation_field(names), "strokeDash": kind,
                      "tooltip": [_f("activation", "nominal"), _f("kind", "nominal", title="curve"),
                                  _f("z", format=".2f"), _f("y", format=".4f", title="height")]}},
        {"data": {"name": "ceiling"}, "mark": {"type": "rule", "color": "#555555", "strokeDash": [2, 3]},
         "encoding": {"y": y}},
        {"data": {"name": "ceiling"}, "mark": {"type": "text", "align": "left", "dx": 4, "dy": -9, "fontSize": 14},
         "encoding": {"x": {"datum": float(df["z"].min())}, "y": y, "text": _f("label", "nominal")}},
        {"data": {"name": "point"}, "mark": {"type": "rule", "strokeDash": [4, 4], "color": "black"},
         "encoding": {"x": z}},
        {"data": {"name": "point"}, "transform": TO_KIND,
         "mark": {"type": "point", "size": 180, "filled": True, "color": "black", "opacity": 1},
         "encoding": {"x": z, "y": y, "tooltip": [_f("kind", "nominal", title="curve"), _f("y", format=".4f")]}},
    ]
    label = f"{SYMBOLS.get(names[0], names[0])}'(z) ≤ {_fraction(ceiling)}"
    frames = {"curves": df[["z", "activation", "value", "slope"]],
              "point": pd.DataFrame({k: [float(point[k])] for k in ("z", "value", "slope")}),
              "ceiling": pd.DataFrame({"y": [ceiling], "label": [label]})}
    return Spec({"height": 340, "layer": layers}, frames)


def _fraction(x):
    """x as the fraction a page writes (0.25 as 1/4), or as a decimal where no small fraction is x."""
    f = Fraction(x).limit_denominator(16)
    return str(f) if float(f) == x else f"{x:g}"
