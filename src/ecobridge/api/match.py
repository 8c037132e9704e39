"""Matching endpoints: technologies for a need or a text, needs for a technology."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from ecobridge.core.i18n import localize
from ecobridge.core.permissions import visible
from ecobridge.directory import match
from ecobridge.directory.models import Need, Technology


class MatchSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    score = serializers.FloatField()
    rank = serializers.IntegerField()
    explanation = serializers.DictField()


def _payload(matches: list[match.Match], kind: str) -> list[dict]:
    return [
        {
            "id": m.obj.pk,
            "kind": kind,
            "title": localize(m.obj.title).text,
            "url": m.obj.get_absolute_url(),
            "score": round(m.score, 4),
            "rank": m.rank,
            "explanation": m.explanation,
        }
        for m in matches
    ]


def _limit(request) -> int:
    try:
        return max(1, min(50, int(request.query_params.get("limit", 10))))
    except ValueError as exc:
        raise ValidationError({"limit": "must be a number from 1 to 50"}) from exc


class _MatchView(APIView):
    permission_classes = [permissions.AllowAny]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not settings.MATCHING_ENABLED:
            raise NotFound("Matching is turned off on this installation.")


class MatchTechnologies(_MatchView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "need", OpenApiTypes.INT, description="Rank technologies for this need"
            ),
            OpenApiParameter(
                "q", OpenApiTypes.STR, description="…or for this text, in any language"
            ),
            OpenApiParameter(
                "country",
                OpenApiTypes.STR,
                description="Country of the query (ISO alpha-2), a ranking signal",
            ),
            OpenApiParameter("limit", OpenApiTypes.INT),
        ],
        responses=MatchSerializer(many=True),
    )
    def get(self, request):
        need_id, text = request.query_params.get("need"), request.query_params.get("q", "").strip()
        if bool(need_id) == bool(text):
            raise ValidationError({"need": "give either need=ID or q=TEXT"})
        if need_id:
            need = get_object_or_404(visible(request.user, Need.objects.all()), pk=need_id)
            results = match.search(request.user, "technology", source=need, k=_limit(request))
        else:
            results = match.search(
                request.user,
                "technology",
                text=text,
                k=_limit(request),
                query_country=request.query_params.get("country"),
            )
        return Response(_payload(results, "technology"))


class MatchNeeds(_MatchView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "technology", OpenApiTypes.INT, description="Rank needs for this technology"
            ),
            OpenApiParameter("q", OpenApiTypes.STR),
            OpenApiParameter(
                "country", OpenApiTypes.STR, description="Only needs from this country"
            ),
            OpenApiParameter("limit", OpenApiTypes.INT),
        ],
        responses=MatchSerializer(many=True),
    )
    def get(self, request):
        tech_id, text = (
            request.query_params.get("technology"),
            request.query_params.get("q", "").strip(),
        )
        if bool(tech_id) == bool(text):
            raise ValidationError({"technology": "give either technology=ID or q=TEXT"})
        country = request.query_params.get("country")
        if tech_id:
            tech = get_object_or_404(visible(request.user, Technology.objects.all()), pk=tech_id)
            results = match.search(
                request.user, "need", source=tech, country=country, k=_limit(request)
            )
        else:
            results = match.search(
                request.user, "need", text=text, country=country, k=_limit(request)
            )
        return Response(_payload(results, "need"))
