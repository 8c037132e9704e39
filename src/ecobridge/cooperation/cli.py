"""Command-line pieces of the cooperation registry (click only; Django loads on use)."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("iati", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and report; write nothing.")
@click.option(
    "--only",
    "only",
    multiple=True,
    metavar="IDENTIFIER",
    help="Write only this activity (repeat for several). Default: every importable one.",
)
def import_iati(file: Path, dry_run: bool, only: tuple[str, ...]) -> None:
    """Import IATI 2.03 activities as projects, reporting every problem with its XPath."""
    from ecobridge.cli import setup_django

    setup_django()
    from ecobridge.cooperation.iati_import import run_iati_import
    from ecobridge.core.actors import SYSTEM

    report = run_iati_import(SYSTEM, file, dry_run=dry_run, only=list(only) or None)
    for problem in report.problems:
        click.echo(str(problem), err=True)
    for activity in report.activities:
        click.echo(f"{activity.action:7} {activity.identifier}  {activity.title}")
    click.echo(report.summary())
    if report.has_critical:
        sys.exit(2)
    if report.has_errors:
        sys.exit(1)


def export_iati(output: Path | None, country: str | None, project: str | None) -> None:
    """Write projects as an IATI 2.03 activity file (called by ``ecobridge export iati``)."""
    from django.db.models import Q

    from ecobridge.cooperation import iati
    from ecobridge.cooperation.models import Project

    projects = Project.objects.all()
    if country:
        projects = projects.filter(recipient_countries__code=country.upper()).distinct()
    if project:
        by_id = Q(pk=int(project)) if project.isdigit() else Q(pk__in=[])
        projects = projects.filter(Q(iati_identifier=project) | by_id)
    if not projects.exists():
        raise click.UsageError("No project matches; nothing to export.")
    result = iati.export_projects(projects)
    for identifier, reason in result.skipped.items():
        click.echo(f"skipped {identifier}: {reason}", err=True)
    if not result.exported:
        raise click.ClickException("No project has the data IATI requires; nothing written.")
    if output is None:
        click.echo(result.xml.decode("utf-8"), nl=False)
    else:
        output.write_bytes(result.xml)
        click.echo(f"{len(result.exported)} activities written to {output}", err=True)
