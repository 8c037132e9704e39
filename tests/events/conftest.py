"""Fixtures for the events tests: a small delegation with a B2B session ready to solve."""

from __future__ import annotations

import datetime

import pytest

from ecobridge.core.models import StaffRole
from ecobridge.events import services
from ecobridge.events.models import Role, SessionKind
from tests.conftest import make_user

TZ = datetime.timezone(datetime.timedelta(hours=5))


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2031, 9, day, hour, minute, tzinfo=TZ)


@pytest.fixture
def event(officer, countries):
    return services.create_event(
        officer,
        {
            "slug": "kz-water-2031",
            "title": {
                "en": "Korea–Kazakhstan water delegation",
                "ko": "한-카 물산업 사절단",
                "ru": "Делегация водной отрасли",
            },
            "kind": "delegation",
            "start_date": datetime.date(2031, 9, 1),
            "end_date": datetime.date(2031, 9, 5),
            "timezone": "Asia/Almaty",
            "venue": "Rixos Hotel",
            "city": "Astana",
            "country": countries["KZ"],
        },
    )


@pytest.fixture
def b2b_session(event, officer):
    session = services.add_session(
        officer,
        event,
        {
            "kind": SessionKind.B2B,
            "title": {"en": "Business consultations"},
            "start": at(3, 14),
            "end": at(3, 16),
        },
    )
    services.generate_slots(officer, session, minutes=30)
    return session


@pytest.fixture
def tables(event, officer):
    return [services.add_table(officer, event, name) for name in ("A", "B")]


@pytest.fixture
def people(event, officer, owner, counterpart_member, company, counterpart, b2b_session):
    """Two Korean companies (Korean only) and two Kazakh hosts (Russian only), plus
    one Korean–Russian interpreter."""
    kr2 = make_user("kr2", language="ko")
    kz2 = make_user("kz2", language="ru")
    interp_user = make_user("interp", language="ru")

    def reg(user, role, langs, org=None, name=None):
        return services.register_participant(
            officer,
            event,
            role=role,
            user=user,
            organisation=org,
            languages=langs,
            name=name or user.username,
            email=f"{user.username}@example.org",
        )

    return {
        "kr1": reg(owner, Role.VISITING_COMPANY, ["ko"], company, "Aqua Sensing"),
        "kr2": reg(kr2, Role.VISITING_COMPANY, ["ko"], name="Han River Pumps"),
        "kz1": reg(counterpart_member, Role.HOST_ORGANISATION, ["ru"], counterpart, "Vodokanal"),
        "kz2": reg(kz2, Role.HOST_ORGANISATION, ["ru", "en"], name="Astana Su"),
        "interp": reg(interp_user, Role.INTERPRETER, ["ko", "ru"], name="Interpreter Kim"),
    }


@pytest.fixture
def accepted(people, officer):
    """Three accepted requests between Korean and Kazakh participants."""
    out = []
    for a, b in (("kr1", "kz1"), ("kr1", "kz2"), ("kr2", "kz1")):
        req = services.request_meeting(officer, people[a], people[b], priority=2)
        services.respond_to_request(officer, req, "accepted")
        out.append(req)
    return out


@pytest.fixture
def schedule(event, officer, accepted, tables, b2b_session):
    """The solved schedule (the engine run in-process, as the job does)."""
    from ecobridge.events import b2b

    outcome = b2b.solve_event(event, time_limit=3)
    services.apply_solution(officer, event, outcome.assignments, outcome.unplaced, outcome.codes)
    return outcome


@pytest.fixture
def staff_user(db):
    return make_user("staffer", staff_role=StaffRole.ADMINISTRATOR)
