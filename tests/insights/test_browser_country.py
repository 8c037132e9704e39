"""Item 7: in a real browser, open Kazakhstan in Russian, see the indicators with their
sources, switch the map indicator, download the PDF brief (checked for "Казахстан").

Playwright drives Debian's Chromium against the live server; every request that leaves
the live server is blocked and recorded, so charts and maps are proven to work offline.
Skipped without /usr/bin/chromium unless ECOBRIDGE_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = Path(os.environ.get("ECOBRIDGE_CHROMIUM", "/usr/bin/chromium"))

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and os.environ.get("ECOBRIDGE_REQUIRE_BROWSER") != "1",
        reason=f"Chromium not found at {CHROMIUM}",
    ),
]


@pytest.fixture
def live_data(transactional_db):
    from ecobridge.core.models import StaffRole, User
    from ecobridge.insights.importing import import_indicators
    from tests.insights.conftest import make_countries

    make_countries()
    import_indicators()
    User.objects.create_user(
        username="officer", password="pw-officer", staff_role=StaffRole.PROGRAMME_OFFICER
    )


@pytest.fixture
def page(live_server, live_data, monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; allow the ORM beside it
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(
            base_url=live_server.url,
            locale="en-GB",
            viewport={"width": 1280, "height": 900},
            accept_downloads=True,
        )
        outside = []
        host = urlparse(live_server.url).netloc

        def guard(route):
            if urlparse(route.request.url).netloc == host:
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.outside_requests = outside
        yield page
        context.close()
        browser.close()


def test_kazakhstan_in_russian_map_switch_and_pdf_brief(page, tmp_path):
    from pypdf import PdfReader

    page.goto("/accounts/login/")
    page.fill("input[name=username]", "officer")
    page.fill("input[name=password]", "pw-officer")
    page.click("main button[type=submit]")
    page.wait_for_load_state()

    page.goto("/countries/KZ/")
    with page.expect_navigation():
        page.select_option("header form.lang select", "ru")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ru"
    assert "Казахстан" in page.locator("h1").inner_text()

    # indicators with value, year and source
    row = page.locator('tr[data-indicator="dependency_ratio"]')
    assert "Коэффициент зависимости" in row.inner_text()
    assert "40.64 %" in row.locator("td.value").inner_text()
    assert row.locator("td.year").inner_text() == "2018"
    assert row.locator("td.source").inner_text() == "FAO AQUASTAT"
    assert (
        "UN SDG Global Database"
        in page.locator('tr[data-indicator="safely_managed_water"] td.source').inner_text()
    )

    # charts drawn by the vendored ECharts
    page.wait_for_selector("#trend-charts[data-charts] canvas", state="attached")
    page.wait_for_selector("#peer-chart[data-ready] canvas", state="attached")

    # the choropleth draws, then switches indicator
    world = page.locator("#world-map")
    page.wait_for_selector('#world-map[data-indicator="dependency_ratio"] canvas', state="attached")
    assert int(world.get_attribute("data-count")) >= 5
    page.select_option("#map-indicator", "water_stress")
    page.wait_for_selector('#world-map[data-indicator="water_stress"]', state="attached")
    assert "Водный стресс" in page.locator("#map-source").inner_text()
    page.wait_for_selector("#cooperation-map[data-count] canvas", state="attached")

    # the PDF brief, generated as a job, downloaded and read
    page.select_option("form.brief-form select", "ru")
    with page.expect_navigation():
        page.click("form.brief-form button")
    page.wait_for_selector("#brief-download")
    with page.expect_download() as download_info:
        page.click("#brief-download")
    path = tmp_path / "brief.pdf"
    download_info.value.save_as(path)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    assert "Казахстан" in text
    assert "Справка по стране" in text

    assert page.outside_requests == []  # nothing fetched from outside: works offline
