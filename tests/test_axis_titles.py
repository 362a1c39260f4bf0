"""Every axis title a chart sets reaches the drawn chart: a layer that sets none (title: null) must not win the merge
of a shared axis and erase another layer's title, on screen and in the exports."""
import pytest
import vl_convert as vlc

from support import PAGES, charts, run_page


def set_titles(spec):
    """The x and y titles a Vega-Lite spec's views set, anywhere in it."""
    found = set()
    if isinstance(spec, dict):
        for channel in ("x", "y"):
            title = spec.get("encoding", {}).get(channel, {}).get("title")
            if isinstance(title, str) and title:
                found.add(title)
        for value in spec.values():
            found |= set_titles(value)
    elif isinstance(spec, list):
        for value in spec:
            found |= set_titles(value)
    return found


def drawn_titles(group):
    """The axis titles of a compiled Vega spec, in every group."""
    titles = {a["title"] for a in group.get("axes", []) if isinstance(a.get("title"), str)}
    for mark in group.get("marks", []):
        if mark.get("type") == "group":
            titles |= drawn_titles(mark)
    return titles


@pytest.mark.parametrize("page", PAGES)
def test_every_axis_title_a_chart_sets_is_drawn(page):
    for spec, _ in charts(run_page(page)):
        lost = set_titles(spec) - drawn_titles(vlc.vegalite_to_vega(spec))
        assert not lost, f"axis titles set but not drawn: {lost}"
