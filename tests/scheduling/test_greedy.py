from __future__ import annotations

import pytest

from ecobridge.scheduling.greedy import greedy
from ecobridge.scheduling.io import load_instance, parse_instance
from ecobridge.scheduling.validate import validate

from .conftest import b2b_data, need_data


def placed(inst):
    return {m.request: (m.slot, m.table, m.interpreter) for m in greedy(inst).meetings}


def test_priority_then_earliest_slot_first_table(doc):
    # R1 and R2 compete for E1; R2 has the higher weight so it takes s0.
    doc["requests"] = [
        {"id": "R1", "a": "V1", "b": "E1", "weight": 1},
        {"id": "R2", "a": "V2", "b": "E1", "weight": 3},
        {"id": "R3", "a": "V1", "b": "H1", "weight": 1},
    ]
    got = placed(parse_instance(doc))
    assert got["R2"] == ("s0", "T1", None)
    assert got["R1"] == ("s1", "T1", None)
    # R3 needs the interpreter; V1 is free in s0, where T1 is taken by R2.
    assert got["R3"] == ("s0", "T2", "I1")


def test_ties_keep_file_order_and_respect_caps(doc):
    doc["participants"][4]["max_meetings"] = 1
    doc["requests"] = [
        {"id": "R1", "a": "V1", "b": "E1", "weight": 2},
        {"id": "R2", "a": "V2", "b": "E1", "weight": 2},
    ]
    assert set(placed(parse_instance(doc))) == {"R1"}


def test_skips_when_no_interpreter_free(doc):
    doc["interpreters"][0]["available"] = ["s2"]
    doc["requests"] = [
        {"id": "R1", "a": "V1", "b": "H1", "weight": 5},
        {"id": "R2", "a": "V2", "b": "H2", "weight": 1},
    ]
    assert placed(parse_instance(doc)) == {"R1": ("s2", "T1", "I1")}


def test_locked_kept_and_respected(doc):
    doc["requests"] = [
        {"id": "R1", "a": "V1", "b": "E1", "weight": 1},
        {"id": "R2", "a": "V2", "b": "E1", "weight": 9},
    ]
    doc["locked"] = [{"request": "R1", "slot": "s0", "table": "T2", "interpreter": None}]
    got = placed(parse_instance(doc))
    assert got == {"R1": ("s0", "T2", None), "R2": ("s1", "T1", None)}


def test_precedence_respected(doc):
    doc["format"] = "ecobridge-b2b/2"
    doc["requests"] = [
        {"id": "R1", "a": "V1", "b": "E1", "weight": 5, "after": ["R2"]},
        {"id": "R2", "a": "V1", "b": "H1", "weight": 1},
    ]
    got = placed(parse_instance(doc))
    assert got["R2"][0] == "s0" and got["R1"][0] == "s1"


@pytest.mark.parametrize("name", ["small", "delegation", "forum"])
def test_greedy_valid_on_project_instances(name):
    inst = load_instance(need_data(b2b_data() / f"{name}-1.json"))
    rep = validate(inst, greedy(inst))
    assert rep.valid, rep.errors[:5]
    assert rep.meetings > 0
