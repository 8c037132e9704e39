"""The library must stay free of Django so it runs without settings or a database."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def test_no_django_import():
    code = (
        "import sys; import ecobridge.scheduling, ecobridge.scheduling.cli, "
        "ecobridge.scheduling.dzn; "
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    env = {"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stdout + out.stderr


def test_public_api_from_plain_data(doc):
    import ecobridge.scheduling as s

    doc["requests"] = [{"id": "R1", "a": "V1", "b": "E1", "weight": 2}]
    inst = s.build_instance(doc)
    seen = []
    res = s.solve(inst, time_limit=5, workers=1, on_progress=seen.append)
    assert res.status == "optimal" and seen
    assert s.validate(inst, res.solution).valid
    assert s.unplaced(inst, res.solution) == {}
    again, lines = s.resolve(inst, res.solution, time_limit=5, workers=1)
    assert lines == [] and again.solution == res.solution
