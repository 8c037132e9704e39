"""The clock functions, with plain datetimes: no database."""

import datetime as dt

import pytest

from ecobridge.certification import clock
from ecobridge.certification.clock import Period, StageSpan

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def day(n: float) -> dt.datetime:
    return T0 + dt.timedelta(days=n)


def test_days_used_counts_calendar_days_since_submission():
    assert clock.days_used(T0, None, [], now=day(10)) == pytest.approx(10)


def test_days_used_is_zero_before_submission():
    assert clock.days_used(None, None, [], now=day(10)) == 0


def test_open_supplement_stops_the_clock():
    pauses = [Period(day(4), None)]
    assert clock.days_used(T0, None, pauses, now=day(10)) == pytest.approx(4)
    assert clock.days_used(T0, None, pauses, now=day(40)) == pytest.approx(4)


def test_answered_supplement_restarts_the_clock():
    pauses = [Period(day(4), day(9))]
    assert clock.days_used(T0, None, pauses, now=day(12)) == pytest.approx(7)


def test_overlapping_pauses_count_once_and_closure_ends_the_clock():
    pauses = [Period(day(2), day(6)), Period(day(5), day(8))]
    assert clock.days_used(T0, day(20), pauses, now=day(50)) == pytest.approx(14)
    assert clock.paused_days(Period(T0, day(20)), pauses, now=day(50)) == pytest.approx(6)


def test_pause_outside_the_period_is_ignored():
    assert clock.active_days(Period(day(10), day(15)), [Period(T0, day(3))], day(20)) == 5


@pytest.mark.parametrize(
    ("used", "limit", "paused", "state"),
    [
        (10, 90, False, "ok"),
        (72, 90, False, "due_soon"),
        (91, 90, False, "overdue"),
        (91, 90, True, "paused"),
        (500, None, False, "ok"),
    ],
)
def test_clock_state(used, limit, paused, state):
    assert clock.clock_state(used, limit, paused=paused) == state


def test_days_left_negative_when_over():
    assert clock.days_left(80.5, 90) == 9
    assert clock.days_left(92.2, 90) == -3


def test_deadline_state():
    due = dt.date(2026, 3, 10)
    assert clock.deadline_state(due, dt.date(2026, 3, 1)) == "ok"
    assert clock.deadline_state(due, dt.date(2026, 3, 8)) == "due_soon"
    assert clock.deadline_state(due, dt.date(2026, 3, 11)) == "overdue"


def test_stage_durations_exclude_pauses_and_add_repeat_visits():
    spans = [
        StageSpan("review", Period(T0, day(10))),
        StageSpan("testing", Period(day(10), day(30))),
        StageSpan("review", Period(day(30), None)),
    ]
    durations = clock.stage_durations(spans, [Period(day(12), day(17))], now=day(33))
    assert durations == {"review": pytest.approx(13), "testing": pytest.approx(15)}


def test_medians_by_key():
    rows = [("a", 10), ("a", 30), ("a", 20), ("b", 5), ("b", 7)]
    assert clock.medians_by(rows) == {"a": 20, "b": 6}
    assert clock.median([]) is None


def test_time_lost_over_stage_limits_and_in_supplements():
    lost = clock.time_lost([("review", 25, 20), ("testing", 10, 30), ("report", 9, None)], 12)
    assert lost == {"review": 5, "supplements": 12}
