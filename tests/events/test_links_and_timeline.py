"""Events linked to agreements of the cooperation registry, and the timeline entries the
events app contributes."""

from __future__ import annotations

import datetime

import pytest

from ecobridge.core.actors import SYSTEM
from ecobridge.events import services

cooperation = pytest.importorskip("ecobridge.cooperation.services")
timeline = pytest.importorskip("ecobridge.cooperation.timeline")


@pytest.fixture
def mou(countries):
    return cooperation.create_agreement(
        SYSTEM,
        {
            "key": "kr-kz-water-mou",
            "kind": "mou",
            "title": {"en": "Water MOU"},
            "party_countries": [countries["KR"], countries["KZ"]],
        },
    )


def test_link_to_an_agreement_uses_a_real_foreign_key(event, officer, mou, client):
    link = services.link_event(officer, event, kind="agreement", target=mou)
    assert link.agreement == mou and link.content_type is None
    page = client.get(event.get_absolute_url()).content.decode()
    assert mou.get_absolute_url() in page
    follow = services.add_follow_up(officer, event, title="Draft annex", target=mou)
    assert follow.agreement == mou and follow.link_kind == "agreement"
    clone = services.clone_event(officer, event, slug="again", start_date=datetime.date(2032, 9, 1))
    assert clone.links.get().agreement == mou


def test_timeline_shows_events_meetings_and_follow_ups(event, officer, mou, schedule, countries):
    services.link_event(officer, event, kind="agreement", target=mou)
    services.add_follow_up(
        officer, event, title="Send pilot proposal", due_date=datetime.date(2031, 10, 1)
    )
    entries = timeline.collect(agreement=mou)
    mine = [e for e in entries if e.source == "events"]
    assert {e.kind for e in mine} == {"event", "meeting", "follow_up"}
    assert any("3 B2B meetings" in e.title for e in mine)
    by_country = [e for e in timeline.collect(country=countries["KZ"]) if e.source == "events"]
    assert any(e.kind == "event" for e in by_country)
    services.update_event(officer, event, {"is_public": False})
    assert not [e for e in timeline.collect(agreement=mou) if e.source == "events"]


def test_create_event_page_links_a_registry_agreement(client, officer, mou):
    client.force_login(officer)
    client.post(
        "/events/new/",
        {
            "title_en": "Forum",
            "slug": "forum-x",
            "kind": "forum",
            "start_date": "2031-05-01",
            "end_date": "2031-05-02",
            "timezone": "Asia/Seoul",
            "request_mode": "participants",
            "default_meeting_cap": 6,
            "agreement": mou.pk,
        },
    )
    from ecobridge.events.models import Event

    assert Event.objects.get(slug="forum-x").links.get().agreement == mou
