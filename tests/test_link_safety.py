"""A link is untrusted input: on every page, a link whose keys and values hold Markdown, HTML and script text gets a
notice that reads as that literal text, cut short, and puts no element of its own on the page."""
from urllib.parse import urlencode

import pytest

from browser import browser, require_chromium, serve, wait_ready
from ui.link import LISTED, SHOWN

PAGES = {"": "z", "saturate": "sat_scale", "zigzag": "zz_lr", "init": "init_depth", "relu": "cmp_flow_depth"}
"""Each page's path, and one setting of its own, whose value the notice quotes."""
CRAFTED = [
    ("<script>pwned=1</script>" + "9" * 100_000, None),  # a page's own setting, a 100 kB value starting with HTML
    ("lecture", ""),  # an empty value
    ("![PWN](http://ev.il/p.png)", "1"),  # an image: a tracking pixel on any host the link names
    ("a\n\n<img src=x onerror=pwned=1>[t](ev.il)", "1"),  # a blank line ends a code span; then HTML and a link
    ("**b** :streamlit: -> `c` :material/home:", "1"),  # Streamlit's own Markdown: its logo, arrows, icons
    ("k" * 1000, "1"),  # a long key (the server refuses a URL much over 100 kB)
]
"""(key, value) pairs; a key of None is the page's own setting, the first pair's text its value."""
FOREIGN = """() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
    .filter(a => /ev\\.il|pwned|^x$/.test(a.value)).map(a => `<${e.tagName} ${a.name}="${a.value}">`))"""
"""Every element carrying an attribute from the crafted link (an image's src, a link's href, an onerror)."""


def crafted(own):
    """The query pairs for a page whose own setting is `own`."""
    return [(own, text) if value is None else (text, value) for text, value in CRAFTED]


def shown(text):
    """How the notice quotes `text`: on one line, cut to SHOWN characters."""
    return " ".join(text[:SHOWN].split()) + ("…" if len(text) > SHOWN else "") if text else "(empty)"


def expected(pairs):
    """The notice's list, as it reads: each bad setting quoted literally, the ones past LISTED counted."""
    named = [f"{shown(k)} = {shown(v)}" if v != "1" else f"{shown(k)} (unknown setting)" for k, v in pairs[:LISTED]]
    return ", ".join(named) + (f", and {len(pairs) - LISTED} more" if len(pairs) > LISTED else "")


@pytest.fixture(scope="module")
def app():
    require_chromium()
    with serve() as url, browser() as b:
        yield url, b


@pytest.mark.parametrize("path", PAGES)
def test_a_crafted_link_gets_a_literal_notice_and_adds_no_element(app, path):
    url, b = app
    pairs = crafted(PAGES[path])
    page = b.new_page(viewport={"width": 1280, "height": 720})
    page.set_default_timeout(90_000)
    page.errors, page.hosts = [], set()
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: page.hosts.add(r.url.split("/")[2].split(":")[0]))
    page.goto(f"{url}/{path}?{urlencode(pairs)}")
    toast = page.wait_for_selector('[data-testid="stToastText"]')  # read at once: a toast leaves after 4 s
    text, tags = toast.evaluate("""t => [t.innerText.replace(/\\s+/g, ' ').trim(),
        [...t.querySelectorAll('[data-testid=stMarkdownContainer] *')].map(e => e.tagName)]""")
    assert set(tags) <= {"P", "CODE"}, f"the notice holds elements the app did not write: {tags}"
    assert text.endswith(": " + expected(pairs)), text
    assert len(text) < 500, "the notice quotes a bounded amount of a link"
    wait_ready(page)
    assert not page.evaluate(FOREIGN), page.evaluate(FOREIGN)
    assert page.evaluate("typeof window.pwned") == "undefined" and not page.errors, page.errors
    assert page.hosts == {"127.0.0.1"}, f"the link made the page fetch from {page.hosts}"
    page.close()
