"""Extension points so domain apps can add to pages they do not own.

- ``nav``: links in the top navigation, declared by each app config as
  ``nav = [(label, url_name), ...]`` (shown when the app is installed).
- ``panels``: sections on detail pages. A domain app registers
  ``register_panel("technology", render)`` where ``render(request, obj)`` returns HTML
  (or ""); the page shows every panel in registration order. Page names: "country",
  "organisation", "technology", "need", "person".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from django.apps import apps
from django.utils.safestring import SafeString, mark_safe

PanelRenderer = Callable[..., str]
_PANELS: dict[str, list[PanelRenderer]] = defaultdict(list)


def register_panel(page: str, render: PanelRenderer) -> PanelRenderer:
    if render not in _PANELS[page]:
        _PANELS[page].append(render)
    return render


def render_panels(page: str, request, obj) -> SafeString:
    return mark_safe("".join(render(request, obj) or "" for render in _PANELS[page]))


def nav_links() -> list[tuple[str, str]]:
    links = []
    for config in apps.get_app_configs():
        links.extend(getattr(config, "nav", []))
    return links
