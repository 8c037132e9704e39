"""The demo data: realistic schemes, sample applications, idempotent loading."""

import pytest

from ecobridge.certification import demo
from ecobridge.certification.certificates import is_verified
from ecobridge.certification.models import Application, CaseStatus, Scheme
from ecobridge.certification.rules import visible_cases
from ecobridge.core.actors import SYSTEM
from ecobridge.core.models import AuditEntry, User
from ecobridge.directory import demo as directory_demo
from ecobridge.directory.models import Technology

pytestmark = pytest.mark.django_db


def test_demo_loads_once(django_capture_on_commit_callbacks):
    directory_demo.load(SYSTEM)
    with django_capture_on_commit_callbacks(execute=True):
        first = demo.load(SYSTEM)
    assert first["schemes"] == {"created": 5, "unchanged": 0}
    assert set(Scheme.objects.values_list("institution__identifier", flat=True)) == {
        "KR-KECO",
        "KR-WTCI",
        "KR-KTL",
    }
    net = Scheme.objects.get(code="KR-NET-CERT")
    assert net.legal_time_limit_days == 90 and net.name["ko"] == "환경신기술 인증"
    assert Scheme.objects.get(code="ISO14034-ETV").accepts_existing_data

    application = Application.objects.get(reference="DEMO-CERT-1")
    assert application.organisation.technologies.filter(external_id="DT001").exists()
    statuses = dict(application.cases.values_list("scheme__code", "status"))
    assert statuses == {
        "KR-KTL-PERFTEST": CaseStatus.PUBLISHED,
        "ISO14034-ETV": CaseStatus.VERIFICATION_PLAN,
        "KR-NET-CERT": CaseStatus.CLAIM_SPECIFICATION,
    }
    assert is_verified(Technology.objects.get(external_id="DT001"))
    reviewer = User.objects.get(username="reviewer")
    seen = set(
        visible_cases(reviewer, application.cases.all()).values_list("scheme__code", flat=True)
    )
    assert seen == {"KR-KTL-PERFTEST", "ISO14034-ETV"}  # KTL's schemes only

    entries = AuditEntry.objects.count()
    second = demo.load(SYSTEM)
    assert second["schemes"] == {"created": 0, "unchanged": 5}
    assert second["applications"] == {"created": 0, "unchanged": 2}
    assert AuditEntry.objects.count() == entries


def test_demo_pdf_is_a_pdf():
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(demo._demo_pdf("DT001 - Test report")))
    assert "Test report" in reader.pages[0].extract_text()
