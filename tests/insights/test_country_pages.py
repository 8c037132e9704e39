"""Item 2 and 6: the country page, charts and maps offline, and the API figures."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

STATIC = settings.BASE_DIR / "static" if hasattr(settings, "BASE_DIR") else None


def test_portal_country_page_shows_key_indicators_with_year_and_source(client, indicators):
    html = client.get("/countries/KZ/").content.decode()
    assert 'id="water-intelligence"' in html
    row = re.search(r'<tr data-indicator="dependency_ratio">(.*?)</tr>', html, re.S).group(1)
    assert "40.64 %" in row and "2018" in row and "FAO AQUASTAT" in row
    stress = re.search(r'<tr data-indicator="water_stress">(.*?)</tr>', html, re.S).group(1)
    assert "32.65 %" in stress and "2018" in stress
    agri = re.search(r'<tr data-indicator="agri_withdrawal_share">(.*?)</tr>', html, re.S).group(1)
    assert "63.16 %" in agri
    water = re.search(r'<tr data-indicator="safely_managed_water">(.*?)</tr>', html, re.S).group(1)
    assert "89.51 %" in water and "2017" in water and "UN SDG Global Database" in water


def test_flagged_values_are_shown_as_published(client, indicators):
    from ecobridge.insights.models import Indicator

    Indicator.objects.filter(code="external_rwr").update(is_key=True)
    html = client.get("/insights/KG/").content.decode()
    row = re.search(r'<tr data-indicator="external_rwr">(.*?)</tr>', html, re.S).group(1)
    assert "-25.31" in row and "negative as published" in row


def test_country_page_in_russian(client, indicators):
    html = client.get("/insights/KZ/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Казахстан" in html
    assert "Коэффициент зависимости от внешних водных ресурсов" in html
    assert "Ключевые водные показатели" in html
    assert "Управление трансграничными водами" in html  # signal title


def test_signals_are_shown_with_evidence_and_technology_links(client, indicators, ca_countries):
    from ecobridge.directory.models import Organisation, Sector, Technology

    sector = Sector.objects.create(code="31140", category="311", name={"en": "Agricultural water"})
    org = Organisation.objects.create(
        name={"en": "Drip Co"}, kind="company", country=ca_countries["KR"]
    )
    tech = Technology.objects.create(owner=org, title={"en": "Smart drip irrigation"})
    tech.sectors.set([sector])
    html = client.get("/insights/KZ/").content.decode()
    block = re.search(
        r'data-signal="irrigation_efficiency">(.*?)</li>\s*<li class="signal"|data-signal="irrigation_efficiency">(.*)',
        html,
        re.S,
    )
    text = block.group(0)
    assert "32.65 %" in text and "&gt;= 25.0" in text and "63.16 %" in text and "&gt;= 60.0" in text
    assert "Smart drip irrigation" in text
    assert f"{reverse('portal:technology-list')}?sector=31140" in text


def test_peer_comparison_covers_central_asia(client, indicators):
    from ecobridge.insights.services import peers

    data = peers(
        __import__("ecobridge.directory.models", fromlist=["Country"]).Country.objects.get(
            code="KZ"
        ),
        "en",
    )
    assert set(data["countries"]) == {
        "Kazakhstan",
        "Kyrgyzstan",
        "Tajikistan",
        "Turkmenistan",
        "Uzbekistan",
    }
    dep = next(row for row in data["indicators"] if row["code"] == "dependency_ratio")
    values = {v["alpha3"]: round(v["value"], 1) for v in dep["values"]}
    assert values == {"KAZ": 40.6, "KGZ": 1.1, "TJK": 17.3, "TKM": 97.0, "UZB": 80.1}
    html = client.get("/insights/KZ/").content.decode()
    assert 'id="peer-chart"' in html and "Uzbekistan" in html


def test_charts_and_maps_need_no_network(client, indicators):
    from ecobridge.insights.geo import GEOJSON

    html = client.get("/insights/KZ/").content.decode()
    for src in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not src.startswith(("http://", "https://", "//")), src
    assert "/static/ecobridge/vendor/echarts/echarts.min.js" in html
    import ecobridge

    vendor = GEOJSON.parents[3] / "static" / "ecobridge" / "vendor" / "echarts"
    assert (vendor / "echarts.min.js").stat().st_size > 500_000
    assert "Apache License" in (vendor / "LICENSE").read_text()
    assert "6." in (vendor / "VERSION").read_text()
    js = (GEOJSON.parents[3] / "static" / "ecobridge" / "insights.js").read_text()
    assert "http" not in js  # data comes from this site only
    assert ecobridge


def test_world_geojson_is_served_from_the_shipped_file(client):
    data = client.get(reverse("insights:world-geojson")).json()
    assert len(data["features"]) == 177
    codes = {f["properties"]["iso_a3"] for f in data["features"]}
    assert {"KAZ", "UZB", "FRA", "NOR"} <= codes  # FRA/NOR via ADM0_A3 fallback


def test_map_api_switches_indicator(client, indicators):
    dep = client.get(reverse("insights:api-map", args=["dependency_ratio"])).json()
    kaz = next(v for v in dep["values"] if v["alpha3"] == "KAZ")
    assert (round(kaz["value"], 2), kaz["year"]) == (40.64, 2018)
    stress = client.get(reverse("insights:api-map", args=["water_stress"])).json()
    kaz = next(v for v in stress["values"] if v["alpha3"] == "KAZ")
    assert (round(kaz["value"], 2), kaz["year"]) == (32.65, 2018)
    assert stress["higher_is_worse"] is True
    assert client.get("/insights/api/map/nope/").status_code == 404


def test_world_map_page_lists_every_indicator(client, indicators):
    html = client.get(reverse("insights:map")).content.decode()
    assert html.count("<option value=") >= 20
    assert 'id="world-map"' in html and 'id="cooperation-map"' in html


def test_cooperation_map_counts_records_per_country(client, indicators, ca_countries, monkeypatch):
    from ecobridge.directory.models import Need, Organisation
    from ecobridge.insights import services

    org = Organisation.objects.create(
        name={"en": "Vodokanal"}, kind="utility", country=ca_countries["KZ"]
    )
    Need.objects.create(organisation=org, country=ca_countries["KZ"], title={"en": "Leaks"})
    monkeypatch.setattr(
        services,
        "COOPERATION_SOURCES",
        [("agreements", "directory.Need", "country"), ("projects", "missing.Model", "x")],
    )
    data = client.get(reverse("insights:cooperation-data")).json()
    assert data["values"] == [{"alpha3": "KAZ", "total": 1, "agreements": 1, "projects": 0}]


def test_unknown_country_404(client, indicators):
    assert client.get("/insights/XX/").status_code == 404


def test_cooperation_map_counts_agreements_projects_events(client, ca_countries):
    from datetime import date

    from ecobridge.cooperation.models import Agreement, AgreementKind, Project
    from ecobridge.events.models import Event

    kz, kr, uz = ca_countries["KZ"], ca_countries["KR"], ca_countries["UZ"]
    agreement = Agreement.objects.create(
        key="kr-kz-water", kind=AgreementKind.values[0], title={"en": "MOU on water"}
    )
    agreement.party_countries.set([kr, kz])
    project = Project.objects.create(iati_identifier="KR-1-KZ", title={"en": "Leak detection"})
    project.recipient_countries.set([kz, uz])
    Event.objects.create(
        slug="delegation", title={"en": "Delegation"}, kind="delegation",
        start_date=date(2025, 9, 1), end_date=date(2025, 9, 3), country=kz,
    )  # fmt: skip
    values = {
        v["alpha3"]: v for v in client.get(reverse("insights:cooperation-data")).json()["values"]
    }
    assert values["KAZ"] == {
        "alpha3": "KAZ",
        "total": 3,
        "agreements": 1,
        "projects": 1,
        "events": 1,
    }
    assert values["KOR"]["agreements"] == 1 and values["UZB"]["projects"] == 1


def test_navigation_entries_follow_the_interface_language(client, db):
    html = client.get(reverse("insights:map"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert ">Карта воды</a>" in html and ">Предупреждения</a>" in html
    html = client.get(reverse("insights:map"), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert ">물 지도</a>" in html and ">경보</a>" in html
