"""Helpers shared by the matching tests (kept out of conftest so tests can import them)."""

import os
from pathlib import Path

import numpy as np

DEV_DIR = Path(os.environ.get("ECOBRIDGE_MATCHING_DEV", "/work/shared/data/matching-dev"))


class CountingEncoder:
    """Wraps an encoder and counts how many texts it embedded (per call kind)."""

    def __init__(self, inner, name: str = "hash") -> None:
        self.inner = inner
        self.name = name
        self.dim = inner.dim
        self.passages = 0
        self.queries = 0

    def encode(self, texts, is_query):
        if is_query:
            self.queries += len(texts)
        else:
            self.passages += len(texts)
        return self.inner.encode(texts, is_query)

    def supports(self, lang: str) -> bool:
        return True


def unit(v):
    v = np.asarray(v, dtype=np.float32)
    return v / np.linalg.norm(v)
