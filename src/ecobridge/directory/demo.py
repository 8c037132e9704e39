"""Directory part of the demo dataset.

Real bodies named in the source documents (ministries, agencies, the water-industry
cluster, the OSCE office, the Caspian ports, …) are loaded as real records. People and
logins invented for the demonstration, and the technologies and needs of the matching
development set (synthetic), are marked as samples.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction

from ecobridge.core.models import Membership, MembershipRole, StaffRole, User
from ecobridge.directory import services
from ecobridge.directory.importing import run_import
from ecobridge.directory.models import Country, Organisation, Person, Sector
from ecobridge.directory.reference import load_countries, load_sectors

DEMO_DATA = Path(__file__).resolve().parent / "data" / "demo"
DEMO_PASSWORD = "ecobridge-demo"

# identifier, kind, country, parent identifier, sectors, website, names, description (en)
ORGANISATIONS: list[dict[str, Any]] = [
    {
        "identifier": "KR-GOV-MOE",
        "kind": "ministry",
        "country": "KR",
        "short_name": "MOE",
        "website": "https://www.me.go.kr",
        "sectors": ["14010", "41010"],
        "name": {
            "en": "Ministry of Environment of the Republic of Korea",
            "ko": "환경부",
            "ru": "Министерство охраны окружающей среды Республики Корея",
            "kk": "Корея Республикасының Қоршаған орта министрлігі",
        },
        "description": {
            "en": "Leads Korea's international environmental cooperation: water-industry delegations, ministerial mechanisms (TEMM, ASEAN+3, Korea–Vietnam), MOUs and cooperation projects."
        },
    },
    {
        "identifier": "KR-GOV-MOFA",
        "kind": "ministry",
        "country": "KR",
        "short_name": "MOFA",
        "website": "https://www.mofa.go.kr",
        "name": {
            "en": "Ministry of Foreign Affairs of the Republic of Korea",
            "ko": "외교부",
            "ru": "Министерство иностранных дел Республики Корея",
            "kk": "Корея Республикасының Сыртқы істер министрлігі",
        },
        "description": {
            "en": "Co-dispatches the Korea–Kazakhstan water industry cooperation delegation with the Ministry of Environment."
        },
    },
    {
        "identifier": "KR-KECO",
        "kind": "public_corporation",
        "country": "KR",
        "parent": "KR-GOV-MOE",
        "short_name": "K-eco",
        "website": "https://www.keco.or.kr",
        "sectors": ["14020", "14050", "41020"],
        "name": {
            "en": "Korea Environment Corporation",
            "ko": "한국환경공단",
            "ru": "Корейская экологическая корпорация",
            "kk": "Корея экологиялық корпорациясы",
        },
        "description": {
            "en": "Public corporation under the Ministry of Environment; runs the National Water Industry Cluster in Daegu."
        },
    },
    {
        "identifier": "KR-KTL",
        "kind": "testing_body",
        "country": "KR",
        "short_name": "KTL",
        "website": "https://www.ktl.re.kr",
        "name": {
            "en": "Korea Testing Laboratory",
            "ko": "한국산업기술시험원",
            "ru": "Корейская испытательная лаборатория",
            "kk": "Корея сынақ зертханасы",
        },
        "description": {
            "en": "Testing and certification body; partner of the water-industry cluster for performance tests, certification and verification."
        },
    },
    {
        "identifier": "KR-NWIC",
        "kind": "cluster",
        "country": "KR",
        "parent": "KR-KECO",
        "short_name": "NWIC",
        "sectors": ["14020", "14021", "14022"],
        "name": {
            "en": "National Water Industry Cluster",
            "ko": "국가물산업클러스터",
            "ru": "Национальный кластер водной промышленности",
            "kk": "Ұлттық су өнеркәсібі кластері",
        },
        "description": {
            "en": "Established in Daegu in 2019 to support water technology from development to overseas market entry: water convergence research centre, water campus, global business centre and demonstration test facilities; about 130 resident companies.",
            "ko": "2019년 대구에 조성된 물산업 전주기 지원 클러스터로, 약 130개 물기업이 입주해 있습니다.",
        },
    },
    {
        "identifier": "KR-NWIC-RCC",
        "kind": "cluster",
        "country": "KR",
        "parent": "KR-NWIC",
        "name": {
            "en": "National Water Industry Cluster Resident Corporation Council",
            "ko": "국가물산업클러스터 입주기업협의회",
            "ru": "Совет компаний-резидентов Национального кластера водной промышленности",
            "kk": "Ұлттық су өнеркәсібі кластері резидент компаниялар кеңесі",
        },
        "description": {
            "en": "Council of the cluster's resident companies, established in 2017; asks for one window for water-related certification."
        },
    },
    {
        "identifier": "KR-DAEGU",
        "kind": "municipality",
        "country": "KR",
        "website": "https://www.daegu.go.kr",
        "name": {
            "en": "Daegu Metropolitan City",
            "ko": "대구광역시",
            "ru": "Город-метрополия Тэгу",
            "kk": "Тэгу мегаполисі",
        },
    },
    {
        "identifier": "KR-DAEGU-PFMC",
        "kind": "public_corporation",
        "country": "KR",
        "parent": "KR-DAEGU",
        "name": {
            "en": "Daegu Public Facilities Management Corporation",
            "ko": "대구시설공단",
            "ru": "Корпорация управления общественными объектами Тэгу",
        },
    },
    {
        "identifier": "KR-GYEONGGI",
        "kind": "municipality",
        "country": "KR",
        "website": "https://www.gg.go.kr",
        "sectors": ["41010", "31140"],
        "name": {
            "en": "Gyeonggi Province",
            "ko": "경기도",
            "ru": "Провинция Кёнгидо",
            "kk": "Кёнгидо провинциясы",
        },
        "description": {
            "en": "Works with Kazakhstan and Uzbekistan on desertification prevention, water resource management, smart agriculture and renewable energy."
        },
    },
    {
        "identifier": "KR-SAMSUNG-ENG",
        "kind": "company",
        "country": "KR",
        "website": "https://www.samsungena.com",
        "sectors": ["14020", "14022"],
        "name": {"en": "Samsung Engineering", "ko": "삼성엔지니어링", "ru": "Samsung Engineering"},
        "description": {
            "en": "Signed an agreement with the cluster, Daegu and Korea Environment Corporation in July 2020 to develop the water industry and create jobs."
        },
    },
    {
        "identifier": "KR-WTCI",
        "kind": "testing_body",
        "country": "KR",
        "name": {
            "en": "Water Technology Certification Institute",
            "ko": "물기술인증원",
            "ru": "Институт сертификации водных технологий",
        },
    },
    {
        "identifier": "KR-GGGI",
        "kind": "international",
        "country": "KR",
        "website": "https://gggi.org",
        "sectors": ["41010", "23210"],
        "name": {
            "en": "Global Green Growth Institute",
            "ko": "글로벌녹색성장연구소",
            "ru": "Глобальный институт зелёного роста",
        },
    },
    {
        "identifier": "KZ-GOV-MFA",
        "kind": "ministry",
        "country": "KZ",
        "website": "https://www.gov.kz/memleket/entities/mfa",
        "name": {
            "en": "Ministry of Foreign Affairs of the Republic of Kazakhstan",
            "ko": "카자흐스탄 외교부",
            "ru": "Министерство иностранных дел Республики Казахстан",
            "kk": "Қазақстан Республикасы Сыртқы істер министрлігі",
        },
    },
    {
        "identifier": "KZ-GOV-MWRI",
        "kind": "ministry",
        "country": "KZ",
        "sectors": ["14010", "31140", "14040"],
        "name": {
            "en": "Ministry of Water Resources and Irrigation of the Republic of Kazakhstan",
            "ko": "카자흐스탄 수자원관개부",
            "ru": "Министерство водных ресурсов и ирригации Республики Казахстан",
            "kk": "Қазақстан Республикасы Су ресурстары және ирригация министрлігі",
        },
    },
    {
        "identifier": "KZ-GOV-ARC",
        "kind": "agency",
        "country": "KZ",
        "name": {
            "en": "Asset Recovery Committee of the General Prosecutor's Office of Kazakhstan",
            "ru": "Комитет по возврату активов Генеральной прокуратуры Республики Казахстан",
            "kk": "Қазақстан Республикасы Бас прокуратурасының Активтерді қайтару жөніндегі комитеті",
        },
    },
    {
        "identifier": "KZ-CESDRR",
        "kind": "international",
        "country": "KZ",
        "sectors": ["74020", "43060"],
        "name": {
            "en": "Center for Emergency Situations and Disaster Risk Reduction (Almaty)",
            "ru": "Центр по чрезвычайным ситуациям и снижению риска стихийных бедствий (Алматы)",
            "kk": "Төтенше жағдайлар және апат қаупін азайту орталығы (Алматы)",
            "ko": "비상사태 및 재난위험경감센터(알마티)",
        },
        "description": {
            "en": "Regional centre in Almaty for early warning and response to natural disasters in Central Asia."
        },
    },
    {
        "identifier": "KZ-PORT-AKTAU",
        "kind": "public_corporation",
        "country": "KZ",
        "name": {
            "en": "Port of Aktau (Aktau International Sea Commercial Port)",
            "ru": "Актауский международный морской торговый порт",
            "kk": "Ақтау халықаралық теңіз сауда порты",
            "ko": "악타우 항",
        },
        "description": {
            "en": "Caspian seaport; holds EcoPort status from the European Sea Ports Organization after an OSCE green-ports project."
        },
    },
    {
        "identifier": "KZ-PORT-KURYK",
        "kind": "company",
        "country": "KZ",
        "name": {"en": "Port of Kuryk", "ru": "Порт Курык", "kk": "Құрық порты", "ko": "쿠릭 항"},
        "description": {
            "en": "Caspian seaport on the Trans-Caspian International Transport Route; EcoPort status from ESPO."
        },
    },
    {
        "identifier": "XI-OSCE",
        "kind": "international",
        "country": "AT",
        "website": "https://www.osce.org",
        "short_name": "OSCE",
        "name": {
            "en": "Organization for Security and Co-operation in Europe",
            "ru": "Организация по безопасности и сотрудничеству в Европе",
            "kk": "Еуропадағы қауіпсіздік және ынтымақтастық ұйымы",
            "ko": "유럽안보협력기구",
        },
    },
    {
        "identifier": "XI-OSCE-OCEEA",
        "kind": "international",
        "country": "AT",
        "parent": "XI-OSCE",
        "short_name": "OCEEA",
        "sectors": ["41010"],
        "name": {
            "en": "Office of the Co-ordinator of OSCE Economic and Environmental Activities",
            "ru": "Бюро Координатора экономической и экологической деятельности ОБСЕ",
            "ko": "OSCE 경제환경활동조정관실",
        },
        "description": {
            "en": "Runs the OSCE's second-dimension work, including the Caspian green ports project with Kazakhstan."
        },
    },
    {
        "identifier": "XI-ESPO",
        "kind": "international",
        "country": "BE",
        "website": "https://www.espo.be",
        "short_name": "ESPO",
        "name": {
            "en": "European Sea Ports Organization",
            "ru": "Европейская организация морских портов",
            "ko": "유럽항만기구",
        },
        "description": {
            "en": "Awards EcoPort status (PERS) to seaports with an environmental management system."
        },
    },
    {
        "identifier": "VN-GOV-MONRE",
        "kind": "ministry",
        "country": "VN",
        "name": {
            "en": "Ministry of Natural Resources and Environment of Viet Nam",
            "vi": "Bộ Tài nguyên và Môi trường",
            "ko": "베트남 자연자원환경부",
            "ru": "Министерство природных ресурсов и окружающей среды Вьетнама",
        },
    },
    {
        "identifier": "JP-GOV-MOE",
        "kind": "ministry",
        "country": "JP",
        "name": {
            "en": "Ministry of the Environment of Japan",
            "ko": "일본 환경성",
            "ru": "Министерство окружающей среды Японии",
        },
    },
    {
        "identifier": "CN-GOV-MEE",
        "kind": "ministry",
        "country": "CN",
        "name": {
            "en": "Ministry of Ecology and Environment of the People's Republic of China",
            "ko": "중국 생태환경부",
            "ru": "Министерство экологии и окружающей среды КНР",
        },
    },
    {
        "identifier": "XM-ASEAN",
        "kind": "international",
        "country": "ID",
        "short_name": "ASEAN",
        "name": {
            "en": "ASEAN Secretariat",
            "ko": "아세안 사무국",
            "ru": "Секретариат АСЕАН",
            "vi": "Ban Thư ký ASEAN",
        },
    },
]

# People named in the source documents (public roles; no contact details).
PEOPLE: list[dict[str, Any]] = [
    {
        "key": "KZ-GOV-MFA",
        "name_native": "Роман Василенко",
        "name_latin": "Roman Vassilenko",
        "languages": ["kk", "ru", "en"],
        "position": {
            "en": "Deputy Minister of Foreign Affairs",
            "ru": "Заместитель министра иностранных дел",
        },
        "is_sample": False,
    },
    {
        "key": "XI-OSCE-OCEEA",
        "name_native": "Бакыт Джусупов",
        "name_latin": "Bakyt Dzhusupov",
        "languages": ["ru", "en"],
        "position": {
            "en": "Co-ordinator of OSCE Economic and Environmental Activities",
            "ru": "Координатор экономической и экологической деятельности ОБСЕ",
        },
        "is_sample": False,
    },
    {
        "key": "KR-NWIC-RCC",
        "name_native": "이정곤",
        "name_latin": "Lee Jeong-gon",
        "languages": ["ko"],
        "position": {"en": "Chairman", "ko": "회장"},
        "is_sample": False,
    },
]

# Demo logins: username, staff role, (membership identifier or company name, role), person.
LOGINS: list[dict[str, Any]] = [
    {
        "username": "admin",
        "first_name": "Ada",
        "last_name": "Admin",
        "staff_role": StaffRole.ADMINISTRATOR,
        "superuser": True,
    },
    {
        "username": "officer",
        "first_name": "Minji",
        "last_name": "Park",
        "staff_role": StaffRole.PROGRAMME_OFFICER,
        "language": "ko",
        "member_of": ("KR-GOV-MOE", None),
    },
    {
        "username": "analyst",
        "first_name": "Alex",
        "last_name": "Kim",
        "staff_role": StaffRole.ANALYST,
    },
    {
        "username": "company",
        "first_name": "Jiho",
        "last_name": "Lee",
        "language": "ko",
        "member_of": ("DT001", MembershipRole.COMPANY_MEMBER),
    },
    {
        "username": "counterpart",
        "first_name": "Aigerim",
        "last_name": "Nurlanovna",
        "language": "ru",
        "member_of": ("DN01", MembershipRole.COUNTERPART_MEMBER),
    },
    {
        "username": "reviewer",
        "first_name": "Seoyeon",
        "last_name": "Choi",
        "language": "ko",
        "member_of": ("KR-KTL", MembershipRole.CERTIFICATION_REVIEWER),
    },
]


def _upsert_organisation(
    actor, spec: dict[str, Any], by_identifier: dict[str, Organisation]
) -> str:
    countries = {c.code: c for c in Country.objects.filter(code=spec["country"])}
    data = {
        "identifier": spec["identifier"],
        "kind": spec["kind"],
        "country": countries[spec["country"]],
        "short_name": spec.get("short_name", ""),
        "website": spec.get("website", ""),
        "name": spec["name"],
        "description": spec.get("description", {}),
        "parent": by_identifier.get(spec.get("parent", "")),
        "sectors": list(Sector.objects.filter(code__in=spec.get("sectors", []))),
    }
    existing = Organisation.objects.filter(identifier=spec["identifier"]).first()
    if existing is None:
        by_identifier[spec["identifier"]] = services.create_organisation(actor, data)
        return "created"
    by_identifier[spec["identifier"]] = existing
    return "updated" if services.apply_update(actor, existing, data) else "unchanged"


def _upsert_person(actor, spec: dict[str, Any], organisation: Organisation) -> str:
    data = {k: v for k, v in spec.items() if k != "key"}
    data["organisation"] = organisation
    existing = Person.objects.filter(
        organisation=organisation, name_latin=spec["name_latin"]
    ).first()
    if existing is None:
        services.create_person(actor, data)
        return "created"
    return "updated" if services.apply_update(actor, existing, data) else "unchanged"


def _organisation_for(key: str) -> Organisation:
    """A demo login's organisation: by identifier, or the owner of a sample record."""
    from ecobridge.directory.models import Need, Technology

    org = Organisation.objects.filter(identifier=key).first()
    if org is None:
        tech = Technology.objects.filter(external_id=key).select_related("owner").first()
        org = tech.owner if tech else Need.objects.get(external_id=key).organisation
    return org


