"""Country indicators and their observations, kept exactly as the sources publish them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ecobridge.core.i18n import localize
from ecobridge.directory.models import Country


class Dataset(models.Model):
    """A published source (AQUASTAT, UN SDG Global Database, World Bank WDI)."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    publisher = models.CharField(_("publisher"), max_length=200)
    url = models.URLField(_("source"), blank=True)
    licence = models.CharField(_("licence"), max_length=300)
    citation = models.CharField(_("citation"), max_length=300, blank=True)
    version = models.CharField(_("version"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    dataset = models.ForeignKey(
        Dataset, verbose_name=_("dataset"), on_delete=models.CASCADE, related_name="indicators"
    )
    source_code = models.CharField(_("code in the source"), max_length=120)
    names = models.JSONField(_("names"), default=dict)
    unit = models.CharField(_("unit"), max_length=40)
    description = models.TextField(_("description"), blank=True)
    theme = models.CharField(_("theme"), max_length=32, blank=True)
    is_key = models.BooleanField(_("key indicator"), default=False)
    higher_is_worse = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name()

    def name(self, language: str | None = None) -> str:
        return localize(self.names, language).text or self.code


class Observation(models.Model):
    """One published value. ``flags`` marks values kept as published that look odd."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="observations",
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.CASCADE, related_name="observations"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"))
    flags = models.JSONField(_("flags"), default=list, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["indicator", "country", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "country", "year"], name="unique_observation"
            )
        ]
        indexes = [models.Index(fields=["country", "indicator", "year"])]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.country.code} {self.year}: {self.value}"
