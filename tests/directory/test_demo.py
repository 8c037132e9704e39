import pytest

from ecobridge.core.actors import SYSTEM
from ecobridge.core.models import AuditEntry, Membership, User
from ecobridge.directory import demo
from ecobridge.directory.models import Country, Need, Organisation, Sector, Technology

pytestmark = pytest.mark.django_db


def _state():
    rows = []
    for model in (Country, Sector, Organisation, Technology, Need, User, Membership, AuditEntry):
        rows.append(
            (
                model.__name__,
                sorted(
                    map(
                        str,
                        model.objects.values_list(
                            *[f.attname for f in model._meta.concrete_fields]
                        ),
                    )
                ),
            )
        )
    return rows


def test_demo_load_is_idempotent():
    demo.load(SYSTEM)
    first = _state()
    second_result = demo.load(SYSTEM)
    assert _state() == first
    assert second_result["organisations"] == {"unchanged": len(demo.ORGANISATIONS)}


def test_demo_has_seed_bodies_with_relations_and_sample_records():
    demo.load(SYSTEM)
    names = {o.name["en"] for o in Organisation.objects.exclude(name__en=None) if "en" in o.name}
    for expected in [
        "Ministry of Environment of the Republic of Korea",
        "Ministry of Foreign Affairs of the Republic of Korea",
        "Korea Environment Corporation",
        "Korea Testing Laboratory",
        "National Water Industry Cluster",
        "National Water Industry Cluster Resident Corporation Council",
        "Daegu Metropolitan City",
        "Gyeonggi Province",
        "Samsung Engineering",
        "Ministry of Foreign Affairs of the Republic of Kazakhstan",
        "Office of the Co-ordinator of OSCE Economic and Environmental Activities",
        "Center for Emergency Situations and Disaster Risk Reduction (Almaty)",
        "European Sea Ports Organization",
        "Port of Aktau (Aktau International Sea Commercial Port)",
        "Port of Kuryk",
    ]:
        assert expected in names
    council = Organisation.objects.get(identifier="KR-NWIC-RCC")
    assert council.parent.identifier == "KR-NWIC"
    assert council.parent.parent.identifier == "KR-KECO"
    assert not council.is_sample
    assert Technology.objects.count() == 40 and all(t.is_sample for t in Technology.objects.all())
    assert Need.objects.count() == 20 and all(n.is_sample for n in Need.objects.all())
    company = User.objects.get(username="company")
    assert company.check_password(demo.DEMO_PASSWORD)
    assert (
        company.memberships.get().organisation == Technology.objects.get(external_id="DT001").owner
    )


def test_reference_data_has_multilingual_countries_and_regions():
    demo.load(SYSTEM)
    kz = Country.objects.get(code="KZ")
    assert kz.names["en"] == "Kazakhstan" and kz.names["ko"] == "카자흐스탄"
    assert kz.names["ru"] == "Казахстан" and kz.names["kk"] == "Қазақстан"
    assert kz.region == "central_asia"
    assert Country.objects.count() == 249
    assert {c.code for c in Country.objects.filter(region="central_asia")} == {
        "KZ",
        "KG",
        "TJ",
        "TM",
        "UZ",
    }
    for region in [
        "east_asia",
        "south_east_asia",
        "middle_east",
        "africa",
        "europe",
        "north_america",
    ]:
        assert Country.objects.filter(region=region).exists()
    water = Sector.objects.get(code="14021")
    assert (
        water.group == "water_supply_sanitation"
        and water.name["ko"]
        and water.name["ru"]
        and water.name["kk"]
    )
