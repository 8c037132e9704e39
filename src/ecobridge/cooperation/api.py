"""REST API of the cooperation registry, with the web's permission rules.

Reads: drafts only for staff, everything else for everyone. Writes: programme officers
and administrators, through the same domain functions as the web pages.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ecobridge.api.serializers import I18nJSONField
from ecobridge.cooperation import iati, models, outcomes, services, timeline
from ecobridge.cooperation.rules import can_edit_cooperation, visible_agreements
from ecobridge.core.i18n import I18nField
from ecobridge.directory.models import Country, Organisation, Sector


class CooperationPermission(permissions.BasePermission):
    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or can_edit_cooperation(request.user)

    def has_object_permission(self, request, view, obj):
        return request.method in permissions.SAFE_METHODS or can_edit_cooperation(request.user)


def _drf_error(exc: DjangoValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(
        getattr(exc, "message_dict", {"non_field_errors": exc.messages})
    )


def model_serializer(model, name: str, nested: dict | None = None, exclude=()):
    """A serializer with multilingual fields as objects and countries/sectors by code."""
    attrs: dict = {}
    for field in model._meta.get_fields():
        if isinstance(field, I18nField):
            attrs[field.name] = I18nJSONField(required=not field.blank)
        elif getattr(field, "related_model", None) in (Country, Sector) and field.concrete:
            many = field.many_to_many
            attrs[field.name] = serializers.SlugRelatedField(
                slug_field="code",
                queryset=field.related_model.objects.all(),
                many=many,
                required=not (field.blank or field.null),
                allow_null=bool(field.null) and not many,
            )
    attrs.update(nested or {})
    read_only = [
        f.name for f in model._meta.concrete_fields if not f.editable and f.name not in ("id",)
    ]
    fields = [
        f.name
        for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if f.name not in exclude
    ] + list((nested or {}).keys())
    meta = type("Meta", (), {"model": model, "fields": fields, "read_only_fields": read_only})
    attrs["Meta"] = meta
    return type(name, (serializers.ModelSerializer,), attrs)


StatusChangeSerializer = model_serializer(
    models.AgreementStatusChange, "AgreementStatusChangeSerializer"
)
ContactPointSerializer = model_serializer(models.ContactPoint, "ContactPointSerializer")
ActionItemSerializer = model_serializer(models.ActionItem, "ActionItemSerializer")
# Who uploaded is recorded by the domain function (and the audit log), not sent by clients.
DocumentSerializer = model_serializer(
    models.AgreementDocument, "AgreementDocumentSerializer", exclude=("uploaded_by",)
)
AgreementSerializer = model_serializer(
    models.Agreement,
    "AgreementSerializer",
    {
        "history": StatusChangeSerializer(many=True, read_only=True),
        "contact_points": ContactPointSerializer(many=True, read_only=True),
        "action_items": ActionItemSerializer(many=True, read_only=True),
        "documents": DocumentSerializer(many=True, read_only=True),
    },
    exclude=("expiry_reminder_sent_for",),
)
MechanismSerializer = model_serializer(models.Mechanism, "MechanismSerializer")
MeetingSerializer = model_serializer(
    models.MechanismMeeting,
    "MechanismMeetingSerializer",
    {"action_items": ActionItemSerializer(many=True, read_only=True)},
)
ParticipantSerializer = model_serializer(models.ProjectParticipant, "ProjectParticipantSerializer")
LocationSerializer = model_serializer(models.ProjectLocation, "ProjectLocationSerializer")
BudgetSerializer = model_serializer(models.Budget, "ProjectBudgetSerializer")
TransactionSerializer = model_serializer(models.Transaction, "ProjectTransactionSerializer")
StageSerializer = model_serializer(models.ProjectStage, "ProjectStageSerializer")
IndicatorSerializer = model_serializer(models.Indicator, "ResultIndicatorSerializer")
ResultSerializer = model_serializer(
    models.Result,
    "ProjectResultSerializer",
    {"indicators": IndicatorSerializer(many=True, read_only=True)},
)
ProjectSerializer = model_serializer(
    models.Project,
    "ProjectSerializer",
    {
        "participants": ParticipantSerializer(many=True, read_only=True),
        "locations": LocationSerializer(many=True, read_only=True),
        "budgets": BudgetSerializer(many=True, read_only=True),
        "transactions": TransactionSerializer(many=True, read_only=True),
        "stages": StageSerializer(many=True, read_only=True),
        "results": ResultSerializer(many=True, read_only=True),
    },
)
ParticipationSerializer = model_serializer(
    models.TrainingParticipation, "TrainingParticipationSerializer"
)
TrainingSerializer = model_serializer(
    models.Training,
    "TrainingSerializer",
    {"participation": ParticipationSerializer(many=True, read_only=True)},
)
FactSerializer = model_serializer(models.SourcedFact, "SourcedFactSerializer")


class CooperationViewSet(viewsets.ModelViewSet):
    permission_classes = [CooperationPermission]
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    create_function = staticmethod(services.create_record)
    update_function = staticmethod(services.update_record)

    def perform_create(self, serializer):
        try:
            serializer.instance = self.create_function(
                self.request.user, self.queryset.model, dict(serializer.validated_data)
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc

    def perform_update(self, serializer):
        try:
            self.update_function(
                self.request.user, serializer.instance, dict(serializer.validated_data)
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc

    def perform_destroy(self, instance):
        services.delete_record(self.request.user, instance)


class TransitionSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(choices=models.AgreementStatus.choices)
    on = serializers.DateField(required=False, allow_null=True)
    precision = serializers.ChoiceField(
        choices=models.DatePrecision.choices, default=models.DatePrecision.DAY
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    successor = serializers.PrimaryKeyRelatedField(
        queryset=models.Agreement.objects.all(), required=False, allow_null=True
    )


class CloseSerializer(serializers.Serializer):
    on = serializers.DateField()
    meeting = serializers.PrimaryKeyRelatedField(
        queryset=models.MechanismMeeting.objects.all(), required=False, allow_null=True
    )
    cancelled = serializers.BooleanField(default=False)


class LinkProjectSerializer(serializers.Serializer):
    project = serializers.PrimaryKeyRelatedField(queryset=models.Project.objects.all())


class TimelineEntrySerializer(serializers.Serializer):
    date = serializers.DateField(allow_null=True)
    date_precision = serializers.CharField()
    kind = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    sectors = serializers.ListField(child=serializers.CharField())
    summary = serializers.CharField()
    source = serializers.CharField()


class AgreementViewSet(CooperationViewSet):
    """Agreements. The status changes only through ``POST …/transition/``."""

    queryset = models.Agreement.objects.prefetch_related(
        "party_countries",
        "party_organisations",
        "sectors",
        "history",
        "contact_points",
        "action_items",
        "documents",
    )
    serializer_class = AgreementSerializer
    filterset_fields = ["status", "kind"]
    search_fields = ["key"]

    def get_queryset(self):
        return visible_agreements(self.request.user, super().get_queryset())

    def perform_create(self, serializer):
        try:
            serializer.instance = services.create_agreement(
                self.request.user, dict(serializer.validated_data)
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc

    @extend_schema(request=TransitionSerializer, responses=AgreementSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        agreement = self.get_object()
        data = TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            services.transition_agreement(
                request.user,
                agreement,
                values["to_status"],
                values.get("on"),
                values["precision"],
                values["note"],
                values.get("successor"),
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        agreement = self.get_queryset().get(pk=agreement.pk)
        return Response(AgreementSerializer(agreement, context={"request": request}).data)

    @extend_schema(request=LinkProjectSerializer, responses=AgreementSerializer)
    @action(detail=True, methods=["post"], url_path="link-project")
    def link_project(self, request, pk=None):
        agreement = self.get_object()
        data = LinkProjectSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.link_project(request.user, agreement, data.validated_data["project"])
        return Response(AgreementSerializer(agreement, context={"request": request}).data)

    @extend_schema(responses=TimelineEntrySerializer(many=True))
    @action(detail=True, methods=["get"])
    def outcomes(self, request, pk=None):
        """What came out of this agreement, in date order (follows every link)."""
        result = outcomes.what_came_out(self.get_object())
        return Response([entry.to_dict() for entry in result.chronology])


class DocumentViewSet(CooperationViewSet):
    """Agreement texts (PDF or DOCX), uploaded as multipart form data."""

    queryset = models.AgreementDocument.objects.all()
    serializer_class = DocumentSerializer
    http_method_names = ["get", "post", "delete", "head", "options"]

    def get_queryset(self):
        agreements = visible_agreements(self.request.user, models.Agreement.objects.all())
        return super().get_queryset().filter(agreement__in=agreements)

    def perform_create(self, serializer):
        data = serializer.validated_data
        try:
            serializer.instance = services.add_document(
                self.request.user, data["agreement"], data["file"], data.get("title", "")
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc


class ActionItemViewSet(CooperationViewSet):
    queryset = models.ActionItem.objects.all()
    serializer_class = ActionItemSerializer
    filterset_fields = ["status", "agreement", "meeting", "owner"]

    def get_queryset(self):
        agreements = visible_agreements(self.request.user, models.Agreement.objects.all())
        return (
            super().get_queryset().filter(Q(agreement__isnull=True) | Q(agreement__in=agreements))
        )

    @extend_schema(request=CloseSerializer, responses=ActionItemSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        item = self.get_object()
        data = CloseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.close_action_item(
                request.user,
                item,
                data.validated_data["on"],
                data.validated_data.get("meeting"),
                data.validated_data["cancelled"],
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return Response(ActionItemSerializer(item, context={"request": request}).data)


class ContactPointViewSet(CooperationViewSet):
    queryset = models.ContactPoint.objects.all()
    serializer_class = ContactPointSerializer

    def get_queryset(self):
        agreements = visible_agreements(self.request.user, models.Agreement.objects.all())
        return super().get_queryset().filter(agreement__in=agreements)


class MechanismViewSet(CooperationViewSet):
    queryset = models.Mechanism.objects.prefetch_related("member_countries", "sectors")
    serializer_class = MechanismSerializer


class MeetingViewSet(CooperationViewSet):
    queryset = models.MechanismMeeting.objects.prefetch_related("action_items")
    serializer_class = MeetingSerializer
    filterset_fields = ["mechanism"]

    @extend_schema(responses=ActionItemSerializer(many=True))
    @action(detail=True, methods=["get"], url_path="carried-action-items")
    def carried_action_items(self, request, pk=None):
        """Open items from earlier meetings of the series, shown until closed."""
        items = services.carried_action_items(self.get_object())
        return Response(ActionItemSerializer(items, many=True).data)


class ProjectViewSet(CooperationViewSet):
    queryset = models.Project.objects.prefetch_related(
        "sectors",
        "recipient_countries",
        "participants",
        "locations",
        "budgets",
        "transactions",
        "stages",
        "results__indicators",
    )
    serializer_class = ProjectSerializer
    filterset_fields = ["status", "is_programme"]
    search_fields = ["iati_identifier"]

    @extend_schema(responses={(200, "application/xml"): bytes})
    @action(detail=True, methods=["get"])
    def iati(self, request, pk=None):
        """This project as an IATI 2.03 activity file."""
        result = iati.export_projects([self.get_object()])
        if not result.exported:
            raise serializers.ValidationError({"iati": list(result.skipped.values())})
        return HttpResponse(result.xml, content_type="application/xml")


def _child_viewset(model, serializer):
    return type(
        f"{model.__name__}ViewSet",
        (CooperationViewSet,),
        {"queryset": model.objects.all(), "serializer_class": serializer},
    )


ParticipantViewSet = _child_viewset(models.ProjectParticipant, ParticipantSerializer)
LocationViewSet = _child_viewset(models.ProjectLocation, LocationSerializer)
BudgetViewSet = _child_viewset(models.Budget, BudgetSerializer)
TransactionViewSet = _child_viewset(models.Transaction, TransactionSerializer)
StageViewSet = _child_viewset(models.ProjectStage, StageSerializer)
ResultViewSet = _child_viewset(models.Result, ResultSerializer)
IndicatorViewSet = _child_viewset(models.Indicator, IndicatorSerializer)
ParticipationViewSet = _child_viewset(models.TrainingParticipation, ParticipationSerializer)


class TrainingViewSet(CooperationViewSet):
    queryset = models.Training.objects.prefetch_related("participation", "sectors")
    serializer_class = TrainingSerializer
    filterset_fields = ["kind"]


class SourcedFactViewSet(CooperationViewSet):
    queryset = models.SourcedFact.objects.all()
    serializer_class = FactSerializer


class TimelineViewSet(viewsets.ViewSet):
    """The linked timeline of one country, organisation or agreement, in date order."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("country", str, description="ISO 3166 alpha-2 code"),
            OpenApiParameter("organisation", int),
            OpenApiParameter("agreement", int),
            OpenApiParameter("kind", str, many=True),
            OpenApiParameter("sector", str, description="CRS code"),
        ],
        responses=TimelineEntrySerializer(many=True),
    )
    def list(self, request):
        params = request.query_params
        subject = {}
        try:
            if params.get("country"):
                subject["country"] = Country.objects.get(code=params["country"].upper())
            if params.get("organisation"):
                subject["organisation"] = Organisation.objects.get(pk=int(params["organisation"]))
            if params.get("agreement"):
                subject["agreement"] = visible_agreements(
                    request.user, models.Agreement.objects.all()
                ).get(pk=int(params["agreement"]))
        except (
            ValueError,
            Country.DoesNotExist,
            Organisation.DoesNotExist,
            models.Agreement.DoesNotExist,
        ) as exc:
            raise serializers.ValidationError({"subject": f"not found: {exc}"}) from exc
        if len(subject) != 1:
            raise serializers.ValidationError(
                {"subject": "give exactly one of country, organisation or agreement"}
            )
        entries = timeline.collect(
            **subject, kinds=params.getlist("kind") or None, sector=params.get("sector") or None
        )
        return Response([entry.to_dict() for entry in entries])
