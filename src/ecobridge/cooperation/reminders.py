"""Reminders: agreements about to expire and overdue action items, e-mailed to owners.

Run daily by Celery beat (``CELERY_BEAT_SCHEDULE`` in settings). Each e-mail is written in
the owner's language. An expiry reminder goes once per expiry date; an overdue reminder
at most once a week per item, so a daily run never floods anyone.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ecobridge.cooperation.models import ActionItem, ActionStatus, Agreement, AgreementStatus
from ecobridge.core.i18n import localize

EXPIRY_WARNING_DAYS = 90
OVERDUE_REPEAT_DAYS = 7


def _send(user, subject: str, body: str) -> None:
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={"Content-Language": user.language},
    )
    message.send()


def _link(path: str) -> str:
    return f"{getattr(settings, 'SITE_URL', '')}{path}"


def expiry_reminder(agreement: Agreement) -> tuple[str, str]:
    """Subject and body, in the active language."""
    owner = agreement.owner
    title = localize(agreement.title, owner.language).text
    subject = _("Agreement expires on %(date)s: %(title)s") % {
        "date": agreement.expires_on.isoformat(),
        "title": title,
    }
    body = _(
        "The agreement “%(title)s” expires on %(date)s.\n"
        "Decide whether to renew it, let it expire or end it, and record the step here:\n%(link)s"
    ) % {
        "title": title,
        "date": agreement.expires_on.isoformat(),
        "link": _link(agreement.get_absolute_url()),
    }
    return subject, body


def overdue_reminder(item: ActionItem) -> tuple[str, str]:
    owner = item.owner
    title = localize(item.title, owner.language).text
    parent = item.agreement or item.meeting
    parent_title = (
        localize(item.agreement.title, owner.language).text if item.agreement else str(parent)
    )
    subject = _("Overdue action: %(title)s") % {"title": title}
    body = _(
        "The action “%(title)s” (%(parent)s) was due on %(date)s and is still open.\n"
        "Close it or agree a new date:\n%(link)s"
    ) % {
        "title": title,
        "parent": parent_title,
        "date": item.due_on.isoformat(),
        "link": _link(item.get_absolute_url()),
    }
    return subject, body


def send_due_reminders(today: datetime.date | None = None) -> dict[str, int]:
    """Send every reminder due today; returns how many of each kind went out."""
    today = today or timezone.localdate()
    sent = {"expiry": 0, "overdue": 0}
    expiring = Agreement.objects.filter(
        status__in=[AgreementStatus.SIGNED, AgreementStatus.IN_FORCE],
        expires_on__gte=today,
        expires_on__lte=today + datetime.timedelta(days=EXPIRY_WARNING_DAYS),
        owner__isnull=False,
    ).select_related("owner")
    for agreement in expiring:
        if agreement.expiry_reminder_sent_for == agreement.expires_on or not agreement.owner.email:
            continue
        with translation.override(agreement.owner.language):
            subject, body = expiry_reminder(agreement)
        with transaction.atomic():
            Agreement.objects.filter(pk=agreement.pk).update(
                expiry_reminder_sent_for=agreement.expires_on
            )
            transaction.on_commit(lambda a=agreement, s=subject, b=body: _send(a.owner, s, b))
        sent["expiry"] += 1
    overdue = ActionItem.objects.filter(
        status=ActionStatus.OPEN, due_on__lt=today, owner__isnull=False
    ).select_related("owner", "agreement", "meeting")
    repeat_after = today - datetime.timedelta(days=OVERDUE_REPEAT_DAYS)
    for item in overdue:
        if not item.owner.email or (item.reminder_sent_on and item.reminder_sent_on > repeat_after):
            continue
        with translation.override(item.owner.language):
            subject, body = overdue_reminder(item)
        with transaction.atomic():
            ActionItem.objects.filter(pk=item.pk).update(reminder_sent_on=today)
            transaction.on_commit(lambda i=item, s=subject, b=body: _send(i.owner, s, b))
        sent["overdue"] += 1
    return sent
