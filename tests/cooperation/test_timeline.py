"""Linked timelines (country, organisation, agreement), the registry, and "what came out"."""

from __future__ import annotations

import datetime

import pytest

from ecobridge.cooperation import outcomes, services, timeline
from ecobridge.cooperation.models import MechanismMeeting, ProjectParticipant, Training
from ecobridge.cooperation.timeline import TimelineEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(officer, mou, project, mechanism, countries, company):
    services.link_project(officer, mou, project)
    services.create_record(
        officer, ProjectParticipant, {"project": project, "organisation": company, "role": "4"}
    )
    meeting = services.create_record(
        officer,
        MechanismMeeting,
        {
            "mechanism": mechanism,
            "ordinal": 1,
            "held_on": datetime.date(2023, 9, 3),
            "place": "Astana",
            "country": countries["KZ"],
            "cited_agreements": [mou],
            "outcomes": {"en": "Pilot extended"},
        },
    )
    training = services.create_record(
        officer,
        Training,
        {
            "key": "t1",
            "kind": "training",
            "title": {"en": "Smart metering course"},
            "project": project,
            "starts_on": datetime.date(2022, 11, 1),
            "starts_on_precision": "month",
        },
    )
    item = services.add_action_item(
        officer,
        {
            "agreement": mou,
            "title": {"en": "Nominate focal points"},
            "due_on": datetime.date(2021, 12, 1),
        },
    )
    return {"meeting": meeting, "training": training, "item": item}


def _titles(entries):
    return [e.title for e in entries]


def test_country_timeline_is_in_date_order(linked, countries):
    entries = timeline.collect(country=countries["KZ"])
    dates = [e.date for e in entries if e.date]
    assert dates == sorted(dates)
    kinds = [e.kind for e in entries]
    assert kinds == ["agreement", "follow_up", "project", "training", "meeting"]
    assert entries[0].title.startswith("Signed: Water resources cooperation MOU")


def test_timeline_filters_by_kind_and_sector(linked, countries):
    only = timeline.collect(country=countries["KZ"], kinds=["meeting", "project"])
    assert {e.kind for e in only} == {"meeting", "project"}
    water = timeline.collect(country=countries["KZ"], sector="14021")
    assert {e.kind for e in water} == {"agreement", "project", "follow_up"}
    assert timeline.collect(country=countries["KZ"], sector="31140") == []


def test_organisation_timeline(linked, company):
    assert _titles(timeline.collect(organisation=company)) == [
        "Smart water metering pilot",
        "Smart metering course",
    ]


def test_drafts_stay_off_timelines(draft, countries):
    assert timeline.collect(country=countries["KZ"]) == []


def test_other_apps_contribute_entries(linked, mou, countries):
    def events_source(country=None, organisation=None, agreement=None):
        if agreement is not None or country is not None:
            return [
                TimelineEntry(
                    datetime.date(2025, 9, 3),
                    "day",
                    "event",
                    "Water delegation seminar",
                    "/events/1/",
                    ("14021",),
                    "",
                    "events",
                )
            ]
        return []

    def broken_source(**kwargs):
        raise RuntimeError("a bug elsewhere")

    timeline.register_timeline_source(events_source)
    timeline.register_timeline_source(broken_source)
    try:
        assert _titles(timeline.collect(country=countries["KZ"]))[-1] == "Water delegation seminar"
        came_out = outcomes.what_came_out(mou)
        assert _titles(came_out.contributed) == ["Water delegation seminar"]
    finally:
        timeline._SOURCES.remove(events_source)
        timeline._SOURCES.remove(broken_source)


def test_collect_needs_exactly_one_subject(countries):
    with pytest.raises(ValueError):
        timeline.collect()


def test_what_came_out_follows_the_links(linked, mou, project):
    result = outcomes.what_came_out(mou)
    assert result.projects == [project]
    assert result.meetings == [linked["meeting"]]
    assert result.trainings == [linked["training"]]
    assert result.follow_ups == [linked["item"]]
    assert [e.kind for e in result.chronology] == [
        "agreement",
        "follow_up",
        "project",
        "training",
        "meeting",
    ]


def test_country_and_organisation_pages_show_the_timeline_panel(client, linked, countries, company):
    page = client.get("/countries/KZ/").content.decode()
    assert 'id="cooperation-timeline"' in page
    assert page.index("Water resources cooperation MOU") < page.index("Smart metering course")
    page = client.get(f"/organisations/{company.pk}/").content.decode()
    assert "Smart water metering pilot" in page


def test_timeline_page_filters(client, linked):
    page = client.get("/cooperation/timeline/countries/KZ/?kind=meeting").content.decode()
    assert 'data-kind="meeting"' in page and 'data-kind="project"' not in page
    page = client.get("/cooperation/timeline/countries/KZ/").content.decode()
    assert page.index('data-kind="agreement"') < page.index('data-kind="meeting"')


def test_outcomes_page(client, linked, mou):
    page = client.get(f"/cooperation/agreements/{mou.pk}/outcomes/").content.decode()
    for text in [
        "Smart water metering pilot",
        "Pilot extended",
        "Smart metering course",
        "Nominate focal points",
    ]:
        assert text in page


def test_country_panel_shows_recent_dated_entries_and_links_the_rest(
    client, officer, linked, countries
):
    services.create_record(
        officer,
        Training,
        {"key": "undated", "kind": "delegation", "title": {"en": "Undated delegation"},
         "host_country": countries["KZ"], "date_note": "no year given"},
    )  # fmt: skip
    page = client.get("/countries/KZ/").content.decode()
    assert "Undated delegation" not in page and "/cooperation/timeline/countries/KZ/" in page
    page = client.get("/cooperation/timeline/countries/KZ/").content.decode()
    assert "Undated delegation" in page and "date unknown" in page


def test_what_came_out_includes_meetings_of_a_mechanism_it_founded(officer, mou, mechanism):
    from .conftest import make_meeting

    services.update_record(officer, mechanism, {"founding_agreement": mou})
    meeting = make_meeting(mechanism, 1, datetime.date(2022, 5, 1))
    assert outcomes.what_came_out(mou).meetings == [meeting]
    assert "meeting" in [e.kind for e in timeline.collect(agreement=mou)]
