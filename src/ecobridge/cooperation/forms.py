"""Forms for the cooperation pages. They only collect input; services.py decides."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ecobridge.cooperation.models import (
    ActionItem,
    Agreement,
    AgreementStatus,
    Budget,
    ContactPoint,
    DatePrecision,
    Mechanism,
    MechanismMeeting,
    Project,
    ProjectLocation,
    ProjectParticipant,
    ProjectStage,
    Result,
    SourcedFact,
    Training,
    Transaction,
)
from ecobridge.core.models import User


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _dates(model) -> dict:
    return {
        f.name: DateInput()
        for f in model._meta.concrete_fields
        if f.get_internal_type() == "DateField"
    }


def _fields(model, skip: tuple[str, ...] = ()) -> list[str]:
    """Every editable field but bookkeeping ones, in model order."""
    fields = [*model._meta.concrete_fields, *model._meta.many_to_many]
    return [
        f.name
        for f in fields
        if f.editable and not f.auto_created and f.name not in {"id", "is_sample", *skip}
    ]


def _staff_users():
    return User.objects.filter(is_active=True).exclude(staff_role="").order_by("username")


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "key",
            "kind",
            "title",
            "summary",
            "party_countries",
            "party_organisations",
            "sectors",
            "areas",
            "place",
            "date_note",
            "expires_on",
            "expires_on_precision",
            "parent",
            "owner",
            "source",
        ]
        widgets = _dates(Agreement)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _staff_users()


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=AgreementStatus.choices)
    on = forms.DateField(label=_("Date"), required=False, widget=DateInput())
    precision = forms.ChoiceField(
        label=_("Date precision"), choices=DatePrecision.choices, initial=DatePrecision.DAY
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)
    successor = forms.ModelChoiceField(
        label=_("Renewed by"), queryset=Agreement.objects.all(), required=False
    )


class ActionItemForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["title", "owner", "owner_label", "due_on"]
        widgets = _dates(ActionItem)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _staff_users()


class CloseActionForm(forms.Form):
    on = forms.DateField(label=_("Closed on"), widget=DateInput())
    meeting = forms.ModelChoiceField(
        label=_("At meeting"), queryset=MechanismMeeting.objects.all(), required=False
    )
    cancelled = forms.BooleanField(label=_("Cancelled rather than done"), required=False)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(label=_("File (PDF or DOCX)"))


class ContactPointForm(forms.ModelForm):
    class Meta:
        model = ContactPoint
        fields = ["side", "organisation", "person", "name", "area"]


class LinkProjectForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.all())


class MechanismForm(forms.ModelForm):
    class Meta:
        model = Mechanism
        fields = _fields(Mechanism)


class MeetingForm(forms.ModelForm):
    class Meta:
        model = MechanismMeeting
        fields = _fields(MechanismMeeting)
        widgets = _dates(MechanismMeeting)


def _region_choices() -> list[tuple[str, str]]:
    from ecobridge.cooperation.iati import codelist

    return [(code, f"{code} {name}") for code, name in codelist("Region").items()]


class ProjectForm(forms.ModelForm):
    recipient_regions = forms.MultipleChoiceField(
        label=_("Recipient regions (IATI/OECD DAC)"), choices=_region_choices, required=False
    )

    class Meta:
        model = Project
        fields = _fields(Project)
        widgets = _dates(Project)


class TrainingForm(forms.ModelForm):
    class Meta:
        model = Training
        fields = _fields(Training)
        widgets = _dates(Training)


class SourcedFactForm(forms.ModelForm):
    class Meta:
        model = SourcedFact
        fields = _fields(SourcedFact)
        widgets = _dates(SourcedFact)


class IatiUploadForm(forms.Form):
    file = forms.FileField(label=_("IATI activity file (XML)"))


def child_form(model, parent_field: str):
    """A form for a record that belongs to a project, result, meeting or training."""
    return forms.modelform_factory(
        model,
        fields=[name for name in _fields(model) if name != parent_field],
        widgets=_dates(model),
    )


# kind slug → (model, parent field, label): what can be added on a detail page.
PROJECT_CHILDREN = {
    "participant": (ProjectParticipant, "project", _("Participating organisation")),
    "stage": (ProjectStage, "project", _("Stage or phase")),
    "budget": (Budget, "project", _("Budget")),
    "transaction": (Transaction, "project", _("Transaction")),
    "result": (Result, "project", _("Result")),
    "location": (ProjectLocation, "project", _("Location")),
}
