"""Reminders: supplement deadlines, overdue cases, certificate expiry; once each, in the
recipient's language; scheduled by Celery beat."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext

from ecobridge.certification import notify, services
from ecobridge.certification.models import StagePeriod
from ecobridge.certification.reminders import send_due_reminders
from ecobridge.certification.tasks import send_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def languages(monkeypatch):
    """Record the active language each e-mail body is rendered in."""
    seen = []
    original = notify.render_to_string

    def render(template, context):
        seen.append((context["recipient"].username, translation.get_language()))
        return original(template, context)

    monkeypatch.setattr(notify, "render_to_string", render)
    return seen


def test_supplement_deadline_reminder_once(case, reviewer, owner, languages):
    services.request_supplement(
        reviewer, case, "Data please", timezone.localdate() + dt.timedelta(days=2)
    )
    mail.outbox.clear()
    assert send_due_reminders()["supplements"] == 1
    assert mail.outbox[0].to == ["owner@example.org"]
    assert "Data please" not in mail.outbox[0].body and str(case) in mail.outbox[0].body
    assert languages == [("owner", "ru")]
    assert send_due_reminders()["supplements"] == 0  # already reminded


def test_overdue_case_reminds_reviewers_and_company_in_their_language(
    case, reviewer, owner, languages
):
    case.submitted_at = timezone.now() - dt.timedelta(days=100)
    case.save()
    StagePeriod.objects.filter(case=case).update(started_at=case.submitted_at)
    mail.outbox.clear()
    result = send_due_reminders()
    assert result["cases"] == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["ktl-reviewer@example.org", "owner@example.org"]
    assert sorted(languages) == [("ktl-reviewer", "ko"), ("owner", "ru")]
    for message in mail.outbox:
        language = "ko" if message.to[0].startswith("ktl") else "ru"
        with translation.override(language):
            expected = gettext("Case %(case)s has used %(used)s of %(limit)s days.") % {
                "case": case,
                "used": 100,
                "limit": 90,
            }
        assert expected in message.body


def test_overdue_stage_reminds_reviewers(case, reviewer):
    services.start_review(reviewer, case)
    StagePeriod.objects.filter(case=case, ended_at__isnull=True).update(
        started_at=timezone.now() - dt.timedelta(days=25)  # review limit: 20 days
    )
    mail.outbox.clear()
    assert send_due_reminders()["stages"] == 1
    assert mail.outbox[-1].to == ["ktl-reviewer@example.org"]


def test_certificate_expiry_reminders(case, reviewer, owner):
    services.start_review(reviewer, case)
    services.advance_case(reviewer, case)
    services.advance_case(reviewer, case)
    certificate = services.issue_certificate(reviewer, case, "claim", publish=True)
    today = timezone.localdate()
    assert send_due_reminders()["certificates"] == 0  # 36 months ahead
    certificate.expires_on = today + dt.timedelta(days=60)
    certificate.save()
    mail.outbox.clear()
    assert send_due_reminders()["certificates"] == 1
    assert certificate.number in mail.outbox[0].body and mail.outbox[0].to == ["owner@example.org"]
    certificate.expires_on = today + dt.timedelta(days=20)
    certificate.save()
    assert send_due_reminders()["certificates"] == 1  # the 30-day warning is separate
    assert send_due_reminders()["certificates"] == 0


def test_beat_schedule_runs_the_reminder_task(case):
    entry = settings.CELERY_BEAT_SCHEDULE["certification-reminders"]
    assert entry["task"] == send_reminders.name
    assert send_reminders() == {"supplements": 0, "cases": 0, "stages": 0, "certificates": 0}
