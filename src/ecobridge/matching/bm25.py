"""Okapi BM25 over an incremental inverted index.

Documents are addressed by integer slots (the engine's row numbers), so scores can
be added directly to the dense-score vectors.  Postings are kept as Python lists
and frozen to numpy arrays lazily, per term, the first time a term is queried after
a change: upserts stay O(document length) and queries stay vectorised.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

import numpy as np

# Standard Robertson/Spärck Jones parameters; not tuned on the dev set.
K1 = 1.2
B = 0.75


class BM25Index:
    def __init__(self, k1: float = K1, b: float = B) -> None:
        self.k1 = k1
        self.b = b
        self._postings: dict[str, dict[int, int]] = {}
        self._frozen: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._doc_len: dict[int, int] = {}
        self._total_len = 0
        self._version = 0  # bumped on every change; keys the doc-length array cache
        self._dl_arr: tuple[tuple[int, int], np.ndarray] | None = None

    def __len__(self) -> int:
        return len(self._doc_len)

    def __contains__(self, slot: int) -> bool:
        return slot in self._doc_len

    @property
    def avgdl(self) -> float:
        return self._total_len / len(self._doc_len) if self._doc_len else 0.0

    def add(self, slot: int, tokens: Iterable[str]) -> None:
        if slot in self._doc_len:
            self.remove(slot)
        counts = Counter(tokens)
        for term, tf in counts.items():
            self._postings.setdefault(term, {})[slot] = tf
            self._frozen.pop(term, None)
        length = sum(counts.values())
        self._version += 1
        self._doc_len[slot] = length
        self._total_len += length

    def remove(self, slot: int) -> None:
        length = self._doc_len.pop(slot, None)
        if length is None:
            return
        self._version += 1
        self._total_len -= length
        for term in [t for t, p in self._postings.items() if slot in p]:
            del self._postings[term][slot]
            self._frozen.pop(term, None)
            if not self._postings[term]:
                del self._postings[term]

    def remove_tokens(self, slot: int, tokens: Iterable[str]) -> None:
        """Faster removal when the caller still knows the document's tokens."""
        length = self._doc_len.pop(slot, None)
        if length is None:
            return
        self._version += 1
        self._total_len -= length
        for term in set(tokens):
            posting = self._postings.get(term)
            if posting is not None and slot in posting:
                del posting[slot]
                self._frozen.pop(term, None)
                if not posting:
                    del self._postings[term]

    def idf(self, term: str) -> float:
        n = len(self._doc_len)
        df = len(self._postings.get(term, ()))
        # BM25+ style floor: never negative, so very common terms cannot hurt a match.
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def _posting_arrays(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        arr = self._frozen.get(term)
        if arr is None:
            posting = self._postings.get(term, {})
            slots = np.fromiter(posting.keys(), dtype=np.int64, count=len(posting))
            tfs = np.fromiter(posting.values(), dtype=np.float32, count=len(posting))
            arr = (slots, tfs)
            self._frozen[term] = arr
        return arr

    def scores(self, query_tokens: Iterable[str], size: int) -> np.ndarray:
        """BM25 score of every slot ``< size`` (zeros for non-matching slots)."""
        out = np.zeros(size, dtype=np.float32)
        if not self._doc_len:
            return out
        avgdl = self.avgdl or 1.0
        qtf = Counter(query_tokens)
        dl_cache: np.ndarray | None = None
        for term, count in qtf.items():
            if term not in self._postings:
                continue
            slots, tfs = self._posting_arrays(term)
            if dl_cache is None:
                dl_cache = self._doc_len_array(size)
            dl = dl_cache[slots]
            denom = tfs + self.k1 * (1.0 - self.b + self.b * dl / avgdl)
            # Repeated query terms count once per occurrence, damped like BM25 query tf.
            weight = self.idf(term) * (count * (self.k1 + 1) / (count + self.k1))
            # slots are unique within one posting list, so plain fancy-index addition is
            # exact (and much faster than np.add.at).
            out[slots] += weight * tfs * (self.k1 + 1) / denom
        return out

    def _doc_len_array(self, size: int) -> np.ndarray:
        cached = self._dl_arr
        if cached is not None and cached[0] == (size, self._version):
            return cached[1]
        arr = np.zeros(size, dtype=np.float32)
        for slot, length in self._doc_len.items():
            if slot < size:
                arr[slot] = length
        self._dl_arr = ((size, self._version), arr)
        return arr

    def term_weights(self, query_tokens: Iterable[str]) -> dict[str, float]:
        """IDF of each distinct query term present in the index (for explanations)."""
        return {t: self.idf(t) for t in set(query_tokens) if t in self._postings}
