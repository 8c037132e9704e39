from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from ecobridge.scheduling.cli import schedule
from ecobridge.scheduling.cpsat import solve
from ecobridge.scheduling.dzn import DznError, convert, convert_file, parse_dzn
from ecobridge.scheduling.io import instance_to_dict, load_instance, parse_instance
from ecobridge.scheduling.validate import validate

from .conftest import b2b_data

TOY = """
nBusiness = 4; nMeetings = 4; nTables = 2; nTotalSlots = 4; nMorningSlots = 2;
requested = [|1, 2, 1, |1, 3, 3, |2, 4, 2, |3, 4, 3, |];
forbidden = [{0}, {0, 4}, {0}, {0}];
fixed = [0, 0, 0, 4];
precedences = [{}, {1}, {}, {}];  % m2 after m1
"""


def test_toy_mapping():
    inst = convert(parse_dzn(TOY), name="toy")
    assert inst.format == "ecobridge-b2b/2"
    assert [s.session for s in inst.slots] == ["am", "am", "pm", "pm"]
    r = inst.request_by_id
    assert r["m1"].sessions == frozenset({"am"}) and r["m3"].sessions == frozenset({"pm"})
    assert r["m2"].sessions is None and r["m2"].after == ("m1",)
    assert r["m4"].fixed_slot == "t04"
    assert all(x.mandatory and x.weight == 1 for x in inst.requests)
    assert inst.participant_by_id["p2"].available == frozenset({"t01", "t02", "t03"})
    assert inst.participant_by_id["p1"].available is None
    assert inst.objective.measure == "breaks" and inst.objective.fairness == 2
    # Slots are in time order and the format's own checks accept the result.
    assert parse_instance(instance_to_dict(inst)) == inst


def test_toy_infeasible_when_fixed_meeting_blocks_the_only_slot():
    # m3 (p2-p4, afternoon) can only use t03 since p2 is away in t04; fixing m4
    # (p3-p4) to t03 leaves p4 double-booked.
    inst = convert(parse_dzn(TOY.replace("fixed = [0, 0, 0, 4]", "fixed = [0, 0, 0, 3]")))
    assert solve(inst, time_limit=10, workers=1).status == "infeasible"


def test_toy_solves_with_zero_breaks():
    inst = convert(parse_dzn(TOY), name="toy")
    res = solve(inst, time_limit=10, workers=1)
    assert res.status == "optimal"
    assert validate(inst, res.solution).valid
    assert res.report.breaks == 0


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("nBusiness = 2; nTables = 1; nTotalSlots = 2; requested = [|1, 3, 3, |];", "outside 1..2"),
        ("nBusiness = 2; nTables = 1; nTotalSlots = 2;", "neither 'requested'"),
        ("nBusiness = 2; nTotalSlots = 2; requested = [|1, 2, 3, |];", "missing 'nTables'"),
        ("nonsense", "cannot read"),
    ],
)
def test_bad_files(text, fragment):
    with pytest.raises(DznError, match=fragment):
        convert(parse_dzn(text))


def _all_dzn() -> list[Path]:
    base = b2b_data()
    return sorted(
        [
            *base.glob("jair2022/*.dzn"),
            *base.glob("girona-extra/*.dzn"),
            *base.glob("girona-tables-phase2/*.dzn"),
        ]
    )


def _index() -> dict[str, dict]:
    path = b2b_data() / "jair2022-index.csv"
    if not path.exists():
        return {}
    with open(path, newline="") as fh:
        return {row["path"]: row for row in csv.DictReader(fh)}


FILES = _all_dzn()


@pytest.mark.skipif(not FILES, reason="benchmark data not found (set ECOBRIDGE_SHARED)")
def test_every_file_is_present():
    # 140 JAIR files, 11 further Girona files, 4 phase-2 table files.
    assert len(FILES) == 155


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_converts_and_matches_index(path):
    inst = convert_file(path)
    assert inst.requests and inst.slots and inst.tables
    row = _index().get(f"jair2022/{path.name}")
    if row is None:
        return
    # Statistics computed independently from the .dzn files (jair2022-index.csv).
    assert len(inst.participants) == int(row["participants_declared"])
    assert len(inst.requests) == int(row["meetings"])
    assert len(inst.slots) == int(row["slots"])
    assert len(inst.tables) == int(row["tables"])
    am = [r for r in inst.requests if r.sessions == frozenset({"am"})]
    pm = [r for r in inst.requests if r.sessions == frozenset({"pm"})]
    assert (len(am), len(pm)) == (int(row["meetings_AM_only"]), int(row["meetings_PM_only"]))
    forbidden = sum(
        len(inst.slots) - len(p.available) for p in inst.participants if p.available is not None
    )
    assert forbidden == int(row["forbidden_cells"])
    assert sum(1 for r in inst.requests if r.fixed_slot) == int(row["fixed_meetings"])
    assert sum(len(r.after) for r in inst.requests) == int(row["precedence_pairs"])


def test_cli_convert(tmp_path):
    path = b2b_data() / "jair2022" / "tic-12.original.dzn"
    if not path.exists():
        pytest.skip("benchmark data not found")
    out = tmp_path / "tic-12.json"
    res = CliRunner().invoke(schedule, ["convert-dzn", str(path), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "42 participants, 125 requests, 8 slots, 21 tables" in res.output
    assert len(load_instance(out).requests) == 125
