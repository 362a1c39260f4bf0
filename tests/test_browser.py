"""The app in headless Chromium: every page renders at desktop and projector sizes, lecture mode reads on a
projector, nothing is fetched from anywhere but the app's own server, exports download, sessions stay apart."""
import re
from urllib.parse import urlencode, urlparse
from xml.etree import ElementTree

import pytest

from browser import SHOTS, browser, require_chromium, serve, wait_ready
from experiments.curves import operating_point

PRESET = "NE target"
PATHS = {"home": "", "saturation": "saturate", "zigzag": "zigzag", "initialization": "init",
         "training": f"init?{urlencode({'init_section': '4 · Does it train?'})}", "compare": "relu"}
"""Each page (Initialization opens its first tab) and Initialization's training tab, the one with most charts."""
SIZES = {"desktop": (1440, 900), "projector": (1280, 720)}
CHART = '[data-testid="stVegaLiteChart"]'
VEGA = re.compile(r"^WARN\b|Vega")
"""A Vega or Vega-Lite warning in the console: their logger prefixes each with its level, WARN."""
PROBE = re.compile(r"/[^/]+/_stcore/(health|host-config)$")
"""Streamlit's frontend, opened on /<page>, first asks whether /<page>/ is the server's base path: those 404s, and
Chromium's "Failed to load resource" for them, are Streamlit's, not the app's."""


@pytest.fixture(scope="module")
def app():
    require_chromium()
    with serve() as url, browser() as b:
        yield url, b


def open_page(app, path, size="projector", query=""):
    """A new browser page on `path` at `size`, waited until the script has run; collects page errors and hosts."""
    url, b = app
    width, height = SIZES[size]
    page = b.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
    page.set_default_timeout(90_000)
    page.errors, page.console_errors, page.warnings, page.missing, page.hosts = [], [], [], [], set()
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("console", lambda m: page.warnings.append(m.text) if m.type == "warning" and VEGA.search(m.text) else None)
    page.on("response", lambda r: page.missing.append(r.url) if r.status == 404 and not PROBE.search(r.url) else None)
    page.on("request", lambda r: page.hosts.add(urlparse(r.url).hostname))
    page.goto(f"{url}/{path}{query}")
    wait_ready(page)
    return page


def horizontal_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def cut_off(page):
    """Charts, tables and formulas reaching past the content column, and labels or values cut to an ellipsis."""
    return page.evaluate("""(parts) => {
        const main = document.querySelector('[data-testid=stMainBlockContainer]');
        const right = main.getBoundingClientRect().right - parseFloat(getComputedStyle(main).paddingRight);
        const wide = [...document.querySelectorAll(`${parts}, [data-testid=stTable], .katex-display`)]
            .map(e => [e.tagName, Math.round(e.getBoundingClientRect().right - right)]).filter(([, px]) => px > 2)
            .map(([tag, px]) => `${tag} ${px} px past the column`);
        const cut = [...document.querySelectorAll('[data-testid=stMain] .stMarkdownEllipsis')]
            .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => `cut: ${e.innerText}`);
        return wide.concat(cut); }""", f"{CHART} svg, {CHART} canvas")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", PATHS)
def test_page_renders_in_chromium(app, name, size):
    page = open_page(app, PATHS[name], size)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{size}.png"), full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not page.errors, page.errors
    assert page.locator(f"{CHART} svg, {CHART} canvas").count() > 0, "no chart drew"
    assert horizontal_overflow(page) <= 0 and not cut_off(page), cut_off(page)
    assert page.hosts == {"127.0.0.1"}, f"requests left the app's own server: {page.hosts}"
    assert_clean_console(page)
    page.close()


def assert_clean_console(page):
    """No Vega or Vega-Lite warning in the console, and nothing the page asked for was missing (404)."""
    assert not page.warnings, page.warnings
    assert not page.missing, f"404: {page.missing}"


@pytest.mark.parametrize("name", PATHS)
def test_lecture_mode_on_a_projector(app, name):
    page = open_page(app, PATHS[name], "projector", ("&" if "?" in PATHS[name] else "?") + "lecture=true")
    page.screenshot(path=str(SHOTS / f"{name}-lecture.png"), full_page=True)
    assert horizontal_overflow(page) <= 0 and not cut_off(page), cut_off(page)
    sizes = page.evaluate(f"""() => [...document.querySelectorAll('{CHART} svg text')]
        .filter(t => t.textContent.trim()).map(t => parseFloat(getComputedStyle(t).fontSize))""")
    assert sizes and min(sizes) >= 14, f"chart text as small as {min(sizes, default=None)} px"
    quiz = page.evaluate("""() => [...document.querySelectorAll("[class*='st-key-quiz_'] p")]
        .map(p => parseFloat(getComputedStyle(p).fontSize))""")
    assert min(quiz, default=20) >= 20, f"quiz text as small as {min(quiz)} px"
    assert page.locator('[data-testid="stPopover"]').count() == 0, "exports are hidden in lecture mode"
    assert_clean_console(page)
    page.close()


def test_svg_export_downloads_a_valid_svg(app):
    page = open_page(app, "", "desktop", "?z=-1.5")
    page.get_by_role("button", name="Export").first.click()
    with page.expect_download() as info:
        page.get_by_role("button", name="SVG").first.click()
    download = info.value
    assert download.suggested_filename.startswith("home-curve-z--1.5") and download.suggested_filename.endswith(".svg")
    root = ElementTree.parse(download.path()).getroot()
    assert root.tag.endswith("svg") and len(list(root.iter())) > 20
    page.close()


