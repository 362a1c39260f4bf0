"""The README's "Teaching with it" promises what app.py and views/ serve: its page paths are the navigation's, and
every lecture story key a page binds to the URL is one the README names."""
import ast
import re

from support import ROOT

README = (ROOT / "README.md").read_text()


def string_constants(path):
    return {n.value for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.Constant)
            and isinstance(n.value, str)}


def test_the_readmes_page_paths_are_the_apps():
    table = re.findall(r"^\| [^|]+ \| `(/[a-z_]*)` \|", README, re.MULTILINE)
    served = {"/"} | {f"/{p}" for p in re.findall(r'url_path="(\w+)"', (ROOT / "app.py").read_text())}
    assert sorted(table) == sorted(served)


def test_every_story_key_a_page_uses_is_named_in_the_readme():
    keys = set().union(*(string_constants(p) for p in (ROOT / "views").glob("*.py")))
    used = {k for k in keys if re.fullmatch(r"[a-z]+_story", k)}
    assert all(f"`{k}`" in README for k in used), used
