"""Turn a timetable (request -> slot) into meetings with tables and interpreters.

The optimiser only decides slots: tables are interchangeable, and interpreters
are covered by Hall-type capacity rows, so a per-slot bipartite matching always
completes the assignment. Previous placements are preferred so that re-solving
moves as little as possible.
"""

from __future__ import annotations

from collections import defaultdict

from .model import (
    Instance,
    Meeting,
    Solution,
    can_interpret,
    is_available,
    needs_interpreter,
)


def _match(
    needs: list[str],
    options: dict[str, list[str]],
    preferred: dict[str, str],
) -> dict[str, str] | None:
    """Maximum bipartite matching (Kuhn) that starts from the preferred pairs."""
    owner: dict[str, str] = {}
    got: dict[str, str] = {}
    for m in needs:
        p = preferred.get(m)
        if p is not None and p in options[m] and p not in owner:
            owner[p] = m
            got[m] = p

    def augment(m: str, seen: set[str]) -> bool:
        for i in options[m]:
            if i in seen:
                continue
            seen.add(i)
            if i not in owner or augment(owner[i], seen):
                owner[i] = m
                got[m] = i
                return True
        return False

    for m in needs:
        if m not in got and not augment(m, set()):
            return None
    return got


def assign_resources(
    instance: Instance,
    timetable: dict[str, str],
    previous: dict[str, Meeting] | None = None,
) -> Solution | None:
    """Tables and interpreters for a timetable, or None when the slot capacities
    cannot be met (which the solver's constraints rule out)."""
    previous = previous or {}
    people = instance.participant_by_id
    locked = instance.locked_by_request
    by_slot: dict[str, list[str]] = defaultdict(list)
    for rid, sid in timetable.items():
        by_slot[sid].append(rid)
    order = {r.id: k for k, r in enumerate(instance.requests)}
    out: list[Meeting] = []
    table_set = set(instance.tables)
    for sid, rids in by_slot.items():
        rids.sort(key=order.__getitem__)
        tables: dict[str, str] = {}
        interps: dict[str, str | None] = {}
        for rid in rids:
            if rid in locked:
                tables[rid] = locked[rid].table
                interps[rid] = locked[rid].interpreter
        # Keep previous tables where still possible.
        for rid in rids:
            p = previous.get(rid)
            if (
                rid not in tables
                and p is not None
                and p.slot == sid
                and p.table in table_set
                and p.table not in tables.values()
            ):
                tables[rid] = p.table
        free = [t for t in instance.tables if t not in set(tables.values())]
        for rid in rids:
            if rid not in tables:
                if not free:
                    return None
                tables[rid] = free.pop(0)
        taken = {i for i in interps.values() if i}
        needs: list[str] = []
        options: dict[str, list[str]] = {}
        for rid in rids:
            if rid in locked:
                continue
            r = instance.request_by_id[rid]
            a, b = people[r.a], people[r.b]
            if needs_interpreter(a, b):
                needs.append(rid)
                options[rid] = [
                    i.id
                    for i in instance.interpreters
                    if i.id not in taken and is_available(i, sid) and can_interpret(i, a, b)
                ]
            else:
                interps[rid] = None
        preferred = {
            rid: previous[rid].interpreter
            for rid in needs
            if rid in previous and previous[rid].slot == sid and previous[rid].interpreter
        }
        got = _match(needs, options, preferred)
        if got is None:
            return None
        interps.update(got)
        out.extend(Meeting(rid, sid, tables[rid], interps[rid]) for rid in rids)
    pos = instance.slot_index
    out.sort(key=lambda m: (pos[m.slot], order[m.request]))
    return Solution(tuple(out))
