"""The ``ecobridge`` command line.

Library commands (``schedule``, ``match eval``) never import Django, so they run
without a database; platform commands set Django up lazily on first use.
"""

from __future__ import annotations

import click


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


@click.group(
    cls=LazyGroup,
    lazy_subcommands={
        "schedule": "ecobridge.scheduling.cli:schedule",
    },
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(package_name="ecobridge")
def cli() -> None:
    """ecobridge: agreements, projects, delegations, B2B meetings and certification."""


def main() -> None:
    cli(prog_name="ecobridge")
