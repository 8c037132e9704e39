"""IATI 2.03: safe XML reading, the shipped schema and codelists, and activity export.

Projects are exported as ``<iati-activity>`` elements that validate against the IATI 2.03
activity schema shipped in ``data/iati/schema`` (see PROVENANCE.md there).
"""

from __future__ import annotations

import csv
import datetime
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone
from lxml import etree

from ecobridge.cooperation.models import DatePrecision, Project

DATA = Path(__file__).resolve().parent / "data" / "iati"
SCHEMA = DATA / "schema" / "iati-activities-schema.xsd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
IATI_VERSION = "2.03"
MAX_XML_BYTES = 20 * 1024 * 1024

# Directory organisation kinds → IATI OrganisationType codes.
ORGANISATION_TYPES = {
    "ministry": "10",
    "agency": "10",
    "municipality": "11",
    "public_corporation": "15",
    "utility": "15",
    "ngo": "22",
    "international": "40",
    "company": "70",
    "testing_body": "70",
    "research_institute": "80",
    "university": "80",
    "cluster": "90",
}


class UnsafeXMLError(ValueError):
    """The file is refused before any of its content is used."""


_DECLARATIONS = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def parse_xml(data: bytes, max_bytes: int = MAX_XML_BYTES) -> etree._Element:
    """Parse untrusted XML: no DTD, no entities, no network, bounded size.

    Any DOCTYPE or ENTITY declaration is refused outright: IATI files never need one,
    and refusing them rules out external-entity (XXE) and entity-expansion attacks.
    """
    if len(data) > max_bytes:
        raise UnsafeXMLError(f"the file is larger than {max_bytes // (1024 * 1024)} MB")
    head = data.lstrip()[:4]
    probe = data
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: look for declarations there too
        try:
            probe = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as exc:
            raise UnsafeXMLError("the file is not valid UTF-16 text") from exc
    if _DECLARATIONS.search(probe):
        raise UnsafeXMLError("the file declares a DOCTYPE or entities, which are not allowed")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"not well-formed XML: {exc}") from exc
    if root.getroottree().docinfo.doctype:
        raise UnsafeXMLError("the file declares a DOCTYPE, which is not allowed")
    return root


@functools.cache
def schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(SCHEMA), parser))


@functools.cache
def codelist(name: str) -> dict[str, str]:
    """``{code: English name}`` of a shipped IATI codelist."""
    with open(DATA / "codelists" / f"{name}.csv", encoding="utf-8") as handle:
        return {row["code"]: row.get("name_en", "") for row in csv.DictReader(handle)}


def validation_errors(document: etree._Element) -> list[tuple[str, int, str]]:
    """``(xpath, line, message)`` for each schema violation; empty when valid."""
    checker = schema()
    if checker.validate(document):
        return []
    return [(e.path or "", e.line, e.message) for e in checker.error_log]


# --- export ---------------------------------------------------------------------------


@dataclass
class ExportResult:
    xml: bytes
    exported: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # identifier → reason


