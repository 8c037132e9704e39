"""Item 1 (events, sessions, clone) and item 2 (registration, invitations, approval)."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from ecobridge.core.models import AuditEntry
from ecobridge.events import services
from ecobridge.events.models import (
    Event,
    EventKind,
    Registration,
    RegistrationStatus,
    Role,
    SessionKind,
)

from .conftest import at


def test_event_kinds_cover_the_issue():
    assert set(EventKind.values) == {
        "delegation",
        "seminar",
        "forum",
        "business_conference",
        "ministerial_meeting",
        "training",
        "online_business_meeting",
    }


def test_create_event_is_audited_and_names_bad_fields(officer, event):
    assert event.organisers.filter(pk=officer.pk).exists()
    assert AuditEntry.objects.filter(action="events.create_event", object_id=str(event.pk))
    with pytest.raises(ValidationError) as err:
        services.create_event(
            officer,
            {
                "slug": "bad",
                "title": {"en": "X"},
                "kind": "delegation",
                "start_date": datetime.date(2031, 9, 5),
                "end_date": datetime.date(2031, 9, 1),
                "timezone": "Mars/Olympus",
            },
        )
    assert {"timezone", "end_date"} <= set(err.value.message_dict)
    assert not Event.objects.filter(slug="bad").exists()


def test_only_staff_create_events(owner, outsider):
    for user in (owner, outsider):
        with pytest.raises(PermissionDenied):
            services.create_event(
                user,
                {
                    "slug": "x",
                    "title": {"en": "x"},
                    "kind": "forum",
                    "start_date": datetime.date(2031, 1, 1),
                    "end_date": datetime.date(2031, 1, 1),
                },
            )


def test_institutional_meeting_is_a_group_meeting_with_the_delegation(
    event, officer, people, counterpart
):
    session = services.add_session(
        officer,
        event,
        {
            "kind": SessionKind.INSTITUTIONAL,
            "title": {"en": "Ministry meeting"},
            "start": at(3, 11),
            "end": at(3, 12),
            "host_organisation": counterpart,
            "attendees": [people["kr1"], people["kr2"]],
        },
    )
    assert session.attendees.count() == 2 and session.host_organisation == counterpart
    with pytest.raises(ValidationError) as err:
        services.add_session(
            officer,
            event,
            {"kind": "talk", "title": {"en": "t"}, "start": at(3, 12), "end": at(3, 11)},
        )
    assert "end" in err.value.message_dict


def test_link_to_agreement_by_reference_or_record(event, officer, counterpart):
    link = services.link_event(officer, event, kind="agreement", reference="MOU 2021")
    assert str(link) == "MOU 2021"
    record_link = services.link_event(officer, event, kind="other", target=counterpart)
    assert record_link.target == counterpart


def test_clone_event_as_template(event, officer, b2b_session, tables, people):
    services.link_event(officer, event, kind="project", reference="NRW pilot")
    clone = services.clone_event(
        officer, event, slug="kz-2032", start_date=datetime.date(2032, 9, 6)
    )
    assert clone.cloned_from == event
    assert clone.end_date == datetime.date(2032, 9, 10)
    copied = clone.sessions.get(kind=SessionKind.B2B)
    assert copied.start - b2b_session.start == datetime.timedelta(days=clone_delta(event, clone))
    assert copied.slots.count() == b2b_session.slots.count() == 4
    assert list(clone.tables.values_list("name", flat=True)) == ["A", "B"]
    assert clone.links.get().reference == "NRW pilot"
    assert clone.registrations.count() == 0  # people are not copied
    assert event.sessions.get(kind=SessionKind.B2B).slots.count() == 4  # original intact


def clone_delta(event, clone) -> int:
    return (clone.start_date - event.start_date).days


def test_self_registration_waits_for_organiser_approval(
    event, b2b_session, owner, officer, company
):
    reg = services.register_participant(
        owner,
        event,
        role=Role.VISITING_COMPANY,
        organisation=company,
        languages=["ko", "en"],
        b2b_sessions=[b2b_session],
        meeting_cap=4,
    )
    assert reg.status == RegistrationStatus.PENDING and reg.user == owner
    assert list(reg.b2b_sessions.all()) == [b2b_session] and reg.meeting_cap == 4
    with pytest.raises(PermissionDenied):
        services.decide_registration(owner, reg, True)
    services.decide_registration(officer, reg, True)
    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.APPROVED


def test_cannot_register_someone_else(event, owner, outsider):
    with pytest.raises(PermissionDenied):
        services.register_participant(owner, event, role=Role.SPEAKER, user=outsider)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"languages": ["xx"]}, "languages"),
        ({"meeting_cap": 99}, "meeting_cap"),
        ({"role": "boss"}, "role"),
        ({"role": Role.INTERPRETER, "languages": ["ko"]}, "languages"),
    ],
)
def test_registration_errors_name_the_field(event, officer, kwargs, field):
    data = {"role": Role.VISITING_COMPANY, "name": "X", **kwargs}
    with pytest.raises(ValidationError) as err:
        services.register_participant(officer, event, **data)
    assert field in err.value.message_dict
    assert not Registration.objects.filter(event=event).exists()


def test_availability_must_be_a_b2b_session_of_the_event(event, officer):
    talk = services.add_session(
        officer,
        event,
        {"kind": "talk", "title": {"en": "Talk"}, "start": at(2, 9), "end": at(2, 10)},
    )
    with pytest.raises(ValidationError) as err:
        services.register_participant(
            officer, event, role=Role.VISITING_COMPANY, name="X", b2b_sessions=[talk]
        )
    assert "b2b_sessions" in err.value.message_dict


def test_profile_prefilled_from_directory(event, officer, technology, need, company, counterpart):
    visitor = services.register_participant(
        officer, event, role=Role.VISITING_COMPANY, name="Aqua", organisation=company
    )
    host = services.register_participant(
        officer, event, role=Role.HOST_ORGANISATION, name="Vodokanal", organisation=counterpart
    )
    assert "Acoustic leak logger" in visitor.offer
    assert "Снижение потерь воды" in host.looking_for
    assert list(visitor.sectors.values_list("code", flat=True)) == ["14021"]


def test_invitation_in_the_recipients_language(event, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(
            officer,
            event,
            email="aigerim@example.kz",
            role=Role.HOST_ORGANISATION,
            name="Aigerim",
            language="ru",
        )
        services.invite(
            officer,
            event,
            email="jiho@example.kr",
            role=Role.VISITING_COMPANY,
            name="Jiho",
            language="ko",
        )
    by_to = {m.to[0]: m for m in mail.outbox}
    # the event title is shown in each recipient's language
    assert "한-카 물산업 사절단" in by_to["jiho@example.kr"].subject
    assert "Korea–Kazakhstan" not in by_to["jiho@example.kr"].subject
    assert "Делегация водной отрасли" in by_to["aigerim@example.kz"].subject
    reg = Registration.objects.get(email="jiho@example.kr")
    assert reg.status == RegistrationStatus.INVITED
    assert reg.token in by_to["jiho@example.kr"].body


def test_accept_invitation(event, officer, outsider):
    reg = services.invite(officer, event, email="x@example.org", role=Role.SPEAKER, name="X")
    services.accept_invitation(outsider, event, reg.token)
    reg.refresh_from_db()
    assert reg.user == outsider and reg.status == RegistrationStatus.APPROVED
    with pytest.raises(ValidationError):
        services.accept_invitation(outsider, event, reg.token)  # used once only
