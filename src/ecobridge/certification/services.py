"""Domain functions of the certification single window: one per action.

Each checks the actor's role and the case's state against the transition table in
:mod:`ecobridge.certification.workflow`, validates, writes inside a transaction, leaves
an audit entry and queues the e-mail to the other side after commit.
"""

from __future__ import annotations

import calendar
import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecobridge.certification import notify
from ecobridge.certification.documents import validate_upload
from ecobridge.certification.models import (
    Application,
    ApplicationDocument,
    Case,
    CaseMessage,
    CaseStatus,
    Certificate,
    DocumentKind,
    Scheme,
    SchemeStage,
    Stage,
    StagePeriod,
    SupplementRequest,
)
from ecobridge.certification.rules import (
    COMPANY,
    REVIEWER,
    can_add_document,
    can_apply,
    can_manage_schemes,
    can_view_case,
    has_role,
)
from ecobridge.certification.workflow import TRANSITIONS, Transition, target_status, validate_stages
from ecobridge.core import audit
from ecobridge.core.i18n import clean_i18n
from ecobridge.core.permissions import require

SCHEME_FIELDS = [
    "code",
    "name",
    "description",
    "kind",
    "institution",
    "legal_time_limit_days",
    "fee_amount",
    "fee_currency",
    "fee_notes",
    "validity_months",
    "accepts_existing_data",
    "is_active",
]


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


# --- Schemes ------------------------------------------------------------------------


def _clean_stages(stages: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    cleaned = []
    for index, row in enumerate(stages):
        documents = list(row.get("required_documents") or [])
        unknown = [d for d in documents if d not in DocumentKind.values]
        if unknown:
            raise ValidationError(
                {"stages": f"stage {row.get('stage')!r}: unknown document kind(s) {unknown}"}
            )
        limit = row.get("time_limit_days")
        if limit is not None and (not isinstance(limit, int) or limit < 1):
            raise ValidationError(
                {"stages": f"stage {row.get('stage')!r}: time limit must be a positive number"}
            )
        cleaned.append(
            {
                "stage": row.get("stage"),
                "order": index,
                "time_limit_days": limit,
                "required_documents": documents,
            }
        )
    problems = validate_stages([row["stage"] for row in cleaned])
    if problems:
        raise ValidationError({"stages": "; ".join(problems)})
    return cleaned


def _stage_snapshot(scheme: Scheme) -> list[dict[str, Any]]:
    return [
        {
            "stage": s.stage,
            "time_limit_days": s.time_limit_days,
            "required_documents": s.required_documents,
        }
        for s in scheme.stages.all()
    ]


def save_scheme(
    actor,
    data: dict[str, Any],
    stages: Sequence[dict[str, Any]] | None = None,
    scheme: Scheme | None = None,
) -> Scheme:
    """Create (``scheme=None``) or update a scheme and, when given, replace its stages.

    ``stages``: ordered ``{"stage", "time_limit_days", "required_documents"}`` rows.
    """
    require(can_manage_schemes(actor), "Only administrators configure schemes.")
    unknown = set(data) - set(SCHEME_FIELDS)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: "not a scheme field"})
    if scheme is None and stages is None:
        raise ValidationError({"stages": "a new scheme needs its stages"})
    cleaned = _clean_stages(stages) if stages is not None else None
    data = dict(data)
    for name in ("name", "description", "fee_notes"):
        if name in data:
            try:
                data[name] = clean_i18n(data[name])
            except ValueError as exc:
                raise ValidationError({name: str(exc)}) from exc
    creating = scheme is None
    scheme = scheme or Scheme()
    with transaction.atomic():
        before = {} if creating else {**audit.snapshot(scheme), "stages": _stage_snapshot(scheme)}
        for name, value in data.items():
            setattr(scheme, name, value)
        scheme.full_clean()
        scheme.save()
        if cleaned is not None:
            scheme.stages.all().delete()
            SchemeStage.objects.bulk_create(SchemeStage(scheme=scheme, **row) for row in cleaned)
        after = {**audit.snapshot(scheme), "stages": _stage_snapshot(scheme)}
        changes = audit.diff(before, after)
        if changes:
            audit.record(actor, "create" if creating else "update", scheme, changes)
    return scheme


