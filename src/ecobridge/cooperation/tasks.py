from celery import shared_task


@shared_task(name="ecobridge.cooperation.send_reminders")
def send_reminders() -> dict:
    """Daily: agreement expiry and overdue action-item reminders."""
    from ecobridge.cooperation.reminders import send_due_reminders

    return send_due_reminders()
