"""Domain functions for accounts: users, staff roles, memberships, preferences.

Only administrators manage accounts; everyone may change their own interface language.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction

from ecobridge.core import audit
from ecobridge.core.models import Membership, User
from ecobridge.core.permissions import require

ACCOUNT_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "staff_role",
    "language",
    "is_active",
)


def _require_admin(actor) -> None:
    require(
        actor.is_authenticated and actor.is_administrator, "Only administrators manage accounts."
    )


def create_user(actor, data: dict[str, Any], password: str | None = None) -> User:
    _require_admin(actor)
    with transaction.atomic():
        user = User(**{k: v for k, v in data.items() if k in ACCOUNT_FIELDS})
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean()
        user.save()
        audit.record(actor, "create", user, audit.diff({}, _account(user)))
    return user


def update_user(actor, user: User, data: dict[str, Any]) -> dict[str, list[Any]]:
    _require_admin(actor)
    with transaction.atomic():
        before = _account(user)
        for key, value in data.items():
            if key not in ACCOUNT_FIELDS:
                raise ValueError(f"accounts have no field {key!r}")
            setattr(user, key, value)
        changes = audit.diff(before, _account(user))
        if changes:
            user.full_clean()
            user.save()
            audit.record(actor, "update", user, changes)
    return changes


def add_membership(actor, user: User, organisation, role: str) -> Membership:
    _require_admin(actor)
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user, organisation=organisation, role=role
        )
        if created:
            audit.record(
                actor, "add_membership", user, {"membership": [None, f"{organisation.pk}:{role}"]}
            )
    return membership


def remove_membership(actor, membership: Membership) -> None:
    _require_admin(actor)
    with transaction.atomic():
        user = membership.user
        value = f"{membership.organisation_id}:{membership.role}"
        membership.delete()
        audit.record(actor, "remove_membership", user, {"membership": [value, None]})


def set_user_language(actor, user: User, language: str) -> None:
    """Anyone may choose their own interface language."""
    require(
        actor.is_authenticated and actor.pk == user.pk, "You may only change your own language."
    )
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"unknown interface language {language!r}")
    if user.language != language:
        with transaction.atomic():
            audit.record(actor, "update", user, {"language": [user.language, language]})
            User.objects.filter(pk=user.pk).update(language=language)
            user.language = language


def _account(user: User) -> dict[str, Any]:
    return {field: getattr(user, field) for field in ACCOUNT_FIELDS}
