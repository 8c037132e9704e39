"""CRS sector evidence: labels, hierarchy and sector-profile similarity.

Needs usually arrive without sector codes, and technology owners sometimes leave
them empty.  The engine then builds a *sector profile* (code -> weight) from

1. codes attached to glossary concepts found in the text, and
2. pseudo-relevance feedback: the declared codes of the query's nearest
   neighbours by text (see :mod:`ecobridge.matching.engine`).

A profile is compared with a record's codes by cosine similarity after expanding
every code with its parent (14021 → 14020, 14031 → 14030), so "water supply,
large systems" partly agrees with the umbrella code 14020.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).parent / "data" / "crs_sectors.json"

# A parent code shares half the weight of the child: it is evidence for the same
# area, but less specific.
PARENT_WEIGHT = 0.5


@lru_cache(maxsize=1)
def _load() -> dict:
    try:
        return json.loads(_DATA.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"parents": {}, "sectors": {}}


def parents() -> dict[str, str]:
    return dict(_load().get("parents", {}))


def sector_label(code: str, lang: str) -> str:
    """Name of a CRS code in ``lang`` (English, then the bare code, as fallbacks)."""
    labels = _load().get("sectors", {}).get(code, {}).get("labels", {})
    return labels.get(lang) or labels.get("en") or code


def known_codes() -> list[str]:
    return sorted(_load().get("sectors", {}))


def expand(profile: dict[str, float]) -> dict[str, float]:
    """Add parent codes with :data:`PARENT_WEIGHT` of the child's weight."""
    par = parents()
    out = dict(profile)
    for code, weight in profile.items():
        parent = par.get(code)
        if parent:
            out[parent] = out.get(parent, 0.0) + PARENT_WEIGHT * weight
    return out


def profile_from_codes(codes: list[str] | set[str]) -> dict[str, float]:
    codes = list(dict.fromkeys(codes))
    if not codes:
        return {}
    share = 1.0 / len(codes)
    return dict.fromkeys(codes, share)


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    a, b = expand(a), expand(b)
    dot = sum(w * b.get(c, 0.0) for c, w in a.items())
    if dot == 0.0:
        return 0.0
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb)


def normalise(profile: dict[str, float]) -> dict[str, float]:
    total = sum(profile.values())
    return {c: w / total for c, w in profile.items()} if total > 0 else {}


def merge(*profiles: tuple[dict[str, float], float]) -> dict[str, float]:
    """Weighted sum of normalised profiles."""
    out: dict[str, float] = {}
    for profile, weight in profiles:
        for code, w in normalise(profile).items():
            out[code] = out.get(code, 0.0) + weight * w
    return out
