"""Demo data of the events app: the Korea–Kazakhstan water-industry cooperation
delegation of 1–5 September 2025 (seminar, institutional meetings and one-on-one business
consultations through Korean–Russian interpreters on 3 September), with a solved schedule
and a few recorded outcomes.

Idempotent: the event's short name is the natural key; when it exists nothing is written
(in particular the schedule is not solved again).
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from ecobridge.directory.models import Country, Need, Organisation, Technology
from ecobridge.events import b2b, services
from ecobridge.events.models import (
    Event,
    LinkKind,
    Meeting,
    MeetingStatus,
    Outcome,
    RequestStatus,
    Role,
    SessionKind,
)

SLUG = "kr-kz-water-delegation-2025"
ZONE = zoneinfo.ZoneInfo("Asia/Almaty")

# Visiting Korean companies: (technology external id of their product, languages).
VISITORS = [
    ("DT001", ["ko"]),
    ("DT003", ["ko"]),
    ("DT004", ["ko", "en"]),
    ("DT005", ["ko"]),
    ("DT007", ["ko"]),
    ("DT008", ["ko", "ru"]),
    ("DT009", ["ko"]),
    ("DT011", ["ko"]),
]
# Kazakh host organisations: (need external id, languages).
HOSTS = [
    ("DN01", ["ru", "kk"]),
    ("DN03", ["kk", "ru"]),
    ("DN12", ["kk", "ru"]),
    ("DN19", ["ru", "en"]),
]
# Requests visitor → host with priority; the answer given.
REQUESTS = [
    ("DT001", "DN01", 3, RequestStatus.ACCEPTED),
    ("DT001", "DN12", 2, RequestStatus.ACCEPTED),
    ("DT003", "DN01", 2, RequestStatus.ACCEPTED),
    ("DT003", "DN19", 2, RequestStatus.ACCEPTED),
    ("DT004", "DN01", 3, RequestStatus.ACCEPTED),
    ("DT004", "DN12", 2, RequestStatus.ACCEPTED),
    ("DT005", "DN19", 2, RequestStatus.ACCEPTED),
    ("DT005", "DN12", 2, RequestStatus.ACCEPTED),
    ("DT007", "DN19", 3, RequestStatus.ACCEPTED),
    ("DT007", "DN01", 2, RequestStatus.ACCEPTED),
    ("DT008", "DN03", 3, RequestStatus.ACCEPTED),
    ("DT009", "DN03", 2, RequestStatus.ACCEPTED),
    ("DT009", "DN19", 1, RequestStatus.NO_THANKS),
    ("DT011", "DN19", 2, RequestStatus.ACCEPTED),
    ("DT011", "DN12", 1, RequestStatus.PENDING),
]
INTERPRETERS = [
    ("Kim Yuna (김유나)", ["ko", "ru"]),
    ("Pak Sergei (박세르게이)", ["ko", "ru", "en"]),
]


def _at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2025, 9, day, hour, minute, tzinfo=ZONE)


def _org(identifier: str) -> Organisation | None:
    return Organisation.objects.filter(identifier=identifier).first()


def _agreement():
    """The 2021 water resources MOU of the cooperation registry, when it is loaded."""
    try:
        from ecobridge.cooperation.models import Agreement
    except ImportError:
        return None
    return Agreement.objects.filter(key="kr-kz-water-resources-mou-2021").first()


def _user(username: str):
    return get_user_model().objects.filter(username=username).first()


def load(actor) -> dict[str, Any]:
    if Event.objects.filter(slug=SLUG).exists():
        return {"event": "unchanged"}
    with transaction.atomic():
        result = _create(actor)
    result.update(_solve_and_record(actor, Event.objects.get(slug=SLUG)))
    return result


def _create(actor) -> dict[str, Any]:
    officer = _user("officer")
    event = services.create_event(
        actor,
        {
            "slug": SLUG,
            "title": {
                "en": "Korea–Kazakhstan Water Industry Cooperation Delegation",
                "ko": "한-카자흐스탄 물산업 협력 사절단",
                "ru": "Делегация по сотрудничеству Кореи и Казахстана в водной отрасли",
            },
            "description": {
                "en": "Public-private delegation of the Ministry of Environment and the "
                "Ministry of Foreign Affairs supporting Korean water companies in Central "
                "Asia: cooperation seminar, institutional meetings and one-on-one business "
                "consultations by sector.",
                "ko": "환경부·외교부 민관 합동 물산업 협력 사절단: 협력 세미나, 기관 면담, "
                "분야별 기업 간 1:1 상담회.",
            },
            "kind": "delegation",
            "start_date": datetime.date(2025, 9, 1),
            "end_date": datetime.date(2025, 9, 5),
            "timezone": "Asia/Almaty",
            "venue": "Hilton Astana",
            "city": "Astana",
            "country": Country.objects.filter(code="KZ").first(),
            "request_mode": "participants",
            "default_meeting_cap": 6,
            "organisers": [officer] if officer else [],
            "organising_organisations": [
                o for o in (_org("KR-GOV-MOE"), _org("KR-GOV-MOFA"), _org("KR-KECO")) if o
            ],
        },
    )
    services.link_event(
        actor,
        event,
        kind=LinkKind.AGREEMENT,
        target=_agreement(),
        reference="Korea–Kazakhstan MOU on water resources cooperation (2021)",
    )
    seminar = services.add_session(
        actor,
        event,
        {
            "kind": SessionKind.SEMINAR,
            "title": {
                "en": "Korea–Kazakhstan Water Industry Cooperation Seminar",
                "ko": "한-카자흐스탄 물산업 협력 세미나",
                "ru": "Семинар по сотрудничеству в водной отрасли Кореи и Казахстана",
            },
            "start": _at(3, 9),
            "end": _at(3, 11, 30),
            "room": "Grand Ballroom",
        },
    )
    b2b_session = services.add_session(
        actor,
        event,
        {
            "kind": SessionKind.B2B,
            "title": {
                "en": "Business consultations by sector",
                "ko": "분야별 기업 1:1 상담회",
                "ru": "Бизнес-консультации по отраслям",
            },
            "start": _at(3, 14),
            "end": _at(3, 17),
            "room": "Ballroom B",
        },
    )
    services.generate_slots(actor, b2b_session, minutes=20)
    for name in ("1", "2", "3", "4"):
        services.add_table(actor, event, name, room="Ballroom B")

    def reg(role, org, languages, user=None, name=None):
        return services.register_participant(
            actor,
            event,
            role=role,
            organisation=org,
            user=user,
            languages=languages,
            name=name or str(org),
            language="ko" if "ko" in languages else "ru",
            b2b_sessions=[b2b_session]
            if role in (Role.VISITING_COMPANY, Role.HOST_ORGANISATION)
            else None,
        )

    by_key = {}
    company_user, counterpart_user = _user("company"), _user("counterpart")
    for key, languages in VISITORS:
        tech = Technology.objects.filter(external_id=key).select_related("owner").first()
        if tech is None:
            continue
        user = company_user if key == "DT001" else None
        by_key[key] = reg(Role.VISITING_COMPANY, tech.owner, languages, user)
    for key, languages in HOSTS:
        need = Need.objects.filter(external_id=key).select_related("organisation").first()
        if need is None:
            continue
        user = counterpart_user if key == "DN01" else None
        by_key[key] = reg(Role.HOST_ORGANISATION, need.organisation, languages, user)
    for name, languages in INTERPRETERS:
        services.register_participant(
            actor,
            event,
            role=Role.INTERPRETER,
            name=name,
            languages=languages,
            language="ko",
            b2b_sessions=[b2b_session],
        )
    delegation = []
    if officer:
        delegation.append(reg(Role.STAFF, _org("KR-GOV-MOE"), ["ko", "en"], officer))
    keco = _org("KR-KECO")
    speaker = (
        reg(Role.SPEAKER, keco, ["ko", "en"], name="Korea Environment Corporation")
        if keco
        else None
    )
    if speaker:
        seminar.speakers.add(speaker)
    for day, hour, identifier, title in (
        (
            3,
            11,
            "KZ-GOV-MWRI",
            {
                "en": "Institutional meeting: Ministry of Water Resources and Irrigation",
                "ko": "기관 면담: 카자흐스탄 수자원관개부",
                "ru": "Встреча в Министерстве водных ресурсов и ирригации",
            },
        ),
        (
            4,
            10,
            "KZ-GOV-MFA",
            {
                "en": "Institutional meeting: Ministry of Foreign Affairs",
                "ko": "기관 면담: 카자흐스탄 외교부",
                "ru": "Встреча в Министерстве иностранных дел",
            },
        ),
    ):
        host = _org(identifier)
        services.add_session(
            actor,
            event,
            {
                "kind": SessionKind.INSTITUTIONAL,
                "title": title,
                "start": _at(day, hour, 45 if day == 3 else 0),
                "end": _at(day, hour + 1, 30 if day == 3 else 0),
                "host_organisation": host,
                "attendees": delegation + [r for k, r in by_key.items() if k.startswith("DT")][:4],
            },
        )
    for a, b, priority, answer in REQUESTS:
        if a not in by_key or b not in by_key:
            continue
        req = services.request_meeting(actor, by_key[a], by_key[b], priority=priority)
        if answer != RequestStatus.PENDING:
            services.respond_to_request(actor, req, answer)
    return {
        "event": "created",
        "registrations": event.registrations.count(),
        "requests": event.requests.count(),
    }


def _solve_and_record(actor, event: Event) -> dict[str, Any]:
    # A short time limit: the demo must load in seconds; the schedule is valid at any point.
    outcome = b2b.solve_event(event, time_limit=3)
    with transaction.atomic():
        services.apply_solution(actor, event, outcome.assignments, outcome.unplaced, outcome.codes)
        meetings = list(
            Meeting.objects.filter(event=event, status=MeetingStatus.SCHEDULED).order_by("id")
        )
        company = _user("company")
        results = [
            (Outcome.FOLLOW_UP, 250000),
            (Outcome.MOU_PLANNED, 1200000),
            (Outcome.NO_INTEREST, None),
        ]
        for meeting, (result, value) in zip(meetings, results, strict=False):
            services.record_outcome(actor, meeting, result, value)
        if meetings:
            services.add_follow_up(
                actor,
                event,
                meeting=meetings[0],
                owner=company,
                title="Send a pilot proposal for acoustic leak detection in Taldykorgan",
                due_date=datetime.date(2025, 10, 15),
                link_kind=LinkKind.PROJECT,
                reference="Non-revenue water reduction pilot, Zhetysu region",
            )
        if len(meetings) > 1:
            services.add_follow_up(
                actor,
                event,
                meeting=meetings[1],
                title="Draft the MOU text and share it with both ministries",
                due_date=datetime.date(2025, 11, 1),
                link_kind=LinkKind.AGREEMENT,
                reference="Korea–Kazakhstan MOU on water resources cooperation (2021)",
            )
    return {"meetings": len(meetings), "unplaced": len(outcome.unplaced)}
