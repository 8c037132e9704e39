"""Reminders: supplement deadlines, overdue cases and stages, certificate expiry.

Run daily by Celery beat (see ``CELERY_BEAT_SCHEDULE``). Each reminder is sent once:
its key goes into :class:`ReminderLog`, so a second run the same day sends nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecobridge.certification import clock, notify, tracking
from ecobridge.certification.models import Case, Certificate, ReminderLog, SupplementRequest
from ecobridge.certification.workflow import WORKING

EXPIRY_WARNINGS = (90, 30)  # days before expiry


def _once(key: str) -> bool:
    """True the first time ``key`` is seen."""
    try:
        with transaction.atomic():
            ReminderLog.objects.create(key=key)
    except IntegrityError:
        return False
    return True


def _send(users, key: str, subject, text, link: str, context: dict) -> int:
    if not users or not _once(key):
        return 0
    return notify.send(
        users,
        subject,
        "certification/email/reminder.txt",
        {**context, "text": text, "link": link},
    )


class _Text:
    """A lazily translated sentence filled in when rendered (in the recipient's language)."""

    def __init__(self, template, **values):
        self.template, self.values = template, values

    def __str__(self) -> str:
        return str(self.template) % {k: str(v) for k, v in self.values.items()}


def send_due_reminders(now: dt.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = {"supplements": 0, "cases": 0, "stages": 0, "certificates": 0}

    supplements = SupplementRequest.objects.filter(
        answered_at__isnull=True, case__status__in=WORKING
    ).select_related("case__scheme", "case__application")
    for supplement in supplements:
        state = clock.deadline_state(supplement.due_date, today)
        if state == "ok":
            continue
        case = supplement.case
        text = _Text(
            _("The supplement requested for case %(case)s is due on %(due)s (%(state)s)."),
            case=case,
            due=supplement.due_date,
            state=_("overdue") if state == "overdue" else _("due soon"),
        )
        sent["supplements"] += _send(
            notify.company_users(case),
            f"supplement:{supplement.pk}:{state}",
            _("Reminder: supplement for %(case)s"),
            text,
            case.get_absolute_url(),
            {"case": case},
        )

    cases = tracking.prefetched(Case.objects.filter(status__in=WORKING))
    for case in cases:
        c = tracking.case_clock(case, now)
        if c.state in ("overdue", "due_soon"):
            text = _Text(
                _("Case %(case)s has used %(used)s of %(limit)s days."),
                case=case,
                used=c.whole_days,
                limit=c.limit,
            )
            users = notify.reviewer_users(case)
            if c.state == "overdue":
                users += notify.company_users(case)
            sent["cases"] += _send(
                users,
                f"case:{case.pk}:{c.state}",
                _("Reminder: case %(case)s is past or near its legal limit"),
                text,
                case.get_absolute_url(),
                {"case": case},
            )
        if c.stage_state == "overdue":
            text = _Text(
                _("Case %(case)s has spent %(used)s days in its current stage (limit %(limit)s)."),
                case=case,
                used=int(c.stage_used),
                limit=c.stage_limit,
            )
            sent["stages"] += _send(
                notify.reviewer_users(case),
                f"case:{case.pk}:stage:{case.status}:{case.periods.count()}:overdue",
                _("Reminder: stage overdue in case %(case)s"),
                text,
                case.get_absolute_url(),
                {"case": case},
            )

    horizon = today + dt.timedelta(days=max(EXPIRY_WARNINGS))
    certificates = Certificate.objects.filter(
        published_at__isnull=False, expires_on__lte=horizon
    ).select_related("case__application", "case__scheme", "technology")
    for certificate in certificates:
        left = (certificate.expires_on - today).days
        warning = min((d for d in EXPIRY_WARNINGS if left <= d), default=0)
        label = "expired" if left < 0 else f"expiry{warning}"
        text = _Text(
            _("Certificate %(number)s expires on %(date)s."),
            number=certificate.number,
            date=certificate.expires_on,
        )
        sent["certificates"] += _send(
            notify.company_users(certificate.case),
            f"certificate:{certificate.pk}:{label}",
            _("Reminder: certificate %(case)s expires"),
            text,
            certificate.technology.get_absolute_url(),
            {"case": certificate.number},
        )
    return sent
