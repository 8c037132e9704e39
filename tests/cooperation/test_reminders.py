"""Expiry and overdue-action reminders: a periodic job e-mailing owners in their language."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.core import mail

from ecobridge.cooperation import services
from ecobridge.cooperation.reminders import send_due_reminders
from ecobridge.cooperation.tasks import send_reminders

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def russian_officer(officer):
    officer.language = "ru"
    officer.email = "officer@example.org"
    officer.save()
    return officer


def test_beat_runs_the_reminders_daily():
    entries = [
        e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == send_reminders.name
    ]
    assert entries and entries[0]["schedule"] == 24 * 60 * 60


def test_expiry_reminder_once_in_the_owners_language(russian_officer, mou):
    services.update_agreement(russian_officer, mou, {"expires_on": datetime.date(2026, 8, 17)})
    assert send_due_reminders(TODAY) == {"expiry": 1, "overdue": 0}
    (message,) = mail.outbox
    assert message.to == ["officer@example.org"]
    assert message.extra_headers["Content-Language"] == "ru"
    assert "Меморандум о воде" in message.subject  # the Russian title, not the English one
    assert "2026-08-17" in message.body and f"/cooperation/agreements/{mou.pk}/" in message.body
    assert send_due_reminders(TODAY) == {"expiry": 0, "overdue": 0}
    assert len(mail.outbox) == 1


def test_no_reminder_far_from_expiry_or_after_it_ended(russian_officer, mou):
    services.update_agreement(russian_officer, mou, {"expires_on": datetime.date(2027, 8, 17)})
    assert send_due_reminders(TODAY)["expiry"] == 0
    services.update_agreement(russian_officer, mou, {"expires_on": datetime.date(2026, 7, 1)})
    services.terminate_agreement(russian_officer, mou, datetime.date(2026, 5, 1))
    assert send_due_reminders(TODAY)["expiry"] == 0
    assert mail.outbox == []


def test_overdue_action_reminder_weekly(russian_officer, mou):
    item = services.add_action_item(
        russian_officer,
        {
            "agreement": mou,
            "title": {"en": "Send specs", "ru": "Отправить спецификации"},
            "owner": russian_officer,
            "due_on": datetime.date(2026, 5, 20),
        },
    )
    services.add_action_item(
        russian_officer,
        {
            "agreement": mou,
            "title": {"en": "Not yet due"},
            "owner": russian_officer,
            "due_on": datetime.date(2026, 7, 1),
        },
    )
    assert send_due_reminders(TODAY)["overdue"] == 1
    assert "Отправить спецификации" in mail.outbox[0].subject
    assert send_due_reminders(TODAY + datetime.timedelta(days=3))["overdue"] == 0
    assert send_due_reminders(TODAY + datetime.timedelta(days=8))["overdue"] == 1
    services.close_action_item(russian_officer, item, TODAY + datetime.timedelta(days=9))
    assert send_due_reminders(TODAY + datetime.timedelta(days=20))["overdue"] == 0
