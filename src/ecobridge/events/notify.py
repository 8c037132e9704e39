"""E-mails to participants and interpreters, each rendered in the recipient's language.

Messages are sent after the transaction commits, so nobody hears of a change that was
rolled back. A recipient is a registration (its user's language wins, then the
registration's own) or a user.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import translation


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str


def recipient_of(who) -> Recipient | None:
    """A user or registration as an addressee (``None`` without an e-mail address)."""
    user = getattr(who, "user", None) if hasattr(who, "role") else who
    email = (getattr(user, "email", "") or "") or getattr(who, "email", "")
    language = getattr(user, "language", "") or getattr(who, "language", "") or "en"
    if not email:
        return None
    return Recipient(email, language)


def send(
    recipients: Iterable,
    render: Callable[[object], tuple[str, str]],
    attach: Callable[[object], tuple[str, bytes, str] | None] | None = None,
) -> list[Recipient]:
    """Queue one e-mail per recipient. ``render(who)`` is called with the recipient's
    language active and returns (subject, body); ``attach(who)`` may add one file as
    (name, content, mime type)."""
    queued: list[tuple[Recipient, str, str, tuple | None]] = []
    seen: set[str] = set()
    for who in recipients:
        if who is None:
            continue
        to = recipient_of(who)
        if to is None or to.email in seen:
            continue
        seen.add(to.email)
        with translation.override(to.language):
            subject, body = render(who)
            queued.append((to, str(subject), str(body), attach(who) if attach else None))

    def deliver() -> None:
        for to, subject, body, attachment in queued:
            message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to.email])
            if attachment:
                message.attach(*attachment)
            message.send(fail_silently=True)

    transaction.on_commit(deliver)
    return [item[0] for item in queued]
