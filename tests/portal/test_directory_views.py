"""Directory pages with the owner / member / outsider personas (plus staff roles)."""

import pytest

from ecobridge.core.models import AuditEntry
from ecobridge.directory.models import Person, Technology

pytestmark = pytest.mark.django_db


def _login(client, user):
    if user is not None:
        client.force_login(user)


@pytest.fixture
def person(company):
    return Person.objects.create(
        organisation=company, name_native="김민수", name_latin="Kim Minsu", email="kim@example.org"
    )


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/organisations/",
        "/technologies/",
        "/needs/",
        "/people/",
        "/countries/",
        "/sectors/",
        "/search/?q=leak",
    ],
)
def test_public_pages_open_to_anonymous_visitors(client, url, technology, need):
    response = client.get(url)
    assert response.status_code == 200


def test_lists_filter_and_search_across_languages(client, technology, need, company, sectors):
    assert "Acoustic leak logger" in client.get("/technologies/?q=LEAK").content.decode()
    assert "Acoustic leak logger" not in client.get("/technologies/?q=membrane").content.decode()
    assert "Acoustic leak logger" in client.get("/technologies/?sector=14021").content.decode()
    assert "Acoustic leak logger" not in client.get("/technologies/?sector=31140").content.decode()
    assert "Снижение потерь" in client.get("/needs/?q=потерь&country=KZ").content.decode()
    assert "Снижение потерь" not in client.get("/needs/?country=KR").content.decode()
    assert "Aqua Sensing" in client.get("/organisations/?q=아쿠아").content.decode()


@pytest.mark.parametrize(
    "persona,expected",
    [
        (None, 302),
        ("outsider", 403),
        ("member", 403),
        ("analyst", 403),
        ("owner", 200),
        ("officer", 200),
    ],
)
def test_technology_edit_page_access(client, request, technology, persona, expected):
    _login(client, request.getfixturevalue(persona) if persona else None)
    assert client.get(f"/technologies/{technology.pk}/edit/").status_code == expected


@pytest.mark.parametrize("persona,expected", [("outsider", 403), ("member", 403), ("owner", 200)])
def test_organisation_and_person_edit_page_access(
    client, request, company, person, persona, expected
):
    _login(client, request.getfixturevalue(persona))
    assert client.get(f"/organisations/{company.pk}/edit/").status_code == expected
    assert client.get(f"/people/{person.pk}/edit/").status_code == expected


@pytest.mark.parametrize(
    "persona,expected", [("owner", 403), ("member", 403), ("counterpart_member", 200)]
)
def test_need_edit_page_access(client, request, need, persona, expected):
    _login(client, request.getfixturevalue(persona))
    assert client.get(f"/needs/{need.pk}/edit/").status_code == expected


def _technology_post(technology, **overrides):
    data = {
        "owner": technology.owner_id,
        "original_language": "en",
        "trl": 8,
        "is_published": "on",
        "sectors": [s.pk for s in technology.sectors.all()],
    }
    for code in ["en", "ko", "ru", "kk", "uz", "vi"]:
        data[f"title_{code}"] = technology.title.get(code, "")
        data[f"description_{code}"] = technology.description.get(code, "")
        data[f"performance_claims_{code}"] = ""
        data[f"reference_installations_{code}"] = ""
    data.update(overrides)
    return data


def test_owner_edits_description_side_by_side_and_it_is_audited(client, owner, technology):
    client.force_login(owner)
    response = client.post(
        f"/technologies/{technology.pk}/edit/",
        _technology_post(
            technology, description_ko="관로 누수를 찾습니다.", description_ru="Находит утечки."
        ),
    )
    assert response.status_code == 302
    technology.refresh_from_db()
    assert technology.description == {
        "en": "Finds leaks in water mains.",
        "ko": "관로 누수를 찾습니다.",
        "ru": "Находит утечки.",
    }
    entry = AuditEntry.objects.get()
    assert entry.actor == owner and list(entry.changes) == ["description"]


def test_member_post_is_refused_and_changes_nothing(client, member, technology):
    client.force_login(member)
    response = client.post(
        f"/technologies/{technology.pk}/edit/",
        _technology_post(technology, description_ko="hacked"),
    )
    assert response.status_code == 403
    technology.refresh_from_db()
    assert "ko" not in technology.description
    assert not AuditEntry.objects.exists()


def test_owner_cannot_create_technology_for_another_company(
    client, owner, other_company, technology
):
    client.force_login(owner)
    data = _technology_post(technology, owner=other_company.pk, title_en="Smuggled")
    response = client.post("/technologies/new/", data)
    assert response.status_code == 400
    assert "owner" in response.context["form"].errors
    assert not Technology.objects.filter(title__en="Smuggled").exists()


def test_invalid_input_names_the_field(client, owner, technology):
    client.force_login(owner)
    response = client.post(
        f"/technologies/{technology.pk}/edit/", _technology_post(technology, trl=12, title_en="")
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "trl" in errors and "title" in errors
    assert (
        "Technology readiness level: Ensure this value is less than or equal to 9."
        in response.content.decode()
    )


def test_unpublished_technology_hidden_from_outsiders(client, outsider, owner, hidden_technology):
    client.force_login(outsider)
    assert client.get(f"/technologies/{hidden_technology.pk}/").status_code == 404
    client.force_login(owner)
    assert client.get(f"/technologies/{hidden_technology.pk}/").status_code == 200


def test_fallback_language_is_marked(client, need):
    client.cookies["django_language"] = "ko"
    html = client.get(f"/needs/{need.pk}/").content.decode()
    assert "Снижение потерь воды" in html
    assert 'class="fallback"' in html


def test_sample_records_are_marked(client, technology):
    Technology.objects.filter(pk=technology.pk).update(is_sample=True)
    assert 'class="badge sample"' in client.get(f"/technologies/{technology.pk}/").content.decode()


def test_contact_details_only_with_consent(client, outsider, owner, person):
    client.force_login(outsider)
    assert "kim@example.org" not in client.get(f"/people/{person.pk}/").content.decode()
    client.force_login(owner)
    assert "kim@example.org" in client.get(f"/people/{person.pk}/").content.decode()


@pytest.mark.parametrize(
    "persona,expected",
    [(None, 302), ("outsider", 403), ("owner", 403), ("analyst", 200), ("officer", 200)],
)
def test_audit_log_is_for_staff(client, request, persona, expected, owner, technology):
    _login(client, request.getfixturevalue(persona) if persona else None)
    assert client.get("/backoffice/audit/").status_code == expected


@pytest.mark.parametrize("persona,expected", [("owner", 403), ("analyst", 403), ("officer", 200)])
def test_import_page_for_staff_editors_only(client, request, persona, expected):
    _login(client, request.getfixturevalue(persona))
    assert client.get("/backoffice/import/").status_code == expected


def test_web_upload_runs_import_as_job_and_shows_report(
    client, officer, countries, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(officer)
    upload = SimpleUploadedFile(
        "orgs.csv",
        b"name,kind,country\nAlmaty Su,utility,KZ\nBad,utility,ZZ\n",
        content_type="text/csv",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/backoffice/import/", {"kind": "organisations", "file": upload, "dry_run": ""}
        )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'value="100"' in page
    assert "&#x27;ZZ&#x27; is not an ISO 3166 alpha-2 country code" in page
    assert "1 created" in page


def test_language_switcher_sets_korean_ui(client):
    response = client.post("/i18n/setlang/", {"language": "ko", "next": "/"})
    assert response.status_code == 302
    assert client.cookies["django_language"].value == "ko"
    assert '<html lang="ko">' in client.get("/").content.decode()
