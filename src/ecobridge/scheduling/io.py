"""Reading and writing the ``ecobridge-b2b`` instance and solution documents.

Parsing collects every problem it finds (not just the first) so an organiser can
fix an exported file in one pass; each message names the element and the reason.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from .model import (
    FORMAT_V1,
    FORMAT_V2,
    INSTANCE_FORMATS,
    MEASURE_BREAKS,
    MEASURE_IDLE,
    SOLUTION_FORMAT,
    Instance,
    Interpreter,
    Meeting,
    Objective,
    Participant,
    Request,
    Slot,
    Solution,
    can_interpret,
    is_available,
    needs_interpreter,
)


class FormatError(ValueError):
    """A document that cannot be used; ``errors`` lists every problem found."""

    def __init__(self, errors: list[str], what: str = "instance"):
        self.errors = list(errors)
        head = f"invalid {what}: {len(self.errors)} problem(s)"
        super().__init__(head + "".join(f"\n  - {e}" for e in self.errors))


class InstanceError(FormatError):
    pass


class SolutionError(FormatError):
    def __init__(self, errors: list[str]):
        super().__init__(errors, "solution")


# Fields that only format 2 may use; a format-1 file carrying them is rejected,
# because a format-1 reader elsewhere would silently ignore them.
_V2_REQUEST_FIELDS = ("mandatory", "sessions", "fixed_slot", "after")


def _label(kind: str, index: int, item: Any) -> str:
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return f"{kind}[{index}] '{item['id']}'"
    return f"{kind}[{index}]"


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def parse_instance(data: Any) -> Instance:
    """Build an :class:`Instance` from a decoded JSON document, or raise InstanceError."""
    errors: list[str] = []
    if not isinstance(data, dict):
        raise InstanceError(["the document is not a JSON object"])
    fmt = data.get("format")
    if fmt not in INSTANCE_FORMATS:
        raise InstanceError([f"format: expected one of {', '.join(INSTANCE_FORMATS)}, got {fmt!r}"])
    v2 = fmt == FORMAT_V2
    for key in ("slots", "tables", "participants", "requests"):
        if not isinstance(data.get(key), list):
            errors.append(f"{key}: missing or not a list")
    for key in ("interpreters", "locked"):
        if key in data and not isinstance(data[key], list):
            errors.append(f"{key}: not a list")
    if errors:
        raise InstanceError(errors)

    # --- slots ---
    slots: list[Slot] = []
    slot_ids: set[str] = set()
    prev_end: datetime | None = None
    prev_label = ""
    session_closed: set[str] = set()
    last_session: str | None = None
    for k, s in enumerate(data["slots"]):
        lab = _label("slots", k, s)
        if not isinstance(s, dict) or not isinstance(s.get("id"), str):
            errors.append(f"{lab}: needs a string 'id'")
            continue
        sid = s["id"]
        if sid in slot_ids:
            errors.append(f"{lab}: duplicate slot id")
        slot_ids.add(sid)
        session = s.get("session", "")
        if not isinstance(session, str):
            errors.append(f"{lab}: 'session' must be a string")
            session = ""
        # A session groups consecutive slots; idle time is counted inside one.
        if session != last_session:
            if session in session_closed:
                errors.append(f"{lab}: session '{session}' is not contiguous (slots out of order?)")
            if last_session is not None:
                session_closed.add(last_session)
            last_session = session
        try:
            start = datetime.fromisoformat(s["start"])
            end = datetime.fromisoformat(s["end"])
        except (KeyError, TypeError, ValueError):
            errors.append(f"{lab}: 'start' and 'end' must be ISO 8601 date-times")
            slots.append(Slot(sid, str(s.get("start", "")), str(s.get("end", "")), session))
            prev_end = None
            continue
        try:
            if not start < end:
                errors.append(f"{lab}: starts at {s['start']} but does not end after it")
            if prev_end is not None and start < prev_end:
                errors.append(
                    f"{lab}: slots out of order: starts at {s['start']}, before {prev_label} ends"
                )
        except TypeError:
            errors.append(f"{lab}: mixes times with and without a UTC offset")
        prev_end, prev_label = end, lab
        slots.append(Slot(sid, s["start"], s["end"], session))
    sessions = {s.session for s in slots}

    def check_slot_refs(lab: str, field: str, refs: Any) -> frozenset[str] | None:
        if refs is None:
            return None
        if not _str_list(refs):
            errors.append(f"{lab}: '{field}' must be a list of slot ids")
            return frozenset()
        for r in refs:
            if r not in slot_ids:
                errors.append(f"{lab}: unknown slot '{r}' in '{field}'")
        return frozenset(refs)

    # --- tables ---
    tables: list[str] = []
    for k, t in enumerate(data["tables"]):
        lab = _label("tables", k, t)
        if not isinstance(t, dict) or not isinstance(t.get("id"), str):
            errors.append(f"{lab}: needs a string 'id'")
            continue
        if t["id"] in tables:
            errors.append(f"{lab}: duplicate table id")
        tables.append(t["id"])
    table_set = set(tables)

    # --- participants ---
    participants: list[Participant] = []
    pids: set[str] = set()
    for k, p in enumerate(data["participants"]):
        lab = _label("participants", k, p)
        if not isinstance(p, dict) or not isinstance(p.get("id"), str):
            errors.append(f"{lab}: needs a string 'id'")
            continue
        if p["id"] in pids:
            errors.append(f"{lab}: duplicate participant id")
        pids.add(p["id"])
        langs = p.get("languages", [])
        if not _str_list(langs):
            errors.append(f"{lab}: 'languages' must be a list of strings")
            langs = []
        cap = p.get("max_meetings")
        if cap is not None and (not _is_int(cap) or cap < 0):
            errors.append(f"{lab}: 'max_meetings' must be a non-negative integer")
            cap = None
        avail = check_slot_refs(lab, "available", p.get("available"))
        participants.append(
            Participant(
                id=p["id"],
                name=str(p.get("name", "")),
                side=str(p.get("side", "")),
                languages=tuple(langs),
                available=avail,
                max_meetings=cap,
            )
        )
    pby = {p.id: p for p in participants}

    # --- interpreters ---
    interpreters: list[Interpreter] = []
    iids: set[str] = set()
    for k, i in enumerate(data.get("interpreters", [])):
        lab = _label("interpreters", k, i)
        if not isinstance(i, dict) or not isinstance(i.get("id"), str):
            errors.append(f"{lab}: needs a string 'id'")
            continue
        if i["id"] in iids:
            errors.append(f"{lab}: duplicate interpreter id")
        iids.add(i["id"])
        langs = i.get("languages", [])
        if not _str_list(langs):
            errors.append(f"{lab}: 'languages' must be a list of strings")
            langs = []
        avail = check_slot_refs(lab, "available", i.get("available"))
        interpreters.append(Interpreter(i["id"], tuple(langs), avail))
    iby = {i.id: i for i in interpreters}

    # --- requests ---
    requests: list[Request] = []
    rids: set[str] = set()
    raw_requests = [r for r in data["requests"] if isinstance(r, dict)]
    all_rids = {r.get("id") for r in raw_requests}
    for k, r in enumerate(data["requests"]):
        lab = _label("requests", k, r)
        if not isinstance(r, dict) or not isinstance(r.get("id"), str):
            errors.append(f"{lab}: needs a string 'id'")
            continue
        if r["id"] in rids:
            errors.append(f"{lab}: duplicate request id")
        rids.add(r["id"])
        ok = True
        for side in ("a", "b"):
            if r.get(side) not in pids:
                errors.append(f"{lab}: unknown participant {r.get(side)!r} in '{side}'")
                ok = False
        if ok and r["a"] == r["b"]:
            errors.append(f"{lab}: a participant cannot meet itself ('{r['a']}')")
        weight = r.get("weight", 1)
        if not _is_int(weight) or weight <= 0:
            errors.append(f"{lab}: 'weight' must be a positive integer, got {weight!r}")
            weight = 1
        extra = [f for f in _V2_REQUEST_FIELDS if f in r]
        if extra and not v2:
            errors.append(
                f"{lab}: field(s) {', '.join(extra)} need format '{FORMAT_V2}', not '{fmt}'"
            )
        mandatory = r.get("mandatory", False)
        if not isinstance(mandatory, bool):
            errors.append(f"{lab}: 'mandatory' must be true or false")
            mandatory = False
        req_sessions = r.get("sessions")
        if req_sessions is not None:
            if not _str_list(req_sessions):
                errors.append(f"{lab}: 'sessions' must be a list of session names")
                req_sessions = []
            for s in req_sessions:
                if s not in sessions:
                    errors.append(f"{lab}: unknown session '{s}' in 'sessions'")
            req_sessions = frozenset(req_sessions)
        fixed = r.get("fixed_slot")
        if fixed is not None and fixed not in slot_ids:
            errors.append(f"{lab}: unknown slot {fixed!r} in 'fixed_slot'")
            fixed = None
        after = r.get("after", [])
        if not _str_list(after):
            errors.append(f"{lab}: 'after' must be a list of request ids")
            after = []
        for a in after:
            if a not in all_rids:
                errors.append(f"{lab}: unknown request '{a}' in 'after'")
            elif a == r["id"]:
                errors.append(f"{lab}: a request cannot come after itself")
        requests.append(
            Request(
                id=r["id"],
                a=r.get("a", ""),
                b=r.get("b", ""),
                weight=weight,
                mandatory=mandatory,
                sessions=req_sessions,
                fixed_slot=fixed,
                after=tuple(after),
            )
        )
    rby = {r.id: r for r in requests}
    errors.extend(_precedence_cycles(requests))

    # --- objective ---
    objective = Objective()
    if "objective" in data:
        obj = data["objective"]
        if not v2:
            errors.append(f"objective: needs format '{FORMAT_V2}', not '{fmt}'")
        elif not isinstance(obj, dict):
            errors.append("objective: must be an object")
        else:
            measure = obj.get("measure", MEASURE_IDLE)
            if measure not in (MEASURE_IDLE, MEASURE_BREAKS):
                errors.append(
                    f"objective: 'measure' must be '{MEASURE_IDLE}' or '{MEASURE_BREAKS}'"
                )
                measure = MEASURE_IDLE
            fairness = obj.get("fairness")
            if fairness is not None and (not _is_int(fairness) or fairness < 0):
                errors.append("objective: 'fairness' must be a non-negative integer or null")
                fairness = None
            objective = Objective(measure, fairness)

    # --- locked meetings ---
    locked: list[Meeting] = []
    for k, m in enumerate(data.get("locked", [])):
        lab = f"locked[{k}]"
        if not isinstance(m, dict):
            errors.append(f"{lab}: must be an object")
            continue
        lab = f"locked[{k}] (request {m.get('request')!r})"
        bad = False
        if m.get("request") not in rby:
            errors.append(f"{lab}: unknown request")
            bad = True
        if m.get("slot") not in slot_ids:
            errors.append(f"{lab}: unknown slot {m.get('slot')!r}")
            bad = True
        if m.get("table") not in table_set:
            errors.append(f"{lab}: unknown table {m.get('table')!r}")
            bad = True
        interp = m.get("interpreter")
        if interp is not None and interp not in iby:
            errors.append(f"{lab}: unknown interpreter {interp!r}")
            bad = True
        if not bad:
            locked.append(Meeting(m["request"], m["slot"], m["table"], interp))

    if not errors:
        errors.extend(_check_locked(locked, rby, pby, iby, {s.id: s for s in slots}))
    if errors:
        raise InstanceError(errors)
    return Instance(
        name=str(data.get("name", "")),
        slots=tuple(slots),
        tables=tuple(tables),
        participants=tuple(participants),
        interpreters=tuple(interpreters),
        requests=tuple(requests),
        locked=tuple(locked),
        objective=objective,
        format=fmt,
    )


def _precedence_cycles(requests: list[Request]) -> list[str]:
    """Report a cycle in the 'after' relation: such requests can never all be held."""
    after = {r.id: list(r.after) for r in requests}
    state: dict[str, int] = {}
    out: list[str] = []
    for root in after:
        if state.get(root):
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        path: list[str] = []
        while stack:
            node, i = stack.pop()
            if i == 0:
                state[node] = 1
                path.append(node)
            succ = after.get(node, [])
            if i < len(succ):
                stack.append((node, i + 1))
                nxt = succ[i]
                if state.get(nxt) == 1:
                    cyc = path[path.index(nxt) :] + [nxt]
                    out.append(f"requests: precedence cycle {' -> '.join(cyc)}")
                    return out
                if not state.get(nxt) and nxt in after:
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                path.pop()
    return out


def _check_locked(
    locked: list[Meeting],
    rby: dict[str, Request],
    pby: dict[str, Participant],
    iby: dict[str, Interpreter],
    sby: dict[str, Slot],
) -> list[str]:
    """Locked meetings must themselves respect every hard constraint."""
    errors: list[str] = []
    seen_req: set[str] = set()
    by_party: dict[tuple[str, str], str] = {}
    by_table: dict[tuple[str, str], str] = {}
    by_interp: dict[tuple[str, str], str] = {}
    count: dict[str, int] = {}
    slot_of: dict[str, int] = {}
    order = {sid: k for k, sid in enumerate(sby)}
    for k, m in enumerate(locked):
        lab = f"locked[{k}] (request '{m.request}')"
        r = rby[m.request]
        a, b = pby[r.a], pby[r.b]
        if m.request in seen_req:
            errors.append(f"{lab}: the request is locked more than once")
        seen_req.add(m.request)
        slot_of[m.request] = order[m.slot]
        for p in (a, b):
            if not is_available(p, m.slot):
                errors.append(f"{lab}: participant '{p.id}' is not available in slot '{m.slot}'")
            other = by_party.get((p.id, m.slot))
            if other:
                errors.append(
                    f"{lab}: participant '{p.id}' already has locked request '{other}' "
                    f"in slot '{m.slot}'"
                )
            by_party[(p.id, m.slot)] = m.request
            count[p.id] = count.get(p.id, 0) + 1
        other = by_table.get((m.table, m.slot))
        if other:
            errors.append(
                f"{lab}: table '{m.table}' already holds locked request '{other}' in slot '{m.slot}'"
            )
        by_table[(m.table, m.slot)] = m.request
        if r.sessions is not None and sby[m.slot].session not in r.sessions:
            errors.append(f"{lab}: slot '{m.slot}' is outside the request's sessions")
        if r.fixed_slot is not None and r.fixed_slot != m.slot:
            errors.append(f"{lab}: the request is fixed to slot '{r.fixed_slot}'")
        if m.interpreter is None:
            if needs_interpreter(a, b):
                errors.append(
                    f"{lab}: '{a.id}' and '{b.id}' share no language but no interpreter is given"
                )
        else:
            i = iby[m.interpreter]
            if not is_available(i, m.slot):
                errors.append(f"{lab}: interpreter '{i.id}' is not available in slot '{m.slot}'")
            if not can_interpret(i, a, b):
                errors.append(
                    f"{lab}: interpreter '{i.id}' does not speak a language of both "
                    f"'{a.id}' and '{b.id}'"
                )
            other = by_interp.get((i.id, m.slot))
            if other:
                errors.append(
                    f"{lab}: interpreter '{i.id}' already serves locked request '{other}' "
                    f"in slot '{m.slot}'"
                )
            by_interp[(i.id, m.slot)] = m.request
    for pid, n in count.items():
        cap = pby[pid].max_meetings
        if cap is not None and n > cap:
            errors.append(
                f"locked: participant '{pid}' has {n} locked meetings, above max_meetings {cap}"
            )
    for rid in seen_req:
        for before in rby[rid].after:
            if before in slot_of and slot_of[before] >= slot_of[rid]:
                errors.append(
                    f"locked: request '{rid}' must come after '{before}' but is locked no later"
                )
    return errors


def parse_solution(data: Any) -> Solution:
    """Structural checks only; whether the meetings fit the instance is validate's job."""
    errors: list[str] = []
    if not isinstance(data, dict):
        raise SolutionError(["the document is not a JSON object"])
    if data.get("format") != SOLUTION_FORMAT:
        errors.append(f"format: expected '{SOLUTION_FORMAT}', got {data.get('format')!r}")
    raw = data.get("meetings")
    if not isinstance(raw, list):
        raise SolutionError([*errors, "meetings: missing or not a list"])
    meetings = []
    for k, m in enumerate(raw):
        if not isinstance(m, dict):
            errors.append(f"meetings[{k}]: must be an object")
            continue
        bad = [f for f in ("request", "slot", "table") if not isinstance(m.get(f), str)]
        interp = m.get("interpreter")
        if interp is not None and not isinstance(interp, str):
            bad.append("interpreter")
        if bad:
            errors.append(f"meetings[{k}]: field(s) {', '.join(bad)} must be strings")
            continue
        meetings.append(Meeting(m["request"], m["slot"], m["table"], interp))
    if errors:
        raise SolutionError(errors)
    return Solution(tuple(meetings))


