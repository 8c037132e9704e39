"""Who may read and change the cooperation registry.

- Administrators and programme officers record and change everything.
- Analysts read everything, drafts included, and change nothing.
- Everyone else (company and counterpart members, visitors) reads what has happened:
  agreements past the draft stage and all other records. Drafts stay with staff.
"""

from __future__ import annotations

from django.db.models import QuerySet

from ecobridge.core.permissions import is_staff_editor


def can_edit_cooperation(user) -> bool:
    return is_staff_editor(user)


def sees_drafts(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_ecobridge_staff)


def visible_agreements(user, queryset: QuerySet) -> QuerySet:
    if sees_drafts(user):
        return queryset
    return queryset.exclude(status="draft")


def can_view_agreement(user, agreement) -> bool:
    return sees_drafts(user) or agreement.status != "draft"
