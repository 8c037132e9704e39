"""Hybrid cross-lingual matching engine.

Scoring (all parts computed over the candidate set of one search)::

    score = 1.0 · z(e5)            dense, multilingual-e5-small, language-debiased
          + 0.5 · z(use)           dense, multilingual USE; only if it supports the query language
          + 0.25 · s(bm25)         lexical BM25, language-aware tokens (monolingual)
          + 0.5 · s(concepts)      BM25 over glossary concept ids (cross-lingual lexical)
          + 0.5 · z(sectors)       CRS sector-profile agreement
          + 0.25 · country         1 if the record is from / mentions the query's country

``z`` is a z-score over the candidates (dense scores have comparable spread
across queries but different offsets); ``s`` scales a sparse score by its
maximum over the candidates, times 2, so the best lexical match is worth about
two standard deviations of the dense score and a query with no lexical match at
all contributes nothing.  The weights are few and round on purpose: they were
chosen as a prior (dense evidence first, every other signal half as strong,
country a tie-breaker) and checked on the dev set, not fitted to it.

Language debiasing: a dense vector mixes *what* a text says with *which language*
it is in, so a Russian need scores every Russian profile higher than a Korean one
with the same content.  We subtract from each document vector the mean vector of
the documents of its language and kind (shrunk towards the kind's overall mean
when a language has few documents).  For one query this removes a per-language
constant and nothing else (a score-level centring), so it is cheap and exact.

Sector evidence: the query's sector profile merges (a) declared codes of the
query record, (b) codes of glossary concepts in the text and (c) the declared
codes of its five nearest candidates by the text-only score (pseudo-relevance
feedback).  Records without sector codes get the candidates' mean sector score,
i.e. neither bonus nor penalty.
"""

from __future__ import annotations

import json
import re
import threading
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np

from . import sectors as sec
from .bm25 import BM25Index
from .embed import Encoder, QueryCache, get_encoder, text_hash
from .glossary import Glossary, default_glossary, parse_glossary
from .records import KINDS, Explanation, Record, ScorePart, SearchResult
from .tokenize import add_bigrams, detect_language, split_sentences, word_sequence

CONCEPT_PREFIX = "§"

# Fusion weights (see module docstring and docs/matching.md).
DEFAULT_WEIGHTS: dict[str, float] = {
    "e5": 1.0,
    "use": 0.5,
    "bm25": 0.25,
    "concepts": 0.5,
    "sectors": 0.5,
    "country": 0.25,
    "hash": 1.0,  # model-free stand-in encoder (tests only)
}
# Nearest neighbours whose declared sectors feed the query's sector profile.
PRF_K = 5
# Pseudo-count for the per-language centroid: a language with n documents gets
# (sum + m·overall_mean)/(n + m), so a single document is not centred to zero.
CENTROID_SHRINK = 1.0
SPARSE_SCALE = 2.0
# Candidates re-ranked by the second dense encoder (see score_parts).
RERANK_POOL = 2000
# Above this many index slots the first encoder's full scan runs on an int8 copy of the
# vectors (see MatchingEngine._dense_part); at or below it the scan is exact float32.
EXACT_SCAN_LIMIT = 20_000
# With the int8 scan, this many candidates with the best approximate dense score get
# their exact float32 score back, so the top of the ranking is scored exactly.
EXACT_RESCORE = 2000
# Free-text queries: only the first this many model tokens are embedded (the lexical
# parts still use the whole text).  E5 costs about 1-3 ms per token on one core.
QUERY_MAX_TOKENS = 512


