"""The demo dataset: reference data, the seed documents' bodies, sample records, logins.

Each domain app contributes a ``demo`` module with ``load(actor) -> dict``; they run in
order. Loading is idempotent: a second run finds everything in place and writes nothing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from ecobridge.core.actors import SYSTEM

DEMO_MODULES = [
    "ecobridge.directory.demo",
    "ecobridge.insights.demo",
    "ecobridge.alerts.demo",
    "ecobridge.cooperation.demo",
    "ecobridge.certification.demo",
    "ecobridge.events.demo",
]


def load_demo(progress: Callable[[int, str], None] | None = None) -> dict[str, dict]:
    from django.conf import settings

    from ecobridge.directory import match
    from ecobridge.directory.signals import auto_index_paused

    results = {}
    with auto_index_paused():
        for index, module_name in enumerate(DEMO_MODULES):
            module = importlib.import_module(module_name)
            if progress:
                progress(int(100 * index / len(DEMO_MODULES)), module_name)
            results[module_name.split(".")[1]] = module.load(SYSTEM)
    # One full index build the first time; afterwards the index persists and edits
    # re-index single records.
    if settings.MATCHING_ENABLED and not match.index_exists():
        results["matching"] = match.rebuild()
    if progress:
        progress(100, "done")
    return results
