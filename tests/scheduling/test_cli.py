from __future__ import annotations

import json

from click.testing import CliRunner

from ecobridge.scheduling.cli import schedule
from ecobridge.scheduling.io import load_solution, parse_instance, write_instance
from ecobridge.scheduling.validate import validate

from .conftest import b2b_data, need_data


def run(*args):
    return CliRunner().invoke(schedule, [str(a) for a in args])


def test_solve_writes_valid_solution_and_summary(tmp_path):
    inst_path = need_data(b2b_data() / "small-1.json")
    out = tmp_path / "sol.json"
    res = run("solve", inst_path, "-o", out, "--time-limit", "20", "--workers", "1", "--seed", "3")
    assert res.exit_code == 0, res.output
    assert "greedy" in res.output and "weight" in res.output
    summary = json.loads(res.output[res.output.index("{") :])
    assert summary["status"] in ("optimal", "feasible")
    assert summary["weight"] >= summary["greedy_weight"]
    assert "weight_gap" in summary
    from ecobridge.scheduling.io import load_instance

    rep = validate(load_instance(inst_path), load_solution(out))
    assert rep.valid and rep.weight == summary["weight"] and rep.idle == summary["idle"]
    assert not list(tmp_path.glob(".sol.json.*"))  # no temporary file left behind


def test_bad_instance_is_rejected_before_solving(tmp_path, doc):
    doc["requests"] = [{"id": "R1", "a": "V1", "b": "GHOST"}]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    res = run("solve", path, "-o", tmp_path / "s.json")
    assert res.exit_code == 2
    assert "unknown participant 'GHOST'" in res.output
    assert not (tmp_path / "s.json").exists()


def test_validate_exit_codes(tmp_path, doc):
    doc["requests"] = [{"id": "R1", "a": "V1", "b": "E1"}, {"id": "R2", "a": "V2", "b": "E1"}]
    write_instance(tmp_path / "i.json", parse_instance(doc))
    good = {
        "format": "ecobridge-b2b-solution/1",
        "meetings": [{"request": "R1", "slot": "s0", "table": "T1", "interpreter": None}],
    }
    bad = {
        "format": "ecobridge-b2b-solution/1",
        "meetings": [
            {"request": "R1", "slot": "s0", "table": "T1", "interpreter": None},
            {"request": "R2", "slot": "s0", "table": "T2", "interpreter": None},
        ],
    }
    (tmp_path / "g.json").write_text(json.dumps(good))
    (tmp_path / "b.json").write_text(json.dumps(bad))
    ok = run("validate", tmp_path / "i.json", tmp_path / "g.json")
    assert ok.exit_code == 0
    metrics = json.loads(ok.output)
    assert metrics["valid"] and metrics["weight"] == 1 and metrics["starved_participants"] == 1
    ko = run("validate", tmp_path / "i.json", tmp_path / "b.json")
    assert ko.exit_code == 1
    assert "'E1' is also in request 'R1'" in json.loads(ko.output)["errors"][0]


def test_infeasible_mandatory_writes_nothing(tmp_path, doc):
    doc["format"] = "ecobridge-b2b/2"
    doc["slots"] = doc["slots"][:1]
    doc["requests"] = [
        {"id": "R1", "a": "V1", "b": "E1", "mandatory": True},
        {"id": "R2", "a": "V2", "b": "E1", "mandatory": True},
    ]
    write_instance(tmp_path / "i.json", parse_instance(doc))
    res = run("solve", tmp_path / "i.json", "-o", tmp_path / "s.json", "--time-limit", "5")
    assert res.exit_code == 2
    assert not (tmp_path / "s.json").exists()
