from celery import shared_task

from ecobridge.core.jobs import execute


@shared_task(name="ecobridge.run_job")
def run_job(job_id: int) -> None:
    execute(job_id)
