"""Safe CAP parsing and schema validation.

Every document goes through ``parse_safely``: a size limit, DOCTYPE (and so every entity
declaration, external DTD and entity-expansion "billion laughs") refused outright, and an
lxml parser that resolves no entities, loads no DTD and touches no network. XInclude is
never processed. Schemas are the OASIS XSDs shipped in ``alerts/data/schema``.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "data" / "schema"
CAP12 = "urn:oasis:names:tc:emergency:cap:1.2"
CAP11 = "urn:oasis:names:tc:emergency:cap:1.1"
CAP_NAMESPACES = {CAP12: "1.2", CAP11: "1.1"}
MAX_BYTES = 2 * 1024 * 1024
ASSUMED_DURATION = timedelta(hours=48)  # when an info gives no <expires>

_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class HostileXML(ValueError):
    """The document was refused for safety (DOCTYPE, entities, size)."""


class NotXML(ValueError):
    pass


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
    )


def parse_safely(data: bytes) -> etree._Element:
    if len(data) > MAX_BYTES:
        raise HostileXML(f"file too large ({len(data)} bytes; limit {MAX_BYTES})")
    probe = data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16: look for the markup decoded
        probe = data.decode("utf-16", errors="replace").encode("utf-8")
    if _DOCTYPE.search(probe):
        raise HostileXML(
            "DOCTYPE/ENTITY declarations are not allowed (external entities and entity "
            "expansion are refused)"
        )
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise NotXML(f"not well-formed XML: {exc}") from exc
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise HostileXML("DOCTYPE declarations are not allowed")
    for node in root.iter():
        if isinstance(node, etree._Entity):
            raise HostileXML("entity references are not allowed")
    return root


@cache
def schema(version: str) -> etree.XMLSchema:
    path = SCHEMAS / f"CAP-v{version}.xsd"
    return etree.XMLSchema(etree.fromstring(path.read_bytes(), parser=_parser()))


def validate(element: etree._Element) -> tuple[str, list[str]]:
    """Validate a CAP ``<alert>`` element; return (version, errors)."""
    version = CAP_NAMESPACES[etree.QName(element).namespace]
    doc = etree.ElementTree(copy.deepcopy(element))
    xsd = schema(version)
    if xsd.validate(doc):
        return version, []
    return version, [f"line {e.line}: {e.message}" for e in xsd.error_log][:10]


def find_alerts(root: etree._Element) -> list[etree._Element]:
    """CAP ``<alert>`` elements: the root itself, or embedded (``<alerts>`` collections,
    EDXL-DE envelopes, Atom entries with inline content)."""
    if etree.QName(root).namespace in CAP_NAMESPACES and etree.QName(root).localname == "alert":
        return [root]
    return list(root.iter(f"{{{CAP12}}}alert", f"{{{CAP11}}}alert"))


def describe(root: etree._Element) -> str:
    """A short reason why a document holds no CAP alert."""
    qname = etree.QName(root)
    if qname.localname == "alert":
        return (
            f"root <alert> is in namespace {qname.namespace!r}, not a CAP namespace "
            f"({CAP12} or {CAP11})"
        )
    if qname.localname == "feed":
        entries = root.findall("{http://www.w3.org/2005/Atom}entry")
        return (
            f"Atom feed with {len(entries)} entr{'y' if len(entries) == 1 else 'ies'} and no "
            "embedded CAP alert (linked alerts are not fetched: import the alert files)"
        )
    if qname.localname == "rss":
        items = root.findall("channel/item")
        return f"RSS feed with {len(items)} item(s) and no embedded CAP alert"
    if qname.localname == "schema":
        return "an XML Schema document, not an alert"
    return f"no CAP alert in this document (root element <{qname.localname}>)"


# --- reading the fields --------------------------------------------------------------


def _dt(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


@dataclass
class ParsedInfo:
    language: str
    event: str
    categories: list[str]
    urgency: str
    severity: str
    certainty: str
    effective: datetime | None
    onset: datetime | None
    expires: datetime | None
    sender_name: str
    headline: str
    description: str
    instruction: str
    web: str
    areas: list[dict] = field(default_factory=list)


@dataclass
class ParsedAlert:
    identifier: str
    sender: str
    sent: datetime
    status: str
    msg_type: str
    scope: str
    version: str
    xml: str
    infos: list[ParsedInfo] = field(default_factory=list)

    @property
    def period(self) -> tuple[datetime, datetime]:
        starts = [i.effective or i.onset or self.sent for i in self.infos] or [self.sent]
        ends = [
            i.expires or (i.onset or i.effective or self.sent) + ASSUMED_DURATION
            for i in self.infos
        ] or [self.sent + ASSUMED_DURATION]
        return min(starts), max(ends)


def _floats(pair: str) -> list[float]:
    return [float(x) for x in pair.split(",")]


def read_alert(element: etree._Element) -> ParsedAlert:
    ns = etree.QName(element).namespace

    def text(el, name: str) -> str:
        child = el.find(f"{{{ns}}}{name}")
        return (child.text or "").strip() if child is not None and child.text else ""

    infos = []
    for info in element.findall(f"{{{ns}}}info"):
        areas = []
        for area in info.findall(f"{{{ns}}}area"):
            polygons, circles, geocodes = [], [], []
            for poly in area.findall(f"{{{ns}}}polygon"):
                try:
                    polygons.append([_floats(p) for p in (poly.text or "").split()])
                except ValueError:
                    continue
            for circle in area.findall(f"{{{ns}}}circle"):
                try:
                    centre, radius = (circle.text or "").split()
                    circles.append([*_floats(centre), float(radius)])
                except ValueError:
                    continue
            for code in area.findall(f"{{{ns}}}geocode"):
                geocodes.append([text(code, "valueName"), text(code, "value")])
            areas.append(
                {
                    "desc": text(area, "areaDesc"),
                    "polygons": polygons,
                    "circles": circles,
                    "geocodes": geocodes,
                }
            )
        infos.append(
            ParsedInfo(
                language=text(info, "language") or "en-US",
                event=text(info, "event"),
                categories=[c.text for c in info.findall(f"{{{ns}}}category") if c.text],
                urgency=text(info, "urgency"),
                severity=text(info, "severity"),
                certainty=text(info, "certainty"),
                effective=_dt(text(info, "effective")),
                onset=_dt(text(info, "onset")),
                expires=_dt(text(info, "expires")),
                sender_name=text(info, "senderName"),
                headline=text(info, "headline"),
                description=text(info, "description"),
                instruction=text(info, "instruction"),
                web=text(info, "web"),
                areas=areas,
            )
        )
    return ParsedAlert(
        identifier=text(element, "identifier"),
        sender=text(element, "sender"),
        sent=_dt(text(element, "sent")),
        status=text(element, "status"),
        msg_type=text(element, "msgType"),
        scope=text(element, "scope"),
        version=CAP_NAMESPACES[ns],
        xml=etree.tostring(element, encoding="unicode"),
        infos=infos,
    )
