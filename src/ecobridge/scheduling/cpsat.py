"""Exact optimiser on OR-Tools CP-SAT.

Model (meeting-centred, as the winning MaxSAT encoding of Bofill et al. 2022):

* x[r,t] for each request r and each slot t it could use; tables are identical so
  only their number per slot is constrained, and they are numbered afterwards.
* Interpreters are not decision variables either: per slot, Hall's condition over
  the classes of meetings that need the same set of competent interpreters is
  exactly what makes a complete interpreter matching exist (assign.py finds it).
* Objective, lexicographic through scaling: weight first, then (for re-solving)
  the number of previous meetings moved or dropped, then idle slots or breaks.
"""

from __future__ import annotations

import math
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import combinations

from ortools.sat.python import cp_model

from . import satbreaks
from .assign import assign_resources
from .greedy import greedy
from .model import (
    MEASURE_BREAKS,
    Instance,
    Meeting,
    Solution,
    allowed_slots,
    can_interpret,
    is_available,
    needs_interpreter,
)
from .validate import Report, validate

# Above this many interpreter classes in one slot, Hall rows (2^k) would explode
# and explicit interpreter-assignment variables are used instead.
MAX_HALL_CLASSES = 8


@dataclass
class Progress:
    """One line of progress: a new incumbent or a better bound."""

    elapsed: float
    source: str  # "greedy", "cp-sat" or "bound"
    weight: int | None
    measure: int | None  # idle slots or breaks, per the instance's objective
    changes: int | None
    weight_bound: int | None
    measure_bound: int | None  # lower bound on the measure once the weight is proven


@dataclass
class SolveResult:
    status: str  # optimal, feasible, infeasible, unknown
    solution: Solution | None
    report: Report | None
    greedy_report: Report
    elapsed: float
    weight_bound: int | None = None
    measure_bound: int | None = None
    changes: int | None = None
    message: str = ""
    incumbents: list[Progress] = field(default_factory=list)
    measure_name: str = "idle-slots"

    @property
    def weight_gap(self) -> float | None:
        if self.report is None or self.weight_bound is None:
            return None
        return (self.weight_bound - self.report.weight) / max(1, self.weight_bound)

    @property
    def measure(self) -> int | None:
        if self.report is None:
            return None
        return measure_of(self.report, self.measure_name)


def measure_of(report: Report, measure: str) -> int:
    return report.breaks if measure == MEASURE_BREAKS else report.idle


