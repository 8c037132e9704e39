"""What the country panel, the country page, the API and the PDF brief show."""

from __future__ import annotations

from collections import defaultdict

from django.apps import apps
from django.db.models import Count

from ecobridge.directory.models import Country, Sector, Technology
from ecobridge.insights.labels import labels, lang_code
from ecobridge.insights.models import Indicator, Observation
from ecobridge.insights.signals import evaluate, latest_values

# series drawn as time-series charts on the country page
TREND_INDICATORS = ["water_stress", "safely_managed_water", "freshwater_withdrawal", "population"]
# compared with the region's peers
PEER_INDICATORS = [
    "dependency_ratio",
    "water_stress",
    "agri_withdrawal_share",
    "safely_managed_water",
]


def fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    if abs(value) >= 1_000_000:
        text = f"{value:,.0f}"
    elif abs(value) >= 100:
        text = f"{value:,.1f}"
    else:
        text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text}{' ' + unit if unit and unit != 'people' else ''}".replace(",", "\u202f")


def key_indicators(country, language=None, latest=None) -> list[dict]:
    code = lang_code(language)
    words = labels(code)
    latest = latest_values(country) if latest is None else latest
    rows = []
    for indicator in Indicator.objects.filter(is_key=True).select_related("dataset"):
        value, year, _ = latest.get(indicator.code, (None, None, None))
        obs = None
        if year is not None:
            obs = Observation.objects.filter(
                indicator=indicator, country=country, year=year
            ).first()
        rows.append(
            {
                "code": indicator.code,
                "name": indicator.name(code),
                "value": value,
                "display": fmt(value, indicator.unit),
                "unit": indicator.unit,
                "year": year,
                "source": indicator.dataset.name,
                "licence": indicator.dataset.licence,
                "flags": [words.get(f"flag_{f}", f) for f in (obs.flags if obs else [])],
            }
        )
    return rows


def series(country, codes=TREND_INDICATORS, language=None) -> list[dict]:
    code = lang_code(language)
    out = []
    for indicator in Indicator.objects.filter(code__in=codes).select_related("dataset"):
        points = list(
            Observation.objects.filter(indicator=indicator, country=country)
            .order_by("year")
            .values_list("year", "value")
        )
        out.append(
            {
                "code": indicator.code,
                "name": indicator.name(code),
                "unit": indicator.unit,
                "source": indicator.dataset.name,
                "points": points,
            }
        )
    out.sort(key=lambda s: codes.index(s["code"]))
    return out


def latest_by_country(indicator: Indicator, countries=None) -> dict[str, tuple[float, int]]:
    """``{alpha3: (value, year)}`` of the latest observation per country."""
    qs = Observation.objects.filter(indicator=indicator)
    if countries is not None:
        qs = qs.filter(country__in=countries)
    latest: dict[str, tuple[float, int]] = {}
    for alpha3, year, value in qs.order_by("year").values_list("country__alpha3", "year", "value"):
        latest[alpha3] = (value, year)
    return latest


def peers(country, language=None) -> dict:
    """Latest values of the peer indicators for the countries of the same region."""
    code = lang_code(language)
    members = list(Country.objects.filter(region=country.region).order_by("code"))
    with_data = set(
        Observation.objects.filter(country__in=members).values_list("country_id", flat=True)
    )
    members = [c for c in members if c.pk in with_data]
    table = []
    for indicator in Indicator.objects.filter(code__in=PEER_INDICATORS).select_related("dataset"):
        latest = latest_by_country(indicator, members)
        table.append(
            {
                "code": indicator.code,
                "name": indicator.name(code),
                "unit": indicator.unit,
                "source": indicator.dataset.name,
                "values": [
                    {
                        "country": c.name(code),
                        "alpha3": c.alpha3,
                        "value": latest.get(c.alpha3, (None, None))[0],
                        "year": latest.get(c.alpha3, (None, None))[1],
                        "is_self": c.pk == country.pk,
                    }
                    for c in members
                ],
            }
        )
    table.sort(key=lambda row: PEER_INDICATORS.index(row["code"]))
    return {
        "region": country.get_region_display(),
        "countries": [c.name(code) for c in members],
        "indicators": table,
    }


def signals_with_technologies(country, user=None, language=None) -> list[dict]:
    from ecobridge.core.permissions import visible

    code = lang_code(language)
    out = []
    for signal in evaluate(country):
        sectors = list(Sector.objects.filter(code__in=signal.crs))
        techs = Technology.objects.filter(sectors__code__in=signal.crs).distinct()
        techs = visible(user, techs) if user is not None else techs.filter(is_published=True)
        data = signal.as_dict()
        data["title"] = signal.title_in(code)
        data["sectors"] = [{"code": s.code, "name": str(s)} for s in sectors]
        data["technologies"] = list(techs[:5])
        data["technology_count"] = techs.count()
        for ev in data["evidence"]:
            indicator = Indicator.objects.filter(code=ev["indicator"]).first()
            if indicator:
                ev["indicator_name"] = indicator.name(code)
            ev["display"] = fmt(ev["value"], ev["unit"])
        out.append(data)
    return out


def _model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


COOPERATION_SOURCES = [
    # (kind, model label, relation from the model to Country)
    ("agreements", "cooperation.Agreement", "party_countries"),
    ("projects", "cooperation.Project", "recipient_countries"),
    ("events", "events.Event", "country"),
]


def cooperation_counts() -> dict[str, dict[str, int]]:
    """``{alpha3: {"agreements": n, "projects": n, "events": n}}`` for the cooperation map,
    from whichever of the cooperation and events apps have their models installed."""
    counts: dict[str, dict[str, int]] = defaultdict(
        lambda: {k: 0 for k, _, _ in COOPERATION_SOURCES}
    )
    for kind, label, relation in COOPERATION_SOURCES:
        model = _model(label)
        if model is None:
            continue
        try:
            rows = (
                model.objects.exclude(**{f"{relation}__isnull": True})
                .values(f"{relation}__alpha3")
                .annotate(n=Count("pk", distinct=True))
            )
            for row in rows:
                counts[row[f"{relation}__alpha3"]][kind] = row["n"]
        except Exception:  # a sibling app's schema not migrated yet: show what we can
            continue
    return dict(counts)


def cooperation_history(country, limit: int = 10) -> dict[str, list]:
    history: dict[str, list] = {}
    for kind, label, relation in COOPERATION_SOURCES:
        model = _model(label)
        if model is None:
            history[kind] = []
            continue
        try:
            history[kind] = [
                str(obj) for obj in model.objects.filter(**{relation: country})[:limit]
            ]
        except Exception:
            history[kind] = []
    return history
