"""Web pages: who sees what and who may change it (owner / member / outsider / staff)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ecobridge.cooperation.models import ActionItem, Agreement, Project

pytestmark = pytest.mark.django_db


def _login(client, request, persona):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))


@pytest.mark.parametrize("persona", ["anonymous", "owner", "member", "outsider"])
def test_public_sees_signed_agreements_not_drafts(client, request, persona, mou, draft):
    _login(client, request, persona)
    page = client.get("/cooperation/agreements/").content.decode()
    assert "Water resources cooperation MOU" in page and "Confidential draft" not in page
    assert client.get(f"/cooperation/agreements/{mou.pk}/").status_code == 200
    assert client.get(f"/cooperation/agreements/{draft.pk}/").status_code == 403
    assert "New agreement" not in page


@pytest.mark.parametrize("persona", ["analyst", "officer", "administrator"])
def test_staff_see_drafts(client, request, persona, draft):
    _login(client, request, persona)
    assert client.get(f"/cooperation/agreements/{draft.pk}/").status_code == 200
    assert "Confidential draft" in client.get("/cooperation/agreements/").content.decode()


@pytest.mark.parametrize("persona", ["analyst", "owner", "member", "outsider"])
def test_readers_cannot_write(client, request, persona, mou, project):
    _login(client, request, persona)
    assert client.get("/cooperation/agreements/new/").status_code == 403
    assert client.get(f"/cooperation/agreements/{mou.pk}/edit/").status_code == 403
    for url, data in [
        (
            f"/cooperation/agreements/{mou.pk}/transition/",
            {"to_status": "in_force", "on": "2022-01-01", "precision": "day"},
        ),
        (f"/cooperation/agreements/{mou.pk}/actions/", {"action-title_en": "X"}),
        (f"/cooperation/agreements/{mou.pk}/projects/", {"project": project.pk}),
    ]:
        assert client.post(url, data).status_code == 403
    page = client.get(f"/cooperation/agreements/{mou.pk}/").content.decode()
    assert "edit-agreement" not in page and "transition-form" not in page
    assert Agreement.objects.get(pk=mou.pk).status == "signed"
    assert not mou.projects.exists()


def test_anonymous_write_goes_to_login(client, mou):
    response = client.post(
        f"/cooperation/agreements/{mou.pk}/transition/", {"to_status": "in_force"}
    )
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_officer_records_an_agreement_end_to_end(client, officer, countries, sectors, project):
    client.force_login(officer)
    response = client.post(
        "/cooperation/agreements/new/",
        {
            "key": "kz-mou-2025",
            "kind": "mou",
            "title_en": "Water industry MOU",
            "party_countries": [countries["KR"].pk, countries["KZ"].pk],
            "sectors": [sectors["14021"].pk],
            "expires_on_precision": "day",
            "owner": officer.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    agreement = Agreement.objects.get(key="kz-mou-2025")
    base = f"/cooperation/agreements/{agreement.pk}"
    client.post(
        f"{base}/transition/", {"to_status": "signed", "on": "2025-09-03", "precision": "day"}
    )
    client.post(
        f"{base}/actions/",
        {
            "action-title_en": "Send technical specs",
            "action-owner": officer.pk,
            "action-due_on": "2025-10-01",
        },
    )
    client.post(f"{base}/projects/", {"project": project.pk})
    client.post(
        f"{base}/documents/",
        {"title": "Signed text", "file": SimpleUploadedFile("mou.pdf", b"%PDF-1.4 x")},
    )
    client.post(
        f"{base}/contacts/", {"contact-side": countries["KZ"].pk, "contact-name": "Water Committee"}
    )
    agreement.refresh_from_db()
    assert agreement.status == "signed" and str(agreement.signed_on) == "2025-09-03"
    assert ActionItem.objects.get(agreement=agreement).owner == officer
    assert list(agreement.projects.all()) == [project]
    assert agreement.documents.get().file_format == "pdf"
    assert agreement.contact_points.get().name == "Water Committee"
    page = client.get(base + "/").content.decode()
    assert "Send technical specs" in page and "Smart water metering pilot" in page


def test_bad_transition_is_reported_not_applied(client, officer, mou):
    client.force_login(officer)
    response = client.post(
        f"/cooperation/agreements/{mou.pk}/transition/",
        {"to_status": "draft", "on": "2022-01-01", "precision": "day"},
        follow=True,
    )
    assert "cannot become" in response.content.decode()
    assert Agreement.objects.get(pk=mou.pk).status == "signed"


def test_bad_form_names_the_field(client, officer):
    client.force_login(officer)
    response = client.post(
        "/cooperation/agreements/new/",
        {"key": "x", "kind": "mou", "title_en": "No party", "expires_on_precision": "day"},
    )
    assert response.status_code == 400
    assert "at least one party" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/cooperation/",
        "/cooperation/mechanisms/",
        "/cooperation/projects/",
        "/cooperation/trainings/",
        "/cooperation/figures/",
    ],
)
def test_list_pages_render(client, url, mou, project, mechanism):
    assert client.get(url).status_code == 200


def test_detail_pages_render(client, project, mechanism):
    assert client.get(project.get_absolute_url()).status_code == 200
    assert client.get(mechanism.get_absolute_url()).status_code == 200
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Implementation" in page and "<code>2</code>" in page  # code and label


def test_officer_adds_project_details_on_the_page(client, officer, project, ministry):
    client.force_login(officer)
    base = f"/cooperation/projects/{project.pk}/add"
    page = client.get(project.get_absolute_url()).content.decode()
    assert 'id="add-stage"' in page and 'id="add-indicator"' not in page  # no result yet
    for kind, data in [
        ("participant", {"participant-organisation": ministry.pk, "participant-role": "1"}),
        (
            "stage",
            {
                "stage-ordinal": 1,
                "stage-name_en": "Phase 1",
                "stage-status": "ongoing",
                "stage-starts_on": "2022-03-01",
                "stage-starts_on_precision": "month",
                "stage-ends_on_precision": "day",
            },
        ),
        (
            "budget",
            {
                "budget-period_start": "2022-01-01",
                "budget-period_end": "2022-12-31",
                "budget-value": "300000",
                "budget-currency": "USD",
                "budget-value_date": "2022-01-01",
                "budget-budget_type": "1",
            },
        ),
        (
            "transaction",
            {
                "transaction-transaction_type": "3",
                "transaction-date": "2022-06-01",
                "transaction-value": "1000",
                "transaction-currency": "USD",
                "transaction-value_date": "2022-06-01",
            },
        ),
        ("result", {"result-result_type": "1", "result-title_en": "Meters installed"}),
        ("location", {"location-name": "Almaty"}),
    ]:
        assert client.post(f"{base}/{kind}/", data).status_code == 302
    result = project.results.get()
    client.post(
        f"{base}/indicator/",
        {
            "indicator-result": result.pk,
            "indicator-title_en": "Households",
            "indicator-measure": "1",
            "indicator-ascending": "on",
            "indicator-target_value": "5000",
        },
    )
    project.refresh_from_db()
    assert project.participants.get().get_role_display() == "Funding"
    assert project.stages.get().starts_on_precision == "month"
    assert (project.budgets.count(), project.transactions.count(), project.locations.count()) == (
        1,
        1,
        1,
    )
    assert result.indicators.get().target_value == 5000
    assert client.post(f"{base}/nonsense/", {}).status_code == 404


def test_readers_cannot_add_project_details(client, analyst, project):
    client.force_login(analyst)
    assert (
        client.post(
            f"/cooperation/projects/{project.pk}/add/stage/", {"stage-ordinal": 1}
        ).status_code
        == 403
    )
    assert 'id="add-details"' not in client.get(project.get_absolute_url()).content.decode()
    assert not project.stages.exists()


def test_meeting_action_items_and_training_participants_on_the_page(
    client, officer, mechanism, countries
):
    import datetime

    from ecobridge.cooperation import services
    from ecobridge.cooperation.models import Training

    from .conftest import make_meeting

    client.force_login(officer)
    meeting = make_meeting(mechanism, 1, datetime.date(2020, 1, 1))
    client.post(
        f"/cooperation/meetings/{meeting.pk}/actions/",
        {"action-title_en": "Draft a work programme"},
    )
    assert meeting.action_items.get().title == {"en": "Draft a work programme"}
    training = services.create_record(
        officer, Training, {"key": "t", "kind": "training", "title": {"en": "T"}}
    )
    client.post(
        f"/cooperation/trainings/{training.pk}/participation/",
        {"participation-country": countries["KZ"].pk, "participation-count": "4"},
    )
    client.post(
        f"/cooperation/trainings/{training.pk}/participation/", {"participation-count": "4"}
    )  # neither
    assert [str(p) for p in training.participation.all()] == ["Kazakhstan: 4"]


def test_officer_creates_a_project_with_regions_on_the_web(client, officer, countries, ministry):
    client.force_login(officer)
    data = {
        "iati_identifier": "KR-GOV-MOE-WEB-9",
        "title_en": "Aral Sea basin monitoring",
        "status": "1",
        "reporting_organisation": ministry.pk,
        "planned_start": "2026-01-01",
        "recipient_countries": [countries["KZ"].pk],
        "recipient_regions": ["619"],
        "default_currency": "USD",
        **{
            f"{d}_precision": "day"
            for d in ("planned_start", "planned_end", "actual_start", "actual_end")
        },
    }
    response = client.post("/cooperation/projects/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    project = Project.objects.get(iati_identifier="KR-GOV-MOE-WEB-9")
    assert project.recipient_regions == ["619"]
    page = client.get(project.get_absolute_url()).content.decode()
    assert "619" in page and "Pipeline/identification" in page
