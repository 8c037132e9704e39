"""Deadline clocks as pure functions: no database, only datetimes and numbers.

The legal clock of a case runs from submission to closure, minus every period in which a
supplement request was open (the company holds the file then, not the institution).
Stages are measured the same way, so the dashboard can say where time is lost.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

DAY = 86400.0
# Share of the limit from which a clock is shown as "due soon".
WARN_RATIO = 0.8


@dataclass(frozen=True)
class Period:
    """A half-open time span; ``end=None`` means still running."""

    start: dt.datetime
    end: dt.datetime | None = None

    def closed(self, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
        end = self.end if self.end is not None else now
        return self.start, max(self.start, end)


def merge(periods: Iterable[Period], now: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    """Close running periods at ``now`` and merge overlaps (two open requests count once)."""
    spans = sorted(p.closed(now) for p in periods)
    merged: list[tuple[dt.datetime, dt.datetime]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def overlap_seconds(span: tuple[dt.datetime, dt.datetime], pauses: Sequence[tuple]) -> float:
    start, end = span
    total = 0.0
    for p_start, p_end in pauses:
        lo, hi = max(start, p_start), min(end, p_end)
        if hi > lo:
            total += (hi - lo).total_seconds()
    return total


def active_days(period: Period, pauses: Iterable[Period], now: dt.datetime) -> float:
    """Days in ``period`` during which no pause was running."""
    span = period.closed(now)
    merged = merge(pauses, now)
    seconds = (span[1] - span[0]).total_seconds() - overlap_seconds(span, merged)
    return max(0.0, seconds) / DAY


def paused_days(period: Period, pauses: Iterable[Period], now: dt.datetime) -> float:
    span = period.closed(now)
    return overlap_seconds(span, merge(pauses, now)) / DAY


def days_used(
    submitted_at: dt.datetime | None,
    closed_at: dt.datetime | None,
    pauses: Iterable[Period],
    now: dt.datetime,
) -> float:
    """Processing days a case has used against its legal limit (0 before submission)."""
    if submitted_at is None:
        return 0.0
    return active_days(Period(submitted_at, closed_at), pauses, now)


def clock_state(used: float, limit: int | None, *, paused: bool = False) -> str:
    """ "paused", "overdue", "due_soon" or "ok" — what the clock badge shows."""
    if paused:
        return "paused"
    if not limit:
        return "ok"
    if used > limit:
        return "overdue"
    if used >= WARN_RATIO * limit:
        return "due_soon"
    return "ok"


def days_left(used: float, limit: int) -> int:
    return int(limit - used) if used <= limit else -int(used - limit + 0.999999)


def deadline_state(due: dt.date, today: dt.date, *, warn_days: int = 3) -> str:
    """A company's deadline (supplement answer): "overdue", "due_soon" or "ok"."""
    if today > due:
        return "overdue"
    if (due - today).days <= warn_days:
        return "due_soon"
    return "ok"


@dataclass(frozen=True)
class StageSpan:
    stage: str
    period: Period


def stage_durations(
    spans: Iterable[StageSpan], pauses: Iterable[Period], now: dt.datetime
) -> dict[str, float]:
    """Active days per stage (a stage entered twice adds up), pauses excluded."""
    pauses = list(pauses)
    totals: dict[str, float] = defaultdict(float)
    for span in spans:
        totals[span.stage] += active_days(span.period, pauses, now)
    return dict(totals)


def median(values: Iterable[float]) -> float | None:
    values = list(values)
    return statistics.median(values) if values else None


def medians_by(rows: Iterable[tuple[object, float]]) -> dict[object, float]:
    """``{key: median of values}`` for ``(key, value)`` pairs."""
    grouped: dict[object, list[float]] = defaultdict(list)
    for key, value in rows:
        grouped[key].append(value)
    return {key: statistics.median(values) for key, values in grouped.items()}


def time_lost(
    stage_days: Iterable[tuple[str, float, int | None]], paused_total: float
) -> dict[str, float]:
    """Where time goes beyond the limits: days over each stage's limit, plus the days the
    clock stood still waiting for supplements (``stage_days``: stage, days used, limit)."""
    lost: dict[str, float] = defaultdict(float)
    for stage, used, limit in stage_days:
        if limit and used > limit:
            lost[stage] += used - limit
    if paused_total > 0:
        lost["supplements"] += paused_total
    return dict(lost)
