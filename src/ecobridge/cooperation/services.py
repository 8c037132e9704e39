"""Domain functions of the cooperation registry: one per action.

Web views, the API, the command line and the demo loader all call these. Each checks
permission, validates, writes inside a transaction and leaves an audit entry.
"""

from __future__ import annotations

import datetime
import decimal
import io
import zipfile
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from ecobridge.cooperation.models import (
    TRANSITIONS,
    ActionItem,
    ActionStatus,
    Agreement,
    AgreementDocument,
    AgreementStatus,
    AgreementStatusChange,
    DatePrecision,
    MechanismMeeting,
    Project,
    truncate,
)
from ecobridge.cooperation.rules import can_edit_cooperation
from ecobridge.core import audit
from ecobridge.core.permissions import require

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def _require_editor(actor) -> None:
    require(
        can_edit_cooperation(actor),
        _("Only programme officers and administrators change the cooperation registry."),
    )


def _split(model: type[models.Model], data: dict[str, Any]):
    m2m_names = {f.name for f in model._meta.many_to_many}
    fields = {k: v for k, v in data.items() if k not in m2m_names}
    m2m = {k: v for k, v in data.items() if k in m2m_names}
    return fields, m2m


def _apply(instance: models.Model, fields: dict[str, Any]) -> None:
    editable = {f.name: f for f in instance._meta.concrete_fields if f.editable}
    for name, value in fields.items():
        if name not in editable:
            raise ValidationError({name: _("This field cannot be set here.")})
        field = editable[name]
        if isinstance(field, models.DecimalField) and value not in (None, ""):
            # Store and compare at the column's scale, so 45 and 45.0000 are one value.
            try:
                value = decimal.Decimal(str(value)).quantize(
                    decimal.Decimal(1).scaleb(-field.decimal_places)
                )
            except decimal.InvalidOperation as exc:
                raise ValidationError({name: _("Enter a number.")}) from exc
        setattr(instance, name, value)


def create_record(actor, model: type[models.Model], data: dict[str, Any]) -> models.Model:
    """Create any cooperation record (agreement, project, meeting, stage, …)."""
    _require_editor(actor)
    fields, m2m = _split(model, data)
    instance = model()
    _apply(instance, fields)
    with transaction.atomic():
        instance.full_clean()
        instance.save()
        for name, values in m2m.items():
            getattr(instance, name).set(values)
        audit.record(actor, "create", instance, audit.diff({}, audit.snapshot(instance)))
    return instance


def update_record(actor, instance: models.Model, data: dict[str, Any]) -> dict[str, list[Any]]:
    """Change fields of a record; returns the changes (empty: nothing was written)."""
    _require_editor(actor)
    fields, m2m = _split(type(instance), data)
    with transaction.atomic():
        before = audit.snapshot(instance)
        _apply(instance, fields)
        if hasattr(instance, "normalise_dates"):
            instance.normalise_dates()
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
    _require_editor(actor)
    with transaction.atomic():
        audit.record(actor, "delete", instance, audit.diff(audit.snapshot(instance), {}))
        instance.delete()


# --- Agreements ---------------------------------------------------------------------


def create_agreement(actor, data: dict[str, Any]) -> Agreement:
    """Record a new agreement; it starts as a draft and moves on only by transitions."""
    if not data.get("party_countries") and not data.get("party_organisations"):
        raise ValidationError(
            {"party_countries": _("Name at least one party (a country or an organisation).")}
        )
    return create_record(actor, Agreement, data)


def update_agreement(actor, agreement: Agreement, data: dict[str, Any]) -> dict[str, list[Any]]:
    if "status" in data:
        raise ValidationError({"status": _("Change the status with a lifecycle step.")})
    return update_record(actor, agreement, data)


def transition_agreement(
    actor,
    agreement: Agreement,
    to_status: str,
    on: datetime.date | None,
    precision: str = DatePrecision.DAY,
    note: str = "",
    successor: Agreement | None = None,
) -> AgreementStatusChange:
    """Move an agreement one step along its lifecycle, dated and audited.

    ``on`` may be None only when the source does not give the date (the step is still
    recorded, with its date unknown, rather than invented).
    """
    _require_editor(actor)
    if to_status not in AgreementStatus.values:
        raise ValidationError({"status": _("Unknown status %(s)s.") % {"s": to_status}})
    if precision not in DatePrecision.values:
        raise ValidationError({"precision": _("Unknown date precision %(p)s.") % {"p": precision}})
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if to_status not in TRANSITIONS[agreement.status]:
            raise ValidationError(
                {
                    "status": _("An agreement that is %(from)s cannot become %(to)s.")
                    % {
                        "from": AgreementStatus(agreement.status).label,
                        "to": AgreementStatus(to_status).label,
                    }
                }
            )
        before = audit.snapshot(agreement)
        on = truncate(on, precision)
        if to_status == AgreementStatus.SIGNED:
            agreement.signed_on, agreement.signed_on_precision = on, precision
        elif to_status == AgreementStatus.IN_FORCE:
            if agreement.signed_on and on and on < agreement.signed_on:
                raise ValidationError({"on": _("Entry into force is before the signing date.")})
            agreement.in_force_on, agreement.in_force_on_precision = on, precision
        else:
            agreement.ended_on, agreement.ended_on_precision = on, precision
        if successor is not None:
            if to_status != AgreementStatus.RENEWED:
                raise ValidationError({"successor": _("Only a renewal names a successor.")})
            if successor.pk == agreement.pk:
                raise ValidationError({"successor": _("An agreement cannot renew itself.")})
            Agreement.objects.filter(pk=successor.pk).update(renews=agreement)
        change = AgreementStatusChange.objects.create(
            agreement=agreement,
            from_status=agreement.status,
            to_status=to_status,
            on=on,
            on_precision=precision,
            note=note[:300],
            actor=actor if getattr(actor, "pk", None) else None,
            actor_label=getattr(actor, "username", "system"),
        )
        agreement.status = to_status
        agreement.save()
        audit.record(
            actor,
            f"agreement.{to_status}",
            agreement,
            audit.diff(before, audit.snapshot(agreement)),
        )
    return change


