"""The cooperation registry: agreements, mechanisms and their meetings, projects,
trainings and conferences, and the figures quoted about them.

Dates often come with partial precision ("in March 2021", "since 2002"). Every date is
stored with a precision field (day / month / year); the stored date is the first day of
the known period and is never shown beyond its precision, so no day is ever invented.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ecobridge.core.i18n import I18nField, localize
from ecobridge.directory.models import Country, Organisation, Person, Sector


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("year and month")
    YEAR = "year", _("year")


def truncate(value: datetime.date | None, precision: str) -> datetime.date | None:
    """The canonical stored value: the first day of the period the precision names."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


def format_partial(value: datetime.date | None, precision: str) -> str:
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year}"
    if precision == DatePrecision.MONTH:
        return f"{value.year}-{value.month:02d}"
    return value.isoformat()


def precision_field(verbose: str) -> models.CharField:
    return models.CharField(
        verbose, max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )


class PartialDates(models.Model):
    """Keeps every ``<x>`` date consistent with its ``<x>_precision`` on save."""

    DATE_FIELDS: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def normalise_dates(self) -> None:
        for name in self.DATE_FIELDS:
            setattr(self, name, truncate(getattr(self, name), getattr(self, f"{name}_precision")))

    def save(self, *args, **kwargs):
        self.normalise_dates()
        super().save(*args, **kwargs)


