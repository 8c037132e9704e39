"""Background jobs: create a Job row, run it in a Celery worker, report progress.

A job kind maps to a handler ``handler(job, progress) -> dict``. ``progress(percent,
message)`` updates the row so the job page can show a progress bar; an exception marks
the job failed and keeps the error for the page.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from ecobridge.core.models import Job, JobStatus

logger = logging.getLogger(__name__)

Progress = Callable[[int, str], None]
Handler = Callable[[Job, Progress], dict[str, Any] | None]

HANDLERS: dict[str, Handler] = {}


class JobError(Exception):
    """A failure whose message is meant for the person who started the job."""


def job_handler(kind: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        HANDLERS[kind] = func
        return func

    return register


def enqueue(
    kind: str, title: str, *, user=None, params: dict | None = None, input_file=None
) -> Job:
    """Create a job and hand it to the worker once the current transaction commits."""
    if kind not in HANDLERS:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job(kind=kind, title=title, params=params or {}, created_by=user)
    if input_file is not None:
        job.input_file.save(input_file.name, input_file, save=False)
    job.save()
    from ecobridge.core.tasks import run_job  # the task module imports Celery

    transaction.on_commit(lambda: run_job.delay(job.pk))
    return job


def _update(job: Job, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    Job.objects.filter(pk=job.pk).update(**fields)


def execute(job_id: int) -> Job:
    """Run a queued job to completion in this process (the worker calls this)."""
    job = Job.objects.get(pk=job_id)
    if job.status != JobStatus.QUEUED:
        return job
    _update(job, status=JobStatus.RUNNING, started_at=timezone.now(), message="Started")

    def progress(percent: int, message: str = "") -> None:
        _update(job, progress=max(0, min(100, int(percent))), message=message[:300])

    try:
        result = HANDLERS[job.kind](job, progress) or {}
    except Exception as exc:  # the job page must show any failure, not a stuck bar
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        error = str(exc) if isinstance(exc, JobError) else f"{type(exc).__name__}: {exc}"
        _update(
            job,
            status=JobStatus.FAILED,
            error=error,
            message="Failed",
            finished_at=timezone.now(),
            result={"traceback": traceback.format_exc()[-4000:]},
        )
        return job
    _update(
        job,
        status=JobStatus.SUCCEEDED,
        progress=100,
        message=job.message if job.message and job.message != "Started" else "Done",
        result=result,
        finished_at=timezone.now(),
    )
    return job
