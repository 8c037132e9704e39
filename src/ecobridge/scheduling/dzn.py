"""Convert the MiniZinc ``.dzn`` B2B instances of Bofill et al. to ``ecobridge-b2b/2``.

Handles the JAIR 2022 files (English names), the older Girona files (Catalan
names: nEmpreses, demanades, prohibides, fixat, ...) and the phase-2 table files
(``taules_*``: a fixed timetable, converted to meetings fixed to their slot).

Mapping: participants p1..pN (one placeholder language, so no interpreters are
needed), meetings m1..mM, mandatory, weight 1; session 1/2/3 -> "am"/"pm"/any;
forbidden slots -> availability; fixed -> fixed_slot; precedences -> after;
objective: breaks with the given fairness bound (2 in the papers).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from .io import parse_instance
from .model import FORMAT_V2, MEASURE_BREAKS, Instance


class DznError(ValueError):
    pass


_TOKEN = re.compile(r"\[\||\|\]|\||\[|\]|\{|\}|,|-?\d+|\.\.|true|false")

# Old (Catalan) names -> JAIR names.
ALIASES = {
    "nEmpreses": "nBusiness",
    "nReunions": "nMeetings",
    "nTaules": "nTables",
    "nFrangesTotal": "nTotalSlots",
    "nFrangesMati": "nMorningSlots",
    "demanades": "requested",
    "prohibides": "forbidden",
    "fixat": "fixed",
    "nReunionsEmpresa": "nMeetingsBusiness",
}


def _value(text: str, name: str) -> Any:
    """Parse one right-hand side: int, bool, 1-D array, 2-D array or array of sets."""
    text = text.strip()
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    tokens = _TOKEN.findall(text)
    if not tokens:
        raise DznError(f"{name}: cannot read value {text[:40]!r}")
    if tokens[0] == "[|":
        rows: list[list[int]] = []
        row: list[int] = []
        for tok in tokens[1:]:
            if tok in ("|", "|]"):
                if row:
                    rows.append(row)
                row = []
            elif tok != ",":
                row.append(int(tok))
        return rows
    if tokens[0] == "[":
        out: list[Any] = []
        current: list[int] | None = None
        pending_range: int | None = None
        for tok in tokens[1:]:
            if tok == "{":
                current = []
            elif tok == "}":
                out.append(current)
                current = None
            elif tok in (",", "]"):
                continue
            elif tok == "..":
                pending_range = -1
            elif current is not None:
                v = int(tok)
                if pending_range == -1 and current:
                    lo = current.pop()
                    current.extend(range(lo, v + 1))
                    pending_range = None
                else:
                    current.append(v)
            elif tok in ("true", "false"):
                out.append(tok == "true")
            else:
                out.append(int(tok))
        return out
    raise DznError(f"{name}: unsupported value {text[:40]!r}")


def parse_dzn(text: str) -> dict[str, Any]:
    text = re.sub(r"%[^\n]*", "", text)
    out: dict[str, Any] = {}
    for stmt in text.split(";"):
        if not stmt.strip():
            continue
        if "=" not in stmt:
            raise DznError(f"cannot read statement {stmt.strip()[:40]!r}")
        name, rhs = stmt.split("=", 1)
        name = name.strip()
        out[ALIASES.get(name, name)] = _value(rhs, name)
    return out


def _slots(n: int, n_morning: int) -> list[dict[str, Any]]:
    """Synthetic 20-minute slots; the afternoon starts at 14:00 (or right after)."""
    day = datetime(2014, 1, 1, 8, 0)
    out = []
    t = day
    for k in range(n):
        if k == n_morning and k > 0:
            t = max(t, day.replace(hour=14))
        session = "am" if k < n_morning else "pm"
        out.append(
            {
                "id": f"t{k + 1:02d}",
                "start": t.isoformat(),
                "end": (t + timedelta(minutes=20)).isoformat(),
                "session": session,
            }
        )
        t += timedelta(minutes=20)
    return out


def _need(d: dict[str, Any], key: str) -> Any:
    if key not in d:
        raise DznError(f"missing '{key}'")
    return d[key]


def convert(d: dict[str, Any], name: str = "", fairness: int | None = 2) -> Instance:
    n_p = _need(d, "nBusiness")
    n_t = _need(d, "nTotalSlots")
    n_am = d.get("nMorningSlots", n_t)
    slots = _slots(n_t, n_am)
    sid = [s["id"] for s in slots]
    forbidden = d.get("forbidden") or [[] for _ in range(n_p)]
    if len(forbidden) != n_p:
        raise DznError(f"'forbidden' has {len(forbidden)} entries, expected {n_p}")
    participants = []
    for p in range(n_p):
        # Slot 0 is MiniZinc's dummy member of every set.
        banned = {t for t in forbidden[p] if 1 <= t <= n_t}
        entry: dict[str, Any] = {"id": f"p{p + 1}", "languages": ["und"]}
        if banned:
            entry["available"] = [sid[t - 1] for t in range(1, n_t + 1) if t not in banned]
        participants.append(entry)

    if "requested" in d:
        rows = d["requested"]
        fixed = d.get("fixed") or [0] * len(rows)
        precedences = d.get("precedences") or [[] for _ in rows]
    elif "listReunions" in d:  # phase-2 table file: the timetable is given
        rows = [[a, b, 3] for a, b, _ in d["listReunions"]]
        fixed = [t for _, _, t in d["listReunions"]]
        precedences = [[] for _ in rows]
    else:
        raise DznError("neither 'requested' nor 'listReunions' present")
    n_m = d.get("nMeetings", len(rows))
    if len(rows) != n_m:
        raise DznError(f"{len(rows)} meetings listed, nMeetings says {n_m}")
    if len(fixed) != n_m or len(precedences) != n_m:
        raise DznError("'fixed' or 'precedences' length differs from nMeetings")
    requests = []
    for k, row in enumerate(rows):
        if len(row) != 3:
            raise DznError(f"requested row {k + 1} has {len(row)} values, expected 3")
        a, b, session = row
        if not (1 <= a <= n_p and 1 <= b <= n_p):
            raise DznError(f"meeting {k + 1} names participant outside 1..{n_p}")
        r: dict[str, Any] = {
            "id": f"m{k + 1}",
            "a": f"p{a}",
            "b": f"p{b}",
            "weight": 1,
            "mandatory": True,
        }
        if session == 1:
            r["sessions"] = ["am"]
        elif session == 2:
            r["sessions"] = ["pm"]
        if fixed[k]:
            if not 1 <= fixed[k] <= n_t:
                raise DznError(f"meeting {k + 1} fixed to slot {fixed[k]} outside 1..{n_t}")
            r["fixed_slot"] = sid[fixed[k] - 1]
        before = sorted(x for x in precedences[k] if x >= 1)
        if before:
            r["after"] = [f"m{x}" for x in before]
        requests.append(r)
    doc = {
        "format": FORMAT_V2,
        "name": name,
        "slots": slots,
        "tables": [{"id": f"T{k + 1}"} for k in range(_need(d, "nTables"))],
        "participants": participants,
        "interpreters": [],
        "requests": requests,
        "locked": [],
        "objective": {"measure": MEASURE_BREAKS, "fairness": fairness},
    }
    return parse_instance(doc)


def convert_file(path: str | Path, fairness: int | None = 2) -> Instance:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DznError(f"cannot read ({exc.strerror})") from exc
    name = path.name.removesuffix(".dzn")
    return convert(parse_dzn(text), name=name, fairness=fairness)
