"""Random widget settings for AppTest: every input widget on a page set to a random value, both ends included."""
from streamlit.testing.v1.element_tree import (ButtonGroup, Checkbox, Multiselect, NumberInput, Radio, Selectbox,
                                               SelectSlider, Slider, TextInput, Toggle)

INPUTS = (ButtonGroup, Checkbox, Multiselect, NumberInput, Radio, Selectbox, SelectSlider, Slider, TextInput, Toggle)


def inputs(node):
    """Every input widget below `node` (an AppTest or a block), depth first."""
    for child in getattr(node, "children", {}).values():
        if isinstance(child, INPUTS):
            yield child
        yield from inputs(child)


def _slider_value(w, rng, end):
    lo, hi, step = w.min, w.max, w.step
    n = int(round((hi - lo) / step)) if step else 0
    pick = lambda: lo + step * ({"low": 0, "high": n}.get(end) if end else int(rng.integers(0, n + 1)))  # noqa: E731
    cast = int if isinstance(w.value if not isinstance(w.value, tuple) else w.value[0], int) else float
    if isinstance(w.value, tuple):
        a, b = sorted([cast(pick()), cast(lo + step * int(rng.integers(0, n + 1)))])
        return (a, b)
    return cast(min(pick(), hi))


def set_random(w, rng, end=None):
    """Give widget w a random legal value; end="low"/"high" takes the extreme of every range."""
    if isinstance(w, Slider):
        w.set_value(_slider_value(w, rng, end))
    elif isinstance(w, SelectSlider):
        opts = w.options
        w.set_value(opts[{"low": 0, "high": -1}.get(end, int(rng.integers(len(opts))))])
    elif isinstance(w, (Selectbox, Radio)):
        if w.options:
            w.set_value(w.options[{"low": 0, "high": -1}.get(end, int(rng.integers(len(w.options))))])
    elif isinstance(w, Multiselect):
        opts = list(w.options)
        chosen = {"low": [], "high": opts}.get(end)
        w.set_value(chosen if chosen is not None else [o for o in opts if rng.random() < 0.5])
    elif isinstance(w, (Toggle, Checkbox)):
        w.set_value({"low": False, "high": True}.get(end, bool(rng.integers(2))))
    elif isinstance(w, NumberInput):
        lo = w.min if w.min is not None else -1e6
        hi = w.max if w.max is not None else 1e6
        v = {"low": lo, "high": hi}.get(end, lo + (hi - lo) * rng.random())
        w.set_value(type(w.value)(v) if w.value is not None else v)
    elif isinstance(w, TextInput):
        w.set_value({"low": "", "high": "9" * 200}.get(end, "<b>" + str(rng.integers(1e9)) + "</b>"))
    elif isinstance(w, ButtonGroup):
        if w.options:
            w.set_value(w.options[int(rng.integers(len(w.options)))])


def randomize(at, rng, end=None):
    """Set every input widget on the page at once (after set_random, call at.run())."""
    for w in list(inputs(at._tree)):
        set_random(w, rng, end)
