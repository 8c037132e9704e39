from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffRole(models.TextChoices):
    NONE = "", _("None")
    ADMINISTRATOR = "administrator", _("Administrator")
    PROGRAMME_OFFICER = "programme_officer", _("Programme officer")
    ANALYST = "analyst", _("Analyst")


class User(AbstractUser):
    staff_role = models.CharField(
        _("staff role"), max_length=32, choices=StaffRole.choices, blank=True, default=""
    )
    language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser or self.staff_role == StaffRole.ADMINISTRATOR

    @property
    def is_programme_officer(self) -> bool:
        return self.staff_role == StaffRole.PROGRAMME_OFFICER

    @property
    def is_analyst(self) -> bool:
        return self.staff_role == StaffRole.ANALYST

    @property
    def is_ecobridge_staff(self) -> bool:
        return self.is_administrator or bool(self.staff_role)


class MembershipRole(models.TextChoices):
    COMPANY_MEMBER = "company_member", _("Company member")
    COUNTERPART_MEMBER = "counterpart_member", _("Counterpart member")
    CERTIFICATION_REVIEWER = "certification_reviewer", _("Certification reviewer")


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=MembershipRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_membership_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organisation}"


class AuditEntry(models.Model):
    """One write: who, when, what object, which fields changed (old → new)."""

    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_entries"
    )
    actor_label = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=100, db_index=True)
    object_id = models.CharField(max_length=64, db_index=True)
    object_repr = models.CharField(max_length=300)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """A piece of long work run by a background worker, with visible progress."""

    kind = models.CharField(max_length=64)
    title = models.CharField(max_length=200)
    status = models.CharField(
        max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True)
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    input_file = models.FileField(upload_to="jobs/%Y/%m/", blank=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)
