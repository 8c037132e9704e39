"""Item 5: CAP alerts imported, validated, linked to countries; hostile XML refused."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from django.utils import timezone

from ecobridge.alerts import cap
from ecobridge.alerts.demo import DEMO, synthetic_kz_flood
from ecobridge.alerts.importing import import_bytes, import_paths
from ecobridge.alerts.models import Alert
from ecobridge.alerts.services import active_alerts, alerts_for

pytestmark = pytest.mark.django_db

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol3;</identifier></alert>"""

XXE_FILE = b"""<?xml version="1.0"?>
<!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&xxe;</identifier></alert>"""


def test_every_file_of_the_shared_corpus_is_handled(world, shared_cap):
    manifest = {row["file"]: row for row in csv.DictReader((shared_cap / "MANIFEST.csv").open())}
    outcomes = {str(o.name).split("cap_alerts/")[1]: o for o in import_paths([shared_cap])}
    assert set(manifest) <= set(outcomes)
    for name, outcome in outcomes.items():
        assert outcome.status in ("imported", "duplicate", "skipped", "invalid", "rejected")
        if name.startswith("cap_1.2/valid/") or (
            name.startswith("cap_1.1/") and manifest[name]["xsd_valid"] == "True"
        ):
            assert outcome.status in ("imported", "duplicate"), outcome.line()
        if (
            name.startswith("cap_1.2/invalid/")
            or manifest.get(name, {}).get("xsd_valid") == "False"
        ) and not name.startswith("security/"):
            assert outcome.status == "invalid", outcome.line()
            assert outcome.message
        if name.startswith("security/"):
            assert outcome.status == "rejected", outcome.line()
            assert "DOCTYPE" in outcome.message
    assert outcomes["cap_1.2/valid/smhi_sweden_alerts_collection.xml"].imported == 17
    assert "not a CAP namespace" in outcomes["cap_1.2/invalid/taiwan_wrong_namespace.xml"].message
    assert "urgency" in " ".join(outcomes["cap_1.1/noaa_flood_warning_schema_invalid.xml"].errors)
    assert not Alert.objects.filter(identifier="KSTO1055887203", xml__contains="xxe").exists()


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, XXE_FILE])
def test_hostile_xml_is_rejected_before_parsing(world, payload):
    outcome = import_bytes(payload, "hostile.xml")
    assert outcome.status == "rejected"
    assert Alert.objects.count() == 0
    with pytest.raises(cap.HostileXML):
        cap.parse_safely(payload)


def test_parser_is_hardened_even_without_the_doctype_check():
    parser = cap._parser()
    # lxml exposes no public getters; check the behaviour instead: entities stay unresolved
    from lxml import etree

    root = etree.fromstring(XXE_FILE, parser=parser)
    assert "root:" not in etree.tostring(root, encoding="unicode")


def test_size_limit(world):
    big = b"<alert>" + b" " * (cap.MAX_BYTES + 1) + b"</alert>"
    assert import_bytes(big, "big.xml").status == "rejected"


def test_synthetic_kz_alert_links_by_polygon_and_geocode(world):
    outcome = import_bytes(synthetic_kz_flood(), "kz.xml")
    assert outcome.status == "imported", outcome.line()
    alert = outcome.alerts[0]
    assert list(alert.countries.values_list("code", flat=True)) == ["KZ"]
    info = alert.infos.get(language="en")
    assert (info.severity, info.urgency, info.certainty) == ("Severe", "Expected", "Likely")
    assert alert.is_active()
    # again: a duplicate, not a second copy
    assert import_bytes(synthetic_kz_flood(alert.sent), "kz.xml").status == "duplicate"
    assert Alert.objects.count() == 1


def test_polygon_without_geocode_and_circle_link_countries(world):
    xml = synthetic_kz_flood().replace(
        b"<geocode><valueName>ISO3166-1</valueName><value>KZ</value></geocode>", b""
    )
    alert = import_bytes(xml, "kz.xml").alerts[0]
    assert set(alert.countries.values_list("code", flat=True)) == {"KZ"}
    from ecobridge.insights import geo

    assert "KAZ" in geo.countries_for_circle(43.25, 76.9, 20)  # Almaty
    assert geo.countries_for_circle(0.0, -30.0, 50) == set()  # mid-Atlantic


def test_shipped_demo_alerts_link_to_countries(world):
    outcomes = {o.name.rsplit("/", 1)[1]: o for o in import_paths([DEMO])}
    assert all(o.status == "imported" for o in outcomes.values())
    mexico = outcomes["mexico.xml"].alerts[0]
    assert "MX" in mexico.countries.values_list("code", flat=True)
    assert "PH" in outcomes["ph.xml"].alerts[0].countries.values_list("code", flat=True)
    assert "IS" in outcomes["iceland_met_office.xml"].alerts[0].countries.values_list(
        "code", flat=True
    )


def test_alerts_for_events_and_projects_in_area_and_period(world):
    alert = import_bytes(synthetic_kz_flood(), "kz.xml").alerts[0]
    today = timezone.now().date()
    event = SimpleNamespace(country=world["KZ"], start_date=today, end_date=today + timedelta(1))
    assert list(alerts_for(event)) == [alert]
    later = SimpleNamespace(
        country=world["KZ"], start_date=today + timedelta(30), end_date=today + timedelta(31)
    )
    assert list(alerts_for(later)) == []
    elsewhere = SimpleNamespace(country=world["KR"], start_date=today, end_date=today)
    assert list(alerts_for(elsewhere)) == []

    class Countries:
        def all(self):
            return [world["UZ"], world["KZ"]]

    project = SimpleNamespace(
        recipient_countries=Countries(), planned_start=date(2020, 1, 1), planned_end=today
    )
    assert list(alerts_for(project)) == [alert]
    assert list(active_alerts(world["KZ"])) == [alert]


def test_cli_import_cap_exit_codes(world, tmp_path):
    from ecobridge.cli import cli

    good = tmp_path / "kz.xml"
    good.write_bytes(synthetic_kz_flood())
    bad = tmp_path / "bad.xml"
    bad.write_bytes(XXE_FILE)
    runner = CliRunner()
    result = runner.invoke(cli, ["import", "cap", str(good)])
    assert result.exit_code == 0, result.output
    assert "1 alert(s) imported" in result.output
    result = runner.invoke(cli, ["import", "cap", str(bad)])
    assert result.exit_code == 2
    assert "refused for safety" in result.output
    invalid = tmp_path / "invalid.xml"
    invalid.write_bytes(synthetic_kz_flood().replace(b"<urgency>Expected", b"<urgency>Soon"))
    result = runner.invoke(cli, ["import", "cap", str(invalid)])
    assert result.exit_code == 1
    assert "not valid CAP 1.2" in result.output


def test_demo_load(world):
    from ecobridge.alerts import demo

    first = demo.load(None)
    assert first["alerts imported"] == len(list(DEMO.glob("*.xml"))) + 1
    assert demo.load(None)["alerts imported"] == 0
