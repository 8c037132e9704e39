"""REST API of the events app. Reads follow rules.py; writes call services.py.

A participant sees only their own meetings, requests and notes; organisers see the
whole event; outsiders see public events and their public sessions.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from ecobridge.events import b2b, outputs, rules, services
from ecobridge.events.models import (
    Event,
    FollowUp,
    Meeting,
    MeetingNote,
    MeetingRequest,
    Registration,
    Session,
    Slot,
    Table,
)


def _drf(exc: DjangoValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(
        getattr(exc, "message_dict", {"non_field_errors": exc.messages})
    )


class _Call:
    """Run a domain function and turn its validation errors into 400 answers."""

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if isinstance(exc, DjangoValidationError):
            raise _drf(exc) from exc
        return False


class SignedInWrites(permissions.BasePermission):
    """Anyone reads what the queryset lets them see; writes need a signed-in user (the
    domain functions then decide)."""

    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or request.user.is_authenticated


# --- serializers ---------------------------------------------------------------------


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = [
            "id",
            "kind",
            "title",
            "description",
            "start",
            "end",
            "room",
            "host_organisation",
            "is_public",
        ]


class EventSerializer(serializers.ModelSerializer):
    sessions = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "slug",
            "title",
            "kind",
            "description",
            "start_date",
            "end_date",
            "timezone",
            "venue",
            "city",
            "country",
            "request_mode",
            "default_meeting_cap",
            "is_public",
            "organisers",
            "sessions",
        ]
        read_only_fields = ["id", "sessions"]
        extra_kwargs = {"organisers": {"required": False}, "slug": {"validators": []}}

    def get_sessions(self, event) -> list[dict]:
        user = self.context["request"].user
        sessions = outputs.session_list(
            event, public_only=not rules.can_read_internals(user, event)
        )
        return SessionSerializer(sessions, many=True).data


class RegistrationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Registration
        fields = [
            "id",
            "event",
            "role",
            "status",
            "user",
            "organisation",
            "name",
            "email",
            "language",
            "languages",
            "meeting_cap",
            "b2b_sessions",
            "offer",
            "looking_for",
            "checked_in_at",
        ]
        read_only_fields = ["id", "status", "checked_in_at"]
        extra_kwargs = {"b2b_sessions": {"required": False}}

    def to_representation(self, reg):
        data = super().to_representation(reg)
        user = self.context["request"].user if "request" in self.context else None
        # Other participants see whom they can meet, not how to reach them privately.
        if user is None or not rules.can_act_for(user, reg):
            for private in ("email", "user", "checked_in_at"):
                data.pop(private, None)
        return data


class RequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingRequest
        fields = [
            "id",
            "event",
            "a",
            "b",
            "priority",
            "status",
            "approved",
            "origin",
            "message",
            "unplaced_code",
            "unplaced_reason",
            "created_at",
        ]
        validators: list = []  # the domain function checks duplicates and says why
        read_only_fields = [
            "id",
            "event",
            "status",
            "approved",
            "origin",
            "unplaced_code",
            "unplaced_reason",
            "created_at",
        ]


class MeetingSerializer(serializers.ModelSerializer):
    a = serializers.IntegerField(source="request.a_id", read_only=True)
    b = serializers.IntegerField(source="request.b_id", read_only=True)
    start = serializers.DateTimeField(source="slot.start", read_only=True)
    end = serializers.DateTimeField(source="slot.end", read_only=True)
    table_name = serializers.CharField(source="table.name", read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "event",
            "request",
            "a",
            "b",
            "slot",
            "start",
            "end",
            "table",
            "table_name",
            "interpreter",
            "status",
            "locked",
            "cancel_reason",
            "outcome",
            "expected_value",
        ]
        read_only_fields = fields


class NoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingNote
        fields = ["id", "meeting", "author", "text", "created_at"]
        read_only_fields = ["id", "meeting", "author", "created_at"]


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = [
            "id",
            "event",
            "meeting",
            "title",
            "owner",
            "due_date",
            "status",
            "link_kind",
            "reference",
        ]
        read_only_fields = ["id", "status"]


class MoveSerializer(serializers.Serializer):
    slot = serializers.PrimaryKeyRelatedField(queryset=Slot.objects.all())
    table = serializers.PrimaryKeyRelatedField(queryset=Table.objects.all())


class OutcomeSerializer(serializers.Serializer):
    outcome = serializers.CharField(allow_blank=True)
    expected_value = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )


# --- viewsets ------------------------------------------------------------------------


class EventViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Event.objects.all()
    serializer_class = EventSerializer
    permission_classes = [SignedInWrites]
    lookup_field = "slug"
    filterset_fields = ["kind"]

    def get_queryset(self):
        return rules.visible_events(self.request.user, super().get_queryset())

    def perform_create(self, serializer):
        with _Call():
            serializer.instance = services.create_event(
                self.request.user, dict(serializer.validated_data)
            )

    def _internals(self, event):
        if not rules.can_read_internals(self.request.user, event):
            raise PermissionDenied("Only the event's organisers may see this.")

    @extend_schema(responses={200: dict})
    @action(detail=True)
    def kpis(self, request, slug=None):
        event = self.get_object()
        self._internals(event)
        return Response(outputs.kpis(event))

    @extend_schema(request=None, responses={200: dict})
    @action(detail=True, methods=["get", "post"])
    def schedule(self, request, slug=None):
        """GET: the schedule as an ``ecobridge-b2b-solution/1`` document, with the engine's
        validation. POST ``{"time_limit": 10, "minimum_change": false}``: solve as a job."""
        event = self.get_object()
        self._internals(event)
        if request.method == "POST":
            try:
                time_limit = float(request.data.get("time_limit", 10))
            except (TypeError, ValueError):
                raise serializers.ValidationError(
                    {"time_limit": ["A number of seconds, e.g. 10."]}
                ) from None
            with _Call():
                job = services.start_solve(
                    request.user,
                    event,
                    time_limit=time_limit,
                    minimum_change=bool(request.data.get("minimum_change", False)),
                )
            return Response({"job": job.pk, "url": f"/jobs/{job.pk}/"}, status=202)
        report = b2b.validate_current(event)
        return Response(
            {
                **b2b.current_solution(event),
                "valid": report.valid,
                "errors": report.errors,
                "unplaced": [
                    {"request": r.pk, "code": r.unplaced_code, "reason": r.unplaced_reason}
                    for r in event.requests.exclude(unplaced_reason="")
                ],
            }
        )

    @extend_schema(responses={200: dict})
    @action(detail=True, url_path="b2b-instance")
    def b2b_instance(self, request, slug=None):
        event = self.get_object()
        self._internals(event)
        return Response(b2b.build_instance(event))


class RegistrationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Registration.objects.select_related("event")
    serializer_class = RegistrationSerializer
    permission_classes = [SignedInWrites]
    filterset_fields = ["event", "role", "status"]

    def get_queryset(self):
        return rules.visible_registrations(self.request.user, super().get_queryset())

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        event = data.pop("event")
        data.pop("status", None)
        with _Call():
            serializer.instance = services.register_participant(self.request.user, event, **data)

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        reg = self.get_object()
        with _Call():
            services.decide_registration(request.user, reg, bool(request.data.get("approve", True)))
        return Response(RegistrationSerializer(reg, context={"request": request}).data)


class MeetingRequestViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = MeetingRequest.objects.select_related("a", "b", "event")
    serializer_class = RequestSerializer
    permission_classes = [SignedInWrites]
    filterset_fields = ["event", "status"]

    def get_queryset(self):
        return rules.visible_requests(self.request.user, super().get_queryset())

    def perform_create(self, serializer):
        data = serializer.validated_data
        with _Call():
            serializer.instance = services.request_meeting(
                self.request.user,
                data["a"],
                data["b"],
                priority=data.get("priority", 2),
                message=data.get("message", ""),
            )

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def respond(self, request, pk=None):
        """``{"status": "accepted" | "declined" | "no_thanks"}``"""
        req = self.get_object()
        with _Call():
            services.respond_to_request(request.user, req, request.data.get("status", ""))
        return Response(RequestSerializer(req).data)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        req = self.get_object()
        with _Call():
            services.approve_request(request.user, req, bool(request.data.get("approved", True)))
        return Response(RequestSerializer(req).data)


class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Meeting.objects.select_related("request", "slot", "table", "event")
    serializer_class = MeetingSerializer
    permission_classes = [SignedInWrites]
    filterset_fields = ["event", "status", "outcome"]

    def get_queryset(self):
        return rules.visible_meetings(self.request.user, super().get_queryset())

    def _done(self, meeting):
        meeting.refresh_from_db()
        return Response(MeetingSerializer(meeting).data)

    @extend_schema(request=MoveSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        meeting = self.get_object()
        data = MoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with _Call():
            services.move_meeting(request.user, meeting, **data.validated_data)
        return self._done(meeting)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """``{"reason": "..."}``: the parties and interpreter are told."""
        meeting = self.get_object()
        with _Call():
            services.cancel_meeting(request.user, meeting, str(request.data.get("reason", "")))
        return self._done(meeting)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def lock(self, request, pk=None):
        meeting = self.get_object()
        with _Call():
            services.lock_meeting(request.user, meeting, bool(request.data.get("locked", True)))
        return self._done(meeting)

    @extend_schema(request=OutcomeSerializer)
    @action(detail=True, methods=["post"])
    def outcome(self, request, pk=None):
        meeting = self.get_object()
        data = OutcomeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with _Call():
            services.record_outcome(request.user, meeting, **data.validated_data)
        return self._done(meeting)

    @extend_schema(request=NoteSerializer, responses={200: NoteSerializer(many=True)})
    @action(detail=True, methods=["get", "post"])
    def notes(self, request, pk=None):
        """Private notes: only the meeting's two parties and organisers."""
        meeting = self.get_object()
        if not rules.can_read_notes(request.user, meeting):
            raise PermissionDenied("Notes are private to the meeting's parties.")
        if request.method == "POST":
            with _Call():
                services.add_note(request.user, meeting, str(request.data.get("text", "")))
        return Response(NoteSerializer(meeting.notes.all(), many=True).data)


class FollowUpViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = FollowUp.objects.select_related("event", "meeting")
    serializer_class = FollowUpSerializer
    permission_classes = [SignedInWrites]
    filterset_fields = ["event", "status"]

    def get_queryset(self):
        user = self.request.user
        qs = super().get_queryset()
        if not user.is_authenticated:
            return qs.none()
        if user.is_ecobridge_staff:
            return qs
        return qs.filter(
            Q(owner=user)
            | Q(event__organisers=user)
            | Q(meeting__request__a__user=user)
            | Q(meeting__request__b__user=user)
        ).distinct()

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        event = data.pop("event")
        data.pop("status", None)
        with _Call():
            serializer.instance = services.add_follow_up(self.request.user, event, **data)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        follow = self.get_object()
        with _Call():
            services.complete_follow_up(request.user, follow)
        return Response(FollowUpSerializer(follow).data)
