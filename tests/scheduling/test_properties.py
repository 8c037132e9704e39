"""Property-based checks on random small instances.

The brute force below is written from the format's rules alone and shares no
code with the library, so agreement is real evidence.
"""

from __future__ import annotations

from itertools import permutations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecobridge.scheduling.cpsat import solve
from ecobridge.scheduling.greedy import greedy
from ecobridge.scheduling.io import parse_instance
from ecobridge.scheduling.validate import validate

from .conftest import slot

LANGS = ["en", "ko", "ru"]


@st.composite
def instances(draw, max_requests: int = 8, max_slots: int = 4):
    n_slots = draw(st.integers(1, max_slots))
    split = draw(st.integers(0, n_slots))
    slots = [slot(i, "am" if i < split else "pm") for i in range(n_slots)]
    ids = [s["id"] for s in slots]
    subset = st.one_of(st.none(), st.lists(st.sampled_from(ids), unique=True))
    n_people = draw(st.integers(2, 5))
    people = []
    for k in range(n_people):
        p = {
            "id": f"P{k}",
            "languages": draw(
                st.lists(st.sampled_from(LANGS), min_size=1, max_size=2, unique=True)
            ),
        }
        avail = draw(subset)
        if avail is not None:
            p["available"] = avail
        cap = draw(st.one_of(st.none(), st.integers(0, 3)))
        if cap is not None:
            p["max_meetings"] = cap
        people.append(p)
    interps = []
    for k in range(draw(st.integers(0, 2))):
        i = {
            "id": f"I{k}",
            "languages": draw(
                st.lists(st.sampled_from(LANGS), min_size=2, max_size=2, unique=True)
            ),
        }
        avail = draw(subset)
        if avail is not None:
            i["available"] = avail
        interps.append(i)
    pairs = [(a, b) for a in range(n_people) for b in range(a + 1, n_people)]
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=max_requests))
    requests = [
        {"id": f"R{k}", "a": f"P{a}", "b": f"P{b}", "weight": draw(st.integers(1, 5))}
        for k, (a, b) in enumerate(chosen)
    ]
    doc = {
        "format": "ecobridge-b2b/1",
        "name": "random",
        "slots": slots,
        "tables": [{"id": f"T{k}"} for k in range(draw(st.integers(1, 2)))],
        "participants": people,
        "interpreters": interps,
        "requests": requests,
        "locked": [],
    }
    inst = parse_instance(doc)
    # Lock one meeting the greedy baseline places, so locks are always consistent.
    if draw(st.booleans()):
        g = greedy(inst).meetings
        if g:
            m = g[draw(st.integers(0, len(g) - 1))]
            doc["locked"] = [
                {
                    "request": m.request,
                    "slot": m.slot,
                    "table": m.table,
                    "interpreter": m.interpreter,
                }
            ]
            inst = parse_instance(doc)
    return doc, inst


def brute_force(doc: dict) -> tuple[int, int]:
    """(max weight, min idle at that weight) by enumerating every timetable."""
    slot_ids = [s["id"] for s in doc["slots"]]
    session = {s["id"]: s["session"] for s in doc["slots"]}
    people = {p["id"]: p for p in doc["participants"]}
    reqs = doc["requests"]
    locked = {m["request"]: m for m in doc["locked"]}
    n_tables = len(doc["tables"])

    def avail(who, s):
        return "available" not in who or s in who["available"]

    def interp_ok(meetings_needing, s):
        # Some injective assignment of competent, available interpreters.
        options = []
        for r in meetings_needing:
            a, b = people[r["a"]], people[r["b"]]
            opts = [
                i["id"]
                for i in doc["interpreters"]
                if avail(i, s)
                and set(i["languages"]) & set(a["languages"])
                and set(i["languages"]) & set(b["languages"])
            ]
            lk = locked.get(r["id"])
            if lk is not None:
                opts = [lk["interpreter"]] if lk["interpreter"] in opts else []
            options.append(opts)
        pool = sorted({i for o in options for i in o})
        if len(pool) < len(options):
            return False
        return any(
            all(perm[k] in options[k] for k in range(len(options)))
            for perm in permutations(pool, len(options))
        )

    def idle(assign):
        total = 0
        for pid, p in people.items():
            mine = sorted(slot_ids.index(s) for r, s in assign.items() if pid in (r["a"], r["b"]))
            for sess in set(session.values()):
                ts = [t for t in mine if session[slot_ids[t]] == sess]
                if len(ts) >= 2:
                    for t in range(ts[0] + 1, ts[-1]):
                        if t not in ts and avail(p, slot_ids[t]):
                            total += 1
        return total

    best = (-1, 0)

    def rec(k, assign, busy, count):
        nonlocal best
        if k == len(reqs):
            w = sum(r["weight"] for r in assign)
            key = (w, -idle(assign))
            if key > best:
                best = key
            return
        r = reqs[k]
        a, b = people[r["a"]], people[r["b"]]
        if r["id"] not in locked:
            rec(k + 1, assign, busy, count)
        for s in slot_ids:
            if r["id"] in locked and locked[r["id"]]["slot"] != s:
                continue
            if not (avail(a, s) and avail(b, s)):
                continue
            if (a["id"], s) in busy or (b["id"], s) in busy:
                continue
            if any(
                p.get("max_meetings") is not None and count.get(p["id"], 0) >= p["max_meetings"]
                for p in (a, b)
            ):
                continue
            here = [q for q, qs in assign.items() if qs == s] + [r]
            if len(here) > n_tables:
                continue
            needing = [
                q
                for q in here
                if not set(people[q["a"]]["languages"]) & set(people[q["b"]]["languages"])
            ]
            if not interp_ok(needing, s):
                continue
            assign[r] = s
            busy |= {(a["id"], s), (b["id"], s)}
            count[a["id"]] = count.get(a["id"], 0) + 1
            count[b["id"]] = count.get(b["id"], 0) + 1
            rec(k + 1, assign, busy, count)
            del assign[r]
            busy -= {(a["id"], s), (b["id"], s)}
            count[a["id"]] -= 1
            count[b["id"]] -= 1

    # dicts are unhashable: wrap requests so they can key the assignment
    class R(dict):
        __hash__ = object.__hash__

    reqs = [R(r) for r in reqs]
    rec(0, {}, set(), {})
    return best[0], -best[1]


FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(instances(max_requests=10, max_slots=5))
def test_solver_and_greedy_solutions_are_valid(case):
    _, inst = case
    g = greedy(inst)
    assert validate(inst, g).valid
    res = solve(inst, time_limit=10, workers=1)
    assert res.solution is not None
    rep = validate(inst, res.solution)
    assert rep.valid, rep.errors
    assert rep.weight >= validate(inst, g).weight
    for lk in inst.locked:
        assert res.solution.by_request[lk.request] == lk


@FAST
@given(instances(max_requests=8, max_slots=3))
def test_optimum_matches_brute_force(case):
    doc, inst = case
    res = solve(inst, time_limit=20, workers=1)
    assert res.status == "optimal"
    weight, idle = brute_force(doc)
    assert res.report.weight == weight
    assert res.report.idle == idle
