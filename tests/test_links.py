"""Every preset is a link: clicking it and opening the URL it leaves give the same widgets and the same charts."""
import pytest
from streamlit.testing.v1.element_tree import Button

from fuzz import inputs
from support import PAGES, assert_healthy, charts, run_page
from ui.link import LISTED, SHOWN
from ui.presets import BUTTONS


def preset_keys(page):
    at = run_page(page)
    return [(page, key) for key in at.session_state[BUTTONS]] if BUTTONS in at.session_state else []


PRESETS = [case for page in PAGES for case in preset_keys(page)]


def state(at):
    """Widget values and every chart's data, comparable between two runs."""
    values = {w.key: w.value for w in inputs(at._tree) if w.key}
    data = [[df.to_dict("list") for df in frames] for _, frames in charts(at)]
    return values, data


@pytest.mark.parametrize("page,key", PRESETS)
def test_preset_click_and_its_link_agree(page, key):
    at = run_page(page)
    button = next(b for b in at.get("button") if isinstance(b, Button) and b.key == key)
    button.click().run()
    assert_healthy(at)
    link = dict(at.query_params)  # what the address bar now holds (empty if the preset is the defaults)
    assert state(run_page(page, link)) == state(at)


def test_every_page_but_home_has_presets():
    assert {page for page, _ in PRESETS} == set(PAGES) - {"views/home.py"}


def test_a_link_with_an_emptied_multiselect_is_used_without_a_notice():
    at = run_page("views/home.py", {"overlay": ""})
    assert at.multiselect(key="overlay").value == [] and not at.toast
    assert run_page("views/home.py", {"overlay": "nonsense"}).toast  # a value no option has still gets one


def test_a_link_stating_a_chart_players_step_is_used_without_a_notice_and_nonsense_gets_one():
    at = run_page("views/zero_centred.py", {"zz_path_step": "5"})
    assert not at.toast and at.session_state["zz_path_step"] == 5
    assert "`zz_path_step` = `abc`" in run_page("views/zero_centred.py", {"zz_path_step": "abc"}).toast[0].value


def test_a_link_stating_an_option_by_its_label_or_by_its_value_is_used_without_a_notice():
    at = run_page("views/zero_centred.py", {"zz_rate": "one η for both"})  # Streamlit writes the label in the URL
    assert not at.toast and at.session_state["zz_rate"] == "same"
    old = run_page("views/zero_centred.py", {"zz_rate": "same"})  # a link made before the option had a label
    assert not old.toast and old.session_state["zz_rate"] == "same"
    assert "`zz_rate` = `nonsense`" in run_page("views/zero_centred.py", {"zz_rate": "nonsense"}).toast[0].value


def test_a_notice_quotes_a_few_settings_cut_short_and_counts_the_rest():
    link = {"z": "9" * 100_000, **{f"no_such_setting_{i}": "1" for i in range(LISTED + 2)}}
    body = run_page("views/home.py", link).toast[0].value
    assert f"`z` = `{'9' * SHOWN}`…" in body and body.endswith(", and 3 more") and len(body) < 500
    assert "`z` = (empty)" in run_page("views/home.py", {"z": ""}).toast[0].value
