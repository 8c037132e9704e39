"""Item 5: alerts shown on events and projects in the affected area and period."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ecobridge.alerts.demo import synthetic_kz_flood
from ecobridge.alerts.importing import import_bytes

pytestmark = pytest.mark.django_db


def test_event_page_shows_alert_in_its_country_and_dates(client, world):
    from ecobridge.events.models import Event

    import_bytes(synthetic_kz_flood(), "kz.xml")
    today = timezone.now().date()
    during = Event.objects.create(
        slug="kz-delegation", title={"en": "Delegation to Petropavl"}, kind="delegation",
        start_date=today, end_date=today + timedelta(days=2), country=world["KZ"],
    )  # fmt: skip
    later = Event.objects.create(
        slug="kz-later", title={"en": "Later visit"}, kind="delegation",
        start_date=today + timedelta(days=40), end_date=today + timedelta(days=41),
        country=world["KZ"],
    )  # fmt: skip
    html = client.get(reverse("events:detail", args=[during.slug])).content.decode()
    assert "Early-warning alerts in this area and period" in html
    assert "Flood warning" in html and "Severe" in html
    html = client.get(reverse("events:detail", args=[later.slug])).content.decode()
    assert "Flood warning" not in html


def test_project_page_shows_alert_in_recipient_country_and_period(client, world):
    from ecobridge.cooperation.models import Project

    import_bytes(synthetic_kz_flood(), "kz.xml")
    ongoing = Project.objects.create(
        iati_identifier="KR-TEST-1", title={"en": "Ishim flood forecasting"},
        planned_start=date(2024, 1, 1),
    )  # fmt: skip
    ongoing.recipient_countries.set([world["KZ"]])
    finished = Project.objects.create(
        iati_identifier="KR-TEST-2", title={"en": "Old project"},
        planned_start=date(2010, 1, 1), planned_end=date(2012, 1, 1),
    )  # fmt: skip
    finished.recipient_countries.set([world["KZ"]])
    elsewhere = Project.objects.create(
        iati_identifier="KR-TEST-3", title={"en": "Elsewhere"}, planned_start=date(2024, 1, 1)
    )
    elsewhere.recipient_countries.set([world["UZ"]])
    url = "cooperation:project-detail"
    assert "Flood warning" in client.get(reverse(url, args=[ongoing.pk])).content.decode()
    assert "Flood warning" not in client.get(reverse(url, args=[finished.pk])).content.decode()
    assert "Flood warning" not in client.get(reverse(url, args=[elsewhere.pk])).content.decode()
