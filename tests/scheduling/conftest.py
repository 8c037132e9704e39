"""Shared helpers for the scheduling tests (no Django, no database)."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def shared_dir() -> Path:
    return Path(os.environ.get("ECOBRIDGE_SHARED", REPO.parent / "shared"))


def b2b_data() -> Path:
    return shared_dir() / "data" / "b2b-instances"


def slot(i: int, session: str = "am") -> dict:
    h, m = divmod(9 * 60 + 20 * i, 60)
    h2, m2 = divmod(9 * 60 + 20 * (i + 1), 60)
    return {
        "id": f"s{i}",
        "start": f"2025-09-03T{h:02d}:{m:02d}:00+05:00",
        "end": f"2025-09-03T{h2:02d}:{m2:02d}:00+05:00",
        "session": session,
    }


def base_doc(n_slots: int = 4, n_tables: int = 2, sessions: list[str] | None = None) -> dict:
    """A small valid instance: visitors V1, V2 (ko), hosts H1, H2 (ru), E1 (en, ko)."""
    sessions = sessions or ["am"] * n_slots
    return {
        "format": "ecobridge-b2b/1",
        "name": "t",
        "slots": [slot(i, sessions[i]) for i in range(n_slots)],
        "tables": [{"id": f"T{k + 1}"} for k in range(n_tables)],
        "participants": [
            {"id": "V1", "languages": ["ko"]},
            {"id": "V2", "languages": ["ko"]},
            {"id": "H1", "languages": ["ru"]},
            {"id": "H2", "languages": ["ru"]},
            {"id": "E1", "languages": ["en", "ko"]},
        ],
        "interpreters": [{"id": "I1", "languages": ["ko", "ru"]}],
        "requests": [],
        "locked": [],
    }


def with_(doc: dict, **changes) -> dict:
    out = copy.deepcopy(doc)
    out.update(changes)
    return out


@pytest.fixture
def doc() -> dict:
    return base_doc()


def need_data(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"benchmark data not found: {path} (set ECOBRIDGE_SHARED)")
    return path
