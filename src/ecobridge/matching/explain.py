"""Explanations: what matched, in the viewer's language.

An explanation lists

* **concepts** found in both the query and the record (glossary ids with their
  preferred label in ``viewer_lang``; English, then any language, as fallback);
* **sectors**: CRS codes of the record that agree with the query's sector profile,
  labelled in ``viewer_lang`` and marked ``declared`` or ``inferred``;
* **passages**: up to two sentences of the record that carry the match, chosen by
  shared concepts and shared lexical tokens (IDF-weighted); when a cross-lingual
  match has no lexical overlap at all, the record's title and first sentence are
  shown, because dense similarity does not localise to a sentence;
* **parts**: every score component with its weight, so the ranking is auditable.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from . import sectors as sec
from .records import Explanation, ScorePart
from .tokenize import add_bigrams, split_sentences, word_sequence

if TYPE_CHECKING:  # pragma: no cover
    from .engine import MatchingEngine, _Query

MAX_PASSAGES = 2


def build_explanation(
    engine: MatchingEngine, q: _Query, slot: int, viewer_lang: str, parts: list[ScorePart]
) -> Explanation:
    rec = engine.records[slot]
    assert rec is not None
    glossary = engine.glossary
    shared = [c for c in engine._concepts[slot] if c in q.concepts]
    shared.sort(key=lambda c: -(q.concepts[c] + engine._concepts[slot][c]))
    concepts = [{"id": c, "label": glossary.label(c, viewer_lang)} for c in shared]

    profile = getattr(q, "sector_profile", None) or sec.profile_from_codes(q.sectors)
    rec_profile = engine._sector_profile[slot]
    sectors = []
    q_exp = sec.expand(profile)
    for code in rec_profile:
        if code in q_exp or sec.parents().get(code) in q_exp:
            sectors.append(
                {
                    "code": code,
                    "label": sec.sector_label(code, viewer_lang),
                    "source": engine._sector_src[slot] or "inferred",
                }
            )

    texts = rec.texts()
    lang = viewer_lang if viewer_lang in texts else rec.primary_language()
    passages = best_passages(engine, q, slot, texts.get(lang, ""), lang, shared)
    country_hit = any(p.name == "country" and p.value > 0 for p in parts)
    return Explanation(
        concepts=concepts,
        sectors=sectors,
        passages=passages,
        parts=parts,
        same_country=country_hit,
    )


def best_passages(
    engine: MatchingEngine,
    q: _Query,
    slot: int,
    text: str,
    lang: str,
    shared_concepts: list[str],
) -> list[str]:
    sentences = split_sentences(text)
    if not sentences:
        return []
    spans = engine._sentences[slot].get(lang)
    tokens = engine._tokens[slot]
    qtok = set(q.tokens)
    scored = []
    for i, sent in enumerate(sentences):
        if spans is not None and len(spans) == len(sentences):
            seq = tokens[spans[i][0] : spans[i][1]]  # stored at indexing time
        else:
            seq = word_sequence(sent, lang)
        toks = set(add_bigrams(seq, lang))
        overlap = sum(1.0 + math.log1p(len(t)) for t in toks & qtok if len(t) > 1)
        found = engine.glossary.match_tokens(seq) if shared_concepts else {}
        concept_hits = sum(1 for c in found if c in shared_concepts)
        score = 3.0 * concept_hits + overlap
        scored.append((score, -i, sent))
    scored.sort(reverse=True)
    chosen = [s for score, _, s in scored[:MAX_PASSAGES] if score > 0]
    if not chosen:
        chosen = sentences[:MAX_PASSAGES]
    # Keep document order so the passages read naturally.
    return [s for s in sentences if s in chosen]
