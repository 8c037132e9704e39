"""In a real browser: a company applies once to two schemes with shared documents, a
reviewer stops the clock with a supplement request, the company answers, the reviewer
issues the certificate and it appears on the public technology page; a second company
cannot open the application."""

import datetime as dt
import re

import pytest

from ecobridge.certification.models import Application, Case
from tests.browser.conftest import browser, login, page, screenshot  # noqa: F401
from tests.certification.conftest import PDF_BYTES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def upload(tab, kind: str, name: str) -> None:
    tab.select_option("form.upload select[name=kind]", kind)
    tab.set_input_files(
        "form.upload input[name=file]",
        files=[{"name": name, "mimeType": "application/pdf", "buffer": PDF_BYTES}],
    )
    tab.click("form.upload button[type=submit]")
    tab.wait_for_load_state()


def test_single_window_flow(page, owner, reviewer, member, technology, scheme, scheme_b):  # noqa: F811
    login(page, "owner", "pw-owner")
    page.goto("/certification/apply/")
    page.select_option("select[name=technology]", str(technology.pk))
    page.check(f"input[name=schemes][value='{scheme.pk}']")
    page.check(f"input[name=schemes][value='{scheme_b.pk}']")
    page.fill("textarea[name=claim_en]", "Locates leaks within 1 m")
    page.click("form.record-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/certification/applications/\d+/$"))
    application_url = page.url

    # Each document is uploaded once; the checklist shows which schemes it serves.
    upload(page, "technology_description", "description.pdf")
    upload(page, "performance_claim", "claim.pdf")
    row = page.locator("#checklist tr", has_text="Technology description")
    assert "KTL-PERF" in row.inner_text() and "ETV" in row.inner_text()
    assert "description.pdf" in row.inner_text()
    page.click("#submit-application")
    page.wait_for_load_state()
    assert page.locator("#cases tbody tr").count() == 2
    screenshot(page, "certification-application")
    case = Case.objects.get(
        application__reference=Application.objects.get().reference, scheme=scheme
    )

    # The reviewer accepts the case and requests a supplement: the clock stops.
    page.context.clear_cookies()
    login(page, "ktl-reviewer", "pw-ktl-reviewer")
    page.goto(f"/certification/cases/{case.pk}/")
    page.click("button[value=start_review]")
    page.wait_for_load_state()
    assert "Review" in page.locator("#status").inner_text()
    page.click("#request-supplement summary")
    page.fill("#request-supplement textarea[name=message]", "Please send the calibration records.")
    due = (dt.date.today() + dt.timedelta(days=14)).isoformat()
    page.fill("#request-supplement input[name=due_date]", due)
    page.click("#request-supplement button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#clock .clock").get_attribute("data-clock") == "paused"
    screenshot(page, "certification-case-paused")

    # The company answers: the clock runs again.
    page.context.clear_cookies()
    login(page, "owner", "pw-owner")
    page.goto(f"/certification/cases/{case.pk}/")
    assert "Please send the calibration records." in page.locator("#supplements").inner_text()
    page.fill("#answer-supplement textarea[name=answer]", "Calibration records attached.")
    page.click("#answer-supplement form:not(.upload) button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#clock .clock").get_attribute("data-clock") == "ok"

    # The reviewer completes the stages and issues the certificate (published at once).
    page.context.clear_cookies()
    login(page, "ktl-reviewer", "pw-ktl-reviewer")
    page.goto(f"/certification/cases/{case.pk}/")
    for _stage in ("testing", "decision"):
        page.click("button[value=advance]")
        page.wait_for_load_state()
    page.click("#issue-certificate summary")
    page.click("#issue-certificate button[type=submit]")
    page.wait_for_load_state()
    number = page.locator("#certificate code").inner_text()
    assert number.startswith("KTL-PERF-")

    # Anyone sees it on the public technology page, with the verified badge.
    page.context.clear_cookies()
    page.goto(f"/technologies/{technology.pk}/")
    panel = page.locator("#certificates")
    assert number in panel.inner_text()
    assert panel.locator(".badge.verified").is_visible()
    screenshot(page, "certification-technology-verified")

    # A second company cannot open the first company's application or case.
    login(page, "member", "pw-member")
    response = page.goto(application_url)
    assert response.status == 404
    assert page.goto(f"/certification/cases/{case.pk}/").status == 404
