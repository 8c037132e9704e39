"""Adapter between an event's B2B session and the scheduling engine.

It writes the event as an ``ecobridge-b2b/1`` instance (the same document the engine's
command line reads, see docs/scheduling.md), its current meetings as a solution, and
calls the engine's solve / minimum-change re-solve / explain / validate. The engine is
a plain library; this module is the only place that knows both sides.

Identifiers in the documents: participants and interpreters ``P<registration id>``,
slots ``S<id>``, tables ``T<id>``, requests ``R<id>``, sessions ``B<session id>``.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from ecobridge.events.models import (
    MEETING_ROLES,
    Event,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    Registration,
    RegistrationStatus,
    RequestStatus,
    Role,
    Slot,
)
from ecobridge.scheduling import io as b2b_io
from ecobridge.scheduling.model import (
    FORMAT_V1,
    SOLUTION_FORMAT,
    Instance,
    Solution,
    allowed_slots,
    can_interpret,
    compatible_interpreters,
    needs_interpreter,
)
from ecobridge.scheduling.validate import Report
from ecobridge.scheduling.validate import validate as engine_validate

Progress = Callable[[int, str], None]


def _pk(identifier: str | None) -> int | None:
    return int(identifier[1:]) if identifier else None


def _slots(event: Event) -> list[Slot]:
    return list(
        Slot.objects.filter(session__event=event, session__kind="b2b")
        .select_related("session")
        .order_by("start", "id")
    )


def _schedulable_requests(event: Event) -> list[MeetingRequest]:
    locked = Meeting.objects.filter(
        event=event, status=MeetingStatus.SCHEDULED, locked=True
    ).values("request_id")
    return list(
        event.requests.filter(
            Q(status=RequestStatus.ACCEPTED, approved=True) | Q(pk__in=locked),
            a__status=RegistrationStatus.APPROVED,
            b__status=RegistrationStatus.APPROVED,
        ).order_by("id")
    )


def build_instance(event: Event, *, name: str | None = None) -> dict[str, Any]:
    """The event's B2B problem as an ``ecobridge-b2b/1`` document. Locked meetings are
    carried as ``locked``; the other current meetings go in the solution document."""
    from ecobridge.events.services import event_zone  # services imports this module

    zone = event_zone(event)
    slots = _slots(event)
    slot_ids = [s.b2b_id for s in slots]
    by_session: dict[int, list[str]] = {}
    for s in slots:
        by_session.setdefault(s.session_id, []).append(s.b2b_id)

    def available(reg: Registration) -> list[str] | None:
        sessions = [s.pk for s in reg.b2b_sessions.all()]
        if not sessions:
            return None  # no preference given: every B2B slot
        return [sid for pk in sessions for sid in by_session.get(pk, [])]

    participants = []
    for reg in (
        event.registrations.filter(role__in=MEETING_ROLES, status=RegistrationStatus.APPROVED)
        .prefetch_related("b2b_sessions")
        .order_by("id")
    ):
        item: dict[str, Any] = {
            "id": reg.b2b_id,
            "name": str(reg),
            "side": "visitor" if reg.role == Role.VISITING_COMPANY else "host",
            "languages": list(reg.languages),
        }
        slots_of = available(reg)
        if slots_of is not None:
            item["available"] = [s for s in slot_ids if s in set(slots_of)]
        if reg.meeting_cap is not None:
            item["max_meetings"] = reg.meeting_cap
        participants.append(item)
    interpreters = []
    for reg in (
        event.registrations.filter(role=Role.INTERPRETER, status=RegistrationStatus.APPROVED)
        .prefetch_related("b2b_sessions")
        .order_by("id")
    ):
        item = {"id": reg.b2b_id, "languages": list(reg.languages)}
        slots_of = available(reg)
        if slots_of is not None:
            item["available"] = [s for s in slot_ids if s in set(slots_of)]
        interpreters.append(item)
    requests = [
        # Mutual interest is worth one more than the higher priority of the two.
        {"id": r.b2b_id, "a": r.a.b2b_id, "b": r.b.b2b_id, "weight": int(r.priority) + r.mutual}
        for r in _schedulable_requests(event)
    ]
    request_ids = {r["id"] for r in requests}
    locked = [
        _meeting_dict(m)
        for m in Meeting.objects.filter(event=event, status=MeetingStatus.SCHEDULED, locked=True)
        if f"R{m.request_id}" in request_ids
    ]
    return {
        "format": FORMAT_V1,
        "name": name or event.slug,
        "slots": [
            {
                "id": s.b2b_id,
                "start": s.start.astimezone(zone).isoformat(),
                "end": s.end.astimezone(zone).isoformat(),
                "session": f"B{s.session_id}",
            }
            for s in slots
        ],
        "tables": [{"id": t.b2b_id} for t in event.tables.order_by("id")],
        "participants": participants,
        "interpreters": interpreters,
        "requests": requests,
        "locked": locked,
    }


def _meeting_dict(m: Meeting) -> dict[str, Any]:
    return {
        "request": f"R{m.request_id}",
        "slot": f"S{m.slot_id}",
        "table": f"T{m.table_id}",
        "interpreter": f"P{m.interpreter_id}" if m.interpreter_id else None,
    }


def current_solution(event: Event) -> dict[str, Any]:
    """The schedule the product holds now, as an ``ecobridge-b2b-solution/1`` document."""
    meetings = Meeting.objects.filter(event=event, status=MeetingStatus.SCHEDULED).order_by(
        "slot__start", "table_id", "id"
    )
    return {"format": SOLUTION_FORMAT, "meetings": [_meeting_dict(m) for m in meetings]}


def parse(event: Event) -> Instance:
    return b2b_io.parse_instance(build_instance(event))


def validate_current(event: Event) -> Report:
    """Check the product's schedule with the engine's independent validator."""
    instance = parse(event)
    solution = b2b_io.parse_solution(current_solution(event))
    return engine_validate(instance, solution)


# --- explanations --------------------------------------------------------------------


def explain(instance: Instance, request_id: str, solution: Solution | None) -> tuple[str, str]:
    """Why a request is not in the schedule: the engine's reason code and its words
    (identifiers are replaced by names and local times by :func:`humanise`). Falls back
    to a derivation from the same rules if the engine cannot explain."""
    try:
        from ecobridge.scheduling import explain as engine_explain

        result = engine_explain(instance, request_id, solution)
        code = result.reasons[0].code if result.reasons else ""
        return code, result.text()
    except Exception:  # an explanation failing must not lose the request
        return "", _explain(instance, request_id, solution)


_ID = re.compile(r"\b([PSTR])(\d+)\b")


def humanise(event: Event, text: str) -> str:
    """Replace the document's identifiers (P12, S34, T5, R7) with names, local slot
    times, table names and "A – B" so organisers and participants can read it."""
    from ecobridge.events.services import event_zone

    zone = event_zone(event)
    wanted: dict[str, set[int]] = {}
    for kind, pk in _ID.findall(text):
        wanted.setdefault(kind, set()).add(int(pk))
    names: dict[str, str] = {}
    for reg in Registration.objects.filter(event=event, pk__in=wanted.get("P", ())):
        names[f"P{reg.pk}"] = reg.name
    for slot in Slot.objects.filter(session__event=event, pk__in=wanted.get("S", ())):
        names[f"S{slot.pk}"] = slot.start.astimezone(zone).strftime("%d.%m %H:%M")
    for table in event.tables.filter(pk__in=wanted.get("T", ())):
        names[f"T{table.pk}"] = f"table {table.name}"
    for req in event.requests.filter(pk__in=wanted.get("R", ())).select_related("a", "b"):
        names[f"R{req.pk}"] = f"{req.a.name} – {req.b.name}"
    return _ID.sub(lambda m: names.get(m.group(0), m.group(0)), text)


def _explain(instance: Instance, request_id: str, solution: Solution | None) -> str:
    r = instance.request_by_id[request_id]
    pa = instance.participant_by_id[r.a]
    pb = instance.participant_by_id[r.b]
    names = {p.id: p.name or p.id for p in instance.participants}
    slots = allowed_slots(instance, r)
    if not slots:
        return f"{names[r.a]} and {names[r.b]} have no B2B slot in which both are available."
    if needs_interpreter(pa, pb) and not any(
        can_interpret(i, pa, pb) for i in instance.interpreters
    ):
        return (
            f"{names[r.a]} ({', '.join(pa.languages) or '?'}) and {names[r.b]} "
            f"({', '.join(pb.languages) or '?'}) share no language and no interpreter "
            "speaks a language of each."
        )
    meetings = solution.meetings if solution else ()
    count = Counter()
    for m in meetings:
        req = instance.request_by_id.get(m.request)
        if req:
            count[req.a] += 1
            count[req.b] += 1
    for p in (pa, pb):
        if p.max_meetings is not None and count[p.id] >= p.max_meetings:
            return f"{names[p.id]} already has {count[p.id]} meetings, their maximum."
    reasons = []
    for slot in slots:
        busy = {}
        tables_used = 0
        interpreters_used = set()
        for m in meetings:
            if m.slot != slot:
                continue
            tables_used += 1
            if m.interpreter:
                interpreters_used.add(m.interpreter)
            req = instance.request_by_id.get(m.request)
            if req:
                busy[req.a] = busy[req.b] = True
        if r.a in busy or r.b in busy:
            who = names[r.a] if r.a in busy else names[r.b]
            reasons.append(f"{slot}: {who} has another meeting")
        elif tables_used >= len(instance.tables):
            reasons.append(f"{slot}: every table is taken")
        elif needs_interpreter(pa, pb) and not (
            set(compatible_interpreters(instance, r, slot)) - interpreters_used
        ):
            reasons.append(f"{slot}: no suitable interpreter is free")
    detail = "; ".join(reasons[:6]) + ("; …" if len(reasons) > 6 else "")
    return (
        "Every slot in which both are available is used by meetings worth at least as "
        f"much ({detail})."
        if detail
        else "Not placed within the solver's time limit."
    )


# --- solving -------------------------------------------------------------------------


@dataclass
class Outcome:
    status: str
    assignments: list[dict[str, int | None]]
    unplaced: dict[int, str]
    report: dict[str, Any] = field(default_factory=dict)
    codes: dict[int, str] = field(default_factory=dict)
    message: str = ""


def _run_engine(instance: Instance, previous: Solution | None, kwargs: dict[str, Any]):
    """The engine's minimum-change re-solve when there is a schedule, else its solve."""
    from ecobridge.scheduling import resolve, solve

    if previous is not None:
        result, _changes = resolve(instance, previous, **kwargs)
        return result
    return solve(instance, **kwargs)


