"""The demo dataset holds the seed documents' facts, linked, with honest date precision."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from ecobridge.cooperation import demo, outcomes, timeline
from ecobridge.cooperation.models import (
    Agreement,
    Mechanism,
    MechanismMeeting,
    Project,
    SourcedFact,
    Training,
)
from ecobridge.core.actors import SYSTEM
from ecobridge.directory import demo as directory_demo
from ecobridge.directory.models import Country

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Load once for the module (the directory first, as `ecobridge demo load` does)."""
    with django_db_blocker.unblock():
        directory_demo.load(SYSTEM)
        first = demo.load(SYSTEM)
        second = demo.load(SYSTEM)
        yield {"first": first, "second": second}
        from django.core.management import call_command

        call_command("flush", "--no-input")


def test_loading_twice_writes_nothing_the_second_time(loaded):
    assert loaded["first"]["created"] > 100
    assert loaded["second"]["created"] == 0
    assert loaded["second"]["updated"] == 0


def test_kazakhstan_water_mou_2021_keeps_year_precision(loaded):
    mou = Agreement.objects.get(key="kr-kz-water-resources-mou-2021")
    assert (mou.signed_on, mou.signed_on_precision) == (datetime.date(2021, 1, 1), "year")
    assert sorted(c.code for c in mou.party_countries.all()) == ["KR", "KZ"]
    assert mou.status == "signed"


def test_month_without_year_is_noted_not_invented(loaded):
    kuwait = Agreement.objects.get(key="kr-kuwait-environment-mou")
    assert kuwait.signed_on_precision == "month"
    assert "year is read from that context" in kuwait.date_note
    delegation = Training.objects.get(key="kr-kz-water-delegation-september")
    assert delegation.starts_on is None and "no year" in delegation.date_note
    undated = Agreement.objects.get(key="kr-de-environment-mou")
    assert undated.signed_on is None and undated.status == "signed"


def test_certification_related_mou(loaded):
    mou = Agreement.objects.get(key="nwic-keco-ktl-mou-2021")
    assert (mou.signed_on, mou.signed_on_precision) == (datetime.date(2021, 3, 1), "month")
    assert {o.identifier for o in mou.party_organisations.all()} == {
        "KR-NWIC-RCC",
        "KR-KECO",
        "KR-KTL",
    }
    assert "verification" in mou.areas["en"]


def test_korus_agreement_lifecycle_and_work_programme(loaded):
    korus = Agreement.objects.get(key="kr-us-environmental-cooperation-agreement-2012")
    assert korus.status == "in_force"
    assert (korus.signed_on, korus.in_force_on) == (
        datetime.date(2012, 1, 23),
        datetime.date(2012, 3, 15),
    )
    programme = Agreement.objects.get(key="kr-us-work-programme-2013-2015")
    assert programme.parent == korus and programme.contact_points.count() == 2
    commission = MechanismMeeting.objects.get(
        mechanism__key="kr-us-environmental-cooperation-commission", ordinal=1
    )
    assert commission.held_on == datetime.date(2013, 2, 14)
    assert list(commission.adopted_agreements.all()) == [programme]


def test_mechanisms_and_numbered_meetings(loaded):
    assert Mechanism.objects.get(key="temm").start_year == 1999
    assert Mechanism.objects.get(key="asean-plus-3-environment-ministers").start_year == 2002
    assert Mechanism.objects.get(key="eas-environment-ministers").start_year == 2008
    temm14 = MechanismMeeting.objects.get(mechanism__key="temm", ordinal=14)
    assert (temm14.place, temm14.held_on, temm14.held_on_precision) == (
        "Beijing",
        datetime.date(2012, 5, 1),
        "month",
    )
    assert temm14.adopted_agreements.get().kind == "joint_communique"
    vn9 = MechanismMeeting.objects.get(mechanism__key="kr-vn-environment-ministers", ordinal=9)
    assert vn9.place == "Hanoi" and vn9.projects.count() == 3
    assert vn9.adopted_agreements.get().kind == "implementation_agreement"


def test_tropical_forests_project_stages_and_fund(loaded):
    project = Project.objects.get(iati_identifier="KR-GOV-MOE-ASEAN-TROPICAL-FORESTS")
    assert (
        project.actual_start == datetime.date(2000, 1, 1)
        and project.actual_start_precision == "year"
    )
    stages = list(project.stages.all())
    assert [(s.ordinal, s.sub_ordinal, s.budget, s.funding_source) for s in stages] == [
        (4, 1, Decimal("300000.00"), "Korea-ASEAN Special Cooperation Fund"),
        (4, 2, Decimal("300000.00"), "Korea-ASEAN Special Cooperation Fund"),
    ]
    assert project.budgets.count() == 2


def test_training_with_dates_and_trainees(loaded):
    training = Training.objects.get(key="asean-invitation-training-2012")
    assert (training.starts_on, training.ends_on) == (
        datetime.date(2012, 6, 10),
        datetime.date(2012, 6, 27),
    )
    assert training.participants_total == 16
    assert training.participation.get().count == 16


def test_delegation_history_by_year(loaded):
    history = Training.objects.filter(
        source=demo.S0, kind__in=["delegation", "consultation"]
    ).exclude(starts_on=None)
    assert [(t.starts_on.year, t.kind) for t in history.order_by("starts_on")] == [
        (2019, "delegation"),
        (2020, "consultation"),
        (2023, "delegation"),
    ]


def test_sourced_figures(loaded):
    assert SourcedFact.objects.get(key="kz-water-inflow-share").value == 45
    assert SourcedFact.objects.get(key="titr-transit-target-2027").value == 10_000_000
    assert SourcedFact.objects.get(key="titr-freight-growth-2024").value == 62
    assert SourcedFact.objects.get(key="nwic-resident-companies").value == 130


def test_kazakhstan_timeline_and_what_came_out(loaded):
    entries = timeline.collect(country=Country.objects.get(code="KZ"))
    dated = [e.date for e in entries if e.date]
    assert dated == sorted(dated)
    titles = " | ".join(e.title for e in entries)
    for text in [
        "Korea–Kazakhstan Environmental Cooperation MOU",
        "water resources cooperation",
        "green ports",
    ]:
        assert text in titles
    came_out = outcomes.what_came_out(Agreement.objects.get(key="kr-kz-water-resources-mou-2021"))
    assert {t.key for t in came_out.trainings} >= {
        "kr-kz-water-delegation-september",
        "kr-kz-water-seminar-september",
    }


def test_every_seed_record_names_its_source(loaded):
    for model in (Agreement, Mechanism, MechanismMeeting, Project, Training, SourcedFact):
        assert not model.objects.filter(source="").exists(), model


def test_seed_coverage_document_matches_the_demo_data():
    """docs/seed-coverage.md names every seed record, and every key it names exists."""
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "seed-coverage.md").read_text()
    quoted = set(re.findall(r"`([^`\s]+)`", text))
    key_like = {
        q for q in quoted if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)+|[A-Z]{2}-[A-Z0-9-]+", q)
    }
    keys = {
        *(a["key"] for a in demo.AGREEMENTS),
        *(m["key"] for m in demo.MECHANISMS),
        *(t["key"] for t in demo.TRAININGS),
        *(f["key"] for f in demo.FACTS),
        *(p["id"] for p in demo.PROJECTS),
    }
    assert keys - quoted == set(), "seed records missing from docs/seed-coverage.md"
    assert key_like - keys == set(), "docs/seed-coverage.md names records the demo does not have"
