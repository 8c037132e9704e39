"""The SAT search for the literature's variant (all meetings held, fewest breaks)."""

from __future__ import annotations

from itertools import product

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecobridge.scheduling import satbreaks
from ecobridge.scheduling.cpsat import solve
from ecobridge.scheduling.dzn import convert_file
from ecobridge.scheduling.io import parse_instance

from .conftest import b2b_data, base_doc, need_data, slot, with_


def breaks_doc(n_slots: int, n_tables: int, requests: list[dict], fairness=None) -> dict:
    doc = with_(
        base_doc(n_slots, n_tables),
        format="ecobridge-b2b/2",
        interpreters=[],
        requests=requests,
        objective={"measure": "breaks", "fairness": fairness},
    )
    # One language for everybody: the literature's variant has no interpreters.
    doc["participants"] = [{"id": f"P{k}", "languages": ["en"]} for k in range(5)]
    return doc


@st.composite
def mandatory_instances(draw):
    n_slots = draw(st.integers(2, 5))
    split = draw(st.integers(0, n_slots))
    ids = [f"s{i}" for i in range(n_slots)]
    pairs = [(a, b) for a in range(4) for b in range(a + 1, 4)]
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=6))
    requests = []
    for k, (a, b) in enumerate(chosen):
        r = {"id": f"r{k}", "a": f"P{a}", "b": f"P{b}", "mandatory": True}
        present = (["am"] if split > 0 else []) + (["pm"] if split < n_slots else [])
        sess = draw(st.sampled_from([None, *present]))
        if sess:
            r["sessions"] = [sess]
        requests.append(r)
    if len(requests) > 1 and draw(st.booleans()):
        later, earlier = draw(st.permutations(range(len(requests))))[:2]
        requests[later]["after"] = [requests[earlier]["id"]]
    fairness = draw(st.sampled_from([None, 0, 1, 2]))
    doc = breaks_doc(n_slots, draw(st.integers(1, 2)), requests, fairness)
    doc["slots"] = [slot(i, "am" if i < split else "pm") for i in range(n_slots)]
    for p in doc["participants"][:4]:
        if draw(st.booleans()):
            p["available"] = draw(st.lists(st.sampled_from(ids), unique=True, min_size=1))
    return doc


def brute_force_breaks(doc: dict) -> int | None:
    """Fewest breaks over every timetable, straight from the rules; None if none."""
    slots = [s["id"] for s in doc["slots"]]
    session = {s["id"]: s["session"] for s in doc["slots"]}
    avail = {p["id"]: set(p.get("available", slots)) for p in doc["participants"]}
    reqs = doc["requests"]
    options = []
    for r in reqs:
        ok = [
            i
            for i, s in enumerate(slots)
            if s in avail[r["a"]]
            and s in avail[r["b"]]
            and ("sessions" not in r or session[s] in r["sessions"])
        ]
        options.append(ok)
    best = None
    n_tables = len(doc["tables"])
    fairness = doc["objective"]["fairness"]
    for choice in product(*options):
        at = dict(zip([r["id"] for r in reqs], choice, strict=True))
        if any(choice.count(t) > n_tables for t in set(choice)):
            continue
        if any(at[b] >= at[r["id"]] for r in reqs for b in r.get("after", [])):
            continue
        times: dict[str, list[int]] = {p["id"]: [] for p in doc["participants"]}
        for r, t in zip(reqs, choice, strict=True):
            times[r["a"]].append(t)
            times[r["b"]].append(t)
        if any(len(ts) != len(set(ts)) for ts in times.values()):
            continue
        per = [
            sum(1 for u, v in zip(sorted(ts), sorted(ts)[1:], strict=False) if v - u > 1)
            for ts in times.values()
        ]
        if fairness is not None and max(per) - min(per) > fairness:
            continue
        total = sum(per)
        best = total if best is None or total < best else best
    return best


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mandatory_instances())
def test_sat_optimum_matches_brute_force(doc):
    inst = parse_instance(doc)
    assert satbreaks.applies(inst)  # P4 has no meeting, so the fairness minimum is 0
    res = satbreaks.search(inst)
    expected = brute_force_breaks(doc)
    if expected is None:
        assert res.status == "infeasible"
        return
    assert res.status == "optimal"
    assert res.lower_bound == expected
    # The timetable it returns really has that many breaks and is valid.
    out = solve(inst, time_limit=20, workers=1)
    assert out.status == "optimal"
    assert out.report.valid and out.report.breaks == expected


def test_applies_only_to_the_literature_variant():
    reqs = [{"id": "r1", "a": "P0", "b": "P1", "mandatory": True}]
    assert satbreaks.applies(parse_instance(breaks_doc(3, 1, reqs)))
    idle = breaks_doc(3, 1, reqs)
    idle["objective"] = {"measure": "idle-slots"}
    assert not satbreaks.applies(parse_instance(idle))
    optional = breaks_doc(3, 1, [{"id": "r1", "a": "P0", "b": "P1"}])
    assert not satbreaks.applies(parse_instance(optional))
    interp = breaks_doc(3, 1, reqs)
    interp["participants"][0]["languages"] = ["ko"]
    interp["interpreters"] = [{"id": "I1", "languages": ["ko", "en"]}]
    assert not satbreaks.applies(parse_instance(interp))


def test_fairness_with_a_nonzero_minimum_is_left_to_cp_sat():
    # Everybody has two meetings, so "max - min <= d" is not "at most d each".
    reqs = [
        {"id": f"r{k}", "a": f"P{a}", "b": f"P{b}", "mandatory": True}
        for k, (a, b) in enumerate([(0, 1), (1, 2), (2, 3), (3, 4), (4, 0)])
    ]
    doc = breaks_doc(5, 2, reqs, fairness=1)
    assert not satbreaks.applies(parse_instance(doc))


def test_jair_instance_reaches_the_published_optimum():
    # forumt-14crafc: published optimum 5 breaks (JAIR 2022, Table 3).
    path = need_data(b2b_data() / "jair2022" / "forumt-14crafc.original.dzn")
    inst = convert_file(path)
    res = solve(inst, time_limit=60, workers=1)
    assert res.status == "optimal"
    assert res.report.valid and res.report.breaks == 5
    assert res.measure_bound == 5
    assert any(p.source == "sat" for p in res.incumbents)


def test_time_limit_stops_the_search_and_keeps_the_bound():
    # forum-13crafb takes several seconds to prove (published optimum 6).
    path = need_data(b2b_data() / "jair2022" / "forum-13crafb.original.dzn")
    inst = convert_file(path)
    res = satbreaks.search_within(inst, 1.5)
    assert res.status == "unknown"
    assert res.timetable is None
    assert res.lower_bound <= 6


@pytest.mark.parametrize("n_slots", [2])
def test_more_meetings_than_slots_is_infeasible(n_slots):
    reqs = [{"id": f"r{k}", "a": "P0", "b": f"P{k + 1}", "mandatory": True} for k in range(3)]
    res = satbreaks.search(parse_instance(breaks_doc(n_slots, 3, reqs)))
    assert res.status == "infeasible"
