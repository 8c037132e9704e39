"""`ecobridge export iati`, `ecobridge import iati`, and the web upload run as a job."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from django.core.files.uploadedfile import SimpleUploadedFile
from lxml import etree

from ecobridge.cli import cli
from ecobridge.cooperation import iati
from ecobridge.cooperation.models import Project

from .test_iati_import import _activity_file

pytestmark = pytest.mark.django_db(transaction=True)


def test_export_iati_by_country_and_project(tmp_path, project, countries):
    runner = CliRunner()
    out = tmp_path / "kz.xml"
    result = runner.invoke(cli, ["export", "iati", "--country", "KZ", "-o", str(out)])
    assert result.exit_code == 0, result.output
    document = etree.parse(str(out)).getroot()
    assert iati.schema().validate(document)
    assert [a.findtext("iati-identifier") for a in document] == ["KR-GOV-MOE-KZ-001"]
    result = runner.invoke(cli, ["export", "iati", "--project", "KR-GOV-MOE-KZ-001"])
    assert result.exit_code == 0 and "KR-GOV-MOE-KZ-001" in result.output
    result = runner.invoke(cli, ["export", "iati", "--country", "KR"])
    assert result.exit_code != 0 and "No project matches" in result.output
    result = runner.invoke(cli, ["export", "technologies", "--country", "KR"])
    assert result.exit_code != 0


def test_export_technologies_still_works(tmp_path, technology):
    out = tmp_path / "t.csv"
    assert CliRunner().invoke(cli, ["export", "technologies", "-o", str(out)]).exit_code == 0
    assert "Acoustic leak logger" in out.read_text()


def test_import_iati_dry_run_then_real(tmp_path, countries, sectors):
    path = tmp_path / "a.xml"
    path.write_bytes(_activity_file("KR-GOV-MOE-CLI-1"))
    runner = CliRunner()
    result = runner.invoke(cli, ["import", "iati", str(path), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "create  KR-GOV-MOE-CLI-1" in result.output and "would be created" in result.output
    assert not Project.objects.exists()
    result = runner.invoke(cli, ["import", "iati", str(path)])
    assert (
        result.exit_code == 0
        and Project.objects.filter(iati_identifier="KR-GOV-MOE-CLI-1").exists()
    )
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>')
    result = runner.invoke(cli, ["import", "iati", str(bad)])
    assert result.exit_code == 2 and "refused" in result.output


def test_web_upload_checks_as_a_job_then_writes_the_confirmed(client, officer, countries, sectors):
    client.force_login(officer)
    upload = SimpleUploadedFile(
        "acts.xml", _activity_file("KR-GOV-MOE-WEB-1"), content_type="application/xml"
    )
    response = client.post("/cooperation/iati/import/", {"file": upload})
    assert response.status_code == 302
    review = response["Location"]
    page = client.get(review).content.decode()  # jobs run eagerly in tests
    assert "KR-GOV-MOE-WEB-1" in page and "99999" in page and "warning" in page
    assert not Project.objects.exists()
    response = client.post(review, {"activity": ["KR-GOV-MOE-WEB-1"]})
    assert response.status_code == 302
    assert Project.objects.filter(iati_identifier="KR-GOV-MOE-WEB-1").exists()
    assert "1 were created" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("persona", ["analyst", "owner", "outsider"])
def test_web_import_is_for_editors(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/cooperation/iati/import/").status_code == 403


def test_cli_help_mentions_iati():
    runner = CliRunner()
    assert "iati" in runner.invoke(cli, ["import", "--help"]).output
    assert "--country" in runner.invoke(cli, ["export", "--help"]).output


def test_shipped_schema_matches_the_reference():
    shared = Path("/work/shared/data/iati_samples/schema_2.03/iati-activities-schema.xsd")
    if shared.exists():
        assert shared.read_bytes() == iati.SCHEMA.read_bytes()
