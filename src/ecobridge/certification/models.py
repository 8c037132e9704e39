"""Certification single window: schemes, applications, cases, supplements, certificates.

A company files one :class:`Application` for a technology to several :class:`Scheme`\\ s.
Each scheme gets its own :class:`Case` that moves through the scheme's stages. Documents
are uploaded once to the application and count for every case that needs their kind.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ecobridge.core.i18n import I18nField, localize


class Stage(models.TextChoices):
    """The ISO 14034-shaped stages; each scheme uses an ordered subset of them."""

    APPLICATION = "application", _("Application")
    REVIEW = "review", _("Review")
    CLAIM_SPECIFICATION = "claim_specification", _("Claim specification")
    VERIFICATION_PLAN = "verification_plan", _("Verification / test plan")
    TESTING = "testing", _("Testing or acceptance of existing data")
    REPORT = "report", _("Report")
    DECISION = "decision", _("Decision")
    CERTIFICATE = "certificate", _("Certificate / statement issued")
    PUBLISHED = "published", _("Published")


STAGE_ORDER: list[str] = list(Stage.values)


class CaseStatus(models.TextChoices):
    """A case is in one of the stages, or closed without a certificate."""

    DRAFT = "draft", _("Draft")
    APPLICATION = "application", _("Application")
    REVIEW = "review", _("Review")
    CLAIM_SPECIFICATION = "claim_specification", _("Claim specification")
    VERIFICATION_PLAN = "verification_plan", _("Verification / test plan")
    TESTING = "testing", _("Testing or acceptance of existing data")
    REPORT = "report", _("Report")
    DECISION = "decision", _("Decision")
    CERTIFICATE = "certificate", _("Certificate / statement issued")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SchemeKind(models.TextChoices):
    CERTIFICATION = "certification", _("Technology certification")
    VERIFICATION = "verification", _("Technology verification")
    PRODUCT_CERTIFICATION = "product_certification", _("Product performance certification")
    PERFORMANCE_TEST = "performance_test", _("Performance test")
    ETV = "etv", _("Environmental technology verification (ISO 14034)")


class DocumentKind(models.TextChoices):
    """A shared catalogue of document kinds, so one upload serves every scheme."""

    APPLICATION_FORM = "application_form", _("Application form")
    BUSINESS_REGISTRATION = "business_registration", _("Business registration certificate")
    TECHNOLOGY_DESCRIPTION = "technology_description", _("Technology description")
    PERFORMANCE_CLAIM = "performance_claim", _("Performance claim")
    QUALITY_SYSTEM = "quality_system", _("Quality management system evidence")
    EXISTING_TEST_DATA = "existing_test_data", _("Existing test data")
    FIELD_TEST_PLAN = "field_test_plan", _("Field test site and plan")
    TEST_REPORT = "test_report", _("Test report")
    DRAWINGS = "drawings", _("Drawings and photographs")
    OTHER = "other", _("Other")


class Scheme(models.Model):
    """A certification, verification or testing scheme run by one institution."""

    code = models.SlugField(
        _("code"), max_length=40, unique=True, help_text=_("A stable short code, e.g. KR-NET-CERT.")
    )
    name = I18nField(_("name"))
    description = I18nField(_("description"), multiline=True, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=SchemeKind.choices)
    institution = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="certification_schemes",
    )
    legal_time_limit_days = models.PositiveIntegerField(
        _("legal time limit (days)"),
        validators=[MinValueValidator(1)],
        help_text=_("Processing days allowed by law or the scheme's rules, pauses excluded."),
    )
    fee_amount = models.DecimalField(
        _("fee"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    fee_currency = models.CharField(_("fee currency"), max_length=3, default="KRW", blank=True)
    fee_notes = I18nField(_("fee notes"), blank=True)
    validity_months = models.PositiveIntegerField(
        _("certificate validity (months)"), validators=[MinValueValidator(1)]
    )
    accepts_existing_data = models.BooleanField(
        _("accepts existing test data"),
        default=False,
        help_text=_("Whether test data produced before the application may be accepted."),
    )
    is_active = models.BooleanField(_("open for applications"), default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return localize(self.name).text or self.code

    def get_absolute_url(self) -> str:
        return reverse("certification:scheme-detail", args=[self.code])

    def stage_list(self) -> list[str]:
        return [s.stage for s in self.stages.all()]


class SchemeStage(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(_("stage"), max_length=32, choices=Stage.choices)
    order = models.PositiveSmallIntegerField(_("order"))
    time_limit_days = models.PositiveIntegerField(
        _("stage time limit (days)"), null=True, blank=True
    )
    required_documents = models.JSONField(
        _("required documents"), default=list, blank=True, help_text=_("Document kind codes.")
    )

    class Meta:
        ordering = ["scheme", "order"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "stage"], name="unique_scheme_stage")
        ]

    def __str__(self) -> str:
        return f"{self.scheme.code}: {self.get_stage_display()}"


class Application(models.Model):
    """One filing by a company for one technology, to one or more schemes."""

    reference = models.CharField(_("reference"), max_length=40, unique=True)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("applicant"),
        on_delete=models.CASCADE,
        related_name="certification_applications",
    )
    technology = models.ForeignKey(
        "directory.Technology",
        verbose_name=_("technology"),
        on_delete=models.CASCADE,
        related_name="certification_applications",
    )
    claim = I18nField(_("performance claim"), multiline=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    is_sample = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("certification:application-detail", args=[self.pk])


def document_path(instance: ApplicationDocument, filename: str) -> str:
    # A random name: the original name is kept in the row, never in a guessable path.
    suffix = PurePosixPath(filename).suffix.lower()
    return f"certification/applications/{instance.application_id}/{uuid.uuid4().hex}{suffix}"


class ApplicationDocument(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=40, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"

    def get_absolute_url(self) -> str:
        return reverse("certification:document-download", args=[self.pk])


class Case(models.Model):
    """One application's passage through one scheme."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="cases")
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="cases")
    status = models.CharField(
        _("status"), max_length=32, choices=CaseStatus.choices, default=CaseStatus.DRAFT
    )
    existing_data_accepted = models.BooleanField(_("existing test data accepted"), default=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "scheme"], name="unique_case_scheme")
        ]

    def __str__(self) -> str:
        return f"{self.application.reference}/{self.scheme.code}"

    def get_absolute_url(self) -> str:
        return reverse("certification:case-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status not in {
            CaseStatus.DRAFT,
            CaseStatus.CERTIFICATE,
            CaseStatus.PUBLISHED,
            CaseStatus.REJECTED,
            CaseStatus.WITHDRAWN,
        }

    def open_supplement(self) -> SupplementRequest | None:
        return self.supplements.filter(answered_at__isnull=True).first()


