"""The command line: help at every level, python -m, import/export round trip."""

import subprocess
import sys

import pytest
from click.testing import CliRunner

from ecobridge.cli import cli


def _leaf_paths(command, prefix=()):
    import click

    yield prefix
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            yield from _leaf_paths(command.get_command(ctx, name), (*prefix, name))


def test_help_at_every_level():
    runner = CliRunner()
    paths = list(_leaf_paths(cli))
    for required in [
        ("serve",),
        ("demo", "load"),
        ("import", "technologies"),
        ("import", "needs"),
        ("export",),
        ("manage",),
    ]:
        assert required in paths
    for path in paths:
        if path == ("manage",):
            continue  # passes --help on to Django; checked below
        result = runner.invoke(cli, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Usage:" in result.output


def test_manage_passes_through_to_django():
    result = subprocess.run(
        [sys.executable, "-m", "ecobridge", "manage", "help", "migrate"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert "Updates database schema" in result.stdout


def test_python_dash_m_and_version():
    result = subprocess.run(
        [sys.executable, "-m", "ecobridge", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert "0.1.0" in result.stdout


@pytest.mark.django_db
def test_import_dry_run_then_real_then_export_round_trip(tmp_path, countries, sectors):
    source = tmp_path / "tech.csv"
    source.write_text(
        "id,organization,country,language,title,description,sectors,trl,certifications\n"
        "T1,Aqua Co,KR,ko,누수 감지,상수도 누수를 찾습니다.,14021,8,NET\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    dry = runner.invoke(cli, ["import", "technologies", str(source), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "1 would be created" in dry.output
    from ecobridge.directory.models import Technology

    assert not Technology.objects.exists()
    real = runner.invoke(cli, ["import", "technologies", str(source)])
    assert real.exit_code == 0 and "1 were created" in real.output
    out = tmp_path / "out.csv"
    assert runner.invoke(cli, ["export", "technologies", "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == source.read_text(encoding="utf-8")


@pytest.mark.django_db
def test_import_with_critical_problem_exits_2_and_names_the_column(tmp_path, countries):
    source = tmp_path / "bad.csv"
    source.write_text("id,country,title\nX,KR,Something\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", "technologies", str(source)])
    assert result.exit_code == 2
    assert "required column 'organization' is missing" in result.output
