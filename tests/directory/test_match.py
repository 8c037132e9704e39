"""The matching engine inside the platform: index, permissions, pages, API, CLI."""

import shutil

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import override_settings
from rest_framework.test import APIClient

from ecobridge.core.actors import SYSTEM
from ecobridge.directory import match
from ecobridge.directory.importing import run_import
from ecobridge.directory.models import Need, Organisation, Technology
from ecobridge.directory.reference import load_countries, load_sectors
from tests.directory.test_importing import _dev_file

pytestmark = pytest.mark.django_db


INDEXED_MODELS = (Organisation, Technology, Need)


def _load_dev_set(first_ids: dict | None = None) -> dict:
    """Import the development set; with ``first_ids``, give rows the same primary keys
    as a previous import (PostgreSQL sequences do not roll back with a transaction)."""
    if first_ids and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in INDEXED_MODELS:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s, false)",
                    [model._meta.db_table, first_ids[model]],
                )
    before = {
        model: model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        for model in INDEXED_MODELS
    }
    load_countries()
    load_sectors()
    run_import(SYSTEM, "technologies", _dev_file("technologies.csv"))
    run_import(SYSTEM, "needs", _dev_file("needs.csv"))
    return {
        model: model.objects.filter(pk__gt=before[model]).order_by("pk").first().pk
        for model in INDEXED_MODELS
    }


@pytest.fixture(scope="module")
def built_index(tmp_path_factory, django_db_setup, django_db_blocker):
    """Build the index of the development set once; tests get a copy of it."""
    path = tmp_path_factory.mktemp("match-index")
    with (
        django_db_blocker.unblock(),
        override_settings(MATCHING_INDEX_DIR=path, MATCHING_ENABLED=True),
    ):
        from django.db import transaction

        with transaction.atomic():
            first_ids = _load_dev_set()
            match._state.update(engine=None, stamp=None)
            match.rebuild()
            transaction.set_rollback(True)
    return path, first_ids


@pytest.fixture
def indexed(built_index, tmp_path, settings):
    """The development set in the database and a private copy of its index."""
    built_path, first_ids = built_index
    assert _load_dev_set(first_ids) == first_ids
    index = tmp_path / "index"
    shutil.copytree(built_path, index)
    settings.MATCHING_INDEX_DIR = index
    settings.MATCHING_ENABLED = True
    match._state.update(engine=None, stamp=None)
    yield
    match._state.update(engine=None, stamp=None)


def _ids(matches):
    return [m.obj.external_id for m in matches]


def test_index_loads_from_disk_without_rebuilding(indexed, monkeypatch):
    monkeypatch.setattr(match, "rebuild", lambda *a, **k: pytest.fail("rebuilt at start-up"))
    engine = match.engine()
    assert len(engine) == 60
    assert "technology:" + str(Technology.objects.get(external_id="DT001").pk) in engine


def test_need_gets_relevant_technologies_with_explanations(indexed, outsider):
    need = Need.objects.get(external_id="DN01")  # Russian: water losses in an old network
    results = match.search(outsider, "technology", source=need, k=10)
    assert len(results) == 10
    assert "DT001" in _ids(results)  # Korean acoustic leak loggers, judged relevant (3)
    explanation = results[0].explanation
    assert {"concepts", "sectors", "passages", "parts"} <= set(explanation)
    assert explanation["parts"]


def test_unpublished_technology_never_leaks_to_other_viewers(indexed, outsider):
    need = Need.objects.get(external_id="DN01")
    top = match.search(outsider, "technology", source=need, k=1)[0].obj
    Technology.objects.filter(pk=top.pk).update(is_published=False)
    assert top.external_id not in _ids(match.search(outsider, "technology", source=need, k=40))


def test_owner_sees_own_unpublished_technology(indexed):
    from ecobridge.core.models import Membership, User

    need = Need.objects.get(external_id="DN01")
    top = match.search(AnonymousUser(), "technology", source=need, k=1)[0].obj
    Technology.objects.filter(pk=top.pk).update(is_published=False)
    match.reindex("technology", top.pk)
    owner = User.objects.create_user("techowner")
    Membership.objects.create(user=owner, organisation=top.owner, role="company_member")
    assert top.external_id in _ids(match.search(owner, "technology", source=need, k=40))
    assert top.external_id not in _ids(
        match.search(AnonymousUser(), "technology", source=need, k=40)
    )


def test_edit_reindexes_the_record_after_commit(
    indexed, settings, django_capture_on_commit_callbacks, officer
):
    from ecobridge.directory import services

    settings.MATCHING_AUTO_INDEX = True
    tech = Technology.objects.get(external_id="DT040")
    with django_capture_on_commit_callbacks(execute=True):
        services.update_technology(officer, tech, {"title": {"en": "Zyxwvut quasar filtration"}})
    assert "DT040" in _ids(match.search(officer, "technology", text="zyxwvut quasar", k=3))


