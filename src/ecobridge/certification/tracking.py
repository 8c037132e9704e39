"""Clocks of real cases and the cluster dashboard: database rows in, clock.py numbers out."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from ecobridge.certification import clock
from ecobridge.certification.models import STAGE_ORDER, Case, CaseStatus
from ecobridge.certification.workflow import WORKING


@dataclass
class CaseClock:
    days_used: float
    limit: int
    state: str  # ok / due_soon / overdue / paused / closed
    paused: bool
    paused_days: float
    stage_days: dict[str, float] = field(default_factory=dict)
    stage_limit: int | None = None
    stage_used: float = 0.0
    stage_state: str = "ok"

    @property
    def whole_days(self) -> int:
        return int(self.days_used)

    @property
    def percent(self) -> int:
        return min(100, int(100 * self.days_used / self.limit)) if self.limit else 0

    @property
    def days_left(self) -> int:
        return clock.days_left(self.days_used, self.limit)


def _pauses(case: Case) -> list[clock.Period]:
    return [clock.Period(s.requested_at, s.answered_at) for s in case.supplements.all()]


def case_clock(case: Case, now: dt.datetime | None = None) -> CaseClock:
    """Days used against the scheme's legal limit, and the current stage's own clock."""
    now = now or timezone.now()
    pauses = _pauses(case)
    end = case.closed_at
    used = clock.days_used(case.submitted_at, end, pauses, now)
    paused = case.status in WORKING and any(p.end is None for p in pauses)
    spans = [
        clock.StageSpan(p.stage, clock.Period(p.started_at, p.ended_at)) for p in case.periods.all()
    ]
    stage_days = clock.stage_durations(spans, pauses, now)
    limits = {s.stage: s.time_limit_days for s in case.scheme.stages.all()}
    limit = case.scheme.legal_time_limit_days
    if case.submitted_at is None:
        state = "draft"
    elif case.status in WORKING:
        state = clock.clock_state(used, limit, paused=paused)
    else:
        state = "closed"
    current = [s for s in spans if s.stage == case.status and s.period.end is None]
    stage_used = (
        clock.active_days(current[0].period, pauses, now)
        if current and case.status in WORKING
        else 0.0
    )
    stage_limit = limits.get(case.status)
    return CaseClock(
        days_used=used,
        limit=limit,
        state=state,
        paused=paused,
        paused_days=clock.paused_days(clock.Period(case.submitted_at or now, end), pauses, now)
        if case.submitted_at
        else 0.0,
        stage_days=stage_days,
        stage_limit=stage_limit,
        stage_used=stage_used,
        stage_state=clock.clock_state(stage_used, stage_limit, paused=paused)
        if case.status in WORKING
        else "closed",
    )


def prefetched(queryset):
    return queryset.select_related(
        "scheme",
        "scheme__institution",
        "application",
        "application__technology",
        "application__organisation",
    ).prefetch_related("supplements", "periods", "scheme__stages")


def dashboard(cases, now: dt.datetime | None = None) -> dict:
    """Rows for every case and the medians per scheme and per scheme × stage."""
    now = now or timezone.now()
    rows = []
    per_scheme: list[tuple[object, float]] = []
    per_stage: list[tuple[object, float]] = []
    lost: dict[str, float] = defaultdict(float)
    for case in prefetched(cases):
        c = case_clock(case, now)
        rows.append({"case": case, "clock": c})
        if case.submitted_at is None:
            continue
        if case.status in (CaseStatus.CERTIFICATE, CaseStatus.PUBLISHED):
            per_scheme.append((case.scheme, c.days_used))
        for stage, days in c.stage_days.items():
            per_stage.append(((case.scheme, stage), days))
        limits = {s.stage: s.time_limit_days for s in case.scheme.stages.all()}
        for key, days in clock.time_lost(
            [(stage, days, limits.get(stage)) for stage, days in c.stage_days.items()],
            c.paused_days,
        ).items():
            lost[key] += days
    rows.sort(key=lambda r: (r["clock"].state != "overdue", -r["clock"].days_used))
    scheme_medians = clock.medians_by(per_scheme)
    stage_medians = clock.medians_by(per_stage)
    return {
        "rows": rows,
        "scheme_medians": sorted(
            ((scheme, days) for scheme, days in scheme_medians.items()), key=lambda x: x[0].code
        ),
        "stage_medians": sorted(
            ((scheme, stage, days) for (scheme, stage), days in stage_medians.items()),
            key=lambda x: (x[0].code, STAGE_ORDER.index(x[1])),
        ),
        "time_lost": sorted(lost.items(), key=lambda x: -x[1]),
        "overdue": sum(1 for r in rows if r["clock"].state == "overdue"),
    }
