"""REST API: the same permission rules as the web, per endpoint and persona."""

import pytest
from rest_framework.test import APIClient

from ecobridge.core.models import AuditEntry
from ecobridge.directory.models import Person, Technology

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def _as(api, user):
    if user is not None:
        api.force_authenticate(user)
    return api


@pytest.mark.parametrize(
    "endpoint", ["organisations", "people", "technologies", "needs", "countries", "sectors"]
)
def test_read_endpoints_are_public_and_paginated(api, endpoint, technology, need):
    response = api.get(f"/api/v1/{endpoint}/")
    assert response.status_code == 200
    assert {"count", "next", "previous", "results"} <= set(response.json())


def test_unpublished_records_only_for_owner(api, outsider, owner, technology, hidden_technology):
    ids = {r["id"] for r in _as(api, outsider).get("/api/v1/technologies/").json()["results"]}
    assert ids == {technology.pk}
    ids = {r["id"] for r in _as(APIClient(), owner).get("/api/v1/technologies/").json()["results"]}
    assert ids == {technology.pk, hidden_technology.pk}
    assert (
        _as(APIClient(), outsider).get(f"/api/v1/technologies/{hidden_technology.pk}/").status_code
        == 404
    )


@pytest.mark.parametrize(
    "persona,expected",
    [
        (None, 403),
        ("outsider", 403),
        ("member", 403),
        ("analyst", 403),
        ("owner", 200),
        ("officer", 200),
    ],
)
def test_patch_technology(api, request, technology, persona, expected):
    user = request.getfixturevalue(persona) if persona else None
    response = _as(api, user).patch(
        f"/api/v1/technologies/{technology.pk}/",
        {"description": {"ru": "Находит утечки"}},
        format="json",
    )
    assert response.status_code == expected
    technology.refresh_from_db()
    assert ("ru" in technology.description) == (expected == 200)


@pytest.mark.parametrize(
    "persona,target,expected",
    [
        ("owner", "company", 201),
        ("owner", "other_company", 403),
        ("member", "company", 403),
        ("analyst", "company", 403),
        ("outsider", "company", 403),
        ("officer", "other_company", 201),
    ],
)
def test_create_technology(api, request, persona, target, expected, sectors):
    owner_org = request.getfixturevalue(target)
    response = _as(api, request.getfixturevalue(persona)).post(
        "/api/v1/technologies/",
        {
            "owner": owner_org.pk,
            "title": {"en": "New tech", "ko": "새 기술"},
            "sectors": ["14022"],
            "trl": 6,
        },
        format="json",
    )
    assert response.status_code == expected, response.content
    assert Technology.objects.filter(title__en="New tech").exists() == (expected == 201)
    if expected == 201:
        assert response.json()["sectors"] == ["14022"]
        assert (
            AuditEntry.objects.filter(action="create", object_type="directory.Technology").count()
            == 1
        )


@pytest.mark.parametrize("persona,expected", [("member", 403), ("owner", 204)])
def test_delete_technology(api, request, technology, persona, expected):
    assert (
        _as(api, request.getfixturevalue(persona))
        .delete(f"/api/v1/technologies/{technology.pk}/")
        .status_code
        == expected
    )
    assert Technology.objects.filter(pk=technology.pk).exists() == (expected != 204)


@pytest.mark.parametrize(
    "persona,expected", [("outsider", 403), ("member", 403), ("owner", 200), ("analyst", 403)]
)
def test_patch_organisation(api, request, company, persona, expected):
    response = _as(api, request.getfixturevalue(persona)).patch(
        f"/api/v1/organisations/{company.pk}/", {"website": "https://aqua.example"}, format="json"
    )
    assert response.status_code == expected


@pytest.mark.parametrize("persona,expected", [("owner", 403), ("officer", 201)])
def test_create_organisation_is_for_staff(api, request, persona, expected, countries):
    response = _as(api, request.getfixturevalue(persona)).post(
        "/api/v1/organisations/",
        {"name": {"kk": "Су арнасы"}, "kind": "utility", "country": "KZ"},
        format="json",
    )
    assert response.status_code == expected


@pytest.mark.parametrize(
    "persona,expected", [("owner", 403), ("member", 403), ("counterpart_member", 200)]
)
def test_patch_need(api, request, need, persona, expected):
    response = _as(api, request.getfixturevalue(persona)).patch(
        f"/api/v1/needs/{need.pk}/", {"status": "matched"}, format="json"
    )
    assert response.status_code == expected


@pytest.mark.parametrize("persona,expected", [("outsider", 403), ("member", 403), ("owner", 200)])
def test_patch_person(api, request, company, persona, expected):
    person = Person.objects.create(organisation=company, name_native="박지훈")
    response = _as(api, request.getfixturevalue(persona)).patch(
        f"/api/v1/people/{person.pk}/", {"languages": ["ko", "ru"]}, format="json"
    )
    assert response.status_code == expected


def test_person_contact_hidden_without_consent(api, outsider, owner, company):
    person = Person.objects.create(organisation=company, name_native="A", email="a@example.org")
    assert _as(api, outsider).get(f"/api/v1/people/{person.pk}/").json()["email"] is None
    assert (
        _as(APIClient(), owner).get(f"/api/v1/people/{person.pk}/").json()["email"]
        == "a@example.org"
    )


def test_reference_data_is_read_only(api, administrator, countries):
    assert (
        _as(api, administrator)
        .post("/api/v1/countries/", {"code": "XX"}, format="json")
        .status_code
        == 405
    )


@pytest.mark.parametrize("persona,expected", [(None, 403), ("owner", 403), ("analyst", 200)])
def test_audit_endpoint_for_staff(api, request, persona, expected):
    assert (
        _as(api, request.getfixturevalue(persona) if persona else None)
        .get("/api/v1/audit/")
        .status_code
        == expected
    )


def test_bad_input_names_the_field(api, owner, company):
    response = _as(api, owner).post(
        "/api/v1/technologies/",
        {"owner": company.pk, "title": {"xx": "?"}, "trl": 12},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert "unknown language code 'xx'" in str(body["title"])
    assert "trl" in body


def test_filters(api, technology, need):
    assert api.get("/api/v1/needs/?country=KZ").json()["count"] == 1
    assert api.get("/api/v1/needs/?country=KR").json()["count"] == 0
    assert api.get("/api/v1/technologies/?sector=14021").json()["count"] == 1
    assert api.get("/api/v1/technologies/?q=leak").json()["count"] == 1
    assert api.get("/api/v1/countries/?q=Қазақстан").json()["results"][0]["code"] == "KZ"


def test_token_authentication(api, owner, technology):
    owner.set_password("s3cret-pass")
    owner.save()
    token = api.post(
        "/api/v1/auth/token/", {"username": "owner", "password": "s3cret-pass"}, format="json"
    ).json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert (
        client.patch(
            f"/api/v1/technologies/{technology.pk}/", {"trl": 9}, format="json"
        ).status_code
        == 200
    )


def test_openapi_schema_and_docs(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert "/api/v1/technologies/" in schema["paths"]
    assert "/api/v1/needs/{id}/" in schema["paths"]
    docs = client.get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in docs and "cdn" not in docs.lower()
