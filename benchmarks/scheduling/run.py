"""Benchmark of the B2B scheduling engine.

Suites:
  ours     the project's instances small/delegation/forum/expo-1.json: weight, idle,
           time, proven gap, against the first-come-first-served baseline;
  jair     the 20 original instances of Bofill et al. (JAIR 2022), fairness 2,
           breaks objective: proven optimum against the published one and the
           best published solver's time (MaxSAT/UWrMaxSat: 81 s total, 23.3 s worst);
  crafted  the 120 crafted variants (forbidden slots, fixed meetings, precedences):
           how many are solved (optimal or proven infeasible) within the limit.

Usage:
  python benchmarks/scheduling/run.py                       # all three suites
  python benchmarks/scheduling/run.py --suite jair          # 60 s per instance
  python benchmarks/scheduling/run.py --suite crafted       # 300 s per instance
  python benchmarks/scheduling/run.py --suite ours --only forum --time-limit 60

Data are read from ../shared next to the repository, or $ECOBRIDGE_SHARED.
Results go to benchmarks/results/scheduling-<suite>-<UTC time>.{json,md}.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))

from ecobridge.scheduling.cpsat import solve  # noqa: E402
from ecobridge.scheduling.dzn import convert_file  # noqa: E402
from ecobridge.scheduling.greedy import greedy  # noqa: E402
from ecobridge.scheduling.io import load_instance  # noqa: E402
from ecobridge.scheduling.validate import validate  # noqa: E402

# Default time limits (s) per own instance, from the targets.
OURS = {"small": 30, "delegation": 60, "forum": 60, "expo": 300}
IDLE_TARGET = {"delegation", "forum"}  # idle <= 0.5 x greedy idle
PAPER_CRAFTED = {"chuffed": [18, 18, 20, 20, 18, 20], "mip": [14, 16, 14, 20, 14, 17]}
VARIANTS = ["forb0003", "forb0007", "fixed020-Forb", "fixed040-Forb", "prec15", "prec25"]


def data_dir() -> Path:
    shared = Path(os.environ.get("ECOBRIDGE_SHARED", REPO.parent / "shared"))
    return shared / "data" / "b2b-instances"


def table(rows: list[dict], cols: list[str]) -> str:
    def cell(v):
        if isinstance(v, float):
            return f"{v:.2f}"
        return "" if v is None else str(v)

    out = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    out += ["| " + " | ".join(cell(r.get(c)) for c in cols) + " |" for r in rows]
    return "\n".join(out)


def run_ours(args) -> tuple[list[dict], list[str], list[str]]:
    rows = []
    for name, default_limit in OURS.items():
        if args.only and not any(o in name for o in args.only):
            continue
        path = data_dir() / f"{name}-1.json"
        inst = load_instance(path)
        t0 = time.monotonic()
        g = validate(inst, greedy(inst))
        g_time = time.monotonic() - t0
        limit = args.time_limit or default_limit
        res = solve(inst, time_limit=limit, workers=args.workers, seed=args.seed)
        rep = validate(inst, res.solution)
        row = {
            "instance": name,
            "valid": rep.valid,
            "status": res.status,
            "weight": rep.weight,
            "weight_bound": res.weight_bound,
            "gap_%": None if res.weight_gap is None else round(100 * res.weight_gap, 2),
            "idle": rep.idle,
            "idle_lb": res.measure_bound,
            "time_s": round(res.elapsed, 1),
            "limit_s": limit,
            "greedy_weight": g.weight,
            "greedy_idle": g.idle,
            "greedy_s": round(g_time, 2),
            "meetings": rep.meetings,
            "starved": len(rep.starved),
        }
        ok = rep.valid and rep.weight >= g.weight
        if name in IDLE_TARGET:
            ok = ok and rep.idle <= 0.5 * g.idle
        row["targets_met"] = ok
        rows.append(row)
        print(
            f"  {name}: weight {rep.weight} (greedy {g.weight}), idle {rep.idle} "
            f"(greedy {g.idle}), {res.status}, {res.elapsed:.1f}s",
            flush=True,
        )
    cols = [
        "instance",
        "valid",
        "status",
        "weight",
        "weight_bound",
        "gap_%",
        "idle",
        "idle_lb",
        "time_s",
        "limit_s",
        "greedy_weight",
        "greedy_idle",
        "meetings",
        "starved",
        "targets_met",
    ]
    return rows, cols, []


def published() -> dict[str, dict]:
    out = {}
    with open(data_dir() / "jair2022-index.csv", newline="") as fh:
        for row in csv.DictReader(fh):
            out[Path(row["path"]).name] = row
    return out


def run_dzn(args, files: list[Path], default_limit: float) -> list[dict]:
    pub = published()
    rows = []
    for f in files:
        inst = convert_file(f, fairness=args.fairness)
        res = solve(
            inst, time_limit=args.time_limit or default_limit, workers=args.workers, seed=args.seed
        )
        p = pub.get(f.name, {})
        opt = p.get("jair_opt_breaks_d2")
        if res.status == "infeasible":
            ours = "infeasible"
        elif res.report is not None:
            ours = res.report.breaks
        else:
            ours = None
        solved = res.status in ("optimal", "infeasible")
        agree = None
        if solved and opt not in (None, "", "?"):
            agree = str(ours) == opt
        row = {
            "instance": f.name.removesuffix(".dzn"),
            "status": res.status,
            "breaks": ours,
            "lower_bound": res.measure_bound,
            "published": opt,
            "agrees": agree,
            "time_s": round(res.elapsed, 2),
            "maxsat_s": p.get("jair_maxsat_time_s_d2"),
            "valid": None if res.solution is None else validate(inst, res.solution).valid,
        }
        rows.append(row)
        print(
            f"  {row['instance']}: {row['status']} {ours} (published {opt}) {res.elapsed:.1f}s",
            flush=True,
        )
    return rows


def run_jair(args):
    files = sorted((data_dir() / "jair2022").glob("*.original.dzn"))
    if args.only:
        files = [f for f in files if any(o in f.name for o in args.only)]
    rows = run_dzn(args, files, default_limit=60)
    solved = [r for r in rows if r["status"] == "optimal"]
    total = sum(r["time_s"] for r in rows)
    worst = max((r["time_s"] for r in rows), default=0)
    notes = [
        f"proven optimal: {len(solved)}/{len(rows)}; agreeing with the published optimum: "
        f"{sum(1 for r in rows if r['agrees'])}",
        f"total time {total:.1f} s, worst {worst:.1f} s "
        "(published best, MaxSAT/UWrMaxSat: 20/20, 81.0 s total, 23.3 s worst, "
        "one core of a Xeon E3-1220v2)",
    ]
    cols = [
        "instance",
        "status",
        "breaks",
        "lower_bound",
        "published",
        "agrees",
        "time_s",
        "maxsat_s",
        "valid",
    ]
    return rows, cols, notes


def run_crafted(args):
    files = sorted(f for f in (data_dir() / "jair2022").glob("*.dzn") if ".original." not in f.name)
    if args.only:
        files = [f for f in files if any(o in f.name for o in args.only)]
    rows = run_dzn(args, files, default_limit=300)
    notes = []
    for k, v in enumerate(VARIANTS):
        mine = [r for r in rows if f".{v}" in r["instance"]]
        if not mine:
            continue
        ok = sum(1 for r in mine if r["status"] in ("optimal", "infeasible"))
        wrong = sum(1 for r in mine if r["agrees"] is False)
        notes.append(
            f"{v}: solved {ok}/{len(mine)} (disagreeing with the paper: {wrong}); paper: "
            f"MaxSAT 20/20, Chuffed {PAPER_CRAFTED['chuffed'][k]}/20, "
            f"MIP {PAPER_CRAFTED['mip'][k]}/20"
        )
    cols = [
        "instance",
        "status",
        "breaks",
        "lower_bound",
        "published",
        "agrees",
        "time_s",
        "maxsat_s",
        "valid",
    ]
    return rows, cols, notes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--suite",
        action="append",
        choices=["ours", "jair", "crafted"],
        help="repeatable; default: ours and jair",
    )
    ap.add_argument("--only", action="append", help="substring filter on instance names")
    ap.add_argument("--time-limit", type=float, help="seconds per instance (default per suite)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--fairness", type=int, default=2)
    ap.add_argument("--out-dir", default=str(REPO / "benchmarks" / "results"))
    args = ap.parse_args(argv)
    suites = args.suite or ["ours", "jair", "crafted"]
    if not data_dir().exists():
        print(f"benchmark data not found at {data_dir()} (set ECOBRIDGE_SHARED)", file=sys.stderr)
        return 2
    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    env = (
        f"{platform.node()} {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPU(s), workers={args.workers}, seed={args.seed}"
    )
    runners = {"ours": run_ours, "jair": run_jair, "crafted": run_crafted}
    for suite in suites:
        print(f"== {suite} ==", flush=True)
        t0 = time.monotonic()
        rows, cols, notes = runners[suite](args)
        md = "\n".join(
            [
                f"# scheduling benchmark: {suite} ({stamp})",
                "",
                f"Command: python benchmarks/scheduling/run.py {' '.join(argv or sys.argv[1:])}",
                f"Machine: {env}. Times are wall-clock and noisy on shared cores.",
                "",
                table(rows, cols),
                "",
                *[f"- {n}" for n in notes],
                f"- suite wall time {time.monotonic() - t0:.0f} s",
                "",
            ]
        )
        print(md, flush=True)
        base = out_dir / f"scheduling-{suite}-{stamp}"
        base.with_suffix(".md").write_text(md)
        base.with_suffix(".json").write_text(
            json.dumps({"suite": suite, "machine": env, "rows": rows, "notes": notes}, indent=1)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
