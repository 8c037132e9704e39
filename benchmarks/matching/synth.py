"""Synthetic technology profiles for the matching scale benchmark.

Records are generated from the multilingual glossary (concept labels in Korean,
English and Russian, with their CRS codes) and a handful of sentence templates per
language, with random capacities, years, reference countries and organisation
names.  Language mix follows the dev set (ko 50 %, en 40 %, ru 10 %).

Every record is a *variant* of one of ``n_base`` base records: same language,
concepts and templates, different figures, organisation, country references and
(half of the time) one swapped secondary concept.  The benchmark embeds the base
records with the real models and gives each variant its base's vectors plus small
noise, because embedding 100k unique texts with E5 takes about an hour on one
core; the measured per-record embedding cost is reported separately and
extrapolated.  Lexical tokens, concepts and sectors are computed from each
variant's own text.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

from ecobridge.matching.glossary import load_glossary
from ecobridge.matching.records import Record

LANG_MIX = (("ko", 0.5), ("en", 0.4), ("ru", 0.1))

TITLES = {
    "en": [
        "{c1} with {c2} for municipal utilities",
        "Modular {c1} system",
        "{c1} and {c2}: design, supply and operation",
        "Integrated {c1} platform with remote monitoring",
    ],
    "ko": [
        "{c1} 및 {c2} 통합 시스템",
        "모듈형 {c1} 장치",
        "{c2} 연계 {c1} 기술",
        "원격감시 기반 {c1} 플랫폼",
    ],
    "ru": [
        "{c1} и {c2} для муниципальных предприятий",
        "Модульная система: {c1}",
        "{c1} с дистанционным мониторингом",
        "Комплексное решение: {c1}, {c2}",
    ],
}
SENTENCES = {
    "en": [
        "The system combines {c1} with {c2} and is delivered as {n1} prefabricated units.",
        "Typical capacity is {n2} m³/day, with energy use of {f1} kWh per m³.",
        "Reference installations in {country} have operated since {year} with {p}% lower "
        "operating costs.",
        "Operators are trained on site and the plant is monitored remotely around the clock.",
        "It is suited to {c3} where land and skilled staff are limited.",
    ],
    "ko": [
        "본 시스템은 {c1}과 {c2}를 결합하여 {n1}개 모듈 단위로 공급됩니다.",
        "처리용량은 하루 {n2} m³이며 단위 에너지 소비는 {f1} kWh/m³입니다.",
        "{country}의 현장에 {year}년부터 적용되어 운영비를 {p}% 절감하였습니다.",
        "현지 운영 인력 교육과 24시간 원격 감시를 함께 제공합니다.",
        "부지와 전문 인력이 부족한 {c3} 현장에 적합합니다.",
    ],
    "ru": [
        "Система сочетает {c1} и {c2} и поставляется в виде {n1} модулей заводской готовности.",
        "Производительность составляет {n2} м³/сут при удельном расходе энергии {f1} кВт·ч/м³.",
        "С {year} года объекты в стране {country} работают с эксплуатационными затратами "
        "ниже на {p}%.",
        "Персонал заказчика проходит обучение на месте, работа контролируется дистанционно.",
        "Решение подходит для объектов, где требуется {c3}, а площадь ограничена.",
    ],
}
COUNTRIES = {
    "en": ["Kazakhstan", "Uzbekistan", "Vietnam", "Mongolia", "Korea", "Kenya", "Oman"],
    "ko": ["카자흐스탄", "우즈베키스탄", "베트남", "몽골", "국내", "케냐", "오만"],
    "ru": ["Казахстан", "Узбекистан", "Вьетнам", "Монголия", "Корея", "Кения", "Оман"],
}
FALLBACK_CONCEPTS = {
    "en": ["membrane bioreactor", "leak detection", "drip irrigation", "sludge drying",
           "reverse osmosis", "UV disinfection", "smart water meter", "flood early warning"],
    "ko": ["막분리 생물반응기", "누수 탐지", "점적관수", "슬러지 건조", "역삼투", "자외선 소독",
           "스마트 수도계량기", "홍수 조기경보"],
    "ru": ["мембранный биореактор", "поиск утечек", "капельное орошение", "сушка осадка",
           "обратный осмос", "УФ-обеззараживание", "умный счётчик воды", "раннее оповещение о паводках"],
}  # fmt: skip


def _concept_pool(glossary_path: str | Path | None) -> dict[str, list[tuple[str, list[str]]]]:
    """Per domain: (label per language..., crs).  Falls back to a small built-in list."""
    g = load_glossary(glossary_path)
    pools: dict[str, list[tuple[dict[str, str], list[str]]]] = {}
    for c in g.concepts.values():
        if all(c.labels.get(lang) for lang, _ in LANG_MIX):
            labels = {lang: c.labels[lang][0] for lang, _ in LANG_MIX}
            pools.setdefault(c.domain or "misc", []).append((labels, c.crs))
    pools = {d: p for d, p in pools.items() if len(p) >= 3}
    if not pools:
        fallback = [
            ({lang: FALLBACK_CONCEPTS[lang][i] for lang in FALLBACK_CONCEPTS}, [])
            for i in range(len(FALLBACK_CONCEPTS["en"]))
        ]
        pools = {"misc": fallback}
    return pools  # type: ignore[return-value]


def generate(
    n: int, n_base: int = 1000, seed: int = 7, glossary_path: str | None = None
) -> Iterator[tuple[int, Record]]:
    """Yield ``(base_index, record)`` for ``n`` synthetic technology records."""
    rng = random.Random(seed)
    pools = _concept_pool(glossary_path)
    domains = sorted(pools)
    bases = []
    for _ in range(n_base):
        lang = rng.choices([x for x, _ in LANG_MIX], [w for _, w in LANG_MIX])[0]
        domain = rng.choice(domains)
        concepts = rng.sample(pools[domain], 3)
        bases.append(
            {
                "lang": lang,
                "domain": domain,
                "concepts": concepts,
                "title": rng.randrange(len(TITLES[lang])),
                "sents": sorted(rng.sample(range(len(SENTENCES[lang])), 3)),
            }
        )
    for i in range(n):
        b = i % n_base
        base = bases[b]
        lang = base["lang"]
        concepts = list(base["concepts"])
        if i >= n_base and rng.random() < 0.5:
            concepts[2] = rng.choice(pools[base["domain"]])
        labels = [c[0][lang] for c in concepts]
        slots = {
            "c1": labels[0],
            "c2": labels[1],
            "c3": labels[2],
            "n1": rng.randint(2, 40),
            "n2": rng.choice([50, 200, 500, 1000, 5000, 20000]) * rng.randint(1, 9),
            "f1": round(rng.uniform(0.1, 4.0), 2),
            "country": rng.choice(COUNTRIES[lang]),
            "year": rng.randint(2008, 2025),
            "p": rng.randint(5, 45),
        }
        title = TITLES[lang][base["title"]].format(**slots)
        desc = " ".join(SENTENCES[lang][s].format(**slots) for s in base["sents"])
        sectors = sorted({code for c in concepts[:2] for code in c[1]})
        yield (
            b,
            Record(
                id=f"SYN{i:06d}",
                kind="technology",
                title=title,
                description=desc,
                language=lang,
                sectors=sectors,
                country="KR" if rng.random() < 0.92 else rng.choice(["KZ", "UZ", "VN"]),
                organisation=f"Synthetic Water Co. {i % 9973}",
                is_public=rng.random() < 0.95,
            ),
        )
