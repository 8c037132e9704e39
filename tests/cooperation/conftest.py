"""Fixtures for the cooperation registry tests (personas come from tests/conftest.py)."""

from __future__ import annotations

import datetime

import pytest

from ecobridge.cooperation import services
from ecobridge.cooperation.models import Agreement, Mechanism, MechanismMeeting, Project
from ecobridge.core.actors import SYSTEM


@pytest.fixture
def ministry(countries):
    from ecobridge.directory.models import Organisation

    return Organisation.objects.create(
        identifier="KR-GOV-MOE",
        name={"en": "Ministry of Environment"},
        kind="ministry",
        country=countries["KR"],
    )


@pytest.fixture
def mou(countries, sectors, officer) -> Agreement:
    agreement = services.create_agreement(
        SYSTEM,
        {
            "key": "kr-kz-water-mou",
            "kind": "mou",
            "title": {"en": "Water resources cooperation MOU", "ru": "Меморандум о воде"},
            "party_countries": [countries["KR"], countries["KZ"]],
            "sectors": [sectors["14021"]],
            "owner": officer,
        },
    )
    services.sign_agreement(SYSTEM, agreement, datetime.date(2021, 8, 17))
    agreement.refresh_from_db()
    return agreement


@pytest.fixture
def draft(countries) -> Agreement:
    return services.create_agreement(
        SYSTEM,
        {
            "key": "draft-one",
            "kind": "agreement",
            "title": {"en": "Confidential draft"},
            "party_countries": [countries["KZ"]],
        },
    )


@pytest.fixture
def project(countries, sectors, ministry) -> Project:
    return services.create_record(
        SYSTEM,
        Project,
        {
            "iati_identifier": "KR-GOV-MOE-KZ-001",
            "title": {"en": "Smart water metering pilot", "ko": "스마트 물관리 시범"},
            "description": {"en": "Pilot of smart meters in Almaty."},
            "status": "2",
            "reporting_organisation": ministry,
            "planned_start": datetime.date(2022, 3, 1),
            "planned_start_precision": "month",
            "recipient_countries": [countries["KZ"]],
            "sectors": [sectors["14021"]],
        },
    )


@pytest.fixture
def mechanism(countries) -> Mechanism:
    return services.create_record(
        SYSTEM,
        Mechanism,
        {
            "key": "kr-kz-ministers",
            "name": {"en": "Korea-Kazakhstan environment ministers' meeting"},
            "kind": "ministers_meeting",
            "start_year": 2010,
            "member_countries": [countries["KR"], countries["KZ"]],
        },
    )


def make_meeting(mechanism, ordinal: int, held_on: datetime.date) -> MechanismMeeting:
    return services.create_record(
        SYSTEM,
        MechanismMeeting,
        {"mechanism": mechanism, "ordinal": ordinal, "held_on": held_on, "place": "Astana"},
    )
