"""IATI import: triage with activity and XPath, dry run, confirmed writes, safe XML."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from ecobridge.cooperation import iati
from ecobridge.cooperation.iati_import import run_iati_import
from ecobridge.cooperation.models import Project
from ecobridge.core.actors import SYSTEM

pytestmark = pytest.mark.django_db

SAMPLES = Path("/work/shared/data/iati_samples")
EXAMPLE = SAMPLES / "examples_2.03" / "activity-standard-example-annotated.xml"
SECURITY = Path("/work/shared/data/cap_alerts/security")
needs_samples = pytest.mark.skipif(not SAMPLES.exists(), reason="IATI samples not available here")


def _activity_file(identifier: str, status: str = "2", extra: str = "") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
 <iati-activity default-currency="USD">
  <iati-identifier>{identifier}</iati-identifier>
  <reporting-org ref="KR-GOV-MOE" type="10"><narrative>Ministry of Environment</narrative></reporting-org>
  <title><narrative>Leak detection in Almaty</narrative><narrative xml:lang="ru">Поиск утечек в Алматы</narrative></title>
  <description><narrative>Acoustic loggers</narrative></description>
  <participating-org role="4" ref="NOT-IN-DIRECTORY"><narrative>Almaty Su</narrative></participating-org>
  <activity-status code="{status}"/>
  <activity-date type="1" iso-date="2024-01-01"/>
  <recipient-country code="KZ"/>
  <sector vocabulary="1" code="14021"/>
  <sector vocabulary="1" code="99999"/>
  {extra}
 </iati-activity>
</iati-activities>""".encode()


@needs_samples
def test_every_sample_file_is_handled_without_a_crash():
    files = sorted(SAMPLES.rglob("*.xml"))
    assert len(files) > 690
    for path in files:
        report = run_iati_import(SYSTEM, path, dry_run=True)
        if "should-fail" in str(path):
            severities = {p.severity for p in report.problems}
            assert severities & {"critical", "error"}, f"{path} was not reported"
    assert not Project.objects.exists()  # dry runs write nothing


@needs_samples
def test_pass_files_import():
    passing = [
        p
        for p in (SAMPLES / "schema_conformance_tests").rglob("*.xml")
        if "should-pass" in str(p) and "organisation" not in str(p) and "registry" not in str(p)
    ]
    assert len(passing) > 200
    for path in passing:
        report = run_iati_import(SYSTEM, path, dry_run=False)
        assert not report.has_critical and not report.has_errors, (
            path,
            [str(p) for p in report.problems],
        )
        assert report.created + report.updated == len(report.activities) > 0, path
    assert Project.objects.count() >= 200


@needs_samples
def test_non_activity_files_are_critical():
    for path in [
        *(SAMPLES / "schema_conformance_tests" / "organisation-tests" / "should-pass").rglob(
            "*.xml"
        ),
        *(SAMPLES / "legacy_v1").glob("*.xml"),
    ]:
        report = run_iati_import(SYSTEM, path, dry_run=False)
        assert report.has_critical, path
    legacy = run_iati_import(SYSTEM, SAMPLES / "legacy_v1" / "worldbank.xml")
    assert "version 1.0 is not supported" in legacy.problems[0].message
    assert not Project.objects.exists()


@needs_samples
def test_schema_errors_name_the_activity_and_xpath():
    path = next(
        (SAMPLES / "schema_conformance_tests" / "activity-tests" / "should-fail" / "budget").glob(
            "*.xml"
        )
    )
    report = run_iati_import(SYSTEM, path)
    errors = [p for p in report.problems if p.severity == "error"]
    assert errors and all(p.xpath.startswith("/iati-activities") for p in errors)
    assert any("/budget" in p.xpath for p in errors)


@needs_samples
def test_official_example_imports_with_its_details(countries, sectors):
    report = run_iati_import(SYSTEM, EXAMPLE, dry_run=False)
    assert not report.has_critical and not report.has_errors, [str(p) for p in report.problems]
    project = Project.objects.get(iati_identifier="AA-AAA-123456789-ABC123")
    assert project.budgets.exists() and project.transactions.exists()
    assert project.results.exists() and project.participants.count() >= 3
    assert project.title["en"]


