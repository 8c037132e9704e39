"""Timeline sections on the directory's country and organisation pages."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse

from ecobridge.cooperation import timeline

PANEL_LIMIT = 12


def _panel(request, entries, full_url: str, iati_url: str = "") -> str:
    # The section shows the most recent dated entries; the full page shows everything.
    dated = [entry for entry in entries if entry.date is not None]
    return render_to_string(
        "cooperation/_timeline_panel.html",
        {
            "entries": dated[-PANEL_LIMIT:],
            "total": len(entries),
            "full_url": full_url,
            "iati_url": iati_url,
        },
        request=request,
    )


def country_panel(request, country) -> str:
    from ecobridge.cooperation.models import Project

    entries = timeline.collect(country=country)
    iati_url = ""
    if Project.objects.filter(recipient_countries=country).exists():
        iati_url = f"{reverse('cooperation:iati-export')}?country={country.code}"
    return _panel(
        request,
        entries,
        reverse("cooperation:country-timeline", args=[country.code]),
        iati_url,
    )


def organisation_panel(request, organisation) -> str:
    entries = timeline.collect(organisation=organisation)
    if not entries:
        return ""
    return _panel(
        request, entries, reverse("cooperation:organisation-timeline", args=[organisation.pk])
    )
