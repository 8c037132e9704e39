"""First-come-first-served baseline, as self-booking event tools do it.

Requests are taken by priority (locked first, then mandatory, then by weight,
ties in file order); each goes to its earliest feasible slot, the first free
table and the first free competent interpreter. It is the comparison point for
the optimiser and its warm start.
"""

from __future__ import annotations

from .model import (
    Instance,
    Meeting,
    Request,
    Solution,
    allowed_slots,
    can_interpret,
    is_available,
    needs_interpreter,
)


def priority_order(instance: Instance) -> list[Request]:
    """Priority order, adjusted so that a request comes after those it must follow."""
    pos = {r.id: k for k, r in enumerate(instance.requests)}
    locked = instance.locked_by_request

    def key(r: Request) -> tuple[int, int, int, int]:
        return (0 if r.id in locked else 1, 0 if r.mandatory else 1, -r.weight, pos[r.id])

    ranked = sorted(instance.requests, key=key)
    if not any(r.after for r in instance.requests):
        return ranked
    # Stable topological sort: repeatedly take the best-ranked request whose
    # predecessors are all placed in the order.
    done: set[str] = set()
    out: list[Request] = []
    pending = list(ranked)
    while pending:
        for k, r in enumerate(pending):
            if all(a in done or a not in pos for a in r.after):
                out.append(r)
                done.add(r.id)
                del pending[k]
                break
        else:  # a cycle (rejected by the parser); keep the rest as ranked
            out.extend(pending)
            break
    return out


def greedy(instance: Instance) -> Solution:
    slot_pos = instance.slot_index
    people = instance.participant_by_id
    busy: set[tuple[str, str]] = set()  # (participant, slot)
    used_tables: set[tuple[str, str]] = set()
    used_interp: set[tuple[str, str]] = set()
    count: dict[str, int] = {}
    placed: dict[str, Meeting] = {}

    def take(m: Meeting, r: Request) -> None:
        placed[r.id] = m
        busy.add((r.a, m.slot))
        busy.add((r.b, m.slot))
        used_tables.add((m.table, m.slot))
        if m.interpreter:
            used_interp.add((m.interpreter, m.slot))
        count[r.a] = count.get(r.a, 0) + 1
        count[r.b] = count.get(r.b, 0) + 1

    for lk in instance.locked:
        take(lk, instance.request_by_id[lk.request])

    for r in priority_order(instance):
        if r.id in placed:
            continue
        a, b = people[r.a], people[r.b]
        if any(p.max_meetings is not None and count.get(p.id, 0) >= p.max_meetings for p in (a, b)):
            continue
        earliest = max((slot_pos[placed[x].slot] + 1 for x in r.after if x in placed), default=0)
        need = needs_interpreter(a, b)
        for sid in allowed_slots(instance, r):
            if slot_pos[sid] < earliest or (a.id, sid) in busy or (b.id, sid) in busy:
                continue
            table = next((t for t in instance.tables if (t, sid) not in used_tables), None)
            if table is None:
                continue
            interp = None
            if need:
                interp = next(
                    (
                        i.id
                        for i in instance.interpreters
                        if (i.id, sid) not in used_interp
                        and is_available(i, sid)
                        and can_interpret(i, a, b)
                    ),
                    None,
                )
                if interp is None:
                    continue
            take(Meeting(r.id, sid, table, interp), r)
            break
    order = {r.id: k for k, r in enumerate(instance.requests)}
    meetings = sorted(placed.values(), key=lambda m: (slot_pos[m.slot], order[m.request]))
    return Solution(tuple(meetings))
