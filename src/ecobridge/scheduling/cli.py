"""``ecobridge schedule ...``: solve, validate, explain, resolve and convert B2B schedules."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .io import FormatError, load_instance, load_solution, write_instance, write_solution
from .model import Instance, Solution
from .validate import Report


def _load_instance(path: str) -> Instance:
    try:
        return load_instance(path)
    except FormatError as exc:
        click.echo(f"{path}: {exc}", err=True)
        sys.exit(2)


def _load_solution(path: str) -> Solution:
    try:
        return load_solution(path)
    except FormatError as exc:
        click.echo(f"{path}: {exc}", err=True)
        sys.exit(2)


def _measure_name(inst: Instance) -> str:
    return "breaks" if inst.objective.measure == "breaks" else "idle"


@click.group()
def schedule() -> None:
    """B2B meeting scheduling (format ecobridge-b2b/1 and /2)."""


def _progress_printer(inst: Instance):
    from .cpsat import Progress

    label = _measure_name(inst)

    def show(p: Progress) -> None:
        parts = [f"[{p.elapsed:7.1f}s] {p.source:<7}"]
        if p.weight is not None:
            parts.append(f"weight {p.weight}")
            parts.append(f"{label} {p.measure}")
        if p.changes is not None:
            parts.append(f"changed {p.changes}")
        if p.weight_bound is not None:
            parts.append(f"bound weight <= {p.weight_bound}")
        if p.measure_bound is not None:
            parts.append(f"bound {label} >= {p.measure_bound}")
        click.echo("  ".join(parts))

    return show


def _summary(result, inst: Instance) -> dict:
    rep = result.report
    g = result.greedy_report
    label = _measure_name(inst)
    out = {
        "status": result.status,
        "time_s": round(result.elapsed, 2),
        "weight": rep.weight if rep else None,
        label: result.measure,
        "meetings": rep.meetings if rep else None,
        "weight_bound": result.weight_bound,
        "weight_gap": None if result.weight_gap is None else round(result.weight_gap, 4),
        f"{label}_lower_bound": result.measure_bound,
        "greedy_weight": g.weight,
        f"greedy_{label}": g.breaks if label == "breaks" else g.idle,
        "greedy_valid": g.valid,
    }
    if result.changes is not None:
        out["changed"] = result.changes
    if result.message:
        out["message"] = result.message
    return out


@schedule.command()
@click.argument("instance", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="Solution file; rewritten atomically at every improvement.",
)
@click.option("--time-limit", default=60.0, show_default=True, help="Seconds.")
@click.option("--workers", default=2, show_default=True, help="CP-SAT search workers.")
@click.option(
    "--seed", default=0, show_default=True, help="Random seed (reproducible with --workers 1)."
)
@click.option("--log", is_flag=True, help="Show the CP-SAT search log.")
def solve(
    instance: str, output: str, time_limit: float, workers: int, seed: int, log: bool
) -> None:
    """Optimise INSTANCE and write the best valid schedule to OUTPUT as it improves."""
    from .cpsat import solve as run

    inst = _load_instance(instance)

    def save(sol: Solution, rep: Report) -> None:
        write_solution(output, sol)

    result = run(
        inst,
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        on_progress=_progress_printer(inst),
        on_solution=save,
        log_search=log,
    )
    summary = _summary(result, inst)
    summary["output"] = output if result.solution is not None else None
    click.echo(json.dumps(summary, indent=1))
    if result.solution is None:
        click.echo(f"no valid schedule found: {result.message or result.status}", err=True)
        sys.exit(2)


@schedule.command()
@click.argument("instance", type=click.Path(exists=True, dir_okay=False))
@click.argument("solution", type=click.Path(exists=True, dir_okay=False))
def validate(instance: str, solution: str) -> None:
    """Check SOLUTION against every hard constraint of INSTANCE; print JSON metrics.

    Exits 1 when the schedule is invalid.
    """
    from .validate import validate as check

    rep = check(_load_instance(instance), _load_solution(solution))
    click.echo(json.dumps(rep.to_dict(), indent=1))
    if not rep.valid:
        sys.exit(1)


@schedule.command()
@click.argument("instance", type=click.Path(exists=True, dir_okay=False))
@click.argument("solution", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--request", "request_id", required=True, help="Request id to explain.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def explain(instance: str, solution: str | None, request_id: str, as_json: bool) -> None:
    """Say in plain words why a request is not held (or cannot be)."""
    from .explain import explain as why

    inst = _load_instance(instance)
    sol = _load_solution(solution) if solution else None
    try:
        ex = why(inst, request_id, sol)
    except KeyError as exc:
        click.echo(str(exc.args[0]), err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps(ex.to_dict(), indent=1))
    else:
        click.echo(ex.text())


@schedule.command()
@click.argument("instance", type=click.Path(exists=True, dir_okay=False))
@click.argument("previous", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False))
@click.option("--time-limit", default=30.0, show_default=True)
@click.option("--workers", default=2, show_default=True)
@click.option("--seed", default=0, show_default=True)
def resolve(
    instance: str, previous: str, output: str, time_limit: float, workers: int, seed: int
) -> None:
    """Re-plan after changes, keeping PREVIOUS meetings in place where possible.

    Objective: weight, then fewest moved or dropped meetings, then idle.
    """
    from .resolve import resolve as run

    inst = _load_instance(instance)
    prev = _load_solution(previous)

    def save(sol: Solution, rep: Report) -> None:
        write_solution(output, sol)

    result, changes = run(
        inst,
        prev,
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        on_progress=_progress_printer(inst),
        on_solution=save,
    )
    click.echo(json.dumps(_summary(result, inst), indent=1))
    if result.solution is None:
        click.echo(f"no valid schedule found: {result.message or result.status}", err=True)
        sys.exit(2)
    click.echo(f"{len(changes)} change(s):")
    for line in changes:
        click.echo(f"  {line}")


@schedule.command("convert-dzn")
@click.argument("dzn", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Defaults to the input name with .json."
)
@click.option(
    "--fairness",
    default=2,
    show_default=True,
    help="Fairness bound d (not stored in the .dzn files; 2 in the papers).",
)
def convert_dzn(dzn: str, output: str | None, fairness: int) -> None:
    """Convert a MiniZinc B2B instance (Bofill et al.) to ecobridge-b2b/2 JSON."""
    from .dzn import DznError, convert_file

    try:
        inst = convert_file(dzn, fairness=fairness)
    except DznError as exc:
        click.echo(f"{dzn}: {exc}", err=True)
        sys.exit(2)
    out = output or str(Path(dzn).with_suffix(".json"))
    write_instance(out, inst)
    click.echo(
        f"{out}: {len(inst.participants)} participants, {len(inst.requests)} requests, "
        f"{len(inst.slots)} slots, {len(inst.tables)} tables"
    )
