"""The country brief PDF (en, ko, ru), generated as a background job."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone, translation

from ecobridge.core.jobs import JobError, job_handler
from ecobridge.core.pdf import render_pdf
from ecobridge.directory.models import Country, Need, NeedStatus, Person
from ecobridge.insights import services
from ecobridge.insights.labels import labels
from ecobridge.insights.signals import latest_values

JOB_KIND = "insights.country_brief"
BRIEF_LANGUAGES = ("en", "ko", "ru")


def brief_context(country, language: str, user=None) -> dict:
    from ecobridge.alerts.panels import info_for
    from ecobridge.alerts.services import active_alerts
    from ecobridge.core.i18n import localize
    from ecobridge.core.permissions import can_see_contact

    latest = latest_values(country)
    needs = Need.objects.filter(country=country, status=NeedStatus.OPEN).select_related(
        "organisation"
    )
    contacts = []
    for person in Person.objects.filter(organisation__country=country).select_related(
        "organisation"
    )[:30]:
        if user is not None and can_see_contact(user, person):
            contacts.append(
                {
                    "name": str(person),
                    "organisation": localize(person.organisation.name, language).text,
                    "email": person.email,
                    "phone": person.phone,
                }
            )
    alerts = [{"alert": a, "info": info_for(a, language)} for a in active_alerts(country)]
    return {
        "country": country,
        "country_name": country.name(language),
        "language": language,
        "t": labels(language),
        "generated": timezone.now(),
        "indicators": services.key_indicators(country, language, latest),
        "signals": services.signals_with_technologies(country, user, language),
        "peers": services.peers(country, language),
        "cooperation": services.cooperation_history(country),
        "needs": [
            {
                "title": localize(n.title, language).text,
                "organisation": localize(n.organisation.name, language).text,
                "deadline": n.deadline,
            }
            for n in needs[:20]
        ],
        "contacts": contacts,
        "alerts": alerts,
    }


def render_brief(country, language: str, user=None) -> bytes:
    with translation.override(language):
        return render_pdf("insights/brief.html", brief_context(country, language, user))


@job_handler(JOB_KIND)
def run_brief(job, progress) -> dict:
    params = job.params
    country = Country.objects.filter(code=params.get("country", "")).first()
    if country is None:
        raise JobError(f"unknown country {params.get('country')!r}")
    language = params.get("language", "en")
    if language not in BRIEF_LANGUAGES:
        raise JobError(f"language must be one of {', '.join(BRIEF_LANGUAGES)}")
    user = get_user_model().objects.filter(pk=job.created_by_id).first()
    progress(20, "Collecting indicators and signals")
    pdf = render_brief(country, language, user)
    progress(90, "Saving the PDF")
    name = default_storage.save(f"briefs/{country.code}-{language}-{job.pk}.pdf", ContentFile(pdf))
    return {"file": name, "bytes": len(pdf), "country": country.code, "language": language}