# --- Applications and documents -----------------------------------------------------


def create_application(
    actor,
    *,
    technology,
    schemes: Iterable[Scheme],
    claim: dict[str, str] | str,
    reference: str = "",
    is_sample: bool = False,
) -> Application:
    """A draft application with one draft case per scheme."""
    require(can_apply(actor, technology), "You may apply only for your own technologies.")
    schemes = list(dict.fromkeys(schemes))
    if not schemes:
        raise ValidationError({"schemes": "choose at least one scheme"})
    closed = [s.code for s in schemes if not s.is_active]
    if closed:
        raise ValidationError({"schemes": f"not open for applications: {', '.join(closed)}"})
    try:
        claim = clean_i18n(claim)
    except ValueError as exc:
        raise ValidationError({"claim": str(exc)}) from exc
    if not claim:
        raise ValidationError({"claim": "state the performance claim in at least one language"})
    reference = reference or f"CA-{timezone.now():%Y}-{uuid.uuid4().hex[:6].upper()}"
    with transaction.atomic():
        application = Application.objects.create(
            reference=reference,
            organisation=technology.owner,
            technology=technology,
            claim=claim,
            created_by=actor if getattr(actor, "pk", None) else None,
            is_sample=is_sample,
        )
        for scheme in schemes:
            Case.objects.create(application=application, scheme=scheme)
        audit.record(
            actor,
            "create",
            application,
            {
                **audit.diff({}, audit.snapshot(application)),
                "schemes": [[], [s.code for s in schemes]],
            },
        )
    return application


def add_document(actor, application: Application, kind: str, upload) -> ApplicationDocument:
    """Upload one document to the application; every case needing its kind can use it."""
    require(can_add_document(actor, application), "You may not add documents here.")
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": f"unknown document kind {kind!r}"})
    validate_upload(upload)
    name = upload.name.rsplit("/", 1)[-1][:200]
    with transaction.atomic():
        document = ApplicationDocument(
            application=application,
            kind=kind,
            original_name=name,
            size=upload.size,
            uploaded_by=actor if getattr(actor, "pk", None) else None,
        )
        document.file.save(name, upload, save=False)
        # If the row cannot be written, do not leave the file behind.
        try:
            document.save()
        except Exception:
            document.file.delete(save=False)
            raise
        audit.record(
            actor,
            "certification.document",
            application,
            {"document": [None, f"{document.get_kind_display()}: {name}"]},
        )
    return document


def required_documents(case: Case, stage: str) -> list[str]:
    for row in case.scheme.stages.all():
        if row.stage == stage:
            return list(row.required_documents)
    return []


def checklist(case: Case, stage: str | None = None) -> list[dict[str, Any]]:
    """For each document kind the stage requires: the application's matching uploads."""
    stage = stage or case.status
    by_kind: dict[str, list[ApplicationDocument]] = {}
    for document in case.application.documents.all():
        by_kind.setdefault(document.kind, []).append(document)
    return [
        {"kind": kind, "label": DocumentKind(kind).label, "documents": by_kind.get(kind, [])}
        for kind in required_documents(case, stage)
    ]


def missing_documents(case: Case, stage: str) -> list[str]:
    return [str(row["label"]) for row in checklist(case, stage) if not row["documents"]]


# --- Transitions --------------------------------------------------------------------

EVENTS = {
    "submit": _("application submitted"),
    "start_review": _("accepted for review"),
    "advance": _("stage completed"),
    "accept_existing_data": _("existing test data accepted"),
    "request_supplement": _("supplement requested"),
    "answer_supplement": _("supplement answered"),
    "issue_certificate": _("certificate issued"),
    "publish": _("certificate published"),
    "reject": _("application rejected"),
    "withdraw": _("application withdrawn"),
    "message": _("new message"),
}
SUBJECT = _("Case %(case)s: %(event)s")


