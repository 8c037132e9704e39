"""IATI 2.03 export validates against the official schema (the copy in ../shared)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from ecobridge.cooperation import iati, services
from ecobridge.cooperation.models import (
    Budget,
    Indicator,
    Project,
    ProjectLocation,
    ProjectParticipant,
    Result,
    Transaction,
)

pytestmark = pytest.mark.django_db

SHARED_SCHEMA = Path("/work/shared/data/iati_samples/schema_2.03/iati-activities-schema.xsd")
SHIPPED_SCHEMA = iati.SCHEMA


def official_schema() -> etree.XMLSchema:
    path = SHARED_SCHEMA if SHARED_SCHEMA.exists() else SHIPPED_SCHEMA
    return etree.XMLSchema(etree.parse(str(path)))


def assert_valid(xml: bytes) -> etree._Element:
    document = etree.fromstring(xml)
    checker = official_schema()
    assert checker.validate(document), [e.message for e in checker.error_log]
    return document


@pytest.fixture
def full_project(officer, project, ministry, company, countries):
    ProjectParticipant.objects.create(project=project, organisation=ministry, role="1")
    ProjectParticipant.objects.create(project=project, organisation=company, role="4")
    ProjectParticipant.objects.create(project=project, name="Almaty Su", ref="KZ-ALM-SU", role="3")
    ProjectLocation.objects.create(
        project=project,
        name="Almaty",
        country=countries["KZ"],
        latitude=Decimal("43.238949"),
        longitude=Decimal("76.889709"),
    )
    Budget.objects.create(
        project=project,
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2022, 12, 31),
        value=Decimal("300000"),
        currency="USD",
        value_date=datetime.date(2022, 1, 1),
    )
    Transaction.objects.create(
        project=project,
        transaction_type="3",
        date=datetime.date(2022, 6, 1),
        value=Decimal("150000"),
        currency="USD",
        value_date=datetime.date(2022, 6, 1),
        description={"en": "First tranche"},
        provider="Ministry of Environment",
        receiver="Almaty Su",
    )
    result = Result.objects.create(
        project=project, result_type="1", title={"en": "Meters installed"}
    )
    Indicator.objects.create(
        result=result,
        title={"en": "Households metered"},
        baseline_year=2021,
        baseline_value=0,
        target_value=5000,
        actual_value=3200,
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2022, 12, 31),
    )
    services.update_record(
        officer, project, {"recipient_regions": ["619"], "actual_end": datetime.date(2023, 12, 31)}
    )
    return project


def test_full_project_validates(full_project):
    document = assert_valid(iati.export_activities([full_project]))
    activity = document.find("iati-activity")
    assert document.get("version") == "2.03"
    assert activity.findtext("iati-identifier") == "KR-GOV-MOE-KZ-001"
    assert activity.find("activity-status").get("code") == "2"
    assert [p.get("role") for p in activity.findall("participating-org")] == ["1", "3", "4"]
    assert activity.find("recipient-country").get("code") == "KZ"
    assert activity.find("sector").get("code") == "14021"
    assert activity.find("budget/value").text == "300000.00"
    assert activity.find("result/indicator/period/actual").get("value") == "3200"
    langs = {
        n.get("{http://www.w3.org/XML/1998/namespace}lang")
        for n in activity.findall("title/narrative")
    }
    assert langs == {None, "ko"}


def test_partial_dates_are_labelled_not_sharpened(project):
    activity = assert_valid(iati.export_activities([project])).find("iati-activity")
    date = activity.find("activity-date[@type='1']")
    assert date.get("iso-date") == "2022-03-01"
    assert "known to the month only" in date.findtext("narrative")


def test_minimal_project_still_validates(officer, ministry):
    bare = services.create_record(
        officer,
        Project,
        {
            "iati_identifier": "KR-GOV-MOE-BARE",
            "title": {"en": "Bare"},
            "reporting_organisation": ministry,
            "planned_start": datetime.date(2024, 1, 1),
        },
    )
    activity = assert_valid(iati.export_activities([bare])).find("iati-activity")
    assert activity.find("participating-org").get("role") == "2"  # the reporting body stands in
    assert activity.findtext("description/narrative") == "Bare"


def test_projects_without_required_data_are_skipped_with_a_reason(officer, project):
    undated = services.create_record(
        officer, Project, {"iati_identifier": "X-UNDATED", "title": {"en": "No dates"}}
    )
    result = iati.export_projects([project, undated])
    assert result.exported == ["KR-GOV-MOE-KZ-001"]
    assert "activity date" in result.skipped["X-UNDATED"]
    assert_valid(result.xml)


def test_export_views_for_project_and_country(client, full_project):
    response = client.get(f"/cooperation/iati/export/?project={full_project.pk}")
    assert response["Content-Type"] == "application/xml"
    assert_valid(response.content)
    response = client.get("/cooperation/iati/export/?country=KZ")
    assert b"KR-GOV-MOE-KZ-001" in response.content
    assert b"KR-GOV-MOE-KZ-001" not in client.get("/cooperation/iati/export/?country=KR").content
    page = client.get(full_project.get_absolute_url()).content.decode()
    assert f"/cooperation/iati/export/?project={full_project.pk}" in page


def test_country_page_has_an_iati_button(client, full_project):
    page = client.get("/countries/KZ/").content.decode()
    assert "/cooperation/iati/export/?country=KZ" in page


def test_exported_file_reads_back(officer, full_project):
    from ecobridge.cooperation.iati_import import run_iati_import

    xml = iati.export_activities([full_project])
    report = run_iati_import(officer, xml, dry_run=True)
    assert not report.has_critical and not report.has_errors, [str(p) for p in report.problems]
    assert [(a.identifier, a.action) for a in report.activities] == [
        ("KR-GOV-MOE-KZ-001", "update")
    ]


def test_export_page_explains_when_nothing_can_be_exported(client, officer, countries):
    services.create_record(
        officer,
        Project,
        {
            "iati_identifier": "X-UNDATED",
            "title": {"en": "No dates"},
            "recipient_countries": [countries["KZ"]],
        },
    )
    response = client.get("/cooperation/iati/export/?country=KZ")
    assert response.status_code == 422
    assert "X-UNDATED" in response.content.decode() and "activity date" in response.content.decode()
    assert client.get("/cooperation/iati/export/?country=KR").status_code == 422
