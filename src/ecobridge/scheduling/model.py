"""Plain data model of a B2B scheduling instance and its solution.

Everything here is immutable and free of solver details, so the same objects feed
the greedy baseline, the CP-SAT model, the checker and the explanations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

FORMAT_V1 = "ecobridge-b2b/1"
# Version 2 is a superset of version 1 that adds the literature's variant
# (mandatory meetings, per-request sessions, fixed slots, precedences, breaks
# objective, fairness). See docs/scheduling.md.
FORMAT_V2 = "ecobridge-b2b/2"
INSTANCE_FORMATS = (FORMAT_V1, FORMAT_V2)
SOLUTION_FORMAT = "ecobridge-b2b-solution/1"

MEASURE_IDLE = "idle-slots"
MEASURE_BREAKS = "breaks"


@dataclass(frozen=True)
class Slot:
    id: str
    start: str
    end: str
    session: str


@dataclass(frozen=True)
class Participant:
    id: str
    name: str = ""
    side: str = ""
    languages: tuple[str, ...] = ()
    # None means "available in every slot".
    available: frozenset[str] | None = None
    max_meetings: int | None = None


@dataclass(frozen=True)
class Interpreter:
    id: str
    languages: tuple[str, ...] = ()
    available: frozenset[str] | None = None


@dataclass(frozen=True)
class Request:
    id: str
    a: str
    b: str
    weight: int = 1
    # Format 2 only; the defaults are the format-1 meaning.
    mandatory: bool = False
    sessions: frozenset[str] | None = None  # None: any session
    fixed_slot: str | None = None
    after: tuple[str, ...] = ()  # requests that must be held in an earlier slot


@dataclass(frozen=True)
class Meeting:
    request: str
    slot: str
    table: str
    interpreter: str | None = None


@dataclass(frozen=True)
class Objective:
    """Second objective (after weight): what counts as a participant's waiting time."""

    measure: str = MEASURE_IDLE
    # max over participants of the measure minus the min must not exceed this.
    fairness: int | None = None


@dataclass(frozen=True)
class Instance:
    name: str
    slots: tuple[Slot, ...]
    tables: tuple[str, ...]
    participants: tuple[Participant, ...]
    interpreters: tuple[Interpreter, ...] = ()
    requests: tuple[Request, ...] = ()
    locked: tuple[Meeting, ...] = ()
    objective: Objective = field(default_factory=Objective)
    format: str = FORMAT_V1

    # Lookups are derived once; the dataclass is frozen so they never go stale.
    @cached_property
    def slot_index(self) -> dict[str, int]:
        return {s.id: i for i, s in enumerate(self.slots)}

    @cached_property
    def participant_by_id(self) -> dict[str, Participant]:
        return {p.id: p for p in self.participants}

    @cached_property
    def interpreter_by_id(self) -> dict[str, Interpreter]:
        return {i.id: i for i in self.interpreters}

    @cached_property
    def request_by_id(self) -> dict[str, Request]:
        return {r.id: r for r in self.requests}

    @cached_property
    def locked_by_request(self) -> dict[str, Meeting]:
        return {m.request: m for m in self.locked}

    @cached_property
    def sessions(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for s in self.slots:
            seen.setdefault(s.session, None)
        return tuple(seen)


@dataclass(frozen=True)
class Solution:
    meetings: tuple[Meeting, ...] = ()

    @cached_property
    def by_request(self) -> dict[str, Meeting]:
        return {m.request: m for m in self.meetings}


# --- small shared rules (used by the greedy baseline, the CP-SAT model and explain;
# the checker in validate.py deliberately re-derives them on its own) ---


def is_available(who: Participant | Interpreter, slot_id: str) -> bool:
    return who.available is None or slot_id in who.available


def needs_interpreter(a: Participant, b: Participant) -> bool:
    return not set(a.languages) & set(b.languages)


def can_interpret(i: Interpreter, a: Participant, b: Participant) -> bool:
    langs = set(i.languages)
    return bool(langs & set(a.languages)) and bool(langs & set(b.languages))


def allowed_slots(instance: Instance, r: Request) -> list[str]:
    """Slots where the request could be held, ignoring other meetings and interpreters."""
    pa = instance.participant_by_id[r.a]
    pb = instance.participant_by_id[r.b]
    out = []
    for s in instance.slots:
        if r.fixed_slot is not None and s.id != r.fixed_slot:
            continue
        if r.sessions is not None and s.session not in r.sessions:
            continue
        if is_available(pa, s.id) and is_available(pb, s.id):
            out.append(s.id)
    return out


def compatible_interpreters(instance: Instance, r: Request, slot_id: str) -> list[str]:
    pa = instance.participant_by_id[r.a]
    pb = instance.participant_by_id[r.b]
    return [
        i.id for i in instance.interpreters if is_available(i, slot_id) and can_interpret(i, pa, pb)
    ]
