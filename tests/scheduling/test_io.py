from __future__ import annotations

import json

import pytest

from ecobridge.scheduling.io import (
    InstanceError,
    SolutionError,
    instance_to_dict,
    load_instance,
    parse_instance,
    parse_solution,
    write_instance,
)

from .conftest import b2b_data, need_data


def errors_of(doc: dict) -> list[str]:
    with pytest.raises(InstanceError) as exc:
        parse_instance(doc)
    return exc.value.errors


def test_valid_document_parses(doc):
    doc["requests"] = [{"id": "R1", "a": "V1", "b": "E1", "weight": 2}]
    inst = parse_instance(doc)
    assert inst.requests[0].weight == 2
    assert inst.participants[0].available is None
    assert inst.sessions == ("am",)


def test_unknown_participant_named(doc):
    doc["requests"] = [{"id": "R1", "a": "V1", "b": "NOPE", "weight": 1}]
    errs = errors_of(doc)
    assert any("requests[0] 'R1'" in e and "unknown participant 'NOPE'" in e for e in errs)


@pytest.mark.parametrize("kind", ["slots", "tables", "participants", "interpreters", "requests"])
def test_duplicate_ids(doc, kind):
    doc["requests"] = [{"id": "R1", "a": "V1", "b": "E1"}]
    doc[kind].append(dict(doc[kind][0]))
    errs = errors_of(doc)
    assert any(f"{kind}[" in e and "duplicate" in e for e in errs), errs


def test_slots_out_of_order(doc):
    doc["slots"][1], doc["slots"][2] = doc["slots"][2], doc["slots"][1]
    errs = errors_of(doc)
    assert any("slots[2] 's1'" in e and "out of order" in e for e in errs), errs


def test_slot_ending_before_start(doc):
    doc["slots"][0]["end"] = doc["slots"][0]["start"]
    assert any("does not end after" in e for e in errors_of(doc))


def test_unknown_slot_in_availability(doc):
    doc["participants"][0]["available"] = ["s0", "s9"]
    assert any("participants[0] 'V1'" in e and "unknown slot 's9'" in e for e in errors_of(doc))


def test_bad_weight_and_self_meeting(doc):
    doc["requests"] = [{"id": "R1", "a": "V1", "b": "V1", "weight": 0}]
    errs = errors_of(doc)
    assert any("cannot meet itself" in e for e in errs)
    assert any("'weight' must be a positive integer" in e for e in errs)


def test_locked_participant_unavailable(doc):
    doc["participants"][0]["available"] = ["s1"]
    doc["requests"] = [{"id": "R1", "a": "V1", "b": "E1"}]
    doc["locked"] = [{"request": "R1", "slot": "s0", "table": "T1", "interpreter": None}]
    errs = errors_of(doc)
    assert any("locked[0]" in e and "'V1' is not available in slot 's0'" in e for e in errs)


def test_locked_table_clash_and_missing_interpreter(doc):
    doc["requests"] = [
        {"id": "R1", "a": "V1", "b": "E1"},
        {"id": "R2", "a": "V2", "b": "H1"},
    ]
    doc["locked"] = [
        {"request": "R1", "slot": "s0", "table": "T1", "interpreter": None},
        {"request": "R2", "slot": "s0", "table": "T1", "interpreter": None},
    ]
    errs = errors_of(doc)
    assert any("table 'T1' already holds locked request 'R1'" in e for e in errs)
    assert any("share no language but no interpreter" in e for e in errs)


def test_locked_participant_double_booked(doc):
    doc["requests"] = [{"id": "R1", "a": "V1", "b": "E1"}, {"id": "R2", "a": "E1", "b": "V2"}]
    doc["locked"] = [
        {"request": "R1", "slot": "s0", "table": "T1", "interpreter": None},
        {"request": "R2", "slot": "s0", "table": "T2", "interpreter": None},
    ]
    assert any("'E1' already has locked request 'R1'" in e for e in errors_of(doc))


def test_locked_over_cap(doc):
    doc["participants"][4]["max_meetings"] = 1
    doc["requests"] = [{"id": "R1", "a": "V1", "b": "E1"}, {"id": "R2", "a": "E1", "b": "V2"}]
    doc["locked"] = [
        {"request": "R1", "slot": "s0", "table": "T1", "interpreter": None},
        {"request": "R2", "slot": "s1", "table": "T1", "interpreter": None},
    ]
    assert any("above max_meetings 1" in e for e in errors_of(doc))


def test_v2_fields_rejected_in_v1(doc):
    doc["requests"] = [{"id": "R1", "a": "V1", "b": "E1", "mandatory": True}]
    assert any("need format 'ecobridge-b2b/2'" in e for e in errors_of(doc))
    doc["format"] = "ecobridge-b2b/2"
    assert parse_instance(doc).requests[0].mandatory is True


def test_v2_precedence_cycle_and_unknown_session(doc):
    doc["format"] = "ecobridge-b2b/2"
    doc["requests"] = [
        {"id": "R1", "a": "V1", "b": "E1", "after": ["R2"]},
        {"id": "R2", "a": "V2", "b": "E1", "after": ["R1"], "sessions": ["pm"]},
    ]
    errs = errors_of(doc)
    assert any("precedence cycle" in e for e in errs)
    assert any("unknown session 'pm'" in e for e in errs)


def test_unknown_format():
    with pytest.raises(InstanceError, match="format"):
        parse_instance({"format": "something/9"})


def test_roundtrip(tmp_path, doc):
    doc["format"] = "ecobridge-b2b/2"
    doc["participants"][0]["available"] = ["s2", "s0"]
    doc["requests"] = [
        {"id": "R1", "a": "V1", "b": "E1", "weight": 3, "mandatory": True, "sessions": ["am"]},
        {"id": "R2", "a": "V2", "b": "E1", "after": ["R1"], "fixed_slot": "s3"},
    ]
    doc["objective"] = {"measure": "breaks", "fairness": 2}
    inst = parse_instance(doc)
    write_instance(tmp_path / "x.json", inst)
    again = load_instance(tmp_path / "x.json")
    assert again == inst
    assert instance_to_dict(again)["participants"][0]["available"] == ["s0", "s2"]


def test_solution_structure_errors():
    with pytest.raises(SolutionError, match="meetings\\[0\\]"):
        parse_solution({"format": "ecobridge-b2b-solution/1", "meetings": [{"request": 1}]})
    with pytest.raises(SolutionError, match="format"):
        parse_solution({"format": "x", "meetings": []})


@pytest.mark.parametrize("name", ["small", "delegation", "forum", "expo"])
def test_project_instances_parse(name):
    path = need_data(b2b_data() / f"{name}-1.json")
    inst = load_instance(path)
    raw = json.loads(path.read_text())
    assert len(inst.requests) == len(raw["requests"])
    assert len(inst.locked) == len(raw["locked"])
