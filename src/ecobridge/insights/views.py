"""Country intelligence pages, the country-page panel, map data and the PDF brief job."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from ecobridge.core.jobs import enqueue
from ecobridge.core.models import Job
from ecobridge.directory.models import Country
from ecobridge.insights import geo, services
from ecobridge.insights.brief import BRIEF_LANGUAGES, JOB_KIND
from ecobridge.insights.labels import labels, lang_code
from ecobridge.insights.models import Indicator
from ecobridge.insights.signals import latest_values


def _country(code: str) -> Country:
    code = code.upper()
    country = (
        Country.objects.filter(code=code).first() or Country.objects.filter(alpha3=code).first()
    )
    if country is None:
        raise Http404
    return country


def intelligence_context(request, country) -> dict:
    language = lang_code(getattr(request, "LANGUAGE_CODE", None))
    latest = latest_values(country)
    trends = services.series(country, language=language)
    peer = services.peers(country, language)
    map_indicators = [
        {"code": i.code, "name": i.name(language), "unit": i.unit}
        for i in Indicator.objects.exclude(theme="context").order_by("order")
    ]
    chart_data = {
        "country": country.alpha3,
        "trends": [
            {"name": s["name"], "unit": s["unit"], "source": s["source"], "points": s["points"]}
            for s in trends
            if s["points"]
        ],
        "peers": peer["indicators"],
        "lang": language,
    }
    from ecobridge.alerts.services import active_alerts

    return {
        "country": country,
        "active_alert_count": active_alerts(country).count(),
        "t": labels(language),
        "indicators": services.key_indicators(country, language, latest),
        "signals": services.signals_with_technologies(country, request.user, language),
        "peers": peer,
        "map_indicators": map_indicators,
        "default_map_indicator": "dependency_ratio",
        "chart_data": chart_data,
        "has_data": bool(latest),
        "brief_languages": BRIEF_LANGUAGES,
        "lang": language,
    }


def country_panel(request, country) -> str:
    """The water intelligence section on the portal's country page."""
    return render_to_string(
        "insights/_intelligence.html",
        {**intelligence_context(request, country), "in_panel": True},
        request=request,
    )


def country_page(request, code):
    from ecobridge.alerts.panels import country_panel as alerts_panel

    country = _country(code)
    context = intelligence_context(request, country)
    context["alerts_panel"] = alerts_panel(request, country)
    return render(request, "insights/country.html", context)


def world_map(request):
    language = lang_code(getattr(request, "LANGUAGE_CODE", None))
    return render(
        request,
        "insights/map.html",
        {
            "t": labels(language),
            "map_indicators": [
                {"code": i.code, "name": i.name(language), "unit": i.unit}
                for i in Indicator.objects.order_by("order")
            ],
            "default_map_indicator": request.GET.get("indicator", "dependency_ratio"),
        },
    )


@cache_control(max_age=86400, public=True)
def world_geojson(request):
    """Natural Earth 1:110m countries (shipped), for the offline choropleth."""
    return JsonResponse(geo.world_geojson())


def cooperation_data(request):
    counts = services.cooperation_counts()
    return JsonResponse(
        {
            "values": [
                {"alpha3": a3, "total": sum(c.values()), **c} for a3, c in sorted(counts.items())
            ]
        }
    )


@login_required
@require_POST
def start_brief(request, code):
    country = _country(code)
    language = request.POST.get("language", lang_code(getattr(request, "LANGUAGE_CODE", None)))
    if language not in BRIEF_LANGUAGES:
        language = "en"
    job = enqueue(
        JOB_KIND,
        f"{labels(language)['brief_title']}: {country.name(language)} ({language})",
        user=request.user,
        params={"country": country.code, "language": language},
    )
    return redirect("insights:brief-job", job.pk)


def _own_job(request, pk) -> Job:
    job = get_object_or_404(Job, pk=pk, kind=JOB_KIND)
    user = request.user
    if not (user.is_authenticated and (job.created_by_id == user.pk or user.is_ecobridge_staff)):
        raise Http404
    return job


@login_required
def brief_job(request, pk):
    job = _own_job(request, pk)
    template = (
        "insights/_brief_status.html"
        if request.headers.get("HX-Request")
        else "insights/brief_job.html"
    )
    language = job.params.get("language", "en")
    return render(request, template, {"job": job, "t": labels(language)})


@login_required
def brief_download(request, pk):
    job = _own_job(request, pk)
    name = job.result.get("file") if job.result else None
    if job.status != "succeeded" or not name:
        raise Http404
    if not name.startswith("briefs/"):
        raise PermissionDenied
    filename = f"ecobridge-brief-{job.params.get('country')}-{job.params.get('language')}.pdf"
    return FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )
