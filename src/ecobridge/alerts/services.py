"""Which alerts concern a country, an event or a project, and when."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from ecobridge.alerts.models import Alert

COUNTRY_ATTRS = ("country", "countries", "recipient_countries", "party_countries")
START_ATTRS = ("start_date", "actual_start", "planned_start", "start")
END_ATTRS = ("end_date", "actual_end", "planned_end", "end")


def _aware(value, end: bool = False) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_datetime(value) or parse_date(value)
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    if isinstance(value, date):
        return timezone.make_aware(datetime.combine(value, time.max if end else time.min))
    return None


def alerts_in(countries, start=None, end=None) -> QuerySet[Alert]:
    """Alerts linked to any of ``countries`` whose validity overlaps [start, end]."""
    qs = Alert.objects.filter(countries__in=list(countries)).distinct()
    start, end = _aware(start), _aware(end, end=True)
    if end is not None:
        qs = qs.filter(Q(starts_at__isnull=True) | Q(starts_at__lte=end))
    if start is not None:
        qs = qs.filter(Q(expires_at__isnull=True) | Q(expires_at__gte=start))
    return qs.prefetch_related("infos", "countries")


def active_alerts(country, at=None) -> QuerySet[Alert]:
    at = at or timezone.now()
    return alerts_in([country], at, at)


def countries_of(obj) -> list:
    found = []
    for attr in COUNTRY_ATTRS:
        value = getattr(obj, attr, None)
        if value is None:
            continue
        if hasattr(value, "all"):
            found += list(value.all())
        elif hasattr(value, "pk"):
            found.append(value)
    return found


def period_of(obj) -> tuple:
    """(start, end); end is None for an open-ended record (an ongoing project)."""
    start = next((getattr(obj, a) for a in START_ATTRS if getattr(obj, a, None)), None)
    end = next((getattr(obj, a) for a in END_ATTRS if getattr(obj, a, None)), None)
    return start, end


def alerts_for(obj) -> QuerySet[Alert]:
    """Alerts in the area and period of an event or project (anything with a country or
    countries and start/end dates). Without dates: alerts active now."""
    countries = countries_of(obj)
    if not countries:
        return Alert.objects.none()
    start, end = period_of(obj)
    if start is None:
        now = timezone.now()
        return alerts_in(countries, now, now)
    return alerts_in(countries, start, end)
