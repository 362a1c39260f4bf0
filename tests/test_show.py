"""ui.show: chart text sizes for a projector, and a chart's data as the CSV its Export offers."""
import io

import pandas as pd

from charts.saturation import sit_chart
from experiments import saturation as sat
from ui.show import CONFIG, chart_csv


def test_chart_text_is_at_least_14_px_and_18_in_lecture_mode():
    for lecture, least in [(False, 14), (True, 18)]:
        sizes = [v for part in CONFIG[lecture].values() for v in part.values()]
        assert min(sizes) == least


def test_the_csv_holds_every_table_of_the_chart_by_name():
    hist, curve, s = sat.sit(1.0, 0.0, 100, "positive")
    chart = sit_chart(hist, curve, s["edge"])
    csv = pd.read_csv(io.StringIO(chart_csv(chart)))
    frames = chart.frames()
    assert csv.dataset.value_counts().to_dict() == {name: len(df) for name, df in frames.items()}
    bars = csv[csv.dataset == "bars"].dropna(axis=1)
    pd.testing.assert_frame_equal(bars.drop(columns="dataset").reset_index(drop=True),
                                  frames["bars"].reset_index(drop=True), check_dtype=False)
