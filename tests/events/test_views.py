"""Web pages: each page with the organiser / participant / outsider personas."""

from __future__ import annotations

from django.urls import reverse

from ecobridge.core.models import Job
from ecobridge.events import services
from ecobridge.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    Registration,
    RequestMode,
    SessionKind,
)


def url(name, event, *args):
    return reverse(f"events:{name}", args=[event.slug, *args])


def test_public_agenda_for_outsiders_private_event_hidden(client, event, b2b_session, officer):
    assert event.title["en"] in client.get(reverse("events:list")).content.decode()
    page = client.get(url("detail", event)).content.decode()
    assert "Business consultations" in page and "data-kpi" not in page
    services.update_event(officer, event, {"is_public": False})
    assert client.get(url("detail", event)).status_code == 404
    assert event.title["en"] not in client.get(reverse("events:list")).content.decode()


def test_create_event_page(client, officer, owner):
    data = {
        "title_en": "Forum",
        "slug": "forum-31",
        "kind": "forum",
        "start_date": "2031-05-01",
        "end_date": "2031-05-02",
        "timezone": "Asia/Seoul",
        "request_mode": "participants",
        "default_meeting_cap": 6,
        "is_public": "on",
        "project_reference": "Smart water pilot",
    }
    client.force_login(owner)
    assert client.post(reverse("events:create"), data).status_code == 403
    client.force_login(officer)
    bad = client.post(reverse("events:create"), {**data, "timezone": "Nowhere/Here"})
    assert bad.status_code == 200 and "Unknown time zone" in bad.content.decode()
    response = client.post(reverse("events:create"), data)
    event = Event.objects.get(slug="forum-31")
    assert response.url == event.get_absolute_url()
    assert event.links.get().reference == "Smart water pilot"


def test_session_page_makes_slots(client, event, officer, owner):
    data = {
        "kind": "b2b",
        "title_en": "B2B",
        "start": "2031-09-04T10:00",
        "end": "2031-09-04T11:00",
        "slot_minutes": 20,
    }
    client.force_login(owner)
    assert client.post(url("session-create", event), data).status_code == 403
    client.force_login(officer)
    client.post(url("session-create", event), data)
    session = event.sessions.get(kind=SessionKind.B2B)
    assert session.slots.count() == 3
    assert str(session.start.astimezone(services.event_zone(event)).time()) == "10:00:00"


def test_clone_page(client, event, officer, b2b_session):
    client.force_login(officer)
    client.post(url("clone", event), {"slug": "kz-2032", "start_date": "2032-09-01"})
    assert Event.objects.get(slug="kz-2032").sessions.count() == 1


def test_registrations_page_personas(client, event, officer, owner, outsider, people):
    for user in (owner, outsider):
        client.force_login(user)
        assert client.get(url("registrations", event)).status_code == 403
    client.force_login(officer)
    page = client.get(url("registrations", event)).content.decode()
    assert "Interpreter Kim" in page
    client.post(
        url("registrations", event),
        {
            "action": "register",
            "reg-role": "speaker",
            "reg-name": "Dr Lee",
            "reg-language": "ko",
            "reg-languages": ["ko", "en"],
        },
    )
    assert Registration.objects.get(name="Dr Lee").languages == ["ko", "en"]
    client.post(
        url("registrations", event),
        {
            "action": "invite",
            "inv-role": "host_organisation",
            "inv-name": "Aigerim",
            "inv-email": "a@example.kz",
            "inv-language": "ru",
        },
    )
    assert Registration.objects.get(email="a@example.kz").status == "invited"


def test_self_registration_and_approval_pages(client, event, officer, outsider, b2b_session):
    client.force_login(outsider)
    assert client.get(url("my", event)).url == url("register", event)
    client.post(
        url("register", event),
        {
            "role": "visiting_company",
            "languages": ["ko"],
            "b2b_sessions": [b2b_session.pk],
            "meeting_cap": 4,
            "offer": "Leak loggers",
        },
    )
    reg = Registration.objects.get(user=outsider)
    assert reg.status == "pending"
    assert (reg.meeting_cap, reg.offer, list(reg.b2b_sessions.all())) == (
        4,
        "Leak loggers",
        [b2b_session],
    )
    client.force_login(officer)
    client.post(url("registrations", event), {"action": "approve", "reg": reg.pk})
    assert Registration.objects.get(pk=reg.pk).status == "approved"


def test_my_page_request_and_answer(client, event, people, owner, counterpart_member):
    client.force_login(owner)
    client.post(
        url("my", event),
        {
            "action": "request",
            "r-b": people["kz1"].pk,
            "r-priority": 3,
            "r-message": "Leak loggers",
        },
    )
    req = MeetingRequest.objects.get(a=people["kr1"], b=people["kz1"])
    assert req.priority == 3
    client.force_login(counterpart_member)
    page = client.get(url("my", event)).content.decode()
    assert "Leak loggers" in page
    client.post(url("my", event), {"action": "no_thanks", "req": req.pk})
    assert MeetingRequest.objects.get(pk=req.pk).status == "no_thanks"
    client.post(
        url("my", event),
        {
            "action": "profile",
            "p-offer": "New offer",
            "p-languages": ["ru", "en"],
            "p-meeting_cap": 3,
        },
    )
    assert Registration.objects.get(pk=people["kz1"].pk).meeting_cap == 3


