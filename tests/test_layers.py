"""The layers stay apart: sigcore and experiments are NumPy and pandas only, so no lesson's science depends on
Streamlit or Altair, and neither imports from the layers built on it (no upward import)."""
import ast

import pytest
from support import ROOT

ABOVE = {"sigcore": {"experiments", "charts", "ui", "views", "app"}, "experiments": {"charts", "ui", "views", "app"}}
"""The layers above each one: widgets -> experiments (NumPy on sigcore) -> chart specs -> page."""


def imported(package):
    """{module path: top-level names it imports} for every .py file under `package`."""
    out = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        names = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names.add(node.module.split(".")[0])
        out[str(path.relative_to(ROOT))] = names
    return out


@pytest.mark.parametrize("package", ["sigcore", "experiments"])
def test_no_module_in_sigcore_or_experiments_imports_streamlit_or_altair(package):
    modules = imported(package)
    assert modules and not {m: n & {"streamlit", "altair"} for m, n in modules.items() if n & {"streamlit", "altair"}}


@pytest.mark.parametrize("package", ["sigcore", "experiments"])
def test_sigcore_and_experiments_import_nothing_from_the_layers_above_them(package):
    above = ABOVE[package]
    assert not {m: n & above for m, n in imported(package).items() if n & above}
