"""The IATI import as a background job: check first, then write what was confirmed."""

from __future__ import annotations

from ecobridge.core.jobs import JobError, job_handler
from ecobridge.core.models import Job


@job_handler("cooperation.iati_import")
def iati_import_job(job: Job, progress) -> dict:
    from ecobridge.cooperation.iati_import import run_iati_import

    source = job
    if not job.input_file and job.params.get("checked_job"):
        # A confirmed import reads the file that was checked.
        source = Job.objects.get(pk=job.params["checked_job"])
    if not source.input_file:
        raise JobError("The job has no file to import.")
    with source.input_file.open("rb") as handle:
        data = handle.read()
    progress(10, "Checking the file")
    report = run_iati_import(
        job.created_by,
        data,
        dry_run=job.params.get("dry_run", True),
        only=job.params.get("only"),
    )
    progress(100, report.summary())
    return report.to_dict()
