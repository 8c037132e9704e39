"""Item 3: meeting requests, answers, request modes, brokered suggestions."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from ecobridge.events import services, suggest
from ecobridge.events.models import MeetingRequest, RequestMode, RequestStatus, Role


def test_participant_requests_and_recipient_answers(
    people, owner, counterpart_member, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        req = services.request_meeting(
            owner, people["kr1"], people["kz1"], priority=3, message="Leak detection"
        )
    assert req.status == RequestStatus.PENDING and req.priority == 3
    assert [m.to for m in mail.outbox] == [["cpmember@example.org"]]
    with pytest.raises(PermissionDenied):  # only the person asked answers
        services.respond_to_request(owner, req, "accepted")
    with pytest.raises(PermissionDenied):
        services.respond_to_request(member, req, "accepted")
    services.respond_to_request(counterpart_member, req, "no_thanks")
    req.refresh_from_db()
    assert req.status == RequestStatus.NO_THANKS and not req.is_schedulable


@pytest.mark.parametrize("answer", ["declined", "no_thanks", "accepted"])
def test_answers(people, counterpart_member, owner, answer):
    req = services.request_meeting(owner, people["kr1"], people["kz1"])
    services.respond_to_request(counterpart_member, req, answer)
    assert MeetingRequest.objects.get(pk=req.pk).status == answer


def test_request_rules(people, owner, officer):
    with pytest.raises(PermissionDenied):  # not on behalf of someone else
        services.request_meeting(owner, people["kr2"], people["kz1"])
    with pytest.raises(ValidationError) as err:
        services.request_meeting(owner, people["kr1"], people["interp"])
    assert "b" in err.value.message_dict
    services.request_meeting(owner, people["kr1"], people["kz1"])
    with pytest.raises(ValidationError):  # no duplicates, in either direction
        services.request_meeting(officer, people["kz1"], people["kr1"])
    with pytest.raises(ValidationError) as err:
        services.request_meeting(owner, people["kr1"], people["kz2"], priority=9)
    assert "priority" in err.value.message_dict


def test_auto_accept_mode(event, people, owner, officer):
    services.update_event(officer, event, {"request_mode": RequestMode.AUTO_ACCEPT})
    req = services.request_meeting(owner, people["kr1"], people["kz1"])
    assert req.status == RequestStatus.ACCEPTED and req.is_schedulable


def test_organiser_approval_mode(event, people, owner, counterpart_member, officer):
    services.update_event(officer, event, {"request_mode": RequestMode.ORGANISER_APPROVAL})
    req = services.request_meeting(owner, people["kr1"], people["kz1"])
    services.respond_to_request(counterpart_member, req, "accepted")
    req.refresh_from_db()
    assert not req.is_schedulable  # accepted, but awaiting the organisers
    with pytest.raises(PermissionDenied):
        services.approve_request(owner, req)
    services.approve_request(officer, req)
    req.refresh_from_db()
    assert req.is_schedulable


def test_brokered_mode_organiser_creates_in_bulk(event, people, owner, officer):
    services.update_event(officer, event, {"request_mode": RequestMode.BROKERED})
    with pytest.raises(PermissionDenied):
        services.request_meeting(owner, people["kr1"], people["kz1"])
    created = services.create_requests_in_bulk(
        officer, event, [(people["kr1"], people["kz1"], 2), (people["kr2"], people["kz2"], 3)]
    )
    assert len(created) == 2 and all(r.origin == "organiser" for r in created)
    # all or nothing: a bad pair rolls back the good ones
    with pytest.raises(ValidationError):
        services.create_requests_in_bulk(
            officer, event, [(people["kr2"], people["kz1"], 2), (people["kr1"], people["kz1"], 2)]
        )
    assert not MeetingRequest.objects.filter(a=people["kr2"], b=people["kz1"]).exists()


def test_suggestions_from_sector_overlap_with_explanation(
    event, officer, people, sectors, settings
):
    settings.EVENTS_USE_MATCHING = False
    people["kr1"].sectors.set([sectors["14021"], sectors["14022"]])
    people["kz1"].sectors.set([sectors["14021"]])
    people["kz2"].sectors.set([sectors["31140"]])
    found = suggest.suggestions(event)
    assert [(s.a, s.b) for s in found] == [(people["kr1"], people["kz1"])]
    assert "Water supply - large systems" in found[0].explanation
    assert found[0].source == "sectors" and found[0].needs_interpreter
    services.request_meeting(officer, people["kr1"], people["kz1"])
    assert suggest.suggestions(event) == []  # existing pairs are not suggested again


def test_suggestions_fall_back_when_matching_fails(event, people, sectors, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("model files missing")

    monkeypatch.setattr(suggest, "by_matching", broken)
    people["kr2"].sectors.set([sectors["14021"]])
    people["kz2"].sectors.set([sectors["14021"]])
    found = suggest.suggestions(event)
    assert [(s.a, s.b, s.source) for s in found] == [(people["kr2"], people["kz2"], "sectors")]


def test_interpreters_and_staff_cannot_be_requested(people, officer, event):
    staff = services.register_participant(officer, event, role=Role.STAFF, name="S")
    with pytest.raises(ValidationError):
        services.request_meeting(officer, people["kr1"], staff)


def test_suggestions_from_the_matching_engine_are_explained(event, people, monkeypatch):
    """The adapter hands the profiles to ``suggest_pairs`` and turns its explanation into
    a readable line (the engine itself is tested in tests/matching)."""
    from ecobridge.matching import pairs

    seen = {}

    def fake(participants, max_per_participant=5, **kwargs):
        seen["people"] = {p.id: p for p in participants}
        return [
            pairs.PairSuggestion(
                a=str(people["kr1"].pk),
                b=str(people["kz1"].pk),
                score=1.7,
                directions={"need→offer": 1.7},
                shared_languages=[],
                needs_interpreter=True,
                explanation={
                    "sectors": [{"code": "14021", "label": "Water supply"}],
                    "concepts": [{"id": "nrw", "label": "non-revenue water"}],
                    "passages": ["Acoustic leak logger"],
                },
            )
        ]

    monkeypatch.setattr(pairs, "suggest_pairs", fake)
    people["kr1"].offer = "Acoustic leak logger"
    people["kr1"].save()
    found = suggest.suggestions(event)
    assert seen["people"][str(people["kr1"].pk)].kind == "company"
    assert seen["people"][str(people["kz1"].pk)].kind == "counterpart"
    assert seen["people"][str(people["kr1"].pk)].offer == "Acoustic leak logger"
    assert len(found) == 1 and found[0].source == "matching"
    assert "non-revenue water" in found[0].explanation and "Water supply" in found[0].explanation


def test_asking_back_is_a_mutual_acceptance_worth_more(people, owner, counterpart_member):
    from ecobridge.events import b2b

    first = services.request_meeting(owner, people["kr1"], people["kz1"], priority=2)
    back = services.request_meeting(counterpart_member, people["kz1"], people["kr1"], priority=3)
    assert back.pk == first.pk and back.status == RequestStatus.ACCEPTED and back.mutual
    assert MeetingRequest.objects.count() == 1
    weights = {r["id"]: r["weight"] for r in b2b.build_instance(first.event)["requests"]}
    assert weights[first.b2b_id] == 4  # the higher priority (3) plus one for mutual interest
