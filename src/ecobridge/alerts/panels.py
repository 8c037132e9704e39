"""Alert sections for country, event and project pages (registered in AlertsConfig)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from ecobridge.alerts.models import Alert
from ecobridge.alerts.services import active_alerts, alerts_for
from ecobridge.insights.labels import labels


def info_for(alert: Alert, language: str):
    infos = list(alert.infos.all())
    for info in infos:
        if info.language.lower().startswith(language):
            return info
    return infos[0] if infos else None


def rows(alerts, request) -> list[dict]:
    language = (getattr(request, "LANGUAGE_CODE", None) or "en").split("-")[0]
    now = timezone.now()
    return [{"alert": a, "info": info_for(a, language), "active": a.is_active(now)} for a in alerts]


def country_panel(request, country) -> str:
    active = list(active_alerts(country))
    recent = list(
        Alert.objects.filter(countries=country)
        .exclude(pk__in=[a.pk for a in active])
        .prefetch_related("infos")[:5]
    )
    return render_to_string(
        "alerts/_panel.html",
        {
            "active": rows(active, request),
            "recent": rows(recent, request),
            "scope": "country",
            "t": labels(getattr(request, "LANGUAGE_CODE", None)),
        },
        request=request,
    )


def period_panel(request, obj) -> str:
    alerts = list(alerts_for(obj))
    if not alerts:
        return ""
    return render_to_string(
        "alerts/_panel.html",
        {
            "active": rows(alerts, request),
            "recent": [],
            "scope": "period",
            "t": labels(getattr(request, "LANGUAGE_CODE", None)),
        },
        request=request,
    )
