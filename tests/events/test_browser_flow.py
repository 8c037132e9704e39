"""Item 11: the whole flow in a real browser.

The organiser creates an event with a B2B session, registers six participants and two
interpreters and adds tables; participants request and accept meetings; the organiser
solves the schedule; a participant switches to Korean, opens the agenda, downloads the
iCal file (parsed here) and records an outcome.
"""

from __future__ import annotations

import pytest
from icalendar import Calendar

from ecobridge.core.models import StaffRole, User
from ecobridge.events.models import Event, Meeting, MeetingRequest
from tests.browser.conftest import (  # noqa: F401
    browser,
    login,
    page,
    screenshot,
    switch_language,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VISITORS = [("kr-a", "Hanbit Water"), ("kr-b", "Soriul Tech"), ("kr-c", "Cheongryu Eng")]
HOSTS = [("kz-a", "Astana Su"), ("kz-b", "Zhetysu Su"), ("kz-c", "Aktobe Su")]


def make(username, **extra):
    user = User.objects.create_user(username=username, password="pw-" + username, **extra)
    return user


def register(page, name, role, languages, username=""):  # noqa: F811
    page.select_option("#register-form select[name=reg-role]", role)
    page.fill("#register-form input[name=reg-name]", name)
    page.fill("#register-form input[name=reg-username]", username)
    page.fill("#register-form input[name=reg-email]", f"{username or 'interp'}@example.org")
    for code in languages:
        page.check(f"#register-form input[name=reg-languages][value={code}]")
    page.click("#register-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#registrations").get_by_text(name).count() == 1, name


def test_whole_event_flow(page, live_server):  # noqa: F811
    make("organiser", staff_role=StaffRole.PROGRAMME_OFFICER)
    for username, _name in VISITORS + HOSTS:
        make(username, email=f"{username}@example.org")

    # the organiser creates the event and its B2B session
    login(page, "organiser", "pw-organiser")
    page.goto("/events/new/")
    page.fill("input[name=title_en]", "Water delegation to Astana")
    page.fill("input[name=slug]", "astana-2031")
    page.select_option("select[name=kind]", "delegation")
    page.fill("input[name=start_date]", "2031-09-01")
    page.fill("input[name=end_date]", "2031-09-05")
    page.fill("input[name=timezone]", "Asia/Almaty")
    page.fill("input[name=agreement_reference]", "MOU on water resources (2021)")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/events/astana-2031/")
    page.goto("/events/astana-2031/sessions/new/")
    page.select_option("select[name=kind]", "b2b")
    page.fill("input[name=title_en]", "Business consultations")
    page.fill("input[name=start]", "2031-09-03T14:00")
    page.fill("input[name=end]", "2031-09-03T16:00")
    page.fill("input[name=slot_minutes]", "30")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/events/astana-2031/")
    assert "Business consultations" in page.inner_text("#programme")

    # six participants and two interpreters
    page.goto("/events/astana-2031/registrations/")
    for username, name in VISITORS:
        register(page, name, "visiting_company", ["ko"], username)
    for username, name in HOSTS:
        register(page, name, "host_organisation", ["ru"], username)
    register(page, "Interpreter Kim", "interpreter", ["ko", "ru"])
    register(page, "Interpreter Pak", "interpreter", ["ko", "ru"])
    event = Event.objects.get(slug="astana-2031")
    assert event.registrations.filter(status="approved").count() == 8
    page.goto("/events/astana-2031/schedule/")
    for name in ("A", "B"):
        page.fill("#table-form input[name=t-name]", name)
        page.click("#table-form button[type=submit]")
        page.wait_for_load_state()
    assert event.tables.count() == 2

    # requests are made and accepted
    for (visitor, _v), (_host, host_name) in [
        (VISITORS[0], HOSTS[0]),
        (VISITORS[0], HOSTS[1]),
        (VISITORS[1], HOSTS[0]),
    ]:
        login(page, visitor, "pw-" + visitor)
        page.goto("/events/astana-2031/me/")
        page.select_option("#request-form select[name=r-b]", label=host_name)
        page.click("#request-form button[type=submit]")
        page.wait_for_load_state()
    for host, _name in HOSTS[:2]:
        login(page, host, "pw-" + host)
        page.goto("/events/astana-2031/me/")
        while page.locator("#received button[value=accepted]").count():
            page.locator("#received button[value=accepted]").first.click()
            page.wait_for_load_state()
    assert MeetingRequest.objects.filter(event=event, status="accepted").count() == 3

    # the organiser solves the schedule; the job page reports success
    login(page, "organiser", "pw-organiser")
    page.goto("/events/astana-2031/schedule/")
    page.fill("#solve-form input[name=s-time_limit]", "2")
    page.click("#solve-form button[type=submit]")
    page.wait_for_url("**/jobs/*/")
    page.wait_for_selector("#job[data-status=succeeded]")
    page.goto("/events/astana-2031/schedule/")
    assert page.locator("table.grid .meeting").count() == 3
    assert "Interpreter" in page.inner_text("table.grid")
    page.locator("table.grid").first.scroll_into_view_if_needed()
    screenshot(page, "events-master-grid")

    # a participant switches to Korean, opens the agenda, downloads the iCal file
    login(page, "kr-a", "pw-kr-a")
    page.goto("/events/astana-2031/me/")
    switch_language(page, "ko")
    assert page.get_attribute("html", "lang") == "ko"
    page.click("#agenda-link")
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "ko"
    assert page.locator("#agenda .meeting-link").count() == 2
    screenshot(page, "events-agenda-ko")
    with page.expect_download() as download:
        page.click("#agenda-ics")
    calendar = Calendar.from_ical(download.value.path().read_bytes())
    meetings = [v for v in calendar.walk("VEVENT") if str(v["UID"]).startswith("meeting-")]
    assert len(meetings) == 2
    assert all("Interpreter" in str(v["DESCRIPTION"]) for v in meetings)
    assert {str(v["DTSTART"].params["TZID"]) for v in meetings} == {"Asia/Almaty"}

    # and records an outcome
    page.locator("#agenda .meeting-link").first.click()
    page.wait_for_load_state()
    page.select_option("#outcome-form select[name=o-outcome]", "follow_up")
    page.fill("#outcome-form input[name=o-expected_value]", "250000")
    page.click("#outcome-form button[type=submit]")
    page.wait_for_load_state()
    held = Meeting.objects.filter(event=event, outcome="follow_up")
    assert held.count() == 1 and held.get().request.a.user.username == "kr-a"
