"""``ecobridge events``: event commands on the server's command line."""

from __future__ import annotations

import sys

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def events() -> None:
    """Delegations, events and their B2B meetings."""
    from ecobridge.cli import setup_django

    setup_django()


@events.command("export-b2b")
@click.argument("event")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="Where to write the ecobridge-b2b/1 instance.",
)
@click.option(
    "--solution",
    type=click.Path(dir_okay=False),
    help="Also write the current schedule as an ecobridge-b2b-solution/1 document.",
)
def export_b2b(event: str, output: str, solution: str | None) -> None:
    """Write EVENT's B2B problem (and current schedule) for the engine's tools.

    EVENT is the event's short name (slug). Check the schedule with
    ``ecobridge schedule validate INSTANCE.json SOLUTION.json``.
    """
    from ecobridge.events import b2b
    from ecobridge.events.models import Event
    from ecobridge.scheduling.io import write_json_atomic

    found = Event.objects.filter(slug=event).first()
    if found is None:
        click.echo(f"event: no event with the short name {event!r}", err=True)
        sys.exit(2)
    instance = b2b.build_instance(found)
    write_json_atomic(output, instance)
    click.echo(
        f"wrote {output}: {len(instance['participants'])} participants, "
        f"{len(instance['interpreters'])} interpreters, {len(instance['slots'])} slots, "
        f"{len(instance['tables'])} tables, {len(instance['requests'])} requests"
    )
    if solution:
        document = b2b.current_solution(found)
        write_json_atomic(solution, document)
        click.echo(f"wrote {solution}: {len(document['meetings'])} meetings")
