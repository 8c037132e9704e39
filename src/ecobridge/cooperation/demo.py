"""Demo data of the cooperation registry: every fact the seed documents carry.

Each record names its seed in ``source``. Dates keep the precision the seed gives
(``"2021"`` → year, ``"2021-03"`` → month, ``"2012-01-23"`` → day); where a seed gives no
usable date the date stays empty and ``date_note`` says what the seed says.
docs/seed-coverage.md maps each seed sentence to these records.

Loading is idempotent: records are found by stable keys and changed only when they differ.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import models, transaction

from ecobridge.cooperation import services
from ecobridge.cooperation.models import (
    ActionItem,
    Agreement,
    AgreementStatus,
    Budget,
    ContactPoint,
    Indicator,
    Mechanism,
    MechanismMeeting,
    Project,
    ProjectParticipant,
    ProjectStage,
    Result,
    SourcedFact,
    Training,
    TrainingParticipation,
)
from ecobridge.directory.models import Country, Organisation, Sector

S0 = "seed 000 (Diplomacy Journal: Korea's water industry delegation to Kazakhstan)"
S1 = "seed 001 (Kim Dong-young, Environmental Issues in Central Asia, 2024)"
S2 = "seed 002 (Power Korea, 2023-02-16: National Water Industry Cluster)"
S3 = "seed 003 (Kazakhstan and OSCE agree on economic and environmental collaboration)"
S4 = "seed 004 (Ministry of Environment: international cooperation, 2013-10-24)"


def _date(text: str | None) -> tuple[datetime.date | None, str]:
    """ "2021" → (2021-01-01, year); "2021-03" → month; "2021-03-15" → day."""
    if not text:
        return None, "day"
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return datetime.date(parts[0], 1, 1), "year"
    if len(parts) == 2:
        return datetime.date(parts[0], parts[1], 1), "month"
    return datetime.date(*parts), "day"


def _dates(spec: dict[str, Any], *names: str) -> dict[str, Any]:
    out = {}
    for name in names:
        if name in spec:
            value, precision = _date(spec[name])
            out[name] = value
            out[f"{name}_precision"] = precision
    return out


def _countries(codes) -> list[Country]:
    return list(Country.objects.filter(code__in=codes))


def _orgs(identifiers) -> list[Organisation]:
    return list(Organisation.objects.filter(identifier__in=identifiers))


def _org(identifier: str | None) -> Organisation | None:
    return Organisation.objects.filter(identifier=identifier).first() if identifier else None


def _sectors(codes) -> list[Sector]:
    return list(Sector.objects.filter(code__in=codes))


class Loader:
    """Create-or-update with counts, through the domain functions."""

    def __init__(self, actor):
        self.actor = actor
        self.counts = {"created": 0, "updated": 0, "unchanged": 0}

    def upsert(self, model: type[models.Model], lookup: dict[str, Any], data: dict[str, Any]):
        existing = model.objects.filter(**lookup).first()
        if existing is None:
            self.counts["created"] += 1
            # JSON key lookups (title__en) find records; the full value comes with ``data``.
            keys = {k: v for k, v in lookup.items() if "__" not in k}
            return services.create_record(self.actor, model, {**keys, **data})
        changed = services.update_record(self.actor, existing, data)
        self.counts["updated" if changed else "unchanged"] += 1
        return existing


# --- Agreements -----------------------------------------------------------------------
# status: the lifecycle state the seed reports; steps are replayed through the domain
# function so each one is dated and audited.

AGREEMENTS: list[dict[str, Any]] = [
    {
        "key": "kr-kz-water-resources-mou-2021",
        "kind": "mou",
        "title": {
            "en": "Korea–Kazakhstan memorandum of understanding on water resources cooperation",
            "ko": "한-카자흐스탄 수자원 협력 양해각서",
            "ru": "Меморандум о взаимопонимании между Кореей и Казахстаном о сотрудничестве в области водных ресурсов",
        },
        "summary": {"en": "Signed during the Kazakh president's visit to Korea."},
        "countries": ["KR", "KZ"],
        "sectors": ["14010", "14015"],
        "signed_on": "2021",
        "status": "signed",
        "source": S0,
    },
    {
        "key": "nwic-keco-ktl-mou-2021",
        "kind": "mou",
        "title": {
            "en": "MOU for win-win cooperation: water industry cluster, Korea Environment Corporation and Korea Testing Laboratory",
            "ko": "물산업 클러스터·한국환경공단·한국산업기술시험원 상생협력 업무협약",
        },
        "summary": {
            "en": "The certification-related MOU: certification, verification and performance testing in one place."
        },
        "areas": {
            "en": "Certification; verification; joint research; water industry information sharing; "
            "water technology commercialisation; job creation; performance test; standardisation "
            "foundation for evaluation for international recognition of water technology and products."
        },
        "organisations": ["KR-NWIC-RCC", "KR-KECO", "KR-KTL"],
        "countries": ["KR"],
        "sectors": ["14010", "14020"],
        "signed_on": "2021-03",
        "status": "signed",
        "source": S2,
    },
    {
        "key": "nwic-honey-job-dream-2022",
        "kind": "agreement",
        "title": {"en": "“Honey JOB Dream” agreement", "ko": "‘허니 JOB 드림’ 협약"},
        "summary": {
            "en": "Employment opportunities and talent training for young people, with two universities in "
            "Daegu (not named in the source) and the Daegu Public Facilities Management Corporation."
        },
        "organisations": ["KR-NWIC-RCC", "KR-DAEGU-PFMC"],
        "countries": ["KR"],
        "signed_on": "2022-11",
        "status": "signed",
        "source": S2,
    },
    {
        "key": "nwic-samsung-daegu-keco-2020",
        "kind": "agreement",
        "title": {"en": "Agreement to develop the water industry and create jobs"},
        "summary": {
            "en": "Signed by the water industry cluster with Samsung Engineering, Daegu Metropolitan City "
            "and Korea Environment Corporation."
        },
        "organisations": ["KR-NWIC-RCC", "KR-SAMSUNG-ENG", "KR-DAEGU", "KR-KECO"],
        "countries": ["KR"],
        "signed_on": "2020-07",
        "status": "signed",
        "source": S2,
    },
    {
        "key": "osce-stockholm-mc-decision-2021",
        "kind": "ministerial_decision",
        "title": {
            "en": "2021 Stockholm Ministerial Council Decision on strengthening co-operation to address the challenges caused by climate change"
        },
        "summary": {"en": "Kazakhstan restated its loyalty to this commitment."},
        "organisations": ["XI-OSCE"],
        "countries": ["KZ"],
        "sectors": ["41010"],
        "signed_on": "2021",
        "place": "Stockholm",
        "status": "signed",
        "source": S3,
    },
    {
        "key": "temm-ten-priority-areas-2010",
        "kind": "work_programme",
        "title": {
            "en": "Ten Priority Cooperation Areas for Future Tripartite Environment Cooperation"
        },
        "countries": ["KR", "CN", "JP"],
        "signed_on": "2010",
        "date_note": "Adopted at the 12th TEMM in 2010.",
        "status": "signed",
        "source": S4,
    },
    {
        "key": "temm14-joint-communique-2012",
        "kind": "joint_communique",
        "title": {"en": "TEMM 14 Joint Communiqué", "ko": "제14차 한중일 환경장관회의 공동성명"},
        "summary": {
            "en": "Common cooperation on environmental issues in North East Asia and the world: climate change, "
            "green growth, biological diversity, contamination control, environmental industry, yellow dust, "
            "electronic waste. Includes the establishment of a Policy Dialogue on Biodiversity, promotion of green "
            "growth, Korea's effort to attract the Green Climate Fund, making GGGI an international body, "
            "cooperation on long-range air pollution and dust and sandstorms, and cooperation on Korea's hosting "
            "of the World Conservation Congress, CBD COP 12 and the Climate Change Ministerial Meeting."
        },
        "countries": ["KR", "CN", "JP"],
        "sectors": ["41010", "41030", "41020"],
        "signed_on": "2012-05",
        "place": "Beijing",
        "status": "signed",
        "source": S4,
    },
    {
        "key": "singapore-declaration-climate-energy-environment",
        "kind": "declaration",
        "title": {"en": "Singapore Declaration on Climate Change, Energy and the Environment"},
        "countries": ["KR"],
        "organisations": ["XM-ASEAN"],
        "sectors": ["41010"],
        "date_note": "The source gives no date of adoption.",
        "status": "signed",
        "source": S4,
    },
    {
        "key": "kr-vn-21st-century-partnership-2001",
        "kind": "declaration",
        "title": {
            "en": "Joint declaration on a 21st Century Comprehensive Partnership (Korea–Viet Nam)"
        },
        "countries": ["KR", "VN"],
        "signed_on": "2001",
        "status": "signed",
        "source": S4,
    },
    {
        "key": "kr-vn-strategic-partnership-2009",
        "kind": "declaration",
        "title": {"en": "Joint declaration on a Strategic Partnership (Korea–Viet Nam)"},
        "countries": ["KR", "VN"],
        "signed_on": "2009",
        "status": "signed",
        "source": S4,
    },
    {
        "key": "kr-vn-environment-mou-2000",
        "kind": "mou",
        "title": {"en": "Korea–Viet Nam Environmental Cooperation MOU"},
        "summary": {
            "en": "Korea's first environmental cooperation MOU in South East Asia; the two sides agreed to hold regular high-level conferences."
        },
        "countries": ["KR", "VN"],
        "sectors": ["41010"],
        "signed_on": "2000",
        "status": "signed",
        "source": S4,
    },
    {
        "key": "kr-vn-soil-groundwater-implementation-2012",
        "kind": "implementation_agreement",
        "title": {
            "en": "Implementation Agreement concerning Vietnam's Soil & Underground Water Purification and Relevant Legal System Improvement"
        },
        "summary": {
            "en": "Mutual cooperation framework for strengthening Vietnam's capability in soil and groundwater law."
        },
        "countries": ["KR", "VN"],
        "sectors": ["14015", "41010"],
        "parent": "kr-vn-environment-mou-2000",
        "signed_on": "2012-05",
        "place": "Hanoi",
        "status": "signed",
        "source": S4,
    },
    {
        "key": "kr-iran-environment-mou-2005",
        "kind": "mou",
        "title": {"en": "Korea–Iran Environmental Cooperation MOU"},
        "summary": {"en": "The first such MOU with a country of the Middle East and Central Asia."},
        "countries": ["KR", "IR"],
        "signed_on": "2005-03",
        "status": "signed",
        "source": S4,
    },
    {
        "key": "kr-azerbaijan-environment-mou-2008",
        "kind": "mou",
        "title": {"en": "Korea–Azerbaijan Environmental Cooperation MOU"},
        "countries": ["KR", "AZ"],
        "signed_on": "2008-05",
        "status": "signed",
        "source": S4,
    },
    {
        "key": "kr-kuwait-environment-mou",
        "kind": "mou",
        "title": {"en": "Korea–Kuwait Environmental Cooperation MOU"},
        "countries": ["KR", "KW"],
        "signed_on": "2008-07",
        "date_note": "The source says “in July”, listed after a May 2008 MOU; the year is read from that context.",
        "status": "signed",
        "source": S4,
    },
    {
        "key": "kr-israel-environment-mou",
        "kind": "mou",
        "title": {"en": "Korea–Israel Environmental Cooperation MOU"},
        "countries": ["KR", "IL"],
        "signed_on": "2008-11",
        "date_note": "The source says “in November”, listed after a May 2008 MOU; the year is read from that context.",
        "status": "signed",
        "source": S4,
    },
    {
        "key": "kr-uae-environment-mou-2009",
        "kind": "mou",
        "title": {"en": "Korea–United Arab Emirates Environmental Cooperation MOU"},
        "countries": ["KR", "AE"],
        "signed_on": "2009-05",
        "status": "signed",
        "source": S4,
    },
    {
        "key": "kr-kz-environment-mou-2010",
        "kind": "mou",
        "title": {
            "en": "Korea–Kazakhstan Environmental Cooperation MOU",
            "ru": "Меморандум о сотрудничестве в области охраны окружающей среды между Кореей и Казахстаном",
        },
        "countries": ["KR", "KZ"],
        "sectors": ["41010"],
        "signed_on": "2010-09",
        "status": "signed",
        "source": S4,
    },
    {
        "key": "kr-us-environment-mou-1987",
        "kind": "mou",
        "title": {"en": "Korea–United States Environmental Cooperation MOU"},
        "countries": ["KR", "US"],
        "signed_on": "1987-03",
        "status": "signed",
        "source": S4,
    },
    *[
        {
            "key": f"kr-{code.lower()}-environment-mou",
            "kind": "mou",
            "title": {"en": f"Korea–{name} Environmental Cooperation MOU"},
            "countries": ["KR", code],
            "date_note": "The source says the MOU was signed but gives no date.",
            "status": "signed",
            "source": S4,
        }
        for code, name in [
            ("CA", "Canada"),
            ("GB", "United Kingdom"),
            ("FR", "France"),
            ("DK", "Denmark"),
            ("NL", "Netherlands"),
            ("DE", "Germany"),
            ("NO", "Norway"),
        ]
    ],
    {
        "key": "kr-us-environmental-cooperation-agreement-2012",
        "kind": "agreement",
        "title": {"en": "Korea–US Environmental Cooperation Agreement"},
        "areas": {
            "en": "Environmental protection; sustainable management of natural resources; conservation and "
            "protection of biological diversity; reinforcement of environmental law enforcement; cooperation "
            "for assistance and development of clean energy."
        },
        "countries": ["KR", "US"],
        "sectors": ["41010", "41030", "23210"],
        "signed_on": "2012-01-23",
        "in_force_on": "2012-03-15",
        "status": "in_force",
        "source": S4,
    },
    {
        "key": "kr-us-work-programme-2013-2015",
        "kind": "work_programme",
        "title": {"en": "Korea–US environmental cooperation work programme 2013–2015"},
        "areas": {
            "en": "8 categories, including environmental law enforcement, multilateral environmental cooperation "
            "agreements, conservation of ecology and natural resources, improvement of public perception and "
            "sustainable cities (the source names five of the eight)."
        },
        "countries": ["KR", "US"],
        "parent": "kr-us-environmental-cooperation-agreement-2012",
        "signed_on": "2013-02-14",
        "expires_on": "2015",
        "status": "signed",
        "source": S4,
    },
]


def _load_agreement(loader: Loader, spec: dict[str, Any]) -> Agreement:
    data: dict[str, Any] = {
        "kind": spec["kind"],
        "title": spec["title"],
        "summary": spec.get("summary", {}),
        "areas": spec.get("areas", {}),
        "party_countries": _countries(spec.get("countries", [])),
        "party_organisations": _orgs(spec.get("organisations", [])),
        "sectors": _sectors(spec.get("sectors", [])),
        "place": spec.get("place", ""),
        "date_note": spec.get("date_note", ""),
        "parent": Agreement.objects.filter(key=spec.get("parent", "")).first(),
        "source": spec["source"],
        **_dates(spec, "expires_on"),
    }
    existing = Agreement.objects.filter(key=spec["key"]).first()
    if existing is None:
        agreement = services.create_agreement(loader.actor, {"key": spec["key"], **data})
        loader.counts["created"] += 1
    else:
        agreement = existing
        changed = services.update_agreement(loader.actor, existing, data)
        loader.counts["updated" if changed else "unchanged"] += 1
    signed, signed_precision = _date(spec.get("signed_on"))
    in_force, in_force_precision = _date(spec.get("in_force_on"))
    if agreement.status == AgreementStatus.DRAFT and spec["status"] != "draft":
        services.sign_agreement(loader.actor, agreement, signed, signed_precision)
    agreement.refresh_from_db()
    if agreement.status == AgreementStatus.SIGNED and spec["status"] == "in_force":
        services.bring_into_force(loader.actor, agreement, in_force, in_force_precision)
    return agreement


# --- Mechanisms and meetings -------------------------------------------------------------

MECHANISMS: list[dict[str, Any]] = [
    {
        "key": "temm",
        "name": {
            "en": "Tripartite Environment Ministers Meeting among Korea, China and Japan",
            "ko": "한중일 환경장관회의",
        },
        "short_name": "TEMM",
        "kind": "ministers_meeting",
        "countries": ["KR", "CN", "JP"],
        "start_year": 1999,
        "source": S4,
    },
    {
        "key": "neaspec",
        "name": {"en": "North-East Asian Subregional Programme for Environmental Cooperation"},
        "short_name": "NEASPEC",
        "kind": "programme",
        "description": {
            "en": "A multilateral environmental cooperation mechanism founded in the years after the 1992 UN "
            "Commission on Sustainable Development; the source gives no founding year."
        },
        "countries": ["KR", "CN", "JP"],
        "source": S4,
    },
    {
        "key": "tripartite-biodiversity-dialogue",
        "name": {"en": "Tripartite Policy Dialogue on Biodiversity"},
        "kind": "dialogue",
        "description": {"en": "Established under the TEMM 14 Joint Communiqué (2012)."},
        "countries": ["KR", "CN", "JP"],
        "founding_agreement": "temm14-joint-communique-2012",
        "source": S4,
    },
    {
        "key": "kr-vn-environment-ministers",
        "name": {"en": "Environment Ministers Meeting between Korea and Viet Nam"},
        "kind": "ministers_meeting",
        "countries": ["KR", "VN"],
        "start_year": 2000,
        "frequency": "every other year 2000–2003; every year since 2004",
        "founding_agreement": "kr-vn-environment-mou-2000",
        "source": S4,
    },
    {
        "key": "asean-plus-3-environment-ministers",
        "name": {"en": "ASEAN+3 Environment Ministers Meeting"},
        "short_name": "ASEAN+3 EMM",
        "kind": "ministers_meeting",
        "countries": ["KR", "CN", "JP"],
        "organisations": ["XM-ASEAN"],
        "start_year": 2002,
        "source": S4,
    },
    {
        "key": "eas-environment-ministers",
        "name": {"en": "East Asia Summit Environment Ministers Meeting"},
        "short_name": "EAS EMM",
        "kind": "ministers_meeting",
        "countries": ["KR"],
        "organisations": ["XM-ASEAN"],
        "start_year": 2008,
        "source": S4,
    },
    {
        "key": "kr-china-environment-bilateral",
        "name": {"en": "Korea–China bilateral environment ministers' talks"},
        "kind": "ministers_meeting",
        "countries": ["KR", "CN"],
        "source": S4,
    },
    {
        "key": "kr-japan-environment-bilateral",
        "name": {"en": "Korea–Japan bilateral environment ministers' talks"},
        "kind": "ministers_meeting",
        "countries": ["KR", "JP"],
        "source": S4,
    },
    {
        "key": "korea-africa-environment-forum",
        "name": {"en": "Korea-Africa Environmental Cooperation Forum"},
        "kind": "forum",
        "countries": ["KR"],
        "start_year": 2010,
        "source": S4,
    },
    {
        "key": "kr-us-environmental-cooperation-commission",
        "name": {"en": "Korea–US Environmental Cooperation Commission"},
        "kind": "joint_commission",
        "countries": ["KR", "US"],
        "start_year": 2013,
        "founding_agreement": "kr-us-environmental-cooperation-agreement-2012",
        "source": S4,
    },
    {
        "key": "kz-osce-second-dimension",
        "name": {"en": "Kazakhstan–OSCE economic and environmental (Second Dimension) dialogue"},
        "kind": "dialogue",
        "countries": ["KZ"],
        "organisations": ["XI-OSCE", "XI-OSCE-OCEEA"],
        "source": S3,
    },
]

MEETINGS: list[dict[str, Any]] = [
    {
        "mechanism": "temm",
        "ordinal": 12,
        "held_on": "2010",
        "outcomes": {
            "en": "Adopted the Ten Priority Cooperation Areas for Future Tripartite Environment Cooperation."
        },
        "adopted": ["temm-ten-priority-areas-2010"],
        "source": S4,
    },
    {
        "mechanism": "temm",
        "ordinal": 14,
        "held_on": "2012-05",
        "place": "Beijing",
        "country": "CN",
        "countries": ["KR", "CN", "JP"],
        "outcomes": {
            "en": "Ministers reviewed progress in the Ten Priority Cooperation Areas and expressed satisfaction with "
            "the smooth progress of joint cooperation projects. The Forum for Students and the Industrial "
            "Community was held and its outcomes reported to the ministerial meeting."
        },
        "decisions": {"en": "Adopted the Joint Communiqué (see the linked document)."},
        "priority_areas": {
            "en": "Climate change, green growth, biological diversity, contamination control, environmental industry, yellow dust, electronic waste."
        },
        "adopted": ["temm14-joint-communique-2012"],
        "cited": ["temm-ten-priority-areas-2010"],
        "source": S4,
    },
    {
        "mechanism": "kr-china-environment-bilateral",
        "held_on": "2012",
        "date_note": "Held beside TEMM 14 (Beijing, May 2012) according to the context; the source gives no date.",
        "countries": ["KR", "CN"],
        "outcomes": {
            "en": "Korea suggested strengthening cooperation on trans-boundary air pollution including fine dust; "
            "the two sides agreed to conduct joint research. Korea asked that summit talks, TEMM and the "
            "Environmental Cooperation Channel in North East Asia deal with yellow dust as a regional task."
        },
        "actions": [
            {
                "title": "Joint research on trans-boundary air pollution including fine dust",
                "owner_label": "Korea and China",
            }
        ],
        "source": S4,
    },
    {
        "mechanism": "kr-japan-environment-bilateral",
        "held_on": "2012",
        "date_note": "Held beside TEMM 14 (Beijing, May 2012) according to the context; the source gives no date.",
        "countries": ["KR", "JP"],
        "outcomes": {
            "en": "Korea suggested cooperation on asbestos safety including slate disposal; consensus on joint "
            "cooperation including information sharing. Korea asked for Japan's cooperation in hosting the "
            "Climate Change Ministerial Meeting and the 2012 World Conservation Congress; Japan promised to cooperate actively."
        },
        "actions": [
            {
                "title": "Share information on asbestos safety and slate disposal",
                "owner_label": "Korea and Japan",
            }
        ],
        "source": S4,
    },
    {
        "mechanism": "asean-plus-3-environment-ministers",
        "ordinal": 11,
        "held_on": "2012-09",
        "place": "Bangkok",
        "country": "TH",
        "outcomes": {
            "en": "Korea introduced the Project for Restoring Destroyed Tropical Forests in South East Asia, proposed "
            "the Project for Building Korea-ASEAN Biological Diversity Research Capability, explained the status "
            "of the Korea-ASEAN River Restoration Forum, the ASEAN Civil Servants Training Project and the Seoul "
            "Initiative for Green Growth, and promised to continue them."
        },
        "projects": [
            "KR-GOV-MOE-ASEAN-TROPICAL-FORESTS",
            "KR-GOV-MOE-ASEAN-BIODIVERSITY-CAPACITY",
            "KR-GOV-MOE-ASEAN-RIVER-FORUM",
            "KR-GOV-MOE-ASEAN-CIVIL-SERVANTS",
            "KR-GOV-MOE-SEOUL-INITIATIVE",
        ],
        "date_note": "The source calls it “the 11th meeting held in Bangkok” right after naming the ASEAN+3 meeting.",
        "source": S4,
    },
    {
        "mechanism": "eas-environment-ministers",
        "ordinal": 1,
        "held_on": "2008-11",
        "place": "Viet Nam",
        "country": "VN",
        "outcomes": {
            "en": "Follow-up and implementation of the Singapore Declaration; adopted “Environmentally Sustainable City” "
            "as an agenda and discussed cooperation areas for adapting to climate change in East Asia."
        },
        "cited": ["singapore-declaration-climate-energy-environment"],
        "date_note": "The source says Korea participated in the meeting held in Vietnam in November 2008; it is numbered 1 because the 2012 meeting is the 3rd.",
        "source": S4,
    },
    {
        "mechanism": "eas-environment-ministers",
        "ordinal": 3,
        "held_on": "2012-09",
        "place": "Bangkok",
        "country": "TH",
        "outcomes": {
            "en": "Korea supported the international community's efforts on climate change including the Singapore "
            "Declaration, introduced the Partnership for Coping with Korea-ASEAN Climate Change, and promised "
            "efforts so that the EAS Environment Ministers Meeting evolves into an environmental cooperation body."
        },
        "cited": ["singapore-declaration-climate-energy-environment"],
        "projects": ["KR-GOV-MOE-ASEAN-CLIMATE-PARTNERSHIP"],
        "source": S4,
    },
    {
        "mechanism": "kr-vn-environment-ministers",
        "ordinal": 8,
        "date_note": "The source does not date the 8th meeting.",
        "outcomes": {"en": "Agreed three cooperation projects (see the linked projects)."},
        "countries": ["KR", "VN"],
        "projects": [
            "KR-GOV-MOE-VN-GREEN-GROWTH",
            "KR-GOV-MOE-VN-ENV-INDUSTRY",
            "KR-GOV-MOE-VN-HR-TRAINING",
        ],
        "source": S4,
    },
    {
        "mechanism": "kr-vn-environment-ministers",
        "ordinal": 9,
        "held_on": "2012-05",
        "place": "Hanoi",
        "country": "VN",
        "countries": ["KR", "VN"],
        "outcomes": {
            "en": "Signed the implementation agreement on soil and groundwater; assessed the outcomes of the three "
            "projects agreed at the 8th meeting and discussed continued cooperation."
        },
        "adopted": ["kr-vn-soil-groundwater-implementation-2012"],
        "cited": ["kr-vn-environment-mou-2000"],
        "projects": [
            "KR-GOV-MOE-VN-GREEN-GROWTH",
            "KR-GOV-MOE-VN-ENV-INDUSTRY",
            "KR-GOV-MOE-VN-HR-TRAINING",
        ],
        "source": S4,
    },
    {
        "mechanism": "korea-africa-environment-forum",
        "held_on": "2010-11",
        "place": "Seoul",
        "country": "KR",
        "title": {"en": "Korea-Africa Environmental Cooperation Forum 2010"},
        "outcomes": {
            "en": "Strengthened the groundwork for Korea–Africa environmental cooperation and the entry of Korean "
            "environmental companies into Africa; checked the demand for environmental policy and management in "
            "Côte d'Ivoire, Morocco, Senegal, Cameroon, Ghana, Nigeria, Mozambique, Tanzania and others."
        },
        "source": S4,
    },
    {
        "mechanism": "korea-africa-environment-forum",
        "held_on": "2011-11",
        "place": "Seoul",
        "country": "KR",
        "title": {"en": "Korea-Africa Environmental Cooperation Forum 2011"},
        "outcomes": {"en": "Second holding of the forum, with the same aims."},
        "source": S4,
    },
    {
        "mechanism": "kr-us-environmental-cooperation-commission",
        "ordinal": 1,
        "held_on": "2013-02-14",
        "countries": ["KR", "US"],
        "outcomes": {"en": "Agreed to promote the work programme for 2013–2015."},
        "decisions": {
            "en": "The two countries agreed to exchange contact points in each priority area."
        },
        "adopted": ["kr-us-work-programme-2013-2015"],
        "cited": ["kr-us-environmental-cooperation-agreement-2012"],
        "actions": [
            {
                "title": "Exchange contact points in each priority area",
                "owner_label": "Korea and the United States",
            }
        ],
        "source": S4,
    },
    {
        "mechanism": "kz-osce-second-dimension",
        "title": {
            "en": "Meeting of Deputy Foreign Minister Roman Vassilenko and OCEEA Co-ordinator Bakyt Dzhusupov"
        },
        "place": "Astana",
        "country": "KZ",
        "date_note": "The source gives no date; it mentions Finland's 2025 OSCE Chairmanship and an upcoming June conference.",
        "organisations": ["KZ-GOV-MFA", "XI-OSCE-OCEEA"],
        "outcomes": {
            "en": "Discussed sustainable development, transport connectivity, environmental protection, climate action "
            "and fighting corruption and money laundering; cooperation of OCEEA with the Asset Recovery Committee; "
            "Kazakhstan's interest in the OSCE extrabudgetary green ports project and a new project on cross-border "
            "connectivity in Central Asia and the North Caucasus; support for Finland's 2025 Chairmanship climate "
            "agenda; preparations for the 2026 Regional Climate Summit; the Aral Sea basin and Caspian Sea; early "
            "warning and response to natural disasters with the Emergency Situations and Disaster Risk Reduction Centre in Almaty."
        },
        "decisions": {
            "en": "OSCE ready to support the Regional Climate Summit and to deepen collaboration."
        },
        "cited": ["osce-stockholm-mc-decision-2021"],
        "projects": ["XI-OSCE-GREEN-PORTS-CASPIAN", "XI-OSCE-CONNECTIVITY-CA-NC"],
        "actions": [
            {
                "title": "OSCE support for the 2026 Regional Climate Summit hosted by Kazakhstan",
                "owner_label": "OSCE OCEEA",
            },
            {
                "title": "Early warning and response cooperation with the CESDRR in Almaty",
                "owner_label": "Kazakhstan and OSCE",
            },
        ],
        "source": S3,
    },
]


def _load_mechanism(loader: Loader, spec: dict[str, Any]) -> Mechanism:
    return loader.upsert(
        Mechanism,
        {"key": spec["key"]},
        {
            "name": spec["name"],
            "short_name": spec.get("short_name", ""),
            "kind": spec["kind"],
            "description": spec.get("description", {}),
            "member_countries": _countries(spec.get("countries", [])),
            "member_organisations": _orgs(spec.get("organisations", [])),
            "start_year": spec.get("start_year"),
            "frequency": spec.get("frequency", ""),
            "founding_agreement": Agreement.objects.filter(
                key=spec.get("founding_agreement", "")
            ).first(),
            "source": spec["source"],
        },
    )


def _load_meeting(loader: Loader, spec: dict[str, Any]) -> MechanismMeeting:
    mechanism = Mechanism.objects.get(key=spec["mechanism"])
    if spec.get("ordinal") is not None:
        lookup = {"mechanism": mechanism, "ordinal": spec["ordinal"]}
    elif spec.get("title"):
        lookup = {"mechanism": mechanism, "title__en": spec["title"]["en"]}
    else:
        lookup = {"mechanism": mechanism, "ordinal": None}
    data = {
        "title": spec.get("title", {}),
        "place": spec.get("place", ""),
        "date_note": spec.get("date_note", ""),
        "country": Country.objects.filter(code=spec.get("country", "")).first(),
        "participant_countries": _countries(spec.get("countries", [])),
        "participant_organisations": _orgs(spec.get("organisations", [])),
        "outcomes": spec.get("outcomes", {}),
        "decisions": spec.get("decisions", {}),
        "priority_areas": spec.get("priority_areas", {}),
        "adopted_agreements": list(Agreement.objects.filter(key__in=spec.get("adopted", []))),
        "cited_agreements": list(Agreement.objects.filter(key__in=spec.get("cited", []))),
        "projects": list(Project.objects.filter(iati_identifier__in=spec.get("projects", []))),
        "source": spec["source"],
        **_dates(spec, "held_on"),
    }
    existing = MechanismMeeting.objects.filter(**lookup).first()
    if existing is None:
        meeting = services.create_record(
            loader.actor,
            MechanismMeeting,
            {"mechanism": mechanism, "ordinal": spec.get("ordinal"), **data},
        )
        loader.counts["created"] += 1
    else:
        meeting = existing
        changed = services.update_record(loader.actor, existing, data)
        loader.counts["updated" if changed else "unchanged"] += 1
    for action in spec.get("actions", []):
        loader.upsert(
            ActionItem,
            {"meeting": meeting, "title__en": action["title"]},
            {"title": {"en": action["title"]}, "owner_label": action.get("owner_label", "")},
        )
    return meeting


# --- Projects ---------------------------------------------------------------------------

FUND = "Korea-ASEAN Special Cooperation Fund"

PROJECTS: list[dict[str, Any]] = [
    {
        "id": "KR-GOV-MOE-ASEAN-TROPICAL-FORESTS",
        "title": {"en": "Project for Restoring Destroyed Tropical Forests in South East Asia"},
        "description": {
            "en": "A representative Korea-ASEAN cooperation project, started in 2000. Related work: research commissioned "
            "by the region, an educational programme, participation in the World Conservation Congress and a "
            "workshop for strengthening the research capability of four countries including Cambodia."
        },
        "status": "2",
        "actual_start": "2000",
        "regions": ["798"],
        "sectors": ["31220"],
        "funding_source": FUND,
        "participants": [("KR-GOV-MOE", "2"), (FUND, "1"), ("XM-ASEAN", "4")],
        "stages": [
            {
                "ordinal": 4,
                "sub_ordinal": 1,
                "name": "Stage 4, 1st year programme",
                "starts_on": "2012-07",
                "ends_on": "2013-06",
                "status": "completed",
                "notes": "Reported as successfully completed. The source dates the 1st year after the 2nd year; both are kept as written.",
            },
            {
                "ordinal": 4,
                "sub_ordinal": 2,
                "name": "Stage 4, 2nd year programme",
                "starts_on": "2011-07",
                "ends_on": "2012-06",
                "status": "ongoing",
                "notes": "Reported as expected to be completed successfully.",
            },
        ],
        "budgets": [("2012-07-01", "2013-06-30"), ("2011-07-01", "2012-06-30")],
        "source": S4,
    },
    {
        "id": "KR-GOV-MOE-ASEAN-BIODIVERSITY-CAPACITY",
        "title": {
            "en": "Project for Building Korea-ASEAN Biological Diversity Research Capability"
        },
        "description": {
            "en": "Suggested by Korea as a new project at the 11th ASEAN+3 Environment Ministers Meeting (2012)."
        },
        "status": "1",
        "regions": ["798"],
        "sectors": ["41030"],
        "participants": [("KR-GOV-MOE", "2")],
        "source": S4,
    },
    {
        "id": "KR-GOV-MOE-ASEAN-RIVER-FORUM",
        "title": {"en": "Korea-ASEAN River Restoration Forum"},
        "status": "2",
        "regions": ["798"],
        "sectors": ["14015"],
        "participants": [("KR-GOV-MOE", "2")],
        "source": S4,
    },
    {
        "id": "KR-GOV-MOE-ASEAN-CIVIL-SERVANTS",
        "title": {"en": "ASEAN Civil Servants Training Project"},
        "status": "2",
        "regions": ["798"],
        "sectors": ["41081"],
        "participants": [("KR-GOV-MOE", "2")],
        "source": S4,
    },
    {
        "id": "KR-GOV-MOE-SEOUL-INITIATIVE",
        "title": {"en": "Seoul Initiative for Green Growth"},
        "status": "2",
        "regions": ["798"],
        "sectors": ["41010"],
        "participants": [("KR-GOV-MOE", "2")],
        "source": S4,
    },
    {
        "id": "KR-GOV-MOE-ASEAN-CLIMATE-PARTNERSHIP",
        "title": {"en": "Partnership for Coping with Korea-ASEAN Climate Change"},
        "description": {
            "en": "Introduced at the 3rd EAS Environment Ministers Meeting to play a bridge role between developing and advanced countries."
        },
        "status": "2",
        "regions": ["798"],
        "sectors": ["41010"],
        "participants": [("KR-GOV-MOE", "2")],
        "source": S4,
    },
    *[
        {
            "id": identifier,
            "title": {"en": title},
            "description": {
                "en": "Agreed at the 8th Korea–Viet Nam Environment Ministers Meeting; outcomes assessed at the 9th (2012)."
            },
            "status": "2",
            "countries": ["VN"],
            "sectors": sectors,
            "participants": [("KR-GOV-MOE", "2")],
            "agreements": ["kr-vn-environment-mou-2000"],
            "source": S4,
        }
        for identifier, title, sectors in [
            (
                "KR-GOV-MOE-VN-GREEN-GROWTH",
                "Green Growth and Cooperation for Coping Climate Change",
                ["41010"],
            ),
            (
                "KR-GOV-MOE-VN-ENV-INDUSTRY",
                "Cooperation for Environmental Industry & Technology and Basic Environmental Facilities Construction",
                ["14020"],
            ),
            (
                "KR-GOV-MOE-VN-HR-TRAINING",
                "Expanding Cooperation for Training Environmental Human Resources",
                ["41081"],
            ),
        ]
    ],
    {
        "id": "KR-GOV-MOE-US-POOR-VISIBILITY",
        "title": {"en": "Research on Causes of the Poor Visibility in Large Cities"},
        "description": {
            "en": "One of 9 environmental technology cooperation tasks with the United States, in association with the "
            "United States-Asia Environmental Partnership. The source does not report its status or dates."
        },
        "status": "2",
        "countries": ["KR"],
        "sectors": ["41010"],
        "participants": [("KR-GOV-MOE", "2")],
        "agreements": ["kr-us-environment-mou-1987"],
        "source": S4,
    },
    {
        "id": "XI-OSCE-GREEN-PORTS-CASPIAN",
        "title": {
            "en": "OSCE extrabudgetary project for green ports development in the Caspian region"
        },
        "description": {
            "en": "Its outcome helped Kazakhstan's seaports of Aktau and Kuryk secure EcoPort status from the European "
            "Sea Ports Organization (ESPO), attracting investment in infrastructure improvement."
        },
        "status": "2",
        "countries": ["KZ"],
        "sectors": ["21040", "41010"],
        "reporting": "XI-OSCE-OCEEA",
        "participants": [("XI-OSCE-OCEEA", "3"), ("KZ-PORT-AKTAU", "4"), ("KZ-PORT-KURYK", "4")],
        "agreements": ["osce-stockholm-mc-decision-2021"],
        "results": [
            {
                "type": "2",
                "title": "Seaports of Aktau and Kuryk secured EcoPort status (ESPO)",
                "indicator": {"title": "Kazakh seaports with EcoPort status", "actual_value": 2},
            },
        ],
        "source": S3,
    },
    {
        "id": "XI-OSCE-CONNECTIVITY-CA-NC",
        "title": {
            "en": "OSCE project to bolster cross-border connectivity in Central Asia and the North Caucasus"
        },
        "description": {
            "en": "A new project; Kazakhstan expressed enthusiasm for its implementation."
        },
        "status": "1",
        "countries": ["KZ"],
        "regions": ["619"],
        "sectors": ["21010"],
        "reporting": "XI-OSCE-OCEEA",
        "participants": [("XI-OSCE-OCEEA", "3")],
        "source": S3,
    },
]


def _load_project(loader: Loader, spec: dict[str, Any]) -> Project:
    project = loader.upsert(
        Project,
        {"iati_identifier": spec["id"]},
        {
            "title": spec["title"],
            "description": spec.get("description", {}),
            "status": spec["status"],
            "reporting_organisation": _org(spec.get("reporting", "KR-GOV-MOE")),
            "recipient_countries": _countries(spec.get("countries", [])),
            "recipient_regions": spec.get("regions", []),
            "sectors": _sectors(spec.get("sectors", [])),
            "funding_source": spec.get("funding_source", ""),
            "agreements": list(Agreement.objects.filter(key__in=spec.get("agreements", []))),
            "source": spec["source"],
            **_dates(spec, "actual_start", "planned_start"),
        },
    )
    for who, role in spec.get("participants", []):
        organisation = _org(who)
        lookup = {"project": project, "role": role}
        lookup.update({"organisation": organisation} if organisation else {"name": who})
        loader.upsert(ProjectParticipant, lookup, {})
    for stage in spec.get("stages", []):
        loader.upsert(
            ProjectStage,
            {"project": project, "ordinal": stage["ordinal"], "sub_ordinal": stage["sub_ordinal"]},
            {
                "name": {"en": stage["name"]},
                "status": stage["status"],
                "budget": Decimal("300000"),
                "currency": "USD",
                "funding_source": FUND,
                "notes": {"en": stage["notes"]},
                **_dates(stage, "starts_on", "ends_on"),
            },
        )
    for start, end in spec.get("budgets", []):
        loader.upsert(
            Budget,
            {"project": project, "period_start": datetime.date.fromisoformat(start)},
            {
                "period_end": datetime.date.fromisoformat(end),
                "value": Decimal("300000.00"),
                "currency": "USD",
                "value_date": datetime.date.fromisoformat(start),
            },
        )
    for result_spec in spec.get("results", []):
        result = loader.upsert(
            Result,
            {"project": project, "title__en": result_spec["title"]},
            {"title": {"en": result_spec["title"]}, "result_type": result_spec["type"]},
        )
        indicator = result_spec["indicator"]
        loader.upsert(
            Indicator,
            {"result": result, "title__en": indicator["title"]},
            {
                "title": {"en": indicator["title"]},
                "actual_value": Decimal(indicator["actual_value"]),
            },
        )
    return project


# --- Trainings, conferences, forums, delegations -------------------------------------------

TRAININGS: list[dict[str, Any]] = [
    {
        "key": "kr-kz-water-delegation-first-dispatch",
        "kind": "delegation",
        "title": {
            "en": "First dispatch of the Korea–Kazakhstan water industry cooperation delegation"
        },
        "starts_on": "2019",
        "host": "KZ",
        "organisers": ["KR-GOV-MOE"],
        "sectors": ["14010"],
        "source": S0,
    },
    {
        "key": "kr-kz-water-consultations-2020-2022",
        "kind": "consultation",
        "title": {
            "en": "Korea–Kazakhstan water industry consultations and online business meetings"
        },
        "starts_on": "2020",
        "ends_on": "2022",
        "organisers": ["KR-GOV-MOE"],
        "sectors": ["14010"],
        "agreement": "kr-kz-water-resources-mou-2021",
        "source": S0,
    },
    {
        "key": "kr-kz-water-delegations-2023-present",
        "kind": "delegation",
        "title": {
            "en": "Consecutive dispatches of water industry cooperation delegations to Kazakhstan"
        },
        "starts_on": "2023",
        "date_note": "“2023–present”: ongoing at the time of the source.",
        "host": "KZ",
        "organisers": ["KR-GOV-MOE"],
        "sectors": ["14010"],
        "agreement": "kr-kz-water-resources-mou-2021",
        "source": S0,
    },
    {
        "key": "kr-kz-water-delegation-september",
        "kind": "delegation",
        "title": {
            "en": "Korea-Kazakhstan Water Industry Cooperation Delegation",
            "ko": "한-카자흐스탄 물산업 협력 대표단",
        },
        "description": {
            "en": "Public-private delegation dispatched by the Ministry of Environment and the Ministry of Foreign Affairs "
            "to support the entry of Korean water firms into Central Asia and strengthen water cooperation."
        },
        "date_note": "1–5 September; the source gives no year.",
        "host": "KZ",
        "organisers": ["KR-GOV-MOE", "KR-GOV-MOFA"],
        "sectors": ["14010", "14020"],
        "agreement": "kr-kz-water-resources-mou-2021",
        "source": S0,
    },
    {
        "key": "kr-kz-water-seminar-september",
        "kind": "seminar",
        "title": {"en": "Korea-Kazakhstan Water Industry Cooperation Seminar"},
        "topic": {
            "en": "Water management policies, cooperative projects and Korean water technologies"
        },
        "date_note": "3 September, during the delegation; the source gives no year.",
        "host": "KZ",
        "organisers": ["KR-GOV-MOE", "KR-GOV-MOFA"],
        "sectors": ["14010"],
        "agreement": "kr-kz-water-resources-mou-2021",
        "source": S0,
    },
    {
        "key": "kr-kz-institutional-meetings-september",
        "kind": "consultation",
        "title": {
            "en": "Institutional meetings with Kazakh government ministries and related organisations"
        },
        "topic": {"en": "Upcoming projects and potential areas of cooperation"},
        "date_note": "3 September, during the delegation; the source gives no year.",
        "host": "KZ",
        "organisers": ["KR-GOV-MOE", "KR-GOV-MOFA"],
        "agreement": "kr-kz-water-resources-mou-2021",
        "source": S0,
    },
    {
        "key": "kr-kz-business-consultation-september",
        "kind": "business_conference",
        "title": {
            "en": "Business consultation session for water companies (one-on-one, by sector)"
        },
        "date_note": "3 September, during the delegation; the source gives no year.",
        "host": "KZ",
        "organisers": ["KR-GOV-MOE"],
        "sectors": ["14010", "14020"],
        "agreement": "kr-kz-water-resources-mou-2021",
        "source": S0,
    },
    {
        "key": "asean-invitation-training-2012",
        "kind": "training",
        "title": {"en": "Invitation training programme for ASEAN member countries"},
        "topic": {
            "en": "How to cope with ASEAN climate change (focusing on new renewable energy and environmental health)"
        },
        "description": {
            "en": "Part of the training programmes the government runs every year for ASEAN member countries."
        },
        "starts_on": "2012-06-10",
        "ends_on": "2012-06-27",
        "host": "KR",
        "organisers": ["KR-GOV-MOE"],
        "sectors": ["41010", "23210"],
        "participants_total": 16,
        "participation": [("ASEAN member countries", 16)],
        "source": S4,
    },
    {
        "key": "temm14-students-industry-forum-2012",
        "kind": "forum",
        "title": {"en": "The Forum for Students and The Industrial Community"},
        "description": {
            "en": "Held at the 2012 TEMM; its outcomes were reported to the ministerial meeting."
        },
        "starts_on": "2012-05",
        "place": "Beijing",
        "host": "CN",
        "meeting": ("temm", 14),
        "source": S4,
    },
    {
        "key": "four-country-research-capability-workshop",
        "kind": "seminar",
        "title": {
            "en": "Workshop for Strengthening Research Capability of 4 Countries including Cambodia"
        },
        "date_note": "The source gives no date.",
        "project": "KR-GOV-MOE-ASEAN-TROPICAL-FORESTS",
        "participation": [("KH", None)],
        "source": S4,
    },
    {
        "key": "kr-vn-green-business-conference-2",
        "kind": "business_conference",
        "title": {"en": "The 2nd Korea-Vietnam Green Business Conference"},
        "description": {
            "en": "Held by the Ministry of Environment to help Korean companies enter Vietnam's environmental market and find cooperation projects."
        },
        "date_note": "The source gives no date; it is reported with the 9th ministers' meeting (May 2012).",
        "host": "VN",
        "organisers": ["KR-GOV-MOE"],
        "participants_total": 200,
        "participation": [("Business people from Korea and Viet Nam (“some 200”)", 200)],
        "meeting": ("kr-vn-environment-ministers", 9),
        "source": S4,
    },
    {
        "key": "osce-climate-security-conference-finland-2025",
        "kind": "forum",
        "title": {"en": "International Conference on Climate and Security"},
        "description": {
            "en": "Under Finland's 2025 OSCE Chairmanship; Kazakhstan announced high-profile participation."
        },
        "starts_on": "2025-06",
        "host": "FI",
        "organisers": ["XI-OSCE"],
        "sectors": ["41010"],
        "participation": [("KZ", None)],
        "source": S3,
    },
    {
        "key": "regional-climate-summit-kazakhstan-2026",
        "kind": "forum",
        "title": {"en": "Regional Climate Summit (under United Nations auspices)"},
        "description": {
            "en": "To be hosted by Kazakhstan; the OSCE declared readiness to support it."
        },
        "starts_on": "2026",
        "host": "KZ",
        "sectors": ["41010"],
        "source": S3,
    },
]


def _load_training(loader: Loader, spec: dict[str, Any]) -> Training:
    meeting = None
    if spec.get("meeting"):
        key, ordinal = spec["meeting"]
        meeting = MechanismMeeting.objects.filter(mechanism__key=key, ordinal=ordinal).first()
    training = loader.upsert(
        Training,
        {"key": spec["key"]},
        {
            "kind": spec["kind"],
            "title": spec["title"],
            "topic": spec.get("topic", {}),
            "description": spec.get("description", {}),
            "date_note": spec.get("date_note", ""),
            "place": spec.get("place", ""),
            "host_country": Country.objects.filter(code=spec.get("host", "")).first(),
            "organisers": _orgs(spec.get("organisers", [])),
            "sectors": _sectors(spec.get("sectors", [])),
            "participants_total": spec.get("participants_total"),
            "agreement": Agreement.objects.filter(key=spec.get("agreement", "")).first(),
            "project": Project.objects.filter(iati_identifier=spec.get("project", "")).first(),
            "meeting": meeting,
            "source": spec["source"],
            **_dates(spec, "starts_on", "ends_on"),
        },
    )
    for who, count in spec.get("participation", []):
        country = Country.objects.filter(code=who).first() if len(who) == 2 else None
        lookup = {"training": training}
        lookup.update({"country": country} if country else {"group": who})
        loader.upsert(TrainingParticipation, lookup, {"count": count})
    return training


# --- Figures and statements quoted ---------------------------------------------------------

FACTS: list[dict[str, Any]] = [
    {
        "key": "kz-water-inflow-share",
        "statement": {
            "en": "About 45% of Kazakhstan's water resources flow in from neighbouring countries.",
            "ru": "Около 45% водных ресурсов Казахстана поступает из соседних стран.",
        },
        "value": "45",
        "unit": "%",
        "country": "KZ",
        "source": S0,
    },
    {
        "key": "kz-aging-water-infrastructure",
        "statement": {
            "en": "Kazakhstan is expanding investment in water management infrastructure in response to ageing water supply and sewage facilities, and is introducing digital and smart water technologies."
        },
        "country": "KZ",
        "source": S0,
    },
    {
        "key": "kz-downstream-transboundary",
        "statement": {
            "en": "Kazakhstan is a downstream country of transboundary rivers in Central Asia and relies heavily on external water sources."
        },
        "country": "KZ",
        "source": S0,
    },
    {
        "key": "kr-central-asia-relations-30-years",
        "statement": {
            "en": "Since diplomatic relations were established in the early 1990s, Korea and Central Asia have had over 30 years of economic, cultural and human exchanges."
        },
        "value": "30",
        "unit": "years",
        "as_of": "2024",
        "source": S1,
    },
    {
        "key": "central-asia-environmental-challenges",
        "statement": {
            "en": "Central Asia faces depletion of the Aral Sea, desertification, water scarcity and climate change, worsened by inefficient irrigation and overuse of shared water."
        },
        "source": S1,
    },
    {
        "key": "kr-central-asia-environment-contribution",
        "statement": {
            "en": "Korea contributes to water resource management, desertification prevention and renewable energy development in Central Asia; Kazakhstan and Uzbekistan value Korea's technological expertise."
        },
        "source": S1,
    },
    {
        "key": "gyeonggi-central-asia-partnerships",
        "statement": {
            "en": "Gyeonggi Province's partnerships with Kazakhstan and Uzbekistan focus on economic exchanges, medical technology transfer and ODA projects, and are strengthened through sister-city agreements."
        },
        "organisation": "KR-GYEONGGI",
        "source": S1,
    },
    {
        "key": "gyeonggi-central-asia-environment",
        "statement": {
            "en": "Gyeonggi Province supports desertification prevention, water resource management, climate change mitigation, smart city development and IT education in Central Asia."
        },
        "organisation": "KR-GYEONGGI",
        "source": S1,
    },
    {
        "key": "nwic-established-2019",
        "statement": {
            "en": "The National Water Industry Cluster was established in 2019 in Daegu and is run by the Korea Environment Corporation."
        },
        "organisation": "KR-NWIC",
        "as_of": "2019",
        "source": S2,
    },
    {
        "key": "nwic-resident-companies",
        "statement": {
            "en": "About 130 water industry companies have moved into the National Water Industry Cluster."
        },
        "value": "130",
        "unit": "companies",
        "organisation": "KR-NWIC",
        "as_of": "2023-02",
        "source": S2,
    },
    {
        "key": "nwic-rcc-established-2017",
        "statement": {
            "en": "The National Water Industry Cluster Resident Corporation Council was established in 2017."
        },
        "organisation": "KR-NWIC-RCC",
        "as_of": "2017",
        "source": S2,
    },
    {
        "key": "nwic-people-5000",
        "statement": {
            "en": "Companies with factories in the cluster, companies in its research complex and facility operators together number about 5,000 people; there is no daycare centre in the cluster."
        },
        "value": "5000",
        "unit": "people",
        "organisation": "KR-NWIC",
        "as_of": "2023-02",
        "source": S2,
    },
    {
        "key": "nwic-facilities",
        "statement": {
            "en": "The cluster operates a water convergence research centre, a water campus and a global business centre, with demonstration test facilities for product development, certification and verification in one place."
        },
        "organisation": "KR-NWIC",
        "source": S2,
    },
    {
        "key": "nwic-donations",
        "statement": {
            "en": "The cluster donated student support funds for multicultural families, scholarships from the Iksan Sarang Scholarship Foundation, masks and processed goods, and gave a water treatment device to Vietnam."
        },
        "organisation": "KR-NWIC",
        "source": S2,
    },
    {
        "key": "nwic-certification-single-window",
        "statement": {
            "en": "Chairman Lee Jeong-gon: certification and verification are spread over several institutions; water certification should be managed in one window, the Water Technology Certification Institute integrated into the Water Industry Promotion Institute and the test and analysis centre transferred early."
        },
        "organisation": "KR-NWIC-RCC",
        "as_of": "2023-02",
        "source": S2,
    },
    {
        "key": "nwic-state-support",
        "statement": {
            "en": "Chairman Lee Jeong-gon: state support is needed; public bodies should first introduce products, technologies and solutions from cluster tenant companies."
        },
        "organisation": "KR-NWIC-RCC",
        "as_of": "2023-02",
        "source": S2,
    },
    {
        "key": "titr-transit-target-2027",
        "statement": {
            "en": "Kazakhstan aims to increase transit traffic via the Middle Corridor (Trans-Caspian International Transport Route) to 10 million tons by 2027."
        },
        "value": "10000000",
        "unit": "t",
        "country": "KZ",
        "as_of": "2027",
        "source": S3,
    },
    {
        "key": "titr-freight-growth-2024",
        "statement": {"en": "Freight volumes on the Middle Corridor grew by 62% in 2024."},
        "value": "62",
        "unit": "%",
        "country": "KZ",
        "as_of": "2024",
        "source": S3,
    },
    {
        "key": "kz-aktau-kuryk-ecoport",
        "statement": {
            "en": "Kazakhstan's seaports of Aktau and Kuryk secured EcoPort status from the European Sea Ports Organization (ESPO)."
        },
        "country": "KZ",
        "organisation": "XI-ESPO",
        "source": S3,
    },
    {
        "key": "kz-asset-recovery-reinvestment",
        "statement": {
            "en": "Kazakhstan reinvests recovered state funds in social infrastructure, working with the OCEEA through the Asset Recovery Committee of the General Prosecutor's Office."
        },
        "country": "KZ",
        "organisation": "KZ-GOV-ARC",
        "source": S3,
    },
    {
        "key": "kz-cesdrr-early-warning",
        "statement": {
            "en": "Early warning and response to natural disasters is a cooperation topic with the Emergency Situations and Disaster Risk Reduction Centre in Almaty."
        },
        "country": "KZ",
        "organisation": "KZ-CESDRR",
        "source": S3,
    },
    {
        "key": "kz-area",
        "statement": {
            "en": "Kazakhstan is the ninth-largest country in the world, about 2,724,900 square kilometres (the source's “fun facts”, unverified)."
        },
        "value": "2724900",
        "unit": "km²",
        "country": "KZ",
        "source": S3,
    },
    {
        "key": "kz-trivia-unverified",
        "statement": {
            "en": "Further “fun facts” in the source, unverified and unrelated to cooperation: the world's largest wheat fields; Astana means “capital”; a “digital tenge” launched in 2019; the film “Borat”; the Baikonur Cosmodrome."
        },
        "country": "KZ",
        "source": S3,
    },
    {
        "key": "moe-regional-cooperation-5-years",
        "statement": {
            "en": "For five years the Ministry of Environment has promoted regional environmental cooperation projects with countries in North East Asia, South East Asia, Europe, the Americas and Africa."
        },
        "organisation": "KR-GOV-MOE",
        "as_of": "2013",
        "source": S4,
    },
    {
        "key": "vn-largest-oda-partner",
        "statement": {
            "en": "Viet Nam is the largest recipient of Korea's Official Development Assistance."
        },
        "country": "VN",
        "as_of": "2013",
        "source": S4,
    },
    {
        "key": "kr-us-9-technology-tasks",
        "statement": {
            "en": "Korea and the United States have conducted 9 environmental technology cooperation tasks under their 1987 MOU."
        },
        "value": "9",
        "unit": "tasks",
        "country": "US",
        "source": S4,
    },
    {
        "key": "moe-saudi-turkmenistan",
        "statement": {
            "en": "The Ministry of Environment is pursuing cooperation between Korean environmental companies and Saudi Arabia and Turkmenistan."
        },
        "organisation": "KR-GOV-MOE",
        "as_of": "2013",
        "source": S4,
    },
    {
        "key": "africa-cooperation-directions",
        "statement": {
            "en": "Korea's environmental cooperation with Africa aims at environmental conservation and at reducing poverty through it (the Millennium Development Goals), through basic water and waste management infrastructure."
        },
        "source": S4,
    },
    {
        "key": "sea-cooperation-directions",
        "statement": {
            "en": "Cooperation with South East Asia has three directions: environmental conservation in the region, supporting Korean environmental companies there, and pragmatic environmental diplomacy."
        },
        "source": S4,
    },
]


def _load_fact(loader: Loader, spec: dict[str, Any]) -> SourcedFact:
    return loader.upsert(
        SourcedFact,
        {"key": spec["key"]},
        {
            "statement": spec["statement"],
            "value": Decimal(spec["value"]) if spec.get("value") else None,
            "unit": spec.get("unit", ""),
            "country": Country.objects.filter(code=spec.get("country", "")).first(),
            "organisation": _org(spec.get("organisation")),
            "source": spec["source"],
            **_dates(spec, "as_of"),
        },
    )


def _load_contacts(loader: Loader) -> None:
    work_programme = Agreement.objects.get(key="kr-us-work-programme-2013-2015")
    for side, organisation, name in [
        ("KR", "KR-GOV-MOE", "Contact points per priority area (names not given in the source)"),
        ("US", None, "Contact points per priority area (names not given in the source)"),
    ]:
        loader.upsert(
            ContactPoint,
            {"agreement": work_programme, "side": Country.objects.get(code=side)},
            {"organisation": _org(organisation), "name": name},
        )


def load(actor) -> dict:
    loader = Loader(actor)
    with transaction.atomic():
        for spec in AGREEMENTS:
            _load_agreement(loader, spec)
        for spec in PROJECTS:
            _load_project(loader, spec)
        for spec in MECHANISMS:
            _load_mechanism(loader, spec)
        for spec in MEETINGS:
            _load_meeting(loader, spec)
        for spec in TRAININGS:
            _load_training(loader, spec)
        for spec in FACTS:
            _load_fact(loader, spec)
        _load_contacts(loader)
    return dict(loader.counts)
