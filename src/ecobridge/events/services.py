"""Domain functions of the events app: one per action.

Each checks permission (rules.py), validates, writes in one transaction, leaves an audit
entry and queues e-mails for after the commit. Every change to a meeting is announced
to its parties and interpreter: no meeting is ever dropped or moved silently.
"""

from __future__ import annotations

import copy
import datetime
import zoneinfo
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ecobridge.core.audit import diff, record, snapshot
from ecobridge.core.i18n import clean_i18n, localize
from ecobridge.core.permissions import require
from ecobridge.directory.models import LANGUAGE_CHOICES, Need, Technology
from ecobridge.events import notify, rules
from ecobridge.events.models import (
    MEETING_ROLES,
    Event,
    EventKind,
    EventLink,
    FollowUp,
    FollowUpStatus,
    LinkKind,
    Meeting,
    MeetingNote,
    MeetingRequest,
    MeetingStatus,
    Outcome,
    Priority,
    Registration,
    RegistrationStatus,
    RequestMode,
    RequestOrigin,
    RequestStatus,
    Role,
    Session,
    SessionKind,
    Slot,
    Table,
    unplaced_headline,
)

LANGUAGE_CODES = {code for code, _label in LANGUAGE_CHOICES}
MAX_MEETING_CAP = 40


# --- small helpers -------------------------------------------------------------------


def _fail(field: str, message: str) -> None:
    raise ValidationError({field: [message]})


def event_zone(event: Event) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(event.timezone)


def local_time(event: Event, value: datetime.datetime) -> datetime.datetime:
    return value.astimezone(event_zone(event))


def _clean_languages(value: Any, field: str = "languages") -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list | tuple):
        _fail(field, _("Give a list of language codes."))
    out: list[str] = []
    for code in value:
        if code not in LANGUAGE_CODES:
            _fail(field, _("Unknown language code %(code)r.") % {"code": code})
        if code not in out:
            out.append(code)
    return out


def _require_organiser(actor, event: Event) -> None:
    require(rules.is_organiser(actor, event), _("Only the event's organisers may do this."))


def _lock_event(event: Event) -> Event:
    """Serialise schedule changes of one event: every writer of meetings takes this row
    lock first, so two organisers can never both see a table free and both take it."""
    return Event.objects.select_for_update().get(pk=event.pk)


def _after_check(meeting_pk: int | None) -> None:
    """Called between the availability checks and the write; a seam for the concurrency
    tests, which hold two writers here to provoke the race."""


def _fmt(event: Event, slot: Slot) -> str:
    start = local_time(event, slot.start)
    end = local_time(event, slot.end)
    return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M} ({event.timezone})"


# --- events and sessions -------------------------------------------------------------

EVENT_FIELDS = (
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
)


