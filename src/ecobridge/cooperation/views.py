"""Web pages of the cooperation registry. Every write goes through services.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ecobridge.cooperation import forms, outcomes, services, timeline
from ecobridge.cooperation.models import (
    ActionItem,
    Agreement,
    AgreementKind,
    AgreementStatus,
    Indicator,
    Mechanism,
    MechanismMeeting,
    Project,
    SourcedFact,
    Training,
    TrainingParticipation,
)
from ecobridge.cooperation.rules import (
    can_edit_cooperation,
    can_view_agreement,
    visible_agreements,
)
from ecobridge.directory.models import Country, Organisation, Sector

TIMELINE_KINDS = [
    ("agreement", gettext_lazy("Agreements")),
    ("meeting", gettext_lazy("Mechanism meetings")),
    ("project", gettext_lazy("Projects")),
    ("training", gettext_lazy("Trainings")),
    ("business_conference", gettext_lazy("Business conferences")),
    ("forum", gettext_lazy("Forums")),
    ("seminar", gettext_lazy("Seminars")),
    ("delegation", gettext_lazy("Delegations")),
    ("consultation", gettext_lazy("Consultations")),
    ("event", gettext_lazy("Events")),
    ("outcome", gettext_lazy("Outcomes")),
    ("follow_up", gettext_lazy("Follow-ups")),
    ("figure", gettext_lazy("Figures")),
]


def _require_editor(request) -> None:
    if not can_edit_cooperation(request.user):
        raise PermissionDenied(_("Only programme officers and administrators change this."))


def _form_errors(form, exc: ValidationError) -> None:
    for field, errors in getattr(exc, "message_dict", {None: exc.messages}).items():
        form.add_error(field if field in form.fields else None, errors)


def _form_data(form) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in form.fields}


def index(request):
    user = request.user
    return render(
        request,
        "cooperation/index.html",
        {
            "agreements": visible_agreements(user, Agreement.objects.all())[:10],
            "mechanisms": Mechanism.objects.all(),
            "projects": Project.objects.all()[:10],
            "trainings": Training.objects.all()[:10],
            "can_edit": can_edit_cooperation(user),
        },
    )


# --- Agreements ---------------------------------------------------------------------


def agreement_list(request):
    queryset = visible_agreements(request.user, Agreement.objects.all()).prefetch_related(
        "party_countries"
    )
    status, kind, country = (request.GET.get(k, "") for k in ("status", "kind", "country"))
    if status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    if country:
        queryset = queryset.filter(party_countries__code=country.upper()).distinct()
    return render(
        request,
        "cooperation/agreement_list.html",
        {
            "agreements": queryset,
            "statuses": AgreementStatus.choices,
            "kinds": AgreementKind.choices,
            "selected": {"status": status, "kind": kind, "country": country},
            "can_edit": can_edit_cooperation(request.user),
        },
    )


def _agreement(request, pk) -> Agreement:
    agreement = get_object_or_404(Agreement, pk=pk)
    if not can_view_agreement(request.user, agreement):
        raise PermissionDenied
    return agreement


def agreement_detail(request, pk):
    agreement = _agreement(request, pk)
    can_edit = can_edit_cooperation(request.user)
    context = {
        "object": agreement,
        "can_edit": can_edit,
        "history": agreement.history.all(),
        "documents": agreement.documents.all(),
        "contacts": agreement.contact_points.select_related("side", "person", "organisation"),
        "action_items": agreement.action_items.select_related("owner"),
        "projects": agreement.projects.all(),
    }
    if can_edit:
        allowed = agreement.allowed_transitions()
        transition_form = forms.TransitionForm()
        transition_form.fields["to_status"].choices = [
            (value, label) for value, label in AgreementStatus.choices if value in allowed
        ]
        context.update(
            transition_form=transition_form if allowed else None,
            action_form=forms.ActionItemForm(prefix="action"),
            document_form=forms.DocumentForm(),
            contact_form=forms.ContactPointForm(prefix="contact"),
            link_form=forms.LinkProjectForm(),
            close_form=forms.CloseActionForm(),
        )
    return render(request, "cooperation/agreement_detail.html", context)


class RecordForm:
    """Create or edit one kind of record through its domain function."""

    def __init__(
        self,
        form_class,
        model: type[Model],
        create: Callable,
        update: Callable,
        title: str,
    ):
        self.form_class, self.model = form_class, model
        self.create, self.update, self.title = create, update, title

    def __call__(self, request, pk=None):
        if not request.user.is_authenticated:
            return redirect(f"/accounts/login/?next={request.path}")
        _require_editor(request)
        obj = get_object_or_404(self.model, pk=pk) if pk else None
        form = self.form_class(request.POST or None, instance=obj)
        status = 200
        if request.method == "POST":
            if form.is_valid():
                data = _form_data(form)
                try:
                    if obj is None:
                        obj = self.create(request.user, data)
                    else:
                        fresh = type(obj).objects.get(pk=obj.pk)
                        self.update(request.user, fresh, data)
                        obj = fresh
                except ValidationError as exc:
                    _form_errors(form, exc)
                else:
                    messages.success(request, _("Saved."))
                    return redirect(obj.get_absolute_url())
            status = 400
        return render(
            request,
            "cooperation/form.html",
            {"form": form, "object": obj, "title": self.title},
            status=status,
        )


def _create(model):
    return lambda actor, data: services.create_record(actor, model, data)


agreement_form = RecordForm(
    forms.AgreementForm,
    Agreement,
    services.create_agreement,
    services.update_agreement,
    gettext_lazy("Agreement"),
)
mechanism_form = RecordForm(
    forms.MechanismForm,
    Mechanism,
    _create(Mechanism),
    services.update_record,
    gettext_lazy("Mechanism"),
)
meeting_form = RecordForm(
    forms.MeetingForm,
    MechanismMeeting,
    _create(MechanismMeeting),
    services.update_record,
    gettext_lazy("Mechanism meeting"),
)
project_form = RecordForm(
    forms.ProjectForm, Project, _create(Project), services.update_record, gettext_lazy("Project")
)
training_form = RecordForm(
    forms.TrainingForm,
    Training,
    _create(Training),
    services.update_record,
    gettext_lazy("Training"),
)
fact_form = RecordForm(
    forms.SourcedFactForm,
    SourcedFact,
    _create(SourcedFact),
    services.update_record,
    gettext_lazy("Figure"),
)


def _post_action(request, agreement: Agreement, form, action: Callable[[], Any]):
    """Run one write for the agreement page; report errors as messages."""
    if form.is_valid():
        try:
            action()
        except ValidationError as exc:
            for field, errors in getattr(exc, "message_dict", {"": exc.messages}).items():
                messages.error(
                    request, f"{field}: {' '.join(errors)}" if field else " ".join(errors)
                )
        else:
            messages.success(request, _("Saved."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}")
    return redirect(agreement.get_absolute_url())


@login_required
@require_POST
def agreement_transition(request, pk):
    _require_editor(request)
    agreement = _agreement(request, pk)
    form = forms.TransitionForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {}
    return _post_action(
        request,
        agreement,
        form,
        lambda: services.transition_agreement(
            request.user,
            agreement,
            data["to_status"],
            data["on"],
            data["precision"],
            data["note"],
            data["successor"],
        ),
    )


@login_required
@require_POST
def agreement_add_action(request, pk):
    _require_editor(request)
    agreement = _agreement(request, pk)
    # The agreement is set first: the model's own checks need it.
    form = forms.ActionItemForm(
        request.POST, prefix="action", instance=ActionItem(agreement=agreement)
    )
    return _post_action(
        request,
        agreement,
        form,
        lambda: services.add_action_item(
            request.user, {**_form_data(form), "agreement": agreement}
        ),
    )


@login_required
@require_POST
def agreement_add_document(request, pk):
    _require_editor(request)
    agreement = _agreement(request, pk)
    form = forms.DocumentForm(request.POST, request.FILES)
    return _post_action(
        request,
        agreement,
        form,
        lambda: services.add_document(
            request.user, agreement, form.cleaned_data["file"], form.cleaned_data["title"]
        ),
    )


@login_required
@require_POST
def agreement_add_contact(request, pk):
    _require_editor(request)
    agreement = _agreement(request, pk)
    form = forms.ContactPointForm(request.POST, prefix="contact")
    from ecobridge.cooperation.models import ContactPoint

    return _post_action(
        request,
        agreement,
        form,
        lambda: services.create_record(
            request.user, ContactPoint, {**_form_data(form), "agreement": agreement}
        ),
    )


@login_required
@require_POST
def agreement_link_project(request, pk):
    _require_editor(request)
    agreement = _agreement(request, pk)
    form = forms.LinkProjectForm(request.POST)
    return _post_action(
        request,
        agreement,
        form,
        lambda: services.link_project(request.user, agreement, form.cleaned_data["project"]),
    )


@login_required
@require_POST
def action_close(request, pk):
    _require_editor(request)
    item = get_object_or_404(ActionItem, pk=pk)
    form = forms.CloseActionForm(request.POST)
    target = item.agreement or item.meeting
    if form.is_valid():
        try:
            services.close_action_item(
                request.user,
                item,
                form.cleaned_data["on"],
                form.cleaned_data["meeting"],
                form.cleaned_data["cancelled"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Action item closed."))
    else:
        messages.error(request, _("Give the date the action was closed."))
    return redirect(target.get_absolute_url())


def agreement_outcomes(request, pk):
    agreement = _agreement(request, pk)
    return render(
        request,
        "cooperation/agreement_outcomes.html",
        {"object": agreement, "outcome": outcomes.what_came_out(agreement)},
    )


# --- Mechanisms, projects, trainings -------------------------------------------------


def mechanism_list(request):
    return render(
        request,
        "cooperation/mechanism_list.html",
        {
            "mechanisms": Mechanism.objects.prefetch_related("member_countries", "meetings"),
            "can_edit": can_edit_cooperation(request.user),
        },
    )


def mechanism_detail(request, pk):
    mechanism = get_object_or_404(Mechanism, pk=pk)
    return render(
        request,
        "cooperation/mechanism_detail.html",
        {
            "object": mechanism,
            "meetings": mechanism.meetings.select_related("country"),
            "can_edit": can_edit_cooperation(request.user),
        },
    )


def meeting_detail(request, pk):
    meeting = get_object_or_404(MechanismMeeting.objects.select_related("mechanism"), pk=pk)
    user = request.user
    return render(
        request,
        "cooperation/meeting_detail.html",
        {
            "object": meeting,
            "adopted": visible_agreements(user, meeting.adopted_agreements.all()),
            "cited": visible_agreements(user, meeting.cited_agreements.all()),
            "action_items": meeting.action_items.select_related("owner"),
            "carried": services.carried_action_items(meeting),
            "can_edit": can_edit_cooperation(user),
            "action_form": forms.ActionItemForm(prefix="action"),
        },
    )


def project_list(request):
    queryset = Project.objects.prefetch_related("recipient_countries")
    country = request.GET.get("country", "")
    if country:
        queryset = queryset.filter(recipient_countries__code=country.upper()).distinct()
    return render(
        request,
        "cooperation/project_list.html",
        {
            "projects": queryset,
            "country": country,
            "can_edit": can_edit_cooperation(request.user),
        },
    )


def _project_child_form(project: Project, kind: str, data=None):
    if kind == "indicator":
        form = forms.child_form(Indicator, "")(data, prefix=kind)
        form.fields["result"].queryset = project.results.all()
        return Indicator, None, form
    if kind not in forms.PROJECT_CHILDREN:
        raise Http404
    model, parent, _label = forms.PROJECT_CHILDREN[kind]
    return (
        model,
        parent,
        forms.child_form(model, parent)(data, instance=model(project=project), prefix=kind),
    )


def project_detail(request, pk):
    project = get_object_or_404(Project, pk=pk)
    can_edit = can_edit_cooperation(request.user)
    child_forms = []
    if can_edit:
        labels = {k: label for k, (_m, _p, label) in forms.PROJECT_CHILDREN.items()}
        labels["indicator"] = gettext_lazy("Indicator of a result")
        for kind, label in labels.items():
            if kind == "indicator" and not project.results.exists():
                continue
            child_forms.append((kind, label, _project_child_form(project, kind)[2]))
    return render(
        request,
        "cooperation/project_detail.html",
        {
            "object": project,
            "agreements": visible_agreements(request.user, project.agreements.all()),
            "participants": project.participants.select_related("organisation"),
            "can_edit": can_edit,
            "child_forms": child_forms,
        },
    )


@login_required
@require_POST
def project_add(request, pk, kind):
    """Add a participant, stage, budget, transaction, result, indicator or location."""
    _require_editor(request)
    project = get_object_or_404(Project, pk=pk)
    model, parent, form = _project_child_form(project, kind, request.POST)
    if form.is_valid():
        data = _form_data(form)
        if parent:
            data[parent] = project
        try:
            services.create_record(request.user, model, data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Saved."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}")
    return redirect(project.get_absolute_url())


@login_required
@require_POST
def meeting_add_action(request, pk):
    _require_editor(request)
    meeting = get_object_or_404(MechanismMeeting, pk=pk)
    form = forms.ActionItemForm(request.POST, prefix="action", instance=ActionItem(meeting=meeting))
    if form.is_valid():
        services.add_action_item(request.user, {**_form_data(form), "meeting": meeting})
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Give the action in at least one language."))
    return redirect(meeting.get_absolute_url())


@login_required
@require_POST
def training_add_participation(request, pk):
    _require_editor(request)
    training = get_object_or_404(Training, pk=pk)
    form = forms.child_form(TrainingParticipation, "training")(
        request.POST, instance=TrainingParticipation(training=training), prefix="participation"
    )
    if form.is_valid():
        services.create_record(
            request.user, TrainingParticipation, {**_form_data(form), "training": training}
        )
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Give a country or a group."))
    return redirect(training.get_absolute_url())


def training_list(request):
    return render(
        request,
        "cooperation/training_list.html",
        {
            "trainings": Training.objects.prefetch_related("participation__country"),
            "can_edit": can_edit_cooperation(request.user),
        },
    )


def training_detail(request, pk):
    training = get_object_or_404(Training, pk=pk)
    return render(
        request,
        "cooperation/training_detail.html",
        {
            "object": training,
            "can_edit": can_edit_cooperation(request.user),
            "participation_form": forms.child_form(TrainingParticipation, "training")(
                prefix="participation"
            ),
        },
    )


def fact_list(request):
    return render(
        request,
        "cooperation/fact_list.html",
        {"facts": SourcedFact.objects.select_related("country", "organisation")},
    )


# --- Timelines ----------------------------------------------------------------------


def _timeline_page(request, subject_label: str, subject_url: str, **subject):
    kinds = [k for k in request.GET.getlist("kind") if k]
    sector = request.GET.get("sector", "")
    entries = timeline.collect(**subject, kinds=kinds, sector=sector or None)
    return render(
        request,
        "cooperation/timeline.html",
        {
            "subject_label": subject_label,
            "subject_url": subject_url,
            "entries": entries,
            "kinds": TIMELINE_KINDS,
            "selected_kinds": kinds,
            "sector": sector,
            "sectors": Sector.objects.exclude(group=""),
        },
    )


def country_timeline(request, code):
    country = get_object_or_404(Country, code=code.upper())
    return _timeline_page(request, str(country), country.get_absolute_url(), country=country)


def organisation_timeline(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    return _timeline_page(
        request, str(organisation), organisation.get_absolute_url(), organisation=organisation
    )


def agreement_timeline(request, pk):
    agreement = _agreement(request, pk)
    return _timeline_page(
        request, str(agreement), agreement.get_absolute_url(), agreement=agreement
    )


# --- IATI ---------------------------------------------------------------------------


def iati_export(request):
    """Download IATI 2.03 activity XML for one project or one recipient country."""
    from ecobridge.cooperation import iati

    projects = Project.objects.all()
    name = "activities"
    if request.GET.get("project"):
        projects = projects.filter(pk=request.GET["project"])
        name = f"project-{request.GET['project']}"
    if request.GET.get("country"):
        projects = projects.filter(recipient_countries__code=request.GET["country"].upper())
        name = f"country-{request.GET['country'].upper()}"
    result = iati.export_projects(projects.distinct())
    if not result.exported:
        # An empty file would not be valid IATI: say what is missing instead.
        return render(
            request,
            "cooperation/iati_export_empty.html",
            {"skipped": sorted(result.skipped.items())},
            status=422,
        )
    response = HttpResponse(result.xml, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="iati-{name}.xml"'
    return response


@login_required
def iati_import(request):
    from ecobridge.core.jobs import enqueue

    _require_editor(request)
    form = forms.IatiUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = enqueue(
            "cooperation.iati_import",
            _("IATI import (check): %(name)s") % {"name": form.cleaned_data["file"].name},
            user=request.user,
            params={"dry_run": True},
            input_file=form.cleaned_data["file"],
        )
        return redirect("cooperation:iati-import-review", pk=job.pk)
    return render(request, "cooperation/iati_import.html", {"form": form})


@login_required
def iati_import_review(request, pk):
    """The triage report of a checked file; confirm the activities to write."""
    from ecobridge.core.jobs import enqueue
    from ecobridge.core.models import Job

    _require_editor(request)
    job = get_object_or_404(Job, pk=pk, kind="cooperation.iati_import")
    report = job.result or {}
    if request.method == "POST":
        chosen = request.POST.getlist("activity")
        importable = {a["identifier"] for a in report.get("activities", []) if a["importable"]}
        chosen = [c for c in chosen if c in importable]
        if not chosen:
            messages.error(request, _("Choose at least one activity that can be imported."))
            return redirect("cooperation:iati-import-review", pk=job.pk)
        write = enqueue(
            "cooperation.iati_import",
            _("IATI import: %(n)s activities") % {"n": len(chosen)},
            user=request.user,
            params={"dry_run": False, "only": chosen, "checked_job": job.pk},
        )
        return redirect("cooperation:iati-import-review", pk=write.pk)
    return render(request, "cooperation/iati_import_review.html", {"job": job, "report": report})
