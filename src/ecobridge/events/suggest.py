"""Suggested pairs for organiser-brokered meetings, with an explanation for each.

The platform's matching engine (``ecobridge.matching.pairs.suggest_pairs``) reads the
participants' offer and looking-for texts across languages; when it is unavailable or
fails (models missing on this machine), shared sectors are the fallback.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from ecobridge.core.i18n import localize
from ecobridge.events.models import (
    Event,
    MeetingRequest,
    Registration,
    RegistrationStatus,
    RequestStatus,
    Role,
)

logger = logging.getLogger(__name__)


@dataclass
class Suggestion:
    a: Registration
    b: Registration
    score: float
    explanation: str
    source: str  # "matching" or "sectors"
    needs_interpreter: bool


def _parties(event: Event) -> tuple[list[Registration], list[Registration]]:
    regs = event.registrations.filter(status=RegistrationStatus.APPROVED).prefetch_related(
        "sectors"
    )
    visitors = [r for r in regs if r.role == Role.VISITING_COMPANY]
    hosts = [r for r in regs if r.role == Role.HOST_ORGANISATION]
    return visitors, hosts


def _existing(event: Event) -> set[frozenset[int]]:
    return {
        frozenset((a, b))
        for a, b in MeetingRequest.objects.filter(event=event)
        .exclude(status=RequestStatus.CANCELLED)
        .values_list("a_id", "b_id")
    }


def by_sectors(event: Event, limit: int = 5) -> list[Suggestion]:
    visitors, hosts = _parties(event)
    taken = _existing(event)
    out = []
    for a in visitors:
        sa = {s.code: s for s in a.sectors.all()}
        for b in hosts:
            if frozenset((a.pk, b.pk)) in taken:
                continue
            shared = [sa[s.code] for s in b.sectors.all() if s.code in sa]
            if not shared:
                continue
            names = ", ".join(localize(s.name).text for s in shared)
            out.append(
                Suggestion(
                    a,
                    b,
                    float(len(shared)),
                    _("Shared sectors: %(sectors)s") % {"sectors": names},
                    "sectors",
                    not (set(a.languages) & set(b.languages)),
                )
            )
    out.sort(key=lambda s: (-s.score, s.a.pk, s.b.pk))
    return _cap(out, limit)


def _cap(items: list[Suggestion], limit: int) -> list[Suggestion]:
    load: dict[int, int] = {}
    chosen = []
    for s in items:
        if load.get(s.a.pk, 0) >= limit or load.get(s.b.pk, 0) >= limit:
            continue
        load[s.a.pk] = load.get(s.a.pk, 0) + 1
        load[s.b.pk] = load.get(s.b.pk, 0) + 1
        chosen.append(s)
    return chosen


def by_matching(event: Event, limit: int = 5) -> list[Suggestion]:
    from ecobridge.matching.pairs import Participant, suggest_pairs

    visitors, hosts = _parties(event)
    regs = {r.pk: r for r in visitors + hosts}
    people = [
        Participant(
            id=str(r.pk),
            kind="company" if r.role == Role.VISITING_COMPANY else "counterpart",
            offer=r.offer,
            looking_for=r.looking_for,
            sectors=[s.code for s in r.sectors.all()],
            languages=list(r.languages),
            name=str(r),
        )
        for r in regs.values()
    ]
    taken = _existing(event)
    out = []
    for p in suggest_pairs(people, max_per_participant=limit):
        a, b = regs[int(p.a)], regs[int(p.b)]
        if frozenset((a.pk, b.pk)) in taken:
            continue
        text = _describe(p.explanation)
        out.append(
            Suggestion(
                a, b, p.score, text or _("Similar offer and need"), "matching", p.needs_interpreter
            )
        )
    return out


def _describe(explanation: dict) -> str:
    """The matching engine's explanation in one readable line."""
    parts = []
    sectors = [s.get("label") or s.get("code") for s in explanation.get("sectors") or []]
    if sectors:
        parts.append(_("Sectors: %(list)s") % {"list": ", ".join(map(str, sectors))})
    concepts = [
        (c.get("label") or c.get("id")) if isinstance(c, dict) else str(c)
        for c in explanation.get("concepts") or []
    ]
    if concepts:
        parts.append(_("Shared concepts: %(list)s") % {"list": ", ".join(map(str, concepts[:5]))})
    passages = explanation.get("passages") or []
    if passages:
        parts.append(_("Matched text: “%(text)s”") % {"text": str(passages[0])[:160]})
    return ". ".join(parts)


def suggestions(event: Event, limit: int = 5) -> list[Suggestion]:
    if getattr(settings, "EVENTS_USE_MATCHING", True):
        try:
            found = by_matching(event, limit)
        except Exception:  # missing models or a broken engine: fall back, but say so
            logger.warning(
                "matching unavailable for event %s; using sectors", event.pk, exc_info=True
            )
        else:
            if found:
                return found
    return by_sectors(event, limit)
