"""``ecobridge certification``: the single window on the server's command line."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def certification() -> None:
    """Certification single window: cases, clocks and reminders."""
    from ecobridge.cli import setup_django

    setup_django()


@certification.command("cases")
@click.option("--scheme", help="Only cases of this scheme code.")
@click.option("--overdue", is_flag=True, help="Only cases past their legal time limit.")
def cases(scheme: str | None, overdue: bool) -> None:
    """List submitted cases with days used against the legal limit (tab-separated)."""
    from ecobridge.certification import tracking
    from ecobridge.certification.models import Case

    queryset = Case.objects.filter(submitted_at__isnull=False)
    if scheme:
        queryset = queryset.filter(scheme__code=scheme)
    click.echo("case\tscheme\tstatus\tdays_used\tlimit\tclock")
    for case in tracking.prefetched(queryset.order_by("id")):
        clock = tracking.case_clock(case)
        if overdue and clock.state != "overdue":
            continue
        click.echo(
            f"{case}\t{case.scheme.code}\t{case.status}\t{clock.whole_days}\t{clock.limit}\t{clock.state}"
        )


@certification.command("reminders")
def reminders() -> None:
    """Send the due reminders now (what the daily Celery beat task does)."""
    from ecobridge.certification.reminders import send_due_reminders

    sent = send_due_reminders()
    click.echo(", ".join(f"{key}: {count}" for key, count in sent.items()))
