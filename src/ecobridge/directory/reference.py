"""Reference data shipped with ecobridge: ISO 3166 countries and OECD DAC CRS sectors.

Sources and licences are in ``directory/data/PROVENANCE.md``.
"""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction

from ecobridge.directory.models import Country, Sector

DATA = Path(__file__).resolve().parent / "data"

# Water and environment purpose codes, their subsector, and labels in ko/ru/kk
# (English and French come from the codelist itself).
WATER_ENVIRONMENT_SECTORS: dict[str, tuple[str, dict[str, str]]] = {
    "14010": (
        "water_resources",
        {
            "ko": "물 분야 정책 및 행정 관리",
            "ru": "Политика и административное управление в водном секторе",
            "kk": "Су секторындағы саясат және әкімшілік басқару",
        },
    ),
    "14015": (
        "water_resources",
        {
            "ko": "수자원 보전(자료 수집 포함)",
            "ru": "Сохранение водных ресурсов (включая сбор данных)",
            "kk": "Су ресурстарын сақтау (деректер жинауды қоса)",
        },
    ),
    "14020": (
        "water_supply_sanitation",
        {
            "ko": "상하수도 - 대규모 시설",
            "ru": "Водоснабжение и водоотведение — крупные системы",
            "kk": "Сумен жабдықтау және су бұру — ірі жүйелер",
        },
    ),
    "14021": (
        "water_supply_sanitation",
        {
            "ko": "상수도 - 대규모 시설",
            "ru": "Водоснабжение — крупные системы",
            "kk": "Сумен жабдықтау — ірі жүйелер",
        },
    ),
    "14022": (
        "water_supply_sanitation",
        {
            "ko": "하수도 - 대규모 시설",
            "ru": "Водоотведение и очистка сточных вод — крупные системы",
            "kk": "Су бұру және ағынды суларды тазарту — ірі жүйелер",
        },
    ),
    "14030": (
        "water_supply_sanitation",
        {
            "ko": "기초 식수 공급 및 기초 위생",
            "ru": "Базовое питьевое водоснабжение и санитария",
            "kk": "Негізгі ауыз сумен жабдықтау және санитария",
        },
    ),
    "14031": (
        "water_supply_sanitation",
        {
            "ko": "기초 식수 공급",
            "ru": "Базовое питьевое водоснабжение",
            "kk": "Негізгі ауыз сумен жабдықтау",
        },
    ),
    "14032": (
        "water_supply_sanitation",
        {"ko": "기초 위생", "ru": "Базовая санитария", "kk": "Негізгі санитария"},
    ),
    "14040": (
        "water_resources",
        {"ko": "유역 개발", "ru": "Развитие речных бассейнов", "kk": "Өзен бассейндерін дамыту"},
    ),
    "14050": (
        "waste",
        {
            "ko": "폐기물 관리 및 처리",
            "ru": "Обращение с отходами и их удаление",
            "kk": "Қалдықтарды басқару және жою",
        },
    ),
    "14081": (
        "water_supply_sanitation",
        {
            "ko": "상하수도 교육 및 훈련",
            "ru": "Образование и подготовка кадров в сфере водоснабжения и санитарии",
            "kk": "Сумен жабдықтау және санитария саласындағы білім беру мен оқыту",
        },
    ),
    "23210": (
        "energy",
        {
            "ko": "재생에너지 발전 - 복합 기술",
            "ru": "Производство энергии из возобновляемых источников — несколько технологий",
            "kk": "Жаңартылатын көздерден энергия өндіру — бірнеше технология",
        },
    ),
    "23220": (
        "energy",
        {"ko": "수력 발전소", "ru": "Гидроэлектростанции", "kk": "Су электр станциялары"},
    ),
    "31140": (
        "agricultural_water",
        {
            "ko": "농업용수 자원",
            "ru": "Водные ресурсы в сельском хозяйстве",
            "kk": "Ауыл шаруашылығындағы су ресурстары",
        },
    ),
    "41010": (
        "environment",
        {
            "ko": "환경 정책 및 행정 관리",
            "ru": "Экологическая политика и административное управление",
            "kk": "Экологиялық саясат және әкімшілік басқару",
        },
    ),
    "41020": (
        "environment",
        {
            "ko": "생물권 보호(대기오염 포함)",
            "ru": "Защита биосферы (включая загрязнение воздуха)",
            "kk": "Биосфераны қорғау (ауаның ластануын қоса)",
        },
    ),
    "41030": ("environment", {"ko": "생물다양성", "ru": "Биоразнообразие", "kk": "Биоәртүрлілік"}),
    "41040": (
        "environment",
        {
            "ko": "자연유산 보전",
            "ru": "Охрана объектов природного наследия",
            "kk": "Табиғи мұра нысандарын сақтау",
        },
    ),
    "41050": (
        "disaster",
        {
            "ko": "홍수 방지 및 통제",
            "ru": "Предотвращение наводнений и борьба с ними",
            "kk": "Су тасқынының алдын алу және бақылау",
        },
    ),
    "41081": (
        "environment",
        {
            "ko": "환경 교육 및 훈련",
            "ru": "Экологическое образование и обучение",
            "kk": "Экологиялық білім беру және оқыту",
        },
    ),
    "41082": (
        "environment",
        {"ko": "환경 연구", "ru": "Экологические исследования", "kk": "Экологиялық зерттеулер"},
    ),
    "43060": (
        "disaster",
        {"ko": "재난 위험 경감", "ru": "Снижение риска бедствий", "kk": "Апат қаупін азайту"},
    ),
    "74020": (
        "disaster",
        {
            "ko": "다중 재해 대응 대비",
            "ru": "Готовность к реагированию на множественные угрозы",
            "kk": "Көп қауіпке ден қоюға дайындық",
        },
    ),
}


def load_countries() -> int:
    """Create or update every ISO 3166-1 country; returns how many rows changed."""
    changed = 0
    with (DATA / "countries.csv").open(encoding="utf-8") as handle, transaction.atomic():
        existing = {c.code: c for c in Country.objects.all()}
        for row in csv.DictReader(handle):
            names = {
                key.removeprefix("name_"): value
                for key, value in row.items()
                if key.startswith("name_") and value
            }
            names = {k.replace("zh_CN", "zh"): v for k, v in names.items()}
            values = {
                "alpha3": row["alpha_3"],
                "numeric": row["numeric"],
                "region": row["region"],
                "names": names,
            }
            country = existing.get(row["alpha_2"])
            if country is None:
                Country.objects.create(code=row["alpha_2"], **values)
                changed += 1
            elif any(getattr(country, k) != v for k, v in values.items()):
                Country.objects.filter(pk=country.pk).update(**values)
                changed += 1
    return changed


def load_sectors() -> int:
    """Create or update every CRS purpose code; returns how many rows changed."""
    changed = 0
    with (DATA / "crs_sector_codelist.csv").open(encoding="utf-8") as handle, transaction.atomic():
        existing = {s.code: s for s in Sector.objects.all()}
        for row in csv.DictReader(handle):
            if row.get("status", "active") != "active":
                continue
            group, labels = WATER_ENVIRONMENT_SECTORS.get(row["code"], ("", {}))
            name = {"en": row["name_en"], **labels}
            values = {
                "category": row["category"],
                "name": name,
                "description": row["description_en"],
                "group": group,
            }
            sector = existing.get(row["code"])
            if sector is None:
                Sector.objects.create(code=row["code"], **values)
                changed += 1
            elif any(getattr(sector, k) != v for k, v in values.items()):
                Sector.objects.filter(pk=sector.pk).update(**values)
                changed += 1
    return changed
