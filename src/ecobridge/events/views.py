"""Web pages of the events app. Every write goes through services.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ecobridge.core.pdf import render_pdf
from ecobridge.events import b2b, forms, outputs, rules, services, suggest
from ecobridge.events.models import (
    MEETING_ROLES,
    Event,
    LinkKind,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    Registration,
    RegistrationStatus,
    RequestMode,
    RequestStatus,
    Role,
    SessionKind,
    Slot,
)


def _event(request, slug: str) -> Event:
    event = get_object_or_404(Event, slug=slug)
    if not rules.can_read_event(request.user, event):
        raise Http404
    return event


def _organiser_event(request, slug: str) -> Event:
    event = _event(request, slug)
    if not rules.is_organiser(request.user, event):
        raise PermissionDenied(_("Only the event's organisers may do this."))
    return event


def _errors(request, exc: ValidationError, form=None) -> None:
    """Show a domain error on the form (field by field) or as a message."""
    details = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    for field, errors in details.items():
        if form is not None and field in form.fields:
            form.add_error(field, errors)
        else:
            for error in errors:
                messages.error(request, error)


# --- events --------------------------------------------------------------------------


def event_list(request):
    events = rules.visible_events(request.user, Event.objects.all())
    return render(
        request,
        "events/event_list.html",
        {
            "events": events,
            "can_create": rules.can_create_event(request.user),
        },
    )


@login_required
def event_create(request):
    if not rules.can_create_event(request.user):
        raise PermissionDenied(_("Only programme officers may create events."))
    form = forms.EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        targets = {
            LinkKind.AGREEMENT: (data.pop("agreement"), data.pop("agreement_reference")),
            LinkKind.PROJECT: (data.pop("project"), data.pop("project_reference")),
        }
        try:
            with transaction.atomic():
                event = services.create_event(request.user, data)
                for kind, (target, ref) in targets.items():
                    if target is not None or ref:
                        services.link_event(
                            request.user, event, kind=kind, target=target, reference=ref
                        )
        except ValidationError as exc:
            _errors(request, exc, form)
        else:
            messages.success(request, _("Event created."))
            return redirect(event)
    return render(request, "events/form.html", {"form": form, "title": _("New event")})


def event_detail(request, slug):
    event = _event(request, slug)
    organiser = rules.is_organiser(request.user, event)
    internals = rules.can_read_internals(request.user, event)
    mine = rules.registrations_of(request.user, event)
    context = {
        "event": event,
        "organiser": organiser,
        "internals": internals,
        "sessions": outputs.session_list(event, public_only=not internals),
        "mine": mine,
        "links": event.links.all(),
    }
    if internals:
        context["kpis"] = outputs.kpis(event)
        context["kpi_labels"] = outputs.KPI_LABELS
        context["follow_ups"] = event.follow_ups.select_related("owner", "meeting")
    return render(request, "events/event_detail.html", context)


@login_required
def event_clone(request, slug):
    event = _event(request, slug)
    if not rules.can_create_event(request.user):
        raise PermissionDenied(_("Only programme officers may create events."))
    form = forms.CloneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            clone = services.clone_event(request.user, event, **form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc, form)
        else:
            messages.success(request, _("Event copied. Check the dates of its sessions."))
            return redirect(clone)
    return render(
        request,
        "events/form.html",
        {
            "form": form,
            "title": _("Use %(event)s as a template") % {"event": event},
            "event": event,
        },
    )


@login_required
def session_create(request, slug):
    event = _organiser_event(request, slug)
    form = forms.SessionForm(request.POST or None, event=event)
    # Times typed in the form are the event's local times, whatever the viewer's zone.
    with timezone.override(services.event_zone(event)):
        valid = request.method == "POST" and form.is_valid()
    if valid:
        data = dict(form.cleaned_data)
        minutes = data.pop("slot_minutes")
        try:
            session = services.add_session(request.user, event, data)
            if session.kind == SessionKind.B2B and minutes:
                services.generate_slots(request.user, session, minutes)
        except ValidationError as exc:
            _errors(request, exc, form)
        else:
            messages.success(request, _("Session added."))
            return redirect(event)
    return render(
        request,
        "events/form.html",
        {
            "form": form,
            "title": _("New session"),
            "event": event,
        },
    )


# --- registrations -------------------------------------------------------------------


@login_required
def register(request, slug):
    """Self-registration, one form per role; an organiser then approves it."""
    event = _event(request, slug)
    role = request.GET.get("role") or request.POST.get("role") or Role.VISITING_COMPANY
    if role not in forms.ROLE_FIELDS or role == Role.STAFF:
        raise Http404
    form = forms.SelfRegistrationForm(
        request.POST or None, user=request.user, event=event, role=role
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.register_participant(
                request.user, event, user=request.user, role=role, **form.cleaned_data
            )
        except ValidationError as exc:
            _errors(request, exc, form)
        else:
            messages.success(request, _("Registered. An organiser will confirm."))
            return redirect("events:my", slug)
    return render(
        request,
        "events/register.html",
        {
            "form": form,
            "event": event,
            "role": role,
            "roles": forms.SELF_ROLES,
        },
    )


@login_required
def accept_invitation(request, slug, token):
    event = get_object_or_404(Event, slug=slug)
    if request.method == "POST":
        try:
            services.accept_invitation(request.user, event, token)
        except ValidationError as exc:
            _errors(request, exc)
            return redirect(event)
        messages.success(request, _("Welcome! Complete your profile below."))
        return redirect("events:my", slug)
    reg = Registration.objects.filter(event=event, token=token).first()
    if reg is None:
        raise Http404
    return render(request, "events/invitation.html", {"event": event, "reg": reg})


@login_required
def registrations(request, slug):
    event = _event(request, slug)
    if not rules.can_read_internals(request.user, event):
        raise PermissionDenied
    organiser = rules.is_organiser(request.user, event)
    form = forms.RegistrationForm(prefix="reg", event=event)
    invite_form = forms.InviteForm(prefix="inv")
    if request.method == "POST" and organiser:
        action = request.POST.get("action")
        try:
            if action == "register":
                form = forms.RegistrationForm(request.POST, prefix="reg", event=event)
                if form.is_valid():
                    data = dict(form.cleaned_data)
                    user = data.pop("username")
                    services.register_participant(request.user, event, user=user, **data)
                    messages.success(request, _("Registered %(name)s.") % {"name": data["name"]})
                    return redirect("events:registrations", slug)
            elif action == "invite":
                invite_form = forms.InviteForm(request.POST, prefix="inv")
                if invite_form.is_valid():
                    services.invite(request.user, event, **invite_form.cleaned_data)
                    messages.success(request, _("Invitation sent."))
                    return redirect("events:registrations", slug)
            elif action in ("approve", "decline"):
                reg = get_object_or_404(Registration, event=event, pk=request.POST.get("reg"))
                services.decide_registration(request.user, reg, action == "approve")
                return redirect("events:registrations", slug)
        except ValidationError as exc:
            _errors(request, exc, form if action == "register" else invite_form)
    regs = event.registrations.select_related("organisation", "user").prefetch_related(
        "b2b_sessions"
    )
    return render(
        request,
        "events/registrations.html",
        {
            "event": event,
            "regs": regs,
            "form": form,
            "invite_form": invite_form,
            "organiser": organiser,
        },
    )


@login_required
def my_event(request, slug):
    """A participant's page: profile, requests made and received, agenda link."""
    event = _event(request, slug)
    mine = rules.registrations_of(request.user, event)
    if not mine:
        return redirect("events:register", slug)
    reg = next((r for r in mine if r.role in MEETING_ROLES), mine[0])
    profile = forms.ProfileForm(
        prefix="p",
        event=event,
        initial={
            "offer": reg.offer,
            "looking_for": reg.looking_for,
            "languages": reg.languages,
            "meeting_cap": reg.meeting_cap,
            "b2b_sessions": reg.b2b_sessions.all(),
        },
    )
    candidates = event.registrations.filter(
        status=RegistrationStatus.APPROVED, role__in=MEETING_ROLES
    ).exclude(pk=reg.pk)
    request_form = forms.RequestForm(prefix="r", candidates=candidates)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "profile":
                profile = forms.ProfileForm(request.POST, prefix="p", event=event)
                if profile.is_valid():
                    services.update_registration(request.user, reg, profile.cleaned_data)
                    messages.success(request, _("Profile saved."))
                    return redirect("events:my", slug)
            elif action == "request":
                request_form = forms.RequestForm(request.POST, prefix="r", candidates=candidates)
                if request_form.is_valid():
                    data = request_form.cleaned_data
                    services.request_meeting(
                        request.user,
                        reg,
                        data["b"],
                        priority=data["priority"],
                        message=data["message"],
                    )
                    messages.success(request, _("Request sent."))
                    return redirect("events:my", slug)
            elif action in (
                RequestStatus.ACCEPTED,
                RequestStatus.DECLINED,
                RequestStatus.NO_THANKS,
            ):
                req = get_object_or_404(MeetingRequest, event=event, pk=request.POST.get("req"))
                services.respond_to_request(request.user, req, action)
                messages.success(request, _("Answer saved."))
                return redirect("events:my", slug)
        except ValidationError as exc:
            _errors(request, exc, request_form if action == "request" else profile)
    return render(
        request,
        "events/my.html",
        {
            "event": event,
            "reg": reg,
            "profile": profile,
            "request_form": request_form,
            "made": reg.requests_made.select_related("b"),
            "received": reg.requests_received.select_related("a"),
            "brokered": event.request_mode == RequestMode.BROKERED,
        },
    )


