"""Plain-language reasons why a request is not held.

Without a schedule only the instance is examined (no common slot, no interpreter
for the language pair, a cap of zero). With a schedule, every slot the pair could
use is checked against what the schedule already holds there, so the organiser
sees which meetings block it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from .model import (
    Instance,
    Solution,
    allowed_slots,
    can_interpret,
    compatible_interpreters,
    needs_interpreter,
)

# Reason codes (stable, for programs); ``message`` is for people.
HELD = "held"
NO_COMMON_SLOT = "no-common-slot"
NO_INTERPRETER = "no-interpreter"
CAP_REACHED = "cap-reached"
SLOTS_TAKEN = "slots-taken"
INTERPRETERS_BUSY = "interpreters-busy"
TABLES_FULL = "tables-full"
ORDER = "precedence"
INSERTABLE = "insertable"
POSSIBLE = "possible"


@dataclass
class Reason:
    code: str
    message: str
    meetings: list[str] = field(default_factory=list)  # request ids of blocking meetings


@dataclass
class Explanation:
    request: str
    held: bool
    reasons: list[Reason]

    def text(self) -> str:
        return "\n".join(r.message for r in self.reasons)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _join(items: list[str]) -> str:
    return ", ".join(items)


def explain(instance: Instance, request_id: str, solution: Solution | None = None) -> Explanation:
    """Why ``request_id`` is not held in ``solution`` (or cannot be held at all).

    Raises KeyError for an unknown request id.
    """
    r = instance.request_by_id.get(request_id)
    if r is None:
        raise KeyError(f"unknown request '{request_id}'")
    a = instance.participant_by_id[r.a]
    b = instance.participant_by_id[r.b]
    pair = f"{a.id} and {b.id}"
    if solution is not None and request_id in solution.by_request:
        m = solution.by_request[request_id]
        extra = f" with interpreter {m.interpreter}" if m.interpreter else ""
        return Explanation(
            request_id,
            True,
            [
                Reason(
                    HELD,
                    f"{request_id} ({pair}) is held in slot {m.slot} at table {m.table}{extra}.",
                )
            ],
        )

    reasons: list[Reason] = []
    for p in (a, b):
        if p.max_meetings == 0:
            reasons.append(Reason(CAP_REACHED, f"{p.id} accepts no meetings (max_meetings is 0)."))
    common = allowed_slots(instance, r)
    if not common:
        limits = []
        if r.sessions is not None:
            limits.append(f"the request is limited to session(s) {_join(sorted(r.sessions))}")
        if r.fixed_slot is not None:
            limits.append(f"the request is fixed to slot {r.fixed_slot}")
        tail = f" ({'; '.join(limits)})" if limits else ""
        reasons.append(
            Reason(NO_COMMON_SLOT, f"{pair} have no slot in which both are available{tail}.")
        )
        return Explanation(request_id, False, reasons)
    need = needs_interpreter(a, b)
    if need:
        with_interp = [s for s in common if compatible_interpreters(instance, r, s)]
        if not with_interp:
            who = [i.id for i in instance.interpreters if can_interpret(i, a, b)]
            langs = f"{'/'.join(a.languages) or '-'} and {'/'.join(b.languages) or '-'}"
            if who:
                msg = (
                    f"{pair} share no language ({langs}); the interpreters who could help "
                    f"({_join(who)}) are not available in any slot the two have in common."
                )
            else:
                msg = f"{pair} share no language ({langs}) and no interpreter speaks both sides."
            reasons.append(Reason(NO_INTERPRETER, msg))
            return Explanation(request_id, False, reasons)
        common = with_interp
    if reasons:
        return Explanation(request_id, False, reasons)
    if solution is None:
        return Explanation(
            request_id,
            False,
            [
                Reason(
                    POSSIBLE,
                    f"{request_id} ({pair}) can be held in principle: {len(common)} slot(s) suit "
                    f"both{' and have an interpreter' if need else ''} ({_join(common)}).",
                )
            ],
        )
    return Explanation(request_id, False, _against_schedule(instance, r, common, solution))


def _against_schedule(instance: Instance, r, common: list[str], solution: Solution) -> list[Reason]:
    a = instance.participant_by_id[r.a]
    b = instance.participant_by_id[r.b]
    reqs = instance.request_by_id
    pos = instance.slot_index
    by_party: dict[tuple[str, str], str] = {}
    count: dict[str, list[str]] = defaultdict(list)
    tables_used: dict[str, int] = defaultdict(int)
    interp_used: dict[tuple[str, str], str] = {}
    for m in solution.meetings:
        q = reqs.get(m.request)
        if q is None:
            continue
        for p in (q.a, q.b):
            by_party[(p, m.slot)] = m.request
            count[p].append(m.request)
        tables_used[m.slot] += 1
        if m.interpreter:
            interp_used[(m.interpreter, m.slot)] = m.request

    reasons: list[Reason] = []
    for p in (a, b):
        if p.max_meetings is not None and len(count[p.id]) >= p.max_meetings:
            reasons.append(
                Reason(
                    CAP_REACHED,
                    f"{p.id} already has its maximum of {p.max_meetings} meetings "
                    f"({_join(count[p.id])}).",
                    list(count[p.id]),
                )
            )
    if reasons:
        return reasons

    # Precedences narrow the usable slots when the related meetings are held.
    held = solution.by_request
    lo = max((pos[held[x].slot] + 1 for x in r.after if x in held), default=0)
    later = [q.id for q in instance.requests if r.id in q.after and q.id in held]
    hi = min((pos[held[x].slot] - 1 for x in later), default=len(instance.slots) - 1)
    in_order = [s for s in common if lo <= pos[s] <= hi]
    if not in_order:
        blockers = [x for x in r.after if x in held] + later
        return [
            Reason(
                ORDER,
                f"{r.id} must come after {_join(list(r.after)) or '-'} and before "
                f"{_join(later) or '-'}; as scheduled, none of its possible slots fits.",
                blockers,
            )
        ]

    party_lines, interp_lines, table_lines = [], [], []
    party_block: list[str] = []
    interp_block: list[str] = []
    free_slot = None
    need = needs_interpreter(a, b)
    for s in in_order:
        busy = [(p.id, by_party[(p.id, s)]) for p in (a, b) if (p.id, s) in by_party]
        if busy:
            party_lines.append(f"{s}: " + "; ".join(f"{pid} is in {rid}" for pid, rid in busy))
            party_block.extend(rid for _, rid in busy)
            continue
        if tables_used[s] >= len(instance.tables):
            table_lines.append(s)
            continue
        if need:
            comp = compatible_interpreters(instance, r, s)
            free = [i for i in comp if (i, s) not in interp_used]
            if not free:
                users = [f"{i} in {interp_used[(i, s)]}" for i in comp]
                interp_lines.append(f"{s}: " + "; ".join(users))
                interp_block.extend(interp_used[(i, s)] for i in comp)
                continue
        free_slot = s
        break

    if free_slot is not None:
        return [
            Reason(
                INSERTABLE,
                f"{r.id} ({a.id} and {b.id}) could still be added in slot {free_slot} without "
                "moving any other meeting; the schedule was probably stopped before it was "
                "optimal. Re-solve or add it by hand.",
            )
        ]
    out: list[Reason] = []
    if party_lines and not (interp_lines or table_lines):
        out.append(
            Reason(
                SLOTS_TAKEN,
                f"Every slot {a.id} and {b.id} have in common is already taken for one of "
                "them: " + " | ".join(party_lines) + ".",
                sorted(set(party_block)),
            )
        )
        return out
    if party_lines:
        out.append(
            Reason(
                SLOTS_TAKEN,
                "In some common slots one of them is already in a meeting: "
                + " | ".join(party_lines)
                + ".",
                sorted(set(party_block)),
            )
        )
    if interp_lines:
        out.append(
            Reason(
                INTERPRETERS_BUSY,
                f"{a.id} and {b.id} need an interpreter, and every competent interpreter is "
                "busy in the remaining common slots: " + " | ".join(interp_lines) + ".",
                sorted(set(interp_block)),
            )
        )
    if table_lines:
        out.append(
            Reason(
                TABLES_FULL,
                f"All {len(instance.tables)} tables are in use in slot(s) {_join(table_lines)}.",
            )
        )
    return out


def unplaced(instance: Instance, solution: Solution) -> dict[str, Explanation]:
    """Explanations for every request the schedule does not hold."""
    held = solution.by_request
    return {r.id: explain(instance, r.id, solution) for r in instance.requests if r.id not in held}


__all__ = ["Explanation", "Reason", "explain", "unplaced"]