def _ensure_login(spec: dict[str, Any]) -> str:
    user, created = User.objects.get_or_create(
        username=spec["username"],
        defaults={
            "first_name": spec["first_name"],
            "last_name": spec["last_name"],
            "email": f"{spec['username']}@example.org",
            "staff_role": spec.get("staff_role", ""),
            "language": spec.get("language", "en"),
            "is_superuser": spec.get("superuser", False),
            "is_staff": spec.get("superuser", False),
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    key, role = spec.get("member_of", (None, None))
    if key and role:
        Membership.objects.get_or_create(user=user, organisation=_organisation_for(key), role=role)
    return "created" if created else "unchanged"


def load(actor) -> dict[str, Any]:
    result: dict[str, Any] = {"countries": load_countries(), "sectors": load_sectors()}
    with transaction.atomic():
        by_identifier: dict[str, Organisation] = {}
        outcomes = [_upsert_organisation(actor, spec, by_identifier) for spec in ORGANISATIONS]
        result["organisations"] = {o: outcomes.count(o) for o in set(outcomes)}
        people = [_upsert_person(actor, p, by_identifier[p["key"]]) for p in PEOPLE]
        result["people"] = {o: people.count(o) for o in set(people)}
    for kind in ("technologies", "needs"):
        report = run_import(actor, kind, DEMO_DATA / f"{kind}.csv", sample=True)
        if report.has_critical or report.has_errors:
            raise RuntimeError(f"demo {kind} did not import cleanly: {report.problems}")
        result[kind] = report.summary()
    with transaction.atomic():
        logins = [_ensure_login(spec) for spec in LOGINS]
    result["logins"] = {o: logins.count(o) for o in set(logins)}
    return result
