"""Certificates on the public side: PDF, the technology-page panel, the "verified" signal.

A technology counts as verified while it holds a published certificate or statement that
has not expired. The matching engine can ask :func:`verified_technology_ids` once per run.
"""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string
from django.utils import timezone

from ecobridge.certification.models import Certificate
from ecobridge.core.pdf import render_pdf


def valid_certificates(today: dt.date | None = None):
    """Published certificates that have not expired."""
    today = today or timezone.localdate()
    return Certificate.objects.filter(published_at__isnull=False, expires_on__gte=today)


def is_verified(technology, today: dt.date | None = None) -> bool:
    return valid_certificates(today).filter(technology_id=technology.pk).exists()


def verified_technology_ids(today: dt.date | None = None) -> set[int]:
    return set(valid_certificates(today).values_list("technology_id", flat=True).distinct())


def render_certificate_pdf(certificate: Certificate) -> bytes:
    case = certificate.case
    context = {
        "certificate": certificate,
        "scheme": certificate.scheme,
        "institution": certificate.scheme.institution,
        "technology": certificate.technology,
        "applicant": case.application.organisation,
        "claims": sorted(certificate.claim_verified.items()),
        "existing_data_accepted": case.existing_data_accepted,
    }
    return render_pdf("certification/certificate_pdf.html", context)


def technology_panel(request, technology) -> str:
    """The "Certificates and verifications" section of the technology page."""
    certificates = list(
        Certificate.objects.filter(technology=technology, published_at__isnull=False)
        .select_related("scheme", "scheme__institution")
        .order_by("-issued_on")
    )
    if not certificates:
        return ""
    today = timezone.localdate()
    return render_to_string(
        "certification/_technology_panel.html",
        {
            "certificates": certificates,
            "today": today,
            "verified": any(c.expires_on >= today for c in certificates),
        },
        request=request,
    )
