"""Scale benchmark for the matching engine.

    python benchmarks/matching/run.py            # 100,000 records (the full run)
    python benchmarks/matching/run.py --n 5000   # quick run

Measures, on (at most) two CPU cores with one BLAS/OpenMP thread:

* index build: per-record text analysis + indexing time for all N records, and the
  real embedding cost per record measured on the ``--base`` distinct base texts
  (E5 + USE), extrapolated to N (see ``synth.py`` for why variants reuse vectors);
* resident memory of the built index (RSS delta) and on-disk size; save/load time;
* query latency p50/p95/p99 **including the query embedding** (the query-embedding
  cache is cleared before every query), for short queries (titles) and full need
  texts, returning top-10 with explanations and a permission filter.

Results go to ``benchmarks/results/matching-<N>.json`` and ``.md``.
"""

from __future__ import annotations

import os

# Pin threads before numpy / the models are imported (see embed.py for why).
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import argparse  # noqa: E402
import csv  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import generate  # noqa: E402

from ecobridge.matching.engine import EngineConfig, MatchingEngine  # noqa: E402
from ecobridge.matching.records import Record  # noqa: E402

DEV_NEEDS = Path("/work/shared/data/matching-dev/needs.csv")

BUILTIN_QUERIES = [
    ("ru", "Снижение потерь воды в распределительной сети"),
    ("ru", "Обработка осадка городских очистных сооружений"),
    ("kk", "Ауылдарды сапалы ауыз сумен қамтамасыз ету"),
    ("uz", "Paxta maydonlarida tomchilatib sugʻorish tizimi"),
    ("vi", "Cấp nước sinh hoạt cho các xã ven biển bị xâm nhập mặn"),
    ("en", "Compact upgrade of an overloaded wastewater treatment plant"),
    ("ko", "하천 생태 복원 및 수질 개선"),
    ("en", "Flood early warning for mountain river basins"),
]


def rss_mb() -> float:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pin_two_cores() -> list[int]:
    if hasattr(os, "sched_setaffinity"):
        cpus = sorted(os.sched_getaffinity(0))[:2]
        os.sched_setaffinity(0, cpus)
        return cpus
    return []


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q)) if values else float("nan")


