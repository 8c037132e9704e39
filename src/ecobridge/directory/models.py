"""Who is who: countries, sectors, organisations, people, technologies and needs."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ecobridge.core.i18n import CONTENT_LANGUAGES, I18nField, all_text, localize


class Region(models.TextChoices):
    CENTRAL_ASIA = "central_asia", _("Central Asia")
    EAST_ASIA = "east_asia", _("East Asia")
    SOUTH_EAST_ASIA = "south_east_asia", _("South-East Asia")
    SOUTH_ASIA = "south_asia", _("South Asia")
    MIDDLE_EAST = "middle_east", _("Middle East")
    AFRICA = "africa", _("Africa")
    EUROPE = "europe", _("Europe")
    NORTH_AMERICA = "north_america", _("North America")
    LATIN_AMERICA = "latin_america", _("Latin America and the Caribbean")
    OCEANIA = "oceania", _("Oceania")
    OTHER = "other", _("Other")


class Country(models.Model):
    code = models.CharField(_("ISO 3166 alpha-2"), max_length=2, unique=True)
    alpha3 = models.CharField(_("ISO 3166 alpha-3"), max_length=3, unique=True)
    numeric = models.CharField(_("ISO 3166 numeric"), max_length=3)
    region = models.CharField(_("region"), max_length=32, choices=Region.choices)
    names = models.JSONField(_("names"), default=dict)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name()

    def name(self, language: str | None = None) -> str:
        return localize(self.names, language).text or self.code

    def get_absolute_url(self) -> str:
        return reverse("portal:country-detail", args=[self.code])


class Sector(models.Model):
    """An OECD DAC CRS purpose code; water and environment codes carry a subsector."""

    class Group(models.TextChoices):
        WATER_SUPPLY_SANITATION = "water_supply_sanitation", _("Water supply and sanitation")
        WATER_RESOURCES = "water_resources", _("Water resources and river basins")
        AGRICULTURAL_WATER = "agricultural_water", _("Agricultural water")
        WASTE = "waste", _("Waste management")
        ENVIRONMENT = "environment", _("Environment protection")
        ENERGY = "energy", _("Renewable energy")
        DISASTER = "disaster", _("Disaster risk")
        OTHER = "", _("Other sectors")

    code = models.CharField(_("CRS code"), max_length=5, unique=True)
    category = models.CharField(_("CRS category"), max_length=3)
    name = I18nField(_("name"))
    description = models.TextField(_("description"), blank=True)
    group = models.CharField(_("subsector"), max_length=32, choices=Group.choices, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {localize(self.name).text}"

    @property
    def is_water_environment(self) -> bool:
        return bool(self.group)


class SearchableModel(models.Model):
    """Keeps a case-folded text of every language version for cross-language search."""

    search_text = models.TextField(editable=False, blank=True, default="")
    is_sample = models.BooleanField(
        _("sample record"),
        default=False,
        help_text=_("Invented for demonstration; not a real record."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def searchable_parts(self) -> list[str]:
        return []

    def save(self, *args, **kwargs):
        self.search_text = " ".join(p for p in self.searchable_parts() if p).casefold()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)


class OrganisationKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    AGENCY = "agency", _("Government agency")
    PUBLIC_CORPORATION = "public_corporation", _("Public corporation")
    COMPANY = "company", _("Company")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    TESTING_BODY = "testing_body", _("Testing or certification body")
    INTERNATIONAL = "international", _("International organisation")
    NGO = "ngo", _("NGO")
    UNIVERSITY = "university", _("University")
    UTILITY = "utility", _("Utility")
    MUNICIPALITY = "municipality", _("Municipality or region")
    CLUSTER = "cluster", _("Industry cluster or association")


class Organisation(SearchableModel):
    identifier = models.CharField(
        _("identifier"),
        max_length=100,
        blank=True,
        help_text=_("A stable identifier, e.g. an IATI organisation identifier."),
    )
    name = I18nField(_("name"))
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="organisations"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    description = I18nField(_("description"), multiline=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["identifier"],
                condition=~models.Q(identifier=""),
                name="unique_organisation_identifier",
            )
        ]

    def __str__(self) -> str:
        return localize(self.name).text or self.short_name

    def searchable_parts(self) -> list[str]:
        return [self.identifier, all_text(self.name), self.short_name, all_text(self.description)]

    def get_absolute_url(self) -> str:
        return reverse("portal:organisation-detail", args=[self.pk])


LANGUAGE_CHOICES = [
    *CONTENT_LANGUAGES,
    ("zh", "中文"),
    ("ja", "日本語"),
    ("ar", "العربية"),
    ("fr", "Français"),
    ("es", "Español"),
    ("de", "Deutsch"),
    ("tr", "Türkçe"),
    ("ky", "Кыргызча"),
    ("tg", "Тоҷикӣ"),
    ("tk", "Türkmençe"),
    ("mn", "Монгол"),
]


class Person(SearchableModel):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="people",
    )
    name_native = models.CharField(_("name in native script"), max_length=200)
    name_latin = models.CharField(_("name in Latin script"), max_length=200, blank=True)
    position = I18nField(_("position"), blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    consent_to_contact = models.BooleanField(
        _("consents to be contacted"),
        default=False,
        help_text=_("Contact details are shown to other users only with consent."),
    )

    class Meta:
        ordering = ["id"]
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        if self.name_latin and self.name_latin != self.name_native:
            return f"{self.name_native} ({self.name_latin})"
        return self.name_native

    def searchable_parts(self) -> list[str]:
        return [self.name_native, self.name_latin, all_text(self.position)]

    def get_absolute_url(self) -> str:
        return reverse("portal:person-detail", args=[self.pk])


class Technology(SearchableModel):
    owner = models.ForeignKey(
        Organisation,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="technologies",
    )
    external_id = models.CharField(_("external id"), max_length=64, blank=True, db_index=True)
    title = I18nField(_("title"))
    description = I18nField(_("description"), multiline=True, blank=True)
    original_language = models.CharField(
        _("original language"), max_length=8, choices=CONTENT_LANGUAGES, default="en"
    )
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), blank=True)
    trl = models.PositiveSmallIntegerField(
        _("technology readiness level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
    )
    performance_claims = I18nField(_("performance claims"), multiline=True, blank=True)
    reference_installations = I18nField(_("reference installations"), multiline=True, blank=True)
    certifications = models.TextField(_("certifications"), blank=True)
    is_published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Unpublished technologies are visible only to their owner and staff."),
    )

    class Meta:
        ordering = ["id"]
        verbose_name_plural = _("technologies")
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="unique_technology_external_id",
            )
        ]

    def __str__(self) -> str:
        return localize(self.title).text

    def searchable_parts(self) -> list[str]:
        return [
            self.external_id,
            all_text(self.title),
            all_text(self.description),
            all_text(self.performance_claims),
            self.certifications,
        ]

    def get_absolute_url(self) -> str:
        return reverse("portal:technology-detail", args=[self.pk])


class NeedStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    MATCHED = "matched", _("Partners found")
    CLOSED = "closed", _("Closed")


class Need(SearchableModel):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("counterpart organisation"),
        on_delete=models.CASCADE,
        related_name="needs",
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="needs"
    )
    external_id = models.CharField(_("external id"), max_length=64, blank=True, db_index=True)
    title = I18nField(_("title"))
    description = I18nField(_("description"), multiline=True, blank=True)
    original_language = models.CharField(
        _("original language"), max_length=8, choices=CONTENT_LANGUAGES, default="en"
    )
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=NeedStatus.choices, default=NeedStatus.OPEN
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="unique_need_external_id",
            )
        ]

    def __str__(self) -> str:
        return localize(self.title).text

    @property
    def is_published(self) -> bool:
        return self.status != NeedStatus.DRAFT

    def searchable_parts(self) -> list[str]:
        return [self.external_id, all_text(self.title), all_text(self.description)]

    def get_absolute_url(self) -> str:
        return reverse("portal:need-detail", args=[self.pk])
