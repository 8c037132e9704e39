from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ecobridge.core.permissions import creatable_organisations
from ecobridge.directory.models import (
    LANGUAGE_CHOICES,
    Country,
    Need,
    Organisation,
    Person,
    Sector,
    Technology,
)


def _water_sectors():
    return Sector.objects.exclude(group="").order_by("code")


class DirectoryForm(forms.ModelForm):
    """Model form that limits owner choices to what the user may write for."""

    owner_field: str | None = None

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "sectors" in self.fields:
            self.fields["sectors"].queryset = _water_sectors()
            self.fields["sectors"].widget = forms.CheckboxSelectMultiple(
                choices=self.fields["sectors"].choices
            )
            self.fields["sectors"].widget.choices = self.fields["sectors"].choices
        if self.owner_field and user is not None:
            self.fields[self.owner_field].queryset = creatable_organisations(user, self._meta.model)
        if "country" in self.fields:
            self.fields["country"].queryset = Country.objects.order_by("code")


class OrganisationForm(DirectoryForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "short_name",
            "kind",
            "country",
            "parent",
            "sectors",
            "website",
            "email",
            "description",
        ]


class PersonForm(DirectoryForm):
    owner_field = "organisation"
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Person
        fields = [
            "organisation",
            "name_native",
            "name_latin",
            "position",
            "languages",
            "email",
            "phone",
            "consent_to_contact",
        ]


class TechnologyForm(DirectoryForm):
    owner_field = "owner"

    class Meta:
        model = Technology
        fields = [
            "owner",
            "title",
            "description",
            "original_language",
            "sectors",
            "trl",
            "performance_claims",
            "reference_installations",
            "certifications",
            "is_published",
        ]


class NeedForm(DirectoryForm):
    owner_field = "organisation"

    class Meta:
        model = Need
        fields = [
            "organisation",
            "country",
            "title",
            "description",
            "original_language",
            "sectors",
            "deadline",
            "status",
        ]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"})}
