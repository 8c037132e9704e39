"""The audit log: every write through a domain function leaves one entry."""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.db import models

from ecobridge.core.models import AuditEntry


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The audited values of a model instance, many-to-many fields included."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in {"search_text", "created_at", "updated_at"}:
            continue
        values[field.name] = _plain(field.value_from_object(instance))
    if instance.pk:
        for field in instance._meta.many_to_many:
            values[field.name] = sorted(
                str(pk) for pk in getattr(instance, field.name).values_list("pk", flat=True)
            )
    return values


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if hasattr(value, "name") and hasattr(value, "url"):  # a FieldFile
        return value.name or ""
    return value


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value changed, as ``{field: [old, new]}``."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def record(
    actor, action: str, instance: models.Model, changes: dict[str, list[Any]] | None = None
) -> AuditEntry:
    """Write one audit entry. Call inside the transaction that made the change."""
    user = actor if getattr(actor, "pk", None) else None
    label = getattr(actor, "username", None) or (actor if isinstance(actor, str) else "system")
    return AuditEntry.objects.create(
        actor=user,
        actor_label=label,
        action=action,
        object_type=instance._meta.label,
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        changes=changes or {},
    )
