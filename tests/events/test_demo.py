"""The demo delegation loads completely, with a valid solved schedule, and only once."""

from __future__ import annotations

import pytest

from ecobridge.core.actors import SYSTEM
from ecobridge.core.models import AuditEntry
from ecobridge.directory import demo as directory_demo
from ecobridge.events import b2b, demo
from ecobridge.events.models import Event, Meeting, Role, SessionKind


@pytest.mark.django_db
def test_demo_delegation_is_complete_and_idempotent():
    directory_demo.load(SYSTEM)
    result = demo.load(SYSTEM)
    assert result["event"] == "created"
    event = Event.objects.get(slug=demo.SLUG)
    assert (event.start_date.day, event.end_date.day, event.start_date.month) == (1, 5, 9)
    kinds = set(event.sessions.values_list("kind", flat=True))
    assert {SessionKind.SEMINAR, SessionKind.INSTITUTIONAL, SessionKind.B2B} <= kinds
    seminar = event.sessions.get(kind=SessionKind.SEMINAR)
    assert seminar.start.astimezone(demo.ZONE).day == 3
    institutional = event.sessions.filter(kind=SessionKind.INSTITUTIONAL).first()
    assert institutional.host_organisation.identifier == "KZ-GOV-MWRI"
    assert institutional.attendees.count() > 1  # a 1:n group meeting with the delegation
    interpreters = event.registrations.filter(role=Role.INTERPRETER)
    assert interpreters.count() == 2
    assert all({"ko", "ru"} <= set(i.languages) for i in interpreters)
    scheduled = Meeting.objects.filter(event=event, status="scheduled")
    assert scheduled.count() >= 8
    assert scheduled.exclude(interpreter=None).exists()
    assert scheduled.exclude(outcome="").count() == 3
    assert event.follow_ups.count() == 2
    # the product's schedule passes the engine's independent validator
    assert b2b.validate_current(event).valid
    # the demo logins take part: the company and the counterpart have a meeting
    assert scheduled.filter(request__a__user__username="company").exists()
    # second run: nothing written, nothing re-solved
    entries = AuditEntry.objects.count()
    assert demo.load(SYSTEM) == {"event": "unchanged"}
    assert AuditEntry.objects.count() == entries