class Record(PartialDates):
    """Common bookkeeping: sample flag, where the fact comes from, timestamps."""

    is_sample = models.BooleanField(
        _("sample record"),
        default=False,
        help_text=_("Invented for demonstration; not a real record."),
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where this comes from: a document, a URL or a seed file."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


# --- Agreements ---------------------------------------------------------------------


class AgreementKind(models.TextChoices):
    MOU = "mou", _("Memorandum of understanding")
    AGREEMENT = "agreement", _("Agreement")
    IMPLEMENTATION_AGREEMENT = "implementation_agreement", _("Implementation agreement")
    JOINT_COMMUNIQUE = "joint_communique", _("Joint communiqué")
    DECLARATION = "declaration", _("Declaration")
    MINISTERIAL_DECISION = "ministerial_decision", _("Ministerial decision")
    WORK_PROGRAMME = "work_programme", _("Work programme")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")
    RENEWED = "renewed", _("Renewed")
    TERMINATED = "terminated", _("Terminated")


# The lifecycle: which status may follow which. Every change goes through
# services.transition_agreement, which checks this table.
TRANSITIONS: dict[str, frozenset[str]] = {
    AgreementStatus.DRAFT: frozenset({AgreementStatus.SIGNED}),
    AgreementStatus.SIGNED: frozenset(
        {
            AgreementStatus.IN_FORCE,
            AgreementStatus.EXPIRED,
            AgreementStatus.RENEWED,
            AgreementStatus.TERMINATED,
        }
    ),
    AgreementStatus.IN_FORCE: frozenset(
        {AgreementStatus.EXPIRED, AgreementStatus.RENEWED, AgreementStatus.TERMINATED}
    ),
    AgreementStatus.EXPIRED: frozenset({AgreementStatus.RENEWED}),
    AgreementStatus.RENEWED: frozenset(),
    AgreementStatus.TERMINATED: frozenset(),
}


class Agreement(Record):
    DATE_FIELDS = ("signed_on", "in_force_on", "expires_on", "ended_on")

    key = models.SlugField(
        _("reference"),
        max_length=100,
        unique=True,
        help_text=_("A short stable reference, e.g. kr-kz-water-mou-2021."),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=AgreementKind.choices)
    title = I18nField(_("title"))
    summary = I18nField(_("summary"), multiline=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=AgreementStatus.choices,
        default=AgreementStatus.DRAFT,
        editable=False,
    )
    party_countries = models.ManyToManyField(
        Country, verbose_name=_("parties (countries)"), blank=True, related_name="agreements"
    )
    party_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("parties (organisations)"),
        blank=True,
        related_name="agreements",
    )
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("cooperation areas (sectors)"), blank=True
    )
    areas = I18nField(
        _("cooperation areas (text)"),
        multiline=True,
        blank=True,
        help_text=_("Areas agreed in the text, e.g. the priority areas of a work programme."),
    )
    signed_on = models.DateField(_("signed"), null=True, blank=True)
    signed_on_precision = precision_field(_("precision of the signing date"))
    in_force_on = models.DateField(_("in force from"), null=True, blank=True)
    in_force_on_precision = precision_field(_("precision of the entry into force"))
    expires_on = models.DateField(_("expires"), null=True, blank=True)
    expires_on_precision = precision_field(_("precision of the expiry date"))
    ended_on = models.DateField(_("ended"), null=True, blank=True, editable=False)
    ended_on_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY, editable=False
    )
    place = models.CharField(_("place of signature"), max_length=200, blank=True)
    date_note = models.CharField(
        _("about the date"),
        max_length=300,
        blank=True,
        help_text=_("What the source says when it leaves a date partial or implicit."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("framework agreement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="implementing",
        help_text=_(
            "For an implementation agreement or work programme: the agreement it implements."
        ),
    )
    renews = models.ForeignKey(
        "self",
        verbose_name=_("renews"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="renewals",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cooperation_agreements",
        help_text=_("Receives expiry and overdue-action reminders."),
    )
    expiry_reminder_sent_for = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-signed_on", "id"]

    def __str__(self) -> str:
        return localize(self.title).text or self.key

    def get_absolute_url(self) -> str:
        return reverse("cooperation:agreement-detail", args=[self.pk])

    @property
    def is_multilateral(self) -> bool:
        return self.party_countries.count() > 2

    def allowed_transitions(self) -> list[str]:
        return sorted(TRANSITIONS[self.status])

    def clean(self) -> None:
        self.normalise_dates()
        if self.signed_on and self.expires_on and self.expires_on < self.signed_on:
            raise ValidationError({"expires_on": _("The expiry date is before the signing date.")})
        if self.signed_on and self.in_force_on and self.in_force_on < self.signed_on:
            raise ValidationError(
                {"in_force_on": _("Entry into force is before the signing date.")}
            )


class AgreementStatusChange(models.Model):
    """One dated step of the lifecycle (draft → signed → in force → …)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=16, choices=AgreementStatus.choices)
    to_status = models.CharField(max_length=16, choices=AgreementStatus.choices)
    on = models.DateField(_("date"), null=True, blank=True)
    on_precision = precision_field(_("precision"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_label = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.agreement}: {self.from_status} → {self.to_status}"


def document_path(instance, filename: str) -> str:
    return f"cooperation/agreements/{instance.agreement_id}/{filename}"


class AgreementDocument(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_path)
    file_format = models.CharField(max_length=8, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class ContactPoint(models.Model):
    """A named contact on one side of an agreement, optionally for one area."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="contact_points"
    )
    side = models.ForeignKey(
        Country, verbose_name=_("side"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.SET_NULL
    )
    name = models.CharField(
        _("name or office"), max_length=200, blank=True, help_text=_("When no person is on file.")
    )
    area = I18nField(_("area"), blank=True)

    class Meta:
        ordering = ["side__code", "id"]

    def __str__(self) -> str:
        return str(self.person) if self.person else self.name

    def clean(self) -> None:
        if not self.person_id and not self.name:
            raise ValidationError({"name": _("Give a person or a name or office.")})


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# --- Mechanisms and their meetings --------------------------------------------------


class MechanismKind(models.TextChoices):
    MINISTERS_MEETING = "ministers_meeting", _("Ministers' meeting series")
    PROGRAMME = "programme", _("Regional programme")
    JOINT_COMMISSION = "joint_commission", _("Joint commission")
    DIALOGUE = "dialogue", _("Policy dialogue")
    FORUM = "forum", _("Forum series")


class Mechanism(Record):
    key = models.SlugField(_("reference"), max_length=100, unique=True)
    name = I18nField(_("name"))
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=MechanismKind.choices)
    description = I18nField(_("description"), multiline=True, blank=True)
    member_countries = models.ManyToManyField(
        Country, verbose_name=_("member countries"), blank=True, related_name="mechanisms"
    )
    member_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("member organisations"), blank=True, related_name="mechanisms"
    )
    start_year = models.PositiveSmallIntegerField(_("since (year)"), null=True, blank=True)
    frequency = models.CharField(_("frequency"), max_length=100, blank=True)
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), blank=True)
    founding_agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("founding agreement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mechanisms",
    )

    class Meta:
        ordering = ["start_year", "id"]

    def __str__(self) -> str:
        return self.short_name or localize(self.name).text

    def get_absolute_url(self) -> str:
        return reverse("cooperation:mechanism-detail", args=[self.pk])


