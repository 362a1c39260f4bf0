"""Every page in headless Chromium at desktop and projector sizes: no exception box, charts drawn, no side scroll."""
import pytest

from browser import SHOTS, browser, require_chromium, serve, wait_ready

PATHS = {"home": "", "saturation": "saturate", "zigzag": "zigzag", "initialization": "init",
         "compare": "relu"}
SIZES = {"desktop": (1440, 900), "projector": (1280, 720)}


@pytest.fixture(scope="module")
def app():
    require_chromium()
    with serve() as url, browser() as b:
        yield url, b


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", PATHS)
def test_page_renders_in_chromium(app, name, size):
    url, b = app
    width, height = SIZES[size]
    page = b.new_page(viewport={"width": width, "height": height})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{url}/{PATHS[name]}")
    wait_ready(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{size}.png"), full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not errors, errors
    if name == "home":
        assert page.locator('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg').count() > 0
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{overflow}px of horizontal scroll"
    page.close()
