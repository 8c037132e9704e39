"""The indicators ecobridge ships: which source file, which column, which unit.

Units come from the source definitions (AQUASTAT does not store them in its files; see
``data/PROVENANCE.md``). Names are given in English, Korean and Russian.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

DATASETS: dict[str, dict[str, str]] = {
    "aquastat": {
        "name": "FAO AQUASTAT",
        "publisher": "Food and Agriculture Organization of the United Nations (FAO)",
        "url": "https://www.fao.org/aquastat/",
        "licence": 'CC BY 4.0 (FAO statistical databases); attribution "FAO AQUASTAT"',
        "citation": "FAO AQUASTAT, via open-numbers/ddf--unfao--aquastat",
        "version": "open-numbers/ddf--unfao--aquastat@8dd69e7ce959 (2024-08-26), years to 2018",
    },
    "sdg6_unsd": {
        "name": "UN SDG Global Database (Goal 6)",
        "publisher": "United Nations Statistics Division (UNSD)",
        "url": "https://unstats.un.org/sdgs/dataportal",
        "licence": "CC BY 4.0",
        "citation": "UN SDG Global Database (UNSD), via open-numbers/ddf--unstats--sdg_indicators",
        "version": "open-numbers/ddf--unstats--sdg_indicators@1bfae15828a8 (2020-10-19)",
    },
    "wdi": {
        "name": "World Bank World Development Indicators",
        "publisher": "The World Bank",
        "url": "https://data.worldbank.org/",
        "licence": "CC BY 4.0",
        "citation": "World Bank WDI, via datasets/world-development-indicators",
        "version": "datasets/world-development-indicators@4ebec5a2273f (2026-07-01)",
    },
}


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    dataset: str
    source_code: str
    path: str  # relative to DATA
    unit: str
    names: dict[str, str]
    theme: str
    is_key: bool = False
    higher_is_worse: bool = False
    filters: dict[str, str] = field(default_factory=dict)  # SDG dimension filters


def _aq(concept: str) -> str:
    return f"aquastat/ddf--datapoints--{concept}--by--area--year.csv"


def _sdg(series: str, dims: str) -> str:
    return f"sdg6_unsd/ddf--datapoints--{series}--by--{dims}--year.csv"


INDICATORS: list[IndicatorSpec] = [
    IndicatorSpec(
        "dependency_ratio",
        "aquastat",
        "dependency_ratio",
        _aq("dependency_ratio"),
        "%",
        {
            "en": "Dependency ratio (share of renewable water from outside the country)",
            "ko": "외부 수자원 의존율",
            "ru": "Коэффициент зависимости от внешних водных ресурсов",
        },
        "resources",
        is_key=True,
        higher_is_worse=True,
    ),
    IndicatorSpec(
        "water_stress",
        "aquastat",
        "sdg_6_4_2_water_stress",
        _aq("sdg_6_4_2_water_stress"),
        "%",
        {
            "en": "Water stress (SDG 6.4.2)",
            "ko": "물 스트레스 (SDG 6.4.2)",
            "ru": "Водный стресс (ЦУР 6.4.2)",
        },
        "use",
        is_key=True,
        higher_is_worse=True,
    ),
    IndicatorSpec(
        "agri_withdrawal_share",
        "aquastat",
        "agricultural_water_withdrawal_as_pct_of_total_water_withdrawal",
        _aq("agricultural_water_withdrawal_as_pct_of_total_water_withdrawal"),
        "%",
        {
            "en": "Agricultural share of water withdrawal",
            "ko": "농업용수 취수 비율",
            "ru": "Доля сельского хозяйства в водозаборе",
        },
        "use",
        is_key=True,
    ),
    IndicatorSpec(
        "industrial_withdrawal_share",
        "aquastat",
        "industrial_water_withdrawal_as_pct_of_total_water_withdrawal",
        _aq("industrial_water_withdrawal_as_pct_of_total_water_withdrawal"),
        "%",
        {
            "en": "Industrial share of water withdrawal",
            "ko": "공업용수 취수 비율",
            "ru": "Доля промышленности в водозаборе",
        },
        "use",
    ),
    IndicatorSpec(
        "municipal_withdrawal_share",
        "aquastat",
        "municipal_water_withdrawal_as_pct_of_total_withdrawal",
        _aq("municipal_water_withdrawal_as_pct_of_total_withdrawal"),
        "%",
        {
            "en": "Municipal share of water withdrawal",
            "ko": "생활용수 취수 비율",
            "ru": "Доля коммунального хозяйства в водозаборе",
        },
        "use",
    ),
    IndicatorSpec(
        "trwr",
        "aquastat",
        "total_renewable_water_resources",
        _aq("total_renewable_water_resources"),
        "10^9 m³/yr",
        {
            "en": "Total renewable water resources",
            "ko": "총 재생 가능 수자원",
            "ru": "Общие возобновляемые водные ресурсы",
        },
        "resources",
        is_key=True,
    ),
    IndicatorSpec(
        "irwr",
        "aquastat",
        "total_internal_renewable_water_resources_irwr",
        _aq("total_internal_renewable_water_resources_irwr"),
        "10^9 m³/yr",
        {
            "en": "Internal renewable water resources",
            "ko": "내부 재생 가능 수자원",
            "ru": "Внутренние возобновляемые водные ресурсы",
        },
        "resources",
    ),
    IndicatorSpec(
        "external_rwr",
        "aquastat",
        "water_resources_total_external_renewable",
        _aq("water_resources_total_external_renewable"),
        "10^9 m³/yr",
        {
            "en": "External renewable water resources",
            "ko": "외부 재생 가능 수자원",
            "ru": "Внешние возобновляемые водные ресурсы",
        },
        "resources",
    ),
    IndicatorSpec(
        "trwr_per_capita",
        "aquastat",
        "total_renewable_water_resources_per_capita",
        _aq("total_renewable_water_resources_per_capita"),
        "m³/inhab/yr",
        {
            "en": "Renewable water resources per capita",
            "ko": "1인당 재생 가능 수자원",
            "ru": "Возобновляемые водные ресурсы на душу населения",
        },
        "resources",
    ),
    IndicatorSpec(
        "freshwater_withdrawal",
        "aquastat",
        "total_freshwater_withdrawal",
        _aq("total_freshwater_withdrawal"),
        "10^9 m³/yr",
        {
            "en": "Total freshwater withdrawal",
            "ko": "총 담수 취수량",
            "ru": "Общий забор пресной воды",
        },
        "use",
    ),
    IndicatorSpec(
        "water_use_efficiency",
        "aquastat",
        "sdg_6_4_1_water_use_efficiency",
        _aq("sdg_6_4_1_water_use_efficiency"),
        "US$/m³",
        {
            "en": "Water-use efficiency (SDG 6.4.1)",
            "ko": "물 이용 효율 (SDG 6.4.1)",
            "ru": "Эффективность водопользования (ЦУР 6.4.1)",
        },
        "use",
    ),
    IndicatorSpec(
        "cultivated_area_irrigated",
        "aquastat",
        "pct_of_the_cultivated_area_equipped_for_irrigation",
        _aq("pct_of_the_cultivated_area_equipped_for_irrigation"),
        "%",
        {
            "en": "Cultivated area equipped for irrigation",
            "ko": "관개 시설 경작지 비율",
            "ru": "Доля обрабатываемых земель, оборудованных для орошения",
        },
        "agriculture",
    ),
    IndicatorSpec(
        "safely_managed_water",
        "sdg6_unsd",
        "sh_h2o_safe",
        _sdg("sh_h2o_safe", "geo_area--location--nature--units"),
        "%",
        {
            "en": "Safely managed drinking water (SDG 6.1.1)",
            "ko": "안전하게 관리되는 식수 (SDG 6.1.1)",
            "ru": "Безопасно организованное питьевое водоснабжение (ЦУР 6.1.1)",
        },
        "wash",
        is_key=True,
        filters={"location": "allarea"},
    ),
    IndicatorSpec(
        "safely_managed_sanitation",
        "sdg6_unsd",
        "sh_san_safe",
        _sdg("sh_san_safe", "geo_area--location--nature--units"),
        "%",
        {
            "en": "Safely managed sanitation (SDG 6.2.1)",
            "ko": "안전하게 관리되는 위생 (SDG 6.2.1)",
            "ru": "Безопасно организованная санитария (ЦУР 6.2.1)",
        },
        "wash",
        is_key=True,
        filters={"location": "allarea"},
    ),
    IndicatorSpec(
        "safely_treated_wastewater",
        "sdg6_unsd",
        "en_wwt_wwds",
        _sdg("en_wwt_wwds", "geo_area--nature--units"),
        "%",
        {
            "en": "Safely treated domestic wastewater (SDG 6.3.1)",
            "ko": "안전하게 처리된 생활하수 (SDG 6.3.1)",
            "ru": "Безопасно очищенные бытовые сточные воды (ЦУР 6.3.1)",
        },
        "wash",
    ),
    IndicatorSpec(
        "iwrm_degree",
        "sdg6_unsd",
        "er_h2o_iwrmd",
        _sdg("er_h2o_iwrmd", "geo_area--level_status--nature--units"),
        "%",
        {
            "en": "IWRM implementation degree (SDG 6.5.1)",
            "ko": "통합수자원관리 이행 수준 (SDG 6.5.1)",
            "ru": "Степень внедрения ИУВР (ЦУР 6.5.1)",
        },
        "governance",
    ),
    IndicatorSpec(
        "transboundary_cooperation",
        "sdg6_unsd",
        "eg_tba_h2co",
        _sdg("eg_tba_h2co", "geo_area--nature--units"),
        "%",
        {
            "en": "Transboundary basin area with a cooperation arrangement (SDG 6.5.2)",
            "ko": "협력 체계가 있는 접경 유역 비율 (SDG 6.5.2)",
            "ru": "Доля трансграничных бассейнов с механизмом сотрудничества (ЦУР 6.5.2)",
        },
        "governance",
    ),
    IndicatorSpec(
        "water_stress_unsd",
        "sdg6_unsd",
        "er_h2o_stress",
        _sdg("er_h2o_stress", "geo_area--nature--observation_status--units"),
        "%",
        {
            "en": "Water stress, UNSD series (SDG 6.4.2)",
            "ko": "물 스트레스, UNSD (SDG 6.4.2)",
            "ru": "Водный стресс, ряд UNSD (ЦУР 6.4.2)",
        },
        "use",
        higher_is_worse=True,
    ),
    IndicatorSpec(
        "population",
        "wdi",
        "SP.POP.TOTL",
        "wdi/sp.pop.totl/data.csv",
        "people",
        {"en": "Population", "ko": "인구", "ru": "Население"},
        "context",
        is_key=True,
    ),
    IndicatorSpec(
        "gdp_per_capita",
        "wdi",
        "NY.GDP.PCAP.CD",
        "wdi/ny.gdp.pcap.cd/data.csv",
        "current US$",
        {"en": "GDP per capita", "ko": "1인당 GDP", "ru": "ВВП на душу населения"},
        "context",
    ),
    IndicatorSpec(
        "irrigated_land_share",
        "wdi",
        "AG.LND.IRIG.AG.ZS",
        "wdi/ag.lnd.irig.ag.zs/data.csv",
        "% of agricultural land",
        {"en": "Irrigated land", "ko": "관개 농지 비율", "ru": "Орошаемые земли"},
        "agriculture",
    ),
]

BY_CODE = {spec.code: spec for spec in INDICATORS}