def _validate_event(event: Event) -> None:
    errors: dict[str, list[str]] = {}
    if not event.title:
        errors.setdefault("title", []).append(_("Enter a title in at least one language."))
    if event.kind not in EventKind.values:
        errors.setdefault("kind", []).append(_("Unknown kind of event."))
    if event.request_mode not in RequestMode.values:
        errors.setdefault("request_mode", []).append(_("Unknown request mode."))
    try:
        zoneinfo.ZoneInfo(event.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        errors.setdefault("timezone", []).append(
            _("Unknown time zone %(zone)r (use a name such as Asia/Almaty).")
            % {"zone": event.timezone}
        )
    if event.start_date and event.end_date and event.end_date < event.start_date:
        errors.setdefault("end_date", []).append(_("The last day is before the first day."))
    if not event.slug:
        errors.setdefault("slug", []).append(_("Give the event a short name."))
    elif Event.objects.filter(slug=event.slug).exclude(pk=event.pk).exists():
        errors.setdefault("slug", []).append(_("Another event already uses this short name."))
    if errors:
        raise ValidationError(errors)


def create_event(actor, data: dict[str, Any]) -> Event:
    require(rules.can_create_event(actor), _("Only programme officers may create events."))
    values = {k: data[k] for k in EVENT_FIELDS if k in data}
    values["title"] = clean_i18n(values.get("title"))
    values["description"] = clean_i18n(values.get("description"))
    if not values.get("slug"):
        values["slug"] = slugify(localize(values["title"], "en").text)[:60]
    event = Event(**values)
    _validate_event(event)
    with transaction.atomic():
        event.save()
        organisers = list(data.get("organisers") or [])
        if getattr(actor, "pk", None) and not organisers:
            organisers = [actor]
        event.organisers.set(organisers)
        event.organising_organisations.set(data.get("organising_organisations") or [])
        record(actor, "events.create_event", event, diff({}, snapshot(event)))
    return event


def update_event(actor, event: Event, data: dict[str, Any]) -> Event:
    _require_organiser(actor, event)
    before = snapshot(event)
    for key in EVENT_FIELDS:
        if key in data:
            value = data[key]
            if key in ("title", "description"):
                value = clean_i18n(value)
            setattr(event, key, value)
    _validate_event(event)
    with transaction.atomic():
        event.save()
        if "organisers" in data:
            event.organisers.set(data["organisers"])
        if "organising_organisations" in data:
            event.organising_organisations.set(data["organising_organisations"])
        record(actor, "events.update_event", event, diff(before, snapshot(event)))
    return event


def link_event(
    actor, event: Event, *, kind: str, target: Any = None, reference: str = ""
) -> EventLink:
    """Link an event to an agreement or project record, or to a plain reference."""
    _require_organiser(actor, event)
    if kind not in LinkKind.values:
        _fail("kind", _("Link to an agreement, a project or something else."))
    if target is None and not reference.strip():
        _fail("reference", _("Give the linked record or a reference."))
    link = EventLink(event=event, kind=kind, reference=reference.strip()[:300])
    if target is not None:
        _set_target(link, target)
        link.reference = link.reference or str(target)[:300]
    with transaction.atomic():
        link.save()
        record(actor, "events.link_event", event, {"link": [None, link.reference]})
    return link


def _set_target(obj: EventLink | FollowUp, target: Any) -> None:
    """Agreements and projects of the cooperation registry get real foreign keys; any
    other record a generic relation."""
    label = target._meta.label
    if label == "cooperation.Agreement":
        obj.agreement = target
    elif label == "cooperation.Project":
        obj.project = target
    else:
        obj.content_type = ContentType.objects.get_for_model(target)
        obj.object_id = str(target.pk)


def add_session(actor, event: Event, data: dict[str, Any]) -> Session:
    _require_organiser(actor, event)
    session = Session(
        event=event,
        kind=data.get("kind") or SessionKind.TALK,
        title=clean_i18n(data.get("title")),
        description=clean_i18n(data.get("description")),
        start=data.get("start"),
        end=data.get("end"),
        room=data.get("room", ""),
        host_organisation=data.get("host_organisation"),
        is_public=data.get("is_public", True),
    )
    if session.kind not in SessionKind.values:
        _fail("kind", _("Unknown kind of session."))
    if not session.title:
        _fail("title", _("Enter a title in at least one language."))
    if not session.start or not session.end:
        _fail("start", _("Give the start and end time."))
    if session.end <= session.start:
        _fail("end", _("The session ends before it starts."))
    with transaction.atomic():
        session.save()
        attendees = list(data.get("attendees") or [])
        if any(r.event_id != event.pk for r in attendees):
            _fail("attendees", _("Attendees must be registered for this event."))
        session.attendees.set(attendees)
        session.speakers.set(data.get("speakers") or [])
        record(actor, "events.add_session", session, diff({}, snapshot(session)))
    return session


def clone_event(
    actor, event: Event, *, slug: str, start_date: datetime.date, title: dict | None = None
) -> Event:
    """A new event built from ``event`` as a template: sessions, B2B slots, tables,
    organisers and links move with the dates; people, requests and meetings do not."""
    require(rules.can_create_event(actor), _("Only programme officers may create events."))
    delta = start_date - event.start_date
    shift = datetime.timedelta(days=delta.days)
    clone = Event(
        slug=slug,
        title=clean_i18n(title) if title else dict(event.title),
        kind=event.kind,
        description=dict(event.description),
        start_date=start_date,
        end_date=event.end_date + shift,
        timezone=event.timezone,
        venue=event.venue,
        city=event.city,
        country=event.country,
        request_mode=event.request_mode,
        default_meeting_cap=event.default_meeting_cap,
        is_public=event.is_public,
        cloned_from=event,
    )
    _validate_event(clone)
    with transaction.atomic():
        clone.save()
        clone.organisers.set(event.organisers.all())
        clone.organising_organisations.set(event.organising_organisations.all())
        for link in event.links.all():
            EventLink.objects.create(
                event=clone,
                kind=link.kind,
                agreement=link.agreement,
                project=link.project,
                content_type=link.content_type,
                object_id=link.object_id,
                reference=link.reference,
            )
        for session in event.sessions.prefetch_related("slots"):
            slots = list(session.slots.all())
            session.pk = None
            session.event = clone
            session.start += shift
            session.end += shift
            session.save()
            Slot.objects.bulk_create(
                Slot(session=session, start=s.start + shift, end=s.end + shift) for s in slots
            )
        for table in event.tables.all():
            Table.objects.create(event=clone, name=table.name, room=table.room)
        record(actor, "events.clone_event", clone, {"cloned_from": [None, event.slug]})
    return clone


# --- registrations -------------------------------------------------------------------


def prefill_profile(registration: Registration) -> None:
    """Offer and looking-for texts and sectors from the directory: a company's published
    technologies, an organisation's open needs."""
    org = registration.organisation
    if org is None:
        return
    lang = registration.language
    if not registration.offer:
        techs = Technology.objects.filter(owner=org, is_published=True)[:5]
        registration.offer = "\n".join(localize(t.title, lang).text for t in techs)
    if not registration.looking_for:
        needs = Need.objects.filter(organisation=org).exclude(status="draft")[:5]
        registration.looking_for = "\n".join(localize(n.title, lang).text for n in needs)


def _profile_sectors(registration: Registration) -> list:
    org = registration.organisation
    if org is None:
        return []
    ids = set(org.sectors.values_list("pk", flat=True))
    ids |= set(
        Technology.objects.filter(owner=org, is_published=True).values_list("sectors", flat=True)
    )
    ids |= set(
        Need.objects.filter(organisation=org)
        .exclude(status="draft")
        .values_list("sectors", flat=True)
    )
    ids.discard(None)
    return sorted(ids)


def _clean_registration(reg: Registration, b2b_sessions: Iterable[Session] | None) -> list:
    if reg.role not in Role.values:
        _fail("role", _("Unknown role."))
    if not reg.name.strip():
        _fail("name", _("Give the participant's name."))
    reg.languages = _clean_languages(reg.languages)
    if reg.role == Role.INTERPRETER and len(reg.languages) < 2:
        _fail("languages", _("An interpreter must speak at least two languages."))
    if reg.meeting_cap is not None and not 0 <= reg.meeting_cap <= MAX_MEETING_CAP:
        _fail(
            "meeting_cap",
            _("The meeting cap must be between 0 and %(max)d.") % {"max": MAX_MEETING_CAP},
        )
    sessions = list(b2b_sessions) if b2b_sessions is not None else None
    for session in sessions or []:
        if session.event_id != reg.event_id or session.kind != SessionKind.B2B:
            _fail(
                "b2b_sessions",
                _("%(session)s is not a B2B session of this event.") % {"session": session},
            )
    if reg.user_id and (
        Registration.objects.filter(event_id=reg.event_id, user_id=reg.user_id, role=reg.role)
        .exclude(pk=reg.pk)
        .exists()
    ):
        _fail("user", _("This person is already registered in this role."))
    return sessions


def register_participant(
    actor,
    event: Event,
    *,
    role: str,
    user=None,
    name: str = "",
    email: str = "",
    organisation=None,
    person=None,
    language: str | None = None,
    languages: Sequence[str] | None = None,
    meeting_cap: int | None = None,
    b2b_sessions: Iterable[Session] | None = None,
    offer: str = "",
    looking_for: str = "",
) -> Registration:
    """Register someone for an event. Organisers register anyone (approved at once);
    a signed-in user registers themselves and waits for an organiser's approval."""
    organiser = rules.is_organiser(actor, event)
    if not organiser:
        require(
            getattr(actor, "pk", None) is not None and (user is None or user.pk == actor.pk),
            _("You may only register yourself."),
        )
        user = actor
    if languages is None:
        languages = list(person.languages) if person is not None else []
    reg = Registration(
        event=event,
        role=role,
        user=user,
        person=person,
        organisation=organisation,
        name=name or (user.get_full_name() or user.username if user else ""),
        email=email or (user.email if user else ""),
        language=language or (user.language if user else "en"),
        languages=list(languages),
        meeting_cap=meeting_cap,
        offer=offer,
        looking_for=looking_for,
        status=RegistrationStatus.APPROVED if organiser else RegistrationStatus.PENDING,
    )
    if reg.role in MEETING_ROLES and reg.meeting_cap is None:
        reg.meeting_cap = event.default_meeting_cap
    sessions = _clean_registration(reg, b2b_sessions)
    prefill_profile(reg)
    with transaction.atomic():
        reg.save()
        if sessions is not None:
            reg.b2b_sessions.set(sessions)
        reg.sectors.set(_profile_sectors(reg))
        record(actor, "events.register_participant", reg, diff({}, snapshot(reg)))
    return reg


def update_registration(actor, reg: Registration, data: dict[str, Any]) -> Registration:
    """Edit a registration's profile: languages, availability, cap, offer, looking for."""
    require(rules.can_act_for(actor, reg), _("You may only change your own registration."))
    before = snapshot(reg)
    for key in ("name", "email", "language", "languages", "meeting_cap", "offer", "looking_for"):
        if key in data:
            setattr(reg, key, data[key])
    if "role" in data and rules.is_organiser(actor, reg.event):
        reg.role = data["role"]
    sessions = _clean_registration(reg, data.get("b2b_sessions"))
    with transaction.atomic():
        reg.save()
        if sessions is not None:
            reg.b2b_sessions.set(sessions)
        record(actor, "events.update_registration", reg, diff(before, snapshot(reg)))
    return reg


def invite(
    actor,
    event: Event,
    *,
    email: str,
    role: str,
    name: str,
    language: str = "en",
    organisation=None,
    languages: Sequence[str] = (),
) -> Registration:
    """Invite someone by e-mail, written in their language, with a personal link."""
    _require_organiser(actor, event)
    if not email or "@" not in email:
        _fail("email", _("Give a valid e-mail address."))
    if language not in {code for code, _n in settings.LANGUAGES}:
        _fail("language", _("Unknown language %(code)r.") % {"code": language})
    reg = Registration(
        event=event,
        role=role,
        name=name,
        email=email,
        language=language,
        languages=list(languages),
        organisation=organisation,
        status=RegistrationStatus.INVITED,
        invited_at=timezone.now(),
        meeting_cap=event.default_meeting_cap if role in MEETING_ROLES else None,
    )
    _clean_registration(reg, None)
    prefill_profile(reg)
    with transaction.atomic():
        reg.save()
        record(actor, "events.invite", reg, diff({}, snapshot(reg)))
        link = reverse("events:accept-invitation", args=[event.slug, reg.token])

        def render(_who):
            subject = _("Invitation: %(event)s") % {"event": localize(event.title).text}
            body = _(
                "Dear %(name)s,\n\nYou are invited to %(event)s (%(start)s – %(end)s, "
                "%(venue)s) as %(role)s.\nAccept the invitation and complete your profile "
                "here: %(link)s\n"
            ) % {
                "name": reg.name,
                "event": localize(event.title).text,
                "start": event.start_date,
                "end": event.end_date,
                "venue": event.venue or event.city,
                "role": reg.get_role_display(),
                "link": link,
            }
            return subject, body

        notify.send([reg], render)
    return reg


def accept_invitation(actor, event: Event, token: str) -> Registration:
    """The invited person signs in and takes up their registration."""
    require(getattr(actor, "pk", None) is not None, _("Sign in to accept the invitation."))
    reg = Registration.objects.filter(event=event, token=token).first()
    if reg is None or reg.status != RegistrationStatus.INVITED:
        _fail("token", _("This invitation is unknown or already used."))
    before = snapshot(reg)
    reg.user = actor
    reg.status = RegistrationStatus.APPROVED
    _clean_registration(reg, None)
    with transaction.atomic():
        reg.save()
        record(actor, "events.accept_invitation", reg, diff(before, snapshot(reg)))
    return reg


def decide_registration(actor, reg: Registration, approve: bool) -> Registration:
    _require_organiser(actor, reg.event)
    before = snapshot(reg)
    reg.status = RegistrationStatus.APPROVED if approve else RegistrationStatus.DECLINED
    with transaction.atomic():
        reg.save(update_fields=["status"])
        record(actor, "events.decide_registration", reg, diff(before, snapshot(reg)))
        if not approve:
            _release_meetings_of(actor, reg)

        def render(_who):
            event = localize(reg.event.title).text
            if approve:
                return (
                    _("Registration approved: %(event)s") % {"event": event},
                    _("Your registration for %(event)s as %(role)s is approved.")
                    % {"event": event, "role": reg.get_role_display()},
                )
            return (
                _("Registration declined: %(event)s") % {"event": event},
                _("Your registration for %(event)s could not be accepted.") % {"event": event},
            )

        notify.send([reg], render)
    return reg


# --- meeting requests ----------------------------------------------------------------


def request_meeting(
    actor,
    a: Registration,
    b: Registration,
    *,
    priority: int = Priority.NORMAL,
    message: str = "",
) -> MeetingRequest:
    """``a`` asks to meet ``b``. In brokered events only organisers make requests."""
    event = a.event
    organiser = rules.is_organiser(actor, event)
    require(organiser or rules.owns_registration(actor, a), _("You may only request for yourself."))
    if event.request_mode == RequestMode.BROKERED:
        require(organiser, _("In this event the organisers arrange the meetings."))
    if b.event_id != event.pk:
        _fail("b", _("Both participants must be registered for the same event."))
    if a.pk == b.pk:
        _fail("b", _("A participant cannot meet themselves."))
    for field, reg in (("a", a), ("b", b)):
        if reg.role not in MEETING_ROLES or not reg.is_approved:
            _fail(field, _("%(name)s is not an approved meeting participant.") % {"name": reg.name})
    if priority not in Priority.values:
        _fail("priority", _("Priority must be 1 (low), 2 (normal) or 3 (high)."))
    asked_back = MeetingRequest.objects.filter(a=b, b=a, status=RequestStatus.PENDING).first()
    if asked_back is not None and rules.owns_registration(actor, a):
        # b already asked a: asking back is a mutual interest, worth more to the scheduler.
        with transaction.atomic():
            before = snapshot(asked_back)
            asked_back.mutual = True
            asked_back.priority = max(asked_back.priority, priority)
            asked_back.save(update_fields=["mutual", "priority"])
            record(actor, "events.mutual_request", asked_back, diff(before, snapshot(asked_back)))
            return respond_to_request(actor, asked_back, RequestStatus.ACCEPTED)
    if (
        MeetingRequest.objects.filter(Q(a=a, b=b) | Q(a=b, b=a))
        .exclude(status=RequestStatus.CANCELLED)
        .exists()
    ):
        _fail("b", _("A request between these two participants already exists."))
    auto = event.request_mode == RequestMode.AUTO_ACCEPT
    req = MeetingRequest.objects.filter(a=a, b=b).first() or MeetingRequest(event=event, a=a, b=b)
    req.priority = priority
    req.message = message
    req.status = RequestStatus.ACCEPTED if auto else RequestStatus.PENDING
    req.approved = event.request_mode != RequestMode.ORGANISER_APPROVAL
    req.origin = (
        RequestOrigin.ORGANISER
        if organiser and not rules.owns_registration(actor, a)
        else RequestOrigin.PARTICIPANT
    )
    req.requested_by = actor if getattr(actor, "pk", None) else None
    req.answered_at = timezone.now() if auto else None
    with transaction.atomic():
        req.save()
        record(actor, "events.request_meeting", req, diff({}, snapshot(req)))

        def render(_who):
            subject = _("Meeting request from %(name)s") % {"name": str(a)}
            body = _(
                "%(name)s would like to meet you at %(event)s.\n%(message)s\n"
                "Answer on your event page: %(link)s\n"
            ) % {
                "name": str(a),
                "event": localize(event.title).text,
                "message": message,
                "link": reverse("events:my", args=[event.slug]),
            }
            return subject, body

        notify.send([b], render)
    return req


def create_requests_in_bulk(
    actor, event: Event, pairs: Iterable[tuple[Registration, Registration, int]]
) -> list[MeetingRequest]:
    """Organiser-brokered meetings: one request per chosen pair, all or nothing."""
    _require_organiser(actor, event)
    with transaction.atomic():
        return [request_meeting(actor, a, b, priority=p) for a, b, p in pairs]


def respond_to_request(actor, req: MeetingRequest, answer: str) -> MeetingRequest:
    """The recipient (or an organiser) accepts, declines or says "no thanks"."""
    require(
        rules.owns_registration(actor, req.b) or rules.is_organiser(actor, req.event),
        _("Only the person asked may answer this request."),
    )
    if answer not in (RequestStatus.ACCEPTED, RequestStatus.DECLINED, RequestStatus.NO_THANKS):
        _fail("status", _("Answer with accepted, declined or no_thanks."))
    if req.meetings.filter(status=MeetingStatus.SCHEDULED).exists() and answer != "accepted":
        _fail("status", _("This meeting is already scheduled; ask an organiser to cancel it."))
    before = snapshot(req)
    req.status = answer
    req.answered_at = timezone.now()
    with transaction.atomic():
        req.save()
        record(actor, "events.respond_to_request", req, diff(before, snapshot(req)))

        def render(_who):
            return (
                _("Your meeting request: %(status)s") % {"status": req.get_status_display()},
                _("%(name)s answered your meeting request: %(status)s.")
                % {"name": str(req.b), "status": req.get_status_display()},
            )

        notify.send([req.a], render)
    return req


def approve_request(actor, req: MeetingRequest, approved: bool = True) -> MeetingRequest:
    _require_organiser(actor, req.event)
    before = snapshot(req)
    req.approved = approved
    with transaction.atomic():
        req.save(update_fields=["approved"])
        record(actor, "events.approve_request", req, diff(before, snapshot(req)))
        if not approved:
            _lock_event(req.event)
            for meeting in req.meetings.filter(status=MeetingStatus.SCHEDULED):
                _cancel(actor, meeting, _lazy("The organisers withdrew this meeting request."))
    return req


# --- slots, tables -------------------------------------------------------------------


def generate_slots(actor, session: Session, minutes: int, gap: int = 0) -> list[Slot]:
    """Cut a B2B session into meeting slots of ``minutes`` with ``gap`` minutes between."""
    _require_organiser(actor, session.event)
    if session.kind != SessionKind.B2B:
        _fail("session", _("Slots belong to B2B sessions only."))
    if not 5 <= minutes <= 240:
        _fail("minutes", _("A slot lasts between 5 and 240 minutes."))
    if gap < 0:
        _fail("gap", _("The gap cannot be negative."))
    if session.slots.exists():
        _fail("session", _("This session already has slots."))
    step = datetime.timedelta(minutes=minutes)
    pause = datetime.timedelta(minutes=gap)
    slots = []
    start = session.start
    while start + step <= session.end:
        slots.append(Slot(session=session, start=start, end=start + step))
        start += step + pause
    if not slots:
        _fail("minutes", _("The session is shorter than one slot."))
    with transaction.atomic():
        Slot.objects.bulk_create(slots)
        record(actor, "events.generate_slots", session, {"slots": [0, len(slots)]})
    return list(session.slots.all())


def add_table(actor, event: Event, name: str, room: str = "") -> Table:
    _require_organiser(actor, event)
    if not name.strip():
        _fail("name", _("Give the table a name."))
    if event.tables.filter(name=name.strip()).exists():
        _fail("name", _("There is already a table with this name."))
    with transaction.atomic():
        table = Table.objects.create(event=event, name=name.strip(), room=room)
        record(actor, "events.add_table", table, diff({}, snapshot(table)))
    return table


# --- meetings: placing, moving, cancelling, locking ----------------------------------


def _available(reg: Registration, slot: Slot) -> bool:
    sessions = {s.pk for s in reg.b2b_sessions.all()}
    return not sessions or slot.session_id in sessions


def _speaks(reg: Registration) -> set[str]:
    return set(reg.languages or [])


def needs_interpreter(a: Registration, b: Registration) -> bool:
    return not (_speaks(a) & _speaks(b))


def _busy(slot: Slot, exclude: int | None):
    return Meeting.objects.filter(slot=slot, status=MeetingStatus.SCHEDULED).exclude(pk=exclude)


def free_interpreters(
    event: Event, a: Registration, b: Registration, slot: Slot, exclude: int | None = None
) -> list[Registration]:
    taken = set(_busy(slot, exclude).values_list("interpreter_id", flat=True))
    out = []
    for reg in event.registrations.filter(
        role=Role.INTERPRETER, status=RegistrationStatus.APPROVED
    ).prefetch_related("b2b_sessions"):
        langs = _speaks(reg)
        if reg.pk in taken or not _available(reg, slot):
            continue
        if langs & _speaks(a) and langs & _speaks(b):
            out.append(reg)
    return out


AUTO = object()  # "pick a free interpreter if one is needed"


def _check_placement(
    meeting: Meeting | None,
    req: MeetingRequest,
    slot: Slot,
    table: Table,
    interpreter: Any,
) -> Registration | None:
    """Every hard rule of the schedule for one meeting; returns the interpreter."""
    event = req.event
    exclude = meeting.pk if meeting else None
    if slot.session.event_id != event.pk:
        _fail("slot", _("This slot belongs to another event."))
    if table.event_id != event.pk:
        _fail("table", _("This table belongs to another event."))
    busy = _busy(slot, exclude)
    if busy.filter(table=table).exists():
        _fail(
            "table",
            _("Table %(table)s is already taken at %(slot)s.")
            % {"table": table.name, "slot": _fmt(event, slot)},
        )
    for reg in (req.a, req.b):
        if busy.filter(Q(request__a=reg) | Q(request__b=reg)).exists():
            _fail(
                "slot",
                _("%(name)s already has a meeting at %(slot)s.")
                % {"name": reg.name, "slot": _fmt(event, slot)},
            )
        if not _available(reg, slot):
            _fail("slot", _("%(name)s is not available in this session.") % {"name": reg.name})
        if meeting is None and reg.meeting_cap is not None:
            held = Meeting.objects.filter(
                Q(request__a=reg) | Q(request__b=reg), status=MeetingStatus.SCHEDULED
            ).count()
            if held >= reg.meeting_cap:
                _fail("slot", _("%(name)s has reached their meeting cap.") % {"name": reg.name})
    need = needs_interpreter(req.a, req.b)
    candidates = free_interpreters(event, req.a, req.b, slot, exclude)
    if interpreter is AUTO:
        keep = meeting.interpreter if meeting else None
        if not need:
            return None
        if keep is not None and keep in candidates:
            return keep
        if not candidates:
            _fail(
                "interpreter",
                _("%(a)s and %(b)s share no language and no interpreter is free at %(slot)s.")
                % {"a": req.a.name, "b": req.b.name, "slot": _fmt(event, slot)},
            )
        return candidates[0]
    if interpreter is None:
        if need:
            _fail("interpreter", _("These participants share no language: add an interpreter."))
        return None
    if interpreter not in candidates:
        _fail(
            "interpreter",
            _("%(name)s is not free at this time or does not speak both parties' languages.")
            % {"name": interpreter.name},
        )
    return interpreter


def _meeting_text(meeting: Meeting, viewer) -> str:
    event = meeting.event
    a, b = meeting.parties
    other = b if getattr(viewer, "pk", None) == a.pk else a
    other_text = f"{a} – {b}" if getattr(viewer, "role", None) == Role.INTERPRETER else str(other)
    interp = meeting.interpreter.name if meeting.interpreter_id else _("none needed")
    return _("%(when)s, table %(table)s, with %(who)s, interpreter: %(interp)s") % {
        "when": _fmt(event, meeting.slot),
        "table": meeting.table.name,
        "who": other_text,
        "interp": interp,
    }


def announce(
    meeting: Meeting, change: str, reason: Any = "", previous: Meeting | None = None
) -> None:
    """Tell the parties and the interpreter(s) about a change, each in their language.
    ``previous`` is a copy of the meeting before a move; ``reason`` may be a lazy string,
    rendered in each reader's language."""
    people = [meeting.request.a, meeting.request.b]
    if meeting.interpreter_id:
        people.append(meeting.interpreter)
    event_title = meeting.event.title

    def render(who):
        title = localize(event_title).text
        heads = {
            "scheduled": _("Meeting scheduled"),
            "moved": _("Meeting moved"),
            "cancelled": _("Meeting cancelled"),
        }
        body = _meeting_text(meeting, who)
        if change == "moved" and previous is not None:
            body += "\n" + _("Before: %(before)s") % {"before": _meeting_text(previous, who)}
        if reason:
            body += "\n" + _("Reason: %(reason)s") % {"reason": reason}
        return f"{heads[change]} – {title}", body

    notify.send(people, render)


def book_meeting(
    actor,
    req: MeetingRequest,
    slot: Slot,
    table: Table,
    interpreter: Any = AUTO,
    *,
    locked: bool = False,
) -> Meeting:
    """Place an accepted request in a slot at a table (an organiser's manual booking)."""
    _require_organiser(actor, req.event)
    if not req.is_schedulable:
        _fail("request", _("Only accepted and approved requests can be scheduled."))
    with transaction.atomic():
        _lock_event(req.event)
        if req.meetings.filter(status=MeetingStatus.SCHEDULED).exists():
            _fail("request", _("This request already has a meeting."))
        chosen = _check_placement(None, req, slot, table, interpreter)
        _after_check(None)
        meeting = Meeting.objects.create(
            event=req.event,
            request=req,
            slot=slot,
            table=table,
            interpreter=chosen,
            locked=locked,
        )
        req.unplaced_reason = ""
        req.save(update_fields=["unplaced_reason"])
        record(actor, "events.book_meeting", meeting, diff({}, snapshot(meeting)))
        announce(meeting, "scheduled")
    return meeting


def move_meeting(
    actor, meeting: Meeting, slot: Slot, table: Table, interpreter: Any = AUTO
) -> Meeting:
    """Move a meeting to another slot and/or table; the parties and interpreters hear."""
    _require_organiser(actor, meeting.event)
    with transaction.atomic():
        _lock_event(meeting.event)
        meeting = Meeting.objects.select_related("request__a", "request__b", "slot").get(
            pk=meeting.pk
        )
        if meeting.status != MeetingStatus.SCHEDULED:
            _fail("meeting", _("A cancelled meeting cannot be moved."))
        before = snapshot(meeting)
        old = copy.copy(meeting)
        old_interpreter = meeting.interpreter
        chosen = _check_placement(meeting, meeting.request, slot, table, interpreter)
        _after_check(meeting.pk)
        meeting.slot, meeting.table, meeting.interpreter = slot, table, chosen
        meeting.save()
        record(actor, "events.move_meeting", meeting, diff(before, snapshot(meeting)))
        announce(meeting, "moved", previous=old)
        if old_interpreter is not None and old_interpreter != chosen:
            _tell_released_interpreter(meeting, old_interpreter)
    return meeting


def _tell_released_interpreter(meeting: Meeting, interpreter: Registration) -> None:
    def render(_who):
        return (
            _("You no longer interpret a meeting – %(event)s")
            % {"event": localize(meeting.event.title).text},
            _("The meeting %(a)s – %(b)s no longer needs you.")
            % {"a": meeting.request.a.name, "b": meeting.request.b.name},
        )

    notify.send([interpreter], render)


def _cancel(actor, meeting: Meeting, reason: Any) -> None:
    """Cancel inside the caller's transaction, audited and announced."""
    before = snapshot(meeting)
    meeting.status = MeetingStatus.CANCELLED
    meeting.locked = False
    meeting.cancel_reason = str(reason)
    meeting.save()
    record(actor, "events.cancel_meeting", meeting, diff(before, snapshot(meeting)))
    announce(meeting, "cancelled", reason=reason)


def _release_meetings_of(actor, reg: Registration) -> None:
    """A registration withdrawn: its meetings are cancelled (a party) or handed to another
    free interpreter, else cancelled (an interpreter) — never left silently broken."""
    _lock_event(reg.event)
    if reg.role == Role.INTERPRETER:
        for meeting in reg.interpreted_meetings.filter(status=MeetingStatus.SCHEDULED):
            a, b = meeting.parties
            others = free_interpreters(reg.event, a, b, meeting.slot, exclude=meeting.pk)
            if not others:
                _cancel(actor, meeting, _lazy("The interpreter is no longer available."))
                continue
            before, old = snapshot(meeting), copy.copy(meeting)
            meeting.interpreter = others[0]
            meeting.save()
            record(actor, "events.move_meeting", meeting, diff(before, snapshot(meeting)))
            announce(meeting, "moved", previous=old)
            _tell_released_interpreter(meeting, reg)
        return
    for meeting in Meeting.objects.filter(
        Q(request__a=reg) | Q(request__b=reg), status=MeetingStatus.SCHEDULED
    ):
        _cancel(actor, meeting, _lazy("A participant's registration was withdrawn."))


def cancel_meeting(actor, meeting: Meeting, reason: str) -> Meeting:
    _require_organiser(actor, meeting.event)
    if not reason.strip():
        _fail("reason", _("Say why the meeting is cancelled; the participants will be told."))
    with transaction.atomic():
        _lock_event(meeting.event)
        before = snapshot(meeting)
        meeting.status = MeetingStatus.CANCELLED
        meeting.locked = False
        meeting.cancel_reason = reason.strip()
        meeting.save()
        record(actor, "events.cancel_meeting", meeting, diff(before, snapshot(meeting)))
        announce(meeting, "cancelled", reason=meeting.cancel_reason)
    return meeting


def lock_meeting(actor, meeting: Meeting, locked: bool = True) -> Meeting:
    """A locked meeting stays exactly where it is when the schedule is solved again."""
    _require_organiser(actor, meeting.event)
    if meeting.status != MeetingStatus.SCHEDULED:
        _fail("meeting", _("Only scheduled meetings can be locked."))
    before = snapshot(meeting)
    meeting.locked = locked
    with transaction.atomic():
        meeting.save(update_fields=["locked", "updated_at"])
        record(actor, "events.lock_meeting", meeting, diff(before, snapshot(meeting)))
    return meeting


def add_walk_in(
    actor, a: Registration, b: Registration, *, now: datetime.datetime | None = None
) -> Meeting:
    """On the day: two participants want to meet; put them in the first free slot from
    now with a free table (and a free interpreter if needed)."""
    event = a.event
    _require_organiser(actor, event)
    now = now or timezone.now()
    with transaction.atomic():
        req = MeetingRequest.objects.filter(Q(a=a, b=b) | Q(a=b, b=a)).first()
        if req is None:
            req = request_meeting(actor, a, b, priority=Priority.NORMAL)
            req.origin = RequestOrigin.WALK_IN
        req.status, req.approved = RequestStatus.ACCEPTED, True
        req.save()
        slots = Slot.objects.filter(session__event=event, end__gt=now).select_related("session")
        tables = list(event.tables.all())
        for slot in slots:
            for table in tables:
                try:
                    with transaction.atomic():
                        return book_meeting(actor, req, slot, table)
                except ValidationError as exc:
                    if "request" in exc.message_dict:
                        raise
                    continue
        _fail("slot", _("No free slot and table remain for these two participants today."))
    raise AssertionError("unreachable")


# --- on the day ----------------------------------------------------------------------


def check_in(actor, event: Event, code: str) -> Registration:
    """Mark a participant as arrived from their QR code (the token or the agenda URL)."""
    _require_organiser(actor, event)
    token = (code or "").strip().rstrip("/").rsplit("/", 1)[-1].rsplit("=", 1)[-1]
    reg = Registration.objects.filter(event=event, token=token).first()
    if reg is None:
        _fail("code", _("No participant of this event has this code."))
    if reg.checked_in_at is None:
        with transaction.atomic():
            reg.checked_in_at = timezone.now()
            reg.save(update_fields=["checked_in_at"])
            record(actor, "events.check_in", reg, {"checked_in_at": [None, str(reg.checked_in_at)]})
    return reg


def send_agendas(actor, event: Event, base_url: str = "") -> int:
    """E-mail every approved participant and interpreter their agenda — a link to the page
    and PDF, and the iCal file attached — each in their own language."""
    from ecobridge.events import outputs

    _require_organiser(actor, event)
    people = list(
        event.registrations.filter(status=RegistrationStatus.APPROVED).exclude(role=Role.STAFF)
    )

    def render(reg):
        items = outputs.agenda(reg)
        lines = [
            f"{i.start:%d.%m %H:%M}–{i.end:%H:%M}  {i.title}  {i.place}".rstrip() for i in items
        ]
        link = base_url + reverse("events:agenda", args=[event.slug, reg.token])
        return (
            _("Your agenda: %(event)s") % {"event": localize(event.title).text},
            _(
                "Dear %(name)s,\n\nYour agenda (times in %(zone)s):\n%(lines)s\n\n"
                "Page, PDF and QR code for check-in: %(link)s\n"
            )
            % {
                "name": reg.name,
                "zone": event.timezone,
                "lines": "\n".join(lines) or "–",
                "link": link,
            },
        )

    def attach(reg):
        return (f"agenda-{event.slug}.ics", outputs.ical(reg), "text/calendar")

    with transaction.atomic():
        sent = notify.send(people, render, attach)
        record(actor, "events.send_agendas", event, {"sent": [None, len(sent)]})
    return len(sent)


# --- outcomes, notes, follow-ups -----------------------------------------------------


def record_outcome(actor, meeting: Meeting, outcome: str, expected_value: Any = None) -> Meeting:
    require(rules.can_record_outcome(actor, meeting), _("Only the meeting's parties may do this."))
    if outcome not in Outcome.values:
        _fail("outcome", _("Unknown outcome %(value)r.") % {"value": outcome})
    value = None
    if expected_value not in (None, ""):
        try:
            value = Decimal(str(expected_value))
        except InvalidOperation:
            _fail("expected_value", _("The expected value must be a number."))
        if value < 0:
            _fail("expected_value", _("The expected value cannot be negative."))
    before = snapshot(meeting)
    meeting.outcome = outcome
    meeting.expected_value = value
    with transaction.atomic():
        meeting.save(update_fields=["outcome", "expected_value", "updated_at"])
        record(actor, "events.record_outcome", meeting, diff(before, snapshot(meeting)))
    return meeting


def add_note(actor, meeting: Meeting, text: str) -> MeetingNote:
    require(rules.can_read_notes(actor, meeting), _("Only the meeting's parties may add notes."))
    if not text.strip():
        _fail("text", _("The note is empty."))
    with transaction.atomic():
        note = MeetingNote.objects.create(meeting=meeting, author=actor, text=text.strip())
        # The note's text stays out of the audit log: it is private to the parties.
        record(actor, "events.add_note", meeting, {"note": [None, note.pk]})
    return note


def add_follow_up(
    actor,
    event: Event,
    *,
    title: str,
    owner=None,
    due_date: datetime.date | None = None,
    meeting: Meeting | None = None,
    link_kind: str = "",
    target: Any = None,
    reference: str = "",
) -> FollowUp:
    if meeting is not None:
        require(
            rules.can_record_outcome(actor, meeting),
            _("Only the meeting's parties may add follow-ups."),
        )
        if meeting.event_id != event.pk:
            _fail("meeting", _("This meeting belongs to another event."))
    else:
        _require_organiser(actor, event)
    if not title.strip():
        _fail("title", _("Say what is to be done."))
    if link_kind and link_kind not in LinkKind.values:
        _fail("link_kind", _("Link to an agreement, a project or something else."))
    follow = FollowUp(
        event=event,
        meeting=meeting,
        title=title.strip()[:300],
        owner=owner or (actor if getattr(actor, "pk", None) else None),
        due_date=due_date,
        link_kind=link_kind,
        reference=reference.strip()[:300],
    )
    if target is not None:
        _set_target(follow, target)
        follow.link_kind = follow.link_kind or {
            "cooperation.Agreement": LinkKind.AGREEMENT,
            "cooperation.Project": LinkKind.PROJECT,
        }.get(target._meta.label, LinkKind.OTHER)
    with transaction.atomic():
        follow.save()
        record(actor, "events.add_follow_up", follow, diff({}, snapshot(follow)))
    return follow


def complete_follow_up(actor, follow: FollowUp) -> FollowUp:
    allowed = rules.is_organiser(actor, follow.event) or (
        getattr(actor, "pk", None) is not None and follow.owner_id == actor.pk
    )
    require(allowed, _("Only the owner or an organiser may close this follow-up."))
    before = snapshot(follow)
    follow.status = FollowUpStatus.DONE
    with transaction.atomic():
        follow.save(update_fields=["status"])
        record(actor, "events.complete_follow_up", follow, diff(before, snapshot(follow)))
    return follow


# --- solving the schedule ------------------------------------------------------------

SOLVE_JOB = "events.solve"
_STALE = _lazy(
    "The schedule changed while the scheduler was running; nothing was changed. "
    "Run the scheduler again."
)


def start_solve(
    actor, event: Event, *, time_limit: float = 10.0, minimum_change: bool = False
) -> Any:
    """Queue the scheduling engine as a background job; its page shows the progress."""
    from ecobridge.core.jobs import enqueue
    from ecobridge.events.models import SolveRun

    _require_organiser(actor, event)
    if not 1 <= time_limit <= 600:
        _fail("time_limit", _("The time limit must be between 1 and 600 seconds."))
    if not event.tables.exists():
        _fail("tables", _("Add at least one table before solving."))
    if not Slot.objects.filter(session__event=event).exists():
        _fail("slots", _("Create the B2B slots before solving."))
    with transaction.atomic():
        job = enqueue(
            SOLVE_JOB,
            _("Schedule B2B meetings: %(event)s") % {"event": localize(event.title).text},
            user=actor if getattr(actor, "pk", None) else None,
            params={
                "event": event.pk,
                "time_limit": time_limit,
                "minimum_change": minimum_change,
            },
        )
        SolveRun.objects.create(event=event, job=job, minimum_change=minimum_change)
        record(actor, "events.start_solve", event, {"job": [None, job.pk]})
    return job


def apply_solution(
    actor,
    event: Event,
    assignments: Sequence[dict[str, int | None]],
    unplaced: dict[int, str],
    codes: dict[int, str] | None = None,
) -> dict[str, Any]:
    """Make the engine's schedule the event's schedule, changing only what differs.

    Meetings that stay put are untouched; moved, new and dropped meetings are audited
    and announced to their parties and interpreters; a dropped meeting is cancelled
    with the engine's explanation, never deleted.
    """
    _require_organiser(actor, event)
    changes: list[str] = []
    with transaction.atomic():
        _lock_event(event)
        current = {
            m.request_id: m
            for m in Meeting.objects.filter(
                event=event, status=MeetingStatus.SCHEDULED
            ).select_related("request__a", "request__b", "slot", "table", "interpreter")
        }
        wanted = {a["request"]: a for a in assignments}
        moved: list[tuple[Meeting, dict, str]] = []
        for request_id, meeting in current.items():
            target = wanted.get(request_id)
            if target is None:
                # The engine keeps every locked meeting of its problem, so a locked
                # meeting it dropped was locked after the run began (stale plan); one
                # outside the problem lost its request or a party, and is cancelled.
                if meeting.locked and request_id in unplaced:
                    raise ValidationError(_STALE)
                code = (codes or {}).get(request_id, "") if request_id in unplaced else "withdrawn"
                before = snapshot(meeting)
                meeting.status = MeetingStatus.CANCELLED
                meeting.cancel_reason = unplaced.get(request_id) or str(unplaced_headline(code))
                meeting.save()
                record(
                    actor, "events.solver_cancel_meeting", meeting, diff(before, snapshot(meeting))
                )
                # Each recipient reads the reason in their own language (a lazy string is
                # rendered under their language); the engine's detail is for organisers.
                announce(meeting, "cancelled", reason=unplaced_headline(code))
                changes.append(f"cancelled {meeting.request}")
            elif (meeting.slot_id, meeting.table_id, meeting.interpreter_id) != (
                target["slot"],
                target["table"],
                target["interpreter"],
            ):
                if meeting.locked:  # locked while the engine ran: its plan is stale
                    raise ValidationError(_STALE)
                moved.append((meeting, snapshot(meeting), copy.copy(meeting)))
        # Step moved meetings out of the way first, so swaps never collide on the
        # one-meeting-per-table-and-slot constraint inside this transaction.
        Meeting.objects.filter(pk__in=[m.pk for m, _b, _t in moved]).update(
            status=MeetingStatus.CANCELLED
        )
        for meeting, before, old in moved:
            target = wanted[meeting.request_id]
            old_interpreter = meeting.interpreter
            meeting.status = MeetingStatus.SCHEDULED
            meeting.slot_id, meeting.table_id = target["slot"], target["table"]
            meeting.interpreter_id = target["interpreter"]
            meeting.save()
            meeting.refresh_from_db()
            record(actor, "events.solver_move_meeting", meeting, diff(before, snapshot(meeting)))
            announce(meeting, "moved", previous=old)
            if old_interpreter is not None and old_interpreter.pk != target["interpreter"]:
                _tell_released_interpreter(meeting, old_interpreter)
            changes.append(f"moved {meeting.request}")
        for request_id, target in wanted.items():
            if request_id in current:
                continue
            meeting = Meeting.objects.create(
                event=event,
                request_id=request_id,
                slot_id=target["slot"],
                table_id=target["table"],
                interpreter_id=target["interpreter"],
            )
            meeting.refresh_from_db()
            record(actor, "events.solver_book_meeting", meeting, diff({}, snapshot(meeting)))
            announce(meeting, "scheduled")
            changes.append(f"scheduled {meeting.request}")
        # The schedule may have changed while the engine ran (a meeting moved or booked by
        # hand): never keep a result the engine's validator rejects; roll back instead.
        from ecobridge.events.b2b import validate_current

        if not validate_current(event).valid:
            raise ValidationError(_STALE)
        for req in event.requests.all():
            reason = unplaced.get(req.pk, "")
            code = (codes or {}).get(req.pk, "") if reason else ""
            if (req.unplaced_reason, req.unplaced_code) != (reason, code):
                req.unplaced_reason, req.unplaced_code = reason, code
                req.save(update_fields=["unplaced_reason", "unplaced_code"])
    return {"changes": changes, "unplaced": len(unplaced)}
