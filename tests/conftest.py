"""Shared fixtures: reference data and the owner / member / outsider personas."""

from __future__ import annotations

import pytest

# Models are imported inside the fixtures so that the pure-library tests
# (tests/scheduling, tests/matching) also run without Django: `pytest -p no:django`.


@pytest.fixture
def countries(db):
    from ecobridge.directory.models import Country

    kr = Country.objects.create(
        code="KR",
        alpha3="KOR",
        numeric="410",
        region="east_asia",
        names={"en": "Korea, Republic of", "ko": "대한민국", "ru": "Корея, Республика"},
    )
    kz = Country.objects.create(
        code="KZ",
        alpha3="KAZ",
        numeric="398",
        region="central_asia",
        names={"en": "Kazakhstan", "ko": "카자흐스탄", "ru": "Казахстан", "kk": "Қазақстан"},
    )
    return {"KR": kr, "KZ": kz}


@pytest.fixture
def sectors(db):
    from ecobridge.directory.models import Sector

    return {
        code: Sector.objects.create(code=code, category=code[:3], name={"en": name}, group=group)
        for code, name, group in [
            ("14021", "Water supply - large systems", "water_supply_sanitation"),
            ("14022", "Sanitation - large systems", "water_supply_sanitation"),
            ("31140", "Agricultural water resources", "agricultural_water"),
        ]
    }


def make_user(username: str, **extra):
    from ecobridge.core.models import User

    user = User.objects.create_user(username=username, password="pw-" + username, **extra)
    return user


@pytest.fixture
def company(countries):
    from ecobridge.directory.models import Organisation

    return Organisation.objects.create(
        name={"en": "Aqua Sensing Co.", "ko": "아쿠아센싱"}, kind="company", country=countries["KR"]
    )


@pytest.fixture
def other_company(countries):
    from ecobridge.directory.models import Organisation

    return Organisation.objects.create(
        name={"en": "Other Water Ltd."}, kind="company", country=countries["KR"]
    )


@pytest.fixture
def counterpart(countries):
    from ecobridge.directory.models import Organisation

    return Organisation.objects.create(
        name={"ru": "Водоканал Алматы"}, kind="utility", country=countries["KZ"]
    )


@pytest.fixture
def technology(company, sectors):
    from ecobridge.directory.models import Technology

    tech = Technology.objects.create(
        owner=company,
        title={"en": "Acoustic leak logger"},
        description={"en": "Finds leaks in water mains."},
        trl=8,
    )
    tech.sectors.set([sectors["14021"]])
    return tech


@pytest.fixture
def hidden_technology(company):
    from ecobridge.directory.models import Technology

    return Technology.objects.create(
        owner=company, title={"en": "Prototype membrane"}, is_published=False
    )


@pytest.fixture
def need(counterpart, countries):
    from ecobridge.directory.models import Need

    return Need.objects.create(
        organisation=counterpart,
        country=countries["KZ"],
        title={"ru": "Снижение потерь воды"},
        description={"ru": "Ищем технологии поиска утечек."},
    )


@pytest.fixture
def draft_need(counterpart, countries):
    from ecobridge.directory.models import Need

    return Need.objects.create(
        organisation=counterpart,
        country=countries["KZ"],
        title={"en": "Draft need"},
        status="draft",
    )


@pytest.fixture
def owner(company):
    """A company member of the organisation that owns the records under test."""
    from ecobridge.core.models import Membership, MembershipRole

    user = make_user("owner")
    Membership.objects.create(user=user, organisation=company, role=MembershipRole.COMPANY_MEMBER)
    return user


@pytest.fixture
def counterpart_member(counterpart):
    from ecobridge.core.models import Membership, MembershipRole

    user = make_user("cpmember", language="ru")
    Membership.objects.create(
        user=user, organisation=counterpart, role=MembershipRole.COUNTERPART_MEMBER
    )
    return user


@pytest.fixture
def member(other_company):
    """A signed-in member of a different organisation."""
    from ecobridge.core.models import Membership, MembershipRole

    user = make_user("member")
    Membership.objects.create(
        user=user, organisation=other_company, role=MembershipRole.COMPANY_MEMBER
    )
    return user


@pytest.fixture
def outsider(db):
    return make_user("outsider")


@pytest.fixture
def officer(db):
    from ecobridge.core.models import StaffRole

    return make_user("officer", staff_role=StaffRole.PROGRAMME_OFFICER)


@pytest.fixture
def analyst(db):
    from ecobridge.core.models import StaffRole

    return make_user("analyst", staff_role=StaffRole.ANALYST)


@pytest.fixture
def administrator(db):
    from ecobridge.core.models import StaffRole

    return make_user("admin", staff_role=StaffRole.ADMINISTRATOR)