def _notify_other_side(case: Case, name: str, role: str, **extra: Any) -> None:
    """After commit, e-mail the side that did not act."""

    def send() -> None:
        users = notify.reviewer_users(case) if role == COMPANY else notify.company_users(case)
        context = {
            "case": case,
            "event": EVENTS[name],
            "scheme_name": case.scheme,
            "status": CaseStatus(case.status).label,
            "note": "",
            "due_date": "",
            **extra,
        }
        notify.send(users, SUBJECT, "certification/email/event.txt", context)

    transaction.on_commit(send)


def _lock(case: Case) -> Case:
    """Lock the row against a concurrent transition and reload the caller's instance."""
    list(Case.objects.select_for_update().filter(pk=case.pk).values_list("pk", flat=True))
    case.refresh_from_db()
    return case


def _check(actor, case: Case, name: str) -> Transition:
    transition = TRANSITIONS[name]
    require(
        has_role(actor, case, transition.role),
        f"Only the {'applicant' if transition.role == COMPANY else 'scheme reviewer'} may "
        f"{name.replace('_', ' ')} on case {case}.",
    )
    if case.status not in transition.sources:
        raise ValidationError(
            {"status": f"cannot {name.replace('_', ' ')} a case in status {case.status!r}"}
        )
    return transition


def _require_no_open_supplement(case: Case) -> None:
    if case.open_supplement() is not None:
        raise ValidationError({"supplement": "a supplement request is still open"})


def _move(case: Case, status: str, now: dt.datetime) -> None:
    """Close the running stage period and open the next one (terminal states get none)."""
    StagePeriod.objects.filter(case=case, ended_at__isnull=True).update(ended_at=now)
    if status in Stage.values and status != Stage.PUBLISHED:
        StagePeriod.objects.create(case=case, stage=status, started_at=now)
    case.status = status


def _transition(
    actor, case: Case, name: str, now: dt.datetime, **changes: list[Any]
) -> tuple[Case, str]:
    """Check, move and audit one transition; returns the locked case and the old status."""
    case = _lock(case)
    transition = _check(actor, case, name)
    old = case.status
    new = target_status(transition, old, case.scheme.stage_list())
    if new != old:
        _move(case, new, now)
    case.save()
    extra = {key: value for key, value in changes.items() if value is not None}
    audit.record(actor, f"certification.{name}", case, {"status": [old, new], **extra})
    return case, old


def submit_application(actor, application: Application, now: dt.datetime | None = None) -> None:
    """Submit every draft case of the application; the legal clocks start now."""
    now = _now(now)
    cases = list(application.cases.select_related("scheme").filter(status=CaseStatus.DRAFT))
    if not cases:
        raise ValidationError({"status": "this application has nothing left to submit"})
    for case in cases:
        _check(actor, case, "submit")
    problems = [
        f"{case.scheme}: {', '.join(missing)}"
        for case in cases
        if (missing := missing_documents(case, Stage.APPLICATION))
    ]
    if problems:
        raise ValidationError({"documents": "missing documents — " + "; ".join(problems)})
    with transaction.atomic():
        for case in cases:
            case, _old = _transition(actor, case, "submit", now)
            case.submitted_at = now
            case.save(update_fields=["submitted_at"])
            _notify_other_side(case, "submit", COMPANY)
        application.submitted_at = application.submitted_at or now
        application.save(update_fields=["submitted_at"])


def _reviewer_step(actor, case: Case, name: str, note: str, now: dt.datetime | None) -> Case:
    now = _now(now)
    _check(actor, case, name)
    _require_no_open_supplement(case)
    missing = missing_documents(case, case.status)
    if missing:
        raise ValidationError(
            {"documents": f"missing for this stage: {', '.join(missing)} (request a supplement)"}
        )
    with transaction.atomic():
        case, _old = _transition(actor, case, name, now, note=[None, note] if note else None)
        _notify_other_side(case, name, REVIEWER, note=note)
    return case