def _read_json(path: str | Path, error_cls: type[FormatError]) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except OSError as exc:
        raise error_cls([f"{path}: cannot read ({exc.strerror})"]) from exc
    except json.JSONDecodeError as exc:
        raise error_cls([f"{path}: not valid JSON ({exc})"]) from exc


def load_instance(path: str | Path) -> Instance:
    return parse_instance(_read_json(path, InstanceError))


def load_solution(path: str | Path) -> Solution:
    return parse_solution(_read_json(path, SolutionError))


def _opt(d: dict[str, Any], key: str, value: Any, default: Any = None) -> None:
    if value != default:
        d[key] = value


def _slot_list(ids: Iterable[str] | None, order: dict[str, int]) -> list[str] | None:
    return None if ids is None else sorted(ids, key=lambda s: order.get(s, 0))


def instance_to_dict(inst: Instance) -> dict[str, Any]:
    order = inst.slot_index
    out: dict[str, Any] = {"format": inst.format, "name": inst.name}
    out["slots"] = [
        {"id": s.id, "start": s.start, "end": s.end, "session": s.session} for s in inst.slots
    ]
    out["tables"] = [{"id": t} for t in inst.tables]
    parts = []
    for p in inst.participants:
        d: dict[str, Any] = {"id": p.id}
        _opt(d, "name", p.name, "")
        _opt(d, "side", p.side, "")
        d["languages"] = list(p.languages)
        _opt(d, "available", _slot_list(p.available, order))
        _opt(d, "max_meetings", p.max_meetings)
        parts.append(d)
    out["participants"] = parts
    out["interpreters"] = []
    for i in inst.interpreters:
        d = {"id": i.id, "languages": list(i.languages)}
        _opt(d, "available", _slot_list(i.available, order))
        out["interpreters"].append(d)
    reqs = []
    for r in inst.requests:
        d = {"id": r.id, "a": r.a, "b": r.b, "weight": r.weight}
        _opt(d, "mandatory", r.mandatory, False)
        if r.sessions is not None:
            d["sessions"] = [s for s in inst.sessions if s in r.sessions]
        _opt(d, "fixed_slot", r.fixed_slot)
        _opt(d, "after", list(r.after), [])
        reqs.append(d)
    out["requests"] = reqs
    out["locked"] = [meeting_to_dict(m) for m in inst.locked]
    if inst.format == FORMAT_V2:
        out["objective"] = {
            "measure": inst.objective.measure,
            "fairness": inst.objective.fairness,
        }
    return out


def meeting_to_dict(m: Meeting) -> dict[str, Any]:
    return {"request": m.request, "slot": m.slot, "table": m.table, "interpreter": m.interpreter}


def solution_to_dict(sol: Solution, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"format": SOLUTION_FORMAT}
    out.update(extra)
    out["meetings"] = [meeting_to_dict(m) for m in sol.meetings]
    return out


def write_json_atomic(path: str | Path, data: Any) -> None:
    """Write via a temporary file and rename, so readers never see a half-written file."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1, ensure_ascii=False)
            fh.write("\n")
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_solution(path: str | Path, sol: Solution, **extra: Any) -> None:
    write_json_atomic(path, solution_to_dict(sol, **extra))


def write_instance(path: str | Path, inst: Instance) -> None:
    write_json_atomic(path, instance_to_dict(inst))


__all__ = [
    "FORMAT_V1",
    "FORMAT_V2",
    "FormatError",
    "InstanceError",
    "SolutionError",
    "instance_to_dict",
    "load_instance",
    "load_solution",
    "parse_instance",
    "parse_solution",
    "solution_to_dict",
    "write_instance",
    "write_json_atomic",
    "write_solution",
]
