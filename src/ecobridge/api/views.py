"""REST API over the directory. Writes call the same domain functions as the web."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins, serializers, viewsets

from ecobridge.api import serializers as s
from ecobridge.api.permissions import StaffReadOnly
from ecobridge.core.models import AuditEntry, Job
from ecobridge.core.permissions import visible
from ecobridge.directory import filters, services
from ecobridge.directory.models import Country, Need, Organisation, Person, Sector, Technology


def _as_drf_error(exc: DjangoValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(
        getattr(exc, "message_dict", {"non_field_errors": exc.messages})
    )


class DirectoryViewSet(viewsets.ModelViewSet):
    """List, read, create, update and delete with the web's permission rules."""

    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    ordering_fields = ["id", "updated_at"]

    def get_queryset(self):
        return visible(self.request.user, super().get_queryset())

    def perform_create(self, serializer):
        try:
            serializer.instance = services.create_record(
                self.request.user, self.queryset.model, dict(serializer.validated_data)
            )
        except DjangoValidationError as exc:
            raise _as_drf_error(exc) from exc

    def perform_update(self, serializer):
        try:
            services.update_record(
                self.request.user, serializer.instance, dict(serializer.validated_data)
            )
        except DjangoValidationError as exc:
            raise _as_drf_error(exc) from exc

    def perform_destroy(self, instance):
        services.delete_record(self.request.user, instance)


class OrganisationViewSet(DirectoryViewSet):
    queryset = Organisation.objects.select_related("country").prefetch_related("sectors")
    serializer_class = s.OrganisationSerializer
    filterset_class = filters.OrganisationFilter


class PersonViewSet(DirectoryViewSet):
    queryset = Person.objects.select_related("organisation")
    serializer_class = s.PersonSerializer
    filterset_class = filters.PersonFilter


class TechnologyViewSet(DirectoryViewSet):
    queryset = Technology.objects.select_related("owner").prefetch_related("sectors")
    serializer_class = s.TechnologySerializer
    filterset_class = filters.TechnologyFilter


class NeedViewSet(DirectoryViewSet):
    queryset = Need.objects.select_related("country", "organisation").prefetch_related("sectors")
    serializer_class = s.NeedSerializer
    filterset_class = filters.NeedFilter


class CountryViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Country.objects.all()
    serializer_class = s.CountrySerializer
    filterset_class = filters.CountryFilter
    lookup_field = "code"


class SectorViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Sector.objects.all()
    serializer_class = s.SectorSerializer
    filterset_class = filters.SectorFilter
    lookup_field = "code"


class JobViewSet(mixins.RetrieveModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Your own background jobs (staff see all), with progress."""

    queryset = Job.objects.all()
    serializer_class = s.JobSerializer

    def get_queryset(self):
        user = self.request.user
        if not user.is_authenticated:
            return Job.objects.none()
        return Job.objects.all() if user.is_ecobridge_staff else Job.objects.filter(created_by=user)


class AuditEntryViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = AuditEntry.objects.all()
    serializer_class = s.AuditEntrySerializer
    permission_classes = [StaffReadOnly]
    filterset_fields = ["object_type", "object_id", "action", "actor_label"]
