"""Persist an engine to a directory and load it back without re-embedding.

Layout (format version 1)::

    index_dir/
      meta.json          format version, engine config, encoder dims, language list
      records.jsonl      one JSON record per slot (``null`` for removed slots), with
                         its tokens, concepts, country mentions, sector profile, text hash
      vectors-<enc>.npy  float32 document vectors, one row per slot

The directory is written to a temporary sibling and swapped in with a rename, so
a reader never sees a half-written index.  On load, BM25 postings and language
centroids are rebuilt from the stored tokens and vectors (no tokeniser or model
runs), which takes about a second per 100k records.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .records import Record

if TYPE_CHECKING:  # pragma: no cover
    from .embed import Encoder
    from .engine import MatchingEngine
    from .glossary import Glossary

FORMAT_VERSION = 1


def save_engine(engine: MatchingEngine, path: Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        with engine._lock:
            n = engine._n
            meta = {
                "format": FORMAT_VERSION,
                "config": engine.config.to_dict(),
                "n_slots": n,
                "encoders": {name: int(v.shape[1]) for name, v in engine._vec.items()},
            }
            with open(tmp / "records.jsonl", "w", encoding="utf-8") as fh:
                for slot in range(n):
                    rec = engine.records[slot]
                    if rec is None:
                        fh.write("null\n")
                        continue
                    row = {
                        "record": rec.to_dict(),
                        "tokens": engine._tokens[slot],
                        "sentences": engine._sentences[slot],
                        "concepts": engine._concepts[slot],
                        "mentions": engine._mentions[slot],
                        "profile": engine._sector_profile[slot],
                        "sector_src": engine._sector_src[slot],
                        "hash": engine._hash[slot],
                    }
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            for name, mat in engine._vec.items():
                np.save(tmp / f"vectors-{name}.npy", np.ascontiguousarray(mat[:n]))
        (tmp / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
        if path.exists():
            old = path.with_name(f".{path.name}.old")
            if old.exists():
                shutil.rmtree(old)
            os.replace(path, old)
            os.replace(tmp, path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, path)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def load_engine(
    cls: type[MatchingEngine],
    path: Path,
    glossary: Glossary | None = None,
    encoders: dict[str, Encoder] | None = None,
) -> MatchingEngine:
    from .engine import EngineConfig

    path = Path(path)
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    if meta.get("format") != FORMAT_VERSION:
        raise ValueError(f"unsupported index format {meta.get('format')!r} in {path}")
    engine = cls(EngineConfig.from_dict(meta["config"]), glossary=glossary, encoders=encoders)
    vectors = {
        name: np.load(path / f"vectors-{name}.npy", mmap_mode=None) for name in meta["encoders"]
    }
    with open(path / "records.jsonl", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    live = [(slot, row) for slot, row in enumerate(rows) if row is not None]
    for _slot, row in live:
        analysis = {
            "texts": None,
            "tokens": row["tokens"],
            "sentences": {k: [tuple(x) for x in v] for k, v in row.get("sentences", {}).items()},
            "concepts": row["concepts"],
            "mentions": row["mentions"],
            "profile": row["profile"],
            "sector_src": row["sector_src"],
            "hash": row["hash"],
            "vectors": {name: vectors[name][_slot] for name in vectors},
        }
        engine._write(Record.from_dict(row["record"]), analysis)
    return engine