@login_required
def requests_page(request, slug):
    """Organisers: all requests, approval, and brokered suggestions created in bulk."""
    event = _event(request, slug)
    if not rules.can_read_internals(request.user, event):
        raise PermissionDenied
    organiser = rules.is_organiser(request.user, event)
    if request.method == "POST" and organiser:
        action = request.POST.get("action")
        try:
            if action == "bulk":
                regs = {r.pk: r for r in event.registrations.all()}
                pairs = []
                for value in request.POST.getlist("pair"):
                    a, b = (int(x) for x in value.split("-"))
                    pairs.append((regs[a], regs[b], 2))
                created = services.create_requests_in_bulk(request.user, event, pairs)
                messages.success(request, _("%(n)d requests created.") % {"n": len(created)})
            elif action in ("approve", "reject", "accept_for"):
                req = get_object_or_404(MeetingRequest, event=event, pk=request.POST.get("req"))
                if action == "accept_for":
                    services.respond_to_request(request.user, req, RequestStatus.ACCEPTED)
                else:
                    services.approve_request(request.user, req, action == "approve")
        except ValidationError as exc:
            _errors(request, exc)
        return redirect("events:requests", slug)
    show = request.GET.get("suggest") == "1" and organiser
    return render(
        request,
        "events/requests.html",
        {
            "event": event,
            "organiser": organiser,
            "reqs": event.requests.select_related("a", "b"),
            "suggestions": suggest.suggestions(event) if show else None,
        },
    )


