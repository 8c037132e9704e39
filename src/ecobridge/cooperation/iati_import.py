"""Import IATI 2.03 activities as projects, with triage instead of all-or-nothing.

Every problem names its severity, the activity identifier and the XPath:
- critical: the file cannot be used at all (unsafe, not XML, not IATI 2.x activities);
  nothing is written.
- error: that activity is skipped (schema violation, no identifier, no title, unknown
  activity status, …); the others can still be imported.
- warning: the activity is imported without one detail (an unknown sector code, an
  organisation not in the directory kept as a name, …).

A dry run reports what would happen and writes nothing. A real run writes only the
activities the user confirmed (``only``), all in one transaction.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from ecobridge.cooperation import iati
from ecobridge.cooperation.models import (
    Budget,
    Indicator,
    Project,
    ProjectLocation,
    ProjectParticipant,
    Result,
    Transaction,
)
from ecobridge.cooperation.rules import can_edit_cooperation
from ecobridge.core import audit
from ecobridge.core.i18n import CONTENT_LANGUAGE_CODES
from ecobridge.core.permissions import require
from ecobridge.directory.models import Country, Organisation, Sector

CRITICAL, ERROR, WARNING = "critical", "error", "warning"
# "/iati-activities/iati-activity[3]/budget" → activity 3; no index means the only one.
_ACTIVITY_PATH = re.compile(r"^/iati-activities/iati-activity(?:\[(\d+)\])?")


@dataclass
class Problem:
    severity: str
    activity: str  # the iati-identifier, "" for the file
    xpath: str
    message: str

    def __str__(self) -> str:
        where = f"activity {self.activity}" if self.activity else "file"
        return f"{self.severity.upper()} {where} at {self.xpath or '/'}: {self.message}"


@dataclass
class ActivitySummary:
    identifier: str
    title: str
    importable: bool
    action: str  # create / update / skip


@dataclass
class IatiImportReport:
    dry_run: bool
    activities: list[ActivitySummary] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    skipped: int = 0

    @property
    def has_critical(self) -> bool:
        return any(p.severity == CRITICAL for p in self.problems)

    @property
    def has_errors(self) -> bool:
        return any(p.severity == ERROR for p in self.problems)

    def add(self, severity: str, activity: str, xpath: str, message: str) -> None:
        self.problems.append(Problem(severity, activity, xpath, message))

    def summary(self) -> str:
        if self.has_critical:
            return (
                "IATI import: not imported — the file has a critical problem; nothing was written."
            )
        verb = "would be" if self.dry_run else "were"
        return (
            f"IATI import: {len(self.activities)} activities; {self.created} {verb} created, "
            f"{self.updated} updated, {self.skipped} skipped."
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(has_critical=self.has_critical, summary=self.summary())
        return data


class _Activity:
    """What one ``<iati-activity>`` says, read tolerantly."""

    def __init__(
        self, element, index: int, report: IatiImportReport, default_lang: str, digest: str = ""
    ):
        self.element, self.index, self.report = element, index, report
        self.file_digest = digest
        self.xpath = f"/iati-activities/iati-activity[{index}]"
        self.lang = element.get(iati.XML_LANG) or default_lang or "en"
        self.identifier = (element.findtext("iati-identifier") or "").strip()
        self.errors = 0
        self.data: dict[str, Any] = {}

    def problem(self, severity: str, path: str, message: str) -> None:
        if severity == ERROR:
            self.errors += 1
        self.report.add(severity, self.identifier, f"{self.xpath}{path}", message)

    def texts(self, element, path: str) -> dict[str, str]:
        if element is None:
            return {}
        texts: dict[str, str] = {}
        for n, narrative in enumerate(element.findall("narrative"), start=1):
            lang = (narrative.get(iati.XML_LANG) or self.lang).lower()
            text = (narrative.text or "").strip()
            if not text:
                continue
            if lang not in CONTENT_LANGUAGE_CODES:
                self.problem(
                    WARNING, f"{path}/narrative[{n}]", f"text in language {lang!r} is not kept"
                )
                continue
            texts.setdefault(lang, text)
        return texts

    def date(self, element, attribute: str, path: str, severity: str = ERROR):
        raw = (element.get(attribute) or "").strip() if element is not None else ""
        try:
            return datetime.date.fromisoformat(raw[:10])
        except ValueError:
            self.problem(severity, f"{path}/@{attribute}", f"not a date: {raw!r}")
            return None

    def decimal(self, text: str | None, path: str):
        try:
            return decimal.Decimal((text or "").strip())
        except decimal.InvalidOperation:
            self.problem(WARNING, path, f"not a number: {text!r}; left out")
            return None


def _read_activity(activity: _Activity, seen: set[str]) -> None:
    el, data = activity.element, activity.data
    if not activity.identifier:
        # Tolerant: keep the activity under a stable local identifier (the same file
        # always yields the same one) and say so, rather than refuse it.
        activity.identifier = f"LOCAL-{activity.file_digest}-{activity.index}"
        activity.problem(
            WARNING,
            "/iati-identifier",
            f"the activity has no iati-identifier; kept as {activity.identifier} — "
            "set the real identifier before publishing",
        )
    if activity.identifier in seen:
        activity.problem(ERROR, "/iati-identifier", "the identifier appears twice in the file")
    seen.add(activity.identifier)
    data["title"] = activity.texts(el.find("title"), "/title")
    if not data["title"]:
        activity.problem(ERROR, "/title", "no title in a supported language")
    descriptions = el.findall("description")
    chosen = next((d for d in descriptions if d.get("type", "1") == "1"), None)
    data["description"] = activity.texts(chosen, "/description") if chosen is not None else {}
    status = el.find("activity-status")
    code = status.get("code") if status is not None else None
    if code not in iati.codelist("ActivityStatus"):
        activity.problem(
            WARNING,
            "/activity-status/@code",
            f"unknown activity status {code!r}; recorded as 1 (Pipeline/identification) — check it",
        )
        code = "1"
    data["status"] = code
    currency = el.get("default-currency") or "USD"
    if currency not in iati.codelist("Currency"):
        activity.problem(WARNING, "/@default-currency", f"unknown currency {currency!r}; USD used")
        currency = "USD"
    data["default_currency"] = currency
    names = {"1": "planned_start", "2": "actual_start", "3": "planned_end", "4": "actual_end"}
    for n, date_el in enumerate(el.findall("activity-date"), start=1):
        name = names.get(date_el.get("type", ""))
        if name is None:
            activity.problem(WARNING, f"/activity-date[{n}]/@type", "unknown date type; left out")
            continue
        data[name] = activity.date(date_el, "iso-date", f"/activity-date[{n}]")
    reporting = el.find("reporting-org")
    ref = reporting.get("ref", "") if reporting is not None else ""
    data["reporting_organisation"] = (
        Organisation.objects.filter(identifier=ref).first() if ref else None
    )
    if ref and data["reporting_organisation"] is None:
        activity.problem(
            WARNING, "/reporting-org/@ref", f"organisation {ref!r} is not in the directory"
        )
    data["participants"] = []
    for n, org in enumerate(el.findall("participating-org"), start=1):
        role, ref = org.get("role", ""), org.get("ref", "")
        path = f"/participating-org[{n}]"
        if role not in iati.codelist("OrganisationRole"):
            activity.problem(WARNING, f"{path}/@role", f"unknown role {role!r}; left out")
            continue
        known = Organisation.objects.filter(identifier=ref).first() if ref else None
        name = next(iter(activity.texts(org, path).values()), "") or (ref if known is None else "")
        if known is None and not name and not ref:
            activity.problem(WARNING, path, "an organisation with neither name nor ref; left out")
            continue
        if known is None:
            activity.problem(
                WARNING, path, "organisation not in the directory; kept by name and ref"
            )
        data["participants"].append({"organisation": known, "name": name, "ref": ref, "role": role})
    data["recipient_countries"] = []
    for n, country in enumerate(el.findall("recipient-country"), start=1):
        found = Country.objects.filter(code=(country.get("code") or "").upper()).first()
        if found is None:
            activity.problem(
                WARNING,
                f"/recipient-country[{n}]/@code",
                f"unknown country {country.get('code')!r}",
            )
        else:
            data["recipient_countries"].append(found)
    data["recipient_regions"] = []
    for n, region in enumerate(el.findall("recipient-region"), start=1):
        if region.get("vocabulary", "1") == "1" and region.get("code") in iati.codelist("Region"):
            data["recipient_regions"].append(region.get("code"))
        else:
            activity.problem(
                WARNING, f"/recipient-region[{n}]", "region not in the OECD DAC list; left out"
            )
    data["sectors"] = []
    for n, sector in enumerate(el.findall("sector"), start=1):
        vocabulary, code = sector.get("vocabulary", "1"), sector.get("code", "")
        found = Sector.objects.filter(code=code).first() if vocabulary == "1" else None
        if found is None:
            activity.problem(
                WARNING,
                f"/sector[{n}]",
                f"sector {code!r} (vocabulary {vocabulary}) is not a known CRS purpose code; left out",
            )
        else:
            data["sectors"].append(found)
    data["budgets"] = []
    for n, budget in enumerate(el.findall("budget"), start=1):
        path = f"/budget[{n}]"
        value_el = budget.find("value")
        start = activity.date(
            budget.find("period-start"), "iso-date", f"{path}/period-start", WARNING
        )
        end = activity.date(budget.find("period-end"), "iso-date", f"{path}/period-end", WARNING)
        value = activity.decimal(value_el.text if value_el is not None else None, f"{path}/value")
        if None in (start, end, value):
            continue
        value_date = activity.date(value_el, "value-date", f"{path}/value", WARNING) or start
        data["budgets"].append(
            {
                "period_start": start,
                "period_end": end,
                "value": value,
                "currency": value_el.get("currency") or currency,
                "value_date": value_date,
                "budget_type": budget.get("type", "1") if budget.get("type") in ("1", "2") else "1",
            }
        )
    data["transactions"] = []
    transaction_types = iati.codelist("TransactionType")
    for n, tx in enumerate(el.findall("transaction"), start=1):
        path = f"/transaction[{n}]"
        type_el, value_el = tx.find("transaction-type"), tx.find("value")
        code = type_el.get("code") if type_el is not None else None
        if code not in transaction_types:
            activity.problem(WARNING, f"{path}/transaction-type", "unknown type; left out")
            continue
        date = activity.date(
            tx.find("transaction-date"), "iso-date", f"{path}/transaction-date", WARNING
        )
        value = activity.decimal(value_el.text if value_el is not None else None, f"{path}/value")
        if date is None or value is None:
            continue
        data["transactions"].append(
            {
                "transaction_type": code,
                "date": date,
                "value": value,
                "currency": value_el.get("currency") or currency,
                "value_date": activity.date(value_el, "value-date", f"{path}/value", WARNING)
                or date,
                "description": activity.texts(tx.find("description"), f"{path}/description"),
                "provider": next(
                    iter(activity.texts(tx.find("provider-org"), f"{path}/provider-org").values()),
                    "",
                ),
                "receiver": next(
                    iter(activity.texts(tx.find("receiver-org"), f"{path}/receiver-org").values()),
                    "",
                ),
            }
        )
    data["results"] = []
    for n, result in enumerate(el.findall("result"), start=1):
        path = f"/result[{n}]"
        title = activity.texts(result.find("title"), f"{path}/title")
        if not title or result.get("type") not in ("1", "2", "3", "9"):
            activity.problem(WARNING, path, "a result without a title or a known type; left out")
            continue
        indicators = []
        for m, ind in enumerate(result.findall("indicator"), start=1):
            ind_title = activity.texts(ind.find("title"), f"{path}/indicator[{m}]/title")
            if not ind_title:
                continue
            baseline = ind.find("baseline")
            period = ind.find("period")
            target = period.find("target") if period is not None else None
            actual = period.find("actual") if period is not None else None

            def number(node, attribute="value", ipath=f"{path}/indicator[{m}]"):
                if node is None or node.get(attribute) is None:
                    return None
                return activity.decimal(node.get(attribute), f"{ipath}/@{attribute}")

            indicators.append(
                {
                    "title": ind_title,
                    "measure": ind.get("measure")
                    if ind.get("measure") in {"1", "2", "3", "4", "5"}
                    else "1",
                    "ascending": ind.get("ascending", "1") not in ("0", "false"),
                    "baseline_year": int(baseline.get("year"))
                    if baseline is not None and (baseline.get("year") or "").isdigit()
                    else None,
                    "baseline_value": number(baseline),
                    "target_value": number(target),
                    "actual_value": number(actual),
                }
            )
        data["results"].append(
            {
                "result_type": result.get("type"),
                "title": title,
                "description": activity.texts(result.find("description"), f"{path}/description"),
                "indicators": indicators,
            }
        )
    data["locations"] = []
    for n, location in enumerate(el.findall("location"), start=1):
        name = next(
            iter(activity.texts(location.find("name"), f"/location[{n}]/name").values()), ""
        )
        if not name:
            continue
        lat = lon = None
        pos = location.findtext("point/pos")
        if pos:
            parts = pos.split()
            if len(parts) == 2:
                try:
                    lat, lon = (
                        decimal.Decimal(p).quantize(decimal.Decimal("0.000001")) for p in parts
                    )
                except decimal.InvalidOperation:
                    activity.problem(WARNING, f"/location[{n}]/point/pos", "not a coordinate pair")
        data["locations"].append({"name": name[:200], "latitude": lat, "longitude": lon})
    related = [r.get("ref") for r in el.findall("related-activity") if r.get("type") == "1"]
    data["parent_ref"] = related[0] if related else ""


def check_file(data: bytes, report: IatiImportReport) -> list[_Activity]:
    """Parse and triage a file; returns the activities read (importable or not)."""
    digest = hashlib.sha256(data).hexdigest()[:10]
    try:
        root = iati.parse_xml(data)
    except iati.UnsafeXMLError as exc:
        report.add(CRITICAL, "", "/", f"refused: {exc}")
        return []
    except ValueError as exc:
        report.add(CRITICAL, "", "/", str(exc))
        return []
    if root.tag == "iati-organisations":
        report.add(CRITICAL, "", "/iati-organisations", "an IATI organisation file, not activities")
        return []
    if root.tag != "iati-activities":
        report.add(
            CRITICAL, "", f"/{root.tag}", "not an IATI activity file (root must be iati-activities)"
        )
        return []
    version = root.get("version", "")
    if version.startswith("1"):
        report.add(
            CRITICAL,
            "",
            "/iati-activities/@version",
            f"IATI version {version} is not supported; publish or convert to 2.03",
        )
        return []
    if version != iati.IATI_VERSION:
        report.add(WARNING, "", "/iati-activities/@version", f"version {version!r}, read as 2.03")
    activities = [
        _Activity(el, n, report, root.get(iati.XML_LANG, "en"), digest)
        for n, el in enumerate(root.findall("iati-activity"), start=1)
    ]
    if not activities:
        report.add(CRITICAL, "", "/iati-activities", "the file holds no iati-activity")
        return []
    for path, line, message in iati.validation_errors(root):
        match = _ACTIVITY_PATH.match(path or "")
        index = int(match.group(1) or 1) if match else None
        if index is not None and index <= len(activities):
            activities[index - 1].problem(
                ERROR, path[match.end() :], f"schema (line {line}): {message}"
            )
        else:
            report.add(ERROR, "", path or "/", f"schema (line {line}): {message}")
    seen: set[str] = set()
    for activity in activities:
        _read_activity(activity, seen)
    return activities


def run_iati_import(
    actor,
    source: bytes | str | Path,
    *,
    dry_run: bool = True,
    only: list[str] | None = None,
    sample: bool = False,
) -> IatiImportReport:
    """Check a file and, unless ``dry_run``, write the confirmed importable activities."""
    require(can_edit_cooperation(actor), "Only programme officers and administrators import.")
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    report = IatiImportReport(dry_run=dry_run)
    activities = check_file(data, report)
    wanted = set(only) if only is not None else None
    existing = set(
        Project.objects.filter(iati_identifier__in=[a.identifier for a in activities]).values_list(
            "iati_identifier", flat=True
        )
    )
    chosen = []
    for activity in activities:
        importable = activity.errors == 0 and bool(activity.identifier)
        selected = importable and (wanted is None or activity.identifier in wanted)
        action = ("update" if activity.identifier in existing else "create") if selected else "skip"
        report.activities.append(
            ActivitySummary(
                activity.identifier,
                next(iter(activity.data.get("title", {}).values()), ""),
                importable,
                action,
            )
        )
        if selected:
            chosen.append(activity)
            if action == "create":
                report.created += 1
            else:
                report.updated += 1
        else:
            report.skipped += 1
    if dry_run or report.has_critical or not chosen:
        return report
    with transaction.atomic():
        for activity in chosen:
            try:
                # One savepoint per activity: it is written whole or not at all.
                with transaction.atomic():
                    _write(actor, activity, sample)
            except (ValidationError, DatabaseError) as exc:
                messages = getattr(exc, "messages", [str(exc)])
                activity.problem(ERROR, "", f"not written: {'; '.join(messages)[:300]}")
                report.skipped += 1
                if activity.identifier in existing:
                    report.updated -= 1
                else:
                    report.created -= 1
                for summary in report.activities:
                    if summary.identifier == activity.identifier:
                        summary.action = "skip"
    return report


def _write(actor, activity: _Activity, sample: bool) -> Project:
    data = activity.data
    project = Project.objects.filter(iati_identifier=activity.identifier).first()
    created = project is None
    project = project or Project(iati_identifier=activity.identifier, is_sample=sample)
    before = {} if created else audit.snapshot(project)
    for name in ("title", "description", "status", "default_currency", "reporting_organisation"):
        setattr(project, name, data[name])
    for name in ("planned_start", "actual_start", "planned_end", "actual_end"):
        setattr(project, name, data.get(name))
        setattr(project, f"{name}_precision", "day")
    project.recipient_regions = data["recipient_regions"]
    project.source = project.source or "IATI import"
    if data["parent_ref"]:
        project.parent = Project.objects.filter(iati_identifier=data["parent_ref"]).first()
    project.full_clean()
    project.save()
    project.sectors.set(data["sectors"])
    project.recipient_countries.set(data["recipient_countries"])
    # The file is the source of truth for the activity's details: replace them.
    project.participants.all().delete()
    project.budgets.all().delete()
    project.transactions.all().delete()
    project.results.all().delete()
    project.locations.all().delete()
    children = [
        *(ProjectParticipant(project=project, **p) for p in data["participants"]),
        *(Budget(project=project, **b) for b in data["budgets"]),
        *(Transaction(project=project, **t) for t in data["transactions"]),
        *(ProjectLocation(project=project, **loc) for loc in data["locations"]),
    ]
    for child in children:
        child.full_clean()
        child.save()
    for result_data in data["results"]:
        fields = {k: v for k, v in result_data.items() if k != "indicators"}
        result = Result(project=project, **fields)
        result.full_clean()
        result.save()
        for values in result_data["indicators"]:
            indicator = Indicator(result=result, **values)
            indicator.full_clean()
            indicator.save()
    audit.record(
        actor,
        "iati.import",
        project,
        audit.diff(before, audit.snapshot(project)),
    )
    return project
