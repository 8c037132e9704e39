"""What came out of an agreement: follow the links, in one place.

agreement → implementing agreements and renewals → meetings that adopted or cited it, and
meetings of the mechanisms it founded (their outcomes, decisions and action items) → projects linked to it (stages, results
and indicators, trainings) → its own action items → whatever other apps contribute
through the timeline registry (events, their meetings, outcomes and follow-ups).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from ecobridge.cooperation import timeline
from ecobridge.cooperation.models import (
    ActionItem,
    Agreement,
    AgreementStatus,
    MechanismMeeting,
    Project,
    Training,
)


@dataclass
class AgreementOutcome:
    agreement: Agreement
    related_agreements: list[Agreement] = field(default_factory=list)
    meetings: list[MechanismMeeting] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    trainings: list[Training] = field(default_factory=list)
    follow_ups: list[ActionItem] = field(default_factory=list)
    contributed: list[timeline.TimelineEntry] = field(default_factory=list)
    chronology: list[timeline.TimelineEntry] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.related_agreements
            or self.meetings
            or self.projects
            or self.trainings
            or self.follow_ups
            or self.contributed
        )


def what_came_out(agreement: Agreement) -> AgreementOutcome:
    related = (
        Agreement.objects.filter(Q(parent=agreement) | Q(renews=agreement))
        .exclude(status=AgreementStatus.DRAFT)
        .order_by("signed_on", "id")
    )
    meetings = (
        MechanismMeeting.objects.filter(
            Q(adopted_agreements=agreement)
            | Q(cited_agreements=agreement)
            | Q(mechanism__founding_agreement=agreement)
        )
        .select_related("mechanism")
        .distinct()
        .order_by("held_on", "id")
    )
    projects = (
        Project.objects.filter(agreements=agreement)
        .prefetch_related("stages", "results__indicators", "participants__organisation")
        .order_by("planned_start", "id")
    )
    trainings = (
        Training.objects.filter(Q(agreement=agreement) | Q(project__in=projects))
        .distinct()
        .order_by("starts_on", "id")
    )
    follow_ups = (
        ActionItem.objects.filter(Q(agreement=agreement) | Q(meeting__in=meetings))
        .select_related("owner", "meeting")
        .distinct()
        .order_by("due_on", "id")
    )
    everything = timeline.collect(agreement=agreement)
    return AgreementOutcome(
        agreement=agreement,
        related_agreements=list(related),
        meetings=list(meetings),
        projects=list(projects),
        trainings=list(trainings),
        follow_ups=list(follow_ups),
        contributed=[e for e in everything if e.source != "cooperation"],
        chronology=everything,
    )