def test_ten_sessions_at_once_each_see_their_own_numbers(app):
    url, b = app
    zs = [round(-4.5 + i, 1) for i in range(10)]
    pages = []
    for z in zs:  # open all ten before waiting on any, so the server runs them together
        page = b.new_page(viewport={"width": 1280, "height": 720})
        page.goto(f"{url}/?z={z}", wait_until="commit")
        pages.append(page)
    for z, page in zip(zs, pages):
        wait_ready(page)
        shown = page.locator('[data-testid="stMetricValue"]').first.inner_text()
        assert shown == f"{operating_point('sigmoid', z)['value']:.4f}", (z, shown)
        page.close()


COUNT_RUNS = """() => { window.runs = 0; const app = document.querySelector('[data-testid="stApp"]');
    new MutationObserver(() => window.runs += app.dataset.testScriptState === 'running')
        .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']}); }"""
"""Count the script runs (the app's state turning to 'running') from now on, in window.runs."""
WATCH_STEP = """(slider) => new Promise(done => { const seen = []; const t0 = performance.now();
    (function look() { if (seen.at(-1) !== +slider.value) seen.push(+slider.value);
        performance.now() - t0 < 2000 ? requestAnimationFrame(look) : done(seen); })(); })"""
"""Every value the Step slider shows over 2 s, in order (checked at each animation frame)."""


TRAIN_TAB = "init?" + urlencode({"init_section": "4 · Does it train?"}) + "&"


@pytest.mark.parametrize("path, key", [("saturate?", "sat_neuron"), ("zigzag?", "zz_path"), ("relu?", "cmp_epoch"),
                                       (TRAIN_TAB, "init_play")])
def test_a_chart_player_plays_in_the_browser_and_leaves_its_step_in_the_url(app, path, key):
    page = open_page(app, path, "desktop", f"{key}_step=5")
    player = page.locator(f".st-key-player_{key}")
    step, play = player.locator(".vega-bindings input[type=range]"), player.locator(".vega-bindings input[type=checkbox]")
    assert step.input_value() == "5", "a link opens the player on its step"
    page.wait_for_timeout(1000)  # the chart reports its opening step once
    wait_ready(page)
    page.evaluate(COUNT_RUNS)
    play.click()
    seen = step.evaluate_handle("e => e").evaluate(WATCH_STEP)
    # 2 s hold 14 frames at the slowest player's 7 a second: 8 leaves room for a busy machine's dropped frames
    assert len(seen) >= 8 and seen == sorted(seen), f"the frames advance in the browser: {seen}"
    # Streamlit sends a selection change that follows a click at once (Play's first step: one run), and any that
    # holds still 150 ms (a frame drawn that slowly on a busy machine): runs, but not one per frame
    assert page.evaluate("() => window.runs") * 5 <= len(seen), "no script run per played frame"
    play.click()
    page.wait_for_timeout(1000)
    wait_ready(page)
    stopped, last, url = int(step.input_value()), int(step.get_attribute("max")), page.evaluate("() => location.search")
    # a busy machine's click can come after the end of play, and the last frame, where a player opens, leaves no step
    # in the URL
    assert stopped > 5 and (url.endswith(f"{key}_step={stopped}") if stopped < last else "_step" not in url), url
    assert page.evaluate("() => window.runs") <= 3, "a run or two, not one per frame, puts the step in the URL"
    last = step.get_attribute("max")
    play.click()
    page.wait_for_function("s => s.value === s.max", arg=step.element_handle(), timeout=60_000)
    page.wait_for_timeout(300)
    assert not play.is_checked() and step.input_value() == last, "play stops at the last frame and unticks Play"
    play.click()
    page.wait_for_function("s => +s.value < 10", arg=step.element_handle(), timeout=10_000)  # Play at the end: from 0
    assert not page.errors and page.locator('[data-testid="stException"]').count() == 0
    page.close()


def test_a_preset_link_reproduces_the_chart_data(app):
    """Click a preset, then open the address bar's link in a fresh session: the exported chart data match."""
    url, _ = app
    page = open_page(app, "zigzag", "desktop")
    page.get_by_role("button", name=PRESET).first.click()
    wait_ready(page)
    link = page.url
    assert "?" in link
    fresh = open_page(app, link[len(url) + 1:], "desktop")
    assert csv_of_first_chart(page) == csv_of_first_chart(fresh)
    page.close()
    fresh.close()


def csv_of_first_chart(page):
    page.get_by_role("button", name="Export").first.click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Data (CSV)").first.click()
    page.keyboard.press("Escape")
    return open(info.value.path()).read()


@pytest.mark.parametrize("name", ["zigzag", "compare"])
def test_a_deep_link_is_the_first_request_of_a_fresh_server(app, name):
    """The lecturer's case: the server has just started and the first visitor opens a link to a page."""
    _, b = app  # the module's browser (Playwright's sync API allows one per thread); a server of this test's own
    with serve() as url:
        page = b.new_page(viewport={"width": 1280, "height": 720})
        page.goto(f"{url}/{PATHS[name]}")
        wait_ready(page)
        assert page.get_by_text("Page not found").count() == 0
        assert page.get_by_role("switch", name="Lecture mode").count() == 1, "app.py's sidebar is there"
        page.close()
