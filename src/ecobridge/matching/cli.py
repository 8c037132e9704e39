"""``ecobridge match`` commands (no Django needed)."""

from __future__ import annotations

import json
import os
import sys
import time

import click


@click.group()
def match() -> None:
    """Cross-lingual technology–need matching."""


@match.command("eval")
@click.option("--technologies", "tech_path", required=True, type=click.Path(exists=True))
@click.option("--needs", "needs_path", required=True, type=click.Path(exists=True))
@click.option("--qrels", "qrels_path", required=True, type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@click.option("--glossary", "glossary_path", type=click.Path(), default=None)
@click.option(
    "--encoders",
    default="e5,use",
    show_default=True,
    help="Comma-separated dense encoders (e5, use; 'hash' is a model-free test stand-in).",
)
@click.option(
    "--run-out",
    type=click.Path(),
    default=None,
    help="Also write the full engine's ranking as need_id,technology_id,rank CSV.",
)
def eval_cmd(
    tech_path: str,
    needs_path: str,
    qrels_path: str,
    as_json: bool,
    glossary_path: str | None,
    encoders: str,
    run_out: str | None,
) -> None:
    """nDCG@10, Recall@10 and MRR for the full engine and two baselines."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from .engine import EngineConfig, MatchingEngine
    from .evaluate import (
        evaluate_run,
        load_qrels,
        need_records,
        run_engine,
        systems_for,
        technology_records,
    )

    started = time.perf_counter()
    techs = technology_records(tech_path)
    needs = need_records(needs_path)
    qrels = load_qrels(qrels_path)
    config = EngineConfig(
        encoders=tuple(e.strip() for e in encoders.split(",") if e.strip()),
        glossary_path=glossary_path,
    )
    systems = systems_for(config)
    runs = run_engine(lambda: MatchingEngine(config), techs, needs, systems)
    lang = {n.id: n.primary_language() for n in needs}
    report = {name: evaluate_run(runs[name], qrels, lang) for name in systems}
    elapsed = time.perf_counter() - started
    if run_out:
        with open(run_out, "w", encoding="utf-8") as fh:
            fh.write("need_id,technology_id,rank\n")
            for need_id, ranked in runs["full"].items():
                for i, tid in enumerate(ranked, start=1):
                    fh.write(f"{need_id},{tid},{i}\n")
    if as_json:
        json.dump(
            {"systems": report, "n_needs": len(qrels), "seconds": round(elapsed, 1)},
            sys.stdout,
            indent=2,
        )
        sys.stdout.write("\n")
        return
    groups = ["all", *sorted(g for g in report["full"] if g != "all")]
    for metric in ("nDCG@10", "Recall@10", "MRR"):
        click.echo(f"\n{metric}")
        header = f"{'system':<12}" + "".join(
            f"{g + '(' + str(int(report['full'][g]['n'])) + ')':>10}" for g in groups
        )
        click.echo(header)
        for name in systems:
            row = f"{name:<12}" + "".join(f"{report[name][g][metric]:>10.3f}" for g in groups)
            click.echo(row)
    full, bm25 = report["full"]["all"]["nDCG@10"], report["bm25"]["all"]["nDCG@10"]
    ratio = full / bm25 if bm25 else float("inf")
    click.echo(f"\nfull/bm25 nDCG@10 ratio: {ratio:.2f}   ({elapsed:.1f} s)")
