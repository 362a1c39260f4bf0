"""Home page charts: an activation curve (or its slope) with the operating point marked.

Written as Vega-Lite JSON (charts.spec says why); tests/test_curves.py validates the spec against the schema."""
import pandas as pd

from .spec import Spec, activation_field, field as _f


def curve_chart(df, column, title, point, ceiling=None):
    """df: z, activation, value, slope; column: "value" or "slope"; point: z, value, slope; ceiling: dotted line."""
    names = list(dict.fromkeys(df["activation"]))
    z = _f("z", title="z (pre-activation)")
    layers = [
        {"data": {"name": "curves"}, "mark": {"type": "line", "strokeWidth": 3},
         "encoding": {"x": z, "y": _f(column, title=title),
                      "color": activation_field(names),
                      "tooltip": [_f("activation", "nominal"), _f("z", format=".2f"), _f(column, format=".4f")]}},
        {"data": {"name": "point"}, "mark": {"type": "rule", "strokeDash": [4, 4], "color": "black"},
         "encoding": {"x": z}},
        {"data": {"name": "point"}, "mark": {"type": "point", "size": 180, "filled": True, "color": "black"},
         "encoding": {"x": z, "y": _f(column)}},
    ]
    frames = {"curves": df[["z", "activation", column]],
              "point": pd.DataFrame({"z": [point["z"]], column: [point[column]]})}
    if ceiling is not None:
        layers.append({"data": {"name": "ceiling"}, "mark": {"type": "rule", "color": "#d62728", "strokeDash": [2, 2]},
                       "encoding": {"y": _f(column)}})
        frames["ceiling"] = pd.DataFrame({column: [ceiling]})
    return Spec({"height": 320, "layer": layers}, frames)