# --- schedule ------------------------------------------------------------------------


@login_required
def schedule(request, slug):
    event = _event(request, slug)
    if not rules.can_read_internals(request.user, event):
        raise PermissionDenied
    organiser = rules.is_organiser(request.user, event)
    if request.method == "POST":
        if not organiser:
            raise PermissionDenied
        return _schedule_action(request, event)
    meetings_by_id = {}
    grid = outputs.master_grid(event)
    for block in grid["sessions"]:
        for row in block["rows"]:
            for cell in row["cells"]:
                if cell:
                    meetings_by_id[cell.pk] = cell
    report = b2b.validate_current(event)
    return render(
        request,
        "events/schedule.html",
        {
            "problems": [b2b.humanise(event, e) for e in report.errors[:20]],
            "event": event,
            "organiser": organiser,
            "grid": grid,
            "table_form": forms.TableForm(prefix="t"),
            "solve_form": forms.SolveForm(prefix="s"),
            "move_form": forms.MoveForm(prefix="m", event=event),
            "walk_in_form": forms.WalkInForm(
                prefix="w",
                participants=event.registrations.filter(
                    status=RegistrationStatus.APPROVED, role__in=MEETING_ROLES
                ),
            ),
            "unplaced": event.requests.exclude(unplaced_reason="").select_related("a", "b"),
            "runs": event.solve_runs.select_related("job")[:5],
            "cancelled": event.meetings.filter(status=MeetingStatus.CANCELLED).select_related(
                "request__a", "request__b", "slot"
            ),
        },
    )


