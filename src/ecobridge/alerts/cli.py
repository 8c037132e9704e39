"""`ecobridge import cap FILE` (registered under the `import` group in ecobridge.cli)."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("cap", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def cap(files: tuple[Path, ...]) -> None:
    """Import CAP alerts from XML files (or folders of them), validated against the schema.

    Exit status 0 when every file imported or was skipped with a reason, 1 when a file was
    invalid, 2 when a file was rejected as hostile.
    """
    from ecobridge.cli import setup_django

    setup_django()
    from ecobridge.alerts.importing import import_paths

    outcomes = import_paths(list(files))
    worst = 0
    for outcome in outcomes:
        click.echo(outcome.line(), err=outcome.status in ("invalid", "rejected"))
        worst = max(worst, {"rejected": 2, "invalid": 1}.get(outcome.status, 0))
    imported = sum(o.imported for o in outcomes)
    click.echo(f"{len(outcomes)} file(s): {imported} alert(s) imported")
    sys.exit(worst)
