"""In a real browser: a programme officer records a new MOU with Kazakhstan, adds two
action items and links a project; the Kazakhstan timeline and the MOU's "what came out"
view show them in date order. An analyst can read the MOU but not change it."""

from __future__ import annotations

import re

import pytest

from ecobridge.cooperation.models import Agreement
from tests.browser.conftest import browser, login, page, screenshot  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_records_mou_and_analyst_reads(page, officer, analyst, project, countries):  # noqa: F811
    login(page, "officer", "pw-officer")
    page.goto("/cooperation/agreements/new/")
    page.fill("input[name=key]", "kr-kz-water-industry-mou-2025")
    page.select_option("select[name=kind]", "mou")
    page.fill("input[name=title_en]", "Water industry cooperation MOU")
    page.fill("input[name=title_ru]", "Меморандум о сотрудничестве в водной отрасли")
    page.select_option(
        "select[name=party_countries]", [str(countries["KR"].pk), str(countries["KZ"].pk)]
    )
    page.select_option("select[name=owner]", str(officer.pk))
    page.click("form.record-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/cooperation/agreements/\d+/$"))
    assert page.locator("#agreement-status").inner_text() == "Draft"

    # Signed on 3 September 2025, through the lifecycle form.
    page.select_option("#transition-form select[name=to_status]", "signed")
    page.fill("#transition-form input[name=on]", "2025-09-03")
    page.click("#transition-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#agreement-status").inner_text() == "Signed"

    for title, due in [
        ("Send technical specifications", "2025-10-01"),
        ("Plan pilot site visit", "2025-11-15"),
    ]:
        page.click("#add-action summary")
        page.fill("#add-action input[name=action-title_en]", title)
        page.select_option("#add-action select[name=action-owner]", str(officer.pk))
        page.fill("#add-action input[name=action-due_on]", due)
        page.click("#add-action button[type=submit]")
        page.wait_for_load_state()
    assert page.locator("#action-items tbody tr").count() == 2

    page.select_option("#link-project select[name=project]", str(project.pk))
    page.click("#link-project button[type=submit]")
    page.wait_for_load_state()
    assert "Smart water metering pilot" in page.locator("#projects").inner_text()
    agreement_url = page.url
    screenshot(page, "cooperation-agreement")

    # The Kazakhstan timeline: pilot (2022-03), MOU signed, then the two follow-ups.
    page.goto("/cooperation/timeline/countries/KZ/")
    items = page.locator("#timeline li").all_inner_texts()
    expected = [
        "Smart water metering pilot",
        "Signed: Water industry cooperation MOU",
        "Send technical specifications",
        "Plan pilot site visit",
    ]
    positions = [next(i for i, text in enumerate(items) if e in text) for e in expected]
    assert positions == sorted(positions), items
    assert "2025-09-03" in items[positions[1]] and "2022-03" in items[positions[0]]
    screenshot(page, "cooperation-timeline-kz")

    # What came out of the MOU, following the links, in the same order.
    page.goto(agreement_url)
    page.click("#outcomes-link")
    page.wait_for_load_state()
    chronology = page.locator("#chronology li").all_inner_texts()
    positions = [next(i for i, text in enumerate(chronology) if e in text) for e in expected]
    assert positions == sorted(positions), chronology
    assert "Smart water metering pilot" in page.locator("#outcome-projects").inner_text()
    assert "Plan pilot site visit" in page.locator("#outcome-follow-ups").inner_text()

    # An analyst reads everything but has no way to change it.
    page.context.clear_cookies()
    login(page, "analyst", "pw-analyst")
    page.goto(agreement_url)
    assert page.locator("h1").inner_text().startswith("Water industry cooperation MOU")
    assert page.locator("#edit-agreement").count() == 0
    assert page.locator("#transition-form").count() == 0
    assert page.locator("#add-action").count() == 0
    response = page.goto(agreement_url + "edit/")
    assert response.status == 403
    agreement = Agreement.objects.get(key="kr-kz-water-industry-mou-2025")
    assert agreement.status == "signed" and agreement.action_items.count() == 2