def _schedule_action(request, event: Event):
    action = request.POST.get("action")
    back = redirect("events:schedule", event.slug)
    try:
        if action == "table":
            form = forms.TableForm(request.POST, prefix="t")
            if form.is_valid():
                services.add_table(request.user, event, **form.cleaned_data)
        elif action == "solve":
            form = forms.SolveForm(request.POST, prefix="s")
            if form.is_valid():
                job = services.start_solve(request.user, event, **form.cleaned_data)
                return redirect("portal:job-detail", job.pk)
        elif action == "send_agendas":
            count = services.send_agendas(
                request.user, event, base_url=request.build_absolute_uri("/")[:-1]
            )
            messages.success(request, _("Agendas sent to %(n)d people.") % {"n": count})
        elif action == "walk_in":
            participants = event.registrations.filter(status=RegistrationStatus.APPROVED)
            form = forms.WalkInForm(request.POST, prefix="w", participants=participants)
            if form.is_valid():
                meeting = services.add_walk_in(request.user, **form.cleaned_data)
                messages.success(request, _("Walk-in meeting booked: %(m)s") % {"m": meeting})
        else:
            meeting = get_object_or_404(Meeting, event=event, pk=request.POST.get("meeting"))
            if action == "move":
                form = forms.MoveForm(request.POST, prefix="m", event=event)
                if form.is_valid():
                    services.move_meeting(request.user, meeting, **form.cleaned_data)
                    messages.success(request, _("Meeting moved; the participants are told."))
                else:
                    messages.error(request, _("Choose a slot and a table."))
            elif action == "cancel":
                services.cancel_meeting(request.user, meeting, request.POST.get("reason", ""))
                messages.success(request, _("Meeting cancelled; the participants are told."))
            elif action in ("lock", "unlock"):
                services.lock_meeting(request.user, meeting, action == "lock")
    except ValidationError as exc:
        _errors(request, exc)
    return back


@login_required
def grid_print(request, slug):
    event = _event(request, slug)
    if not rules.can_read_internals(request.user, event):
        raise PermissionDenied
    return render(
        request,
        "events/grid_print.html",
        {
            "event": event,
            "grid": outputs.master_grid(event),
        },
    )


@login_required
def table_signs(request, slug):
    event = _event(request, slug)
    if not rules.can_read_internals(request.user, event):
        raise PermissionDenied
    pdf = render_pdf(
        "events/table_signs.html",
        {"event": event, "tables": event.tables.all()},
        extra_css="@page { size: A4 landscape; }",
    )
    return HttpResponse(pdf, content_type="application/pdf")


# --- meetings ------------------------------------------------------------------------


@login_required
def meeting_detail(request, slug, pk):
    event = _event(request, slug)
    meeting = get_object_or_404(
        Meeting.objects.select_related("request__a", "request__b", "slot", "table", "interpreter"),
        event=event,
        pk=pk,
    )
    if not rules.can_view_meeting(request.user, meeting):
        raise Http404
    can_write = rules.can_record_outcome(request.user, meeting)
    outcome_form = forms.OutcomeForm(
        prefix="o", initial={"outcome": meeting.outcome, "expected_value": meeting.expected_value}
    )
    note_form = forms.NoteForm(prefix="n")
    follow_form = forms.FollowUpForm(prefix="f")
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        action = request.POST.get("action")
        try:
            if action == "outcome":
                outcome_form = forms.OutcomeForm(request.POST, prefix="o")
                if outcome_form.is_valid():
                    services.record_outcome(request.user, meeting, **outcome_form.cleaned_data)
                    messages.success(request, _("Outcome saved."))
                    return redirect(meeting)
            elif action == "note":
                note_form = forms.NoteForm(request.POST, prefix="n")
                if note_form.is_valid():
                    services.add_note(request.user, meeting, note_form.cleaned_data["text"])
                    return redirect(meeting)
            elif action == "follow_up":
                follow_form = forms.FollowUpForm(request.POST, prefix="f")
                if follow_form.is_valid():
                    services.add_follow_up(
                        request.user, event, meeting=meeting, **follow_form.cleaned_data
                    )
                    return redirect(meeting)
        except ValidationError as exc:
            _errors(request, exc)
    a, b = meeting.parties
    return render(
        request,
        "events/meeting.html",
        {
            "event": event,
            "meeting": meeting,
            "a": a,
            "b": b,
            "can_write": can_write,
            "notes": meeting.notes.select_related("author")
            if rules.can_read_notes(request.user, meeting)
            else None,
            "follow_ups": meeting.follow_ups.select_related("owner"),
            "outcome_form": outcome_form,
            "note_form": note_form,
            "follow_form": follow_form,
        },
    )