class MechanismMeeting(Record):
    DATE_FIELDS = ("held_on",)

    mechanism = models.ForeignKey(
        Mechanism, verbose_name=_("mechanism"), on_delete=models.CASCADE, related_name="meetings"
    )
    ordinal = models.PositiveSmallIntegerField(
        _("number"), null=True, blank=True, help_text=_("The n-th meeting of the series.")
    )
    title = I18nField(_("title"), blank=True)
    held_on = models.DateField(_("date"), null=True, blank=True)
    held_on_precision = precision_field(_("precision of the date"))
    date_note = models.CharField(
        _("about the date"),
        max_length=300,
        blank=True,
        help_text=_("What the source says when it leaves a date partial or implicit."),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("host country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_meetings",
    )
    participant_countries = models.ManyToManyField(
        Country, verbose_name=_("participating countries"), blank=True, related_name="meetings"
    )
    participant_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("participating organisations"),
        blank=True,
        related_name="meetings",
    )
    outcomes = I18nField(_("outcomes"), multiline=True, blank=True)
    decisions = I18nField(_("decisions"), multiline=True, blank=True)
    priority_areas = I18nField(_("priority areas"), multiline=True, blank=True)
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), blank=True)
    adopted_agreements = models.ManyToManyField(
        Agreement,
        verbose_name=_("documents adopted or signed"),
        blank=True,
        related_name="adopted_at",
    )
    cited_agreements = models.ManyToManyField(
        Agreement,
        verbose_name=_("agreements reviewed or cited"),
        blank=True,
        related_name="cited_at",
    )
    projects = models.ManyToManyField(
        "Project",
        verbose_name=_("projects discussed"),
        blank=True,
        related_name="discussed_at",
    )

    class Meta:
        ordering = ["mechanism", "ordinal", "held_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mechanism", "ordinal"], name="unique_mechanism_meeting_ordinal"
            )
        ]

    def __str__(self) -> str:
        title = localize(self.title).text
        if title:
            return title
        if self.ordinal:
            return _("%(mechanism)s, meeting %(n)s") % {
                "mechanism": self.mechanism,
                "n": self.ordinal,
            }
        return str(self.mechanism)

    def get_absolute_url(self) -> str:
        return reverse("cooperation:meeting-detail", args=[self.pk])

    def earlier_meetings(self) -> models.QuerySet:
        """Meetings of the same series held before this one (by number, else by date)."""
        series = MechanismMeeting.objects.filter(mechanism_id=self.mechanism_id).exclude(pk=self.pk)
        if self.ordinal is not None:
            return series.filter(ordinal__lt=self.ordinal)
        if self.held_on is not None:
            return series.filter(held_on__lt=self.held_on)
        return series.none()