def _sub(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    element = etree.SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def _narratives(parent, tag: str, value: dict | str, **attrs) -> etree._Element | None:
    texts = value if isinstance(value, dict) else {"en": value}
    texts = {lang: text for lang, text in texts.items() if text}
    if not texts:
        return None
    element = _sub(parent, tag, **attrs)
    for lang, text in texts.items():
        narrative = _sub(element, "narrative", text)
        if lang != "en":
            narrative.set(XML_LANG, lang)
    return element


def _org_narratives(element, organisation) -> None:
    names = {lang: text for lang, text in organisation.name.items() if text}
    for lang, text in names.items() or [("en", str(organisation))]:
        narrative = _sub(element, "narrative", text)
        if lang != "en":
            narrative.set(XML_LANG, lang)


def _org_type(organisation) -> str:
    return ORGANISATION_TYPES.get(getattr(organisation, "kind", ""), "90")


def _org_ref(organisation) -> str:
    return organisation.identifier or f"ECOBRIDGE-ORG-{organisation.pk}"


_PRECISION_NOTE = {
    DatePrecision.YEAR: "Date known to the year only; the first day of the year is given.",
    DatePrecision.MONTH: "Date known to the month only; the first day of the month is given.",
}


def _activity_dates(activity, project: Project) -> int:
    count = 0
    for code, name in (
        ("1", "planned_start"),
        ("2", "actual_start"),
        ("3", "planned_end"),
        ("4", "actual_end"),
    ):
        value = getattr(project, name)
        if value is None:
            continue
        element = _sub(activity, "activity-date", type=code, iso_date=value.isoformat())
        note = _PRECISION_NOTE.get(getattr(project, f"{name}_precision"))
        if note:
            _sub(element, "narrative", note)
        count += 1
    return count


def _export_problem(project: Project) -> str:
    if not (
        project.planned_start or project.actual_start or project.planned_end or project.actual_end
    ):
        return "no planned or actual date (IATI needs at least one activity date)"
    if project.reporting_organisation is None:
        return "no reporting organisation"
    return ""


def activity_element(project: Project) -> etree._Element:
    reporting = project.reporting_organisation
    activity = etree.Element(
        "iati-activity",
        {
            "last-updated-datetime": project.updated_at.replace(microsecond=0).isoformat(),
            XML_LANG: "en",
            "default-currency": project.default_currency,
        },
    )
    _sub(activity, "iati-identifier", project.iati_identifier)
    _org_narratives(
        _sub(activity, "reporting-org", ref=_org_ref(reporting), type=_org_type(reporting)),
        reporting,
    )
    _narratives(activity, "title", project.title)
    # IATI requires a description; without one the title stands in (said so in the text).
    if _narratives(activity, "description", project.description, type="1") is None:
        _narratives(activity, "description", project.title, type="1")
    participants = list(project.participants.select_related("organisation"))
    if not participants:
        # IATI requires a participating organisation; the reporting body is accountable.
        element = _sub(
            activity,
            "participating-org",
            ref=_org_ref(reporting),
            role="2",
            type=_org_type(reporting),
        )
        _sub(element, "narrative", str(reporting))
    for participant in participants:
        org = participant.organisation
        attrs = {"role": participant.role}
        ref = _org_ref(org) if org else participant.ref
        if ref:
            attrs["ref"] = ref
        if org:
            attrs["type"] = _org_type(org)
        element = _sub(activity, "participating-org", **attrs)
        if org:
            _org_narratives(element, org)
        else:
            _sub(element, "narrative", participant.name)
    if project.other_identifier:
        _sub(activity, "other-identifier", ref=project.other_identifier, type="A1")
    _sub(activity, "activity-status", code=project.status)
    _activity_dates(activity, project)
    for country in project.recipient_countries.all():
        _sub(activity, "recipient-country", code=country.code)
    for region in project.recipient_regions:
        _sub(activity, "recipient-region", code=str(region), vocabulary="1")
    for location in project.locations.all():
        element = _sub(activity, "location")
        _sub(_sub(element, "name"), "narrative", location.name)
        if location.latitude is not None and location.longitude is not None:
            point = _sub(element, "point", srsName="http://www.opengis.net/def/crs/EPSG/0/4326")
            _sub(point, "pos", f"{location.latitude} {location.longitude}")
    for sector in project.sectors.all():
        _sub(activity, "sector", code=sector.code, vocabulary="1")
    for budget in project.budgets.all():
        element = _sub(activity, "budget", type=budget.budget_type, status="2")
        _sub(element, "period-start", iso_date=budget.period_start.isoformat())
        _sub(element, "period-end", iso_date=budget.period_end.isoformat())
        _sub(
            element,
            "value",
            f"{budget.value}",
            currency=budget.currency,
            value_date=budget.value_date.isoformat(),
        )
    for tx in project.transactions.all():
        element = _sub(activity, "transaction")
        _sub(element, "transaction-type", code=tx.transaction_type)
        _sub(element, "transaction-date", iso_date=tx.date.isoformat())
        _sub(
            element,
            "value",
            f"{tx.value}",
            currency=tx.currency,
            value_date=tx.value_date.isoformat(),
        )
        _narratives(element, "description", tx.description)
        if tx.provider:
            _sub(_sub(element, "provider-org"), "narrative", tx.provider)
        if tx.receiver:
            _sub(_sub(element, "receiver-org"), "narrative", tx.receiver)
    if project.parent_id:
        _sub(activity, "related-activity", ref=project.parent.iati_identifier, type="1")
    for child in project.children.all():
        _sub(activity, "related-activity", ref=child.iati_identifier, type="2")
    for result in project.results.prefetch_related("indicators"):
        element = _sub(activity, "result", type=result.result_type)
        _narratives(element, "title", result.title)
        _narratives(element, "description", result.description)
        for indicator in result.indicators.all():
            ind = _sub(
                element,
                "indicator",
                measure=indicator.measure,
                ascending="1" if indicator.ascending else "0",
            )
            _narratives(ind, "title", indicator.title)
            if indicator.baseline_year:
                baseline = _sub(ind, "baseline", year=str(indicator.baseline_year))
                if indicator.baseline_value is not None:
                    baseline.set("value", _number(indicator.baseline_value))
            if indicator.period_start and indicator.period_end:
                period = _sub(ind, "period")
                _sub(period, "period-start", iso_date=indicator.period_start.isoformat())
                _sub(period, "period-end", iso_date=indicator.period_end.isoformat())
                if indicator.target_value is not None:
                    _sub(period, "target", value=_number(indicator.target_value))
                if indicator.actual_value is not None:
                    _sub(period, "actual", value=_number(indicator.actual_value))
    return activity


def _number(value) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def export_projects(projects: Iterable[Project]) -> ExportResult:
    """Build an ``<iati-activities version="2.03">`` document for the given projects."""
    root = etree.Element(
        "iati-activities",
        {
            "version": IATI_VERSION,
            "generated-datetime": timezone.now().replace(microsecond=0).isoformat(),
        },
    )
    result = ExportResult(xml=b"")
    for project in projects:
        problem = _export_problem(project)
        if problem:
            result.skipped[project.iati_identifier] = problem
            continue
        root.append(activity_element(project))
        result.exported.append(project.iati_identifier)
    result.xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return result


def export_activities(projects: Iterable[Project]) -> bytes:
    return export_projects(projects).xml


def today() -> datetime.date:
    return timezone.localdate()
