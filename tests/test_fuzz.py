"""Fuzzed settings and tampered links on every page: no exception, no NaN or infinity, whatever the input."""
import os
import re

import numpy as np
import pytest

from fuzz import inputs, randomize
from support import PAGES, assert_healthy, run_page

CONFIGS = int(os.environ.get("FUZZ_CONFIGS", "100"))
GARBAGE = {
    "non-numeric": "abc",
    "out of range": "-1e308",
    "huge": "9" * 5000,
    "script": "<script>alert(1)</script>",
    "markdown": "[click](http://example.com) ![x](http://example.com/x.png)",
    "empty": "",
}


@pytest.mark.parametrize("page", PAGES)
def test_random_settings_never_break_the_page(page):
    """Both ends of every range, then random settings of every widget at once; now and then a random button."""
    rng = np.random.default_rng(sum(map(ord, page)))
    at = run_page(page)
    for i in range(CONFIGS):
        randomize(at, rng, end={0: "low", 1: "high"}.get(i))
        at.run()
        # a browser user cannot click a disabled button (a story's Next at its last step)
        buttons = [b for b in at.button if b.key and not b.disabled and rng.random() < 0.2]
        if buttons:
            buttons[int(rng.integers(len(buttons)))].click().run()
        assert_healthy(at)


@pytest.mark.parametrize("kind", GARBAGE)
@pytest.mark.parametrize("page", PAGES)
def test_tampered_links_fall_back_with_a_notice(page, kind):
    keys = [w.key for w in inputs(run_page(page)._tree) if w.key]
    at = run_page(page, {**{k: GARBAGE[kind] for k in keys}, "no_such_setting": GARBAGE[kind]})
    assert_healthy(at)
    assert at.toast, "a link with bad settings gets a notice"
    text = " ".join(t.value for t in at.toast) + " ".join(m.value for m in at.markdown)
    outside_code = re.sub(r"`[^`]*`", "", text)  # URL text is only ever shown inside code spans, which render literally
    assert "<script" not in outside_code and "](http" not in outside_code