class ActionItem(PartialDates):
    """A follow-up with an owner and a due date, raised under an agreement or at a meeting."""

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="action_items",
    )
    meeting = models.ForeignKey(
        MechanismMeeting,
        verbose_name=_("raised at meeting"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="action_items",
    )
    title = I18nField(_("action"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cooperation_action_items",
    )
    owner_label = models.CharField(
        _("owner (name or office)"),
        max_length=200,
        blank=True,
        help_text=_("When the owner has no account, e.g. the partner ministry."),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ActionStatus.choices,
        default=ActionStatus.OPEN,
        editable=False,
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    closed_at_meeting = models.ForeignKey(
        MechanismMeeting,
        verbose_name=_("closed at meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="closed_action_items",
        editable=False,
    )
    reminder_sent_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return localize(self.title).text

    def get_absolute_url(self) -> str:
        target = self.agreement or self.meeting
        return f"{target.get_absolute_url()}#action-{self.pk}" if target else ""

    def clean(self) -> None:
        if not self.agreement_id and not self.meeting_id:
            raise ValidationError(_("An action item belongs to an agreement or a meeting."))

    @property
    def is_open(self) -> bool:
        return self.status == ActionStatus.OPEN

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or datetime.date.today()
        return self.is_open and self.due_on is not None and self.due_on < today


# --- Projects (IATI activity shaped) ------------------------------------------------


class ActivityStatus(models.TextChoices):
    """IATI ActivityStatus codelist."""

    PIPELINE = "1", _("Pipeline/identification")
    IMPLEMENTATION = "2", _("Implementation")
    FINALISATION = "3", _("Finalisation")
    CLOSED = "4", _("Closed")
    CANCELLED = "5", _("Cancelled")
    SUSPENDED = "6", _("Suspended")


class OrganisationRole(models.TextChoices):
    """IATI OrganisationRole codelist."""

    FUNDING = "1", _("Funding")
    ACCOUNTABLE = "2", _("Accountable")
    EXTENDING = "3", _("Extending")
    IMPLEMENTING = "4", _("Implementing")


class Project(Record):
    DATE_FIELDS = ("planned_start", "planned_end", "actual_start", "actual_end")

    iati_identifier = models.CharField(
        _("IATI identifier"),
        max_length=150,
        unique=True,
        help_text=_("Reporting organisation identifier followed by the activity's own id."),
    )
    other_identifier = models.CharField(_("other identifier"), max_length=150, blank=True)
    title = I18nField(_("title"))
    description = I18nField(_("description"), multiline=True, blank=True)
    is_programme = models.BooleanField(
        _("programme"), default=False, help_text=_("A programme groups several projects.")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    status = models.CharField(
        _("activity status"),
        max_length=1,
        choices=ActivityStatus.choices,
        default=ActivityStatus.PIPELINE,
    )
    reporting_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("reporting organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reported_projects",
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_start_precision = precision_field(_("precision"))
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    planned_end_precision = precision_field(_("precision"))
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_start_precision = precision_field(_("precision"))
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    actual_end_precision = precision_field(_("precision"))
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors (CRS)"), blank=True)
    recipient_countries = models.ManyToManyField(
        Country, verbose_name=_("recipient countries"), blank=True, related_name="projects"
    )
    recipient_regions = models.JSONField(
        _("recipient regions (IATI region codes)"), default=list, blank=True
    )
    default_currency = models.CharField(_("currency"), max_length=3, default="USD")
    funding_source = models.CharField(
        _("funding source"),
        max_length=200,
        blank=True,
        help_text=_("E.g. a special cooperation fund."),
    )
    agreements = models.ManyToManyField(
        Agreement, verbose_name=_("agreements"), blank=True, related_name="projects"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return localize(self.title).text or self.iati_identifier

    def get_absolute_url(self) -> str:
        return reverse("cooperation:project-detail", args=[self.pk])

    @property
    def start(self) -> tuple[datetime.date | None, str]:
        if self.actual_start:
            return self.actual_start, self.actual_start_precision
        return self.planned_start, self.planned_start_precision

    def clean(self) -> None:
        self.normalise_dates()
        for start, end in (("planned_start", "planned_end"), ("actual_start", "actual_end")):
            if (
                getattr(self, start)
                and getattr(self, end)
                and getattr(self, end) < getattr(self, start)
            ):
                raise ValidationError({end: _("The end is before the start.")})
        if len(self.default_currency) != 3 or not self.default_currency.isupper():
            raise ValidationError({"default_currency": _("Use a three-letter ISO 4217 code.")})
        from ecobridge.cooperation.iati import codelist

        unknown = [str(r) for r in self.recipient_regions or [] if str(r) not in codelist("Region")]
        if unknown:
            raise ValidationError(
                {
                    "recipient_regions": _("Unknown IATI region code(s): %(codes)s")
                    % {"codes": ", ".join(unknown)}
                }
            )


class ProjectParticipant(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="project_roles"
    )
    name = models.CharField(
        _("name"), max_length=300, blank=True, help_text=_("When the organisation is not on file.")
    )
    ref = models.CharField(_("organisation identifier"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=1, choices=OrganisationRole.choices)

    class Meta:
        ordering = ["role", "id"]

    def __str__(self) -> str:
        return f"{self.organisation or self.name} ({self.get_role_display()})"

    def clean(self) -> None:
        if not self.organisation_id and not self.name:
            raise ValidationError({"organisation": _("Choose an organisation or give a name.")})


class ProjectLocation(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("name"), max_length=200)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.PROTECT)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class Budget(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budgets")
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    value_date = models.DateField(_("value date"))
    budget_type = models.CharField(
        _("type"), max_length=1, choices=[("1", _("Original")), ("2", _("Revised"))], default="1"
    )

    class Meta:
        ordering = ["period_start", "id"]

    def __str__(self) -> str:
        return f"{self.period_start}–{self.period_end}: {self.value} {self.currency}"

    def clean(self) -> None:
        if self.period_end and self.period_start and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period ends before it starts.")})


class TransactionType(models.TextChoices):
    """IATI TransactionType codelist (the common codes)."""

    INCOMING_FUNDS = "1", _("Incoming funds")
    OUTGOING_COMMITMENT = "2", _("Outgoing commitment")
    DISBURSEMENT = "3", _("Disbursement")
    EXPENDITURE = "4", _("Expenditure")
    INTEREST_PAYMENT = "5", _("Interest payment")
    LOAN_REPAYMENT = "6", _("Loan repayment")
    REIMBURSEMENT = "7", _("Reimbursement")
    PURCHASE_OF_EQUITY = "8", _("Purchase of equity")
    SALE_OF_EQUITY = "9", _("Sale of equity")
    CREDIT_GUARANTEE = "10", _("Credit guarantee")
    INCOMING_COMMITMENT = "11", _("Incoming commitment")
    OUTGOING_PLEDGE = "12", _("Outgoing pledge")
    INCOMING_PLEDGE = "13", _("Incoming pledge")


class Transaction(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="transactions")
    transaction_type = models.CharField(_("type"), max_length=2, choices=TransactionType.choices)
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    value_date = models.DateField(_("value date"))
    description = I18nField(_("description"), blank=True)
    provider = models.CharField(_("provider organisation"), max_length=300, blank=True)
    receiver = models.CharField(_("receiver organisation"), max_length=300, blank=True)

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_transaction_type_display()}: {self.value} {self.currency}"


class StageStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


class ProjectStage(PartialDates):
    """A stage or phase of a project, e.g. "stage 4, 1st year programme"."""

    DATE_FIELDS = ("starts_on", "ends_on")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stages")
    ordinal = models.PositiveSmallIntegerField(_("stage number"))
    sub_ordinal = models.PositiveSmallIntegerField(_("year of the stage"), null=True, blank=True)
    name = I18nField(_("name"))
    starts_on = models.DateField(_("start"), null=True, blank=True)
    starts_on_precision = precision_field(_("precision"))
    ends_on = models.DateField(_("end"), null=True, blank=True)
    ends_on_precision = precision_field(_("precision"))
    status = models.CharField(
        _("status"), max_length=16, choices=StageStatus.choices, default=StageStatus.PLANNED
    )
    budget = models.DecimalField(
        _("budget"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    notes = I18nField(_("notes"), multiline=True, blank=True)

    class Meta:
        ordering = ["ordinal", "sub_ordinal", "id"]

    def __str__(self) -> str:
        return localize(self.name).text


class ResultType(models.TextChoices):
    OUTPUT = "1", _("Output")
    OUTCOME = "2", _("Outcome")
    IMPACT = "3", _("Impact")
    OTHER = "9", _("Other")


class Result(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="results")
    result_type = models.CharField(_("type"), max_length=1, choices=ResultType.choices)
    title = I18nField(_("title"))
    description = I18nField(_("description"), multiline=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return localize(self.title).text


class Indicator(models.Model):
    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="indicators")
    title = I18nField(_("title"))
    measure = models.CharField(
        _("measure"),
        max_length=1,
        choices=[
            ("1", _("Unit")),
            ("2", _("Percentage")),
            ("3", _("Nominal")),
            ("4", _("Ordinal")),
            ("5", _("Qualitative")),
        ],
        default="1",
    )
    ascending = models.BooleanField(_("higher is better"), default=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline_value = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    target_value = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    actual_value = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return localize(self.title).text


# --- Trainings, conferences, forums, delegations -----------------------------------


class TrainingKind(models.TextChoices):
    TRAINING = "training", _("Training programme")
    BUSINESS_CONFERENCE = "business_conference", _("Business conference")
    FORUM = "forum", _("Forum")
    SEMINAR = "seminar", _("Seminar")
    DELEGATION = "delegation", _("Delegation")
    CONSULTATION = "consultation", _("Consultations and online business meetings")


class Training(Record):
    """A training programme, business conference, forum or delegation, with participants."""

    DATE_FIELDS = ("starts_on", "ends_on")

    key = models.SlugField(_("reference"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=TrainingKind.choices)
    title = I18nField(_("title"))
    topic = I18nField(_("topic"), blank=True)
    description = I18nField(_("description"), multiline=True, blank=True)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    starts_on_precision = precision_field(_("precision"))
    ends_on = models.DateField(_("end"), null=True, blank=True)
    ends_on_precision = precision_field(_("precision"))
    date_note = models.CharField(
        _("about the date"),
        max_length=200,
        blank=True,
        help_text=_("What the source says when it gives no usable date (e.g. no year)."),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    host_country = models.ForeignKey(
        Country,
        verbose_name=_("host country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_trainings",
    )
    organisers = models.ManyToManyField(
        Organisation, verbose_name=_("organisers"), blank=True, related_name="trainings"
    )
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), blank=True)
    participants_total = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainings",
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainings",
    )
    meeting = models.ForeignKey(
        MechanismMeeting,
        verbose_name=_("held at or reported to meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainings",
    )

    class Meta:
        ordering = ["starts_on", "id"]

    def __str__(self) -> str:
        return localize(self.title).text or self.key

    def get_absolute_url(self) -> str:
        return reverse("cooperation:training-detail", args=[self.pk])

    def clean(self) -> None:
        self.normalise_dates()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end is before the start.")})


class TrainingParticipation(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="participation")
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.PROTECT)
    group = models.CharField(
        _("group"),
        max_length=200,
        blank=True,
        help_text=_("When the source names a group, e.g. 'ASEAN member countries'."),
    )
    count = models.PositiveIntegerField(_("participants"), null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.country or self.group}: {self.count if self.count is not None else '?'}"

    def clean(self) -> None:
        if not self.country_id and not self.group:
            raise ValidationError({"country": _("Give a country or a group.")})


# --- Figures quoted in sources ------------------------------------------------------


class SourcedFact(Record):
    """A figure or statement quoted in a source, e.g. a share of water from abroad."""

    DATE_FIELDS = ("as_of",)

    key = models.SlugField(_("reference"), max_length=100, unique=True)
    statement = I18nField(_("statement"), multiline=True)
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sourced_facts",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sourced_facts",
    )
    as_of = models.DateField(_("as of"), null=True, blank=True)
    as_of_precision = precision_field(_("precision"))
    quote = models.TextField(_("quotation"), blank=True)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return localize(self.statement).text[:120]

    def get_absolute_url(self) -> str:
        return reverse("cooperation:fact-list") + f"#{self.key}"
