"""Domain functions for the directory: one per action, used by web, API and CLI alike.

Each checks permissions, validates, writes inside a transaction and leaves an audit
entry naming the changed fields.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from ecobridge.core import audit
from ecobridge.core.permissions import can_create, can_edit, organisation_of, require
from ecobridge.directory.models import Need, Organisation, Person, Technology


def _split(model: type[models.Model], data: dict[str, Any]):
    m2m_names = {f.name for f in model._meta.many_to_many}
    fields = {k: v for k, v in data.items() if k not in m2m_names}
    m2m = {k: v for k, v in data.items() if k in m2m_names}
    return fields, m2m


def _apply(instance: models.Model, fields: dict[str, Any]) -> None:
    known = {f.name for f in instance._meta.concrete_fields}
    for name, value in fields.items():
        if name not in known:
            raise ValueError(f"{instance._meta.label} has no field {name!r}")
        setattr(instance, name, value)


def create_record(actor, model: type[models.Model], data: dict[str, Any]) -> models.Model:
    fields, m2m = _split(model, data)
    instance = model()
    _apply(instance, fields)
    require(
        can_create(actor, model, organisation_of(instance) if model is not Organisation else None),
        f"You may not create this {model._meta.verbose_name}.",
    )
    with transaction.atomic():
        instance.full_clean()
        instance.save()
        for name, values in m2m.items():
            getattr(instance, name).set(values)
        audit.record(actor, "create", instance, audit.diff({}, audit.snapshot(instance)))
    return instance


def update_record(actor, instance: models.Model, data: dict[str, Any]) -> models.Model:
    apply_update(actor, instance, data)
    return instance


def apply_update(actor, instance: models.Model, data: dict[str, Any]) -> dict[str, list[Any]]:
    """Update a record; returns the changed fields. Nothing is saved when nothing changed."""
    require(can_edit(actor, instance), f"You may not edit {instance}.")
    model = type(instance)
    fields, m2m = _split(model, data)
    with transaction.atomic():
        before = audit.snapshot(instance)
        old_owner = organisation_of(instance) if model is not Organisation else None
        _apply(instance, fields)
        new_owner = organisation_of(instance) if model is not Organisation else None
        if old_owner != new_owner:
            require(
                can_create(actor, model, new_owner),
                f"You may not move this record to {new_owner}.",
            )
        after = audit.snapshot(instance)
        for name, values in m2m.items():
            after[name] = sorted(str(v.pk if hasattr(v, "pk") else v) for v in values)
        changes = audit.diff(before, after)
        if not changes:
            return {}
        instance.full_clean()
        instance.save()
        for name, values in m2m.items():
            getattr(instance, name).set(values)
        audit.record(actor, "update", instance, changes)
    return changes


def delete_record(actor, instance: models.Model) -> None:
    require(can_edit(actor, instance), f"You may not delete {instance}.")
    with transaction.atomic():
        audit.record(actor, "delete", instance, audit.diff(audit.snapshot(instance), {}))
        instance.delete()


def create_organisation(actor, data: dict[str, Any]) -> Organisation:
    return create_record(actor, Organisation, data)


def update_organisation(actor, organisation: Organisation, data: dict[str, Any]) -> Organisation:
    return update_record(actor, organisation, data)


def create_person(actor, data: dict[str, Any]) -> Person:
    return create_record(actor, Person, data)


def update_person(actor, person: Person, data: dict[str, Any]) -> Person:
    return update_record(actor, person, data)


def create_technology(actor, data: dict[str, Any]) -> Technology:
    return create_record(actor, Technology, data)


def update_technology(actor, technology: Technology, data: dict[str, Any]) -> Technology:
    return update_record(actor, technology, data)


def create_need(actor, data: dict[str, Any]) -> Need:
    return create_record(actor, Need, data)


def update_need(actor, need: Need, data: dict[str, Any]) -> Need:
    return update_record(actor, need, data)
