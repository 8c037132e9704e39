"""Exact search for the literature's variant: every meeting held, fewest breaks.

When every request is mandatory (or locked) and the objective counts breaks, the
weight is fixed and only the timetable's breaks remain to minimise. Published
optima are tiny (0 to 6 breaks on the JAIR 2022 instances), so the search goes
bottom-up: "is there a timetable with at most k breaks?" for k = 0, 1, 2, ...,
each answered by a CDCL SAT solver on a clausal encoding close to the MaxSAT
model of Bofill et al. (JAIR 2022): meeting × slot literals, busy literals per
participant and slot, block starts, their implied constraints (each participant
busy in exactly |M_p| slots, at most 2·tables busy participants per slot), table
capacity counted over clusters of meetings that share a participant, a
per-participant counter capped by the fairness bound and one incremental
totalizer over all breaks. The first k that is satisfiable is the optimum,
proven by the unsatisfiable k - 1 before it.

Interpreters are not modelled here (the literature has none); instances with
interpreter needs take the CP-SAT path.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from pysat.card import CardEnc, EncType, ITotalizer
from pysat.formula import IDPool
from pysat.solvers import Solver

from .model import MEASURE_BREAKS, Instance, allowed_slots, needs_interpreter

SOLVER = "cadical195"


def applies(inst: Instance) -> bool:
    """True when this search is exact for the instance (see the module text)."""
    if inst.objective.measure != MEASURE_BREAKS:
        return False
    locked = inst.locked_by_request
    if not all(r.mandatory or r.id in locked for r in inst.requests):
        return False
    people = inst.participant_by_id
    if any(needs_interpreter(people[r.a], people[r.b]) for r in inst.requests):
        return False
    if any(p.max_meetings is not None for p in inst.participants):
        return False
    return inst.objective.fairness is None or _fairness_min_is_zero(inst)


def _fairness_min_is_zero(inst: Instance) -> bool:
    # A participant with at most one meeting always has 0 breaks, so the
    # fairness rule max - min <= d becomes "at most d breaks each".
    count: dict[str, int] = defaultdict(int)
    for r in inst.requests:
        count[r.a] += 1
        count[r.b] += 1
    return any(count[p.id] <= 1 for p in inst.participants)


@dataclass
class Encoding:
    clauses: list[list[int]] = field(default_factory=list)
    x: dict[str, dict[int, int]] = field(default_factory=dict)
    break_lits: list[int] = field(default_factory=list)
    infeasible: str | None = None
    top: int = 0


def encode(inst: Instance) -> Encoding:
    pool = IDPool()
    enc = Encoding()
    cl = enc.clauses
    T = len(inst.slots)
    pos = inst.slot_index
    locked = inst.locked_by_request

    def card(lits: list[int], bound: int, kind: str) -> None:
        if kind == "atmost" and len(lits) <= bound:
            return
        fn = CardEnc.atmost if kind == "atmost" else CardEnc.equals
        if kind == "atmost" and bound == 1:
            # Pairwise for small sets: no auxiliaries, strongest propagation.
            how = EncType.pairwise if len(lits) <= 6 else EncType.seqcounter
        else:
            how = EncType.seqcounter if kind == "atmost" else EncType.totalizer
        res = fn(lits=lits, bound=bound, vpool=pool, encoding=how)
        cl.extend(res.clauses)

    # Meeting x slot literals.
    for r in inst.requests:
        if r.id in locked:
            slots = [pos[locked[r.id].slot]]
        else:
            slots = [pos[s] for s in allowed_slots(inst, r)]
        if not slots:
            enc.infeasible = f"request '{r.id}' has no possible slot"
            return enc
        enc.x[r.id] = {t: pool.id(("x", r.id, t)) for t in slots}
        lits = list(enc.x[r.id].values())
        cl.append(lits)
        card(lits, 1, "atmost")

    # Busy literals: busy[p,t] <-> some meeting of p at t; one meeting per slot.
    mine: dict[str, list[str]] = defaultdict(list)
    for r in inst.requests:
        mine[r.a].append(r.id)
        mine[r.b].append(r.id)
    clusters = _clusters(inst, mine)
    busy: dict[str, list[int | None]] = {}
    for p in inst.participants:
        row: list[int | None] = [None] * T
        for t in range(T):
            lits = [enc.x[rid][t] for rid in mine[p.id] if t in enc.x[rid]]
            if not lits:
                continue
            b = pool.id(("busy", p.id, t))
            row[t] = b
            for v in lits:
                cl.append([-v, b])
            cl.append([-b, *lits])
            card(lits, 1, "atmost")
        busy[p.id] = row
        used = [b for b in row if b is not None]
        if mine[p.id]:
            # Implied constraint 1: p is busy in exactly |M_p| slots.
            if len(mine[p.id]) > len(used):
                enc.infeasible = f"participant '{p.id}' has more meetings than possible slots"
                return enc
            card(used, len(mine[p.id]), "equals")

    # Tables, counted over clusters of meetings that share a participant (the
    # "+" refinement of Bofill et al.): at most one meeting of a cluster fits in
    # a slot, so one literal per cluster and slot stands for all of them and the
    # counter has 2 to 4 times fewer inputs. On ticf-13crafc this turned a
    # search that ran past 100 s into one of 5 s.
    L = len(inst.tables)
    for t in range(T):
        lits = []
        for k, cluster in enumerate(clusters):
            xs = [enc.x[rid][t] for rid in cluster if t in enc.x[rid]]
            if len(xs) == 1:
                lits.append(xs[0])
            elif xs:
                c = pool.id(("cluster", k, t))
                for v in xs:
                    cl.append([-v, c])
                cl.append([-c, *xs])
                lits.append(c)
        card(lits, L, "atmost")
        bs = [row[t] for row in busy.values() if row[t] is not None]
        card(bs, 2 * L, "atmost")

    # Precedences: r at t forbids each of its predecessors at t or later.
    for r in inst.requests:
        for before in r.after:
            xb = enc.x.get(before)
            if not xb:
                continue
            later: dict[int, int] = {}
            acc = None
            for t in range(T - 1, -1, -1):
                if t in xb:
                    if acc is None:
                        acc = xb[t]
                    else:
                        v = pool.id(("later", before, t))
                        cl.append([-xb[t], v])
                        cl.append([-acc, v])
                        acc = v
                if acc is not None:
                    later[t] = acc
            for t, v in enc.x[r.id].items():
                if t in later:
                    cl.append([-v, -later[t]])

    # Block starts and breaks per participant.
    fair = inst.objective.fairness
    for p in inst.participants:
        row = busy[p.id]
        if len(mine[p.id]) <= 1:
            continue
        starts = []
        for t in range(T):
            b = row[t]
            if b is None:
                continue
            prev = row[t - 1] if t > 0 else None
            if prev is None:
                starts.append(b)
                continue
            s = pool.id(("start", p.id, t))
            # s <-> b and not prev
            cl.append([-s, b])
            cl.append([-s, -prev])
            cl.append([s, -b, prev])
            starts.append(s)
        if len(starts) <= 1:
            continue
        cap = len(starts) if fair is None else min(len(starts), fair + 1)
        tot = ITotalizer(lits=starts, ubound=cap, top_id=pool.top)
        pool.occupy(pool.top + 1, tot.top_id)
        pool.top = max(pool.top, tot.top_id)
        cl.extend(tot.cnf.clauses)
        # rhs[j] is forced true by at least j + 1 starts (one direction suffices:
        # the bounds only ever forbid outputs, and a spurious true output only
        # raises the cost). rhs[0] always holds, since p has a meeting.
        if cap < len(starts):
            cl.append([-tot.rhs[cap]])
        enc.break_lits.extend(tot.rhs[1:cap])
    enc.top = pool.top
    return enc


@dataclass
class BreaksResult:
    status: str  # "optimal", "infeasible", "unknown"
    timetable: dict[str, int] | None
    lower_bound: int
    # Infeasible before any search: some request or participant has too few slots.
    obvious: bool = False


def search(
    inst: Instance,
    *,
    start: int = 0,
    upper: int | None = None,
    on_bound: Callable[[int], None] | None = None,
    solver: str = SOLVER,
) -> BreaksResult:
    """Bottom-up exact search. Runs to completion; callers bound time by running
    it in a process they can stop (see ``cpsat.solve``)."""
    enc = encode(inst)
    if enc.infeasible:
        return BreaksResult("infeasible", None, 0, obvious=True)
    n_breaks = len(enc.break_lits)
    with Solver(name=solver, bootstrap_with=enc.clauses) as s:
        if n_breaks == 0:
            if not s.solve():
                return BreaksResult("infeasible", None, 0)
            return BreaksResult("optimal", _timetable(enc, s.get_model()), 0)
        cap = n_breaks if upper is None else min(n_breaks, upper)
        tot = ITotalizer(lits=enc.break_lits, ubound=cap + 1, top_id=enc.top)
        s.append_formula(tot.cnf.clauses)
        k = start
        while k <= cap:
            if on_bound:
                on_bound(k)
            assumptions = [-tot.rhs[k]] if k < len(tot.rhs) else []
            if s.solve(assumptions=assumptions):
                return BreaksResult("optimal", _timetable(enc, s.get_model()), k)
            core = s.get_core()
            if core is not None and not core:
                # Unsatisfiable without the bound: the hard constraints clash.
                return BreaksResult("infeasible", None, k)
            k += 1
        if s.solve():
            return BreaksResult("optimal", _timetable(enc, s.get_model()), k)
        return BreaksResult("infeasible", None, k)


def _clusters(inst: Instance, mine: dict[str, list[str]]) -> list[list[str]]:
    """Greedy cover: the participant with most meetings not yet covered, next."""
    left = {r.id for r in inst.requests}
    out = []
    while left:
        p = max(mine, key=lambda q: sum(1 for rid in mine[q] if rid in left))
        group = [rid for rid in mine[p] if rid in left]
        out.append(group)
        left -= set(group)
    return out


def _timetable(enc: Encoding, model: list[int]) -> dict[str, int]:
    true = {v for v in model if v > 0}
    out = {}
    for rid, xs in enc.x.items():
        for t, v in xs.items():
            if v in true:
                out[rid] = t
                break
    return out


def _child(inst: Instance, out) -> None:  # runs in a separate process
    res = search(inst, on_bound=lambda k: out.put(("bound", k)))
    out.put(("done", res))


def search_within(
    inst: Instance,
    time_limit: float,
    *,
    on_bound: Callable[[int], None] | None = None,
) -> BreaksResult:
    """``search`` with a wall-clock limit.

    The SAT solver cannot be interrupted from Python, so it runs in a child
    process that is stopped at the limit; the lower bound proven so far is kept.
    """
    # "spawn": a fresh interpreter, safe whatever threads the caller runs
    # (web workers, Celery, the solver callbacks).
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    proc = ctx.Process(target=_child, args=(inst, out), daemon=True)
    deadline = time.monotonic() + time_limit
    proc.start()
    lb = 0
    try:
        while True:
            wait = deadline - time.monotonic()
            if wait <= 0:
                return BreaksResult("unknown", None, lb)
            try:
                msg = out.get(timeout=min(wait, 0.5))
            except queue.Empty:
                if not proc.is_alive() and out.empty():
                    return BreaksResult("unknown", None, lb)
                continue
            if msg[0] == "bound":
                lb = msg[1]
                if on_bound:
                    on_bound(lb)
            else:
                return msg[1]
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(timeout=5)
        out.close()
