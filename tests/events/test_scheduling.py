"""Item 4 (scheduling in the product) and item 10 (export in the engine's format)."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.translation import gettext

from ecobridge.core.models import AuditEntry, Job
from ecobridge.events import b2b, services
from ecobridge.events.models import Meeting, MeetingStatus, Registration, Role, Slot
from ecobridge.scheduling import io as b2b_io
from ecobridge.scheduling.validate import validate


def scheduled(event):
    return Meeting.objects.filter(event=event, status=MeetingStatus.SCHEDULED)


def test_instance_document_follows_the_format(event, accepted, tables, b2b_session, people):
    data = b2b.build_instance(event)
    instance = b2b_io.parse_instance(data)  # the engine's own reader accepts it
    assert data["format"] == "ecobridge-b2b/1"
    assert len(instance.slots) == 4 and len(instance.tables) == 2
    assert {p.id for p in instance.participants} == {
        people[k].b2b_id for k in ("kr1", "kr2", "kz1", "kz2")
    }
    kr1 = instance.participant_by_id[people["kr1"].b2b_id]
    assert kr1.languages == ("ko",) and kr1.max_meetings == 8
    assert instance.interpreters[0].languages == ("ko", "ru")
    assert [r.weight for r in instance.requests] == [2, 2, 2]
    assert data["slots"][0]["start"].endswith("+05:00")  # the event's time zone


def test_solve_job_places_meetings_with_interpreters(
    event, officer, accepted, tables, b2b_session, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_solve(officer, event, time_limit=3)
    job = Job.objects.get(pk=job.pk)
    assert job.status == "succeeded", job.error
    assert job.progress == 100 and "3 meetings placed" in job.message
    meetings = scheduled(event)
    assert meetings.count() == 3
    # Korean-only and Russian-only parties: every meeting has the interpreter
    assert all(m.interpreter == people["interp"] for m in meetings)
    assert len({m.slot_id for m in meetings}) == 3  # one interpreter: one meeting per slot
    assert b2b.validate_current(event).valid
    assert AuditEntry.objects.filter(action="events.solver_book_meeting").count() == 3
    recipients = {to for m in mail.outbox for to in m.to}
    assert "interp@example.org" in recipients and "cpmember@example.org" in recipients


def test_only_organisers_solve(event, owner, accepted, tables):
    with pytest.raises(PermissionDenied):
        services.start_solve(owner, event)


def test_solve_needs_tables(event, officer, accepted):
    with pytest.raises(ValidationError) as err:
        services.start_solve(officer, event)
    assert "tables" in err.value.message_dict


def test_unplaced_requests_carry_the_engines_explanation(event, officer, people, tables):
    # kr2 and kz2 share no language and the only interpreter is withdrawn
    services.decide_registration(officer, people["interp"], False)
    req = services.request_meeting(officer, people["kr2"], people["kz2"])
    services.respond_to_request(officer, req, "accepted")
    outcome = b2b.solve_event(event, time_limit=2)
    services.apply_solution(officer, event, outcome.assignments, outcome.unplaced, outcome.codes)
    req.refresh_from_db()
    assert "interpreter" in req.unplaced_reason
    # the engine's identifiers are shown as the participants' names
    assert "Han River Pumps" in req.unplaced_reason and "Astana Su" in req.unplaced_reason
    assert f"P{people['kr2'].pk}" not in req.unplaced_reason
    assert req.unplaced_code == "no-interpreter"
    assert "no interpreter is available" in req.unplaced_headline
    assert not scheduled(event).exists()


def test_move_lock_cancel_notify_and_audit(
    event, officer, schedule, people, django_capture_on_commit_callbacks
):
    meeting = scheduled(event).order_by("slot__start").first()
    free = (
        Slot.objects.filter(session__event=event)
        .exclude(pk__in=scheduled(event).values("slot"))
        .first()
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.move_meeting(officer, meeting, free, meeting.table)
    meeting.refresh_from_db()
    assert meeting.slot == free and meeting.interpreter == people["interp"]
    told = {to for m in mail.outbox for to in m.to}
    a, b = meeting.parties
    assert {a.email, b.email, "interp@example.org"} <= told
    assert AuditEntry.objects.filter(action="events.move_meeting", object_id=str(meeting.pk))
    # into an occupied table and slot: refused, naming the table
    other = scheduled(event).exclude(pk=meeting.pk).first()
    with pytest.raises(ValidationError) as err:
        services.move_meeting(officer, meeting, other.slot, other.table)
    assert "table" in err.value.message_dict or "slot" in err.value.message_dict
    services.lock_meeting(officer, meeting, True)
    assert Meeting.objects.get(pk=meeting.pk).locked
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(ValidationError):
            services.cancel_meeting(officer, meeting, "  ")  # a reason is required
        services.cancel_meeting(officer, meeting, "Host delayed")
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.CANCELLED
    assert any("Host delayed" in m.body for m in mail.outbox)


def test_participants_cannot_move_meetings(event, schedule, owner):
    meeting = scheduled(event).first()
    with pytest.raises(PermissionDenied):
        services.move_meeting(owner, meeting, meeting.slot, meeting.table)


def test_resolve_with_minimum_change_keeps_meetings_and_locks(event, officer, schedule, people):
    before = {m.request_id: (m.slot_id, m.table_id) for m in scheduled(event)}
    locked = scheduled(event).first()
    services.lock_meeting(officer, locked, True)
    # a new accepted request arrives: re-solve must add it and keep the rest
    req = services.request_meeting(officer, people["kr2"], people["kz2"])
    services.respond_to_request(officer, req, "accepted")
    outcome = b2b.solve_event(event, time_limit=3, minimum_change=True)
    result = services.apply_solution(
        officer, event, outcome.assignments, outcome.unplaced, outcome.codes
    )
    after = {m.request_id: (m.slot_id, m.table_id) for m in scheduled(event)}
    assert req.pk in after
    assert after[locked.request_id] == before[locked.request_id]
    kept = sum(1 for rid, place in before.items() if after.get(rid) == place)
    assert kept == len(before)
    assert result["changes"] == [f"scheduled {req}"]


def test_no_meeting_dropped_silently_by_the_solver(
    event, officer, schedule, people, django_capture_on_commit_callbacks
):
    """kz2 now wants no meetings at all: re-solving cannot keep kr1–kz2, so its meeting is
    cancelled with the reason and both parties and the interpreter are told."""
    meeting = scheduled(event).get(request__b=people["kz2"])
    services.update_registration(officer, people["kz2"], {"meeting_cap": 0})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        outcome = b2b.solve_event(event, time_limit=2, minimum_change=True)
        services.apply_solution(
            officer, event, outcome.assignments, outcome.unplaced, outcome.codes
        )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED and "0" in meeting.cancel_reason
    a, b = meeting.parties
    told = {to for m in mail.outbox for to in m.to}
    assert {a.email, b.email, "interp@example.org"} <= told
    notice = next(m for m in mail.outbox if m.to == [a.email])
    assert "maximum number of meetings" in notice.body
    assert AuditEntry.objects.filter(action="events.solver_cancel_meeting")
    assert scheduled(event).count() == 2  # the others stay


def test_withdrawing_a_request_or_a_registration_cancels_its_meetings_at_once(
    event, officer, schedule, people, django_capture_on_commit_callbacks
):
    meeting = scheduled(event).get(request__b=people["kz2"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_request(officer, meeting.request, False)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert {m.to[0] for m in mail.outbox} >= {"owner@example.org", "kz2@example.org"}
    assert any("withdrew this meeting request" in m.body for m in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_registration(officer, people["kz1"], False)
    assert not scheduled(event).filter(request__b=people["kz1"]).exists()
    assert b2b.validate_current(event).valid


def test_withdrawn_interpreter_is_replaced_or_the_meeting_cancelled(
    event, officer, schedule, people, django_capture_on_commit_callbacks
):
    second = services.register_participant(
        officer,
        event,
        role=Role.INTERPRETER,
        name="Interpreter Pak",
        languages=["ru", "ko"],
        email="pak@example.org",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_registration(officer, people["interp"], False)
    meetings = list(scheduled(event))
    assert len(meetings) == 3 and all(m.interpreter == second for m in meetings)
    assert b2b.validate_current(event).valid
    assert {m.to[0] for m in mail.outbox} >= {"pak@example.org", "interp@example.org"}
    services.decide_registration(officer, second, False)  # nobody left to interpret
    assert not scheduled(event).exists()


def test_walk_in_goes_to_first_free_slot(event, officer, schedule, people):
    meeting = services.add_walk_in(
        officer, people["kr2"], people["kz2"], now=Slot.objects.first().start
    )
    assert meeting.status == MeetingStatus.SCHEDULED
    assert meeting.interpreter == people["interp"]
    assert b2b.validate_current(event).valid


def test_manual_booking_enforces_the_engines_rules(event, officer, people, tables, b2b_session):
    req = services.request_meeting(officer, people["kr1"], people["kz1"])
    services.respond_to_request(officer, req, "accepted")
    services.decide_registration(officer, people["interp"], False)
    slot = b2b_session.slots.first()
    with pytest.raises(ValidationError) as err:
        services.book_meeting(officer, req, slot, tables[0])
    assert "interpreter" in err.value.message_dict


def test_export_b2b_command(event, schedule, tmp_path):
    from ecobridge.cli import cli

    instance_path, solution_path = tmp_path / "i.json", tmp_path / "s.json"
    result = CliRunner().invoke(
        cli,
        [
            "events",
            "export-b2b",
            event.slug,
            "-o",
            str(instance_path),
            "--solution",
            str(solution_path),
        ],
    )
    assert result.exit_code == 0, result.output
    instance = b2b_io.load_instance(instance_path)
    solution = b2b_io.load_solution(solution_path)
    assert len(solution.meetings) == 3
    assert validate(instance, solution).valid
    assert json.loads(instance_path.read_text())["format"] == "ecobridge-b2b/1"
    missing = CliRunner().invoke(cli, ["events", "export-b2b", "nope", "-o", str(instance_path)])
    assert missing.exit_code == 2 and "nope" in missing.output


def test_interpreter_role_is_not_a_party(people):
    assert people["interp"].role == Role.INTERPRETER


def test_a_plan_made_stale_during_the_solve_is_not_applied(
    event, officer, accepted, tables, people
):
    """The engine plans; before its plan is applied the interpreter it relies on withdraws:
    nothing is half-applied, and the solve asks to be run again."""
    outcome = b2b.solve_event(event, time_limit=2)
    assert all(a["interpreter"] == people["interp"].pk for a in outcome.assignments)
    services.decide_registration(officer, people["interp"], False)
    with pytest.raises(ValidationError) as err:
        services.apply_solution(
            officer, event, outcome.assignments, outcome.unplaced, outcome.codes
        )
    assert "Run the scheduler again" in str(err.value)
    assert not scheduled(event).exists()


def test_changes_are_announced_in_each_recipients_language(
    event, officer, accepted, tables, b2b_session, people, django_capture_on_commit_callbacks
):
    """kr2 reads Korean, kz1 and the interpreter Russian: each e-mail about the same
    meeting carries the event's title in the reader's language."""
    slots = list(b2b_session.slots.all())
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.book_meeting(officer, accepted[2], slots[0], tables[0])  # kr2–kz1
        services.move_meeting(officer, meeting, slots[1], tables[1])
    subjects = {}
    for message in mail.outbox:
        subjects.setdefault(message.to[0], []).append(message.subject)
    assert len(subjects["kr2@example.org"]) == 2  # scheduled, then moved
    assert all("한-카 물산업 사절단" in s for s in subjects["kr2@example.org"])
    assert all("Делегация водной отрасли" in s for s in subjects["cpmember@example.org"])
    assert all("Делегация водной отрасли" in s for s in subjects["interp@example.org"])
    moved = [m for m in mail.outbox if m.to == ["kr2@example.org"]][-1]
    assert "Astana Su" not in moved.body and "Vodokanal" in moved.body  # the counterpart
    with translation.override("ko"):  # kr2 reads Korean
        before_label = gettext("Before: %(before)s").split("%(before)s")[0].strip()
        line = gettext("%(when)s, table %(table)s, with %(who)s, interpreter: %(interp)s")
    pattern = re.escape(line).replace(re.escape("%(table)s"), r"(?P<table>\S+)")
    for name in ("when", "who", "interp"):
        pattern = pattern.replace(re.escape(f"%({name})s"), ".*?")
    now, before = moved.body.split(before_label)
    # where it is and where it was
    assert re.search(pattern, now)["table"] == "B" and re.search(pattern, before)["table"] == "A"


def test_locked_meeting_the_engine_cannot_keep_is_cancelled_not_stuck(
    event, officer, schedule, people
):
    """A locked meeting whose party left the problem (a registration cancelled outside
    the event's pages, e.g. in the admin) is cancelled on re-solve, not kept broken."""
    meeting = scheduled(event).filter(request__b=people["kz2"]).get()
    services.lock_meeting(officer, meeting, True)
    Registration.objects.filter(pk=people["kz2"].pk).update(status="cancelled")
    outcome = b2b.solve_event(event, time_limit=2, minimum_change=True)
    services.apply_solution(officer, event, outcome.assignments, outcome.unplaced, outcome.codes)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED and meeting.cancel_reason
    assert scheduled(event).count() == 2 and b2b.validate_current(event).valid


def test_unplaced_requests_are_listed_on_the_schedule_page(event, officer, people, tables, client):
    services.decide_registration(officer, people["interp"], False)
    req = services.request_meeting(officer, people["kr2"], people["kz2"])
    services.respond_to_request(officer, req, "accepted")
    outcome = b2b.solve_event(event, time_limit=2)
    services.apply_solution(officer, event, outcome.assignments, outcome.unplaced, outcome.codes)
    client.force_login(officer)
    page = client.get(f"/events/{event.slug}/schedule/").content.decode()
    assert f'data-req="{req.pk}"' in page and "no interpreter" in page


def test_progress_is_reported_while_the_engine_runs(event, accepted, tables, monkeypatch):
    """The job's progress bar moves while the engine works (here slowed down)."""
    import time

    real = b2b._run_engine

    def slow(*args):
        time.sleep(1.6)
        return real(*args)

    monkeypatch.setattr(b2b, "_run_engine", slow)
    seen: list[tuple[int, str]] = []
    outcome = b2b.solve_event(event, time_limit=4, progress=lambda p, m: seen.append((p, m)))
    assert len(outcome.assignments) == 3
    percents = [p for p, _m in seen]
    assert seen[0] == (1, "Solving 3 requests")
    assert len(seen) >= 3 and percents == sorted(percents) and max(percents) <= 95
