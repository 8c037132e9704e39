"""Linked timelines: one registry that any app can feed.

An app contributes entries by registering a source::

    from ecobridge.cooperation.timeline import TimelineEntry, register_timeline_source

    def my_entries(country=None, organisation=None, agreement=None) -> list[TimelineEntry]:
        ...

    register_timeline_source(my_entries)   # in AppConfig.ready()

A source is called with exactly one of ``country`` (a Country), ``organisation`` (an
Organisation) or ``agreement`` (an Agreement) and returns the entries that concern it.
Entries carry plain values (no model objects), so templates and the API show them alike.
Sources show only what has happened or is planned publicly: no draft records.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TimelineEntry:
    date: datetime.date | None
    date_precision: str  # "day", "month" or "year"
    kind: str  # agreement, meeting, project, training, follow_up, event, outcome, …
    title: str
    url: str = ""
    sectors: tuple[str, ...] = field(default_factory=tuple)  # CRS codes
    summary: str = ""
    source: str = ""  # which app contributed it

    def to_dict(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        data["sectors"] = list(self.sectors)
        return data


TimelineSource = Callable[..., Iterable[TimelineEntry]]
_SOURCES: list[TimelineSource] = []

# Labels for the kinds the platform knows; other apps may add theirs here.
KIND_LABELS: dict[str, Any] = {
    "agreement": _("Agreement"),
    "meeting": _("Mechanism meeting"),
    "project": _("Project"),
    "training": _("Training"),
    "business_conference": _("Business conference"),
    "forum": _("Forum"),
    "seminar": _("Seminar"),
    "delegation": _("Delegation"),
    "consultation": _("Consultation"),
    "event": _("Event"),
    "outcome": _("Outcome"),
    "follow_up": _("Follow-up"),
    "figure": _("Figure"),
}


def register_timeline_source(func: TimelineSource) -> TimelineSource:
    if func not in _SOURCES:
        _SOURCES.append(func)
    return func


def sources() -> list[TimelineSource]:
    return list(_SOURCES)


def sort_key(entry: TimelineEntry) -> tuple:
    # Undated entries go last; within a day, keep a stable order by kind and title.
    return (entry.date is None, entry.date or datetime.date.min, entry.kind, entry.title)


def collect(
    *,
    country=None,
    organisation=None,
    agreement=None,
    kinds: Iterable[str] | None = None,
    sector: str | None = None,
) -> list[TimelineEntry]:
    """Every source's entries for one subject, in date order, optionally filtered."""
    subject = {"country": country, "organisation": organisation, "agreement": agreement}
    if sum(value is not None for value in subject.values()) != 1:
        raise ValueError("give exactly one of country, organisation or agreement")
    wanted = set(kinds or [])
    entries: list[TimelineEntry] = []
    for source in _SOURCES:
        try:
            produced = list(source(**subject) or [])
        except Exception:  # one broken contributor must not take the page down
            logger.exception("timeline source %r failed", source)
            continue
        entries.extend(produced)
    if wanted:
        entries = [e for e in entries if e.kind in wanted]
    if sector:
        entries = [e for e in entries if sector in e.sectors]
    return sorted(entries, key=sort_key)
