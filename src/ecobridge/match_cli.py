"""``ecobridge match``: the engine's own commands plus the platform's index rebuild."""

from __future__ import annotations

import click

from ecobridge.matching.cli import match


@match.command("rebuild")
def rebuild() -> None:
    """Rebuild the platform's matching index from every technology and need."""
    from ecobridge.cli import setup_django

    setup_django()
    from ecobridge.directory import match as platform_match

    with click.progressbar(length=100, label="Indexing") as bar:
        done = {"value": 0}

        def progress(percent: int, message: str) -> None:
            bar.update(percent - done["value"])
            done["value"] = percent

        result = platform_match.rebuild(progress)
    click.echo(f"Indexed {result['records']} records into {platform_match.index_dir()}")
