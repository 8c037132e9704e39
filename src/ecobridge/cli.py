"""The ``ecobridge`` command line.

Library commands (``schedule``, ``match eval``) never import Django, so they run
without a database; platform commands set Django up on first use.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import click

CONTEXT = {"help_option_names": ["-h", "--help"]}


class LazyGroup(click.Group):
    """A click group whose sub-groups are imported only when invoked or listed."""

    def __init__(self, *args, lazy_subcommands: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy_subcommands = lazy_subcommands or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy_subcommands])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_subcommands:
            module_name, attr = self.lazy_subcommands[cmd_name].split(":")
            module = __import__(module_name, fromlist=[attr])
            return getattr(module, attr)
        return super().get_command(ctx, cmd_name)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecobridge.settings")
    import django

    django.setup()


@click.group(
    cls=LazyGroup,
    lazy_subcommands={
        "schedule": "ecobridge.scheduling.cli:schedule",
        "match": "ecobridge.match_cli:match",
        "events": "ecobridge.events.cli:events",
        "certification": "ecobridge.certification.cli:certification",
    },
    context_settings=CONTEXT,
)
@click.version_option(package_name="ecobridge")
def cli() -> None:
    """ecobridge: agreements, projects, delegations, B2B meetings and certification."""


@cli.command(context_settings={**CONTEXT, "ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command, e.g. `ecobridge manage migrate`."""
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ecobridge manage", *args])


@cli.group(context_settings=CONTEXT)
def demo() -> None:
    """The demonstration dataset."""


@demo.command("load")
def demo_load() -> None:
    """Load reference data, the demo organisations, sample records and logins.

    Safe to run again: records already in place are left unchanged.
    """
    setup_django()
    from ecobridge.core.demo import load_demo

    for part, outcome in load_demo().items():
        click.echo(f"{part}: {outcome}")


IMPORT_KINDS = click.Choice(["technologies", "needs", "organisations"])


@cli.group("import", context_settings=CONTEXT)
def import_() -> None:
    """Import records from files."""


def _import_command(kind: str) -> click.Command:
    @click.command(kind, context_settings=CONTEXT, help=f"Import {kind} from a CSV or XLSX file.")
    @click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
    @click.option("--dry-run", is_flag=True, help="Check the file and report; write nothing.")
    @click.option("--sample", is_flag=True, help="Mark the imported records as sample data.")
    def command(file: Path, dry_run: bool, sample: bool) -> None:
        setup_django()
        from ecobridge.core.actors import SYSTEM
        from ecobridge.directory.importing import run_import

        report = run_import(SYSTEM, kind, file, dry_run=dry_run, sample=sample)
        for problem in report.problems:
            click.echo(str(problem), err=True)
        click.echo(report.summary())
        if report.has_critical:
            sys.exit(2)
        if report.has_errors:
            sys.exit(1)

    return command


for _kind in ("technologies", "needs", "organisations"):
    import_.add_command(_import_command(_kind))

from ecobridge.alerts.cli import cap as _import_cap  # noqa: E402  (click only, no Django)
from ecobridge.insights.cli import indicators as _import_indicators  # noqa: E402

import_.add_command(_import_indicators)
import_.add_command(_import_cap)

from ecobridge.cooperation.cli import import_iati as _import_iati  # noqa: E402

import_.add_command(_import_iati)


@cli.command(context_settings=CONTEXT)
@click.argument("kind", type=click.Choice([*IMPORT_KINDS.choices, "iati"]))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "xlsx", "json"]),
    default=None,
    help="Default: from the file name, else csv.",
)
@click.option("--country", help="iati: only projects in this recipient country (ISO code).")
@click.option("--project", help="iati: only this project (IATI identifier or id).")
def export(
    kind: str,
    output: Path | None,
    fmt: str | None,
    country: str | None = None,
    project: str | None = None,
) -> None:
    """Export organisations, technologies or needs (CSV, XLSX or JSON), or projects as IATI 2.03 XML."""
    setup_django()
    if kind == "iati":
        from ecobridge.cooperation.cli import export_iati

        export_iati(output, country, project)
        return
    if country or project:
        raise click.UsageError("--country and --project apply to `export iati` only")
    from ecobridge.core.actors import SYSTEM
    from ecobridge.directory import exporting

    fmt = fmt or (
        output.suffix.lstrip(".")
        if output and output.suffix in {".csv", ".xlsx", ".json"}
        else "csv"
    )
    if fmt == "xlsx":
        if output is None:
            raise click.UsageError("XLSX needs --output FILE")
        output.write_bytes(exporting.export_xlsx(SYSTEM, kind))
        return
    text = (
        exporting.export_json(SYSTEM, kind) if fmt == "json" else exporting.export_csv(SYSTEM, kind)
    )
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


@cli.command(context_settings=CONTEXT)
@click.option(
    "--bind",
    default=lambda: os.environ.get("ECOBRIDGE_BIND", "127.0.0.1:8000"),
    show_default="127.0.0.1:8000 or $ECOBRIDGE_BIND",
    help="Address for the web server.",
)
@click.option(
    "--workers",
    type=int,
    default=lambda: int(os.environ.get("ECOBRIDGE_WEB_WORKERS", "2")),
    show_default="2 or $ECOBRIDGE_WEB_WORKERS",
    help="Web server processes.",
)
@click.option("--no-worker", is_flag=True, help="Do not start the background-job worker here.")
def serve(bind: str, workers: int, no_worker: bool) -> None:
    """Serve the web application (gunicorn) and run the job worker (Celery) beside it.

    Ctrl-C stops both.
    """
    setup_django()
    from django.conf import settings

    python = sys.executable
    processes = [
        subprocess.Popen(
            [
                python,
                "-m",
                "gunicorn",
                "ecobridge.wsgi:application",
                "--bind",
                bind,
                "--workers",
                str(workers),
                "--access-logfile",
                "-",
                "--timeout",
                "60",
            ]
        )
    ]
    if not no_worker:
        processes.append(
            subprocess.Popen(
                [
                    python,
                    "-m",
                    "celery",
                    "-A",
                    "ecobridge.celery",
                    "worker",
                    "--beat",
                    "--schedule",
                    str(settings.DATA_DIR / "celerybeat-schedule"),
                    "--pool",
                    "threads",
                    "--concurrency",
                    str(settings.CELERY_WORKER_CONCURRENCY),
                    "--loglevel",
                    "INFO",
                ]
            )
        )
    click.echo(f"ecobridge is serving on http://{bind}/ — press Ctrl-C to stop.")
    _supervise(processes)


def _supervise(processes: list[subprocess.Popen]) -> None:
    """Wait until Ctrl-C, a termination signal or one child exits; then stop them all."""
    stopping = False

    def stop(signum, _frame) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        while not stopping and all(p.poll() is None for p in processes):
            time.sleep(0.3)
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + 15
        for process in processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
    code = next((p.returncode for p in processes if p.returncode not in (0, None, -15)), 0)
    sys.exit(0 if stopping else code)


def main() -> None:
    cli(prog_name="ecobridge")
