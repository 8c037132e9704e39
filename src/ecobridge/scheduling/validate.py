"""Independent checker of a solution against every hard constraint, plus its metrics.

This module deliberately shares no code with the solver or the greedy baseline
(not even the helper rules in model.py): it re-derives availability, language
and interpreter rules from the raw instance fields, so a modelling bug in the
solver cannot hide itself by also being in the checker.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from .model import MEASURE_BREAKS, Instance, Solution


@dataclass
class Report:
    valid: bool
    meetings: int
    weight: int
    idle: int
    breaks: int
    starved: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    max_measure: int = 0
    min_measure: int = 0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["starved_participants"] = len(self.starved)
        return d


def idle_by_participant(instance: Instance, slots_of: dict[str, list[int]]) -> dict[str, int]:
    """Idle slots: inside one session, strictly between a participant's first and last
    meeting, where it is available but has no meeting."""
    session_of = [s.session for s in instance.slots]
    out: dict[str, int] = {}
    for p in instance.participants:
        busy = set(slots_of.get(p.id, ()))
        total = 0
        by_session: dict[str, list[int]] = defaultdict(list)
        for t in busy:
            by_session[session_of[t]].append(t)
        for ts in by_session.values():
            lo, hi = min(ts), max(ts)
            for t in range(lo + 1, hi):
                free = p.available is None or instance.slots[t].id in p.available
                if free and t not in busy:
                    total += 1
        out[p.id] = total
    return out


def breaks_by_participant(instance: Instance, slots_of: dict[str, list[int]]) -> dict[str, int]:
    """Breaks as in Bofill et al.: consecutive meetings (in time) that are not in
    adjacent slots, counted through the whole slot list."""
    out: dict[str, int] = {}
    for p in instance.participants:
        ts = sorted(slots_of.get(p.id, ()))
        out[p.id] = sum(1 for x, y in zip(ts, ts[1:], strict=False) if y != x + 1)
    return out


def validate(instance: Instance, solution: Solution) -> Report:
    errors: list[str] = []
    slot_pos = {s.id: k for k, s in enumerate(instance.slots)}
    reqs = {r.id: r for r in instance.requests}
    people = {p.id: p for p in instance.participants}
    interps = {i.id: i for i in instance.interpreters}
    tables = set(instance.tables)

    held: dict[str, Any] = {}
    party_slot: dict[tuple[str, int], str] = {}
    table_slot: dict[tuple[str, int], str] = {}
    interp_slot: dict[tuple[str, int], str] = {}
    slots_of: dict[str, list[int]] = defaultdict(list)
    weight = 0
    for k, m in enumerate(solution.meetings):
        lab = f"meetings[{k}] (request '{m.request}')"
        r = reqs.get(m.request)
        bad = False
        if r is None:
            errors.append(f"{lab}: unknown request")
            bad = True
        if m.slot not in slot_pos:
            errors.append(f"{lab}: unknown slot '{m.slot}'")
            bad = True
        if m.table not in tables:
            errors.append(f"{lab}: unknown table '{m.table}'")
            bad = True
        if m.interpreter is not None and m.interpreter not in interps:
            errors.append(f"{lab}: unknown interpreter '{m.interpreter}'")
            bad = True
        if bad:
            continue
        if m.request in held:
            errors.append(f"{lab}: the request is held more than once")
            continue
        held[m.request] = m
        t = slot_pos[m.slot]
        weight += r.weight
        a, b = people[r.a], people[r.b]
        for p in (a, b):
            if p.available is not None and m.slot not in p.available:
                errors.append(f"{lab}: participant '{p.id}' is not available in slot '{m.slot}'")
            other = party_slot.get((p.id, t))
            if other is not None:
                errors.append(
                    f"{lab}: participant '{p.id}' is also in request '{other}' in slot '{m.slot}'"
                )
            party_slot[(p.id, t)] = m.request
            slots_of[p.id].append(t)
        other = table_slot.get((m.table, t))
        if other is not None:
            errors.append(f"{lab}: table '{m.table}' also holds request '{other}' in '{m.slot}'")
        table_slot[(m.table, t)] = m.request
        common = set(a.languages).intersection(b.languages)
        if m.interpreter is None:
            if not common:
                errors.append(
                    f"{lab}: '{a.id}' and '{b.id}' share no language and have no interpreter"
                )
        else:
            i = interps[m.interpreter]
            if i.available is not None and m.slot not in i.available:
                errors.append(f"{lab}: interpreter '{i.id}' is not available in slot '{m.slot}'")
            il = set(i.languages)
            if not (il.intersection(a.languages) and il.intersection(b.languages)):
                errors.append(
                    f"{lab}: interpreter '{i.id}' cannot interpret between '{a.id}' and '{b.id}'"
                )
            other = interp_slot.get((i.id, t))
            if other is not None:
                errors.append(
                    f"{lab}: interpreter '{i.id}' also serves request '{other}' in '{m.slot}'"
                )
            interp_slot[(i.id, t)] = m.request
        # Format-2 rules.
        if r.sessions is not None and instance.slots[t].session not in r.sessions:
            errors.append(f"{lab}: slot '{m.slot}' is outside the allowed sessions")
        if r.fixed_slot is not None and m.slot != r.fixed_slot:
            errors.append(f"{lab}: must be in slot '{r.fixed_slot}', is in '{m.slot}'")

    for p in instance.participants:
        n = len(slots_of.get(p.id, ()))
        if p.max_meetings is not None and n > p.max_meetings:
            errors.append(
                f"participant '{p.id}': {n} meetings, above max_meetings {p.max_meetings}"
            )
    for lk in instance.locked:
        m = held.get(lk.request)
        if m is None:
            errors.append(f"locked request '{lk.request}' is not held")
        elif (m.slot, m.table, m.interpreter) != (lk.slot, lk.table, lk.interpreter):
            errors.append(
                f"locked request '{lk.request}' must be at {lk.slot}/{lk.table}/{lk.interpreter}, "
                f"is at {m.slot}/{m.table}/{m.interpreter}"
            )
    for r in instance.requests:
        if r.mandatory and r.id not in held:
            errors.append(f"mandatory request '{r.id}' is not held")
        if r.id in held:
            for before in r.after:
                if before in held and slot_pos[held[before].slot] >= slot_pos[held[r.id].slot]:
                    errors.append(
                        f"request '{r.id}' must be held after '{before}' "
                        f"({held[r.id].slot} is not after {held[before].slot})"
                    )

    idle = idle_by_participant(instance, slots_of)
    brk = breaks_by_participant(instance, slots_of)
    measure = brk if instance.objective.measure == MEASURE_BREAKS else idle
    hi = max(measure.values(), default=0)
    lo = min(measure.values(), default=0)
    d = instance.objective.fairness
    if d is not None and hi - lo > d:
        worst = max(measure, key=lambda k: measure[k])
        errors.append(
            f"fairness: {instance.objective.measure} range {lo}..{hi} exceeds {d} "
            f"(participant '{worst}' has {hi})"
        )
    requested = {r.a for r in instance.requests} | {r.b for r in instance.requests}
    starved = sorted(
        p.id for p in instance.participants if p.id in requested and not slots_of.get(p.id)
    )
    return Report(
        valid=not errors,
        meetings=len(held),
        weight=weight,
        idle=sum(idle.values()),
        breaks=sum(brk.values()),
        starved=starved,
        errors=errors,
        max_measure=hi,
        min_measure=lo,
    )
