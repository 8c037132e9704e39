"""Background job handlers of the directory."""

from __future__ import annotations

from ecobridge.core.jobs import JobError, job_handler
from ecobridge.core.models import Job
from ecobridge.directory.importing import run_import


@job_handler("directory.import")
def import_file(job: Job, progress) -> dict:
    actor = job.created_by
    if actor is None:
        raise JobError("This import has no user to act for.")
    progress(1, "Reading the file")
    with job.input_file.open("rb") as handle:
        report = run_import(
            actor,
            job.params["kind"],
            handle,
            filename=job.params.get("filename") or job.input_file.name,
            dry_run=job.params.get("dry_run", False),
            progress=lambda pct, msg: progress(max(1, pct), msg),
        )
    progress(100, report.summary())
    return {"report": report.to_dict(), "summary": report.summary()}


@job_handler("match.rebuild")
def rebuild_match_index(job: Job, progress) -> dict:
    from ecobridge.directory import match

    return match.rebuild(progress)
