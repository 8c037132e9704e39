"""Celery tasks of the certification app (scheduled in ``CELERY_BEAT_SCHEDULE``)."""

from celery import shared_task

from ecobridge.certification.reminders import send_due_reminders


@shared_task(name="ecobridge.certification.send_reminders")
def send_reminders() -> dict[str, int]:
    return send_due_reminders()
