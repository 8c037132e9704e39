from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.insights.conftest import make_countries

REPO = Path(__file__).resolve().parents[2]
SHARED_CAP = (
    Path(os.environ.get("ECOBRIDGE_SHARED", REPO.parent / "shared")) / "data" / "cap_alerts"
)


@pytest.fixture
def world(db):
    """The ISO countries the tests need (Kazakhstan, its neighbours, alert countries)."""
    return make_countries(
        {"KZ", "KG", "UZ", "RU", "CN", "US", "CA", "MX", "GT", "PH", "IS", "AU", "TW", "SE", "KR"}
    )


@pytest.fixture
def shared_cap():
    if not SHARED_CAP.exists():
        pytest.skip(f"shared CAP corpus not found at {SHARED_CAP}")
    return SHARED_CAP
