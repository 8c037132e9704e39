"""Fixtures: two institutions with reviewers, two schemes, upload helpers."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ecobridge.certification import services
from ecobridge.certification.models import DocumentKind, Scheme, SchemeStage
from ecobridge.core.models import Membership, MembershipRole, User
from ecobridge.directory.models import Organisation

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf_upload(name: str = "description.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def office_upload(name: str, member: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<x/>")
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def institution(countries):
    return Organisation.objects.create(
        identifier="KR-KTL",
        name={"en": "Korea Testing Laboratory"},
        kind="testing_body",
        country=countries["KR"],
    )


@pytest.fixture
def other_institution(countries):
    return Organisation.objects.create(
        identifier="KR-WTCI",
        name={"en": "Water Technology Certification Institute"},
        kind="testing_body",
        country=countries["KR"],
    )


def _reviewer(username: str, organisation: Organisation, language: str = "en") -> User:
    user = User.objects.create_user(
        username=username,
        password="pw-" + username,
        email=f"{username}@example.org",
        language=language,
    )
    Membership.objects.create(
        user=user, organisation=organisation, role=MembershipRole.CERTIFICATION_REVIEWER
    )
    return user


@pytest.fixture
def reviewer(institution):
    return _reviewer("ktl-reviewer", institution, language="ko")


@pytest.fixture
def other_reviewer(other_institution):
    return _reviewer("wtci-reviewer", other_institution)


def make_scheme(institution, code: str, *, stages=None, accepts_existing_data=False, limit=90):
    scheme = Scheme.objects.create(
        code=code,
        name={"en": f"Scheme {code}"},
        kind="verification",
        institution=institution,
        legal_time_limit_days=limit,
        validity_months=36,
        accepts_existing_data=accepts_existing_data,
    )
    stages = stages or [
        ("application", None, [DocumentKind.TECHNOLOGY_DESCRIPTION]),
        ("review", 20, []),
        ("testing", 30, []),
        ("decision", 10, []),
        ("certificate", None, []),
        ("published", None, []),
    ]
    for order, (stage, limit_days, docs) in enumerate(stages):
        SchemeStage.objects.create(
            scheme=scheme,
            stage=stage,
            order=order,
            time_limit_days=limit_days,
            required_documents=list(docs),
        )
    return scheme


@pytest.fixture
def scheme(institution):
    return make_scheme(institution, "KTL-PERF", accepts_existing_data=True)


@pytest.fixture
def scheme_b(institution):
    return make_scheme(
        institution,
        "ETV",
        stages=[
            (
                "application",
                None,
                [DocumentKind.TECHNOLOGY_DESCRIPTION, DocumentKind.PERFORMANCE_CLAIM],
            ),
            ("review", None, []),
            ("claim_specification", None, []),
            ("verification_plan", None, []),
            ("testing", None, []),
            ("report", None, []),
            ("decision", None, []),
            ("certificate", None, []),
            ("published", None, []),
        ],
        limit=120,
    )


@pytest.fixture
def foreign_scheme(other_institution):
    return make_scheme(other_institution, "WTCI-PROD")


@pytest.fixture
def owner(company):
    user = User.objects.create_user(
        username="owner", password="pw-owner", email="owner@example.org", language="ru"
    )
    Membership.objects.create(user=user, organisation=company, role=MembershipRole.COMPANY_MEMBER)
    return user


@pytest.fixture
def draft(owner, technology, scheme):
    application = services.create_application(
        owner, technology=technology, schemes=[scheme], claim={"en": "Finds 95 % of leaks"}
    )
    services.add_document(owner, application, DocumentKind.TECHNOLOGY_DESCRIPTION, pdf_upload())
    return application


@pytest.fixture
def case(draft, owner):
    services.submit_application(owner, draft)
    return draft.cases.get()
