from django import forms
from django.utils.translation import gettext_lazy as _

from ecobridge.directory.importing import SPECS


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"), choices=[(k, k.title()) for k in SPECS]
    )
    file = forms.FileField(label=_("CSV or XLSX file"))
    dry_run = forms.BooleanField(
        label=_("Dry run: check the file and show what would change, write nothing"),
        required=False,
        initial=True,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


class UserForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    staff_role = forms.ChoiceField(label=_("Staff role"), choices=[], required=False)
    language = forms.ChoiceField(label=_("Interface language"), choices=[])
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    password = forms.CharField(
        label=_("Initial password"),
        required=False,
        widget=forms.PasswordInput,
        help_text=_("Only when creating an account; leave empty to send no usable password."),
    )

    def __init__(self, *args, **kwargs):
        from django.conf import settings

        from ecobridge.core.models import StaffRole

        super().__init__(*args, **kwargs)
        self.fields["staff_role"].choices = StaffRole.choices
        self.fields["language"].choices = settings.LANGUAGES


class MembershipForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    role = forms.ChoiceField(label=_("Role"), choices=[])

    def __init__(self, *args, **kwargs):
        from ecobridge.core.models import MembershipRole
        from ecobridge.directory.models import Organisation

        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.all()
        self.fields["role"].choices = MembershipRole.choices
