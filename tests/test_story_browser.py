"""Every drawback page's lecture story in Chromium at 1280 x 720, lecture mode: the Right key steps it, and each
step's takeaway and a chart are on the first screen, in type a hall can read."""
import pytest

from browser import SHOTS, browser, require_chromium, serve, wait_ready

STORIES = {"saturate": "sat_story", "zigzag": "zz_story", "init": "init_story", "relu": "cmp_story"}
CHART = '[data-testid="stVegaLiteChart"]'
ON_SCREEN = """([takeaway, chart]) => {
    const box = e => e && e.getBoundingClientRect(), h = window.innerHeight;
    const t = box(document.querySelector(takeaway));
    const c = [...document.querySelectorAll(chart)].map(box).filter(b => b.height > 0)[0];
    return {takeaway: !!t && t.top >= 0 && t.bottom <= h,
            chart: !!c && c.top < h && (Math.min(c.bottom, h) - Math.max(c.top, 0)) >= 0.6 * c.height};
}"""
SMALLEST = """() => Math.min(...[...document.querySelectorAll(
    "[data-testid=stWidgetLabel] p, [data-testid=stMetricLabel] p, [data-testid=stCaptionContainer], .stButton button p, .vega-bind span")]
    .filter(e => e.offsetParent && e.textContent.trim()).map(e => parseFloat(getComputedStyle(e).fontSize)))"""


@pytest.fixture(scope="module")
def app():
    require_chromium()
    with serve() as url, browser() as b:
        yield url, b


def _step(page, key):
    return page.evaluate(f"() => new URLSearchParams(location.search).get('{key}')")


@pytest.mark.parametrize("path", STORIES)
def test_the_story_steps_by_keyboard_with_each_takeaway_and_a_chart_on_the_first_screen(app, path):
    url, b = app
    key = STORIES[path]
    page = b.new_page(viewport={"width": 1280, "height": 720})
    page.set_default_timeout(90_000)
    page.goto(f"{url}/{path}?lecture=true&{key}=1")
    wait_ready(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    step, seen = 1, []
    while True:
        seen.append(step)
        page.screenshot(path=str(SHOTS / f"story-{path}-{step}.png"))
        where = page.evaluate(ON_SCREEN, [f".st-key-takeaway_{key}", CHART])
        assert where == {"takeaway": True, "chart": True}, (path, step, where)
        assert page.evaluate(SMALLEST) >= 18, (path, step, "text under 18 px in lecture mode")
        if page.locator(f".st-key-{key}_next button").is_disabled():
            break
        page.mouse.click(5, 700)  # focus the page, not a widget
        page.keyboard.press("ArrowRight")
        page.wait_for_function(f"() => new URLSearchParams(location.search).get('{key}') === '{step + 1}'")
        wait_ready(page)
        step += 1
    assert 3 <= len(seen) <= 6, f"{path}: {len(seen)} steps"
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('{key}') === '{step - 1}'")
    page.close()
