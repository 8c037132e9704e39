"""REST API of the certification single window: schemes, applications, cases,
transitions and certificates. Every write calls the same domain functions as the pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from ecobridge.certification import services, tracking
from ecobridge.certification.models import (
    Application,
    ApplicationDocument,
    Case,
    CaseMessage,
    Certificate,
    DocumentKind,
    Scheme,
    SchemeStage,
    Stage,
)
from ecobridge.certification.rules import visible_applications, visible_cases
from ecobridge.certification.workflow import TRANSITIONS
from ecobridge.directory.models import Organisation, Technology


def _call(func, *args, **kwargs):
    """Run a domain function; its ValidationError becomes a 400 naming the field."""
    try:
        return func(*args, **kwargs)
    except DjangoValidationError as exc:
        detail = exc.message_dict if hasattr(exc, "message_dict") else exc.messages
        raise ValidationError(detail) from exc


class CertificationPermission(permissions.BasePermission):
    """Reads are filtered per user by the querysets; writes need a login and are then
    checked by the domain functions (which raise 403 for the wrong role)."""

    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or request.user.is_authenticated


# --- Schemes ------------------------------------------------------------------------


class CertificationSchemeStageSerializer(serializers.ModelSerializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    required_documents = serializers.ListField(
        child=serializers.ChoiceField(choices=DocumentKind.choices), required=False
    )

    class Meta:
        model = SchemeStage
        fields = ["stage", "time_limit_days", "required_documents"]


class CertificationSchemeSerializer(serializers.ModelSerializer):
    institution = serializers.SlugRelatedField(
        slug_field="identifier", queryset=Organisation.objects.exclude(identifier="")
    )
    stages = CertificationSchemeStageSerializer(many=True)

    class Meta:
        model = Scheme
        fields = [
            "code",
            "name",
            "description",
            "kind",
            "institution",
            "legal_time_limit_days",
            "fee_amount",
            "fee_currency",
            "fee_notes",
            "validity_months",
            "accepts_existing_data",
            "is_active",
            "stages",
        ]

    def create(self, validated_data):
        stages = validated_data.pop("stages")
        return _call(services.save_scheme, self.context["request"].user, validated_data, stages)

    def update(self, instance, validated_data):
        stages = validated_data.pop("stages", None)
        return _call(
            services.save_scheme,
            self.context["request"].user,
            validated_data,
            stages,
            scheme=instance,
        )


class SchemeViewSet(viewsets.ModelViewSet):
    """Certification, verification and testing schemes. Administrators configure them."""

    queryset = Scheme.objects.select_related("institution").prefetch_related("stages")
    serializer_class = CertificationSchemeSerializer
    permission_classes = [CertificationPermission]
    lookup_field = "code"
    filterset_fields = ["kind", "is_active"]
    search_fields = ["code"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]


# --- Applications -------------------------------------------------------------------


class CertificationDocumentSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ApplicationDocument
        fields = ["id", "kind", "original_name", "size", "uploaded_at", "download_url"]

    def get_download_url(self, obj) -> str:
        return obj.get_absolute_url()


class CertificationCaseSummarySerializer(serializers.ModelSerializer):
    scheme = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Case
        fields = ["id", "scheme", "status"]


class CertificationApplicationSerializer(serializers.ModelSerializer):
    technology = serializers.PrimaryKeyRelatedField(queryset=Technology.objects.all())
    schemes = serializers.SlugRelatedField(
        slug_field="code", queryset=Scheme.objects.all(), many=True, write_only=True
    )
    cases = CertificationCaseSummarySerializer(many=True, read_only=True)
    documents = CertificationDocumentSerializer(many=True, read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "reference",
            "organisation",
            "technology",
            "claim",
            "schemes",
            "cases",
            "documents",
            "created_at",
            "submitted_at",
        ]
        read_only_fields = ["reference", "organisation", "created_at", "submitted_at"]

    def create(self, validated_data):
        return _call(
            services.create_application,
            self.context["request"].user,
            technology=validated_data["technology"],
            schemes=validated_data["schemes"],
            claim=validated_data["claim"],
        )


class CertificationUploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    file = serializers.FileField()


class ApplicationViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """One application by a company for one technology to several schemes."""

    queryset = Application.objects.select_related("technology").prefetch_related(
        "cases__scheme", "documents"
    )
    serializer_class = CertificationApplicationSerializer
    permission_classes = [CertificationPermission]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return visible_applications(self.request.user, super().get_queryset())

    @extend_schema(request=None, responses=CertificationApplicationSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit every draft case; the legal clocks start."""
        application = self.get_object()
        _call(services.submit_application, request.user, application)
        application.refresh_from_db()
        return Response(self.get_serializer(application).data)

    @extend_schema(
        request=CertificationUploadSerializer, responses={201: CertificationDocumentSerializer}
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def documents(self, request, pk=None):
        """Upload one document (multipart: kind, file); it serves every scheme."""
        application = self.get_object()
        upload = CertificationUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        document = _call(
            services.add_document,
            request.user,
            application,
            upload.validated_data["kind"],
            upload.validated_data["file"],
        )
        return Response(
            CertificationDocumentSerializer(document).data, status=status.HTTP_201_CREATED
        )


# --- Cases and transitions ----------------------------------------------------------


class CertificationClockSerializer(serializers.Serializer):
    days_used = serializers.FloatField()
    limit = serializers.IntegerField()
    state = serializers.CharField()
    paused = serializers.BooleanField()
    paused_days = serializers.FloatField()
    stage_used = serializers.FloatField()
    stage_limit = serializers.IntegerField(allow_null=True)
    stage_state = serializers.CharField()
    stage_days = serializers.DictField(child=serializers.FloatField())


class CertificationSupplementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    stage = serializers.CharField()
    message = serializers.CharField()
    requested_at = serializers.DateTimeField()
    due_date = serializers.DateField()
    answer = serializers.CharField()
    answered_at = serializers.DateTimeField(allow_null=True)


class CertificationCaseSerializer(serializers.ModelSerializer):
    scheme = serializers.SlugRelatedField(slug_field="code", read_only=True)
    clock = serializers.SerializerMethodField()
    allowed_transitions = serializers.SerializerMethodField()
    supplements = CertificationSupplementSerializer(many=True, read_only=True)
    certificate = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id",
            "application",
            "scheme",
            "status",
            "existing_data_accepted",
            "submitted_at",
            "closed_at",
            "clock",
            "allowed_transitions",
            "supplements",
            "certificate",
        ]

    @extend_schema_field(CertificationClockSerializer)
    def get_clock(self, obj) -> dict:
        clock = tracking.case_clock(obj)
        return CertificationClockSerializer(clock).data

    def get_allowed_transitions(self, obj) -> list[str]:
        return [t.name for t in services.allowed_transitions(self.context["request"].user, obj)]

    def get_certificate(self, obj) -> str | None:
        certificate = Certificate.objects.filter(case=obj).first()
        return certificate.number if certificate else None


