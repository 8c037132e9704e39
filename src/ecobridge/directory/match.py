"""The platform side of the matching engine: records in, ranked results out.

``ecobridge.matching`` is a plain library; this module turns technologies and needs into
its records, keeps one index on disk under ``$ECOBRIDGE_DATA_DIR/match-index`` (loaded
once per process, reloaded when a worker has saved a newer one) and answers questions
with the viewer's permissions applied: only records the viewer may see can appear in
their results.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Model, Q
from django.utils.translation import get_language

from ecobridge.core.permissions import visible
from ecobridge.directory.models import Need, NeedStatus, Technology

logger = logging.getLogger(__name__)
_lock = threading.RLock()
_state: dict[str, Any] = {"engine": None, "stamp": None}

KIND_OF = {Technology: "technology", Need: "need"}
MODEL_OF = {"technology": Technology, "need": Need}


def index_dir() -> Path:
    return Path(settings.MATCHING_INDEX_DIR)


def record_id(obj: Model) -> str:
    return f"{KIND_OF[type(obj)]}:{obj.pk}"


def _pk(rid: str) -> int:
    return int(rid.split(":", 1)[1])


def to_record(obj: Technology | Need):
    from ecobridge.matching import Record

    if isinstance(obj, Technology):
        organisation, country, public = obj.owner, obj.owner.country.code, obj.is_published
    else:
        organisation, country = obj.organisation, obj.country.code
        public = obj.status not in (NeedStatus.DRAFT, NeedStatus.CLOSED)
    return Record(
        id=record_id(obj),
        kind=KIND_OF[type(obj)],
        title=dict(obj.title),
        description=dict(obj.description),
        language=obj.original_language,
        sectors=[s.code for s in obj.sectors.all()],
        country=country,
        organisation=str(organisation),
        is_public=public,
    )


def index_exists() -> bool:
    return (index_dir() / "VERSION").exists()


def _stamp() -> float | None:
    marker = index_dir() / "VERSION"
    return marker.stat().st_mtime_ns if marker.exists() else None


def engine():
    """This process's engine, loaded from disk (no recomputation) or empty."""
    from ecobridge.matching.engine import MatchingEngine

    with _lock:
        stamp = _stamp()
        if _state["engine"] is None or stamp != _state["stamp"]:
            if stamp is not None:
                _state["engine"] = MatchingEngine.load(index_dir())
            else:
                _state["engine"] = MatchingEngine()
            _state["stamp"] = stamp
        return _state["engine"]


def _save(eng) -> None:
    directory = index_dir()
    directory.mkdir(parents=True, exist_ok=True)
    eng.save(directory)
    (directory / "VERSION").write_text("saved\n")
    _state["stamp"] = _stamp()


def reindex(kind: str, pk: int) -> str:
    """Bring one record up to date in the index: upsert, or remove if it is gone."""
    model = MODEL_OF[kind]
    with _lock:
        eng = engine()
        obj = model.objects.filter(pk=pk).select_related().first()
        if obj is None:
            changed = eng.remove(f"{kind}:{pk}")
            outcome = "removed" if changed else "absent"
        else:
            eng.upsert(to_record(obj))
            outcome = "indexed"
        _save(eng)
    return outcome


def rebuild(progress: Callable[[int, str], None] | None = None) -> dict[str, int]:
    """Index every technology and need from scratch and save the index."""
    from ecobridge.matching.engine import MatchingEngine

    records = [
        to_record(obj)
        for model in (Technology, Need)
        for obj in model.objects.select_related().prefetch_related("sectors")
    ]
    eng = MatchingEngine()
    batch = 64
    for start in range(0, len(records), batch):
        eng.upsert_many(records[start : start + batch])
        if progress:
            done = min(len(records), start + batch)
            progress(
                int(100 * done / max(1, len(records))), f"{done} of {len(records)} records indexed"
            )
    with _lock:
        _state["engine"] = eng
        _save(eng)
    return {"records": len(records)}


