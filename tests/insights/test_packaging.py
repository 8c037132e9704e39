"""The shipped data and vendored files are declared as package data (installable)."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

import ecobridge

REPO = Path(__file__).resolve().parents[2]
PACKAGE = Path(ecobridge.__file__).resolve().parent


def test_shipped_files_are_package_data():
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["*"]
    roots = [
        PACKAGE / "insights" / "data",
        PACKAGE / "alerts" / "data",
        PACKAGE / "insights" / "templates",
        PACKAGE / "alerts" / "templates",
        PACKAGE / "static" / "ecobridge" / "vendor" / "echarts",
    ]
    missing = [
        str(path.relative_to(PACKAGE))
        for root in roots
        for path in root.rglob("*")
        if path.is_file() and not any(fnmatch.fnmatch(path.name, p) for p in patterns)
    ]
    assert missing == []
