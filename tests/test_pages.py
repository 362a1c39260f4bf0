"""Every page through app.py's navigation: runs clean at defaults and with garbage in the URL, and draws charts."""
import ast
import html
import inspect
import re
from urllib.parse import parse_qsl

import pytest

from experiments import compare, saturation
from sigcore import activations
from support import PAGES, ROOT, assert_healthy, charts, run_page


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_clean_at_defaults(page):
    at = run_page(page)
    assert_healthy(at)
    assert at.title, "every page has a title"


@pytest.mark.parametrize("page", PAGES)
def test_page_survives_garbage_query(page):
    junk = {key: "<script>alert(1)</script>" for key in ["z", "overlay", "lecture", "seed", "unknown_key"]}
    assert_healthy(run_page(page, junk))


def test_home_chart_and_readouts_follow_the_slider():
    at = run_page("views/home.py")
    assert charts(at)
    at.slider(key="z").set_value(0.0).run()
    assert [m.value for m in at.metric][:2] == ["0.5000", "0.2500"]
    at.slider(key="z").set_value(8.0).run()
    assert at.warning and "Saturated" in at.warning[0].value
    at.slider(key="z").set_value(-10.0).run()
    assert [m.value for m in at.metric][:2] == ["4.5 × 10⁻⁵", "4.5 × 10⁻⁵"]  # not a misleading 0.0000


def test_home_from_a_link():
    at = run_page("views/home.py", {"z": "-3", "overlay": ["tanh", "relu"]})
    assert at.slider(key="z").value == -3.0 and at.multiselect(key="overlay").value == ["tanh", "relu"]
    [(spec, frames)] = charts(at)  # one chart: every curve and its slope on the same axes
    assert set(frames[0].activation) == {"sigmoid", "tanh", "relu"}


def test_home_shows_the_slope_formula_and_a_takeaway_that_stays_in_lecture_mode():
    for query in ({}, {"lecture": "true"}):
        at = run_page("views/home.py", query)
        assert any(r"\le \tfrac14" in f.value for f in at.latex)
        assert any("σ'(z) = 0.105" in m.value and "2.4×" in m.value for m in at.markdown)
        assert not at.code  # the library's source is one click away, not on the page


SCRIPTS = {"saturate": "views/saturation.py", "zigzag": "views/zero_centred.py", "init": "views/initialization.py",
           "relu": "views/compare.py"}


def test_home_maps_the_seed_questions_to_every_drawback_page():
    links = [p.proto for p in run_page("views/home.py").get("page_link") if p.proto.icon == ":material/arrow_forward:"]
    assert len(links) >= 5, "the map links each seed question"
    assert {link.page for link in links} == set(SCRIPTS)


@pytest.mark.parametrize("i", range(7))
def test_each_seed_question_opens_its_pages_story_at_a_step_that_shows_one_section_under_its_takeaway(i):
    link = [p.proto for p in run_page("views/home.py").get("page_link")
            if p.proto.icon == ":material/arrow_forward:"][i]
    [(story, step)] = parse_qsl(link.query_string)
    at = run_page(SCRIPTS[link.page], {story: step})
    assert_healthy(at)
    assert at.session_state[story] == step
    assert any(m.value.startswith(f"**{step} / ") for m in at.markdown), "the step's takeaway is on the page"
    assert len(at.subheader) == 1, "the story step runs its own section only"


@pytest.mark.parametrize("page, key, functions", [
    ("views/home.py", "home_code", [activations.sigmoid, activations.sigmoid_grad]),
    ("views/saturation.py", "sat_code", [saturation.mean_slope, saturation.single_neuron]),
    ("views/compare.py", "cmp_code", [compare.gradient_flow, compare.race_run, compare.dying_run])])
def test_the_code_behind_a_page_is_sigcores_own_sent_once_opened(page, key, functions):
    assert not run_page(page).code  # closed: nothing sent, and the page loads without the code highlighter
    at = run_page(page, {key: "true"})
    assert_healthy(at)
    assert at.code[0].value == "\n\n".join(inspect.getsource(f) for f in functions).strip()


@pytest.mark.parametrize("page", PAGES + ["app.py"])
def test_no_bare_string_in_a_page_script_but_docstrings(page):
    """Streamlit's magic writes a bare string statement onto the page: a 'docstring' under a constant would show."""
    bare = []
    for parent in ast.walk(ast.parse((ROOT / page).read_text())):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(parent, field, None)
            for i, node in enumerate(block if isinstance(block, list) else []):
                docstring = i == 0 and field == "body" and isinstance(parent, (ast.Module, ast.FunctionDef))
                if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and not docstring:
                    bare.append(node.lineno)
    assert not bare, f"{page}: bare strings at lines {bare}"
