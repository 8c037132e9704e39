"""`ecobridge import indicators` (registered under the `import` group in ecobridge.cli)."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("indicators", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--only", multiple=True, help="Indicator code to import (repeatable).")
@click.option("--from-year", type=int, default=None, help="Skip observations before this year.")
@click.option(
    "--source",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Folder with the aquastat/, sdg6_unsd/ and wdi/ files (default: the copy shipped "
    "with ecobridge), e.g. shared/data/water_indicators.",
)
def indicators(only: tuple[str, ...], from_year: int | None, source: Path | None) -> None:
    """Import the shipped water indicators (AQUASTAT, UN SDG 6, World Bank WDI)."""
    from ecobridge.cli import setup_django

    setup_django()
    from ecobridge.insights.catalogue import DATA
    from ecobridge.insights.importing import import_indicators

    report = import_indicators(
        data_dir=source or DATA, codes=list(only) or None, years_from=from_year
    )
    for code, count in report.per_indicator.items():
        click.echo(f"  {code}: {count}")
    click.echo(report.summary())
