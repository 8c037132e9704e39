"""Item 8: the REST API with the participant / organiser / outsider rules."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from ecobridge.events import services
from ecobridge.events.models import Meeting, MeetingStatus


@pytest.fixture
def api():
    return APIClient()


def ids(response) -> set[int]:
    return {item["id"] for item in response.json()["results"]}


def test_outsider_sees_public_agenda_only(api, event, schedule, officer, b2b_session):
    private = services.clone_event(officer, event, slug="closed", start_date=event.start_date)
    services.update_event(officer, private, {"is_public": False})
    listing = api.get("/api/v1/events/").json()["results"]
    assert [e["slug"] for e in listing] == [event.slug]
    assert listing[0]["sessions"][0]["kind"] == "b2b"
    assert api.get("/api/v1/events/closed/").status_code == 404
    assert api.get(f"/api/v1/events/{event.slug}/kpis/").status_code in (401, 403)
    assert api.get(f"/api/v1/events/{event.slug}/schedule/").status_code in (401, 403)
    for path in ("event-meetings", "event-registrations", "event-requests", "event-follow-ups"):
        assert api.get(f"/api/v1/{path}/").json()["count"] == 0


def test_participant_sees_only_own_meetings_and_notes(api, event, schedule, people):
    kr2 = people["kr2"]
    api.force_authenticate(kr2.user)
    mine = Meeting.objects.filter(request__a=kr2)
    assert ids(api.get("/api/v1/event-meetings/")) == set(mine.values_list("pk", flat=True))
    other = Meeting.objects.exclude(request__a=kr2).exclude(request__b=kr2).first()
    assert api.get(f"/api/v1/event-meetings/{other.pk}/").status_code == 404
    assert api.get(f"/api/v1/event-meetings/{other.pk}/notes/").status_code == 404
    posted = api.post(
        f"/api/v1/event-meetings/{mine[0].pk}/notes/", {"text": "Follow up"}, format="json"
    )
    assert posted.status_code == 200 and posted.json()[0]["text"] == "Follow up"
    assert api.get(f"/api/v1/events/{event.slug}/kpis/").status_code == 403
    # and the interpreter of that meeting sees it, but not its notes
    api.force_authenticate(people["interp"].user)
    assert api.get(f"/api/v1/event-meetings/{mine[0].pk}/").status_code == 200
    assert api.get(f"/api/v1/event-meetings/{mine[0].pk}/notes/").status_code == 403


def test_organiser_sees_the_event(api, event, schedule, officer):
    api.force_authenticate(officer)
    assert api.get("/api/v1/event-meetings/").json()["count"] == 3
    kpis = api.get(f"/api/v1/events/{event.slug}/kpis/").json()
    assert kpis["scheduled"] == 3
    sched = api.get(f"/api/v1/events/{event.slug}/schedule/").json()
    assert sched["valid"] and len(sched["meetings"]) == 3
    inst = api.get(f"/api/v1/events/{event.slug}/b2b-instance/").json()
    assert inst["format"] == "ecobridge-b2b/1"


def test_requests_and_answers_through_the_api(api, event, people, owner, counterpart_member):
    api.force_authenticate(owner)
    created = api.post(
        "/api/v1/event-requests/",
        {
            "a": people["kr1"].pk,
            "b": people["kz1"].pk,
            "priority": 3,
            "message": "hi",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    rid = created.json()["id"]
    bad = api.post(
        "/api/v1/event-requests/", {"a": people["kr1"].pk, "b": people["kz1"].pk}, format="json"
    )
    assert bad.status_code == 400 and "b" in bad.json()
    assert (
        api.post(
            f"/api/v1/event-requests/{rid}/respond/", {"status": "accepted"}, format="json"
        ).status_code
        == 403
    )
    api.force_authenticate(counterpart_member)
    answered = api.post(
        f"/api/v1/event-requests/{rid}/respond/", {"status": "accepted"}, format="json"
    )
    assert answered.json()["status"] == "accepted"


def test_meeting_actions_and_outcomes_through_the_api(api, event, schedule, officer, people):
    meeting = Meeting.objects.filter(request__a=people["kr1"]).first()
    api.force_authenticate(people["kr1"].user)
    assert (
        api.post(f"/api/v1/event-meetings/{meeting.pk}/lock/", {}, format="json").status_code == 403
    )
    done = api.post(
        f"/api/v1/event-meetings/{meeting.pk}/outcome/",
        {"outcome": "nda", "expected_value": "5000"},
        format="json",
    )
    assert done.json()["outcome"] == "nda"
    follow = api.post(
        "/api/v1/event-follow-ups/",
        {
            "event": event.pk,
            "meeting": meeting.pk,
            "title": "Send NDA",
            "due_date": "2031-10-01",
        },
        format="json",
    )
    assert follow.status_code == 201, follow.json()
    api.force_authenticate(officer)
    cancelled = api.post(
        f"/api/v1/event-meetings/{meeting.pk}/cancel/", {"reason": ""}, format="json"
    )
    assert cancelled.status_code == 400 and "reason" in cancelled.json()
    cancelled = api.post(
        f"/api/v1/event-meetings/{meeting.pk}/cancel/", {"reason": "ill"}, format="json"
    )
    assert cancelled.json()["status"] == MeetingStatus.CANCELLED


def test_registration_through_the_api(api, event, officer, outsider, b2b_session):
    api.force_authenticate(outsider)
    made = api.post(
        "/api/v1/event-registrations/",
        {
            "event": event.pk,
            "role": "visiting_company",
            "name": "Me",
            "languages": ["ko"],
            "b2b_sessions": [b2b_session.pk],
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
    assert made.json()["status"] == "pending"
    assert (
        api.post(
            f"/api/v1/event-registrations/{made.json()['id']}/approve/", format="json"
        ).status_code
        == 403
    )
    api.force_authenticate(officer)
    approved = api.post(
        f"/api/v1/event-registrations/{made.json()['id']}/approve/",
        {"approve": True},
        format="json",
    )
    assert approved.json()["status"] == "approved"


def test_solve_through_the_api(
    api, event, accepted, tables, officer, django_capture_on_commit_callbacks
):
    api.force_authenticate(officer)
    bad = api.post(f"/api/v1/events/{event.slug}/schedule/", {"time_limit": "soon"}, format="json")
    assert bad.status_code == 400 and "time_limit" in bad.json()
    too_long = api.post(
        f"/api/v1/events/{event.slug}/schedule/", {"time_limit": 9999}, format="json"
    )
    assert too_long.status_code == 400 and "time_limit" in too_long.json()
    with django_capture_on_commit_callbacks(execute=True):
        started = api.post(
            f"/api/v1/events/{event.slug}/schedule/", {"time_limit": 2}, format="json"
        )
    assert started.status_code == 202
    assert api.get(f"/api/v1/jobs/{started.json()['job']}/").json()["status"] == "succeeded"
    assert Meeting.objects.filter(event=event).count() == 3


def test_participants_see_each_other_without_contact_details(api, event, people, officer):
    api.force_authenticate(people["kr1"].user)
    listing = {r["id"]: r for r in api.get("/api/v1/event-registrations/").json()["results"]}
    assert people["kz1"].pk in listing  # whom they can meet
    assert "email" not in listing[people["kz1"].pk]
    assert listing[people["kr1"].pk]["email"] == "owner@example.org"  # their own
    api.force_authenticate(officer)
    listing = {r["id"]: r for r in api.get("/api/v1/event-registrations/").json()["results"]}
    assert listing[people["kz1"].pk]["email"] == "cpmember@example.org"