def start_review(actor, case: Case, note: str = "", now: dt.datetime | None = None) -> Case:
    return _reviewer_step(actor, case, "start_review", note, now)


def advance_case(actor, case: Case, note: str = "", now: dt.datetime | None = None) -> Case:
    """Complete the current stage and move to the scheme's next one."""
    return _reviewer_step(actor, case, "advance", note, now)


def accept_existing_data(actor, case: Case, note: str = "", now: dt.datetime | None = None) -> Case:
    """Accept test data produced before the application instead of new testing."""
    _check(actor, case, "accept_existing_data")
    if not case.scheme.accepts_existing_data:
        raise ValidationError({"scheme": f"{case.scheme} does not accept existing test data"})
    if not case.application.documents.filter(kind=DocumentKind.EXISTING_TEST_DATA).exists():
        raise ValidationError({"documents": "no existing test data has been uploaded"})
    case = _reviewer_step(actor, case, "accept_existing_data", note, now)
    Case.objects.filter(pk=case.pk).update(existing_data_accepted=True)
    case.existing_data_accepted = True
    return case


def request_supplement(
    actor, case: Case, message: str, due_date: dt.date, now: dt.datetime | None = None
) -> SupplementRequest:
    """Ask the company for more; the legal clock stops until the answer."""
    now = _now(now)
    _check(actor, case, "request_supplement")
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": "say what is missing"})
    if not isinstance(due_date, dt.date):
        raise ValidationError({"due_date": "a date is required"})
    if due_date < timezone.localdate(now):
        raise ValidationError({"due_date": "the deadline must not be in the past"})
    _require_no_open_supplement(case)
    with transaction.atomic():
        case, _old = _transition(
            actor, case, "request_supplement", now, supplement=[None, message[:200]]
        )
        supplement = SupplementRequest.objects.create(
            case=case,
            stage=case.status,
            message=message,
            requested_by=actor if getattr(actor, "pk", None) else None,
            requested_at=now,
            due_date=due_date,
        )
        _notify_other_side(case, "request_supplement", REVIEWER, note=message, due_date=due_date)
    return supplement


def answer_supplement(
    actor,
    case: Case,
    answer: str,
    documents: Iterable[ApplicationDocument] = (),
    now: dt.datetime | None = None,
) -> SupplementRequest:
    """Answer the open supplement request; the legal clock runs again."""
    now = _now(now)
    _check(actor, case, "answer_supplement")
    supplement = case.open_supplement()
    if supplement is None:
        raise ValidationError({"supplement": "there is no open supplement request"})
    answer = (answer or "").strip()
    documents = list(documents)
    if not answer and not documents:
        raise ValidationError({"answer": "write an answer or attach documents"})
    foreign = [d for d in documents if d.application_id != case.application_id]
    if foreign:
        raise ValidationError({"documents": "documents must belong to this application"})
    with transaction.atomic():
        case, _old = _transition(actor, case, "answer_supplement", now, answer=[None, answer[:200]])
        supplement.answer = answer
        supplement.answered_at = now
        supplement.answered_by = actor if getattr(actor, "pk", None) else None
        supplement.save()
        supplement.documents.set(documents)
        _notify_other_side(case, "answer_supplement", COMPANY, note=answer)
    return supplement


