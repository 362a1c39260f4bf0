"""Home page charts: an activation curve (or its slope) with the operating point marked."""
import altair as alt
import pandas as pd

from .base import activation_color


def curve_chart(df, column, title, point, ceiling=None):
    """df: z, activation, value, slope; column: "value" or "slope"; point: z, value, slope; ceiling: dotted line."""
    line = alt.Chart(df).mark_line(strokeWidth=3).encode(
        x=alt.X("z:Q", title="z (pre-activation)"),
        y=alt.Y(f"{column}:Q", title=title),
        color=activation_color(df["activation"].unique()),
        tooltip=[alt.Tooltip("activation:N"), alt.Tooltip("z:Q", format=".2f"), alt.Tooltip(f"{column}:Q", format=".4f")],
    )
    mark = pd.DataFrame({"z": [point["z"]], column: [point[column]]})
    rule = alt.Chart(mark).mark_rule(strokeDash=[4, 4], color="black").encode(x=alt.X("z:Q"))
    dot = alt.Chart(mark).mark_point(size=180, filled=True, color="black").encode(x=alt.X("z:Q"), y=alt.Y(f"{column}:Q"))
    layers = [line, rule, dot]
    if ceiling is not None:
        layers.append(alt.Chart(pd.DataFrame({column: [ceiling]})).mark_rule(color="#d62728", strokeDash=[2, 2])
                      .encode(y=alt.Y(f"{column}:Q")))
    return alt.layer(*layers).properties(height=320)
