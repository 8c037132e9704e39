"""Item 11: two organisers move meetings into the same table and slot at the same moment.

With the event's row lock (``select_for_update``) exactly one succeeds and the other gets
a clear refusal. The control tests take the lock away and show the race it prevents:
both writers pass the availability check, and either the database's last-line unique
constraint fails with an integrity error or, where no constraint can help (the same
participant at two tables), the participant is double booked.

PostgreSQL only: SQLite serialises whole-database writes, so it cannot show the race.
"""

from __future__ import annotations

import contextlib
import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection

from ecobridge.events import services
from ecobridge.events.models import Meeting, MeetingStatus

pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL: SQLite locks the whole database for every write, so two "
        "concurrent writers cannot race (run with DATABASE_URL=postgres://...)",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def two_meetings(event, officer, people, accepted, tables, b2b_session):
    slots = list(b2b_session.slots.all())
    first = services.book_meeting(officer, accepted[0], slots[0], tables[0])  # kr1 – kz1
    other = services.request_meeting(officer, people["kr2"], people["kz2"])
    services.respond_to_request(officer, other, "accepted")
    second = services.book_meeting(officer, other, slots[1], tables[0])  # kr2 – kz2
    return first, second, slots[2], tables[1]


def race(monkeypatch, moves, *, lock: bool):
    """Run the moves in parallel threads, held together right after their checks."""
    barrier = threading.Barrier(len(moves))
    passed_check = []
    if not lock:
        monkeypatch.setattr(services, "_lock_event", lambda event: event)

    def hold(meeting_pk):
        passed_check.append(meeting_pk)
        # with the lock the other writer never arrives: the wait times out
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=3)

    monkeypatch.setattr(services, "_after_check", hold)
    results: dict[int, object] = {}

    def run(index, officer, meeting, slot, table):
        try:
            services.move_meeting(officer, meeting, slot, table)
            results[index] = "ok"
        except Exception as exc:  # collected for the assertions
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, *m)) for i, m in enumerate(moves)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results, passed_check


def test_exactly_one_move_wins_with_the_lock(monkeypatch, two_meetings, officer, administrator):
    first, second, slot, table = two_meetings
    results, passed = race(
        monkeypatch,
        [(officer, first, slot, table), (administrator, second, slot, table)],
        lock=True,
    )
    outcomes = sorted(type(r).__name__ if r != "ok" else "ok" for r in results.values())
    assert outcomes == ["ValidationError", "ok"]
    loser = next(r for r in results.values() if r != "ok")
    assert "already" in str(loser)  # a clear refusal naming what is taken
    assert (
        Meeting.objects.filter(slot=slot, table=table, status=MeetingStatus.SCHEDULED).count() == 1
    )
    assert len(passed) == 1  # the second writer checked after the first committed


def test_control_without_the_lock_both_pass_the_check(
    monkeypatch, two_meetings, officer, administrator
):
    first, second, slot, table = two_meetings
    results, passed = race(
        monkeypatch,
        [(officer, first, slot, table), (administrator, second, slot, table)],
        lock=False,
    )
    # the race: both writers saw the table free ...
    assert len(passed) == 2
    # ... and only the database constraint stopped the second, with an integrity error
    # instead of an answer the organiser can act on
    errors = [r for r in results.values() if r != "ok"]
    assert len(errors) == 1 and isinstance(errors[0], IntegrityError)


def test_control_without_the_lock_double_books_a_participant(
    monkeypatch, event, officer, administrator, people, accepted, tables, b2b_session
):
    """Two meetings of the same company moved into one slot at two different tables: no
    table constraint applies, so without the lock the company is booked twice."""
    slots = list(b2b_session.slots.all())
    services.update_registration(officer, people["kz2"], {"languages": ["ru", "ko"]})
    m1 = services.book_meeting(officer, accepted[0], slots[0], tables[0])  # kr1 – kz1 (interp.)
    m2 = services.book_meeting(officer, accepted[1], slots[1], tables[0])  # kr1 – kz2 (ko)
    results, passed = race(
        monkeypatch,
        [(officer, m1, slots[3], tables[0]), (administrator, m2, slots[3], tables[1])],
        lock=False,
    )
    assert len(passed) == 2 and list(results.values()) == ["ok", "ok"]
    double = Meeting.objects.filter(slot=slots[3], status=MeetingStatus.SCHEDULED)
    assert {m.request.a for m in double} == {people["kr1"]} and double.count() == 2


def test_the_lock_prevents_double_booking_a_participant(
    monkeypatch, event, officer, administrator, people, accepted, tables, b2b_session
):
    slots = list(b2b_session.slots.all())
    services.update_registration(officer, people["kz2"], {"languages": ["ru", "ko"]})
    m1 = services.book_meeting(officer, accepted[0], slots[0], tables[0])
    m2 = services.book_meeting(officer, accepted[1], slots[1], tables[0])
    results, _passed = race(
        monkeypatch,
        [(officer, m1, slots[3], tables[0]), (administrator, m2, slots[3], tables[1])],
        lock=True,
    )
    assert sorted(isinstance(r, ValidationError) for r in results.values()) == [False, True]
    assert Meeting.objects.filter(slot=slots[3], status=MeetingStatus.SCHEDULED).count() == 1