def add_months(day: dt.date, months: int) -> dt.date:
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def issue_certificate(
    actor,
    case: Case,
    claim_verified: dict[str, str] | str,
    *,
    issued_on: dt.date | None = None,
    publish: bool = False,
    now: dt.datetime | None = None,
) -> Certificate:
    """Issue the certificate or verification statement with its PDF; the case closes."""
    from ecobridge.certification.certificates import render_certificate_pdf

    now = _now(now)
    _check(actor, case, "issue_certificate")
    _require_no_open_supplement(case)
    try:
        claim = clean_i18n(claim_verified)
    except ValueError as exc:
        raise ValidationError({"claim_verified": str(exc)}) from exc
    if not claim:
        raise ValidationError({"claim_verified": "state the verified claim"})
    issued_on = issued_on or timezone.localdate(now)
    with transaction.atomic():
        case, _old = _transition(actor, case, "issue_certificate", now)
        case.closed_at = now
        case.save(update_fields=["closed_at"])
        certificate = Certificate(
            case=case,
            number=f"{case.scheme.code}-{issued_on:%Y}-{case.pk:05d}",
            scheme=case.scheme,
            technology=case.application.technology,
            claim_verified=claim,
            issued_on=issued_on,
            expires_on=add_months(issued_on, case.scheme.validity_months),
            issued_by=actor if getattr(actor, "pk", None) else None,
        )
        certificate.save()
        certificate.pdf.save(
            f"{certificate.number}.pdf", ContentFile(render_certificate_pdf(certificate))
        )
        audit.record(actor, "create", certificate, audit.diff({}, audit.snapshot(certificate)))
        _notify_other_side(case, "issue_certificate", REVIEWER, note=certificate.number)
        if publish:
            publish_certificate(actor, case, now=now)
            certificate.refresh_from_db()
    return certificate


def publish_certificate(actor, case: Case, now: dt.datetime | None = None) -> Certificate:
    """Publish the statement: it shows on the technology's public profile."""
    now = _now(now)
    _check(actor, case, "publish")
    with transaction.atomic():
        case, _old = _transition(actor, case, "publish", now)
        certificate = case.certificate
        certificate.published_at = now
        certificate.save(update_fields=["published_at"])
        _notify_other_side(case, "publish", REVIEWER, note=certificate.number)
    return certificate


def reject_case(actor, case: Case, reason: str, now: dt.datetime | None = None) -> Case:
    now = _now(now)
    _check(actor, case, "reject")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "give the reason for the rejection"})
    with transaction.atomic():
        case, _old = _transition(actor, case, "reject", now, reason=[None, reason])
        case.closed_at = now
        case.save(update_fields=["closed_at"])
        _notify_other_side(case, "reject", REVIEWER, note=reason)
    return case


def withdraw_case(actor, case: Case, reason: str = "", now: dt.datetime | None = None) -> Case:
    now = _now(now)
    _check(actor, case, "withdraw")
    with transaction.atomic():
        case, _old = _transition(actor, case, "withdraw", now, reason=[None, reason])
        case.closed_at = now
        case.save(update_fields=["closed_at"])
        if case.submitted_at:
            _notify_other_side(case, "withdraw", COMPANY, note=reason)
    return case


def post_message(actor, case: Case, body: str) -> CaseMessage:
    """A message in the case's thread, from the company or a reviewer."""
    require(
        can_view_case(actor, case)
        and (has_role(actor, case, COMPANY) or has_role(actor, case, REVIEWER)),
        "Only the applicant and the scheme's reviewers write in this thread.",
    )
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "the message is empty"})
    with transaction.atomic():
        message = CaseMessage.objects.create(
            case=case, author=actor if getattr(actor, "pk", None) else None, body=body
        )
        audit.record(actor, "certification.message", case, {"message": [None, body[:200]]})
        side = (
            REVIEWER
            if has_role(actor, case, REVIEWER) and not has_role(actor, case, COMPANY)
            else COMPANY
        )
        _notify_other_side(case, "message", side, note=body)
    return message


def allowed_transitions(actor, case: Case) -> list[Transition]:
    """Transitions ``actor`` may try on ``case`` now (for buttons and the API)."""
    result = []
    open_supplement = case.open_supplement() is not None
    for transition in TRANSITIONS.values():
        if case.status not in transition.sources or not has_role(actor, case, transition.role):
            continue
        if transition.name == "answer_supplement" and not open_supplement:
            continue
        if transition.name == "request_supplement" and open_supplement:
            continue
        if (
            transition.name
            in {"start_review", "advance", "accept_existing_data", "issue_certificate"}
            and open_supplement
        ):
            continue
        if transition.name == "accept_existing_data" and not case.scheme.accepts_existing_data:
            continue
        result.append(transition)
    return result
