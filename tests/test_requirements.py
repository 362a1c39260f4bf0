"""requirements.txt says the truth: every third-party module the app imports is pinned there, and nothing else is
(test tools live in requirements-dev.txt, so a deployment does not install them)."""
import ast
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ["charts", "experiments", "sigcore", "ui", "views"]
"""What the app runs, beside app.py (tests/ and bench/ are not deployed code)."""
LOCAL = {p.name for p in ROOT.iterdir() if p.is_dir()} | {"app"}


def pins(name):
    """{distribution: version} of the `==` lines in a requirements file (normalised names)."""
    lines = (ROOT / name).read_text().splitlines()
    pairs = (line.split("==") for line in lines if "==" in line)
    return {k.strip().lower().replace("_", "-"): v.strip() for k, v in pairs}


def app_imports():
    """Top-level names of the modules imported by app.py and the packages beside it (tests and bench excluded)."""
    files = [ROOT / "app.py"] + [f for d in APP for f in (ROOT / d).rglob("*.py")]
    names = set()
    for f in files:
        for node in ast.walk(ast.parse(f.read_text())):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names.add(node.module.split(".")[0])
    return names - LOCAL - set(sys.stdlib_module_names)


def distribution(module):
    return packages_distributions()[module][0].lower().replace("_", "-")


def test_every_third_party_module_the_app_imports_is_pinned():
    pinned = pins("requirements.txt")
    assert {"streamlit", "numpy", "pandas", "pyarrow"} <= app_imports()
    assert not {m for m in app_imports() if distribution(m) not in pinned}


def test_requirements_pin_only_what_the_app_imports():
    imported = {distribution(m) for m in app_imports()}
    assert set(pins("requirements.txt")) == imported, set(pins("requirements.txt")) ^ imported


def test_the_test_tools_are_pinned_for_development_only():
    dev = pins("requirements-dev.txt")
    assert {"pytest", "playwright", "hypothesis", "altair"} <= set(dev) and not set(dev) & set(pins("requirements.txt"))
