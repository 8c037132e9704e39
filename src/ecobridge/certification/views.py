"""Web pages of the certification single window. Every change goes through services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecobridge.certification import services, tracking
from ecobridge.certification.clock import deadline_state
from ecobridge.certification.documents import content_type
from ecobridge.certification.forms import (
    STAGE_LABELS,
    AnswerForm,
    ApplicationForm,
    CertificateForm,
    DocumentForm,
    SchemeForm,
    SupplementForm,
    stage_forms,
    stages_from,
)
from ecobridge.certification.models import (
    Application,
    ApplicationDocument,
    Case,
    CaseStatus,
    Certificate,
    DocumentKind,
    Scheme,
)
from ecobridge.certification.rules import (
    COMPANY,
    REVIEWER,
    can_add_document,
    can_edit_application,
    can_manage_schemes,
    can_view_application,
    can_view_case,
    can_view_dashboard,
    company_org_ids,
    dashboard_cases,
    has_role,
    is_admin,
    visible_cases,
)


def _errors(request, exc: ValidationError) -> None:
    if hasattr(exc, "message_dict"):
        for field, errors in exc.message_dict.items():
            for error in errors:
                messages.error(request, f"{field}: {error}")
    else:
        for error in exc.messages:
            messages.error(request, error)


def home(request):
    """Everyone sees the introduction and the schemes; signed-in users their own cases."""
    user = request.user
    cases = tracking.prefetched(visible_cases(user, Case.objects.all()))
    own = company_org_ids(user)
    applications = Application.objects.select_related("technology", "organisation")
    if not is_admin(user):
        applications = applications.filter(organisation_id__in=own)
    return render(
        request,
        "certification/home.html",
        {
            "applications": applications,
            "cases": [{"case": c, "clock": tracking.case_clock(c)} for c in cases],
            "can_apply": bool(own) or is_admin(user),
            "can_dashboard": can_view_dashboard(user),
        },
    )


def scheme_list(request):
    schemes = Scheme.objects.select_related("institution").prefetch_related("stages")
    if not can_manage_schemes(request.user):
        schemes = schemes.filter(is_active=True)
    return render(
        request,
        "certification/scheme_list.html",
        {"schemes": schemes, "can_manage": can_manage_schemes(request.user)},
    )


def scheme_detail(request, code):
    scheme = get_object_or_404(Scheme.objects.select_related("institution"), code=code)
    return render(
        request,
        "certification/scheme_detail.html",
        {
            "scheme": scheme,
            "stages": [
                (s, STAGE_LABELS[s.stage], [DocumentKind(k).label for k in s.required_documents])
                for s in scheme.stages.all()
            ],
            "can_manage": can_manage_schemes(request.user),
        },
    )


@login_required
def scheme_form(request, code=None):
    if not can_manage_schemes(request.user):
        raise PermissionDenied(_("Only administrators configure schemes."))
    scheme = get_object_or_404(Scheme, code=code) if code else None
    data = request.POST if request.method == "POST" else None
    form = SchemeForm(data, instance=scheme)
    rows = stage_forms(data, scheme)
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for _s, f in rows):
        values = {name: form.cleaned_data[name] for name in form.fields}
        try:
            fresh = Scheme.objects.get(pk=scheme.pk) if scheme else None
            saved = services.save_scheme(request.user, values, stages_from(rows), scheme=fresh)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(saved.get_absolute_url())
    return render(
        request,
        "certification/scheme_form.html",
        {
            "form": form,
            "rows": [(STAGE_LABELS[s], f) for s, f in rows],
            "scheme": scheme,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def application_new(request):
    form = ApplicationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.create_application(
                request.user,
                technology=form.cleaned_data["technology"],
                schemes=form.cleaned_data["schemes"],
                claim=form.cleaned_data["claim"],
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Draft saved. Upload the documents, then submit."))
            return redirect(application.get_absolute_url())
    if not form.fields["technology"].queryset.exists():
        raise PermissionDenied(_("Only company members apply, for their own technologies."))
    return render(request, "certification/application_form.html", {"form": form})


def _application_or_404(request, pk) -> Application:
    application = get_object_or_404(Application, pk=pk)
    if not can_view_application(request.user, application):
        raise Http404
    return application


@login_required
def application_detail(request, pk):
    application = _application_or_404(request, pk)
    cases = tracking.prefetched(visible_cases(request.user, application.cases.all()))
    editable = can_edit_application(request.user, application)
    checklist = {}
    for case in cases:
        for row in services.checklist(case, "application"):
            entry = checklist.setdefault(row["kind"], {**row, "schemes": []})
            entry["schemes"].append(case.scheme)
    return render(
        request,
        "certification/application_detail.html",
        {
            "application": application,
            "cases": [{"case": c, "clock": tracking.case_clock(c)} for c in cases],
            "documents": application.documents.all(),
            "checklist": list(checklist.values()),
            "can_edit": editable,
            "can_submit": editable and any(c.status == CaseStatus.DRAFT for c in cases),
            "upload_form": DocumentForm(),
        },
    )


@login_required
@require_POST
def document_upload(request, pk):
    application = _application_or_404(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = application.get_absolute_url()
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {' '.join(errors)}")
        return redirect(next_url)
    try:
        services.add_document(
            request.user, application, form.cleaned_data["kind"], form.cleaned_data["file"]
        )
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Document uploaded."))
    return redirect(next_url)


@login_required
@require_POST
def application_submit(request, pk):
    application = _application_or_404(request, pk)
    try:
        services.submit_application(request.user, application)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Submitted. The clocks have started."))
    return redirect(application.get_absolute_url())


@login_required
def document_download(request, pk):
    """Documents are private: only people who may see the application get them."""
    document = get_object_or_404(ApplicationDocument.objects.select_related("application"), pk=pk)
    if not can_view_application(request.user, document.application):
        raise Http404
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=content_type(document.original_name),
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _case_or_404(request, pk) -> Case:
    case = get_object_or_404(tracking.prefetched(Case.objects.all()), pk=pk)
    if not can_view_case(request.user, case):
        raise Http404
    return case


@login_required
def case_detail(request, pk):
    case = _case_or_404(request, pk)
    user = request.user
    transitions = {t.name: t for t in services.allowed_transitions(user, case)}
    certificate = Certificate.objects.filter(case=case).first()
    periods = list(case.periods.all())
    clock = tracking.case_clock(case)
    open_supplement = case.open_supplement()
    return render(
        request,
        "certification/case_detail.html",
        {
            "case": case,
            "application": case.application,
            "clock": clock,
            "periods": [
                {"period": p, "label": STAGE_LABELS[p.stage], "days": clock.stage_days.get(p.stage)}
                for p in periods
            ],
            "checklist": services.checklist(case) if case.is_open else [],
            "supplements": case.supplements.select_related(
                "requested_by", "answered_by"
            ).prefetch_related("documents"),
            "open_supplement": open_supplement,
            "supplement_state": deadline_state(open_supplement.due_date, timezone.localdate())
            if open_supplement
            else "",
            "transitions": transitions,
            "simple_transitions": [
                t
                for n, t in transitions.items()
                if n in {"start_review", "advance", "accept_existing_data", "publish"}
            ],
            "thread": case.messages.select_related("author"),
            "can_write": has_role(user, case, COMPANY) or has_role(user, case, REVIEWER),
            "certificate": certificate,
            "supplement_form": SupplementForm(),
            "answer_form": AnswerForm(),
            "certificate_form": CertificateForm(initial={"claim_verified": case.application.claim}),
            "documents": case.application.documents.all(),
            "upload_form": DocumentForm(),
            "can_upload": can_add_document(user, case.application),
        },
    )


@login_required
@require_POST
def case_transition(request, pk, name):
    case = _case_or_404(request, pk)
    user = request.user
    note = request.POST.get("note", "")
    try:
        if name == "start_review":
            services.start_review(user, case, note)
        elif name == "advance":
            services.advance_case(user, case, note)
        elif name == "accept_existing_data":
            services.accept_existing_data(user, case, note)
        elif name == "publish":
            services.publish_certificate(user, case)
        elif name == "reject":
            services.reject_case(user, case, request.POST.get("reason", ""))
        elif name == "withdraw":
            services.withdraw_case(user, case, request.POST.get("reason", ""))
        elif name == "request_supplement":
            form = SupplementForm(request.POST)
            if not form.is_valid():
                raise ValidationError(dict(form.errors))
            services.request_supplement(
                user, case, form.cleaned_data["message"], form.cleaned_data["due_date"]
            )
        elif name == "answer_supplement":
            ids = request.POST.getlist("documents")
            documents = list(case.application.documents.filter(pk__in=ids))
            services.answer_supplement(user, case, request.POST.get("answer", ""), documents)
        elif name == "issue_certificate":
            form = CertificateForm(request.POST)
            if not form.is_valid():
                raise ValidationError(dict(form.errors))
            services.issue_certificate(
                user,
                case,
                form.cleaned_data["claim_verified"],
                publish=form.cleaned_data["publish"],
            )
        else:
            raise Http404
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Done."))
    return redirect(case.get_absolute_url())


@login_required
@require_POST
def case_message(request, pk):
    case = _case_or_404(request, pk)
    try:
        services.post_message(request.user, case, request.POST.get("body", ""))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect(case.get_absolute_url() + "#thread")


def certificate_pdf(request, pk):
    """Published certificates are public; before that only the case's parties see them."""
    certificate = get_object_or_404(Certificate.objects.select_related("case"), pk=pk)
    if certificate.published_at is None and not can_view_case(request.user, certificate.case):
        raise Http404
    if not certificate.pdf:
        raise Http404
    return FileResponse(
        certificate.pdf.open("rb"),
        filename=f"{certificate.number}.pdf",
        content_type="application/pdf",
    )


@login_required
def dashboard(request):
    if not can_view_dashboard(request.user):
        raise PermissionDenied(_("The dashboard is for staff and certification reviewers."))
    data = tracking.dashboard(dashboard_cases(request.user, Case.objects.all()))
    data["openable"] = set(
        visible_cases(request.user, Case.objects.all()).values_list("pk", flat=True)
    )
    data["stage_medians"] = [(sch, STAGE_LABELS[st], d) for sch, st, d in data["stage_medians"]]
    data["time_lost"] = [(k, STAGE_LABELS.get(k, ""), d) for k, d in data["time_lost"]]
    return render(request, "certification/dashboard.html", data)