def query_sets() -> dict[str, list[tuple[str, str]]]:
    short = list(BUILTIN_QUERIES)
    full: list[tuple[str, str]] = []
    if DEV_NEEDS.exists():
        with open(DEV_NEEDS, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                short.append((row["language"], row["title"]))
                full.append((row["language"], f"{row['title']}. {row['description']}"))
    if not full:
        full = [(lang, f"{text}. {text}. {text}.") for lang, text in BUILTIN_QUERIES]
    return {"short": short, "full": full}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000, help="number of technology records")
    ap.add_argument("--base", type=int, default=1000, help="distinct base texts embedded")
    ap.add_argument("--queries", type=int, default=200, help="timed queries per query set")
    ap.add_argument("--encoders", default="e5,use")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results"))
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    cpus = pin_two_cores()
    encoders = tuple(e for e in args.encoders.split(",") if e)
    n_base = min(args.base, args.n)
    rng = np.random.default_rng(args.seed)
    result: dict = {
        "n_records": args.n,
        "n_base_texts": n_base,
        "encoders": list(encoders),
        "cpus": cpus,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "engine_config": {
            k: v
            for k, v in EngineConfig().to_dict().items()
            if k in ("exact_scan_limit", "exact_rescore", "query_max_tokens")
        },
    }
    print(f"matching benchmark: n={args.n} base={n_base} encoders={encoders} cpus={cpus}")

    t0 = time.perf_counter()
    generated = list(generate(args.n, n_base=n_base, seed=args.seed))
    result["generate_s"] = round(time.perf_counter() - t0, 2)
    records = [r for _, r in generated]
    base_of = np.fromiter((b for b, _ in generated), dtype=np.int64, count=len(generated))
    del generated

    rss0 = rss_mb()
    engine = MatchingEngine(EngineConfig(encoders=encoders))
    for name in encoders:  # load models outside the timed sections
        engine.encoder(name).encode(["warm-up"], is_query=True)
    rss_models = rss_mb()

    # 1. Real embedding of the base texts (measures per-record cost).
    base_records = records[:n_base]
    analyses = [engine._analyse(r) for r in base_records[:1]]  # warm tokeniser
    embed_s: dict[str, float] = {}
    base_vecs: dict[str, np.ndarray] = {}
    texts = [next(iter(r.texts().values())) for r in base_records]
    for name in encoders:
        enc = engine.encoder(name)
        t = time.process_time()
        vecs = np.concatenate(
            [enc.encode(texts[i : i + 32], is_query=False) for i in range(0, len(texts), 32)]
        )
        embed_s[name] = time.process_time() - t  # CPU time: robust to other load
        base_vecs[name] = vecs
        print(f"  embedded {len(texts)} base texts with {name}: {embed_s[name]:.1f} s")
    per_rec = {k: v / n_base for k, v in embed_s.items()}
    result["embed_ms_per_record"] = {k: round(v * 1000, 2) for k, v in per_rec.items()}
    result["embed_all_extrapolated_min"] = round(sum(per_rec.values()) * args.n / 60, 1)
    del analyses

    # 2. Vectors for all variants: base vector + small noise, renormalised.
    def variant_vectors(idx: np.ndarray) -> dict[str, np.ndarray]:
        out = {}
        for name, vecs in base_vecs.items():
            v = vecs[base_of[idx]] + rng.normal(0, 0.02, size=(len(idx), vecs.shape[1]))
            out[name] = (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)
        return out

    t, c_build = time.perf_counter(), time.process_time()
    batch = 2000
    for start in range(0, args.n, batch):
        idx = np.arange(start, min(start + batch, args.n))
        vecs = variant_vectors(idx)
        engine.upsert_many(
            records[start : start + batch],
            vectors=[{k: vecs[k][j] for k in vecs} for j in range(len(idx))],
            batch_size=batch,
        )
        if (start // batch) % 10 == 0:
            print(f"  indexed {min(start + batch, args.n)}/{args.n} "
                  f"({time.perf_counter() - t:.0f} s)", flush=True)  # fmt: skip
    build_s = time.perf_counter() - t
    result["index_build_cpu_s_excluding_embedding"] = round(time.process_time() - c_build, 1)
    gc.collect()
    rss_built = rss_mb()
    result["index_build_s_excluding_embedding"] = round(build_s, 1)
    result["index_build_ms_per_record_excluding_embedding"] = round(build_s / args.n * 1000, 3)
    result["index_build_total_extrapolated_min"] = round(
        (build_s + sum(per_rec.values()) * args.n) / 60, 1
    )
    result["rss_mb"] = {
        "process_start": round(rss0, 1),
        "models_loaded": round(rss_models, 1),
        "index_built": round(rss_built, 1),
        "index_only": round(rss_built - rss_models, 1),
    }
    result["vector_bytes_mb"] = round(
        sum(v[: engine._n].nbytes for v in engine._vec.values()) / 2**20, 1
    )

    # 3. Persistence.
    tmp = Path(tempfile.mkdtemp(prefix="matching-bench-"))
    try:
        t = time.perf_counter()
        engine.save(tmp / "idx")
        result["save_s"] = round(time.perf_counter() - t, 2)
        result["disk_mb"] = round(sum(p.stat().st_size for p in (tmp / "idx").iterdir()) / 2**20, 1)
        t = time.perf_counter()
        loaded = MatchingEngine.load(tmp / "idx", encoders=engine._encoders)
        result["load_s"] = round(time.perf_counter() - t, 2)
        assert len(loaded) == len(engine)
        del loaded
        gc.collect()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    # 4. Query latency (query embedding included: cache cleared before each query).
    sets = query_sets()
    # Needs published on the platform are indexed records: matching "for this need"
    # reuses their stored vectors (no query embedding at request time).
    need_ids = []
    for i, (lang, text) in enumerate(sets["full"]):
        engine.upsert(Record(f"NEED{i:03d}", "need", text, language=lang))
        need_ids.append(f"NEED{i:03d}")
    allowed = {r.id for r in random.Random(1).sample(records, min(len(records), 50_000))}
    # What the product passes for a signed-in viewer: public records (known to the
    # index) plus the private ones they may see, here 200 of them.
    private = [r.id for r in records if not r.is_public]
    extra = set(random.Random(2).sample(private, min(len(private), 200)))
    filters = {
        "": {},
        " + extra_ids (200 private)": {"extra_ids": extra},
        " + allowed_ids (50k)": {"allowed_ids": allowed},
    }
    latency: dict[str, dict] = {}
    modes = [
        ("short text", sets["short"], args.queries),
        ("full need text", sets["full"], min(args.queries, 40)),
        ("indexed need (record_id)", need_ids, args.queries),
    ]
    profiles = [encoders] + ([("e5",)] if encoders != ("e5",) and "e5" in encoders else [])
    for profile in profiles:
        engine.config.encoders = profile
        for set_name, queries, count in modes:
            for filter_name, filter_args in filters.items():
                wall, cpu = [], []
                for i in range(count + 5):
                    item = queries[i % len(queries)]
                    engine._qcache.clear()
                    t, c = time.perf_counter(), time.process_time()
                    if isinstance(item, str):
                        res = engine.search(
                            record_id=item,
                            k=10,
                            viewer_lang="en",
                            **filter_args,
                        )
                    else:
                        res = engine.search(
                            text=item[1],
                            language=item[0],
                            k=10,
                            viewer_lang="en",
                            **filter_args,
                        )
                    dt, dc = (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000
                    if i >= 5:  # first few warm caches (BM25 posting arrays, tokeniser)
                        wall.append(dt)
                        cpu.append(dc)
                    assert len(res) == 10
                key = f"{'+'.join(profile)} | {set_name}{filter_name}"
                latency[key] = {
                    "n": len(wall),
                    "p50_ms": round(percentile(wall, 50), 1),
                    "p95_ms": round(percentile(wall, 95), 1),
                    "p99_ms": round(percentile(wall, 99), 1),
                    "mean_ms": round(statistics.fmean(wall), 1),
                    "cpu_p50_ms": round(percentile(cpu, 50), 1),
                    "cpu_p95_ms": round(percentile(cpu, 95), 1),
                }
                print(f"  latency {key}: {latency[key]}", flush=True)
    engine.config.encoders = encoders
    result["load_average_during_queries"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    # Query embedding cost alone, for the breakdown.
    enc_ms = {}
    for name in encoders:
        enc = engine.encoder(name)
        for set_name, queries in sets.items():
            ts = []
            for _lang, text in queries[:20]:
                t = time.perf_counter()
                enc.encode([text], is_query=True)
                ts.append((time.perf_counter() - t) * 1000)
            enc_ms[f"{name}/{set_name}"] = round(statistics.median(ts), 1)
    result["latency"] = latency
    result["query_embedding_median_ms"] = enc_ms

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"matching-{args.n}.json").write_text(json.dumps(result, indent=2) + "\n")
    (out / f"matching-{args.n}.md").write_text(render_md(result))
    print(json.dumps(result, indent=2))
    return result


def render_md(r: dict) -> str:
    lines = [
        f"# Matching benchmark, {r['n_records']:,} technology records",
        "",
        f"CPUs {r['cpus']}, one BLAS/OpenMP thread, Python {r['python']}, numpy {r['numpy']}, "
        f"encoders {', '.join(r['encoders'])}; engine settings {r.get('engine_config')}.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| embedding CPU per record (measured on {r['n_base_texts']} texts) | "
        + ", ".join(f"{k} {v} ms" for k, v in r["embed_ms_per_record"].items())
        + " |",
        f"| embedding all records (extrapolated) | {r['embed_all_extrapolated_min']} min |",
        f"| index build excluding embedding | {r['index_build_s_excluding_embedding']} s wall, "
        f"{r['index_build_cpu_s_excluding_embedding']} s CPU |",
        f"| index build total (extrapolated) | {r['index_build_total_extrapolated_min']} min |",
        f"| RSS of index (excl. models) | {r['rss_mb']['index_only']} MB |",
        f"| dense vectors | {r['vector_bytes_mb']} MB |",
        f"| on disk | {r['disk_mb']} MB; save {r['save_s']} s, load {r['load_s']} s |",
        "",
        "Wall-clock latency is what a user waits; CPU time (process CPU of the single-"
        "threaded search) is what it costs on an otherwise idle core. The load average "
        f"during the query phase was {r.get('load_average_during_queries')}.",
        "",
        "| encoders | query set | n | p50 ms | p95 ms | p99 ms | mean ms | CPU p50 | CPU p95 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for key, v in r["latency"].items():
        lines.append(
            f"| {key} | {v['n']} | {v['p50_ms']} | {v['p95_ms']} | {v['p99_ms']} | {v['mean_ms']} "
            f"| {v['cpu_p50_ms']} | {v['cpu_p95_ms']} |"
        )
    lines += [
        "",
        "Query embedding alone (median ms): "
        + ", ".join(f"{k} {v}" for k, v in r["query_embedding_median_ms"].items()),
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