class CertificationTransitionSerializer(serializers.Serializer):
    transition = serializers.ChoiceField(choices=[(n, n) for n in TRANSITIONS if n != "submit"])
    note = serializers.CharField(required=False, allow_blank=True, default="")
    message = serializers.CharField(required=False, allow_blank=True, default="")
    due_date = serializers.DateField(required=False)
    answer = serializers.CharField(required=False, allow_blank=True, default="")
    documents = serializers.ListField(child=serializers.IntegerField(), required=False)
    claim_verified = serializers.JSONField(required=False)
    publish = serializers.BooleanField(required=False, default=False)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class CertificationMessageSerializer(serializers.ModelSerializer):
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = CaseMessage
        fields = ["id", "author", "body", "created_at"]
        read_only_fields = ["author", "created_at"]


class CaseViewSet(viewsets.ReadOnlyModelViewSet):
    """One application's passage through one scheme, with its clock."""

    queryset = Case.objects.all()
    serializer_class = CertificationCaseSerializer
    permission_classes = [CertificationPermission]
    filterset_fields = ["status", "scheme__code"]

    def get_queryset(self):
        return tracking.prefetched(visible_cases(self.request.user, Case.objects.all()))

    @extend_schema(request=CertificationTransitionSerializer, responses=CertificationCaseSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Move the case: start_review, advance, accept_existing_data, request_supplement
        (message, due_date), answer_supplement (answer, documents), issue_certificate
        (claim_verified, publish), publish, reject (reason), withdraw (reason)."""
        case = self.get_object()
        params = CertificationTransitionSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        user, name = request.user, data["transition"]
        if name == "start_review":
            _call(services.start_review, user, case, data["note"])
        elif name == "advance":
            _call(services.advance_case, user, case, data["note"])
        elif name == "accept_existing_data":
            _call(services.accept_existing_data, user, case, data["note"])
        elif name == "request_supplement":
            if "due_date" not in data:
                raise ValidationError({"due_date": "a date is required"})
            _call(services.request_supplement, user, case, data["message"], data["due_date"])
        elif name == "answer_supplement":
            documents = case.application.documents.filter(pk__in=data.get("documents", []))
            _call(services.answer_supplement, user, case, data["answer"], list(documents))
        elif name == "issue_certificate":
            _call(
                services.issue_certificate,
                user,
                case,
                data.get("claim_verified") or "",
                publish=data["publish"],
            )
        elif name == "publish":
            _call(services.publish_certificate, user, case)
        elif name == "reject":
            _call(services.reject_case, user, case, data["reason"])
        elif name == "withdraw":
            _call(services.withdraw_case, user, case, data["reason"])
        case = self.get_queryset().get(pk=case.pk)
        return Response(self.get_serializer(case).data)

    @extend_schema(
        request=CertificationMessageSerializer, responses=CertificationMessageSerializer(many=True)
    )
    @action(detail=True, methods=["get", "post"])
    def messages(self, request, pk=None):
        """The thread between the company and the scheme's reviewers."""
        case = self.get_object()
        if request.method == "POST":
            body = CertificationMessageSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            _call(services.post_message, request.user, case, body.validated_data["body"])
        return Response(
            CertificationMessageSerializer(case.messages.select_related("author"), many=True).data
        )


# --- Certificates -------------------------------------------------------------------


class CertificationCertificateSerializer(serializers.ModelSerializer):
    scheme = serializers.SlugRelatedField(slug_field="code", read_only=True)
    pdf_url = serializers.SerializerMethodField()
    is_published = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "id",
            "number",
            "scheme",
            "technology",
            "claim_verified",
            "issued_on",
            "expires_on",
            "is_published",
            "published_at",
            "pdf_url",
        ]

    def get_pdf_url(self, obj) -> str:
        return obj.get_absolute_url()

    def get_is_published(self, obj) -> bool:
        return obj.published_at is not None


class CertificateViewSet(viewsets.ReadOnlyModelViewSet):
    """Certificates and verification statements: published ones are public."""

    queryset = Certificate.objects.select_related("scheme")
    serializer_class = CertificationCertificateSerializer
    permission_classes = [CertificationPermission]
    filterset_fields = ["technology", "scheme__code"]

    def get_queryset(self):
        user = self.request.user
        own_cases = visible_cases(user, Case.objects.all()).values("pk")
        return super().get_queryset().filter(Q(published_at__isnull=False) | Q(case__in=own_cases))
