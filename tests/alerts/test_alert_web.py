"""Item 5/6: alerts shown on country pages, uploaded by officers, served by the API."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ecobridge.alerts.demo import synthetic_kz_flood
from ecobridge.alerts.importing import import_bytes
from tests.alerts.test_cap_import import XXE_FILE

pytestmark = pytest.mark.django_db


def test_country_page_shows_active_alert_with_severity_and_expiry(client, world):
    alert = import_bytes(synthetic_kz_flood(), "kz.xml").alerts[0]
    html = client.get("/countries/KZ/").content.decode()
    assert 'id="alerts"' in html
    assert "Flood warning" in html
    assert "Severe" in html and "Expected" in html and "Likely" in html
    assert alert.expires_at.strftime("%Y-%m-%d") in html
    assert reverse("alerts:detail", args=[alert.pk]) in html
    assert "No active alert" in client.get("/countries/KR/").content.decode()


def test_country_page_in_russian_uses_russian_info(client, world):
    import_bytes(synthetic_kz_flood(), "kz.xml")
    html = client.get("/countries/KZ/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Предупреждение о паводке" in html


def test_officer_uploads_cap_file(client, world, officer, outsider):
    client.force_login(outsider)
    assert client.get(reverse("alerts:upload")).status_code == 403
    client.force_login(officer)
    response = client.post(
        reverse("alerts:upload"), {"file": SimpleUploadedFile("kz.xml", synthetic_kz_flood())}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("alerts:upload"), {"file": SimpleUploadedFile("x.xml", XXE_FILE)}
    )
    assert response.status_code == 400
    assert "refused for safety" in response.content.decode()


def test_alerts_api_filters_by_country_and_activity(client, world):
    import_bytes(synthetic_kz_flood(), "kz.xml")
    data = client.get("/alerts/api/alerts/?country=KZ&active=1").json()
    assert data["count"] == 1
    item = data["results"][0]
    assert item["countries"] == ["KZ"]
    assert item["active"] is True
    assert {i["severity"] for i in item["infos"]} == {"Severe"}
    assert client.get("/alerts/api/alerts/?country=KAZ").json()["count"] == 1
    assert client.get("/alerts/api/alerts/?country=KR").json()["count"] == 0
    assert (
        client.get("/alerts/api/alerts/?country=KZ&from=2000-01-01&to=2000-12-31").json()["count"]
        == 0
    )


def test_alert_list_and_detail_pages(client, world):
    alert = import_bytes(synthetic_kz_flood(), "kz.xml").alerts[0]
    assert "Flood warning" in client.get(reverse("alerts:list")).content.decode()
    html = client.get(reverse("alerts:detail", args=[alert.pk])).content.decode()
    assert "Ishim" in html and "Kazakhstan" in html


def test_country_sections_flag_active_alerts_in_russian(client, world):
    import_bytes(synthetic_kz_flood(), "kz.xml")
    html = client.get("/countries/KZ/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Раннее оповещение (CAP)" in html
    assert "Серьёзность" in html and "действует" in html
    assert 'href="#alerts">⚠ Действующие предупреждения: 1' in html
