"""Re-planning after changes (a cancellation, shrunk availability, a new request,
an interpreter dropping out) while keeping the published schedule stable.

Objective, lexicographic: total weight, then the fewest previous meetings moved
or dropped, then idle time (or breaks). Tables and interpreters of meetings that
keep their slot are kept too wherever the new data allow.
"""

from __future__ import annotations

from collections.abc import Callable

from .cpsat import Progress, SolveResult, solve
from .model import Instance, Meeting, Solution
from .validate import Report


def changes(instance: Instance, previous: Solution, new: Solution) -> list[str]:
    """Plain-text list of what differs between two schedules."""
    old = previous.by_request
    cur = new.by_request
    lines = []
    for rid, pm in old.items():
        nm = cur.get(rid)
        if nm is None:
            why = "" if rid in instance.request_by_id else " (request withdrawn)"
            lines.append(f"dropped {rid} (was {_where(pm)}){why}")
        elif (nm.slot, nm.table, nm.interpreter) != (pm.slot, pm.table, pm.interpreter):
            lines.append(f"moved {rid}: {_where(pm)} -> {_where(nm)}")
    for rid, nm in cur.items():
        if rid not in old:
            lines.append(f"added {rid} at {_where(nm)}")
    return lines


def _where(m: Meeting) -> str:
    return f"{m.slot} {m.table}" + (f" {m.interpreter}" if m.interpreter else "")


def resolve(
    instance: Instance,
    previous: Solution,
    *,
    time_limit: float = 30.0,
    workers: int = 2,
    seed: int = 0,
    on_progress: Callable[[Progress], None] | None = None,
    on_solution: Callable[[Solution, Report], None] | None = None,
) -> tuple[SolveResult, list[str]]:
    """Re-solve ``instance`` starting from ``previous``; returns the result and the
    list of changed meetings (empty when no valid schedule was found)."""
    result = solve(
        instance,
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        on_progress=on_progress,
        on_solution=on_solution,
        previous=previous,
        hint=previous,
    )
    if result.solution is None:
        return result, []
    return result, changes(instance, previous, result.solution)