# --- agendas -------------------------------------------------------------------------


def _agenda_reg(request, slug, token) -> Registration:
    event = get_object_or_404(Event, slug=slug)
    reg = get_object_or_404(Registration, event=event, token=token)
    if not (
        rules.owns_registration(request.user, reg) or rules.can_read_internals(request.user, event)
    ):
        raise Http404
    return reg


def _agenda_context(request, reg: Registration) -> dict:
    check_in_url = request.build_absolute_uri(
        reverse("events:agenda", args=[reg.event.slug, reg.token])
    )
    return {
        "event": reg.event,
        "reg": reg,
        "items": outputs.agenda(reg),
        "qr": outputs.qr_data_uri(check_in_url),
        "code": reg.token,
        "interpreter": reg.role == "interpreter",
    }


@login_required
def agenda(request, slug, token):
    reg = _agenda_reg(request, slug, token)
    return render(request, "events/agenda.html", _agenda_context(request, reg))


@login_required
def agenda_pdf(request, slug, token):
    reg = _agenda_reg(request, slug, token)
    pdf = render_pdf("events/agenda_pdf.html", _agenda_context(request, reg))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="agenda-{reg.event.slug}.pdf"'
    return response


@login_required
def agenda_ics(request, slug, token):
    reg = _agenda_reg(request, slug, token)
    response = HttpResponse(outputs.ical(reg), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="agenda-{reg.event.slug}.ics"'
    return response


@login_required
def agenda_qr(request, slug, token):
    reg = _agenda_reg(request, slug, token)
    url = request.build_absolute_uri(reverse("events:agenda", args=[slug, reg.token]))
    return HttpResponse(outputs.qr_svg(url), content_type="image/svg+xml")


# --- on the day ----------------------------------------------------------------------


@login_required
def check_in(request, slug):
    event = _organiser_event(request, slug)
    form = forms.CheckInForm(request.POST or None)
    arrived = None
    if request.method == "POST" and form.is_valid():
        try:
            arrived = services.check_in(request.user, event, form.cleaned_data["code"])
        except ValidationError as exc:
            _errors(request, exc, form)
        else:
            messages.success(request, _("%(name)s has arrived.") % {"name": arrived})
            form = forms.CheckInForm()
    regs = event.registrations.exclude(status=RegistrationStatus.DECLINED)
    return render(
        request,
        "events/check_in.html",
        {
            "event": event,
            "form": form,
            "arrived": arrived,
            "present": regs.exclude(checked_in_at=None).count(),
            "total": regs.count(),
        },
    )


@login_required
def live(request, slug):
    """Who is where now: the current (or next) slot's meetings and arrivals."""
    event = _event(request, slug)
    if not rules.can_read_internals(request.user, event):
        raise PermissionDenied
    now = timezone.now()
    slot = (
        Slot.objects.filter(session__event=event, end__gt=now).order_by("start").first()
        or Slot.objects.filter(session__event=event).order_by("-start").first()
    )
    meetings = (
        Meeting.objects.filter(slot=slot, status=MeetingStatus.SCHEDULED).select_related(
            "request__a", "request__b", "table", "interpreter"
        )
        if slot
        else []
    )
    regs = event.registrations.filter(status=RegistrationStatus.APPROVED)
    context = {
        "event": event,
        "slot": slot,
        "slot_start": slot.start.astimezone(services.event_zone(event)) if slot else None,
        "meetings": meetings,
        "arrived": regs.exclude(checked_in_at=None),
        "missing": regs.filter(checked_in_at=None)
        .filter(Q(requests_made__meetings__slot=slot) | Q(requests_received__meetings__slot=slot))
        .distinct()
        if slot
        else [],
    }
    template = "events/_live.html" if request.headers.get("HX-Request") else "events/live.html"
    return render(request, template, context)


@login_required
def kpi_xlsx(request, slug):
    event = _event(request, slug)
    if not rules.can_read_internals(request.user, event):
        raise PermissionDenied
    response = HttpResponse(
        outputs.kpi_workbook(event),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="kpis-{event.slug}.xlsx"'
    return response
