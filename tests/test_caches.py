"""Every cache a page keeps is bounded: each st.cache_data in views/ has max_entries (ui.cached takes its bound as an
argument), so a day of lectures cannot grow the server without bound."""
import ast
from pathlib import Path

import pytest

VIEWS = sorted((Path(__file__).resolve().parents[1] / "views").glob("*.py"))


def unbounded(source):
    """Line numbers of st.cache_data uses (call, decorator or bare decorator) without max_entries."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        decorators = node.decorator_list if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) else []
        lines += [d.lineno for d in decorators if ast.unparse(d) == "st.cache_data"]
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "st.cache_data":
            if "max_entries" not in {k.arg for k in node.keywords}:
                lines.append(node.lineno)
    return sorted(lines)


def test_the_check_finds_an_unbounded_cache():
    assert unbounded("f = st.cache_data(g, show_spinner=False)\n@st.cache_data\ndef h(): pass\n") == [1, 2]
    assert unbounded("f = st.cache_data(g, max_entries=8)\n@st.cache_data(max_entries=8)\ndef h(): pass\n") == []


@pytest.mark.parametrize("view", VIEWS, ids=lambda p: p.name)
def test_every_cache_in_the_page_has_a_bound(view):
    lines = unbounded(view.read_text())
    assert not lines, f"{view.name}: st.cache_data without max_entries on lines {lines}"


def test_ui_cached_wraps_one_version_of_a_function_once_and_a_closure_anew():
    import ui

    def make(closure):
        if closure:
            n = 1
            return lambda x: x + n
        return lambda x: x + 1

    plain = [make(False) for _ in range(2)]  # two function objects of one code, as two runs of a page make
    assert plain[0] is not plain[1] and ui.cached(plain[0], 4) is ui.cached(plain[1], 4)
    assert ui.cached(plain[0], 4) is not ui.cached(plain[0], 8)
    assert ui.cached(make(True), 4) is not ui.cached(make(True), 4)
    assert ui.cached(plain[0], 4)(2) == 3
