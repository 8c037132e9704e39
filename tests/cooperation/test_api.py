"""REST API: the web's permissions, writes through the domain functions, OpenAPI."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from ecobridge.cooperation.models import Agreement, Project

pytestmark = pytest.mark.django_db

API = "/api/v1/cooperation"


@pytest.fixture
def api():
    return APIClient()


def test_reading_hides_drafts_from_non_staff(api, mou, draft, outsider, analyst):
    keys = [a["key"] for a in api.get(f"{API}/agreements/").json()["results"]]
    assert keys == ["kr-kz-water-mou"]
    api.force_authenticate(outsider)
    assert api.get(f"{API}/agreements/{draft.pk}/").status_code == 404
    api.force_authenticate(analyst)
    assert api.get(f"{API}/agreements/{draft.pk}/").status_code == 200


def test_agreement_detail_carries_multilingual_title_codes_and_history(api, mou):
    data = api.get(f"{API}/agreements/{mou.pk}/").json()
    assert data["title"]["ru"] == "Меморандум о воде"
    assert data["party_countries"] == ["KR", "KZ"]
    assert data["sectors"] == ["14021"]
    assert [(h["from_status"], h["to_status"]) for h in data["history"]] == [("draft", "signed")]


@pytest.mark.parametrize("persona", ["analyst", "owner", "member", "outsider"])
def test_readers_cannot_write(api, request, persona, mou, project):
    api.force_authenticate(request.getfixturevalue(persona))
    assert (
        api.post(
            f"{API}/agreements/",
            {"key": "x", "kind": "mou", "title": {"en": "X"}, "party_countries": ["KZ"]},
            format="json",
        ).status_code
        == 403
    )
    assert (
        api.post(
            f"{API}/agreements/{mou.pk}/transition/",
            {"to_status": "in_force", "on": "2022-01-01"},
            format="json",
        ).status_code
        == 403
    )
    assert (
        api.patch(f"{API}/projects/{project.pk}/", {"status": "3"}, format="json").status_code
        == 403
    )
    assert Agreement.objects.get(pk=mou.pk).status == "signed"


def test_officer_creates_signs_and_links(api, officer, project):
    api.force_authenticate(officer)
    response = api.post(
        f"{API}/agreements/",
        {
            "key": "kz-2025",
            "kind": "mou",
            "title": {"en": "Water industry MOU"},
            "party_countries": ["KR", "KZ"],
            "sectors": ["14021"],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["status"] == "draft"
    response = api.post(
        f"{API}/agreements/{pk}/transition/",
        {"to_status": "signed", "on": "2025-09-03"},
        format="json",
    )
    assert response.status_code == 200 and response.json()["status"] == "signed"
    response = api.post(
        f"{API}/agreements/{pk}/transition/",
        {"to_status": "draft", "on": "2025-09-04"},
        format="json",
    )
    assert response.status_code == 400 and "status" in response.json()
    assert (
        api.post(
            f"{API}/agreements/{pk}/link-project/", {"project": project.pk}, format="json"
        ).status_code
        == 200
    )
    item = api.post(
        f"{API}/action-items/",
        {"agreement": pk, "title": {"en": "Send specs"}, "due_on": "2025-10-01"},
        format="json",
    )
    assert item.status_code == 201
    closed = api.post(
        f"{API}/action-items/{item.json()['id']}/close/", {"on": "2025-09-30"}, format="json"
    )
    assert closed.json()["status"] == "done"
    kinds = [e["kind"] for e in api.get(f"{API}/agreements/{pk}/outcomes/").json()]
    assert kinds == ["project", "agreement", "follow_up"]  # the pilot (2022) predates the MOU


def test_status_is_read_only_and_bad_input_names_the_field(api, officer, mou):
    api.force_authenticate(officer)
    api.patch(f"{API}/agreements/{mou.pk}/", {"status": "expired"}, format="json")
    assert Agreement.objects.get(pk=mou.pk).status == "signed"
    response = api.post(
        f"{API}/agreements/", {"key": "y", "kind": "mou", "title": {"en": "Y"}}, format="json"
    )
    assert response.status_code == 400 and "party_countries" in response.json()
    response = api.post(
        f"{API}/agreements/",
        {"key": "y", "kind": "treaty", "title": {"en": "Y"}, "party_countries": ["KZ"]},
        format="json",
    )
    assert response.status_code == 400 and "kind" in response.json()


def test_projects_nested_and_iati(api, officer, project):
    api.force_authenticate(officer)
    response = api.post(
        f"{API}/project-stages/",
        {"project": project.pk, "ordinal": 1, "name": {"en": "Phase 1"}},
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = api.get(f"{API}/projects/{project.pk}/").json()
    assert data["stages"][0]["name"] == {"en": "Phase 1"}
    assert data["recipient_countries"] == ["KZ"]
    xml = api.get(f"{API}/projects/{project.pk}/iati/")
    assert xml["Content-Type"] == "application/xml" and b"KR-GOV-MOE-KZ-001" in xml.content
    assert Project.objects.get(pk=project.pk).stages.count() == 1


def test_timeline_endpoint(api, mou, project, officer):
    from ecobridge.cooperation import services

    services.link_project(officer, mou, project)
    entries = api.get(f"{API}/timeline/", {"country": "KZ"}).json()
    assert [e["kind"] for e in entries] == ["agreement", "project"]
    assert (
        api.get(f"{API}/timeline/", {"country": "KZ", "kind": "project"}).json()[0]["title"]
        == "Smart water metering pilot"
    )
    assert api.get(f"{API}/timeline/").status_code == 400
    assert api.get(f"{API}/timeline/", {"country": "XX"}).status_code == 400


def test_meeting_carried_items_endpoint(api, officer, mechanism):
    import datetime

    from ecobridge.cooperation import services

    from .conftest import make_meeting

    first = make_meeting(mechanism, 1, datetime.date(2020, 1, 1))
    second = make_meeting(mechanism, 2, datetime.date(2021, 1, 1))
    services.add_action_item(officer, {"meeting": first, "title": {"en": "Carry me"}})
    data = api.get(f"{API}/meetings/{second.pk}/carried-action-items/").json()
    assert [d["title"]["en"] for d in data] == ["Carry me"]


def test_openapi_lists_the_cooperation_endpoints(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    paths = schema["paths"]
    for path in [
        "/api/v1/cooperation/agreements/",
        "/api/v1/cooperation/agreements/{id}/transition/",
        "/api/v1/cooperation/agreements/{id}/outcomes/",
        "/api/v1/cooperation/meetings/{id}/carried-action-items/",
        "/api/v1/cooperation/projects/{id}/iati/",
        "/api/v1/cooperation/timeline/",
        "/api/v1/cooperation/trainings/",
        "/api/v1/cooperation/figures/",
    ]:
        assert path in paths, path


def test_document_upload_and_region_codes_through_the_api(
    api, officer, mou, project, draft, outsider
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    api.force_authenticate(officer)
    response = api.post(
        f"{API}/agreement-documents/",
        {
            "agreement": mou.pk,
            "title": "Text",
            "file": SimpleUploadedFile("mou.pdf", b"%PDF-1.4 x"),
        },
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    response = api.post(
        f"{API}/agreement-documents/",
        {"agreement": draft.pk, "title": "Fake", "file": SimpleUploadedFile("x.pdf", b"not a pdf")},
        format="multipart",
    )
    assert response.status_code == 400 and "file" in response.json()
    api.post(
        f"{API}/agreement-documents/",
        {
            "agreement": draft.pk,
            "title": "Draft text",
            "file": SimpleUploadedFile("d.pdf", b"%PDF-1.4 d"),
        },
        format="multipart",
    )
    response = api.patch(
        f"{API}/projects/{project.pk}/", {"recipient_regions": ["619", "123456"]}, format="json"
    )
    assert response.status_code == 400 and "recipient_regions" in response.json()
    assert (
        api.patch(
            f"{API}/projects/{project.pk}/", {"recipient_regions": ["619"]}, format="json"
        ).status_code
        == 200
    )
    api.force_authenticate(outsider)
    titles = [d["title"] for d in api.get(f"{API}/agreement-documents/").json()["results"]]
    assert titles == ["Text"]  # the draft's document stays with staff


def test_iati_of_a_project_without_dates_says_why(api, officer):
    from ecobridge.cooperation import services

    bare = services.create_record(
        officer, Project, {"iati_identifier": "X-1", "title": {"en": "Bare"}}
    )
    response = api.get(f"{API}/projects/{bare.pk}/iati/")
    assert response.status_code == 400 and "activity date" in response.json()["iati"][0]
