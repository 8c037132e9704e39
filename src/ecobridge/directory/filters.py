"""Filters shared by the web pages and the API."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ecobridge.core.i18n import CONTENT_LANGUAGES
from ecobridge.directory.models import (
    LANGUAGE_CHOICES,
    Country,
    Need,
    NeedStatus,
    Organisation,
    OrganisationKind,
    Person,
    Region,
    Sector,
    Technology,
)


def text_search(queryset: QuerySet, value: str, field: str = "search_text") -> QuerySet:
    """Every word must appear in some language version (case-insensitive, any script)."""
    for word in value.casefold().split():
        queryset = queryset.filter(**{f"{field}__contains": word})
    return queryset


def _water_sectors(request=None):
    return Sector.objects.exclude(group="")


class SearchFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")

    def search(self, queryset, name, value):
        return text_search(queryset, value)


class OrganisationFilter(SearchFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrganisationKind.choices)
    country = django_filters.CharFilter(
        label=_("Country"), field_name="country__code", lookup_expr="iexact"
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"), field_name="country__region", choices=Region.choices
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), field_name="sectors", queryset=_water_sectors, to_field_name="code"
    )

    class Meta:
        model = Organisation
        fields = ["q", "kind", "country", "region", "sector", "is_sample"]


class PersonFilter(SearchFilterSet):
    organisation = django_filters.NumberFilter(
        label=_("Organisation"), field_name="organisation_id"
    )
    language = django_filters.ChoiceFilter(
        label=_("Speaks"), choices=LANGUAGE_CHOICES, method="speaks"
    )

    class Meta:
        model = Person
        fields = ["q", "organisation", "language", "consent_to_contact"]

    def speaks(self, queryset, name, value):
        return queryset.filter(languages__icontains=f'"{value}"')


class TechnologyFilter(SearchFilterSet):
    owner = django_filters.NumberFilter(label=_("Owner"), field_name="owner_id")
    country = django_filters.CharFilter(
        label=_("Country"), field_name="owner__country__code", lookup_expr="iexact"
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), field_name="sectors", queryset=_water_sectors, to_field_name="code"
    )
    trl_min = django_filters.NumberFilter(
        label=_("TRL at least"), field_name="trl", lookup_expr="gte"
    )
    language = django_filters.ChoiceFilter(
        label=_("Original language"), field_name="original_language", choices=CONTENT_LANGUAGES
    )

    class Meta:
        model = Technology
        fields = ["q", "owner", "country", "sector", "trl_min", "language", "is_sample"]


class NeedFilter(SearchFilterSet):
    organisation = django_filters.NumberFilter(
        label=_("Organisation"), field_name="organisation_id"
    )
    country = django_filters.CharFilter(
        label=_("Country"), field_name="country__code", lookup_expr="iexact"
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"), field_name="country__region", choices=Region.choices
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), field_name="sectors", queryset=_water_sectors, to_field_name="code"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=NeedStatus.choices)
    language = django_filters.ChoiceFilter(
        label=_("Original language"), field_name="original_language", choices=CONTENT_LANGUAGES
    )

    class Meta:
        model = Need
        fields = [
            "q",
            "organisation",
            "country",
            "region",
            "sector",
            "status",
            "language",
            "is_sample",
        ]


class CountryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    region = django_filters.ChoiceFilter(label=_("Region"), choices=Region.choices)

    class Meta:
        model = Country
        fields = ["q", "region"]

    def search(self, queryset, name, value):
        # Names are a small JSON object per country; match them in Python so any script
        # and any letter case works on every database.
        wanted = value.strip().casefold()
        matching = [
            c.pk
            for c in queryset
            if wanted in (c.code.casefold(), c.alpha3.casefold())
            or any(wanted in name.casefold() for name in c.names.values())
        ]
        return queryset.filter(pk__in=matching)


class SectorFilter(django_filters.FilterSet):
    group = django_filters.ChoiceFilter(label=_("Subsector"), choices=Sector.Group.choices)
    water_environment = django_filters.BooleanFilter(
        label=_("Water and environment only"), method="water_only"
    )

    class Meta:
        model = Sector
        fields = ["group", "category"]

    def water_only(self, queryset, name, value):
        return queryset.exclude(group="") if value else queryset
