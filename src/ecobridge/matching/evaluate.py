"""Evaluation on the matching-dev / test CSV format.

Metrics follow the matching-dev README exactly: graded nDCG@10 with gain
2^rel − 1 and discount 1/log2(rank + 1), normalised by the ideal DCG from the
qrels; Recall@10 over technologies with rel ≥ 1; MRR = mean over needs of
1/rank of the first relevant technology (0 if none in the ranking).  Every need
in the qrels counts equally; a need without a run scores 0.
"""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from .records import Record


def systems_for(config: object) -> dict[str, tuple[str, ...] | None]:
    """The full engine and the two baselines, as score-part selections.

    * ``full`` – every part with its configured weight;
    * ``bm25`` – lexical BM25 alone (language-aware tokens, no glossary concepts);
    * ``embeddings`` – the dense encoders alone (language-debiased, fused as in full).
    """
    encoders = tuple(getattr(config, "encoders", ("e5", "use")))
    return {"full": None, "bm25": ("bm25",), "embeddings": encoders}


def _codes(value: str | None) -> list[str]:
    # The format uses ";"; commas and spaces are accepted too.
    return [c for c in re.split(r"[;,\s]+", value or "") if c]


def read_csv(path: str | Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_qrels(path: str | Path) -> dict[str, dict[str, int]]:
    q: dict[str, dict[str, int]] = defaultdict(dict)
    for row in read_csv(path):
        q[row["need_id"]][row["technology_id"]] = int(row["relevance"])
    return dict(q)


def technology_records(path: str | Path) -> list[Record]:
    out = []
    for row in read_csv(path):
        sectors = _codes(row.get("sectors"))
        out.append(
            Record(
                id=row["id"],
                kind="technology",
                title=row.get("title", ""),
                description=row.get("description", ""),
                language=row.get("language") or None,
                sectors=sectors,
                country=row.get("country") or None,
                organisation=row.get("organization", ""),
                extra={
                    k: row[k] for k in ("trl", "certifications") if row.get(k) not in (None, "")
                },
            )
        )
    return out


def need_records(path: str | Path) -> list[Record]:
    return [
        Record(
            id=row["id"],
            kind="need",
            title=row.get("title", ""),
            description=row.get("description", ""),
            language=row.get("language") or None,
            sectors=_codes(row.get("sectors")),
            country=row.get("country") or None,
            organisation=row.get("organization", ""),
        )
        for row in read_csv(path)
    ]


def ndcg_at_k(ranked: list[str], rels: dict[str, int], k: int = 10) -> float:
    dcg = sum((2 ** rels.get(t, 0) - 1) / math.log2(i + 2) for i, t in enumerate(ranked[:k]))
    ideal = sorted(rels.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def recall_at_k(ranked: list[str], rels: dict[str, int], k: int = 10) -> float:
    relevant = {t for t, g in rels.items() if g >= 1}
    return len(set(ranked[:k]) & relevant) / len(relevant) if relevant else 0.0


def reciprocal_rank(ranked: list[str], rels: dict[str, int]) -> float:
    for i, t in enumerate(ranked):
        if rels.get(t, 0) >= 1:
            return 1.0 / (i + 1)
    return 0.0


def evaluate_run(
    run: dict[str, list[str]],
    qrels: dict[str, dict[str, int]],
    need_language: dict[str, str] | None = None,
    k: int = 10,
) -> dict[str, dict[str, float]]:
    """Macro-averaged metrics, overall (``"all"``) and per need language."""
    groups: dict[str, list[str]] = defaultdict(list)
    for need in sorted(qrels):
        groups["all"].append(need)
        if need_language:
            groups[need_language.get(need, "?")].append(need)
    out: dict[str, dict[str, float]] = {}
    for group, needs in groups.items():
        n = len(needs)
        out[group] = {
            "nDCG@10": sum(ndcg_at_k(run.get(x, []), qrels[x], k) for x in needs) / n,
            "Recall@10": sum(recall_at_k(run.get(x, []), qrels[x], k) for x in needs) / n,
            "MRR": sum(reciprocal_rank(run.get(x, []), qrels[x]) for x in needs) / n,
            "n": n,
        }
    return out


def run_engine(
    engine_factory: Callable[[], object],
    technologies: list[Record],
    needs: list[Record],
    systems: dict[str, tuple[str, ...] | None] | None = None,
) -> dict[str, dict[str, list[str]]]:
    """Index the technologies once, rank all of them for every need, per system."""
    from .engine import MatchingEngine

    engine = engine_factory()
    assert isinstance(engine, MatchingEngine)
    engine.upsert_many(technologies)
    systems = systems or systems_for(engine.config)
    runs: dict[str, dict[str, list[str]]] = {name: {} for name in systems}
    for need in needs:
        texts = need.texts()
        lang = need.primary_language()
        if not texts.get(lang, "").strip():
            for name in systems:
                runs[name][need.id] = []  # an empty need scores 0, as the metric requires
            continue
        for name, parts in systems.items():
            results = engine.search(
                text=texts[lang],
                kind="technology",
                k=len(technologies),
                language=lang,
                sectors=need.sectors or None,
                query_country=need.country,
                parts=parts,
                explain=False,
                allowed_ids=None,
            )
            runs[name][need.id] = [r.id for r in results]
    return runs
