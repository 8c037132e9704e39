"""The "verified" signal for matching and the technology page panel."""

import datetime as dt

import pytest
from django.utils import timezone

from ecobridge.certification import services
from ecobridge.certification.certificates import is_verified, verified_technology_ids
from ecobridge.core.hooks import render_panels

pytestmark = pytest.mark.django_db


def _issue(case, reviewer, publish):
    services.start_review(reviewer, case)
    services.advance_case(reviewer, case)
    services.advance_case(reviewer, case)
    return services.issue_certificate(reviewer, case, {"ko": "누수 탐지율 95 %"}, publish=publish)


def test_verified_only_with_a_published_unexpired_certificate(case, reviewer, technology, rf):
    assert not is_verified(technology) and verified_technology_ids() == set()
    certificate = _issue(case, reviewer, publish=False)
    assert not is_verified(technology)
    services.publish_certificate(reviewer, case)
    assert is_verified(technology) and verified_technology_ids() == {technology.pk}
    html = render_panels("technology", rf.get("/"), technology)
    assert certificate.number in html and "Verified" in html and "누수" in html
    type(certificate).objects.filter(pk=certificate.pk).update(
        expires_on=timezone.localdate() - dt.timedelta(days=1)
    )
    assert not is_verified(technology) and verified_technology_ids() == set()
    html = render_panels("technology", rf.get("/"), technology)
    assert certificate.number in html and "expired" in html and "✔" not in html


def test_deleting_the_technology_removes_its_certificates(case, reviewer, technology):
    from ecobridge.certification.models import Certificate

    _issue(case, reviewer, publish=True)
    technology.delete()
    assert not Certificate.objects.exists()