class StagePeriod(models.Model):
    """When a case entered and left a stage: the raw material of the clocks."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="periods")
    stage = models.CharField(max_length=32, choices=Stage.choices)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["started_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.stage} {self.started_at:%Y-%m-%d}"


class SupplementRequest(models.Model):
    """A reviewer asks the company for more; the legal clock stops until it is answered."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="supplements")
    stage = models.CharField(max_length=32, choices=Stage.choices)
    message = models.TextField(_("what is missing"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField()
    due_date = models.DateField(_("answer due"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    documents = models.ManyToManyField(ApplicationDocument, blank=True, related_name="+")

    class Meta:
        ordering = ["requested_at", "id"]

    def __str__(self) -> str:
        return f"{self.case} supplement {self.requested_at:%Y-%m-%d}"


class CaseMessage(models.Model):
    """The thread between the company and the reviewers of one case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.case} message {self.pk}"


def certificate_path(instance: Certificate, filename: str) -> str:
    return f"certification/certificates/{uuid.uuid4().hex}.pdf"


class Certificate(models.Model):
    """A certificate or verification statement; public once its case is published."""

    # Deleting the technology (and with it the application) removes its certificates too.
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="certificate")
    number = models.CharField(_("number"), max_length=60, unique=True)
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="certificates")
    technology = models.ForeignKey(
        "directory.Technology", on_delete=models.CASCADE, related_name="certification_certificates"
    )
    claim_verified = I18nField(_("claim verified"), multiline=True)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"))
    pdf = models.FileField(upload_to=certificate_path, max_length=200, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("certification:certificate-pdf", args=[self.pk])


class ReminderLog(models.Model):
    """Which reminder went out for what, so each is sent once."""

    key = models.CharField(max_length=120, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key
