"""Every environment variable the code reads is documented in docs/configuration.md."""

import re
from pathlib import Path

from ecobridge.settings_env import ENV_SETTINGS

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "configuration.md"


def documented_names() -> set[str]:
    return set(re.findall(r"^#+\s+`([A-Z][A-Z0-9_]+)`", DOC.read_text(encoding="utf-8"), re.M))


def test_every_setting_read_by_settings_is_documented():
    import ecobridge.settings  # noqa: F401  (fills ENV_SETTINGS)

    missing = sorted(set(ENV_SETTINGS) - documented_names())
    assert not missing, f"undocumented settings in docs/configuration.md: {missing}"


def test_no_environment_read_bypasses_the_registry():
    """Direct os.environ reads in the package must be documented too."""
    pattern = re.compile(
        r"os\.environ(?:\.get)?\(\s*[\"']([A-Z][A-Z0-9_]+)[\"']|os\.environ\[[\"']([A-Z][A-Z0-9_]+)[\"']\]"
    )
    found = set()
    for path in (ROOT / "src" / "ecobridge").rglob("*.py"):
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            found.add(match.group(1) or match.group(2))
    found -= {"DJANGO_SETTINGS_MODULE"}  # set by the program itself, not by operators
    missing = sorted(found - documented_names())
    assert not missing, f"undocumented environment variables: {missing}"


def test_documented_settings_exist():
    import ecobridge.settings  # noqa: F401

    stale = sorted(documented_names() - set(ENV_SETTINGS) - _direct_reads())
    assert not stale, f"docs/configuration.md documents settings nothing reads: {stale}"


def _direct_reads() -> set[str]:
    text = "\n".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "src" / "ecobridge").rglob("*.py")
    )
    return set(re.findall(r"[\"']([A-Z][A-Z0-9_]{3,})[\"']", text))
