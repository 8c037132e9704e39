from __future__ import annotations

import json

import pytest

from ecobridge.scheduling.cpsat import solve
from ecobridge.scheduling.greedy import greedy
from ecobridge.scheduling.io import load_instance, parse_instance
from ecobridge.scheduling.validate import validate

from .conftest import b2b_data, need_data


def test_beats_greedy_on_weight(doc):
    # FCFS puts the heavy R1 in s0 and then cannot place R2 or R3 (E1 and the
    # only table are in use); the optimum holds all three.
    doc["tables"] = [{"id": "T1"}]
    doc["slots"] = doc["slots"][:3]
    doc["participants"][0]["available"] = ["s0", "s1"]
    doc["participants"][1]["available"] = ["s0", "s1"]
    doc["requests"] = [
        {"id": "R1", "a": "E1", "b": "H1", "weight": 5},
        {"id": "R2", "a": "V1", "b": "E1", "weight": 4},
        {"id": "R3", "a": "V2", "b": "E1", "weight": 4},
    ]
    doc["participants"][2]["languages"] = ["en"]
    inst = parse_instance(doc)
    g = validate(inst, greedy(inst))
    res = solve(inst, time_limit=10, workers=1)
    assert res.status == "optimal"
    assert res.report.valid
    assert res.report.weight == 13 > g.weight


def test_minimises_idle_after_weight(doc):
    doc["slots"] = doc["slots"][:4]
    doc["requests"] = [
        {"id": "R1", "a": "V1", "b": "E1", "weight": 1},
        {"id": "R2", "a": "V2", "b": "E1", "weight": 1},
    ]
    doc["participants"][0]["available"] = ["s0"]
    doc["participants"][1]["available"] = ["s1", "s3"]
    inst = parse_instance(doc)
    res = solve(inst, time_limit=10, workers=1)
    assert res.report.weight == 2
    assert res.report.idle == 0
    assert res.solution.by_request["R2"].slot == "s1"
    assert res.measure_bound == 0


def test_interpreter_capacity(doc):
    # Three meetings need the single interpreter, two slots: only two can be held.
    doc["slots"] = doc["slots"][:2]
    doc["participants"].append({"id": "H3", "languages": ["ru"]})
    doc["requests"] = [
        {"id": "R1", "a": "V1", "b": "H1", "weight": 1},
        {"id": "R2", "a": "V2", "b": "H2", "weight": 1},
        {"id": "R3", "a": "V1", "b": "H3", "weight": 1},
    ]
    res = solve(parse_instance(doc), time_limit=10, workers=1)
    assert res.status == "optimal" and res.report.weight == 2
    assert all(m.interpreter == "I1" for m in res.solution.meetings)


def test_mandatory_infeasible_reports_no_solution(doc):
    doc["format"] = "ecobridge-b2b/2"
    doc["slots"] = doc["slots"][:1]
    doc["requests"] = [
        {"id": "R1", "a": "V1", "b": "E1", "mandatory": True},
        {"id": "R2", "a": "V2", "b": "E1", "mandatory": True},
    ]
    res = solve(parse_instance(doc), time_limit=10, workers=1)
    assert res.status == "infeasible"
    assert res.solution is None


def test_every_reported_incumbent_is_valid_and_improving(tmp_path):
    inst = load_instance(need_data(b2b_data() / "small-1.json"))
    seen = []

    def on_solution(sol, rep):
        seen.append((rep.weight, -rep.idle))
        assert validate(inst, sol).valid

    res = solve(inst, time_limit=20, workers=2, on_solution=on_solution)
    assert seen and seen == sorted(seen)
    assert seen[-1] == (res.report.weight, -res.report.idle)
    g = validate(inst, greedy(inst))
    assert res.report.weight >= g.weight and res.report.idle <= g.idle


def test_deterministic_with_one_worker_and_seed():
    inst = load_instance(need_data(b2b_data() / "small-1.json"))
    a = solve(inst, time_limit=30, workers=1, seed=7)
    b = solve(inst, time_limit=30, workers=1, seed=7)
    assert a.status == b.status == "optimal"
    assert a.solution == b.solution
    assert json.dumps([m.__dict__ for m in a.solution.meetings])


@pytest.mark.parametrize("weight_share", [0.0, 0.5])
def test_locked_meetings_kept(weight_share):
    inst = load_instance(need_data(b2b_data() / "small-1.json"))
    res = solve(inst, time_limit=4, workers=2, weight_share=weight_share)
    for lk in inst.locked:
        assert res.solution.by_request[lk.request] == lk
