"""Contribute events, meetings and follow-ups to the cooperation timeline (when the
cooperation app offers one): public events only, never private meeting details."""

from __future__ import annotations

from django.db.models import Q


def register() -> None:
    try:
        from ecobridge.cooperation.timeline import register_timeline_source
    except ImportError:  # the cooperation app is optional for events
        return
    register_timeline_source(timeline_entries)


def timeline_entries(country=None, organisation=None, agreement=None) -> list:
    from ecobridge.cooperation.timeline import TimelineEntry
    from ecobridge.events.models import Event, FollowUp, Meeting

    events = Event.objects.filter(is_public=True)
    if country is not None:
        events = events.filter(country=country)
    elif organisation is not None:
        events = events.filter(
            Q(organising_organisations=organisation)
            | Q(registrations__organisation=organisation, registrations__status="approved")
        )
    elif agreement is not None:
        events = events.filter(links__agreement=agreement)
    else:
        return []
    events = list(events.distinct())
    out = [
        TimelineEntry(
            date=e.start_date,
            date_precision="day",
            kind="event",
            title=str(e),
            url=e.get_absolute_url(),
            summary=e.get_kind_display(),
            source="events",
        )
        for e in events
    ]
    meetings = Meeting.objects.filter(event__in=events, status="scheduled")
    if organisation is not None:
        meetings = meetings.filter(
            Q(request__a__organisation=organisation) | Q(request__b__organisation=organisation)
        )
    count_by_event: dict[int, int] = {}
    for m in meetings:
        count_by_event[m.event_id] = count_by_event.get(m.event_id, 0) + 1
    for e in events:
        if count_by_event.get(e.pk):
            out.append(
                TimelineEntry(
                    date=e.start_date,
                    date_precision="day",
                    kind="meeting",
                    title=f"{e}: {count_by_event[e.pk]} B2B meetings",
                    url=e.get_absolute_url(),
                    source="events",
                )
            )
    for f in FollowUp.objects.filter(event__in=events).select_related("event"):
        out.append(
            TimelineEntry(
                date=f.due_date,
                date_precision="day",
                kind="follow_up",
                title=f.title,
                url=f.event.get_absolute_url(),
                source="events",
            )
        )
    return out
