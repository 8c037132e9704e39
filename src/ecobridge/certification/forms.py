"""Forms of the certification pages; they only collect input for the domain functions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ecobridge.certification.models import STAGE_ORDER, DocumentKind, Scheme, Stage
from ecobridge.certification.rules import company_org_ids, is_admin
from ecobridge.certification.workflow import REQUIRED_STAGES
from ecobridge.core.i18n import I18nFormField
from ecobridge.directory.models import Technology


class ApplicationForm(forms.Form):
    technology = forms.ModelChoiceField(Technology.objects.none(), label=_("Technology"))
    schemes = forms.ModelMultipleChoiceField(
        Scheme.objects.filter(is_active=True).select_related("institution"),
        label=_("Schemes"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("One application goes to every scheme you tick."),
    )
    claim = I18nFormField(label=_("Performance claim"), multiline=True)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        technologies = Technology.objects.select_related("owner")
        if not is_admin(user):
            technologies = technologies.filter(owner_id__in=company_org_ids(user))
        self.fields["technology"].queryset = technologies
        self.fields["schemes"].label_from_instance = lambda s: f"{s} — {s.institution}"


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document kind"), choices=DocumentKind.choices)
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, DOCX, XLSX, PNG or JPEG; one upload serves all schemes.")
    )


class SupplementForm(forms.Form):
    message = forms.CharField(label=_("What is missing"), widget=forms.Textarea(attrs={"rows": 3}))
    due_date = forms.DateField(
        label=_("Answer due"), widget=forms.DateInput(attrs={"type": "date"})
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CertificateForm(forms.Form):
    claim_verified = I18nFormField(label=_("Claim verified"), multiline=True)
    publish = forms.BooleanField(
        label=_("Publish on the technology's public profile now"), required=False, initial=True
    )


class SchemeForm(forms.ModelForm):
    class Meta:
        model = Scheme
        fields = [
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


class StageRowForm(forms.Form):
    """One row per standard stage: used or not, its own limit, its required documents."""

    used = forms.BooleanField(label=_("Used"), required=False)
    time_limit_days = forms.IntegerField(label=_("Days"), required=False, min_value=1)
    required_documents = forms.MultipleChoiceField(
        label=_("Required documents"),
        choices=DocumentKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def stage_forms(data=None, scheme: Scheme | None = None) -> list[tuple[str, StageRowForm]]:
    existing = {s.stage: s for s in scheme.stages.all()} if scheme else {}
    rows = []
    for stage in STAGE_ORDER:
        row = existing.get(stage)
        initial = {
            "used": row is not None or (scheme is None and stage in REQUIRED_STAGES),
            "time_limit_days": row.time_limit_days if row else None,
            "required_documents": row.required_documents if row else [],
        }
        rows.append((stage, StageRowForm(data, prefix=f"stage-{stage}", initial=initial)))
    return rows


def stages_from(rows: list[tuple[str, StageRowForm]]) -> list[dict]:
    return [
        {
            "stage": stage,
            "time_limit_days": form.cleaned_data["time_limit_days"],
            "required_documents": form.cleaned_data["required_documents"],
        }
        for stage, form in rows
        if form.cleaned_data.get("used")
    ]


STAGE_LABELS = dict(Stage.choices)
