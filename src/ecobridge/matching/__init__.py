"""Cross-lingual matchmaking engine (plain Python, no Django).

Public entry points:

* :class:`~ecobridge.matching.records.Record` – what the platform feeds in;
* :class:`~ecobridge.matching.engine.MatchingEngine` – ``upsert`` / ``remove`` /
  ``search`` / ``save`` / ``load``;
* :func:`~ecobridge.matching.pairs.suggest_pairs` – organiser pre-matching for events;
* :func:`~ecobridge.matching.evaluate.evaluate_run` – metrics of the dev/test sets.

Heavy dependencies (the embedding models, kiwipiepy) are imported lazily so that
importing this package is cheap.
"""

from __future__ import annotations

from .records import Record, SearchResult

__all__ = ["Record", "SearchResult", "MatchingEngine", "suggest_pairs", "Participant"]


def __getattr__(name: str):
    # Lazy re-exports keep ``import ecobridge.matching`` free of numpy/model imports.
    if name == "MatchingEngine":
        from .engine import MatchingEngine

        return MatchingEngine
    if name in ("suggest_pairs", "Participant"):
        from . import pairs

        return getattr(pairs, name)
    raise AttributeError(name)
