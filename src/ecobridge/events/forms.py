"""Web forms of the events app. They only collect input; services.py decides."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ecobridge.core.i18n import I18nFormField
from ecobridge.directory.models import LANGUAGE_CHOICES, Organisation
from ecobridge.events.models import (
    EventKind,
    LinkKind,
    Outcome,
    Priority,
    RequestMode,
    Role,
    SessionKind,
)

DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(forms.Form):
    title = I18nFormField()
    slug = forms.SlugField(label=_("Short name (in addresses)"), max_length=80)
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    start_date = forms.DateField(label=_("First day"), widget=DATE)
    end_date = forms.DateField(label=_("Last day"), widget=DATE)
    timezone = forms.CharField(label=_("Time zone"), initial="Asia/Almaty")
    venue = forms.CharField(label=_("Venue"), required=False)
    city = forms.CharField(label=_("City"), required=False)
    request_mode = forms.ChoiceField(label=_("Meeting requests"), choices=RequestMode.choices)
    default_meeting_cap = forms.IntegerField(label=_("Default meeting cap"), initial=8, min_value=0)
    is_public = forms.BooleanField(label=_("Public agenda"), required=False, initial=True)
    agreement = forms.ModelChoiceField(label=_("Linked agreement"), queryset=None, required=False)
    project = forms.ModelChoiceField(label=_("Linked project"), queryset=None, required=False)
    agreement_reference = forms.CharField(
        label=_("Linked agreement (reference)"), required=False, max_length=300
    )
    project_reference = forms.CharField(
        label=_("Linked project (reference)"), required=False, max_length=300
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from ecobridge.cooperation.models import Agreement, Project

        self.fields["agreement"].queryset = Agreement.objects.all()
        self.fields["project"].queryset = Project.objects.all()


class CloneForm(forms.Form):
    slug = forms.SlugField(label=_("Short name of the new event"), max_length=80)
    start_date = forms.DateField(label=_("First day of the new event"), widget=DATE)


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices)
    title = I18nFormField()
    start = forms.DateTimeField(label=_("Start (event time)"), widget=DATETIME)
    end = forms.DateTimeField(label=_("End (event time)"), widget=DATETIME)
    room = forms.CharField(label=_("Room"), required=False)
    host_organisation = forms.ModelChoiceField(
        label=_("Host organisation (institutional meetings)"),
        queryset=Organisation.objects.all(),
        required=False,
    )
    slot_minutes = forms.IntegerField(
        label=_("Slot length in minutes (B2B sessions)"), required=False, min_value=5
    )
    attendees = forms.ModelMultipleChoiceField(
        label=_("Delegation attending (institutional meetings)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = event.registrations.filter(status="approved")


def language_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Languages spoken"), choices=LANGUAGE_CHOICES, widget=forms.CheckboxSelectMultiple
    )


class RegistrationForm(forms.Form):
    """An organiser registers someone (optionally an existing user by login name)."""

    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    username = forms.CharField(
        label=_("User (login name), if they have an account"), required=False
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all(), required=False
    )
    language = forms.ChoiceField(label=_("Language for messages"), choices=settings.LANGUAGES)
    languages = language_field()
    meeting_cap = forms.IntegerField(label=_("Meeting cap"), required=False, min_value=0)
    b2b_sessions = forms.ModelMultipleChoiceField(
        label=_("Available in B2B sessions"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["b2b_sessions"].queryset = event.sessions.filter(kind=SessionKind.B2B)

    def clean_username(self):
        name = self.cleaned_data["username"].strip()
        if not name:
            return None
        user = get_user_model().objects.filter(username=name).first()
        if user is None:
            raise forms.ValidationError(_("No user with this login name."))
        return user


# Which fields each role's registration form asks for.
ROLE_FIELDS = {
    Role.VISITING_COMPANY: (
        "organisation",
        "languages",
        "b2b_sessions",
        "meeting_cap",
        "offer",
        "looking_for",
    ),
    Role.HOST_ORGANISATION: (
        "organisation",
        "languages",
        "b2b_sessions",
        "meeting_cap",
        "offer",
        "looking_for",
    ),
    Role.SPEAKER: ("organisation", "languages"),
    Role.INTERPRETER: ("languages", "b2b_sessions"),
    Role.STAFF: ("organisation", "languages"),
}


class SelfRegistrationForm(forms.Form):
    """Registration for one role: only the questions that matter for it."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    languages = language_field()
    b2b_sessions = forms.ModelMultipleChoiceField(
        label=_("Available in B2B sessions"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    meeting_cap = forms.IntegerField(label=_("Most meetings I want"), required=False, min_value=0)
    offer = forms.CharField(
        label=_("What we offer (leave empty to use our directory profile)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    looking_for = forms.CharField(
        label=_("What we are looking for (leave empty to use our directory profile)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, user=None, event=None, role=Role.VISITING_COMPANY, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            memberships__user=user
        ).distinct()
        self.fields["b2b_sessions"].queryset = event.sessions.filter(kind=SessionKind.B2B)
        keep = ROLE_FIELDS[role]
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]


class InviteForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=settings.LANGUAGES)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all(), required=False
    )


class ProfileForm(forms.Form):
    offer = forms.CharField(
        label=_("What we offer"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    looking_for = forms.CharField(
        label=_("What we are looking for"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    languages = language_field()
    meeting_cap = forms.IntegerField(label=_("Most meetings I want"), required=False, min_value=0)
    b2b_sessions = forms.ModelMultipleChoiceField(
        label=_("Available in B2B sessions"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["b2b_sessions"].queryset = event.sessions.filter(kind=SessionKind.B2B)


class RequestForm(forms.Form):
    b = forms.ModelChoiceField(label=_("Whom to meet"), queryset=None)
    priority = forms.TypedChoiceField(
        label=_("Priority"), choices=Priority.choices, coerce=int, initial=Priority.NORMAL
    )
    message = forms.CharField(
        label=_("Message"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["b"].queryset = candidates


class TableForm(forms.Form):
    name = forms.CharField(label=_("Table name"), max_length=50)
    room = forms.CharField(label=_("Room"), required=False)


class SolveForm(forms.Form):
    time_limit = forms.IntegerField(
        label=_("Time limit (seconds)"), initial=10, min_value=1, max_value=600
    )
    minimum_change = forms.BooleanField(
        label=_("Keep current meetings where possible (re-solve with minimum change)"),
        required=False,
    )


class MoveForm(forms.Form):
    slot = forms.ModelChoiceField(label=_("Slot"), queryset=None)
    table = forms.ModelChoiceField(label=_("Table"), queryset=None)

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        from ecobridge.events.models import Slot

        self.fields["slot"].queryset = Slot.objects.filter(session__event=event).select_related(
            "session__event"
        )
        self.fields["table"].queryset = event.tables.all()


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices, required=False)
    expected_value = forms.DecimalField(
        label=_("Expected value (USD)"), required=False, min_value=0
    )


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Private note"), widget=forms.Textarea(attrs={"rows": 3}))


class FollowUpForm(forms.Form):
    title = forms.CharField(label=_("What is to be done"), max_length=300)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE)
    link_kind = forms.ChoiceField(
        label=_("Linked to"), choices=[("", "—"), *LinkKind.choices], required=False
    )
    reference = forms.CharField(label=_("Agreement or project (reference)"), required=False)


class CheckInForm(forms.Form):
    code = forms.CharField(label=_("QR code or participant code"), max_length=300)


class WalkInForm(forms.Form):
    a = forms.ModelChoiceField(label=_("Participant"), queryset=None)
    b = forms.ModelChoiceField(label=_("Meets"), queryset=None)

    def __init__(self, *args, participants=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["a"].queryset = participants
        self.fields["b"].queryset = participants


SELF_ROLES = [(r, label) for r, label in Role.choices if r != Role.STAFF]