def solve_event(
    event: Event,
    *,
    time_limit: float = 10.0,
    minimum_change: bool = False,
    progress: Progress | None = None,
    workers: int = 2,
) -> Outcome:
    """Run the engine on the event. With ``minimum_change`` the current meetings are
    the previous solution: the engine keeps as many as it can where they are."""
    instance = parse(event)
    previous = b2b_io.parse_solution(current_solution(event)) if minimum_change else None
    if previous is not None:
        # Drop meetings whose request left the problem (withdrawn, declined): the engine
        # must not try to keep them; they are cancelled with a reason when applied.
        keep = tuple(m for m in previous.meetings if m.request in instance.request_by_id)
        previous = Solution(keep)
    latest = {"text": "Solving"}
    if progress is not None:
        progress(1, f"Solving {len(instance.requests)} requests")

    def on_progress(p) -> None:
        # Called from the solver's threads: only note it; the caller's thread reports,
        # so database writes for the progress bar stay on the job's own connection.
        latest["text"] = f"{p.source}: weight {p.weight}" if p.weight is not None else p.source

    if not instance.requests:
        result_solution: Solution | None = Solution(tuple(instance.locked))
        status, message = "optimal", "no accepted requests"
    else:
        kwargs: dict[str, Any] = {
            "time_limit": time_limit,
            "workers": workers,
            "on_progress": on_progress,
        }
        box: dict[str, Any] = {}

        def run() -> None:
            try:
                box["result"] = _run_engine(instance, previous, kwargs)
            except BaseException as exc:  # re-raised in the caller's thread
                box["error"] = exc

        worker = threading.Thread(target=run, name=f"solve-{event.slug}", daemon=True)
        started = time.monotonic()
        worker.start()
        while worker.is_alive():
            worker.join(timeout=0.5)
            if progress is not None:
                elapsed = time.monotonic() - started
                progress(min(95, int(100 * elapsed / max(time_limit, 0.1))), latest["text"])
        if "error" in box:
            raise box["error"]
        result = box["result"]
        result_solution, status, message = result.solution, result.status, result.message
    if result_solution is None:
        return Outcome(status, [], {}, message=message or "no valid schedule found")
    report = engine_validate(instance, result_solution)
    if not report.valid:  # the engine guarantees this; never apply a broken schedule
        return Outcome("invalid", [], {}, message="; ".join(report.errors[:5]))
    placed = result_solution.by_request
    unplaced: dict[int, str] = {}
    codes: dict[int, str] = {}
    for r in instance.requests:
        if r.id not in placed:
            code, text = explain(instance, r.id, result_solution)
            unplaced[_pk(r.id)] = humanise(event, text)
            codes[_pk(r.id)] = code
    assignments = [
        {
            "request": _pk(m.request),
            "slot": _pk(m.slot),
            "table": _pk(m.table),
            "interpreter": _pk(m.interpreter),
        }
        for m in result_solution.meetings
    ]
    return Outcome(
        status,
        assignments,
        unplaced,
        report={
            "meetings": report.meetings,
            "weight": report.weight,
            "idle": report.idle,
            "requests": len(instance.requests),
        },
        message=message,
        codes=codes,
    )
