"""Import CAP alerts from files or uploads: validate, store, link to countries.

Countries come from ISO 3166 geocodes (``valueName`` ISO3166-1 …) and from polygon and
circle intersection with the shipped Natural Earth boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from ecobridge.alerts import cap
from ecobridge.alerts.models import Alert, AlertInfo
from ecobridge.directory.models import Country
from ecobridge.insights import geo

ISO_GEOCODE = re.compile(r"^ISO\s*-?\s*3166", re.IGNORECASE)
# national geocode schemes that name their country
NATIONAL_GEOCODES = {
    "SAME": "USA",
    "FIPS6": "USA",
    "UGC": "USA",
    "profile:CAP-CP:Location:0.3": "CAN",
}


@dataclass
class Outcome:
    """What happened to one file: imported, duplicate, skipped, invalid or rejected."""

    name: str
    status: str
    message: str = ""
    imported: int = 0
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)

    def line(self) -> str:
        text = f"{self.name}: {self.status}"
        if self.message:
            text += f" — {self.message}"
        for error in self.errors:
            text += f"\n    {error}"
        return text


def countries_for(parsed: cap.ParsedAlert) -> set[str]:
    """ISO alpha-3 codes of the countries the alert's areas touch."""
    found: set[str] = set()
    alpha2 = None
    for info in parsed.infos:
        for area in info.areas:
            for name, value in area["geocodes"]:
                if name in NATIONAL_GEOCODES:
                    found.add(NATIONAL_GEOCODES[name])
                elif ISO_GEOCODE.match(name or ""):
                    for code in value.upper().replace(",", " ").split():
                        if len(code) == 3:
                            found.add(code)
                        elif len(code) == 2:
                            alpha2 = alpha2 or dict(Country.objects.values_list("code", "alpha3"))
                            if code in alpha2:
                                found.add(alpha2[code])
            for polygon in area["polygons"]:
                found |= geo.countries_for_polygon(polygon)
            for lat, lon, radius in area["circles"]:
                found |= geo.countries_for_circle(lat, lon, radius)
    return found


def store(parsed: cap.ParsedAlert, source_name: str = "") -> tuple[Alert, bool]:
    """Save a parsed alert (idempotent on sender, identifier, sent)."""
    existing = Alert.objects.filter(
        sender=parsed.sender, identifier=parsed.identifier, sent=parsed.sent
    ).first()
    if existing:
        return existing, False
    starts, ends = parsed.period
    with transaction.atomic():
        alert = Alert.objects.create(
            identifier=parsed.identifier,
            sender=parsed.sender,
            sent=parsed.sent,
            status=parsed.status,
            msg_type=parsed.msg_type,
            scope=parsed.scope,
            cap_version=parsed.version,
            source_name=source_name[:300],
            xml=parsed.xml,
            starts_at=starts,
            expires_at=ends,
        )
        for info in parsed.infos:
            AlertInfo.objects.create(
                alert=alert,
                language=info.language[:35],
                event=info.event[:300],
                categories=info.categories,
                urgency=info.urgency,
                severity=info.severity,
                certainty=info.certainty,
                effective=info.effective,
                onset=info.onset,
                expires=info.expires,
                sender_name=info.sender_name[:300],
                headline=info.headline[:500],
                description=info.description,
                instruction=info.instruction,
                web=info.web[:500],
                areas=info.areas,
            )
        alert.countries.set(Country.objects.filter(alpha3__in=countries_for(parsed)))
    return alert, True


def import_bytes(data: bytes, name: str) -> Outcome:
    try:
        root = cap.parse_safely(data)
    except cap.HostileXML as exc:
        return Outcome(name, "rejected", f"refused for safety: {exc}")
    except cap.NotXML as exc:
        return Outcome(name, "invalid", str(exc))
    elements = cap.find_alerts(root)
    if not elements:
        reason = cap.describe(root)
        status = "invalid" if etree_localname(root) == "alert" else "skipped"
        return Outcome(name, status, reason)
    outcome = Outcome(name, "imported")
    for index, element in enumerate(elements, start=1):
        label = f"alert {index}/{len(elements)}" if len(elements) > 1 else "alert"
        version, errors = cap.validate(element)
        if errors:
            outcome.errors += [f"{label}: not valid CAP {version}: {e}" for e in errors]
            continue
        parsed = cap.read_alert(element)
        alert, created = store(parsed, name)
        outcome.alerts.append(alert)
        if created:
            outcome.imported += 1
        else:
            outcome.duplicates += 1
    if outcome.errors and not outcome.alerts:
        outcome.status = "invalid"
        outcome.message = "failed CAP schema validation"
    else:
        parts = [f"{outcome.imported} alert(s) imported"]
        if outcome.duplicates:
            parts.append(f"{outcome.duplicates} already present")
        if outcome.errors:
            parts.append(f"{len(outcome.errors)} schema error(s) in other alerts")
        outcome.message = ", ".join(parts)
        if not outcome.imported and outcome.duplicates:
            outcome.status = "duplicate"
    return outcome


def etree_localname(root) -> str:
    from lxml import etree

    return etree.QName(root).localname


XML_SUFFIXES = {".xml", ".cap", ".atom", ".rss"}


def import_paths(paths: list[Path]) -> list[Outcome]:
    """Import files; folders are walked for .xml, .cap, .atom and .rss files."""
    files: list[Path] = []
    outcomes = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if child.suffix.lower() in XML_SUFFIXES:
                files.append(child)
            else:
                outcomes.append(Outcome(str(child), "skipped", "not an XML file"))
    for path in files:
        if path.stat().st_size > cap.MAX_BYTES:
            outcomes.append(Outcome(str(path), "rejected", "file too large"))
            continue
        outcomes.append(import_bytes(path.read_bytes(), str(path)))
    return outcomes
