"""Read-only API for CAP alerts: /alerts/api/alerts/?country=KZ&active=1"""

from __future__ import annotations

from django.utils import timezone
from rest_framework import permissions, serializers, viewsets

from ecobridge.alerts.models import Alert, AlertInfo
from ecobridge.alerts.services import alerts_in
from ecobridge.directory.models import Country


class InfoSerializer(serializers.ModelSerializer):
    class Meta:
        model = AlertInfo
        fields = [
            "language", "event", "categories", "urgency", "severity", "certainty",
            "effective", "onset", "expires", "sender_name", "headline", "description",
            "instruction", "web", "areas",
        ]  # fmt: skip


class AlertSerializer(serializers.ModelSerializer):
    countries = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    infos = InfoSerializer(many=True, read_only=True)
    active = serializers.SerializerMethodField()

    class Meta:
        model = Alert
        fields = [
            "id", "identifier", "sender", "sent", "status", "msg_type", "scope",
            "cap_version", "starts_at", "expires_at", "active", "countries", "infos",
        ]  # fmt: skip

    def get_active(self, obj) -> bool:
        return obj.is_active()


class AlertViewSet(viewsets.ReadOnlyModelViewSet):
    """CAP alerts. Filters: ``country`` (ISO alpha-2 or alpha-3), ``active=1``,
    ``from``/``to`` (ISO dates: alerts valid at some time in the period)."""

    serializer_class = AlertSerializer
    permission_classes = [permissions.AllowAny]
    filter_backends: list = []

    def get_queryset(self):
        params = self.request.query_params
        qs = Alert.objects.prefetch_related("infos", "countries")
        code = params.get("country", "").upper()
        start, end = params.get("from"), params.get("to")
        if params.get("active") in ("1", "true"):
            start = end = timezone.now()
        if code:
            countries = Country.objects.filter(code=code) | Country.objects.filter(alpha3=code)
            qs = alerts_in(countries, start, end)
        elif start or end:
            qs = alerts_in(Country.objects.all(), start, end)
        return qs.order_by("-sent", "id")