def test_brokered_suggestions_page(client, event, officer, people, sectors, settings):
    settings.EVENTS_USE_MATCHING = False
    services.update_event(officer, event, {"request_mode": RequestMode.BROKERED})
    people["kr1"].sectors.set([sectors["14021"]])
    people["kz1"].sectors.set([sectors["14021"]])
    client.force_login(officer)
    page = client.get(url("requests", event) + "?suggest=1").content.decode()
    assert "Shared sectors" in page
    client.post(
        url("requests", event),
        {"action": "bulk", "pair": [f"{people['kr1'].pk}-{people['kz1'].pk}"]},
    )
    assert MeetingRequest.objects.filter(
        a=people["kr1"], b=people["kz1"], origin="organiser"
    ).exists()


def test_schedule_page_solve_and_move(
    client, event, officer, owner, accepted, tables, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    assert client.get(url("schedule", event)).status_code == 403
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("schedule", event), {"action": "solve", "s-time_limit": 2})
    job = Job.objects.get()
    assert response.url == reverse("portal:job-detail", args=[job.pk])
    assert Job.objects.get().status == "succeeded"
    page = client.get(url("schedule", event)).content.decode()
    assert page.count('class="meeting') == 3
    first, second = Meeting.objects.all()[:2]
    moved = client.post(
        url("schedule", event),
        {
            "action": "move",
            "meeting": first.pk,
            "m-slot": second.slot_id,
            "m-table": second.table_id,
        },
        follow=True,
    )
    assert "already" in moved.content.decode()  # refused, with the reason shown
    assert Meeting.objects.get(pk=first.pk).slot_id == first.slot_id
    client.post(url("schedule", event), {"action": "lock", "meeting": first.pk})
    assert Meeting.objects.get(pk=first.pk).locked


def test_meeting_page_outcome_form(client, event, schedule, people):
    meeting = Meeting.objects.filter(request__a=people["kr1"]).first()
    client.force_login(people["kr1"].user)
    client.post(
        url("meeting", event, meeting.pk),
        {"action": "outcome", "o-outcome": "nda", "o-expected_value": "100"},
    )
    assert Meeting.objects.get(pk=meeting.pk).outcome == "nda"
    client.post(
        url("meeting", event, meeting.pk), {"action": "follow_up", "f-title": "Send NDA draft"}
    )
    assert meeting.follow_ups.get().title == "Send NDA draft"


def test_registration_form_per_role(client, event, outsider, b2b_session):
    client.force_login(outsider)
    company = client.get(url("register", event) + "?role=visiting_company").content.decode()
    assert 'name="meeting_cap"' in company and 'name="offer"' in company
    interpreter = client.get(url("register", event) + "?role=interpreter").content.decode()
    assert 'name="b2b_sessions"' in interpreter and 'name="languages"' in interpreter
    assert 'name="meeting_cap"' not in interpreter and 'name="offer"' not in interpreter
    speaker = client.get(url("register", event) + "?role=speaker").content.decode()
    assert 'name="b2b_sessions"' not in speaker
    assert client.get(url("register", event) + "?role=staff").status_code == 404
    client.post(url("register", event), {"role": "interpreter", "languages": ["ko", "ru"]})
    assert Registration.objects.get(user=outsider).role == "interpreter"


def test_institutional_meeting_page_with_delegation(client, event, officer, people, counterpart):
    client.force_login(officer)
    client.post(
        url("session-create", event),
        {
            "kind": "institutional",
            "title_en": "Meeting at the ministry",
            "start": "2031-09-03T11:00",
            "end": "2031-09-03T12:00",
            "host_organisation": counterpart.pk,
            "attendees": [people["kr1"].pk, people["kr2"].pk],
        },
    )
    session = event.sessions.get(kind="institutional")
    assert set(session.attendees.all()) == {people["kr1"], people["kr2"]}
    # it is on the agendas of the delegation members, not on others'
    from ecobridge.events import outputs

    assert any(i.title == "Meeting at the ministry" for i in outputs.agenda(people["kr1"]))
    assert not any(i.title == "Meeting at the ministry" for i in outputs.agenda(people["kz1"]))


def test_schedule_page_warns_when_a_profile_change_breaks_the_schedule(
    client, event, officer, schedule, people
):
    client.force_login(officer)
    assert 'id="schedule-problems"' not in client.get(url("schedule", event)).content.decode()
    services.update_registration(officer, people["interp"], {"languages": ["ko", "en"]})
    page = client.get(url("schedule", event)).content.decode()
    problems = page.split('id="schedule-problems"')[1].split("</div>")[0]
    assert "Interpreter Kim" in problems and f"P{people['interp'].pk}" not in problems


def test_slots_are_labelled_in_the_event_time_zone(client, event, officer, b2b_session, schedule):
    client.force_login(officer)
    page = client.get(url("schedule", event)).content.decode()
    assert "2031-09-03 14:00" in page  # Almaty time, not UTC (09:00)
    assert "2031-09-03 09:00" not in page
