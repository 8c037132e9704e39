"""Read-only API: /insights/api/{datasets,indicators,observations}/, signals and map data."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import api_view, permission_classes
from rest_framework.response import Response

from ecobridge.directory.models import Country
from ecobridge.insights.models import Dataset, Indicator, Observation
from ecobridge.insights.services import latest_by_country
from ecobridge.insights.signals import SIGNAL_RULES, country_prior, evaluate


class DatasetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Dataset
        fields = ["code", "name", "publisher", "url", "licence", "citation", "version"]


class IndicatorSerializer(serializers.ModelSerializer):
    dataset = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Indicator
        fields = ["code", "names", "unit", "theme", "is_key", "source_code", "dataset"]


class ObservationSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    country = serializers.SlugRelatedField(slug_field="code", read_only=True)
    alpha3 = serializers.CharField(source="country.alpha3", read_only=True)
    unit = serializers.CharField(source="indicator.unit", read_only=True)
    source = serializers.CharField(source="indicator.dataset.name", read_only=True)
    licence = serializers.CharField(source="indicator.dataset.licence", read_only=True)

    class Meta:
        model = Observation
        fields = [
            "indicator", "country", "alpha3", "year", "value", "unit", "flags", "note",
            "source", "licence",
        ]  # fmt: skip


class DatasetViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Dataset.objects.all()
    serializer_class = DatasetSerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "code"
    filter_backends: list = []


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Indicator.objects.select_related("dataset")
    serializer_class = IndicatorSerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "code"
    filter_backends: list = []


def _country_q(code: str):
    code = code.upper()
    return Country.objects.filter(code=code) | Country.objects.filter(alpha3=code)


class ObservationViewSet(viewsets.ReadOnlyModelViewSet):
    """Filters: ``country`` (alpha-2 or alpha-3), ``indicator`` (code, repeatable),
    ``year``, ``from``, ``to``, ``latest=1`` (latest year per country and indicator)."""

    serializer_class = ObservationSerializer
    permission_classes = [permissions.AllowAny]
    filter_backends: list = []

    def get_queryset(self):
        params = self.request.query_params
        qs = Observation.objects.select_related("indicator__dataset", "country")
        if params.get("country"):
            qs = qs.filter(country__in=_country_q(params["country"]))
        if params.getlist("indicator"):
            qs = qs.filter(indicator__code__in=params.getlist("indicator"))
        for name, lookup in (("year", "year"), ("from", "year__gte"), ("to", "year__lte")):
            if params.get(name, "").isdigit():
                qs = qs.filter(**{lookup: int(params[name])})
        qs = qs.order_by("indicator__order", "country__code", "year")
        if params.get("latest") in ("1", "true"):
            keep = {}
            for obs in qs:
                keep[(obs.indicator_id, obs.country_id)] = obs.pk
            qs = qs.filter(pk__in=keep.values())
        return qs


def _signal_rows(country):
    return [s.as_dict() for s in evaluate(country)]


@extend_schema(responses=OpenApiTypes.OBJECT)
@api_view(["GET"])
@permission_classes([permissions.AllowAny])
def signals(request, code):
    """Needs signals of a country with their evidence, and its matching prior."""
    country = get_object_or_404(_country_q(code))
    return Response(
        {
            "country": country.code,
            "alpha3": country.alpha3,
            "signals": _signal_rows(country),
            "prior": country_prior(country.code),
        }
    )


@extend_schema(responses=OpenApiTypes.OBJECT)
@api_view(["GET"])
@permission_classes([permissions.AllowAny])
def signal_rules(request):
    """The rules and thresholds (``ecobridge.insights.signals.SIGNAL_RULES``)."""
    return Response(
        [
            {
                "code": r["code"],
                "title": str(r["title"]),
                "why": str(r["why"]),
                "combine": r["combine"],
                "conditions": [
                    {"indicator": c, "op": op, "threshold": t} for c, op, t in r["conditions"]
                ],
                "crs_codes": r["crs"],
            }
            for r in SIGNAL_RULES
        ]
    )


@extend_schema(responses=OpenApiTypes.OBJECT)
@api_view(["GET"])
@permission_classes([permissions.AllowAny])
def map_data(request, indicator):
    """Latest value per country of one indicator, for the choropleth."""
    ind = get_object_or_404(Indicator.objects.select_related("dataset"), code=indicator)
    latest = latest_by_country(ind)
    return Response(
        {
            "indicator": ind.code,
            "name": ind.name(request.query_params.get("lang")),
            "unit": ind.unit,
            "source": ind.dataset.name,
            "higher_is_worse": ind.higher_is_worse,
            "values": [
                {"alpha3": a3, "value": value, "year": year}
                for a3, (value, year) in sorted(latest.items())
            ],
        }
    )
