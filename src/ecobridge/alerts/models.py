"""CAP (Common Alerting Protocol) alerts, linked to the countries they affect."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecobridge.directory.models import Country


class Alert(models.Model):
    identifier = models.CharField(_("identifier"), max_length=300)
    sender = models.CharField(_("sender"), max_length=300)
    sent = models.DateTimeField(_("sent"))
    status = models.CharField(_("status"), max_length=16)
    msg_type = models.CharField(_("message type"), max_length=16)
    scope = models.CharField(_("scope"), max_length=16)
    cap_version = models.CharField(_("CAP version"), max_length=8, default="1.2")
    source_name = models.CharField(_("imported from"), max_length=300, blank=True)
    xml = models.TextField(_("XML as received"))
    countries = models.ManyToManyField(
        Country, verbose_name=_("countries"), blank=True, related_name="alerts"
    )
    # the span over all infos, for "active in this period" queries
    starts_at = models.DateTimeField(_("effective from"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "identifier", "sent"], name="unique_cap_alert"
            )
        ]

    def __str__(self) -> str:
        first = self.infos.first()
        return f"{first.event if first else self.msg_type} ({self.sender})"

    def is_active(self, at=None) -> bool:
        at = at or timezone.now()
        return (self.starts_at is None or self.starts_at <= at) and (
            self.expires_at is None or at <= self.expires_at
        )


class AlertInfo(models.Model):
    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="infos")
    language = models.CharField(_("language"), max_length=35, default="en-US")
    event = models.CharField(_("event"), max_length=300)
    categories = models.JSONField(_("categories"), default=list)
    urgency = models.CharField(_("urgency"), max_length=16)
    severity = models.CharField(_("severity"), max_length=16)
    certainty = models.CharField(_("certainty"), max_length=16)
    effective = models.DateTimeField(_("effective"), null=True, blank=True)
    onset = models.DateTimeField(_("onset"), null=True, blank=True)
    expires = models.DateTimeField(_("expires"), null=True, blank=True)
    sender_name = models.CharField(_("sender name"), max_length=300, blank=True)
    headline = models.CharField(_("headline"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    instruction = models.TextField(_("instruction"), blank=True)
    web = models.CharField(_("web"), max_length=500, blank=True)
    areas = models.JSONField(
        _("areas"),
        default=list,
        help_text="[{desc, polygons: [[[lat, lon], ...]], circles: [[lat, lon, km]], geocodes: [[name, value]]}]",
    )

    class Meta:
        ordering = ["alert", "id"]

    def __str__(self) -> str:
        return f"{self.event} [{self.language}]"
