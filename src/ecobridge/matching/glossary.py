"""Multilingual concept glossary: loading and matching concepts in text.

Format (``data/glossary.json``)::

    {"version": 1, "languages": [...],
     "concepts": [{"id": "ww.membrane_bioreactor", "domain": "wastewater",
                   "crs": ["14022"], "labels": {"ko": ["막분리 생물반응기", "MBR"], ...}}]}

The first label per language is the preferred one (used in explanations); the
others are synonyms and inflection variants.  Labels are tokenised with the same
language-aware tokeniser as documents, so a label matches inflected forms that
stem alike.  The loader is tolerant: a missing or partly written file, unknown
keys, empty label lists and malformed concepts are skipped, never fatal, because
the engine must keep working (without concept evidence) when the glossary is
incomplete.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .tokenize import tokenize

log = logging.getLogger(__name__)

DEFAULT_PATH = Path(__file__).parent / "data" / "glossary.json"

# Single-token labels shorter than this are too ambiguous to match on their own
# (e.g. "RO" inside a Latin token stream is fine, but 2-letter Cyrillic stems are not).
_MIN_SINGLE_TOKEN_CHARS = 2


@dataclass
class Concept:
    id: str
    domain: str = ""
    crs: list[str] = field(default_factory=list)
    labels: dict[str, list[str]] = field(default_factory=dict)

    def label(self, lang: str, fallbacks: tuple[str, ...] = ("en",)) -> str:
        """Preferred label in ``lang``, else in a fallback language, else the id."""
        for key in (lang, *fallbacks):
            values = self.labels.get(key) or []
            if values:
                return values[0]
        for values in self.labels.values():
            if values:
                return values[0]
        return self.id


class Glossary:
    """Concepts plus a token-sequence matcher built from all labels."""

    def __init__(self, concepts: list[Concept]) -> None:
        self.concepts: dict[str, Concept] = {c.id: c for c in concepts}
        # first token -> list of (token tuple, concept id); longest patterns first.
        self._patterns: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for concept in concepts:
            for lang, labels in concept.labels.items():
                for label in labels:
                    self._add_pattern(label, lang, concept.id)
        for plist in self._patterns.values():
            plist.sort(key=lambda p: -len(p[0]))

    def _add_pattern(self, label: str, lang: str, cid: str) -> None:
        toks = tuple(tokenize(label, lang, bigrams=False))
        if not toks:
            return
        if len(toks) == 1 and len(toks[0]) < _MIN_SINGLE_TOKEN_CHARS:
            return
        entry = (toks, cid)
        plist = self._patterns.setdefault(toks[0], [])
        if entry not in plist:
            plist.append(entry)

    def __len__(self) -> int:
        return len(self.concepts)

    def __bool__(self) -> bool:  # an empty glossary is still a valid object
        return True

    def match_tokens(self, tokens: list[str]) -> dict[str, int]:
        """Concept id -> number of occurrences in an already tokenised text."""
        found: dict[str, int] = {}
        if not self._patterns:
            return found
        n = len(tokens)
        for i, tok in enumerate(tokens):
            for pattern, cid in self._patterns.get(tok, ()):
                m = len(pattern)
                if i + m <= n and tuple(tokens[i : i + m]) == pattern:
                    found[cid] = found.get(cid, 0) + 1
                    break
        return found

    def match(self, text: str, lang: str | None = None) -> dict[str, int]:
        return self.match_tokens(tokenize(text, lang, bigrams=False))

    def crs_for(self, concept_ids: list[str] | dict[str, int]) -> dict[str, float]:
        """Sector evidence from concepts: code -> weight (sum over concepts)."""
        out: dict[str, float] = {}
        for cid in concept_ids:
            concept = self.concepts.get(cid)
            if concept is None or not concept.crs:
                continue
            share = 1.0 / len(concept.crs)
            for code in concept.crs:
                out[code] = out.get(code, 0.0) + share
        return out

    def label(self, cid: str, lang: str) -> str:
        concept = self.concepts.get(cid)
        return concept.label(lang) if concept else cid


def parse_glossary(data: Any) -> Glossary:
    concepts: list[Concept] = []
    raw = data.get("concepts", []) if isinstance(data, dict) else []
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict) or not item.get("id"):
            continue
        labels_raw = item.get("labels") or {}
        labels: dict[str, list[str]] = {}
        if isinstance(labels_raw, dict):
            for lang, values in labels_raw.items():
                if isinstance(values, str):
                    values = [values]
                if isinstance(values, list):
                    clean = [v.strip() for v in values if isinstance(v, str) and v.strip()]
                    if clean:
                        labels[str(lang)] = clean
        crs = item.get("crs") or []
        if isinstance(crs, str | int):
            crs = [crs]
        concepts.append(
            Concept(
                id=str(item["id"]),
                domain=str(item.get("domain", "")),
                crs=[str(c) for c in crs if str(c).strip()],
                labels=labels,
            )
        )
    return Glossary(concepts)


def load_glossary(path: str | Path | None = None) -> Glossary:
    """Load a glossary file; an empty glossary if it is missing or unreadable."""
    path = Path(path) if path else DEFAULT_PATH
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        log.info("glossary %s not found; concept matching disabled", path)
        return Glossary([])
    except (OSError, ValueError) as exc:
        log.warning("glossary %s unreadable (%s); concept matching disabled", path, exc)
        return Glossary([])
    return parse_glossary(data)


@lru_cache(maxsize=4)
def default_glossary(path: str | None = None) -> Glossary:
    """Process-wide cached glossary (parsing 300+ concepts × 6 languages once)."""
    return load_glossary(path)
