"""Item 5: agenda page, PDF with Hangul/Cyrillic/Latin, iCal, interpreter briefing,
master grid, table signs, QR code."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from icalendar import Calendar

from ecobridge.events import outputs
from ecobridge.events.models import Meeting


@pytest.fixture
def korean_names(people):
    people["kr1"].name = "아쿠아센싱"
    people["kr1"].save()
    people["kz1"].name = "Водоканал Алматы"
    people["kz1"].save()
    return people


def test_ical_has_one_vevent_per_meeting_with_details(schedule, people):
    reg = people["kr1"]
    cal = Calendar.from_ical(outputs.ical(reg))
    vevents = [c for c in cal.walk("VEVENT") if str(c["UID"]).startswith("meeting-")]
    meetings = Meeting.objects.filter(request__a=reg, status="scheduled")
    assert len(vevents) == meetings.count() == 2
    with translation.override(reg.user.language):  # the calendar is in its owner's language
        interpreter = gettext("Interpreter: %(who)s") % {"who": "Interpreter Kim"}
        table = gettext("Table: %(table)s").split("%(table)s")[0]
        counterpart = gettext("Counterpart: %(who)s").split("%(who)s")[0]
    for v in vevents:
        text = str(v["DESCRIPTION"])
        assert table in text and interpreter in text
        assert counterpart in text
        assert v["DTSTART"].dt.tzinfo is not None
        assert v["DTSTART"].params.get("TZID") == "Asia/Almaty"
    assert any(c.name == "VTIMEZONE" for c in cal.walk())


def test_interpreter_agenda_has_briefing_with_both_profiles(schedule, people, client):
    interp = people["interp"]
    people["kr1"].offer = "Acoustic leak loggers"
    people["kr1"].save()
    people["kz1"].looking_for = "Reduce water losses"
    people["kz1"].save()
    client.force_login(interp.user)
    page = client.get(reverse("events:agenda", args=[interp.event.slug, interp.token]))
    assert page.status_code == 200
    html = page.content.decode()
    with translation.override(interp.user.language):
        briefing = gettext("Briefing")
    assert briefing in html and "Acoustic leak loggers" in html
    assert "Reduce water losses" in html
    assert html.count(briefing) == 3  # one per interpreted meeting


def test_agenda_page_shows_qr_and_links(schedule, people, client):
    reg = people["kr1"]
    client.force_login(reg.user)
    html = client.get(reverse("events:agenda", args=[reg.event.slug, reg.token])).content.decode()
    assert 'src="data:image/svg+xml' in html and reg.token in html
    assert reverse("events:agenda-ics", args=[reg.event.slug, reg.token]) in html
    svg = client.get(reverse("events:agenda-qr", args=[reg.event.slug, reg.token]))
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content


def test_agenda_is_private(schedule, people, client, member, outsider):
    reg = people["kr1"]
    for user in (member, outsider):
        client.force_login(user)
        assert (
            client.get(reverse("events:agenda", args=[reg.event.slug, reg.token])).status_code
            == 404
        )
        assert (
            client.get(reverse("events:agenda-ics", args=[reg.event.slug, reg.token])).status_code
            == 404
        )


def test_agenda_pdf_renders_hangul_cyrillic_and_latin(schedule, korean_names, client):
    from pypdf import PdfReader

    reg = korean_names["kr1"]
    client.force_login(reg.user)
    response = client.get(reverse("events:agenda-pdf", args=[reg.event.slug, reg.token]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "아쿠아센싱" in text
    assert "Водоканал Алматы" in text
    assert "Korea–Kazakhstan" in text or "Korea" in text
    fonts = {
        str(f["/BaseFont"]) for page in reader.pages for f in page["/Resources"]["/Font"].values()
    }
    # the shipped fonts, not whatever the machine has: Hangul from NanumGothic
    assert any("EcoHangul" in f or "Nanum" in f for f in fonts), fonts
    assert any("EcoSans" in f or "DejaVu" in f for f in fonts), fonts


def test_master_grid_and_table_signs(schedule, event, client, officer, owner):
    client.force_login(officer)
    grid = client.get(reverse("events:grid-print", args=[event.slug])).content.decode()
    assert grid.count("Interpreter Kim") == 3
    assert "ko ↔ ru" in grid  # the languages of each meeting are visible in the grid
    signs = client.get(reverse("events:table-signs", args=[event.slug]))
    assert signs["Content-Type"] == "application/pdf"
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(signs.content)).pages) == 2
    client.force_login(owner)
    assert client.get(reverse("events:grid-print", args=[event.slug])).status_code == 403


def test_agendas_sent_in_each_language_with_ical(
    schedule, event, officer, people, client, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/events/{event.slug}/schedule/", {"action": "send_agendas"})
    by_to = {m.to[0]: m for m in mail.outbox}
    assert set(by_to) == {
        "owner@example.org",
        "kr2@example.org",
        "cpmember@example.org",
        "kz2@example.org",
        "interp@example.org",
    }
    korean = by_to["kr2@example.org"]
    assert "한-카 물산업 사절단" in korean.subject
    name, content, mime = korean.attachments[0]
    assert mime == "text/calendar"
    vevents = [
        c
        for c in Calendar.from_ical(content).walk("VEVENT")
        if str(c["UID"]).startswith("meeting-")
    ]
    assert len(vevents) == Meeting.objects.filter(request__a=people["kr2"]).count()
    assert "Делегация" in by_to["interp@example.org"].subject
    assert people["interp"].token in by_to["interp@example.org"].body
    client.force_login(people["kr1"].user)
    assert (
        client.post(f"/events/{event.slug}/schedule/", {"action": "send_agendas"}).status_code
        == 403
    )
