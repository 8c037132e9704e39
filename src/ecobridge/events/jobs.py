"""The background job that runs the scheduling engine for an event."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from ecobridge.core.jobs import JobError, job_handler
from ecobridge.core.models import Job
from ecobridge.events import b2b, services
from ecobridge.events.models import Event, SolveRun


@job_handler(services.SOLVE_JOB)
def solve_job(job: Job, progress) -> dict[str, Any]:
    event = Event.objects.get(pk=job.params["event"])
    run = SolveRun.objects.filter(job=job).first()
    actor = job.created_by or _system()
    outcome = b2b.solve_event(
        event,
        time_limit=float(job.params.get("time_limit", 10)),
        minimum_change=bool(job.params.get("minimum_change")),
        progress=progress,
    )
    if not outcome.assignments and outcome.status not in ("optimal", "feasible"):
        if run:
            run.status = outcome.status
            run.summary = {"message": outcome.message}
            run.save()
        raise JobError(f"No schedule: {outcome.message or outcome.status}")
    progress(97, "Saving the schedule")
    try:
        applied = services.apply_solution(
            actor, event, outcome.assignments, outcome.unplaced, outcome.codes
        )
    except ValidationError as exc:
        raise JobError(" ".join(exc.messages)) from exc
    summary = {**outcome.report, **applied, "status": outcome.status}
    if run:
        run.status = outcome.status
        run.summary = summary
        run.save()
    progress(
        100,
        f"{outcome.report.get('meetings', 0)} meetings placed, "
        f"{len(outcome.unplaced)} not placed, {len(applied['changes'])} changes",
    )
    return {"summary": summary, "event": event.slug}


def _system():
    from ecobridge.core.actors import SYSTEM

    return SYSTEM
