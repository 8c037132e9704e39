"""Domain functions: one application to many schemes, the state machine, roles, audit."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from pypdf import PdfReader

from ecobridge.certification import services
from ecobridge.certification.models import CaseStatus, DocumentKind, StagePeriod
from ecobridge.certification.tracking import case_clock
from ecobridge.core.models import AuditEntry
from tests.certification.conftest import pdf_upload

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)


def at(days: float) -> dt.datetime:
    return T0 + dt.timedelta(days=days)


def test_only_members_of_the_owner_apply(technology, scheme, member, outsider):
    for user in (member, outsider):
        with pytest.raises(PermissionDenied):
            services.create_application(user, technology=technology, schemes=[scheme], claim="x")


def test_application_needs_a_scheme_and_a_claim(owner, technology, scheme):
    with pytest.raises(ValidationError) as error:
        services.create_application(owner, technology=technology, schemes=[], claim="x")
    assert "schemes" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.create_application(owner, technology=technology, schemes=[scheme], claim="")
    assert "claim" in error.value.message_dict


def test_one_application_many_schemes_with_shared_documents(owner, technology, scheme, scheme_b):
    application = services.create_application(
        owner, technology=technology, schemes=[scheme, scheme_b], claim={"en": "Finds leaks"}
    )
    assert application.cases.count() == 2
    services.add_document(owner, application, DocumentKind.TECHNOLOGY_DESCRIPTION, pdf_upload())
    # The ETV scheme also wants a performance claim document: nothing is submitted yet.
    with pytest.raises(ValidationError) as error:
        services.submit_application(owner, application, now=T0)
    assert "Scheme ETV: Performance claim" in error.value.message_dict["documents"][0]
    assert not application.cases.exclude(status=CaseStatus.DRAFT).exists()

    services.add_document(owner, application, DocumentKind.PERFORMANCE_CLAIM, pdf_upload("c.pdf"))
    services.submit_application(owner, application, now=T0)
    assert application.documents.count() == 2  # each uploaded once …
    for case in application.cases.all():  # … and counted by both cases
        assert case.status == CaseStatus.APPLICATION
        assert case.submitted_at == T0
        description = [r for r in services.checklist(case) if r["kind"] == "technology_description"]
        assert description[0]["documents"][0].original_name == "description.pdf"
    assert AuditEntry.objects.filter(action="certification.submit").count() == 2


def test_next_stage_follows_each_schemes_own_stage_list(
    owner, reviewer, technology, scheme, scheme_b
):
    application = services.create_application(
        owner, technology=technology, schemes=[scheme, scheme_b], claim="Finds leaks"
    )
    for kind in (DocumentKind.TECHNOLOGY_DESCRIPTION, DocumentKind.PERFORMANCE_CLAIM):
        services.add_document(owner, application, kind, pdf_upload())
    services.submit_application(owner, application)
    perf, etv = application.cases.get(scheme=scheme), application.cases.get(scheme=scheme_b)
    for case in (perf, etv):
        services.start_review(reviewer, case)
        services.advance_case(reviewer, case)
    perf.refresh_from_db()
    etv.refresh_from_db()
    assert perf.status == CaseStatus.TESTING  # no claim or plan stage in this scheme
    assert etv.status == CaseStatus.CLAIM_SPECIFICATION


def test_transitions_need_the_right_role(case, owner, reviewer, other_reviewer, member):
    for user in (owner, other_reviewer, member):
        with pytest.raises(PermissionDenied):
            services.start_review(user, case)
    services.start_review(reviewer, case)
    with pytest.raises(PermissionDenied):
        services.withdraw_case(reviewer, case)  # withdrawing is the company's call


def test_transitions_only_from_valid_states(case, reviewer, owner):
    with pytest.raises(ValidationError) as error:
        services.advance_case(reviewer, case)  # still in "application"
    assert "status" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.issue_certificate(reviewer, case, "claim")
    with pytest.raises(ValidationError):
        services.submit_application(owner, case.application)  # already submitted


def test_existing_data_only_where_the_scheme_accepts_it(case, reviewer, owner, scheme):
    services.start_review(reviewer, case)
    services.advance_case(reviewer, case)
    case.refresh_from_db()
    with pytest.raises(ValidationError, match="no existing test data"):
        services.accept_existing_data(reviewer, case)
    services.add_document(owner, case.application, DocumentKind.EXISTING_TEST_DATA, pdf_upload())
    services.accept_existing_data(reviewer, case)
    case.refresh_from_db()
    assert case.status == CaseStatus.DECISION and case.existing_data_accepted
    scheme.accepts_existing_data = False
    scheme.save()
    case.status = CaseStatus.TESTING
    with pytest.raises(ValidationError, match="does not accept"):
        services.accept_existing_data(reviewer, case)


def test_supplement_stops_and_restarts_the_clock(case, reviewer, owner, member):
    case.submitted_at = T0
    case.save()
    services.start_review(reviewer, case, now=at(3))
    due = dt.date(2026, 1, 30)
    with pytest.raises(ValidationError) as error:
        services.request_supplement(reviewer, case, "", due, now=at(10))
    assert "message" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.request_supplement(
            reviewer, case, "Send the field data", dt.date(2026, 1, 1), now=at(10)
        )
    assert "due_date" in error.value.message_dict
    services.request_supplement(reviewer, case, "Send the field data", due, now=at(10))
    case.refresh_from_db()
    clock = case_clock(case, now=at(40))
    assert clock.paused and clock.state == "paused"
    assert clock.days_used == pytest.approx(10)
    with pytest.raises(ValidationError, match="supplement"):
        services.advance_case(reviewer, case)  # nothing moves while the company holds it
    with pytest.raises(PermissionDenied):
        services.answer_supplement(member, case, "not mine")
    with pytest.raises(PermissionDenied):
        services.answer_supplement(reviewer, case, "reviewers do not answer")
    services.answer_supplement(owner, case, "Attached", now=at(40))
    case.refresh_from_db()
    clock = case_clock(case, now=at(45))
    assert not clock.paused
    assert clock.days_used == pytest.approx(15)  # 10 before + 5 after; 30 paused
    assert clock.paused_days == pytest.approx(30)
    assert clock.stage_days["review"] == pytest.approx(12)
    with pytest.raises(ValidationError, match="no open supplement"):
        services.answer_supplement(owner, case, "again")


def test_overdue_case_and_stage_are_flagged(case, reviewer):
    case.submitted_at = T0
    case.save()
    StagePeriod.objects.filter(case=case).update(started_at=T0)
    services.start_review(reviewer, case, now=at(1))
    case.refresh_from_db()
    assert case_clock(case, now=at(25)).stage_state == "overdue"  # review limit 20 days
    assert case_clock(case, now=at(25)).state == "ok"
    assert case_clock(case, now=at(95)).state == "overdue"  # legal limit 90 days


def _to_decision(case, reviewer):
    services.start_review(reviewer, case)
    services.advance_case(reviewer, case)  # review → testing
    services.advance_case(reviewer, case)  # testing → decision
    case.refresh_from_db()
    return case


def test_issue_and_publish_certificate(case, reviewer, owner, technology):
    case = _to_decision(case, reviewer)
    with pytest.raises(PermissionDenied):
        services.issue_certificate(owner, case, "self-certified")
    certificate = services.issue_certificate(
        reviewer,
        case,
        {"en": "Detects 95 % of leaks", "ko": "누수 95 % 탐지"},
        issued_on=dt.date(2026, 2, 28),
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.CERTIFICATE and case.closed_at is not None
    assert certificate.number == f"KTL-PERF-2026-{case.pk:05d}"
    assert certificate.expires_on == dt.date(2029, 2, 28)  # 36 months
    assert certificate.published_at is None
    text = "".join(page.extract_text() for page in PdfReader(certificate.pdf.path).pages)
    assert certificate.number in text and "누수" in text
    services.publish_certificate(reviewer, case)
    certificate.refresh_from_db()
    case.refresh_from_db()
    assert case.status == CaseStatus.PUBLISHED and certificate.published_at is not None
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"certification.issue_certificate", "certification.publish"} <= actions


def test_reject_needs_a_reason_and_closes(case, reviewer):
    with pytest.raises(ValidationError):
        services.reject_case(reviewer, case, " ")
    services.reject_case(reviewer, case, "Out of scope")
    case.refresh_from_db()
    assert case.status == CaseStatus.REJECTED and case.closed_at


def test_message_thread_between_company_and_reviewer(case, owner, reviewer, other_reviewer, member):
    services.post_message(owner, case, "When is the site visit?")
    services.post_message(reviewer, case, "Next Tuesday.")
    for user in (other_reviewer, member):
        with pytest.raises(PermissionDenied):
            services.post_message(user, case, "hello")
    assert [m.author for m in case.messages.all()] == [owner, reviewer]


def test_notifications_go_to_the_other_side_in_their_language(
    case, reviewer, owner, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_supplement(reviewer, case, "Send the data", dt.date(2027, 3, 10))
    assert [m.to for m in mail.outbox] == [["owner@example.org"]]
    assert "марта 2027" in mail.outbox[0].body  # the owner reads Russian
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_supplement(owner, case, "Here it is")
    assert [m.to for m in mail.outbox] == [["ktl-reviewer@example.org"]]


def test_scheme_configuration_is_for_administrators(institution, administrator, officer):
    data = {
        "code": "NEW-SCHEME",
        "name": {"en": "New"},
        "kind": "certification",
        "institution": institution,
        "legal_time_limit_days": 90,
        "validity_months": 60,
    }
    stages = [
        {"stage": s} for s in ("application", "review", "decision", "certificate", "published")
    ]
    with pytest.raises(PermissionDenied):
        services.save_scheme(officer, data, stages)
    with pytest.raises(ValidationError) as error:
        services.save_scheme(administrator, data, stages[1:])
    assert "missing required stage(s): application" in error.value.message_dict["stages"][0]
    with pytest.raises(ValidationError, match="standard order"):
        services.save_scheme(administrator, data, [stages[1], stages[0], *stages[2:]])
    bad_docs = [{"stage": "application", "required_documents": ["passport"]}, *stages[1:]]
    with pytest.raises(ValidationError, match="unknown document kind"):
        services.save_scheme(administrator, data, bad_docs)
    scheme = services.save_scheme(administrator, data, stages)
    assert scheme.stage_list() == ["application", "review", "decision", "certificate", "published"]
    services.save_scheme(administrator, {"legal_time_limit_days": 60}, scheme=scheme)
    assert AuditEntry.objects.filter(object_type="certification.Scheme").count() == 2


def test_withdraw_from_draft_is_invisible_to_reviewers(draft, owner, reviewer):
    from ecobridge.certification.models import Case
    from ecobridge.certification.rules import visible_cases

    services.withdraw_case(owner, draft.cases.get())
    assert not visible_cases(reviewer, Case.objects.all()).exists()
    assert timezone.now()


def test_scheme_texts_are_normalised_and_checked(scheme, administrator):
    services.save_scheme(administrator, {"name": "  Plain name  "}, scheme=scheme)
    scheme.refresh_from_db()
    assert scheme.name == {"en": "Plain name"}
    with pytest.raises(ValidationError) as error:
        services.save_scheme(administrator, {"description": {"xx": "?"}}, scheme=scheme)
    assert "unknown language code" in error.value.message_dict["description"][0]


def test_administrators_see_and_act_on_every_case(case, administrator):
    from ecobridge.certification.models import Case
    from ecobridge.certification.rules import visible_cases

    assert list(visible_cases(administrator, Case.objects.all())) == [case]
    services.start_review(administrator, case)
    case.refresh_from_db()
    assert case.status == CaseStatus.REVIEW


def test_a_stage_is_left_only_with_its_required_documents(owner, reviewer, technology, scheme_b):
    scheme_b.stages.filter(stage="claim_specification").update(
        required_documents=[DocumentKind.FIELD_TEST_PLAN]
    )
    application = services.create_application(
        owner, technology=technology, schemes=[scheme_b], claim="c"
    )
    for kind in (DocumentKind.TECHNOLOGY_DESCRIPTION, DocumentKind.PERFORMANCE_CLAIM):
        services.add_document(owner, application, kind, pdf_upload())
    services.submit_application(owner, application)
    case = application.cases.get()
    services.start_review(reviewer, case)
    services.advance_case(reviewer, case)
    with pytest.raises(ValidationError, match="Field test site and plan"):
        services.advance_case(reviewer, case)
    services.add_document(owner, application, DocumentKind.FIELD_TEST_PLAN, pdf_upload())
    services.advance_case(reviewer, case)
    assert case.status == CaseStatus.VERIFICATION_PLAN


def test_reviewers_add_reports_that_serve_every_scheme(draft, owner, reviewer, other_reviewer):
    with pytest.raises(PermissionDenied):  # not submitted yet
        services.add_document(reviewer, draft, DocumentKind.TEST_REPORT, pdf_upload())
    services.submit_application(owner, draft)
    report = services.add_document(reviewer, draft, DocumentKind.TEST_REPORT, pdf_upload("r.pdf"))
    assert report.uploaded_by == reviewer
    with pytest.raises(PermissionDenied):
        services.add_document(other_reviewer, draft, DocumentKind.TEST_REPORT, pdf_upload())


def test_supplement_answer_attaches_documents_of_this_application_only(
    case, reviewer, owner, technology, scheme
):
    services.request_supplement(reviewer, case, "Calibration?", timezone.localdate())
    other = services.create_application(owner, technology=technology, schemes=[scheme], claim="c")
    foreign = services.add_document(owner, other, DocumentKind.DRAWINGS, pdf_upload())
    with pytest.raises(ValidationError, match="must belong to this application"):
        services.answer_supplement(owner, case, "", [foreign])
    mine = services.add_document(owner, case.application, DocumentKind.TEST_REPORT, pdf_upload())
    supplement = services.answer_supplement(owner, case, "", [mine])
    assert list(supplement.documents.all()) == [mine]