def test_text_search_across_languages(indexed):
    results = match.search(
        AnonymousUser(),
        "technology",
        text="опреснение морской воды обратным осмосом",
        query_country="OM",
        k=5,
    )
    titles = " ".join(str(m.obj.title) for m in results).lower()
    assert "desalination" in titles or "담수" in titles or "osmosis" in titles or "역삼투" in titles


@pytest.mark.parametrize("persona", [None, "outsider"])
def test_match_api(indexed, request, persona):
    api = APIClient()
    if persona:
        api.force_authenticate(request.getfixturevalue(persona))
    need = Need.objects.get(external_id="DN01")
    body = api.get(f"/api/v1/match/technologies?need={need.pk}").json()
    assert len(body) == 10 and body[0]["rank"] == 1 and "explanation" in body[0]
    by_text = api.get(
        "/api/v1/match/technologies", {"q": "утечки воды", "country": "KZ", "limit": 5}
    ).json()
    assert len(by_text) == 5
    tech = Technology.objects.get(external_id="DT001")
    needs = api.get(f"/api/v1/match/needs?technology={tech.pk}").json()
    assert needs and all(item["kind"] == "need" for item in needs)
    assert api.get("/api/v1/match/technologies").status_code == 400
    assert api.get("/api/v1/match/needs?technology=999999").status_code == 404


def test_match_api_hides_draft_needs(indexed, outsider):
    need = Need.objects.get(external_id="DN02")
    Need.objects.filter(pk=need.pk).update(status="draft")
    api = APIClient()
    api.force_authenticate(outsider)
    assert api.get(f"/api/v1/match/technologies?need={need.pk}").status_code == 404
    tech = Technology.objects.get(external_id="DT001")
    ids = [
        item["id"] for item in api.get(f"/api/v1/match/needs?technology={tech.pk}&limit=50").json()
    ]
    assert need.pk not in ids


def test_pages_show_matches(indexed, client):
    need = Need.objects.get(external_id="DN01")
    html = client.get(f"/needs/{need.pk}/").content.decode()
    assert f"/match/panel/need/{need.pk}/" in html
    panel = client.get(f"/match/panel/need/{need.pk}/").content.decode()
    assert panel.count('class="match"') == 8
    tech = Technology.objects.get(external_id="DT001")
    panel = client.get(f"/match/panel/technology/{tech.pk}/").content.decode()
    assert "Matching needs and counterparts" in panel and 'class="match"' in panel
    search = client.get("/search/", {"q": "누수 탐지"}).content.decode()
    assert 'id="semantic-technologies"' in search


def test_rebuild_command(indexed):
    from click.testing import CliRunner

    from ecobridge.cli import cli

    result = CliRunner().invoke(cli, ["match", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "Indexed 60 records" in result.output


def test_platform_signals_reorder_and_are_explained(indexed, monkeypatch):
    need = Need.objects.get(external_id="DN01")
    plain = match.search(AnonymousUser(), "technology", source=need, k=10)
    second = plain[1].obj
    monkeypatch.setattr(match, "_verified_ids", lambda: {second.pk})
    monkeypatch.setattr(
        match, "_country_prior", lambda code: {"14021": 1.0} if code == "KZ" else {}
    )
    boosted = match.search(AnonymousUser(), "technology", source=need, k=10)
    by_pk = {m.obj.pk: m for m in boosted}
    parts = {p["name"]: p for p in by_pk[second.pk].explanation["parts"]}
    assert parts["verified"]["value"] == 1.0 and by_pk[second.pk].explanation["verified"] is True
    expected = plain[1].score + match.VERIFIED_WEIGHT
    if "14021" in [s.code for s in second.sectors.all()]:
        expected += match.COUNTRY_PRIOR_WEIGHT
    assert by_pk[second.pk].score == pytest.approx(expected)
    assert [m.rank for m in boosted] == list(range(1, 11))
    assert [m.score for m in boosted] == sorted((m.score for m in boosted), reverse=True)


def test_permission_filter_lists_only_private_records(indexed):
    # The engine already knows which records are public; the viewer's filter
    # names only the unpublished ones they may see, so it stays small.
    from ecobridge.core.models import Membership, User

    tech = Technology.objects.filter(is_published=True).first()
    Technology.objects.filter(pk=tech.pk).update(is_published=False)
    owner = User.objects.create_user("privateowner")
    Membership.objects.create(user=owner, organisation=tech.owner, role="company_member")
    extra = match._extra_visible(owner, Technology)
    assert f"technology:{tech.pk}" in extra
    listed = Technology.objects.filter(pk__in=[int(i.split(":")[1]) for i in extra])
    assert not listed.filter(is_published=True).exists()
    assert Technology.objects.filter(is_published=True).exists()
    assert match._extra_visible(AnonymousUser(), Technology) is None
