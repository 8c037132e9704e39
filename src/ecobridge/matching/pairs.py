"""Organiser pre-matching for B2B events: suggest who should meet whom.

Each participant has an *offer* (what they bring: a technology, a service) and a
*looking for* text (a need, a partner profile).  Companies mostly offer and
counterparts mostly look for, but both texts are optional on both sides.

For every pair (company, counterpart) the directional match "counterpart looks for
→ company offers" is scored with the same hybrid engine as the platform search
(dense + lexical + concepts + sectors), and so is the reverse direction when the
texts exist.  The pair score is the best direction plus a quarter of the other
one (a mutual interest is worth more than a one-sided one, but one strong
direction suffices for a meeting request).  A pair that shares no spoken
language is kept but flagged ``needs_interpreter``.  Finally pairs are chosen
greedily by score with at most ``max_per_participant`` meetings each, which is
how organisers pre-fill a meeting grid before people book themselves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .engine import EngineConfig, MatchingEngine
from .glossary import Glossary
from .records import Record

# Weight of the weaker direction in the pair score.
RECIPROCAL_WEIGHT = 0.25


@dataclass
class Participant:
    id: str
    kind: str  # "company" | "counterpart"
    offer: str = ""
    looking_for: str = ""
    sectors: list[str] = field(default_factory=list)
    country: str | None = None
    languages: list[str] = field(default_factory=list)  # spoken at the meeting
    language: str | None = None  # language the profile texts are written in
    name: str = ""


@dataclass
class PairSuggestion:
    a: str  # company participant id
    b: str  # counterpart participant id
    score: float
    directions: dict[str, float]
    shared_languages: list[str]
    needs_interpreter: bool
    explanation: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "score": round(self.score, 4),
            "directions": {k: round(v, 4) for k, v in self.directions.items()},
            "shared_languages": self.shared_languages,
            "needs_interpreter": self.needs_interpreter,
            "explanation": self.explanation,
        }


def _records(p: Participant) -> list[Record]:
    out = []
    if p.offer.strip():
        out.append(
            Record(
                id=f"{p.id}#offer",
                kind="technology",
                title=p.offer,
                language=p.language,
                sectors=p.sectors,
                country=p.country,
            )
        )
    if p.looking_for.strip():
        out.append(
            Record(
                id=f"{p.id}#need",
                kind="need",
                title=p.looking_for,
                language=p.language,
                sectors=p.sectors,
                country=p.country,
            )
        )
    return out


def suggest_pairs(
    participants: Iterable[Participant],
    max_per_participant: int = 5,
    min_score: float = 0.0,
    viewer_lang: str = "en",
    engine_config: EngineConfig | None = None,
    glossary: Glossary | None = None,
    encoders: dict[str, Any] | None = None,
) -> list[PairSuggestion]:
    """Suggested company–counterpart meetings, best first.

    ``min_score`` drops weak pairs (scores are sums of z-scored parts, so 0 is
    "average for this event").  ``encoders`` and ``glossary`` may be injected
    (tests, or to share the platform's loaded models).
    """
    people = {p.id: p for p in participants}
    companies = [p for p in people.values() if p.kind == "company"]
    counterparts = [p for p in people.values() if p.kind != "company"]
    if not companies or not counterparts:
        return []
    engine = MatchingEngine(engine_config, glossary=glossary, encoders=encoders)
    engine.upsert_many([r for p in people.values() for r in _records(p)])

    # directional scores: (company id, counterpart id) -> {direction: (score, result)}
    scores: dict[tuple[str, str], dict[str, tuple[float, Any]]] = defaultdict(dict)

    def run(seekers: list[Participant], providers: list[Participant], label: str) -> None:
        offer_ids = [f"{p.id}#offer" for p in providers if f"{p.id}#offer" in engine]
        if not offer_ids:
            return
        for seeker in seekers:
            qid = f"{seeker.id}#need"
            if qid not in engine:
                continue
            results = engine.search(
                record_id=qid,
                kind="technology",
                k=len(offer_ids),
                allowed_ids=offer_ids,
                viewer_lang=viewer_lang,
            )
            for r in results:
                provider = r.id.rsplit("#", 1)[0]
                key = (provider, seeker.id) if label == "need→offer" else (seeker.id, provider)
                scores[key][label] = (r.score, r)

    run(counterparts, companies, "need→offer")  # counterpart looks for, company offers
    run(companies, counterparts, "offer←need")  # company looks for, counterpart offers

    candidates: list[PairSuggestion] = []
    for (a, b), dirs in scores.items():
        ordered = sorted(dirs.values(), key=lambda x: -x[0])
        best = ordered[0][0]
        other = ordered[1][0] if len(ordered) > 1 else 0.0
        score = best + RECIPROCAL_WEIGHT * max(other, 0.0)
        if score < min_score:
            continue
        shared = sorted(set(people[a].languages) & set(people[b].languages))
        top_result = ordered[0][1]
        candidates.append(
            PairSuggestion(
                a=a,
                b=b,
                score=float(score),
                directions={k: float(v[0]) for k, v in dirs.items()},
                shared_languages=shared,
                needs_interpreter=bool(people[a].languages and people[b].languages) and not shared,
                explanation=top_result.explanation.to_dict(),
            )
        )
    candidates.sort(key=lambda s: (-s.score, s.a, s.b))
    load: dict[str, int] = defaultdict(int)
    chosen = []
    for s in candidates:
        if load[s.a] >= max_per_participant or load[s.b] >= max_per_participant:
            continue
        load[s.a] += 1
        load[s.b] += 1
        chosen.append(s)
    return chosen
