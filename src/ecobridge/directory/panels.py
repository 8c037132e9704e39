"""Matching results on need, technology and organisation pages.

The page itself stays fast: each panel is a placeholder that htmx fills from
``/match/panel/<kind>/<pk>/`` once the page has loaded.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string

from ecobridge.core.hooks import register_panel


def _placeholder(request, page: str, obj) -> str:
    if not settings.MATCHING_ENABLED:
        return ""
    return render_to_string(
        "portal/match_placeholder.html", {"page": page, "object": obj}, request=request
    )


register_panel("need", lambda request, obj: _placeholder(request, "need", obj))
register_panel("technology", lambda request, obj: _placeholder(request, "technology", obj))
register_panel("organisation", lambda request, obj: _placeholder(request, "organisation", obj))
