"""Typed readers for environment variables.

Every variable read here is registered in ``ENV_SETTINGS`` so the documentation test can
check that each one is described in ``docs/configuration.md``.
"""

from __future__ import annotations

import os

ENV_SETTINGS: dict[str, str] = {}


def env(name: str, default: str = "") -> str:
    ENV_SETTINGS[name] = default
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name, "true" if default else "false").strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"{name}: expected true or false, got {value!r}")


def env_int(name: str, default: int) -> int:
    value = env(name, str(default))
    try:
        return int(value)
    except ValueError as exc:
        raise ValueError(f"{name}: expected an integer, got {value!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]