@dataclass
class EngineConfig:
    encoders: tuple[str, ...] = ("e5", "use")
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    prf_k: int = PRF_K
    debias_language: bool = True
    glossary_path: str | None = None
    # Searching "for an indexed record" reuses its stored document vectors instead of
    # embedding its text again as a query (E5 costs ~0.4 s for a full need text).
    reuse_record_vectors: bool = True
    # Dense scan: exact float32 up to this many index slots, int8 quantised above it
    # (0 = always quantised, None = always exact).  See docs/matching.md.
    exact_scan_limit: int | None = EXACT_SCAN_LIMIT
    # Candidates rescored exactly after a quantised scan.
    exact_rescore: int = EXACT_RESCORE
    # Model tokens of a free-text query that are embedded (None = the whole text).
    query_max_tokens: int | None = QUERY_MAX_TOKENS

    def to_dict(self) -> dict[str, Any]:
        return {
            "encoders": list(self.encoders),
            "weights": self.weights,
            "prf_k": self.prf_k,
            "debias_language": self.debias_language,
            "glossary_path": self.glossary_path,
            "reuse_record_vectors": self.reuse_record_vectors,
            "exact_scan_limit": self.exact_scan_limit,
            "exact_rescore": self.exact_rescore,
            "query_max_tokens": self.query_max_tokens,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EngineConfig:
        return cls(
            encoders=tuple(data.get("encoders", ("e5", "use"))),
            weights={**DEFAULT_WEIGHTS, **data.get("weights", {})},
            prf_k=int(data.get("prf_k", PRF_K)),
            debias_language=bool(data.get("debias_language", True)),
            glossary_path=data.get("glossary_path"),
            reuse_record_vectors=bool(data.get("reuse_record_vectors", True)),
            exact_scan_limit=_opt_int(data.get("exact_scan_limit", EXACT_SCAN_LIMIT)),
            exact_rescore=int(data.get("exact_rescore", EXACT_RESCORE)),
            query_max_tokens=_opt_int(data.get("query_max_tokens", QUERY_MAX_TOKENS)),
        )


def _opt_int(value: Any) -> int | None:
    return None if value is None else int(value)


@dataclass
class _Query:
    text: str
    language: str
    tokens: list[str]
    concepts: dict[str, int]
    sectors: list[str]
    country: str | None
    exclude_slot: int | None = None
    vectors: dict[str, np.ndarray] = field(default_factory=dict)


def _countries_glossary() -> Glossary:
    path = Path(__file__).parent / "data" / "countries.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Glossary([])
    concepts = [
        {"id": code, "labels": labels} for code, labels in data.get("countries", {}).items()
    ]
    return parse_glossary({"concepts": concepts})


_COUNTRIES: Glossary | None = None
_COUNTRIES_LOCK = threading.Lock()


def countries_glossary() -> Glossary:
    global _COUNTRIES
    with _COUNTRIES_LOCK:
        if _COUNTRIES is None:
            _COUNTRIES = _countries_glossary()
        return _COUNTRIES


class MatchingEngine:
    """In-memory index of records with hybrid search; persists with :mod:`store`.

    Thread-safety: one re-entrant lock serialises writes and searches within a
    process (a search takes a few milliseconds plus the query embedding).
    """

    def __init__(
        self,
        config: EngineConfig | None = None,
        glossary: Glossary | None = None,
        encoders: dict[str, Encoder] | None = None,
    ) -> None:
        self.config = config or EngineConfig()
        self.glossary = (
            glossary if glossary is not None else default_glossary(self.config.glossary_path)
        )
        self._encoders: dict[str, Encoder] = dict(encoders or {})
        self._lock = threading.RLock()
        self._qcache = QueryCache()
        cap = 64
        self._cap = cap
        self._n = 0  # slots used (alive or dead)
        self.records: list[Record | None] = []
        self.id_to_slot: dict[str, int] = {}
        self._alive = np.zeros(cap, dtype=bool)
        self._public = np.zeros(cap, dtype=bool)
        self._kind = np.zeros(cap, dtype=np.int8)
        self._lang_idx = np.zeros(cap, dtype=np.int16)
        self._langs: list[str] = []
        self._country_idx = np.full(cap, -1, dtype=np.int32)
        self._countries: list[str] = []
        self._vec: dict[str, np.ndarray] = {}
        self._hash: list[str | None] = []
        self._tokens: list[list[str]] = []
        # per slot: {lang: [(start, end) token span of each sentence in _tokens]}
        self._sentences: list[dict[str, list[tuple[int, int]]]] = []
        self._concepts: list[dict[str, int]] = []
        self._mentions: list[list[str]] = []  # countries mentioned in the text
        self._mention_slots: dict[str, set[int]] = {}
        self._sector_src: list[str] = []  # "declared" | "inferred" | ""
        self._sector_profile: list[dict[str, float]] = []
        self._codes: dict[str, int] = {}
        self._sec_mat = np.zeros((cap, 0), dtype=np.float32)  # expanded, L2-normalised
        self._has_sec = np.zeros(cap, dtype=bool)
        self._bm25 = {k: BM25Index() for k in KINDS}
        self._cbm25 = {k: BM25Index() for k in KINDS}
        # language centroids per (encoder, kind): sums and counts per language index
        self._csum: dict[tuple[str, int], np.ndarray] = {}
        self._ccount: dict[int, np.ndarray] = {}
        # int8 copies of the dense vectors for the quantised scan: per encoder
        # (codes n × dim, per-row scale n), built lazily; rows written since are
        # re-quantised before the next scan.
        self._q8: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._q8_dirty: set[int] = set()

    # ------------------------------------------------------------------ encoders
    def encoder(self, name: str) -> Encoder:
        enc = self._encoders.get(name)
        if enc is None:
            enc = get_encoder(name)
            self._encoders[name] = enc
        return enc

    # ------------------------------------------------------------------ storage
    def __len__(self) -> int:
        return int(self._alive[: self._n].sum())

    def __contains__(self, record_id: str) -> bool:
        return record_id in self.id_to_slot

    def get(self, record_id: str) -> Record | None:
        slot = self.id_to_slot.get(record_id)
        return self.records[slot] if slot is not None else None

    def _grow(self, need: int) -> None:
        if need <= self._cap:
            return
        cap = max(need, self._cap * 2)

        def grow(arr: np.ndarray, fill: Any = 0) -> np.ndarray:
            out = np.full((cap, *arr.shape[1:]), fill, dtype=arr.dtype)
            out[: arr.shape[0]] = arr
            return out

        self._alive = grow(self._alive)
        self._public = grow(self._public)
        self._kind = grow(self._kind)
        self._lang_idx = grow(self._lang_idx)
        self._country_idx = grow(self._country_idx, -1)
        self._sec_mat = grow(self._sec_mat)
        self._has_sec = grow(self._has_sec)
        for name in list(self._vec):
            self._vec[name] = grow(self._vec[name])
        self._q8.clear()  # rebuilt at the next quantised scan
        self._q8_dirty.clear()
        self._cap = cap

    def _index_of(self, values: list[str], value: str) -> int:
        try:
            return values.index(value)
        except ValueError:
            values.append(value)  # centroid arrays grow lazily in _centroid_add
            return len(values) - 1

    def _code_col(self, code: str) -> int:
        col = self._codes.get(code)
        if col is None:
            col = len(self._codes)
            self._codes[code] = col
            pad = np.zeros((self._sec_mat.shape[0], 1), dtype=np.float32)
            self._sec_mat = np.hstack([self._sec_mat, pad])
        return col

    # ------------------------------------------------------------------ analysis
    def _analyse(self, record: Record) -> dict[str, Any]:
        texts = record.texts()
        tokens: list[str] = []
        concepts: Counter[str] = Counter()
        mentions: set[str] = set()
        sentences: dict[str, list[tuple[int, int]]] = {}
        for lang, text in texts.items():
            # Tokenise once, sentence by sentence: glossary and country matching reuse
            # the word sequence, and the stored sentence spans let explanations pick
            # passages later without running the tokeniser again.
            seq: list[str] = []
            spans = []
            for sentence in split_sentences(text):
                words = word_sequence(sentence, lang)
                spans.append((len(tokens) + len(seq), len(tokens) + len(seq) + len(words)))
                seq.extend(words)
            sentences[lang] = spans
            tokens.extend(seq)
            tokens.extend(add_bigrams(seq, lang)[len(seq) :])
            concepts.update(self.glossary.match_tokens(seq))
            mentions.update(countries_glossary().match_tokens(seq))
        declared = list(record.sectors)
        if declared:
            profile, src = sec.profile_from_codes(declared), "declared"
        else:
            profile = sec.normalise(self.glossary.crs_for(concepts))
            src = "inferred" if profile else ""
        return {
            "texts": texts,
            "tokens": tokens,
            "sentences": sentences,
            "concepts": dict(concepts),
            "mentions": sorted(mentions),
            "profile": profile,
            "sector_src": src,
            "hash": text_hash(json.dumps(texts, sort_keys=True, ensure_ascii=False)),
        }

    def _embed_records(self, analyses: list[dict[str, Any]]) -> dict[str, np.ndarray]:
        """Document vectors: one passage embedding per language version, averaged."""
        out: dict[str, np.ndarray] = {}
        flat: list[str] = []
        owner: list[int] = []
        for i, a in enumerate(analyses):
            for text in a["texts"].values():
                flat.append(text)
                owner.append(i)
        owner_arr = np.asarray(owner, dtype=np.int64)
        for name in self.config.encoders:
            enc = self.encoder(name)
            vecs = enc.encode(flat, is_query=False) if flat else np.zeros((0, enc.dim))
            agg = np.zeros((len(analyses), enc.dim), dtype=np.float32)
            np.add.at(agg, owner_arr, vecs)
            norms = np.linalg.norm(agg, axis=1, keepdims=True)
            out[name] = agg / np.maximum(norms, 1e-12)
        return out

    # ------------------------------------------------------------------ writes
    def upsert(self, record: Record, vectors: dict[str, np.ndarray] | None = None) -> bool:
        """Add or replace one record.  Returns True if it was (re-)embedded.

        ``vectors`` lets callers supply precomputed document vectors (e.g. from an
        embedding cache); otherwise only this record is embedded, and only if its
        text changed since the last upsert.
        """
        return self.upsert_many([record], [vectors] if vectors is not None else None) > 0

    def upsert_many(
        self,
        records: Iterable[Record],
        vectors: list[dict[str, np.ndarray] | None] | None = None,
        batch_size: int = 64,
    ) -> int:
        """Add or replace records, embedding in batches.  Returns how many were embedded."""
        records = list(records)
        given = vectors or [None] * len(records)
        embedded = 0
        for start in range(0, len(records), batch_size):
            chunk = records[start : start + batch_size]
            chunk_vecs = given[start : start + batch_size]
            analyses = [self._analyse(r) for r in chunk]
            todo = []
            for i, (r, a, v) in enumerate(zip(chunk, analyses, chunk_vecs, strict=True)):
                slot = self.id_to_slot.get(r.id)
                reuse = (
                    v is None
                    and slot is not None
                    and self._hash[slot] == a["hash"]
                    and all(name in self._vec for name in self.config.encoders)
                )
                if reuse:
                    a["vectors"] = {n: self._vec[n][slot].copy() for n in self.config.encoders}
                elif v is not None:
                    a["vectors"] = v
                else:
                    todo.append(i)
            if todo:
                new = self._embed_records([analyses[i] for i in todo])
                for j, i in enumerate(todo):
                    analyses[i]["vectors"] = {n: new[n][j] for n in new}
                embedded += len(todo)
            with self._lock:
                for r, a in zip(chunk, analyses, strict=True):
                    self._write(r, a)
        return embedded

    def _write(self, record: Record, a: dict[str, Any]) -> None:
        slot = self.id_to_slot.get(record.id)
        if slot is not None:
            self._unindex(slot)
        else:
            slot = self._n
            self._grow(slot + 1)
            self._n += 1
            self.records.append(None)
            self._hash.append(None)
            self._tokens.append([])
            self._sentences.append({})
            self._concepts.append({})
            self._mentions.append([])
            self._sector_src.append("")
            self._sector_profile.append({})
            self.id_to_slot[record.id] = slot
        kind = KINDS.index(record.kind)
        lang = record.primary_language()
        self.records[slot] = record
        self._hash[slot] = a["hash"]
        self._tokens[slot] = a["tokens"]
        self._sentences[slot] = a.get("sentences") or {}
        self._concepts[slot] = a["concepts"]
        self._mentions[slot] = a["mentions"]
        for code in a["mentions"]:
            self._mention_slots.setdefault(code, set()).add(slot)
        self._sector_src[slot] = a["sector_src"]
        self._sector_profile[slot] = a["profile"]
        self._alive[slot] = record.is_active
        self._public[slot] = record.is_public
        self._kind[slot] = kind
        self._lang_idx[slot] = self._index_of(self._langs, lang)
        self._country_idx[slot] = (
            self._index_of(self._countries, record.country) if record.country else -1
        )
        for name, vec in a["vectors"].items():
            if name not in self._vec:
                self._vec[name] = np.zeros((self._cap, len(vec)), dtype=np.float32)
            self._vec[name][slot] = vec
        if self._q8:
            self._q8_dirty.add(slot)
        self._set_sectors(slot, a["profile"])
        if record.is_active:
            self._bm25[record.kind].add(slot, a["tokens"])
            self._cbm25[record.kind].add(slot, _concept_tokens(a["concepts"]))
            self._centroid_add(slot, +1)

    def _set_sectors(self, slot: int, profile: dict[str, float]) -> None:
        expanded = sec.expand(profile)
        cols = [(self._code_col(c), w) for c, w in expanded.items()]
        self._sec_mat[slot] = 0.0
        if cols:
            norm = float(np.sqrt(sum(w * w for _, w in cols)))
            for col, w in cols:
                self._sec_mat[slot, col] = w / norm
        self._has_sec[slot] = bool(cols)

    def _unindex(self, slot: int) -> None:
        record = self.records[slot]
        if record is None:
            return
        for code in self._mentions[slot]:
            self._mention_slots.get(code, set()).discard(slot)
        if self._alive[slot]:
            self._bm25[record.kind].remove_tokens(slot, self._tokens[slot])
            self._cbm25[record.kind].remove_tokens(slot, _concept_tokens(self._concepts[slot]))
            self._centroid_add(slot, -1)
        self._alive[slot] = False

    def remove(self, record_id: str) -> bool:
        """Remove a record; returns False if it was not indexed."""
        with self._lock:
            slot = self.id_to_slot.pop(record_id, None)
            if slot is None:
                return False
            self._unindex(slot)
            self.records[slot] = None
            self._hash[slot] = None
            self._tokens[slot] = []
            self._sentences[slot] = {}
            self._concepts[slot] = {}
            return True

    def _centroid_add(self, slot: int, sign: int) -> None:
        kind = int(self._kind[slot])
        li = int(self._lang_idx[slot])
        counts = self._ccount.setdefault(kind, np.zeros(0, dtype=np.float64))
        if counts.shape[0] <= li:
            counts = np.concatenate([counts, np.zeros(li + 1 - counts.shape[0])])
        counts[li] += sign
        self._ccount[kind] = counts
        for name, mat in self._vec.items():
            key = (name, kind)
            sums = self._csum.get(key)
            if sums is None:
                sums = np.zeros((0, mat.shape[1]), dtype=np.float64)
            if sums.shape[0] <= li:
                sums = np.vstack([sums, np.zeros((li + 1 - sums.shape[0], mat.shape[1]))])
            sums[li] += sign * mat[slot]
            self._csum[key] = sums

    def _centroids(self, name: str, kind: int) -> np.ndarray:
        """Per-language centroid matrix (n_langs × dim) for one encoder and kind."""
        dim = self._vec[name].shape[1]
        sums = self._csum.get((name, kind), np.zeros((0, dim)))
        counts = self._ccount.get(kind, np.zeros(0))
        n_l = len(self._langs)
        if sums.shape[0] < n_l:
            sums = np.vstack([sums, np.zeros((n_l - sums.shape[0], dim))])
        if counts.shape[0] < n_l:
            counts = np.concatenate([counts, np.zeros(n_l - counts.shape[0])])
        total = counts.sum()
        if total <= 0:
            return np.zeros((n_l, dim), dtype=np.float32)
        overall = sums.sum(axis=0) / total
        cents = (sums + CENTROID_SHRINK * overall) / (counts[:, None] + CENTROID_SHRINK)
        return cents.astype(np.float32)

    # ------------------------------------------------------------------ search
    def _make_query(
        self,
        text: str | None,
        record_id: str | None,
        language: str | None,
        sectors: list[str] | None,
        country: str | None,
    ) -> _Query:
        if record_id is not None:
            slot = self.id_to_slot.get(record_id)
            if slot is None:
                raise KeyError(record_id)
            rec = self.records[slot]
            assert rec is not None
            texts = rec.texts()
            lang = rec.primary_language()
            qtext = texts.get(lang, "")
            return _Query(
                text=qtext,
                language=lang,
                tokens=list(self._tokens[slot]),
                concepts=dict(self._concepts[slot]),
                sectors=list(sectors if sectors is not None else rec.sectors),
                country=country or rec.country,
                exclude_slot=slot,
                vectors=(
                    {n: self._vec[n][slot] for n in self._vec}
                    if self.config.reuse_record_vectors
                    else {}
                ),
            )
        if not text or not text.strip():
            raise ValueError("search needs text or record_id")
        lang = language or detect_language(text)
        seq = word_sequence(text, lang)
        return _Query(
            text=text,
            language=lang,
            tokens=add_bigrams(seq, lang),
            concepts=self.glossary.match_tokens(seq),
            sectors=list(sectors or []),
            country=country.upper() if country else None,
        )

    def _id_mask(self, ids: Collection[str]) -> np.ndarray:
        mask = np.zeros(self._n, dtype=bool)
        # C-level loop over the ids (unknown ids map to -1); no Python code per id.
        found = map(self.id_to_slot.get, ids, repeat(-1))
        slots = np.fromiter(found, dtype=np.int64, count=len(ids))
        mask[slots[slots >= 0]] = True
        return mask

    def query_text(self, text: str) -> str:
        """The part of a free-text query that is embedded.

        At most :attr:`EngineConfig.query_max_tokens` model tokens (counted by the
        first encoder's tokeniser when it has one, else as words), cut at a word
        boundary; the lexical parts always use the whole text.
        """
        limit = self.config.query_max_tokens
        if not limit or len(text) + 8 <= limit:  # a token is at least one character
            return text
        enc = self.encoder(self.config.encoders[0]) if self.config.encoders else None
        counter = getattr(enc, "token_count", None)
        ends = [m.end() for m in re.finditer(r"\S+", text)]
        if counter is None:
            return text[: ends[limit - 1]] if len(ends) > limit else text
        if counter(text) <= limit:
            return text
        lo, hi = 0, len(ends) - 1  # the longest prefix of ends[:hi] words that fits
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if counter(text[: ends[mid - 1]]) <= limit:
                lo = mid
            else:
                hi = mid - 1
        return text[: ends[max(lo, 1) - 1]]

    def candidates(
        self,
        kind: str,
        allowed_ids: Collection[str] | None = None,
        country: str | None = None,
        extra_ids: Collection[str] | None = None,
    ) -> np.ndarray:
        """Slots that may be returned: alive, of ``kind``, visible, optionally of a country.

        ``allowed_ids=None`` means "public records, plus ``extra_ids``" (e.g. the
        viewer's own private records); otherwise exactly the given ids (the caller's
        permission filter).  Private records never leak.  Mapping ids to rows costs
        about 0.6 µs per id, so for large audiences prefer public + ``extra_ids``
        over listing every visible id.
        """
        n = self._n
        mask = self._alive[:n] & (self._kind[:n] == KINDS.index(kind))
        if allowed_ids is None:
            visible = self._public[:n]
            if extra_ids:
                visible = visible | self._id_mask(extra_ids)
            mask &= visible
        else:
            mask &= self._id_mask(allowed_ids)
        if country:
            try:
                ci = self._countries.index(country.upper())
            except ValueError:
                return np.zeros(0, dtype=np.int64)
            mask &= self._country_idx[:n] == ci
        return np.flatnonzero(mask)

    def score_parts(
        self, q: _Query, cand: np.ndarray, kind: str, parts: Collection[str] | None = None
    ) -> dict[str, np.ndarray]:
        """Normalised score parts (before weighting) for the candidate slots.

        The first encoder scans every candidate.  Further encoders only re-rank a pool
        of the best :data:`RERANK_POOL` candidates by the parts computed so far (their
        z-scores are taken over that pool; candidates outside it get 0): a second
        full scan would double the memory traffic of a query for a signal that only
        reorders near the top.  With fewer candidates than the pool this is exactly
        the full computation.
        """
        w = self.config.weights
        want = set(parts) if parts is not None else {k for k, v in w.items() if v}
        kind_i = KINDS.index(kind)
        out: dict[str, np.ndarray] = {}
        dense = [
            n
            for n in self.config.encoders
            if n in want and n in self._vec and self.encoder(n).supports(q.language)
        ]
        if dense:
            out[dense[0]] = self._dense_part(dense[0], q, cand, kind_i)
        if "bm25" in want:
            raw = self._bm25[kind].scores(q.tokens, self._n)[cand]
            out["bm25"] = _sparse(raw)
        if "concepts" in want and q.concepts:
            raw = self._cbm25[kind].scores(_concept_tokens(q.concepts), self._n)[cand]
            out["concepts"] = _sparse(raw)
        for name in dense[1:]:
            if len(cand) <= RERANK_POOL:
                out[name] = self._dense_part(name, q, cand, kind_i)
                continue
            so_far = sum((w.get(k, 0.0) * v for k, v in out.items()), np.zeros(len(cand)))
            pool = np.argpartition(-so_far, RERANK_POOL - 1)[:RERANK_POOL]
            values = np.zeros(len(cand))
            values[pool] = self._dense_part(name, q, cand[pool], kind_i, rows=True)
            out[name] = values
        if "sectors" in want:
            out["sectors"] = self._sector_part(q, cand, out)
        if "country" in want and q.country:
            out["country"] = self._country_part(q.country, cand)
        return out

    def _query_vector(self, name: str, q: _Query) -> np.ndarray:
        qv = q.vectors.get(name)
        if qv is None:
            qv = self._qcache.get(self.encoder(name), self.query_text(q.text), name)
            q.vectors[name] = qv
        return qv

    def _dense_part(
        self, name: str, q: _Query, cand: np.ndarray, kind_i: int, rows: bool = False
    ) -> np.ndarray:
        qv = self._query_vector(name, q)
        bias = None
        if self.config.debias_language:
            bias = (self._centroids(name, kind_i) @ qv)[self._lang_idx[cand]]
        limit = self.config.exact_scan_limit
        if rows or limit is None or self._n <= limit or _numkong() is None:
            # Full scans score every slot on a contiguous view, then pick candidates:
            # fancy-indexing the matrix first would copy it (150 MB at 100k records)
            # on every query.  A small re-rank pool is cheap to copy.
            raw = self._vec[name][cand] @ qv if rows else (self._vec[name][: self._n] @ qv)[cand]
            return _z(raw - bias if bias is not None else raw)
        # Quantised scan: int8 codes are a quarter of the float32 matrix, and the scan
        # is memory-bound.  Its error (~1e-3 in cosine) is small against the spread of
        # the scores, so the z-score statistics are unaffected; the best candidates
        # are then rescored exactly, so the top of the ranking is exact.
        raw = self._quantised_scores(name, qv)[cand]
        if bias is not None:
            raw -= bias
        pool = min(self.config.exact_rescore, len(cand))
        if pool > 0:
            top = np.argpartition(-raw, pool - 1)[:pool] if pool < len(cand) else slice(None)
            exact = self._vec[name][cand[top]] @ qv
            raw[top] = exact - bias[top] if bias is not None else exact
        return _z(raw)

    def _quantised_scores(self, name: str, qv: np.ndarray) -> np.ndarray:
        """Approximate ``vectors[:n] @ qv`` from the int8 copy (float64, one per slot)."""
        nk = _numkong()
        assert nk is not None
        n = self._n
        if name not in self._q8:
            self._q8[name] = _quantise(self._vec[name][: self._cap])
        if self._q8_dirty:
            rows = np.fromiter(self._q8_dirty, dtype=np.int64, count=len(self._q8_dirty))
            for key, (codes, scale) in self._q8.items():
                codes[rows], scale[rows] = _quantise(self._vec[key][rows])
            self._q8_dirty.clear()
        codes, scale = self._q8[name]
        q8, qscale = _quantise(qv[None, :])
        dots = np.asarray(nk.cdist(codes[:n], q8, metric="dot"))[:, 0]
        return dots * (scale[:n] * float(qscale[0]))

    def _sector_part(self, q: _Query, cand: np.ndarray, parts: dict[str, np.ndarray]) -> np.ndarray:
        w = self.config.weights
        text_score = sum((w.get(k, 0.0) * v for k, v in parts.items()), np.zeros(len(cand)))
        prf: dict[str, float] = {}
        if self.config.prf_k and len(cand) and np.any(text_score):
            k = min(self.config.prf_k, len(cand))
            top = cand[np.argpartition(-text_score, k - 1)[:k]]
            for slot in top:
                if self._sector_src[slot] == "declared":
                    for code, weight in self._sector_profile[slot].items():
                        prf[code] = prf.get(code, 0.0) + weight
        profile = sec.merge(
            (sec.profile_from_codes(q.sectors), 1.0),
            (self.glossary.crs_for(q.concepts), 1.0),
            (prf, 1.0),
        )
        q.__dict__["sector_profile"] = profile  # kept for explanations
        if not profile:
            return np.zeros(len(cand), dtype=np.float32)
        qvec = np.zeros(self._sec_mat.shape[1], dtype=np.float32)
        for code, weight in sec.expand(profile).items():
            col = self._codes.get(code)
            if col is not None:
                qvec[col] = weight
        norm = np.linalg.norm(qvec)
        if norm == 0:
            return np.zeros(len(cand), dtype=np.float32)
        raw = (self._sec_mat[: self._n] @ (qvec / norm))[cand]
        has = self._has_sec[cand]
        if has.any() and not has.all():
            raw = np.where(has, raw, raw[has].mean())  # neutral for unknown sectors
        return _z(raw)

    def _country_part(self, country: str, cand: np.ndarray) -> np.ndarray:
        out = np.zeros(len(cand), dtype=np.float32)
        try:
            ci = self._countries.index(country)
        except ValueError:
            ci = -2
        out[self._country_idx[cand] == ci] = 1.0
        mentioned = self._mention_slots.get(country)
        if mentioned:
            out[np.isin(cand, np.fromiter(mentioned, dtype=np.int64))] = 1.0
        return out

    def search(
        self,
        text: str | None = None,
        record_id: str | None = None,
        kind: str = "technology",
        country: str | None = None,
        viewer_lang: str = "en",
        k: int = 10,
        allowed_ids: Collection[str] | None = None,
        language: str | None = None,
        sectors: list[str] | None = None,
        query_country: str | None = None,
        parts: Collection[str] | None = None,
        explain: bool = True,
        extra_ids: Collection[str] | None = None,
    ) -> list[SearchResult]:
        """Rank records of ``kind`` for a free-text query or an indexed record.

        * ``country`` filters results to records of that country;
          ``query_country`` (or the query record's country) is the country *of the
          query*, used for the country signal.
        * ``allowed_ids``: the ids the viewer may see (``None`` = public records);
          ``extra_ids``: with ``allowed_ids=None``, private ids the viewer may also see.
        * ``language`` / ``sectors``: the query's language (guessed if omitted) and
          declared CRS codes.
        * ``parts`` restricts scoring to some signals (baselines, diagnostics).
        """
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}")
        if text and record_id is None:
            # Embed the query before taking the lock: it is the slow step.  (Embedding
            # the encoders in parallel threads was measured slower: USE's numpy forward
            # pass and the lexical parts contend for the GIL.)
            lang = language or detect_language(text)
            dense_text = self.query_text(text)
            for name in self.config.encoders:
                enc = self.encoder(name)
                if (parts is None or name in parts) and enc.supports(lang):
                    self._qcache.get(enc, dense_text, name)
        # Searches hold the write lock too: arrays are reallocated when the index grows.
        with self._lock:
            return self._search(
                text, record_id, kind, country, viewer_lang, k, allowed_ids, language,
                sectors, query_country, parts, explain, extra_ids,
            )  # fmt: skip

    def _search(
        self,
        text: str | None,
        record_id: str | None,
        kind: str,
        country: str | None,
        viewer_lang: str,
        k: int,
        allowed_ids: Collection[str] | None,
        language: str | None,
        sectors: list[str] | None,
        query_country: str | None,
        parts: Collection[str] | None,
        explain: bool,
        extra_ids: Collection[str] | None = None,
    ) -> list[SearchResult]:
        q = self._make_query(text, record_id, language, sectors, query_country)
        cand = self.candidates(kind, allowed_ids, country, extra_ids)
        if q.exclude_slot is not None:
            cand = cand[cand != q.exclude_slot]
        if len(cand) == 0:
            return []
        scored = self.score_parts(q, cand, kind, parts)
        w = self.config.weights
        total = np.zeros(len(cand), dtype=np.float64)
        for name, values in scored.items():
            total += w.get(name, 0.0) * values
        k = min(k, len(cand))
        top = np.argpartition(-total, k - 1)[:k] if k < len(cand) else np.arange(len(cand))
        top = top[np.lexsort((cand[top], -total[top]))]
        results = []
        for rank, j in enumerate(top, start=1):
            slot = int(cand[j])
            rec = self.records[slot]
            assert rec is not None
            part_list = [
                ScorePart(name, w.get(name, 0.0), float(values[j]))
                for name, values in scored.items()
            ]
            expl = (
                self.explain(q, slot, viewer_lang, part_list)
                if explain
                else Explanation(parts=part_list)
            )
            results.append(SearchResult(rec.id, float(total[j]), rank, expl, rec))
        return results

    def explain(
        self, q: _Query, slot: int, viewer_lang: str, part_list: list[ScorePart]
    ) -> Explanation:
        from .explain import build_explanation

        return build_explanation(self, q, slot, viewer_lang, part_list)

    # ------------------------------------------------------------------ persistence
    def save(self, path: str | Path) -> None:
        from .store import save_engine

        save_engine(self, Path(path))

    @classmethod
    def load(
        cls,
        path: str | Path,
        glossary: Glossary | None = None,
        encoders: dict[str, Encoder] | None = None,
    ) -> MatchingEngine:
        from .store import load_engine

        return load_engine(cls, Path(path), glossary=glossary, encoders=encoders)


