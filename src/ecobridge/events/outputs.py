"""What the event produces: personal agendas (page, PDF, iCal), QR codes, KPIs and the
KPI workbook."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from ecobridge.core.i18n import localize
from ecobridge.events.models import (
    Event,
    FollowUp,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    Outcome,
    Registration,
    RequestStatus,
    Role,
    Session,
    SessionKind,
)
from ecobridge.events.services import event_zone


@dataclass
class AgendaItem:
    start: datetime.datetime
    end: datetime.datetime
    title: str
    kind: str
    place: str = ""
    counterpart: Registration | None = None
    interpreter: Registration | None = None
    meeting: Meeting | None = None
    parties: tuple[Registration, ...] = ()
    details: list[str] = field(default_factory=list)


def agenda(reg: Registration) -> list[AgendaItem]:
    """A person's agenda: the plenary sessions, the group meetings they attend, their
    one-on-one meetings (or, for an interpreter, the meetings they interpret)."""
    event = reg.event
    items: list[AgendaItem] = []
    sessions = event.sessions.filter(
        Q(
            kind__in=[
                SessionKind.TALK,
                SessionKind.PANEL,
                SessionKind.SEMINAR,
                SessionKind.OTHER,
                SessionKind.SITE_VISIT,
            ]
        )
        | Q(attendees=reg)
        | Q(speakers=reg)
    ).distinct()
    for s in sessions:
        items.append(
            AgendaItem(s.start, s.end, localize(s.title).text, s.get_kind_display(), s.room)
        )
    meetings = Meeting.objects.filter(event=event, status=MeetingStatus.SCHEDULED).select_related(
        "slot", "table", "interpreter", "request__a__organisation", "request__b__organisation"
    )
    if reg.role == Role.INTERPRETER:
        meetings = meetings.filter(interpreter=reg)
    else:
        meetings = meetings.filter(Q(request__a=reg) | Q(request__b=reg))
    for m in meetings:
        a, b = m.parties
        other = b if a.pk == reg.pk else a
        title = (
            f"{a} – {b}"
            if reg.role == Role.INTERPRETER
            else _("Meeting with %(who)s") % {"who": other}
        )
        items.append(
            AgendaItem(
                m.slot.start,
                m.slot.end,
                title,
                _("B2B meeting"),
                _("Table %(table)s") % {"table": m.table.name},
                counterpart=None if reg.role == Role.INTERPRETER else other,
                interpreter=m.interpreter,
                meeting=m,
                parties=(a, b),
            )
        )
    items.sort(key=lambda i: i.start)
    zone = event_zone(event)
    for item in items:
        item.start = item.start.astimezone(zone)
        item.end = item.end.astimezone(zone)
    return items


def ical(reg: Registration) -> bytes:
    """The agenda as iCalendar: one VEVENT per meeting and session, in the event's zone."""
    from icalendar import Calendar
    from icalendar import Event as VEvent

    event = reg.event
    cal = Calendar()
    cal.add("prodid", "-//ecobridge//events//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", localize(event.title).text)
    cal.add("x-wr-timezone", event.timezone)
    for item in agenda(reg):
        v = VEvent()
        uid = f"meeting-{item.meeting.pk}" if item.meeting else f"{item.kind}-{item.start:%s}"
        v.add("uid", f"{uid}-{reg.token}@ecobridge")
        v.add("summary", item.title)
        v.add("dtstart", item.start)
        v.add("dtend", item.end)
        v.add("dtstamp", datetime.datetime.now(datetime.UTC))
        location = ", ".join(x for x in (item.place, event.venue, event.city) if x)
        v.add("location", location)
        lines = []
        if item.counterpart is not None:
            lines.append(_("Counterpart: %(who)s") % {"who": item.counterpart})
        if item.meeting is not None:
            lines.append(_("Table: %(table)s") % {"table": item.meeting.table.name})
            lines.append(
                _("Interpreter: %(who)s")
                % {"who": item.interpreter.name if item.interpreter else _("none needed")}
            )
        if lines:
            v.add("description", "\n".join(lines))
        cal.add_component(v)
    cal.add_missing_timezones()
    return cal.to_ical()


def qr_svg(data: str, scale: int = 4) -> str:
    """An SVG QR code (pure Python, no network, no images on disk)."""
    import segno

    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="svg", scale=scale, xmldecl=False)
    return buffer.getvalue().decode()


def qr_data_uri(data: str, scale: int = 4) -> str:
    import segno

    return segno.make(data, error="m").svg_data_uri(scale=scale)


# --- KPIs ----------------------------------------------------------------------------

