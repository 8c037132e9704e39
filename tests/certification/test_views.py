"""Web pages with owner / member / outsider / reviewer / staff personas."""

import datetime as dt

import pytest
from django.urls import reverse

from ecobridge.certification import services
from ecobridge.certification.models import Application, CaseStatus, Scheme
from tests.certification.conftest import pdf_upload

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def _publish(case, reviewer):
    services.start_review(reviewer, case)
    services.advance_case(reviewer, case)
    services.advance_case(reviewer, case)
    return services.issue_certificate(reviewer, case, {"en": "Detects 95 % of leaks"}, publish=True)


def test_company_applies_uploads_once_and_submits(client, owner, technology, scheme, scheme_b):
    login(client, owner)
    response = client.post(
        reverse("certification:application-new"),
        {
            "technology": technology.pk,
            "schemes": [scheme.pk, scheme_b.pk],
            "claim_en": "Finds leaks",
        },
    )
    application = Application.objects.get()
    assert response.url == application.get_absolute_url()
    upload_url = reverse("certification:document-upload", args=[application.pk])
    for kind, name in [("technology_description", "d.pdf"), ("performance_claim", "c.pdf")]:
        client.post(upload_url, {"kind": kind, "file": pdf_upload(name)})
    page = client.get(application.get_absolute_url()).content.decode()
    assert "d.pdf" in page and "KTL-PERF" in page and "ETV" in page
    assert "/media/" not in page  # documents are only linked through the checked view
    client.post(reverse("certification:application-submit", args=[application.pk]))
    assert set(application.cases.values_list("status", flat=True)) == {CaseStatus.APPLICATION}


def test_bad_upload_is_refused_with_a_reason(client, owner, draft):
    login(client, owner)
    response = client.post(
        reverse("certification:document-upload", args=[draft.pk]),
        {"kind": "drawings", "file": pdf_upload("fake.pdf", b"not a pdf")},
        follow=True,
    )
    assert "the content is not a PDF file" in response.content.decode()
    assert draft.documents.count() == 1


