"""`ecobridge certification cases` and `ecobridge certification reminders`."""

import datetime as dt

import pytest
from click.testing import CliRunner
from django.utils import timezone

from ecobridge.certification import services
from ecobridge.cli import cli

pytestmark = pytest.mark.django_db


def test_cases_and_reminders(case, reviewer):
    case.submitted_at = timezone.now() - dt.timedelta(days=95)
    case.save()
    runner = CliRunner()
    result = runner.invoke(cli, ["certification", "cases", "--overdue"])
    assert result.exit_code == 0, result.output
    assert f"{case}\tKTL-PERF\tapplication\t95\t90\toverdue" in result.output
    services.request_supplement(reviewer, case, "x", timezone.localdate())
    result = runner.invoke(cli, ["certification", "cases", "--overdue"])
    assert str(case) not in result.output  # paused, so not counted as overdue now
    result = runner.invoke(cli, ["certification", "reminders"])
    assert result.exit_code == 0 and "supplements: 1" in result.output
