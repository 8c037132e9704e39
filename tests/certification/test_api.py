"""REST API: schemes, applications, documents, cases, transitions, certificates, schema."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from ecobridge.certification.models import Application, CaseStatus, Scheme
from tests.certification.conftest import pdf_upload

pytestmark = pytest.mark.django_db
BASE = "/api/v1/certification"


@pytest.fixture
def api():
    return APIClient()


def as_user(api, user):
    api.force_authenticate(user)
    return api


def test_schemes_are_public_and_configured_by_administrators(
    api, scheme, institution, administrator, owner
):
    response = api.get(f"{BASE}/schemes/")
    assert response.status_code == 200
    body = response.json()["results"][0]
    assert body["code"] == "KTL-PERF" and body["institution"] == "KR-KTL"
    assert body["stages"][0] == {
        "stage": "application",
        "time_limit_days": None,
        "required_documents": ["technology_description"],
    }
    payload = {
        "code": "API-SCHEME",
        "name": {"en": "API scheme"},
        "kind": "etv",
        "institution": "KR-KTL",
        "legal_time_limit_days": 120,
        "validity_months": 36,
        "accepts_existing_data": True,
        "stages": [
            {"stage": s} for s in ("application", "review", "decision", "certificate", "published")
        ],
    }
    assert as_user(api, owner).post(f"{BASE}/schemes/", payload, format="json").status_code == 403
    response = as_user(api, administrator).post(f"{BASE}/schemes/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert Scheme.objects.get(code="API-SCHEME").stage_list()[-1] == "published"
    payload["stages"] = payload["stages"][1:]
    response = api.put(f"{BASE}/schemes/API-SCHEME/", payload, format="json")
    assert response.status_code == 400
    assert "missing required stage(s): application" in str(response.json()["stages"])


def test_full_flow_through_the_api(api, owner, reviewer, technology, scheme, scheme_b, member):
    as_user(api, owner)
    response = api.post(
        f"{BASE}/applications/",
        {
            "technology": technology.pk,
            "schemes": ["KTL-PERF", "ETV"],
            "claim": {"en": "Finds leaks"},
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    app_id = response.json()["id"]
    assert {c["scheme"] for c in response.json()["cases"]} == {"KTL-PERF", "ETV"}
    response = api.post(f"{BASE}/applications/{app_id}/submit/")
    assert response.status_code == 400 and "documents" in response.json()
    for kind in ("technology_description", "performance_claim"):
        response = api.post(
            f"{BASE}/applications/{app_id}/documents/",
            {"kind": kind, "file": pdf_upload(f"{kind}.pdf")},
            format="multipart",
        )
        assert response.status_code == 201
    response = api.post(
        f"{BASE}/applications/{app_id}/documents/",
        {"kind": "drawings", "file": pdf_upload("x.pdf", b"GIF89a")},
        format="multipart",
    )
    assert response.status_code == 400 and "not a PDF" in str(response.json()["file"])
    assert api.post(f"{BASE}/applications/{app_id}/submit/").status_code == 200

    # Another company sees nothing.
    as_user(api, member)
    assert api.get(f"{BASE}/applications/{app_id}/").status_code == 404
    assert api.get(f"{BASE}/cases/").json()["count"] == 0

    case_id = Application.objects.get(pk=app_id).cases.get(scheme=scheme).pk
    url = f"{BASE}/cases/{case_id}/transition/"
    as_user(api, owner)
    assert api.post(url, {"transition": "start_review"}, format="json").status_code == 403
    as_user(api, reviewer)
    body = api.get(f"{BASE}/cases/{case_id}/").json()
    assert body["allowed_transitions"] == ["start_review", "request_supplement", "reject"]
    assert body["clock"]["limit"] == 90 and body["clock"]["state"] == "ok"
    assert api.post(url, {"transition": "advance"}, format="json").status_code == 400
    assert api.post(url, {"transition": "start_review"}, format="json").json()["status"] == "review"
    due = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    body = api.post(
        url,
        {"transition": "request_supplement", "message": "More data", "due_date": due},
        format="json",
    ).json()
    assert body["clock"]["paused"] is True and body["supplements"][0]["message"] == "More data"
    as_user(api, owner)
    body = api.post(
        url, {"transition": "answer_supplement", "answer": "Sent"}, format="json"
    ).json()
    assert body["clock"]["paused"] is False
    as_user(api, reviewer)
    api.post(url, {"transition": "advance"}, format="json")
    api.post(url, {"transition": "advance"}, format="json")
    body = api.post(
        url,
        {"transition": "issue_certificate", "claim_verified": {"en": "95 %"}, "publish": True},
        format="json",
    ).json()
    assert body["status"] == CaseStatus.PUBLISHED and body["certificate"]

    api.force_authenticate(None)
    certificates = api.get(f"{BASE}/certificates/").json()["results"]
    assert [c["number"] for c in certificates] == [body["certificate"]]
    assert certificates[0]["technology"] == technology.pk


def test_message_thread_api(api, case, owner, reviewer, member):
    url = f"{BASE}/cases/{case.pk}/messages/"
    as_user(api, owner).post(url, {"body": "Hello"}, format="json")
    response = as_user(api, reviewer).get(url)
    assert [m["body"] for m in response.json()] == ["Hello"]
    assert as_user(api, member).post(url, {"body": "x"}, format="json").status_code == 404


def test_unpublished_certificates_are_not_listed_publicly(api, case, reviewer, owner):
    from ecobridge.certification import services

    services.start_review(reviewer, case)
    services.advance_case(reviewer, case)
    services.advance_case(reviewer, case)
    services.issue_certificate(reviewer, case, "claim")
    assert api.get(f"{BASE}/certificates/").json()["count"] == 0
    assert as_user(api, owner).get(f"{BASE}/certificates/").json()["count"] == 1


def test_openapi_schema_documents_the_endpoints(api):
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/certification/schemes/",
        "/api/v1/certification/applications/{id}/documents/",
        "/api/v1/certification/cases/{id}/transition/",
        "/api/v1/certification/cases/{id}/messages/",
        "/api/v1/certification/certificates/",
    ):
        assert path in paths
    # Own component names, so other apps' serializers of the same name cannot clash.
    schemas = response.json()["components"]["schemas"]
    for name in (
        "CertificationScheme",
        "CertificationCase",
        "CertificationTransition",
        "CertificationCaseStatusEnum",
        "CertificationDocumentKindEnum",
    ):
        assert name in schemas
    body = paths["/api/v1/certification/cases/{id}/transition/"]["post"]["requestBody"]
    assert "CertificationTransition" in str(body)
