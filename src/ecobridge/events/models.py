"""Events: delegations, seminars, forums and their B2B meeting sessions.

An event has sessions (talks, panels, institutional meetings with a delegation, B2B
sessions), registrations (one per person and role), meeting requests between
registrations, and the meetings the schedule places in slots × tables, with an
interpreter when the two parties share no language.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ecobridge.core.i18n import I18nField, localize


class EventKind(models.TextChoices):
    DELEGATION = "delegation", _("Delegation")
    SEMINAR = "seminar", _("Seminar")
    FORUM = "forum", _("Forum")
    BUSINESS_CONFERENCE = "business_conference", _("Business conference")
    MINISTERIAL_MEETING = "ministerial_meeting", _("Ministerial meeting")
    TRAINING = "training", _("Training")
    ONLINE_BUSINESS_MEETING = "online_business_meeting", _("Online business meeting")


class RequestMode(models.TextChoices):
    PARTICIPANTS = "participants", _("Recipient accepts or declines")
    AUTO_ACCEPT = "auto_accept", _("Requests are accepted automatically")
    ORGANISER_APPROVAL = "organiser_approval", _("Accepted requests need organiser approval")
    BROKERED = "brokered", _("Organisers broker the meetings")


class Event(models.Model):
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    title = I18nField(_("title"))
    kind = models.CharField(_("kind"), max_length=32, choices=EventKind.choices)
    description = I18nField(_("description"), multiline=True, blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    timezone = models.CharField(_("time zone"), max_length=64, default="UTC")
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.ForeignKey(
        "directory.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organisers"),
        blank=True,
        related_name="organised_events",
    )
    organising_organisations = models.ManyToManyField(
        "directory.Organisation",
        verbose_name=_("organising organisations"),
        blank=True,
        related_name="organised_events",
    )
    request_mode = models.CharField(
        _("meeting requests"),
        max_length=32,
        choices=RequestMode.choices,
        default=RequestMode.PARTICIPANTS,
    )
    default_meeting_cap = models.PositiveSmallIntegerField(_("default meeting cap"), default=8)
    is_public = models.BooleanField(_("public agenda"), default=True)
    cloned_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="clones"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "id"]

    def __str__(self) -> str:
        return localize(self.title).text or self.slug

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.slug])


class LinkKind(models.TextChoices):
    AGREEMENT = "agreement", _("Agreement")
    PROJECT = "project", _("Project")
    OTHER = "other", _("Other")


class EventLink(models.Model):
    """A link from an event to an agreement or project of the cooperation registry, to any
    other record (generic relation), or a plain reference such as an MOU's title."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("kind"), max_length=16, choices=LinkKind.choices)
    agreement = models.ForeignKey(
        "cooperation.Agreement",
        verbose_name=_("agreement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_links",
    )
    project = models.ForeignKey(
        "cooperation.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_links",
    )
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    reference = models.CharField(_("reference"), max_length=300, blank=True)

    def __str__(self) -> str:
        return self.reference or str(self.linked or "")

    @property
    def linked(self):
        return self.agreement or self.project or self.target


class SessionKind(models.TextChoices):
    TALK = "talk", _("Talk")
    PANEL = "panel", _("Panel")
    SEMINAR = "seminar", _("Seminar")
    INSTITUTIONAL = "institutional", _("Institutional meeting")
    B2B = "b2b", _("B2B meetings")
    SITE_VISIT = "site_visit", _("Site visit")
    OTHER = "other", _("Other")


class Session(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=16, choices=SessionKind.choices)
    title = I18nField(_("title"))
    description = I18nField(_("description"), multiline=True, blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    room = models.CharField(_("room"), max_length=100, blank=True)
    # Institutional meetings: the host institution meets the delegation as a group (1:n).
    host_organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("host organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_sessions",
    )
    attendees = models.ManyToManyField(
        "Registration", verbose_name=_("delegation"), blank=True, related_name="group_sessions"
    )
    speakers = models.ManyToManyField(
        "Registration", verbose_name=_("speakers"), blank=True, related_name="talks"
    )
    is_public = models.BooleanField(_("on the public agenda"), default=True)

    class Meta:
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return localize(self.title).text or self.get_kind_display()


class Role(models.TextChoices):
    VISITING_COMPANY = "visiting_company", _("Visiting company")
    HOST_ORGANISATION = "host_organisation", _("Host organisation")
    SPEAKER = "speaker", _("Speaker")
    INTERPRETER = "interpreter", _("Interpreter")
    STAFF = "staff", _("Staff")


# Roles that take part in one-on-one meetings as a party.
MEETING_ROLES = (Role.VISITING_COMPANY, Role.HOST_ORGANISATION)


class RegistrationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


def _token() -> str:
    return uuid.uuid4().hex


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
        db_index=True,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    person = models.ForeignKey(
        "directory.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(
        _("language for messages"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    meeting_cap = models.PositiveSmallIntegerField(_("meeting cap"), null=True, blank=True)
    b2b_sessions = models.ManyToManyField(
        Session,
        verbose_name=_("available in B2B sessions"),
        blank=True,
        related_name="available_registrations",
    )
    offer = models.TextField(_("offer"), blank=True)
    looking_for = models.TextField(_("looking for"), blank=True)
    sectors = models.ManyToManyField("directory.Sector", verbose_name=_("sectors"), blank=True)
    token = models.CharField(max_length=32, unique=True, default=_token, editable=False)
    invited_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(_("arrived"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "role", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user", "role"],
                condition=models.Q(user__isnull=False),
                name="unique_event_user_role",
            )
        ]

    def __str__(self) -> str:
        org = str(self.organisation) if self.organisation_id else ""
        return f"{self.name} ({org})" if org and org != self.name else self.name

    @property
    def b2b_id(self) -> str:
        return f"P{self.pk}"

    @property
    def is_approved(self) -> bool:
        return self.status == RegistrationStatus.APPROVED


class Slot(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="slots")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    class Meta:
        ordering = ["start", "id"]

    def __str__(self) -> str:
        # In the event's time zone: that is the time on every agenda and sign.
        import zoneinfo

        zone = zoneinfo.ZoneInfo(self.session.event.timezone)
        return f"{self.start.astimezone(zone):%Y-%m-%d %H:%M}"

    @property
    def b2b_id(self) -> str:
        return f"S{self.pk}"


class Table(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tables")
    name = models.CharField(_("name"), max_length=50)
    room = models.CharField(_("room"), max_length=100, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="unique_event_table_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def b2b_id(self) -> str:
        return f"T{self.pk}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    NO_THANKS = "no_thanks", _("No thanks")
    CANCELLED = "cancelled", _("Withdrawn")


class Priority(models.IntegerChoices):
    LOW = 1, _("Low")
    NORMAL = 2, _("Normal")
    HIGH = 3, _("High")


class RequestOrigin(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    ORGANISER = "organiser", _("Organiser")
    WALK_IN = "walk_in", _("Walk-in")


class MeetingRequest(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="requests")
    a = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="requests_made")
    b = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="requests_received")
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    approved = models.BooleanField(_("approved by organisers"), default=True)
    mutual = models.BooleanField(_("both asked"), default=False)
    origin = models.CharField(
        max_length=16, choices=RequestOrigin.choices, default=RequestOrigin.PARTICIPANT
    )
    message = models.TextField(_("message"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Why the last solve could not place it: the engine's reason code (shown translated)
    # and its explanation in detail.
    unplaced_code = models.CharField(max_length=32, blank=True)
    unplaced_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["a", "b"], name="unique_meeting_request_pair")
        ]

    def __str__(self) -> str:
        return f"{self.a.name} → {self.b.name}"

    @property
    def b2b_id(self) -> str:
        return f"R{self.pk}"

    @property
    def is_schedulable(self) -> bool:
        return self.status == RequestStatus.ACCEPTED and self.approved

    @property
    def unplaced_headline(self) -> str:
        return str(unplaced_headline(self.unplaced_code)) if self.unplaced_reason else ""


# The engine's reason codes (ecobridge.scheduling.explain) as sentences people read in
# their own language; the engine's detailed text stays in English for organisers.
UNPLACED_HEADLINES = {
    "no-common-slot": _("The two participants have no B2B slot in common."),
    "no-interpreter": _("They share no language and no interpreter is available for them."),
    "cap-reached": _("One of them has reached their maximum number of meetings."),
    "slots-taken": _("Every slot both are free in is taken by other meetings."),
    "interpreters-busy": _("The interpreters are busy in every slot that would suit."),
    "tables-full": _("Every table is taken in the slots that would suit."),
    "precedence": _("The meeting must follow another one that could not be placed first."),
    "insertable": _("It could be added to the schedule: solve again."),
    "possible": _("It can be held in principle but did not fit this schedule."),
    "withdrawn": _("The request was withdrawn or declined."),
}


def unplaced_headline(code: str):
    return UNPLACED_HEADLINES.get(code) or _("It did not fit into the schedule.")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class Outcome(models.TextChoices):
    NONE = "", _("Not recorded")
    DID_NOT_TAKE_PLACE = "did_not_take_place", _("Did not take place")
    NO_INTEREST = "no_interest", _("No interest")
    FOLLOW_UP = "follow_up", _("Follow-up agreed")
    NDA = "nda", _("NDA")
    MOU_PLANNED = "mou_planned", _("MOU planned")
    CONTRACT_NEGOTIATION = "contract_negotiation", _("Contract negotiation")


class Meeting(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings")
    request = models.ForeignKey(MeetingRequest, on_delete=models.PROTECT, related_name="meetings")
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="meetings")
    table = models.ForeignKey(Table, on_delete=models.PROTECT, related_name="meetings")
    interpreter = models.ForeignKey(
        Registration,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interpreted_meetings",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    locked = models.BooleanField(_("locked"), default=False)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=32, choices=Outcome.choices, blank=True, default=""
    )
    expected_value = models.DecimalField(
        _("expected value (USD)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slot__start", "table_id", "id"]
        constraints = [
            # The last line of defence against double booking a table.
            models.UniqueConstraint(
                fields=["slot", "table"],
                condition=models.Q(status="scheduled"),
                name="unique_scheduled_meeting_per_table_slot",
            ),
            models.UniqueConstraint(
                fields=["request"],
                condition=models.Q(status="scheduled"),
                name="unique_scheduled_meeting_per_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} @ {self.slot} {self.table}"

    def get_absolute_url(self) -> str:
        return reverse("events:meeting", args=[self.event.slug, self.pk])

    @property
    def parties(self) -> tuple[Registration, Registration]:
        return self.request.a, self.request.b


class MeetingNote(models.Model):
    """A private note on a meeting: seen only by the meeting's two parties and organisers."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"note {self.pk} on {self.meeting_id}"


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class FollowUp(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="follow_ups")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="follow_ups"
    )
    title = models.CharField(_("what"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_follow_ups",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    link_kind = models.CharField(
        _("linked to"), max_length=16, choices=LinkKind.choices, blank=True
    )
    agreement = models.ForeignKey(
        "cooperation.Agreement",
        verbose_name=_("agreement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_follow_ups",
    )
    project = models.ForeignKey(
        "cooperation.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_follow_ups",
    )
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    reference = models.CharField(_("reference"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def linked(self):
        return self.agreement or self.project or self.target


class SolveRun(models.Model):
    """One run of the scheduling engine for an event, with what it changed."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="solve_runs")
    job = models.ForeignKey(
        "core.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    minimum_change = models.BooleanField(default=False)
    status = models.CharField(max_length=16, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"solve {self.pk} of {self.event_id}"
