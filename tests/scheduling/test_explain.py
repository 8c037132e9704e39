from __future__ import annotations

import importlib

import pytest
from click.testing import CliRunner

from ecobridge.scheduling.cli import schedule
from ecobridge.scheduling.io import parse_instance, write_instance, write_solution
from ecobridge.scheduling.model import Meeting, Solution

# The package exports the function ``explain``, which shadows the module name.
ex = importlib.import_module("ecobridge.scheduling.explain")


def sol(*meetings):
    return Solution(tuple(Meeting(*m) for m in meetings))


def codes(e):
    return [r.code for r in e.reasons]


def test_no_common_slot(doc):
    doc["participants"][0]["available"] = ["s0"]
    doc["participants"][4]["available"] = ["s1", "s2"]
    doc["requests"] = [{"id": "R1", "a": "V1", "b": "E1"}]
    e = ex.explain(parse_instance(doc), "R1")
    assert codes(e) == [ex.NO_COMMON_SLOT]
    assert "V1 and E1 have no slot in which both are available" in e.text()


def test_no_interpreter_for_language_pair(doc):
    doc["interpreters"] = [{"id": "I1", "languages": ["ko", "en"]}]
    doc["requests"] = [{"id": "R1", "a": "V1", "b": "H1"}]
    e = ex.explain(parse_instance(doc), "R1")
    assert codes(e) == [ex.NO_INTERPRETER]
    assert "no interpreter speaks both sides" in e.text()


def test_interpreter_not_available_in_common_slots(doc):
    doc["participants"][0]["available"] = ["s0"]
    doc["interpreters"][0]["available"] = ["s1"]
    doc["requests"] = [{"id": "R1", "a": "V1", "b": "H1"}]
    e = ex.explain(parse_instance(doc), "R1")
    assert codes(e) == [ex.NO_INTERPRETER]
    assert "(I1) are not available" in e.text()


def test_every_common_slot_taken(doc):
    doc["slots"] = doc["slots"][:2]
    doc["requests"] = [
        {"id": "R1", "a": "V1", "b": "E1"},
        {"id": "R2", "a": "V2", "b": "E1"},
        {"id": "R3", "a": "V1", "b": "V2"},
    ]
    inst = parse_instance(doc)
    e = ex.explain(inst, "R3", sol(("R1", "s0", "T1", None), ("R2", "s1", "T1", None)))
    assert codes(e) == [ex.SLOTS_TAKEN]
    assert e.reasons[0].meetings == ["R1", "R2"]
    assert "s0: V1 is in R1" in e.text() and "s1: V2 is in R2" in e.text()


def test_interpreters_busy(doc):
    doc["slots"] = doc["slots"][:1]
    doc["requests"] = [{"id": "R1", "a": "V1", "b": "H1"}, {"id": "R2", "a": "V2", "b": "H2"}]
    e = ex.explain(parse_instance(doc), "R2", sol(("R1", "s0", "T1", "I1")))
    assert codes(e) == [ex.INTERPRETERS_BUSY]
    assert e.reasons[0].meetings == ["R1"]


def test_cap_reached(doc):
    doc["participants"][4]["max_meetings"] = 1
    doc["requests"] = [{"id": "R1", "a": "V1", "b": "E1"}, {"id": "R2", "a": "V2", "b": "E1"}]
    e = ex.explain(parse_instance(doc), "R2", sol(("R1", "s0", "T1", None)))
    assert codes(e) == [ex.CAP_REACHED]
    assert "E1 already has its maximum of 1 meetings (R1)" in e.text()


def test_tables_full(doc):
    doc["slots"] = doc["slots"][:1]
    doc["tables"] = doc["tables"][:1]
    doc["requests"] = [{"id": "R1", "a": "V1", "b": "E1"}, {"id": "R2", "a": "H1", "b": "H2"}]
    e = ex.explain(parse_instance(doc), "R2", sol(("R1", "s0", "T1", None)))
    assert codes(e) == [ex.TABLES_FULL]


def test_insertable_and_held(doc):
    doc["requests"] = [{"id": "R1", "a": "V1", "b": "E1"}, {"id": "R2", "a": "H1", "b": "H2"}]
    inst = parse_instance(doc)
    s = sol(("R1", "s0", "T1", None))
    assert codes(ex.explain(inst, "R2", s)) == [ex.INSERTABLE]
    assert codes(ex.explain(inst, "R1", s)) == [ex.HELD]
    assert set(ex.unplaced(inst, s)) == {"R2"}


def test_unknown_request(doc):
    with pytest.raises(KeyError):
        ex.explain(parse_instance(doc), "NOPE")


def test_cli_explain(tmp_path, doc):
    doc["slots"] = doc["slots"][:1]
    doc["requests"] = [{"id": "R1", "a": "V1", "b": "E1"}, {"id": "R2", "a": "V2", "b": "E1"}]
    inst = parse_instance(doc)
    write_instance(tmp_path / "i.json", inst)
    write_solution(tmp_path / "s.json", sol(("R1", "s0", "T1", None)))
    out = CliRunner().invoke(
        schedule, ["explain", str(tmp_path / "i.json"), str(tmp_path / "s.json"), "--request", "R2"]
    )
    assert out.exit_code == 0
    assert "E1 is in R1" in out.output


def test_mixed_reasons_name_their_own_blockers(doc):
    # In s0 V1 is busy (R1); in s1 the only interpreter is busy (R2).
    doc["slots"] = doc["slots"][:2]
    doc["requests"] = [
        {"id": "R1", "a": "V1", "b": "E1"},
        {"id": "R2", "a": "V2", "b": "H2"},
        {"id": "R3", "a": "V1", "b": "H1"},
    ]
    e = ex.explain(
        parse_instance(doc), "R3", sol(("R1", "s0", "T1", None), ("R2", "s1", "T1", "I1"))
    )
    assert codes(e) == [ex.SLOTS_TAKEN, ex.INTERPRETERS_BUSY]
    assert e.reasons[0].meetings == ["R1"] and e.reasons[1].meetings == ["R2"]