def sign_agreement(actor, agreement, on, precision=DatePrecision.DAY, note=""):
    return transition_agreement(actor, agreement, AgreementStatus.SIGNED, on, precision, note)


def bring_into_force(actor, agreement, on, precision=DatePrecision.DAY, note=""):
    return transition_agreement(actor, agreement, AgreementStatus.IN_FORCE, on, precision, note)


def expire_agreement(actor, agreement, on, precision=DatePrecision.DAY, note=""):
    return transition_agreement(actor, agreement, AgreementStatus.EXPIRED, on, precision, note)


def renew_agreement(actor, agreement, on, precision=DatePrecision.DAY, note="", successor=None):
    return transition_agreement(
        actor, agreement, AgreementStatus.RENEWED, on, precision, note, successor
    )


def terminate_agreement(actor, agreement, on, precision=DatePrecision.DAY, note=""):
    return transition_agreement(actor, agreement, AgreementStatus.TERMINATED, on, precision, note)


def _document_format(name: str, data: bytes) -> str:
    """``pdf`` or ``docx``, checked by content, not only by the file name."""
    lower = name.lower()
    if lower.endswith(".pdf"):
        if not data.startswith(b"%PDF-"):
            raise ValidationError({"file": _("This file is named .pdf but is not a PDF.")})
        return "pdf"
    if lower.endswith(".docx"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" not in archive.namelist():
                    raise zipfile.BadZipFile
        except zipfile.BadZipFile as exc:
            raise ValidationError(
                {"file": _("This file is named .docx but is not a Word document.")}
            ) from exc
        return "docx"
    raise ValidationError({"file": _("Upload a PDF or DOCX file.")})


def add_document(actor, agreement: Agreement, uploaded, title: str = "") -> AgreementDocument:
    """Attach the text of an agreement (PDF or DOCX)."""
    _require_editor(actor)
    if uploaded.size > MAX_DOCUMENT_BYTES:
        raise ValidationError({"file": _("The file is larger than 20 MB.")})
    data = uploaded.read()
    uploaded.seek(0)
    file_format = _document_format(uploaded.name, data)
    with transaction.atomic():
        document = AgreementDocument(
            agreement=agreement,
            title=(title or uploaded.name)[:200],
            file_format=file_format,
            uploaded_by=actor if getattr(actor, "pk", None) else None,
        )
        document.file.save(uploaded.name, uploaded, save=False)
        document.save()
        audit.record(actor, "agreement.document", agreement, {"document": [None, document.title]})
    return document


def link_project(actor, agreement: Agreement, project: Project) -> None:
    """Record that a project implements (or follows from) an agreement."""
    _require_editor(actor)
    with transaction.atomic():
        if project.agreements.filter(pk=agreement.pk).exists():
            return
        project.agreements.add(agreement)
        audit.record(actor, "project.link", project, {"agreements": [None, agreement.key]})


# --- Action items -------------------------------------------------------------------


def add_action_item(actor, data: dict[str, Any]) -> ActionItem:
    return create_record(actor, ActionItem, data)


def close_action_item(
    actor,
    item: ActionItem,
    on: datetime.date,
    meeting: MechanismMeeting | None = None,
    cancelled: bool = False,
) -> ActionItem:
    """Mark an action item done (or cancelled), optionally at a meeting of the series."""
    _require_editor(actor)
    if not item.is_open:
        raise ValidationError({"status": _("This action item is already closed.")})
    with transaction.atomic():
        before = audit.snapshot(item)
        item.status = ActionStatus.CANCELLED if cancelled else ActionStatus.DONE
        item.closed_on = on
        item.closed_at_meeting = meeting
        item.save()
        audit.record(actor, "action.close", item, audit.diff(before, audit.snapshot(item)))
    return item


def carried_action_items(meeting: MechanismMeeting) -> models.QuerySet:
    """Action items raised at earlier meetings of the series and still open at this one.

    An item shows at every later meeting until it is closed; one closed at (or before)
    this meeting no longer shows.
    """
    earlier = meeting.earlier_meetings()
    items = ActionItem.objects.filter(meeting__in=earlier)
    open_here = models.Q(status=ActionStatus.OPEN)
    if meeting.held_on is not None:
        open_here |= models.Q(closed_at_meeting__isnull=True, closed_on__gt=meeting.held_on)
    if meeting.ordinal is not None:
        open_here |= models.Q(closed_at_meeting__ordinal__gt=meeting.ordinal)
    return items.filter(open_here).select_related("meeting", "owner").order_by("due_on", "id")


def set_project_status(actor, project: Project, status: str) -> dict[str, list[Any]]:
    return update_record(actor, project, {"status": status})