# Platform signals added to the engine's score when ranking technologies. The engine's
# score is a weighted sum of z-scored parts (roughly -2..+4); these are small nudges
# that reorder close candidates, never a reason to show an unrelated technology.
COUNTRY_PRIOR_WEIGHT = 0.15  # × the country's needs-signal strength (0..1) for a sector
VERIFIED_WEIGHT = 0.1  # a valid published certificate or verification statement


def _country_prior(code: str | None) -> dict[str, float]:
    if not code:
        return {}
    from ecobridge.insights.signals import country_prior

    return country_prior(code)


def _verified_ids() -> set[int]:
    from ecobridge.certification.certificates import verified_technology_ids

    return verified_technology_ids()


def _platform_signals(matches: list, prior: dict[str, float], verified: set[int]) -> list:
    """Add the country prior and the verified signal as extra, documented score parts."""
    for m in matches:
        codes = [s.code for s in m.obj.sectors.all()]
        prior_value = max((prior.get(code, 0.0) for code in codes), default=0.0)
        extra = {
            "country_prior": (COUNTRY_PRIOR_WEIGHT, prior_value),
            "verified": (VERIFIED_WEIGHT, 1.0 if m.obj.pk in verified else 0.0),
        }
        for name, (weight, value) in extra.items():
            m.explanation.setdefault("parts", []).append(
                {"name": name, "weight": weight, "value": value}
            )
            m.score += weight * value
        m.explanation["verified"] = m.obj.pk in verified
    matches.sort(key=lambda m: -m.score)
    for rank, m in enumerate(matches, start=1):
        m.rank = rank
    return matches


@dataclass
class Match:
    obj: Technology | Need
    score: float
    rank: int
    explanation: dict[str, Any]


def _not_public(model) -> Q:
    """Records the index does not mark public (see ``to_record``)."""
    if model is Technology:
        return Q(is_published=False)
    return Q(status__in=[NeedStatus.DRAFT, NeedStatus.CLOSED])


def _extra_visible(user, model) -> set[str] | None:
    """Ids the viewer may see beyond the index's public records (their own drafts,
    or everything unpublished for staff). Listing only these, not every visible
    id, keeps the permission filter cheap on a large directory."""
    if not (user and user.is_authenticated):
        return None
    queryset = visible(user, model.objects.filter(_not_public(model)))
    kind = KIND_OF[model]
    return {f"{kind}:{pk}" for pk in queryset.values_list("pk", flat=True)}


def search(
    user,
    kind: str,
    *,
    text: str | None = None,
    source: Technology | Need | None = None,
    country: str | None = None,
    query_country: str | None = None,
    k: int = 10,
) -> list[Match]:
    """Rank technologies or needs for a text or for another record, as ``user`` sees them.

    ``country`` keeps only results from that country; ``query_country`` is where the
    query comes from (a ranking signal, e.g. a Kazakh need looking for technologies).
    """
    model = MODEL_OF[kind]
    eng = engine()
    if source is not None and record_id(source) not in eng:
        eng.upsert(to_record(source))
    wanted = k
    if kind == "technology":
        k = k + 10  # room for the platform signals to reorder close candidates
    results = eng.search(
        text=text,
        record_id=record_id(source) if source is not None else None,
        kind=kind,
        country=country.upper() if country else None,
        query_country=query_country.upper() if query_country else None,
        viewer_lang=(get_language() or "en").split("-")[0],
        k=k,
        extra_ids=_extra_visible(user, model),
    )
    # The index may lag behind the database by a few seconds: check visibility again.
    objects = visible(user, model.objects.filter(pk__in=[_pk(r.id) for r in results]))
    by_pk = {obj.pk: obj for obj in objects.select_related().prefetch_related("sectors")}
    matches = [
        Match(by_pk[_pk(r.id)], r.score, r.rank, r.explanation.to_dict())
        for r in results
        if _pk(r.id) in by_pk
    ]
    if kind == "technology":
        where = query_country or (source.country.code if isinstance(source, Need) else None)
        matches = _platform_signals(matches, _country_prior(where), _verified_ids())
    return matches[:wanted]
