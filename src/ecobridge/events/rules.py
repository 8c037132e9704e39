"""Who may do what with an event. Views, the API and the command line ask here.

- Organisers: programme officers and administrators, and users named organisers of
  the event. They see and change everything about it.
- Participants act on their own registration, requests and meetings.
- Everyone else reads the public agenda of a public event.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ecobridge.core.permissions import is_staff_editor


def is_organiser(user, event) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_staff_editor(user):
        return True
    if user.pk is None:
        return False
    return event.organisers.filter(pk=user.pk).exists()


def can_create_event(user) -> bool:
    return is_staff_editor(user)


def can_read_event(user, event) -> bool:
    """The public agenda: anyone for a public event; otherwise its organisers, analysts
    and the people registered for it."""
    if event.is_public or is_organiser(user, event):
        return True
    if getattr(user, "is_authenticated", False) and user.is_ecobridge_staff:
        return True
    return bool(registrations_of(user, event))


def can_read_internals(user, event) -> bool:
    """Registrations, requests, the master grid and KPIs: organisers and analysts."""
    return is_organiser(user, event) or (
        getattr(user, "is_authenticated", False) and user.is_ecobridge_staff
    )


def registrations_of(user, event) -> list:
    if not getattr(user, "is_authenticated", False) or user.pk is None:
        return []
    return list(event.registrations.filter(user=user))


def owns_registration(user, registration) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and user.pk is not None
        and registration.user_id == user.pk
    )


def can_act_for(user, registration) -> bool:
    """Change a registration's profile, make its requests: the person or an organiser."""
    return owns_registration(user, registration) or is_organiser(user, registration.event)


def is_party(user, meeting) -> bool:
    request = meeting.request
    return owns_registration(user, request.a) or owns_registration(user, request.b)


def can_view_meeting(user, meeting) -> bool:
    """A meeting's details and private notes: its parties, its interpreter, organisers."""
    if can_read_internals(user, meeting.event) or is_party(user, meeting):
        return True
    return meeting.interpreter_id is not None and owns_registration(user, meeting.interpreter)


def can_read_notes(user, meeting) -> bool:
    return is_organiser(user, meeting.event) or is_party(user, meeting)


def can_record_outcome(user, meeting) -> bool:
    return is_organiser(user, meeting.event) or is_party(user, meeting)


def visible_meetings(user, queryset: QuerySet) -> QuerySet:
    """Meetings ``user`` may see: all for staff; otherwise their own (as a party or the
    interpreter) and those of events they organise."""
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if user.is_ecobridge_staff:
        return queryset
    return queryset.filter(
        Q(request__a__user=user)
        | Q(request__b__user=user)
        | Q(interpreter__user=user)
        | Q(event__organisers=user)
    ).distinct()


def visible_requests(user, queryset: QuerySet) -> QuerySet:
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if user.is_ecobridge_staff:
        return queryset
    return queryset.filter(Q(a__user=user) | Q(b__user=user) | Q(event__organisers=user)).distinct()


def visible_registrations(user, queryset: QuerySet) -> QuerySet:
    """Organisers see every registration; participants see the approved participants of
    events they take part in (to choose whom to meet) and their own."""
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if user.is_ecobridge_staff:
        return queryset
    mine = queryset.model.objects.filter(user=user).values("event_id")
    return queryset.filter(
        Q(user=user) | Q(event__organisers=user) | Q(event_id__in=mine, status="approved")
    ).distinct()


def visible_events(user, queryset: QuerySet) -> QuerySet:
    if getattr(user, "is_authenticated", False) and user.is_ecobridge_staff:
        return queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.filter(is_public=True)
    return queryset.filter(
        Q(is_public=True) | Q(organisers=user) | Q(registrations__user=user)
    ).distinct()