def test_triage_dry_run_then_confirmed_write(countries, sectors, officer):
    data = _activity_file("KR-GOV-MOE-LEAK-1").replace(
        b"</iati-activities>",
        b"""<iati-activity><iati-identifier>KR-GOV-MOE-LEAK-2</iati-identifier>
  <reporting-org ref="KR-GOV-MOE" type="10"><narrative>MoE</narrative></reporting-org>
  <title><narrative>Second</narrative></title><description><narrative>x</narrative></description>
  <participating-org role="1"><narrative>MoE</narrative></participating-org>
  <activity-status code="2"/><activity-date type="1" iso-date="2024-13-45"/></iati-activity></iati-activities>""",
    )
    report = run_iati_import(officer, data, dry_run=True)
    by_id = {a.identifier: a for a in report.activities}
    assert by_id["KR-GOV-MOE-LEAK-1"].importable and by_id["KR-GOV-MOE-LEAK-1"].action == "create"
    assert not by_id["KR-GOV-MOE-LEAK-2"].importable
    bad_date = [p for p in report.problems if p.activity == "KR-GOV-MOE-LEAK-2"]
    assert bad_date[0].severity == "error" and bad_date[0].xpath.startswith(
        "/iati-activities/iati-activity[2]"
    )
    warnings = {p.message for p in report.problems if p.severity == "warning"}
    assert any("99999" in w for w in warnings) and any(
        "not in the directory" in w for w in warnings
    )
    assert not Project.objects.exists()
    report = run_iati_import(officer, data, dry_run=False, only=[])
    assert not Project.objects.exists() and report.skipped == 2
    report = run_iati_import(
        officer, data, dry_run=False, only=["KR-GOV-MOE-LEAK-1", "KR-GOV-MOE-LEAK-2"]
    )
    assert list(Project.objects.values_list("iati_identifier", flat=True)) == ["KR-GOV-MOE-LEAK-1"]
    project = Project.objects.get()
    assert project.title == {"en": "Leak detection in Almaty", "ru": "Поиск утечек в Алматы"}
    assert [s.code for s in project.sectors.all()] == ["14021"]
    assert project.participants.get().name == "Almaty Su"
    again = run_iati_import(officer, _activity_file("KR-GOV-MOE-LEAK-1", status="3"), dry_run=False)
    assert again.updated == 1 and Project.objects.get().status == "3"


def test_analyst_cannot_import(analyst):
    with pytest.raises(PermissionDenied):
        run_iati_import(analyst, _activity_file("X-1"))


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&lol9;</iati-identifier></iati-activity></iati-activities>"""

XXE_FILE = b"""<?xml version="1.0"?>
<!DOCTYPE iati-activities [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&xxe;</iati-identifier></iati-activity></iati-activities>"""


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, XXE_FILE, XXE_FILE.decode().encode("utf-16")])
def test_entity_attacks_are_refused(payload):
    report = run_iati_import(SYSTEM, payload)
    assert report.has_critical and "refused" in report.problems[0].message
    with pytest.raises(iati.UnsafeXMLError):
        iati.parse_xml(payload)


@pytest.mark.skipif(not SECURITY.exists(), reason="security samples not available here")
@pytest.mark.parametrize("name", ["xxe_external_entity.cap.xml", "xxe_external_entity.atom"])
def test_shared_xxe_samples_are_refused(name):
    report = run_iati_import(SYSTEM, SECURITY / name)
    assert report.has_critical and "refused" in report.problems[0].message


def test_parser_is_hardened_even_without_the_declaration_check():
    """No network, no DTD, no entity resolution in the parser itself."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(XXE_FILE, parser)
    assert "root:" not in (root.findtext("iati-activity/iati-identifier") or "")


def test_size_limit_and_garbage():
    with pytest.raises(iati.UnsafeXMLError):
        iati.parse_xml(b"<a>" + b"x" * 100 + b"</a>", max_bytes=50)
    report = run_iati_import(SYSTEM, b"this is not xml")
    assert report.has_critical and "not well-formed" in report.problems[0].message
