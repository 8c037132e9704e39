"""Item 6 (check-in, walk-ins, live view) and item 7 (outcomes, private notes,
follow-ups, KPIs and their workbook)."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from ecobridge.core.models import AuditEntry
from ecobridge.events import outputs, services
from ecobridge.events.models import FollowUpStatus, Meeting, Outcome, RequestStatus, Slot


def test_check_in_by_code_or_scanned_agenda_url(event, officer, people, client):
    reg = people["kr1"]
    services.check_in(officer, event, reg.token)
    reg.refresh_from_db()
    assert reg.checked_in_at is not None
    url = f"http://testserver/events/{event.slug}/agenda/{people['kz1'].token}/"
    assert services.check_in(officer, event, url) == people["kz1"]
    with pytest.raises(ValidationError) as err:
        services.check_in(officer, event, "not-a-code")
    assert "code" in err.value.message_dict
    with pytest.raises(PermissionDenied):
        services.check_in(people["kr2"].user, event, reg.token)
    client.force_login(officer)
    page = client.post(reverse("events:check-in", args=[event.slug]), {"code": people["kr2"].token})
    assert "kr2" in page.content.decode() or "Han River Pumps" in page.content.decode()
    assert AuditEntry.objects.filter(action="events.check_in").count() == 3


def test_check_in_page_is_for_organisers(event, client, owner, outsider):
    for user in (owner, outsider):
        client.force_login(user)
        assert client.get(reverse("events:check-in", args=[event.slug])).status_code == 403


def test_walk_in_through_the_schedule_page(event, officer, schedule, people, client):
    client.force_login(officer)
    first = Slot.objects.filter(session__event=event).order_by("start").first()
    assert first.start > datetime.datetime.now(datetime.UTC)  # event in the future
    client.post(
        reverse("events:schedule", args=[event.slug]),
        {"action": "walk_in", "w-a": people["kr2"].pk, "w-b": people["kz2"].pk},
    )
    meeting = Meeting.objects.get(request__a=people["kr2"], request__b=people["kz2"])
    assert meeting.request.origin == "walk_in"
    # the one interpreter is busy in 3 of 4 slots, so it goes in the free one
    taken = set(Meeting.objects.exclude(pk=meeting.pk).values_list("slot_id", flat=True))
    assert meeting.slot_id not in taken


def test_live_view_shows_who_is_where(event, officer, schedule, people, client):
    services.check_in(officer, event, people["kr1"].token)
    client.force_login(officer)
    html = client.get(reverse("events:live", args=[event.slug])).content.decode()
    first = Meeting.objects.filter(event=event).order_by("slot__start").first()
    assert f"{first.request.a.name} – {first.request.b.name}" in html
    assert "Aqua Sensing" in html  # arrived
    partial = client.get(reverse("events:live", args=[event.slug]), HTTP_HX_REQUEST="true")
    assert b'id="live"' in partial.content and b"<html" not in partial.content


def test_outcome_by_party_not_by_others(schedule, event, people, member):
    meeting = Meeting.objects.filter(request__a=people["kr1"]).first()
    services.record_outcome(people["kr1"].user, meeting, Outcome.MOU_PLANNED, "1500000")
    meeting.refresh_from_db()
    assert meeting.outcome == Outcome.MOU_PLANNED and meeting.expected_value == Decimal("1500000")
    with pytest.raises(PermissionDenied):
        services.record_outcome(member, meeting, Outcome.NDA)
    with pytest.raises(ValidationError) as err:
        services.record_outcome(people["kr1"].user, meeting, "great")
    assert "outcome" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        services.record_outcome(people["kr1"].user, meeting, Outcome.NDA, "lots")
    assert "expected_value" in err.value.message_dict
    assert set(Outcome.values) >= {
        "did_not_take_place",
        "no_interest",
        "follow_up",
        "nda",
        "mou_planned",
        "contract_negotiation",
    }


def test_private_notes_seen_only_by_parties_and_organisers(
    schedule, event, people, officer, client
):
    meeting = Meeting.objects.filter(request__a=people["kr1"], request__b=people["kz1"]).get()
    services.add_note(people["kr1"].user, meeting, "Price list asked: 20% below EU")
    url = reverse("events:meeting", args=[event.slug, meeting.pk])
    for user in (people["kr1"].user, people["kz1"].user, officer):
        client.force_login(user)
        assert "20% below EU" in client.get(url).content.decode()
    client.force_login(people["kr2"].user)  # another participant of the same event
    assert client.get(url).status_code == 404
    client.force_login(people["interp"].user)  # the interpreter sees the meeting, not notes
    page = client.get(url)
    assert page.status_code == 200 and "20% below EU" not in page.content.decode()
    with pytest.raises(PermissionDenied):
        services.add_note(people["kr2"].user, meeting, "x")
    # the note's text never reaches the audit log
    assert not AuditEntry.objects.filter(changes__icontains="20% below EU").exists()


def test_follow_ups_with_owner_due_date_and_link(schedule, event, people, officer, counterpart):
    meeting = Meeting.objects.filter(request__a=people["kr1"]).first()
    follow = services.add_follow_up(
        people["kr1"].user,
        event,
        meeting=meeting,
        title="Send proposal",
        due_date=datetime.date(2031, 10, 1),
        link_kind="project",
        reference="NRW pilot",
    )
    assert follow.owner == people["kr1"].user and follow.status == FollowUpStatus.OPEN
    linked = services.add_follow_up(officer, event, title="Brief ministry", target=counterpart)
    assert linked.target == counterpart
    with pytest.raises(PermissionDenied):
        services.add_follow_up(people["kr2"].user, event, meeting=meeting, title="x")
    with pytest.raises(PermissionDenied):
        services.complete_follow_up(people["kr2"].user, follow)
    services.complete_follow_up(people["kr1"].user, follow)
    assert follow.status == FollowUpStatus.DONE


def test_kpis_and_workbook(schedule, event, people, officer, client, owner):
    declined = services.request_meeting(officer, people["kr2"], people["kz2"])
    services.respond_to_request(officer, declined, RequestStatus.DECLINED)
    meetings = list(Meeting.objects.filter(event=event).order_by("id"))
    services.record_outcome(officer, meetings[0], Outcome.MOU_PLANNED, 1000)
    services.record_outcome(officer, meetings[1], Outcome.DID_NOT_TAKE_PLACE)
    services.add_follow_up(officer, event, meeting=meetings[0], title="MOU draft")
    k = outputs.kpis(event)
    assert (k["requests"], k["accepted"], k["scheduled"]) == (4, 3, 3)
    assert k["acceptance_rate"] == 0.75
    assert (k["held"], k["kept_rate"], k["mous"], k["follow_ups"]) == (1, 0.5, 1, 1)
    assert k["expected_value"] == "1000.00"
    client.force_login(officer)
    page = client.get(reverse("events:detail", args=[event.slug])).content.decode()
    assert 'data-kpi="acceptance_rate">0.75' in page
    response = client.get(reverse("events:kpi-xlsx", args=[event.slug]))
    wb = load_workbook(io.BytesIO(response.content))
    values = {row[0]: row[1] for row in wb["KPIs"].iter_rows(min_row=2, values_only=True)}
    assert values["Meeting requests"] == 4 and values["MOUs planned"] == 1
    assert wb["Meetings"].max_row == 4 and wb["Follow-ups"].max_row == 2
    client.force_login(owner)  # participants do not see the event's figures
    assert client.get(reverse("events:kpi-xlsx", args=[event.slug])).status_code == 403
    assert (
        "data-kpi" not in client.get(reverse("events:detail", args=[event.slug])).content.decode()
    )
