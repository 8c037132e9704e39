import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from ecobridge.core.actors import SYSTEM
from ecobridge.core.models import AuditEntry
from ecobridge.directory.importing import run_import
from ecobridge.directory.models import Need, Organisation, Technology
from ecobridge.directory.reference import load_countries, load_sectors

pytestmark = pytest.mark.django_db
DEMO = Path(__file__).resolve().parents[2] / "src" / "ecobridge" / "directory" / "data" / "demo"
SHARED_DEV = Path(__file__).resolve().parents[3] / "shared" / "data" / "matching-dev"


@pytest.fixture
def reference(db):
    load_countries()
    load_sectors()


def _dev_file(name: str) -> Path:
    # The matching development set as published; the project ships an identical copy.
    return SHARED_DEV / name if (SHARED_DEV / name).exists() else DEMO / name


def test_matching_dev_files_import_as_they_are(reference):
    tech = run_import(SYSTEM, "technologies", _dev_file("technologies.csv"))
    needs = run_import(SYSTEM, "needs", _dev_file("needs.csv"))
    assert not tech.has_critical and not tech.has_errors, tech.problems
    assert not needs.has_critical and not needs.has_errors, needs.problems
    assert Technology.objects.count() == 40
    assert Need.objects.count() == 20
    dt001 = Technology.objects.get(external_id="DT001")
    assert dt001.original_language == "ko"
    assert dt001.title["ko"].startswith("AI 기반")
    assert sorted(s.code for s in dt001.sectors.all()) == ["14020", "14021"]
    assert dt001.trl == 9
    assert Need.objects.get(external_id="DN01").country.code == "KZ"


def test_second_import_changes_nothing(reference):
    run_import(SYSTEM, "technologies", _dev_file("technologies.csv"))
    entries = AuditEntry.objects.count()
    again = run_import(SYSTEM, "technologies", _dev_file("technologies.csv"))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 40)
    assert AuditEntry.objects.count() == entries


def test_dry_run_writes_nothing_but_counts_truly(reference):
    report = run_import(SYSTEM, "needs", _dev_file("needs.csv"), dry_run=True)
    assert report.created == 20
    assert not Need.objects.exists()
    assert not Organisation.objects.exists()
    assert not AuditEntry.objects.exists()


def test_critical_problem_writes_nothing(reference, tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("id,organization,country,title\nN1,Org,KZ,A\nN1,Org,KZ,B\n", encoding="utf-8")
    report = run_import(SYSTEM, "needs", path)
    assert report.has_critical
    assert [(p.row, p.field, p.severity) for p in report.problems] == [(2, "id", "critical")]
    assert "repeats row 1" in report.problems[0].message
    assert not Need.objects.exists() and not Organisation.objects.exists()


def test_row_errors_skip_only_those_rows_and_name_row_and_field(reference, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(
        "id,organization,country,language,title,sectors,trl\n"
        "A,Good Co,KR,en,Fine,14021,5\n"
        "B,Bad Co,XX,en,Bad country,,5\n"
        "C,Good Co,KR,en,Bad TRL,,12\n"
        "D,Good Co,KR,xx,Bad language,,3\n"
        "E,Good Co,KR,en,Odd sector,99999,3\n",
        encoding="utf-8",
    )
    report = run_import(SYSTEM, "technologies", path)
    problems = {(p.row, p.field, p.severity) for p in report.problems}
    assert (2, "country", "error") in problems
    assert (3, "trl", "error") in problems
    assert (4, "language", "error") in problems
    assert (5, "sectors", "warning") in problems
    assert sorted(Technology.objects.values_list("external_id", flat=True)) == ["A", "E"]
    assert report.skipped == 3
    assert not Organisation.objects.filter(name__icontains="Bad Co").exists()


def test_xlsx_import(reference):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["name", "kind", "country", "language", "website"])
    sheet.append(["Водоканал Шымкента", "utility", "KZ", "ru", "https://example.kz"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "orgs.xlsx"
    report = run_import(SYSTEM, "organisations", buffer, filename="orgs.xlsx")
    assert report.created == 1, report.problems
    org = Organisation.objects.get()
    assert org.name == {"ru": "Водоканал Шымкента"} and org.country.code == "KZ"


def test_unreadable_file_is_critical(reference, tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes("id,title\n1,\xff\xfe".encode("latin-1"))
    report = run_import(SYSTEM, "needs", path)
    assert report.has_critical and "not UTF-8" in report.problems[0].message


def test_only_staff_editors_may_import(owner, tmp_path):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        run_import(owner, "technologies", _dev_file("technologies.csv"))
