"""`ecobridge import indicators` (registered under the `import` group in ecobridge.cli)."""

from __future__ import annotations

import click


@click.command("indicators", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--only", multiple=True, help="Indicator code to import (repeatable).")
@click.option("--from-year", type=int, default=None, help="Skip observations before this year.")
def indicators(only: tuple[str, ...], from_year: int | None) -> None:
    """Import the shipped water indicators (AQUASTAT, UN SDG 6, World Bank WDI)."""
    from ecobridge.cli import setup_django

    setup_django()
    from ecobridge.insights.importing import import_indicators

    report = import_indicators(codes=list(only) or None, years_from=from_year)
    for code, count in report.per_indicator.items():
        click.echo(f"  {code}: {count}")
    click.echo(report.summary())