class _Built:
    """The CP-SAT model and the handles needed to read and bound solutions."""

    def __init__(self, inst: Instance, previous: dict[str, Meeting] | None):
        self.inst = inst
        self.m = cp_model.CpModel()
        self.x: dict[str, dict[int, cp_model.IntVar]] = {}
        self.infeasible_reason: str | None = None
        self.previous = previous or {}
        # Definitions of auxiliary variables, in creation order, so that a hint on
        # the x variables can be completed: CP-SAT uses a complete hint at once,
        # while an incomplete one on a large model often leads nowhere.
        self.defs: list[tuple[cp_model.IntVar, str, list]] = []
        self._build()

    # -- construction ------------------------------------------------------
    def _build(self) -> None:
        inst, m = self.inst, self.m
        pos = inst.slot_index
        people = inst.participant_by_id
        locked = inst.locked_by_request
        T = len(inst.slots)

        # Slots and interpreters used by locked meetings are not available to others.
        locked_party = {(r, pos[lk.slot]) for lk in inst.locked for r in self._parties(lk.request)}
        locked_interp = {(lk.interpreter, pos[lk.slot]) for lk in inst.locked if lk.interpreter}

        self.need: dict[str, bool] = {}
        self.options: dict[tuple[str, int], frozenset[str]] = {}
        for r in inst.requests:
            a, b = people[r.a], people[r.b]
            need = needs_interpreter(a, b)
            self.need[r.id] = need
            slots: list[int] = []
            if r.id in locked:
                slots = [pos[locked[r.id].slot]]
            elif all(p.max_meetings != 0 for p in (a, b)):
                for sid in allowed_slots(inst, r):
                    t = pos[sid]
                    if (a.id, t) in locked_party or (b.id, t) in locked_party:
                        continue
                    if need:
                        opts = frozenset(
                            i.id
                            for i in inst.interpreters
                            if (i.id, t) not in locked_interp
                            and is_available(i, sid)
                            and can_interpret(i, a, b)
                        )
                        if not opts:
                            continue
                        self.options[(r.id, t)] = opts
                    slots.append(t)
            if not slots and (r.mandatory or r.id in locked):
                self.infeasible_reason = f"mandatory request '{r.id}' has no possible slot"
            self.x[r.id] = {t: m.NewBoolVar(f"x_{r.id}_{t}") for t in slots}

        self.held: dict[str, cp_model.LinearExpr] = {}
        for r in inst.requests:
            xs = list(self.x[r.id].values())
            self.held[r.id] = sum(xs) if xs else 0
            if r.mandatory or r.id in locked:
                if xs:
                    m.AddExactlyOne(xs)
                else:
                    m.Add(0 == 1)
            elif len(xs) > 1:
                m.AddAtMostOne(xs)
        for rid in locked:
            for v in self.x[rid].values():
                m.Add(v == 1)

        # Participants: one meeting per slot, cap.
        self.by_party: dict[str, dict[int, list[cp_model.IntVar]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for r in inst.requests:
            for t, v in self.x[r.id].items():
                self.by_party[r.a][t].append(v)
                self.by_party[r.b][t].append(v)
        self.busy: dict[str, list] = {}
        for p in inst.participants:
            slots = self.by_party.get(p.id, {})
            row: list = [0] * T
            for t, vs in slots.items():
                if len(vs) == 1:
                    row[t] = vs[0]
                else:
                    b = m.NewBoolVar(f"busy_{p.id}_{t}")
                    m.Add(sum(vs) == b)
                    self.defs.append((b, "sum", vs))
                    row[t] = b
            self.busy[p.id] = row
            total = [v for vs in slots.values() for v in vs]
            if p.max_meetings is not None and len(total) > p.max_meetings:
                m.Add(sum(total) <= p.max_meetings)
            busy_vars = [v for v in row if not isinstance(v, int)]
            mine = [r for r in inst.requests if p.id in (r.a, r.b)]
            if busy_vars and all(r.mandatory or r.id in locked for r in mine):
                # Implied constraint 1 of Bofill et al.: p is busy in exactly
                # |M_p| slots. Stated on the busy literals it gives propagation
                # and LP a handle that the x-level rows do not.
                m.Add(sum(busy_vars) == len(mine))
            elif len(busy_vars) > 1:
                m.Add(sum(busy_vars) == sum(total))

        # Tables.
        per_slot: dict[int, list] = defaultdict(list)
        for r in inst.requests:
            for t, v in self.x[r.id].items():
                per_slot[t].append(v)
        for t, vs in per_slot.items():
            if len(vs) > len(inst.tables):
                m.Add(sum(vs) <= len(inst.tables))
            # Implied constraint 2 (Bofill et al.): busy participants in a slot are
            # twice the meetings there, so at most 2|tables| and even.
            busy_t = [row[t] for row in self.busy.values() if not isinstance(row[t], int)]
            if len(busy_t) > 1:
                m.Add(sum(busy_t) == 2 * sum(vs))

        self._interpreters(per_slot)
        self._precedences()
        self._objective()

    def _parties(self, rid: str) -> tuple[str, str]:
        r = self.inst.request_by_id[rid]
        return (r.a, r.b)

    def _interpreters(self, per_slot: dict[int, list]) -> None:
        inst, m = self.inst, self.m
        for t in range(len(inst.slots)):
            classes: dict[frozenset[str], list] = defaultdict(list)
            for r in inst.requests:
                if self.need[r.id] and t in self.x[r.id] and r.id not in inst.locked_by_request:
                    classes[self.options[(r.id, t)]].append(self.x[r.id][t])
            if not classes:
                continue
            keys = list(classes)
            if len(keys) <= MAX_HALL_CLASSES:
                for k in range(1, len(keys) + 1):
                    for subset in combinations(keys, k):
                        union = frozenset().union(*subset)
                        vs = [v for c in subset for v in classes[c]]
                        if len(vs) > len(union):
                            m.Add(sum(vs) <= len(union))
            else:
                # Explicit assignment: each meeting needing one takes exactly one.
                y: dict[str, list] = defaultdict(list)
                for c, vs in classes.items():
                    for v in vs:
                        ys = []
                        for i in sorted(c):
                            yv = m.NewBoolVar("")
                            y[i].append(yv)
                            ys.append(yv)
                        m.Add(sum(ys) == v)
                for ys in y.values():
                    m.AddAtMostOne(ys)

    def _precedences(self) -> None:
        inst, m = self.inst, self.m
        for r in inst.requests:
            xr = self.x[r.id]
            for sid in r.after:
                xs = self.x.get(sid)
                if not xr or not xs:
                    continue
                # r in slot t forbids its predecessor in any slot t' >= t. This
                # propagates well and needs no "held" enforcement literals, since
                # the precedence only binds when both are held.
                for t, v in xr.items():
                    later = [w for tt, w in xs.items() if tt >= t]
                    if later:
                        m.Add(sum(later) == 0).OnlyEnforceIf(v)

    def _objective(self) -> None:
        inst, m = self.inst, self.m
        T = len(inst.slots)
        breaks_mode = inst.objective.measure == MEASURE_BREAKS
        fair = inst.objective.fairness
        # A participant with at most one possible meeting has measure 0, so then the
        # fairness minimum is 0 and the cheaper one-sided encoding is exact enough:
        # it can only overstate a measure, never hide a violation.
        min_is_zero = True
        if fair is not None:
            n_req: dict[str, int] = defaultdict(int)
            for r in inst.requests:
                if self.x[r.id]:
                    n_req[r.a] += 1
                    n_req[r.b] += 1
            min_is_zero = any(
                (p.max_meetings is not None and p.max_meetings <= 1) or n_req[p.id] <= 1
                for p in inst.participants
            )
        exact = not min_is_zero
        session = [s.session for s in inst.slots]
        self.measure_terms: list = []
        self.offset_of: dict[str, int] = {}
        self.forced = {r.id: r.mandatory or r.id in inst.locked_by_request for r in inst.requests}
        self.requests_of: dict[str, list[str]] = defaultdict(list)
        for r in inst.requests:
            self.requests_of[r.a].append(r.id)
            self.requests_of[r.b].append(r.id)
        per_person: dict[str, list] = {}
        self.measure_ub = 0
        for p in inst.participants:
            row = self.busy[p.id]
            if not any(not isinstance(v, int) for v in row):
                per_person[p.id] = []
                continue
            terms: list = []
            if breaks_mode and all(self.forced.get(rid, False) for rid in self.requests_of[p.id]):
                # Every meeting of p is held, so p has at least one: breaks are the
                # block starts minus one. No prefix chains needed.
                offset_terms = []
                for t in range(T):
                    b = row[t]
                    if isinstance(b, int):
                        continue
                    prev = row[t - 1] if t > 0 else 0
                    if isinstance(prev, int):
                        offset_terms.append(b)  # a start whenever busy
                        continue
                    st = m.NewBoolVar(f"start_{p.id}_{t}")
                    self.defs.append((st, "and_not", [b, 1, prev]))
                    # Full equivalence: the upper side costs two clauses and lets
                    # search reason about where blocks may start.
                    m.AddBoolAnd([b, prev.Not()]).OnlyEnforceIf(st)
                    m.AddBoolOr([st, b.Not(), prev])
                    offset_terms.append(st)
                terms = offset_terms
                # Implied: p has a meeting, so at least one block.
                m.Add(sum(terms) >= 1)
                self.offset_of[p.id] = 1
            elif breaks_mode:
                # brk[t]: a block starts at t after an earlier block ended.
                pre = self._prefix_or(row, range(T), exact, f"pre_{p.id}")
                for t in range(2, T):
                    if isinstance(row[t], int) or isinstance(pre[t - 1], int):
                        continue
                    brk = m.NewBoolVar(f"brk_{p.id}_{t}")
                    prev = row[t - 1]
                    self.defs.append((brk, "and_not", [row[t], pre[t - 1], prev]))
                    if exact:
                        lits = [row[t], pre[t - 1]] + (
                            [] if isinstance(prev, int) else [prev.Not()]
                        )
                        m.AddBoolAnd(lits).OnlyEnforceIf(brk)
                        m.AddBoolOr([brk] + [lit.Not() for lit in lits])
                    else:
                        m.Add(brk >= row[t] - prev + pre[t - 1] - 1)
                    terms.append(brk)
                self.measure_ub += max(0, (T - 1) // 2)
            else:
                for s in inst.sessions:
                    ts = [t for t in range(T) if session[t] == s]
                    avail = [t for t in ts if is_available(p, inst.slots[t].id)]
                    if len(avail) < 3:
                        continue
                    pre = self._prefix_or(row, ts, exact, f"pre_{p.id}_{s}")
                    suf = self._prefix_or(row, list(reversed(ts)), exact, f"suf_{p.id}_{s}")
                    for t in avail:
                        if isinstance(pre[t], int) or isinstance(suf[t], int):
                            continue
                        idle = m.NewBoolVar(f"idle_{p.id}_{t}")
                        b = row[t]
                        self.defs.append((idle, "and_not", [pre[t], suf[t], b]))
                        if exact:
                            lits = [pre[t], suf[t]] + ([] if isinstance(b, int) else [b.Not()])
                            m.AddBoolAnd(lits).OnlyEnforceIf(idle)
                            m.AddBoolOr([idle] + [lit.Not() for lit in lits])
                        else:
                            m.Add(idle >= pre[t] + suf[t] - 1 - b)
                        terms.append(idle)
                    self.measure_ub += len(avail) - 2
            per_person[p.id] = terms
            self.measure_terms.extend(terms)
        # One integer per participant for its idle slots or breaks. Search and
        # bounding work markedly better on these than on the flat Boolean sum
        # (forumt-14: optimum proven vs. stuck far from it).
        self.per_person: dict[str, cp_model.IntVar] = {}
        for pid, terms in per_person.items():
            if not terms:
                continue
            off = self.offset_of.get(pid, 0)
            hi = len(terms) - off
            if fair is not None and min_is_zero:
                hi = min(hi, fair)
            v = m.NewIntVar(0, max(0, hi), f"measure_{pid}")
            m.Add(v == sum(terms) - off)
            self.defs.append((v, "sum_off", [terms, off]))
            self.per_person[pid] = v
        if fair is not None and not min_is_zero:
            lo = m.NewIntVar(0, T, "min_measure")
            zero = any(not terms for terms in per_person.values())
            m.AddMinEquality(lo, [*self.per_person.values(), *([0] if zero else [])])
            self.defs.append((lo, "min_of", [list(self.per_person.values()), zero]))
            for v in self.per_person.values():
                m.Add(v <= lo + fair)

        self.weight_expr = sum(r.weight * v for r in inst.requests for v in self.x[r.id].values())
        self.measure_expr = sum(self.per_person.values()) if self.per_person else 0
        # Changes against a previous solution: a previous meeting not kept in its slot.
        self.keep_terms = []
        self.n_previous = 0
        pos = inst.slot_index
        for rid, pm in self.previous.items():
            if rid not in inst.request_by_id:
                continue
            self.n_previous += 1
            t = pos.get(pm.slot)
            v = self.x[rid].get(t) if t is not None else None
            if v is not None:
                self.keep_terms.append(v)
        self.K_measure = self.measure_ub + 1
        self.K_change = (self.n_previous + 1) * self.K_measure if self.previous else self.K_measure
        self.keep_expr = sum(self.keep_terms) if self.keep_terms else 0

    def objective_weight(self) -> None:
        self.m.ClearObjective()
        self.m.Maximize(self.weight_expr)

    def objective_rest(self) -> None:
        """After the weight: moved or dropped previous meetings, then the measure."""
        self.m.ClearObjective()
        if self.previous:
            self.m.Minimize(self.K_measure * (self.n_previous - self.keep_expr) + self.measure_expr)
        else:
            self.m.Minimize(self.measure_expr)

    def objective_lex(self) -> None:
        """Weight, then kept previous meetings, then the measure, scaled into one sum."""
        self.m.ClearObjective()
        self.m.Maximize(
            self.K_change * self.weight_expr
            + (self.K_measure * self.keep_expr if self.previous else 0)
            - self.measure_expr
        )

    def _prefix_or(self, row: list, order, exact: bool, name: str) -> dict[int, object]:
        """pre[t] = some busy slot strictly before t in the given order."""
        m = self.m
        out: dict[int, object] = {}
        acc: object = 0
        prev_t = None
        for t in order:
            if prev_t is not None:
                b = row[prev_t]
                if isinstance(b, int):
                    pass
                elif isinstance(acc, int):
                    acc = b
                else:
                    v = m.NewBoolVar(f"{name}_{t}")
                    self.defs.append((v, "or", [acc, b]))
                    if exact:
                        m.AddMaxEquality(v, [acc, b])
                    else:
                        m.AddImplication(acc, v)
                        m.AddImplication(b, v)
                    acc = v
            out[t] = acc
            prev_t = t
        return out

    # -- reading -------------------------------------------------------------
    def timetable(self, value: Callable) -> dict[str, str]:
        slots = self.inst.slots
        out = {}
        for rid, xs in self.x.items():
            for t, v in xs.items():
                if value(v):
                    out[rid] = slots[t].id
                    break
        return out

    def hint(self, sol: Solution) -> None:
        """Hint every variable: x from the schedule, the rest from their definitions."""
        pos = self.inst.slot_index
        at = {m.request: pos.get(m.slot) for m in sol.meetings}
        val: dict[int, int] = {}

        def get(e) -> int:
            return e if isinstance(e, int) else val[e.Index()]

        for rid, xs in self.x.items():
            for t, v in xs.items():
                val[v.Index()] = 1 if at.get(rid) == t else 0
                self.m.AddHint(v, val[v.Index()])
        for var, kind, args in self.defs:
            if kind == "sum":
                out = sum(get(a) for a in args)
            elif kind == "or":
                out = max(get(a) for a in args)
            elif kind == "and_not":  # args[0] and args[1] and not args[2]
                out = int(get(args[0]) and get(args[1]) and not get(args[2]))
            elif kind == "sum_off":
                out = sum(get(a) for a in args[0]) - args[1]
            else:  # min_of
                out = min([get(a) for a in args[0]] + ([0] if args[1] else []), default=0)
            val[var.Index()] = out
            self.m.AddHint(var, out)

    def bounds(self, bound: float) -> tuple[int, int | None]:
        """Weight upper bound, and a measure lower bound valid for solutions at it."""
        # The lower-order part of the objective is above -(K_measure - 1), so
        # K_change * weight - (K_measure - 1) <= bound.
        return math.floor((bound + self.K_measure - 1) / self.K_change), None


# Share of the time limit for the SAT search on the literature's variant; CP-SAT
# gets the rest (with the SAT lower bound) if the SAT search does not finish.
SAT_SHARE = 0.75


def _better(a: Report, b: Report | None, measure: str, ca: int = 0, cb: int = 0) -> bool:
    if b is None:
        return True
    return (a.weight, -ca, -measure_of(a, measure)) > (b.weight, -cb, -measure_of(b, measure))


def solve(
    instance: Instance,
    *,
    time_limit: float = 60.0,
    workers: int = 2,
    seed: int = 0,
    on_progress: Callable[[Progress], None] | None = None,
    on_solution: Callable[[Solution, Report], None] | None = None,
    previous: Solution | None = None,
    hint: Solution | None = None,
    log_search: bool = False,
    params: dict | None = None,
    weight_share: float = 0.35,
) -> SolveResult:
    """Optimise an instance; every solution passed to ``on_solution`` is valid.

    Two phases: first the total weight alone (its LP bound is tight, so it is
    usually proven quickly), then, with the weight held at least at the best
    found, the full lexicographic objective. ``weight_share`` caps the first
    phase's share of the time limit.

    ``previous`` switches on re-solving: meetings kept in their previous slot
    count, between weight and idle, in the lexicographic objective.
    """
    t0 = time.monotonic()
    measure = instance.objective.measure
    prev_map = {mt.request: mt for mt in previous.meetings} if previous else {}
    lock = threading.Lock()
    best: dict = {"sol": None, "rep": None, "changes": 0}
    bounds: dict = {"w_ub": None, "m_lb": None}
    progress_log: list[Progress] = []

    def n_changes(sol: Solution) -> int:
        if not previous:
            return 0
        new = sol.by_request
        return sum(1 for rid, pm in prev_map.items() if rid not in new or new[rid].slot != pm.slot)

    def emit(pr: Progress) -> None:
        progress_log.append(pr)
        if on_progress:
            on_progress(pr)

    def offer(sol: Solution, source: str) -> bool:
        # The independent checker gates every incumbent: an invalid schedule is
        # never reported or written, whatever the model says.
        rep = validate(instance, sol)
        if not rep.valid:
            return False
        ch = n_changes(sol)
        with lock:
            if not _better(rep, best["rep"], measure, ch, best["changes"]):
                return False
            best.update(sol=sol, rep=rep, changes=ch)
            pr = Progress(
                time.monotonic() - t0,
                source,
                rep.weight,
                measure_of(rep, measure),
                ch if previous else None,
                bounds["w_ub"],
                bounds["m_lb"],
            )
        if on_solution:
            on_solution(sol, rep)
        emit(pr)
        return True

    g = greedy(instance)
    g_rep = validate(instance, g)
    offer(g, "greedy")
    if previous is not None:
        kept = assign_resources(
            instance,
            {
                mt.request: mt.slot
                for mt in previous.meetings
                if mt.request in instance.request_by_id
            },
            prev_map,
        )
        if kept is not None:
            offer(kept, "previous")

    def run(
        model: _Built, limit: float, extra: dict | None = None
    ) -> tuple[int, cp_model.CpSolver]:
        class CB(cp_model.CpSolverSolutionCallback):
            def on_solution_callback(self) -> None:
                tt = model.timetable(self.BooleanValue)
                sol = assign_resources(instance, tt, prev_map)
                if sol is not None:
                    offer(sol, "cp-sat")

        model.m.ClearHints()
        # Start from the best valid schedule so far; otherwise from the given hint,
        # which CP-SAT repairs if it is no longer valid.
        start = best["sol"] or hint or previous
        if start is not None:
            model.hint(start)
        solver = cp_model.CpSolver()
        p = solver.parameters
        p.max_time_in_seconds = max(0.01, limit)
        p.num_workers = max(1, workers)
        p.random_seed = seed
        p.log_search_progress = log_search
        for k, v in {**(extra or {}), **(params or {})}.items():
            if isinstance(v, list):  # repeated fields, e.g. subsolvers
                getattr(p, k).extend(v)
            else:
                setattr(p, k, v)
        return solver.Solve(model.m, CB()), solver

    def left() -> float:
        # Keep a small margin for building models and writing files, so the
        # whole call ends within the limit.
        return time_limit * 0.98 - (time.monotonic() - t0)

    def infeasible(message: str) -> SolveResult:
        return SolveResult(
            "infeasible",
            None,
            None,
            g_rep,
            time.monotonic() - t0,
            message=message,
            incumbents=progress_log,
            measure_name=measure,
        )

    def bottom_up(lb0: int = 0) -> tuple[int, int | None]:
        """All meetings forced: optimise the measure with core-guided search, then,
        if unproven, ask "is there a schedule with measure <= k?" for k = lower
        bound, lower bound + 1, ...: optima in the literature are tiny (0 to 6
        breaks) and these tightly bounded feasibility problems propagate far
        better than the open optimisation."""
        # Core-guided search raises the lower bound fast on these problems; it is
        # not among CP-SAT's first choices with few workers, so ask for it.
        portfolio = [
            "core",
            "default_lp",
            "max_lp",
            "quick_restart",
            "reduced_costs",
            "pseudo_costs",
            "probing",
            "no_lp",
        ]
        core = {"subsolvers": portfolio[: max(2, workers)]} if workers > 1 else None
        st, sv = run(built, max(0.5, left() * 0.4), core)
        if st in (cp_model.OPTIMAL, cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
            return st, (measure_of(best["rep"], measure) if st == cp_model.OPTIMAL else None)
        lb = max(0, math.ceil(sv.BestObjectiveBound() - 1e-6)) if st == cp_model.FEASIBLE else 0
        lb = max(lb, lb0)
        while left() > 0.5:
            ub = measure_of(best["rep"], measure) if best["rep"] is not None else None
            if ub is not None and lb >= ub:
                return cp_model.OPTIMAL, lb
            emit(Progress(time.monotonic() - t0, "bound", None, None, None, None, lb))
            probe = built.m.Clone()
            probe.ClearObjective()
            probe.Add(built.measure_expr <= lb)
            saved, built.m = built.m, probe
            try:
                # Pure feasibility: LP-guided workers with reduced-cost and
                # pseudo-cost branching found 0-break schedules that the default
                # two-worker mix missed (forum-13: 15 s against none in 40 s).
                feas = {"subsolvers": ["reduced_costs", "pseudo_costs"]} if workers == 2 else None
                st, _ = run(built, left(), feas)
            finally:
                built.m = saved
            if st == cp_model.INFEASIBLE:
                lb += 1
            elif st in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                return cp_model.OPTIMAL, lb
            else:
                break
        ub = measure_of(best["rep"], measure) if best["rep"] is not None else None
        if ub is None:
            return cp_model.UNKNOWN, lb
        return (cp_model.OPTIMAL if lb >= ub else cp_model.FEASIBLE), lb

    hard = (
        "the hard constraints cannot all be met (mandatory meetings, fairness, "
        "precedences or locks)"
    )
    # All meetings forced and breaks counted (the literature's variant): the
    # bottom-up SAT search proves these optima far faster than CP-SAT does, and
    # when it does the CP-SAT model is never built.
    sat_lb = 0
    if not previous and satbreaks.applies(instance) and left() > 1:
        res = satbreaks.search_within(
            instance,
            left() * SAT_SHARE,
            on_bound=lambda k: emit(
                Progress(time.monotonic() - t0, "bound", None, None, None, None, k)
            ),
        )
        if res.status == "infeasible" and not res.obvious:
            return infeasible(hard)
        # An obvious clash (a request with no slot at all) is reported below by
        # the model builder, which names it.
        if res.timetable is not None:
            tt = {rid: instance.slots[t].id for rid, t in res.timetable.items()}
            sol = assign_resources(instance, tt, prev_map)
            if sol is not None:
                offer(sol, "sat")
        sat_lb = res.lower_bound
        rep = best["rep"]
        if res.status == "optimal" and rep is not None and measure_of(rep, measure) <= sat_lb:
            return SolveResult(
                "optimal",
                best["sol"],
                rep,
                g_rep,
                time.monotonic() - t0,
                weight_bound=rep.weight,
                measure_bound=sat_lb,
                incumbents=progress_log,
                measure_name=measure,
            )

    built = _Built(instance, prev_map)
    if built.infeasible_reason:
        return SolveResult(
            "infeasible",
            best["sol"],
            best["rep"],
            g_rep,
            time.monotonic() - t0,
            message=built.infeasible_reason,
            incumbents=progress_log,
            measure_name=measure,
        )

    has_choice = any(
        not (r.mandatory or r.id in instance.locked_by_request) and built.x[r.id]
        for r in instance.requests
    )
    # Phase 1: total weight alone (its LP bound is tight; usually proven fast).
    status1 = None
    n_vars = sum(len(v) for v in built.x.values())
    # On very large models (an expo) CP-SAT's presolve alone can take minutes
    # and the weight bound stays weak; give phase 1 less time and no presolve.
    huge = n_vars > 40000
    if has_choice:
        built.objective_weight()
        share = min(weight_share, 0.2) if huge else weight_share
        status1, s1 = run(built, left() * share, {"cp_model_presolve": False} if huge else None)
        if status1 == cp_model.INFEASIBLE:
            return infeasible(hard)
        # Each request is held at most once: the total weight is always a bound,
        # and the LP bound is valid even when no solution was reported.
        total = sum(r.weight for r in instance.requests if built.x[r.id])
        lp = s1.BestObjectiveBound()
        known = best["rep"].weight if best["rep"] is not None else 0
        if not math.isfinite(lp) or lp < known:  # nothing proven (stopped in presolve)
            lp = total
        bounds["w_ub"] = min(total, math.floor(lp + 1e-6))
        emit(Progress(time.monotonic() - t0, "bound", None, None, None, bounds["w_ub"], None))
    weight_proven = status1 == cp_model.OPTIMAL or not has_choice

    # Phase 2: keep the best schedule's set of meetings and only re-time them.
    # This model is a third of the size and has no weight trade-offs, so large
    # neighbourhood search cuts idle time far faster than on the full model.
    if best["sol"] is not None and has_choice and left() > 1:
        held = best["sol"].by_request
        sub = replace(
            instance,
            requests=tuple(replace(r, mandatory=True) for r in instance.requests if r.id in held),
        )
        retime = _Built(sub, {k: v for k, v in prev_map.items() if k in held})
        if not retime.infeasible_reason:
            retime.objective_rest()
            big = sum(len(v) for v in retime.x.values()) > 3000
            # Presolve of the large re-timing model costs more than it gains.
            run(retime, left() * 0.6, {"cp_model_presolve": False} if big else None)

    # Phase 3: the full model again, weight held at least at the best found.
    if best["rep"] is not None and has_choice:
        # With the weight proven optimal this makes the phases exactly the
        # lexicographic objective.
        built.m.Add(built.weight_expr >= best["rep"].weight)
    built.objective_rest()
    if not has_choice and not previous:
        status, m_bound = bottom_up(sat_lb)
    else:
        status, s2 = run(built, max(0.5, left()))
        m_bound = None
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            m_bound = math.ceil(s2.BestObjectiveBound() - 1e-6)
        if status == cp_model.OPTIMAL and not weight_proven and left() > 1:
            # The rest is settled for this weight, but the weight itself is not
            # proven: spend the remaining time on the whole lexicographic objective.
            built.objective_lex()
            st4, s4 = run(built, left())
            if st4 == cp_model.OPTIMAL and best["rep"] is not None:
                weight_proven = True
                status, m_bound = st4, measure_of(best["rep"], measure)
            elif st4 == cp_model.FEASIBLE:
                status = st4
                w_ub4 = math.floor(
                    (s4.BestObjectiveBound() + built.K_measure - 1 + 1e-6) / built.K_change
                )
                if bounds["w_ub"] is None or w_ub4 < bounds["w_ub"]:
                    bounds["w_ub"] = w_ub4
                m_bound = None
    elapsed = time.monotonic() - t0
    rep = best["rep"]
    if status == cp_model.INFEASIBLE and rep is None:
        return infeasible(hard)
    w_ub = rep.weight if weight_proven and rep is not None else bounds["w_ub"]
    m_lb = None
    if m_bound is not None and weight_proven and not previous:
        m_lb = max(0, m_bound)
    if status == cp_model.OPTIMAL and weight_proven and rep is not None:
        name = "optimal"
    elif rep is not None:
        name = "feasible"
    else:
        name = "unknown"
    return SolveResult(
        name,
        best["sol"],
        rep,
        g_rep,
        elapsed,
        weight_bound=w_ub,
        measure_bound=m_lb,
        changes=best["changes"] if previous else None,
        incumbents=progress_log,
        measure_name=measure,
    )
