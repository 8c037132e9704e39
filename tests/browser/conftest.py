"""Real-browser tests: Playwright driving Debian's Chromium against the live server.

Chromium comes from Debian (`apt-get install -y chromium`); Playwright's own browser
download is not used. Without /usr/bin/chromium these tests are skipped with a message,
unless ECOBRIDGE_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("ECOBRIDGE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    if os.environ.get("ECOBRIDGE_REQUIRE_BROWSER") == "1":
        return  # the browser fixture fails loudly instead
    skip = pytest.mark.skip(
        reason=f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium` to run browser tests"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def browser():
    # One Playwright session per test: a session-wide one would keep an event loop
    # running and stop other tests from starting Playwright themselves.
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is required here but missing at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test itself still
    # uses the ORM, which Django refuses inside a running loop unless told otherwise.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def login(page, username: str, password: str, language: str | None = "en") -> None:
    """Sign in. The interface stays in ``language`` (the tests read English labels)
    unless a test switches it; ``language=None`` keeps the user's saved language."""
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    if language:
        page.context.add_cookies([{"name": "django_language", "value": language, "url": page.url}])


def switch_language(page, code: str) -> None:
    """Use the header's language switcher and wait for the page to come back."""
    with page.expect_navigation():
        page.select_option("header form.lang select", code)
    page.wait_for_load_state()


def screenshot(page, name: str) -> None:
    """Take a screenshot for the user guide.

    With ECOBRIDGE_SCREENSHOTS=1 (`make screenshots`) it replaces docs/screenshots/NAME.png;
    otherwise it goes to a scratch folder, so a test run leaves the checkout unchanged.
    """
    if os.environ.get("ECOBRIDGE_SCREENSHOTS") == "1":
        folder = SCREENSHOTS
    else:
        import tempfile

        folder = Path(tempfile.gettempdir()) / "ecobridge-screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=False)