def test_others_cannot_open_an_application_or_its_documents(
    client, case, member, outsider, other_reviewer
):
    document = case.application.documents.get()
    for user in (member, outsider, other_reviewer):
        login(client, user)
        assert client.get(case.application.get_absolute_url()).status_code == 404
        assert client.get(case.get_absolute_url()).status_code == 404
        assert client.get(document.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(document.get_absolute_url()).status_code == 302  # to the login page


def test_owner_reviewer_and_administrator_download_documents(
    client, case, owner, reviewer, administrator
):
    document = case.application.documents.get()
    for user in (owner, reviewer, administrator):
        login(client, user)
        response = client.get(document.get_absolute_url())
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        assert "attachment" in response["Content-Disposition"]


def test_reviewer_sees_only_cases_of_their_schemes(
    client, owner, technology, scheme, foreign_scheme, reviewer
):
    application = services.create_application(
        owner, technology=technology, schemes=[scheme, foreign_scheme], claim="x"
    )
    services.add_document(owner, application, "technology_description", pdf_upload())
    services.submit_application(owner, application)
    mine, foreign = (
        application.cases.get(scheme=scheme),
        application.cases.get(scheme=foreign_scheme),
    )
    login(client, reviewer)
    home = client.get(reverse("certification:home")).content.decode()
    assert str(mine) in home and str(foreign) not in home
    assert client.get(foreign.get_absolute_url()).status_code == 404
    assert client.get(mine.get_absolute_url()).status_code == 200


def test_draft_is_hidden_from_reviewers(client, draft, reviewer):
    login(client, reviewer)
    assert client.get(draft.cases.get().get_absolute_url()).status_code == 404


def test_transition_buttons_follow_roles(client, case, owner, reviewer):
    url = reverse("certification:case-transition", args=[case.pk, "start_review"])
    login(client, owner)
    assert client.post(url).status_code == 403
    assert "start_review" not in client.get(case.get_absolute_url()).content.decode()
    login(client, reviewer)
    assert 'value="start_review"' in client.get(case.get_absolute_url()).content.decode()
    client.post(url)
    case.refresh_from_db()
    assert case.status == CaseStatus.REVIEW


def test_supplement_round_trip_through_the_pages(client, case, owner, reviewer):
    login(client, reviewer)
    due = (dt.date.today() + dt.timedelta(days=14)).isoformat()
    client.post(
        reverse("certification:case-transition", args=[case.pk, "request_supplement"]),
        {"message": "Send the calibration records", "due_date": due},
    )
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'data-clock="paused"' in page
    login(client, owner)
    assert "answer-supplement" in client.get(case.get_absolute_url()).content.decode()
    document = services.add_document(owner, case.application, "test_report", pdf_upload("cal.pdf"))
    client.post(
        reverse("certification:case-transition", args=[case.pk, "answer_supplement"]),
        {"answer": "Attached.", "documents": [document.pk]},
    )
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'data-clock="ok"' in page and "Attached." in page
    supplements = page[page.index('id="supplements"') : page.index('id="case-documents"')]
    assert "cal.pdf" in supplements


def test_message_thread(client, case, owner, reviewer, member):
    url = reverse("certification:case-message", args=[case.pk])
    login(client, owner)
    client.post(url, {"body": "Question about the field test"})
    login(client, reviewer)
    assert "Question about the field test" in client.get(case.get_absolute_url()).content.decode()
    login(client, member)
    assert client.post(url, {"body": "spam"}).status_code == 404
    assert case.messages.count() == 1


def test_certificate_on_public_technology_page(client, case, reviewer, technology):
    page = client.get(technology.get_absolute_url()).content.decode()
    assert "Verified" not in page
    certificate = _publish(case, reviewer)
    client.logout()
    page = client.get(technology.get_absolute_url()).content.decode()
    assert certificate.number in page and "Verified" in page
    pdf = client.get(reverse("certification:certificate-pdf", args=[certificate.pk]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_unpublished_certificate_stays_private(client, case, reviewer, technology, owner):
    services.start_review(reviewer, case)
    services.advance_case(reviewer, case)
    services.advance_case(reviewer, case)
    certificate = services.issue_certificate(reviewer, case, "claim", publish=False)
    url = reverse("certification:certificate-pdf", args=[certificate.pk])
    assert certificate.number not in client.get(technology.get_absolute_url()).content.decode()
    assert client.get(url).status_code == 404
    login(client, owner)
    assert client.get(url).status_code == 200


def test_dashboard_access_and_content(client, case, reviewer, owner, officer, other_reviewer):
    url = reverse("certification:dashboard")
    login(client, owner)
    assert client.get(url).status_code == 403
    login(client, officer)
    page = client.get(url).content.decode()
    assert str(case) in page and "Median" in page
    login(client, other_reviewer)
    assert str(case) not in client.get(url).content.decode()
    assert case.get_absolute_url() not in page  # officers read the figures, not the files
    login(client, reviewer)
    page = client.get(url).content.decode()
    assert str(case) in page and case.get_absolute_url() in page


def test_scheme_pages_and_admin_configuration(client, scheme, institution, administrator, officer):
    assert "KTL-PERF" in client.get(reverse("certification:scheme-list")).content.decode()
    assert client.get(scheme.get_absolute_url()).status_code == 200
    login(client, officer)
    assert client.get(reverse("certification:scheme-new")).status_code == 403
    login(client, administrator)
    data = {
        "code": "KR-NEW",
        "name_en": "New scheme",
        "kind": "certification",
        "institution": institution.pk,
        "legal_time_limit_days": 90,
        "validity_months": 60,
        "fee_currency": "KRW",
        "is_active": "on",
    }
    for stage in ("application", "review", "decision", "certificate", "published"):
        data[f"stage-{stage}-used"] = "on"
    data["stage-application-required_documents"] = ["technology_description"]
    data["stage-review-time_limit_days"] = "20"
    response = client.post(reverse("certification:scheme-new"), data)
    scheme = Scheme.objects.get(code="KR-NEW")
    assert response.url == scheme.get_absolute_url()
    assert scheme.stages.get(stage="review").time_limit_days == 20
    del data["stage-decision-used"]
    response = client.post(reverse("certification:scheme-edit", args=["KR-NEW"]), data, follow=True)
    assert "missing required stage(s): decision" in response.content.decode()


def test_upload_never_redirects_off_site(client, owner, draft):
    login(client, owner)
    response = client.post(
        reverse("certification:document-upload", args=[draft.pk]),
        {"kind": "drawings", "file": pdf_upload("p.pdf"), "next": "//evil.example/"},
    )
    assert response.url == draft.get_absolute_url()


def test_overdue_supplement_answer_is_flagged(client, case, reviewer, owner):
    supplement = services.request_supplement(reviewer, case, "data", dt.date.today())
    login(client, owner)
    assert "supplement-overdue" not in client.get(case.get_absolute_url()).content.decode()
    type(supplement).objects.filter(pk=supplement.pk).update(
        due_date=dt.date.today() - dt.timedelta(days=1)
    )
    assert "supplement-overdue" in client.get(case.get_absolute_url()).content.decode()


def test_scheme_page_names_required_documents_and_fees(client, scheme):
    scheme.fee_amount, scheme.fee_currency = 3000000, "KRW"
    scheme.save()
    page = client.get(scheme.get_absolute_url()).content.decode()
    assert "Technology description" in page and "3,000,000 KRW" in page
    assert "36 months" in page and "may be accepted instead of new tests" in page


def test_home_for_anonymous_visitors_shows_no_cases(client, case):
    page = client.get(reverse("certification:home")).content.decode()
    assert str(case) not in page and reverse("certification:scheme-list") in page
    assert "to apply or to follow your cases" in page
