from __future__ import annotations

import pytest

from ecobridge.scheduling.io import parse_instance
from ecobridge.scheduling.model import Meeting, Solution
from ecobridge.scheduling.validate import validate


@pytest.fixture
def inst(doc):
    doc["participants"][0]["available"] = ["s0", "s1", "s3"]
    doc["participants"][4]["max_meetings"] = 2
    doc["interpreters"][0]["available"] = ["s0", "s1"]
    doc["requests"] = [
        {"id": "R1", "a": "V1", "b": "E1", "weight": 2},
        {"id": "R2", "a": "V2", "b": "E1", "weight": 1},
        {"id": "R3", "a": "V1", "b": "H1", "weight": 5},
        {"id": "R4", "a": "V2", "b": "H2", "weight": 1},
        {"id": "R5", "a": "H1", "b": "E1", "weight": 1},
    ]
    return parse_instance(doc)


def check(inst, *meetings):
    return validate(inst, Solution(tuple(Meeting(*m) for m in meetings)))


def test_valid_schedule_and_metrics(inst):
    rep = check(inst, ("R1", "s0", "T1", None), ("R2", "s3", "T1", None), ("R3", "s1", "T1", "I1"))
    assert rep.valid, rep.errors
    assert (rep.meetings, rep.weight) == (3, 8)
    # E1 meets in s0 and s3: s1 and s2 are idle and make one break; V1 (s0, s1) has none.
    assert rep.idle == 2
    assert rep.breaks == 1
    assert rep.starved == ["H2"]


def test_idle_skips_unavailable_slots(inst):
    # V1 is unavailable in s2: meetings in s1 and s3 leave no idle slot, but one break.
    rep = check(inst, ("R1", "s1", "T1", None), ("R3", "s3", "T1", "I1"))
    assert not rep.valid  # interpreter I1 not available in s3
    rep = check(inst, ("R1", "s3", "T1", None), ("R3", "s1", "T1", "I1"))
    assert rep.valid, rep.errors
    assert rep.idle == 0 and rep.breaks == 1


def test_idle_is_per_session(doc):
    doc = dict(doc)
    doc["slots"] = [dict(s, session="am" if i < 2 else "pm") for i, s in enumerate(doc["slots"])]
    doc["requests"] = [{"id": "R1", "a": "V1", "b": "E1"}, {"id": "R2", "a": "V2", "b": "E1"}]
    inst = parse_instance(doc)
    rep = check(inst, ("R1", "s0", "T1", None), ("R2", "s3", "T1", None))
    assert rep.idle == 0  # s1, s2 are in different sessions from the other meeting
    assert rep.breaks == 1


@pytest.mark.parametrize(
    "meetings, fragment",
    [
        ([("R9", "s0", "T1", None)], "unknown request"),
        ([("R1", "s9", "T1", None)], "unknown slot"),
        ([("R1", "s0", "T9", None)], "unknown table"),
        ([("R1", "s0", "T1", "I9")], "unknown interpreter"),
        ([("R1", "s0", "T1", None), ("R1", "s1", "T1", None)], "held more than once"),
        ([("R1", "s2", "T1", None)], "'V1' is not available in slot 's2'"),
        ([("R1", "s0", "T1", None), ("R3", "s0", "T2", "I1")], "'V1' is also in request"),
        ([("R1", "s0", "T1", None), ("R4", "s0", "T1", "I1")], "table 'T1' also holds"),
        ([("R3", "s0", "T1", None)], "share no language"),
        ([("R3", "s3", "T1", "I1")], "interpreter 'I1' is not available"),
        ([("R3", "s0", "T1", "I1"), ("R4", "s0", "T2", "I1")], "interpreter 'I1' also serves"),
        (
            [("R1", "s0", "T1", None), ("R2", "s1", "T1", None), ("R5", "s2", "T1", "I1")],
            "above max_meetings 2",
        ),
    ],
)
def test_each_hard_constraint(inst, meetings, fragment):
    rep = check(inst, *meetings)
    assert not rep.valid
    assert any(fragment in e for e in rep.errors), rep.errors


def test_interpreter_must_speak_both_sides(doc):
    doc["interpreters"].append({"id": "I2", "languages": ["ko", "en"]})
    doc["requests"] = [{"id": "R1", "a": "V1", "b": "H1"}]
    rep = check(parse_instance(doc), ("R1", "s0", "T1", "I2"))
    assert any("cannot interpret between" in e for e in rep.errors)


def test_locked_must_appear_exactly(doc):
    doc["requests"] = [{"id": "R1", "a": "V1", "b": "E1"}]
    doc["locked"] = [{"request": "R1", "slot": "s1", "table": "T2", "interpreter": None}]
    inst = parse_instance(doc)
    assert any("is not held" in e for e in check(inst).errors)
    assert any("must be at s1/T2" in e for e in check(inst, ("R1", "s1", "T1", None)).errors)
    assert check(inst, ("R1", "s1", "T2", None)).valid


def test_v2_rules(doc):
    doc["format"] = "ecobridge-b2b/2"
    doc["slots"] = [dict(s, session="am" if i < 2 else "pm") for i, s in enumerate(doc["slots"])]
    doc["requests"] = [
        {"id": "R1", "a": "V1", "b": "E1", "mandatory": True, "sessions": ["pm"]},
        {"id": "R2", "a": "V2", "b": "E1", "after": ["R1"], "fixed_slot": "s3"},
    ]
    doc["objective"] = {"measure": "breaks", "fairness": 0}
    inst = parse_instance(doc)
    assert any("mandatory request 'R1'" in e for e in check(inst).errors)
    errs = check(inst, ("R1", "s0", "T1", None), ("R2", "s2", "T1", None)).errors
    assert any("outside the allowed sessions" in e for e in errs)
    assert any("must be in slot 's3'" in e for e in errs)
    errs = check(inst, ("R1", "s3", "T1", None), ("R2", "s3", "T2", None)).errors
    assert any("must be held after 'R1'" in e for e in errs)
    # Fairness 0 on breaks: V1 has 0 breaks, so E1 must have 0 too.
    assert check(inst, ("R1", "s2", "T1", None), ("R2", "s3", "T1", None)).valid
    doc["requests"].append({"id": "R3", "a": "H1", "b": "E1", "weight": 1})
    doc["interpreters"] = []
    doc["participants"][2]["languages"] = ["en"]
    inst = parse_instance(doc)
    rep = check(inst, ("R1", "s2", "T1", None), ("R2", "s3", "T1", None), ("R3", "s0", "T1", None))
    assert any("fairness" in e for e in rep.errors)