_NUMKONG: Any = None


def _numkong() -> Any:
    """The SIMD kernels used for the int8 scan (``numkong``),
    or None when unavailable: the engine then always scans exactly in float32."""
    global _NUMKONG
    if _NUMKONG is None:
        try:
            import numkong

            _NUMKONG = numkong
        except ImportError:  # pragma: no cover - depends on the environment
            _NUMKONG = False
    return _NUMKONG or None


def _quantise(mat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric per-row int8 codes and scales: ``mat ≈ codes * scale[:, None]``."""
    peak = np.abs(mat).max(axis=1) if mat.shape[1] else np.zeros(mat.shape[0])
    scale = (np.maximum(peak, 1e-12) / 127.0).astype(np.float32)
    codes = np.rint(mat / scale[:, None]).astype(np.int8)
    return codes, scale


def _concept_tokens(concepts: dict[str, int]) -> list[str]:
    out: list[str] = []
    for cid, count in concepts.items():
        out.extend([CONCEPT_PREFIX + cid] * count)
    return out


def _z(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    if len(x) < 2:
        return np.zeros(len(x))
    sd = x.std()
    if sd < 1e-9:
        return np.zeros(len(x))
    return (x - x.mean()) / sd


def _sparse(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    top = x.max() if len(x) else 0.0
    if top <= 0:
        return np.zeros(len(x))
    return SPARSE_SCALE * x / top