KEPT = {
    Outcome.NO_INTEREST,
    Outcome.FOLLOW_UP,
    Outcome.NDA,
    Outcome.MOU_PLANNED,
    Outcome.CONTRACT_NEGOTIATION,
}


def kpis(event: Event) -> dict[str, float | int | str]:
    requests = MeetingRequest.objects.filter(event=event).exclude(status=RequestStatus.CANCELLED)
    answered = requests.exclude(status=RequestStatus.PENDING)
    accepted = requests.filter(status=RequestStatus.ACCEPTED)
    scheduled = Meeting.objects.filter(event=event, status=MeetingStatus.SCHEDULED)
    with_outcome = scheduled.exclude(outcome="")
    held = scheduled.filter(outcome__in=KEPT)
    value = sum((m.expected_value or Decimal(0) for m in scheduled), Decimal(0))
    n_answered = answered.count()
    n_outcome = with_outcome.count()
    return {
        "requests": requests.count(),
        "accepted": accepted.count(),
        "acceptance_rate": round(accepted.count() / n_answered, 3) if n_answered else 0.0,
        "scheduled": scheduled.count(),
        "held": held.count(),
        "kept_rate": round(held.count() / n_outcome, 3) if n_outcome else 0.0,
        "follow_ups": FollowUp.objects.filter(event=event).count(),
        "mous": scheduled.filter(outcome=Outcome.MOU_PLANNED).count(),
        "expected_value": str(value),
        "checked_in": event.registrations.exclude(checked_in_at=None).count(),
    }


# Marked for translation here, translated where shown.
KPI_LABELS = {
    "requests": N_("Meeting requests"),
    "accepted": N_("Accepted requests"),
    "acceptance_rate": N_("Acceptance rate"),
    "scheduled": N_("Scheduled meetings"),
    "held": N_("Meetings held"),
    "kept_rate": N_("Kept rate (held / with outcome)"),
    "follow_ups": N_("Follow-ups"),
    "mous": N_("MOUs planned"),
    "expected_value": N_("Expected value (USD)"),
    "checked_in": N_("Participants checked in"),
}


def kpi_workbook(event: Event) -> bytes:
    """KPIs, meetings with outcomes, and follow-ups as an XLSX workbook."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "KPIs"
    ws.append([_("Indicator"), _("Value")])
    for key, value in kpis(event).items():
        ws.append([_(KPI_LABELS[key]), float(value) if key == "expected_value" else value])
    ws = wb.create_sheet("Meetings")
    ws.append(
        [
            _("Start"),
            _("Table"),
            _("Party A"),
            _("Party B"),
            _("Interpreter"),
            _("Outcome"),
            _("Expected value (USD)"),
        ]
    )
    zone = event_zone(event)
    for m in Meeting.objects.filter(event=event, status=MeetingStatus.SCHEDULED).select_related(
        "slot", "table", "interpreter", "request__a", "request__b"
    ):
        ws.append(
            [
                m.slot.start.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                m.table.name,
                str(m.request.a),
                str(m.request.b),
                m.interpreter.name if m.interpreter else "",
                m.get_outcome_display() if m.outcome else "",
                float(m.expected_value) if m.expected_value is not None else None,
            ]
        )
    ws = wb.create_sheet("Follow-ups")
    ws.append([_("What"), _("Owner"), _("Due"), _("Status"), _("Linked to")])
    for f in FollowUp.objects.filter(event=event).select_related("owner"):
        ws.append(
            [
                f.title,
                str(f.owner or ""),
                f.due_date,
                f.get_status_display(),
                f.reference or str(f.linked or ""),
            ]
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def master_grid(event: Event) -> dict:
    """Slots × tables for every B2B session, with the meeting in each cell."""
    zone = event_zone(event)
    tables = list(event.tables.all())
    meetings = {
        (m.slot_id, m.table_id): m
        for m in Meeting.objects.filter(event=event, status=MeetingStatus.SCHEDULED).select_related(
            "request__a", "request__b", "interpreter"
        )
    }
    sessions = []
    for session in event.sessions.filter(kind=SessionKind.B2B).prefetch_related("slots"):
        rows = []
        for slot in session.slots.all():
            rows.append(
                {
                    "slot": slot,
                    "start": slot.start.astimezone(zone),
                    "end": slot.end.astimezone(zone),
                    "cells": [meetings.get((slot.pk, t.pk)) for t in tables],
                }
            )
        sessions.append({"session": session, "rows": rows})
    return {"tables": tables, "sessions": sessions}


def session_list(event: Event, public_only: bool) -> list[Session]:
    qs = event.sessions.select_related("host_organisation").prefetch_related("attendees")
    return list(qs.filter(is_public=True) if public_only else qs)
