"""The cooperation registry's own contributions to the linked timelines."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from ecobridge.cooperation.models import (
    ActionItem,
    Agreement,
    AgreementStatus,
    MechanismMeeting,
    Project,
    SourcedFact,
    Training,
)
from ecobridge.cooperation.timeline import TimelineEntry
from ecobridge.core.i18n import localize


def _codes(obj) -> tuple[str, ...]:
    return tuple(sorted(s.code for s in obj.sectors.all()))


def _agreement_entries(agreements) -> list[TimelineEntry]:
    entries = []
    for agreement in agreements.exclude(status=AgreementStatus.DRAFT).prefetch_related("sectors"):
        sectors = _codes(agreement)
        title = str(agreement)
        steps = [
            (agreement.signed_on, agreement.signed_on_precision, _("Signed")),
            (agreement.in_force_on, agreement.in_force_on_precision, _("In force")),
            (agreement.ended_on, agreement.ended_on_precision, agreement.get_status_display()),
        ]
        if agreement.signed_on and agreement.in_force_on == agreement.signed_on:
            steps.pop(1)  # in force on signature: one entry says it
        for date, precision, label in steps:
            if date is None:
                continue
            entries.append(
                TimelineEntry(
                    date=date,
                    date_precision=precision,
                    kind="agreement",
                    title=f"{label}: {title}",
                    url=agreement.get_absolute_url(),
                    sectors=sectors,
                    summary=f"{agreement.get_kind_display()} · {localize(agreement.summary).text}"[
                        :300
                    ],
                    source="cooperation",
                )
            )
        if not any(date for date, _p, _l in steps):
            entries.append(
                TimelineEntry(
                    None,
                    "day",
                    "agreement",
                    title,
                    agreement.get_absolute_url(),
                    sectors,
                    agreement.get_kind_display(),
                    "cooperation",
                )
            )
    return entries


def _meeting_entries(meetings) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            date=m.held_on,
            date_precision=m.held_on_precision,
            kind="meeting",
            title=str(m),
            url=m.get_absolute_url(),
            sectors=_codes(m),
            summary=" · ".join(p for p in (m.place, localize(m.outcomes).text[:240]) if p),
            source="cooperation",
        )
        for m in meetings.select_related("mechanism").prefetch_related("sectors").distinct()
    ]


def _project_entries(projects) -> list[TimelineEntry]:
    entries = []
    for project in projects.prefetch_related("sectors", "stages").distinct():
        sectors = _codes(project)
        start, precision = project.start
        entries.append(
            TimelineEntry(
                date=start,
                date_precision=precision,
                kind="project",
                title=str(project),
                url=project.get_absolute_url(),
                sectors=sectors,
                summary=_("Status: %(s)s") % {"s": project.get_status_display()},
                source="cooperation",
            )
        )
        for stage in project.stages.all():
            if stage.starts_on is None:
                continue
            entries.append(
                TimelineEntry(
                    date=stage.starts_on,
                    date_precision=stage.starts_on_precision,
                    kind="project",
                    title=f"{project}: {stage}",
                    url=project.get_absolute_url(),
                    sectors=sectors,
                    summary=stage.get_status_display(),
                    source="cooperation",
                )
            )
    return entries


def _training_entries(trainings) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            date=t.starts_on,
            date_precision=t.starts_on_precision,
            kind=t.kind,
            title=str(t),
            url=t.get_absolute_url(),
            sectors=_codes(t),
            summary=" · ".join(
                p
                for p in (
                    t.place,
                    _("%(n)s participants") % {"n": t.participants_total}
                    if t.participants_total
                    else "",
                    t.date_note,
                )
                if p
            ),
            source="cooperation",
        )
        for t in trainings.prefetch_related("sectors").distinct()
    ]


def _action_entries(items) -> list[TimelineEntry]:
    entries = []
    for item in items.select_related("agreement", "meeting").distinct():
        parent = item.agreement or item.meeting
        if item.agreement and item.agreement.status == AgreementStatus.DRAFT:
            continue
        entries.append(
            TimelineEntry(
                date=item.closed_on or item.due_on,
                date_precision="day",
                kind="follow_up",
                title=str(item),
                url=item.get_absolute_url(),
                sectors=_codes(item.agreement) if item.agreement else (),
                summary=f"{item.get_status_display()} · {parent}",
                source="cooperation",
            )
        )
    return entries


def _fact_entries(facts) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            date=f.as_of,
            date_precision=f.as_of_precision,
            kind="figure",
            title=str(f),
            url="",
            summary=f.source,
            source="cooperation",
        )
        for f in facts
    ]


def cooperation_timeline(country=None, organisation=None, agreement=None) -> list[TimelineEntry]:
    if agreement is not None:
        return agreement_timeline(agreement)
    if country is not None:
        agreements = Agreement.objects.filter(
            Q(party_countries=country) | Q(party_organisations__country=country)
        ).distinct()
        meetings = MechanismMeeting.objects.filter(
            Q(country=country)
            | Q(participant_countries=country)
            | Q(participant_organisations__country=country)
        )
        projects = Project.objects.filter(
            Q(recipient_countries=country) | Q(participants__organisation__country=country)
        )
        trainings = Training.objects.filter(
            Q(host_country=country)
            | Q(participation__country=country)
            | Q(organisers__country=country)
            | Q(project__in=projects.values("pk"))
            | Q(agreement__in=agreements.values("pk"))
        )
        facts = SourcedFact.objects.filter(country=country)
    else:
        agreements = Agreement.objects.filter(party_organisations=organisation).distinct()
        meetings = MechanismMeeting.objects.filter(participant_organisations=organisation)
        projects = Project.objects.filter(
            Q(participants__organisation=organisation) | Q(reporting_organisation=organisation)
        )
        trainings = Training.objects.filter(
            Q(organisers=organisation)
            | Q(project__in=projects.values("pk"))
            | Q(agreement__in=agreements.values("pk"))
        )
        facts = SourcedFact.objects.filter(organisation=organisation)
    items = ActionItem.objects.filter(
        Q(agreement__in=agreements) | Q(meeting__in=meetings.values("pk"))
    )
    return [
        *_agreement_entries(agreements),
        *_meeting_entries(meetings),
        *_project_entries(projects),
        *_training_entries(trainings),
        *_action_entries(items),
        *_fact_entries(facts),
    ]


def agreement_timeline(agreement: Agreement) -> list[TimelineEntry]:
    related = Agreement.objects.filter(
        Q(pk=agreement.pk) | Q(parent=agreement) | Q(renews=agreement)
    )
    meetings = MechanismMeeting.objects.filter(
        Q(adopted_agreements=agreement)
        | Q(cited_agreements=agreement)
        | Q(mechanism__founding_agreement=agreement)
    )
    projects = Project.objects.filter(agreements=agreement)
    trainings = Training.objects.filter(Q(agreement=agreement) | Q(project__in=projects))
    items = ActionItem.objects.filter(Q(agreement=agreement) | Q(meeting__in=meetings))
    return [
        *_agreement_entries(related),
        *_meeting_entries(meetings),
        *_project_entries(projects),
        *_training_entries(trainings),
        *_action_entries(items),
    ]
