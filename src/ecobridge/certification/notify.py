"""E-mail to the people on either side of a case, each in their own language."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import override

from ecobridge.core.models import MembershipRole, User


def company_users(case) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=case.application.organisation_id,
            memberships__role=MembershipRole.COMPANY_MEMBER,
        ).distinct()
    )


def reviewer_users(case) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=case.scheme.institution_id,
            memberships__role=MembershipRole.CERTIFICATION_REVIEWER,
        ).distinct()
    )


def send(users: Iterable[User], subject: str, template: str, context: dict) -> int:
    """Render ``template`` and the (lazily translated) ``subject`` per recipient language.

    ``subject`` may hold ``%(name)s`` placeholders filled from ``context``.
    """
    sent = 0
    for user in {user.pk: user for user in users}.values():  # each person once
        if not user.email:
            continue
        with override(user.language or settings.LANGUAGE_CODE):
            text = str(subject) % {k: str(v) for k, v in context.items()}
            body = render_to_string(
                template, {**context, "recipient": user, "site_url": settings.SITE_URL}
            )
        send_mail(f"[ecobridge] {text}", body, None, [user.email])
        sent += 1
    return sent
