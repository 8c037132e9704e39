"""Export the directory as CSV (the import format, round-trips), XLSX or JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ecobridge.core.i18n import localize
from ecobridge.core.permissions import visible
from ecobridge.directory.importing import SPECS
from ecobridge.directory.models import Need, Organisation, Technology


def _original(value: dict, language: str) -> str:
    return value.get(language) or localize(value, language).text


def _technology_row(t: Technology) -> dict[str, Any]:
    lang = t.original_language
    return {
        "id": t.external_id,
        "organization": _original(t.owner.name, lang),
        "country": t.owner.country.code,
        "language": lang,
        "title": _original(t.title, lang),
        "description": _original(t.description, lang),
        "sectors": ";".join(s.code for s in t.sectors.all()),
        "trl": t.trl or "",
        "certifications": t.certifications,
    }


def _need_row(n: Need) -> dict[str, Any]:
    lang = n.original_language
    return {
        "id": n.external_id,
        "organization": _original(n.organisation.name, lang),
        "country": n.country.code,
        "language": lang,
        "title": _original(n.title, lang),
        "description": _original(n.description, lang),
        "sectors": ";".join(s.code for s in n.sectors.all()),
        "deadline": n.deadline.isoformat() if n.deadline else "",
        "status": n.status,
    }


def _organisation_row(o: Organisation) -> dict[str, Any]:
    lang = "en" if "en" in o.name else next(iter(o.name), "en")
    return {
        "name": o.name.get(lang, ""),
        "kind": o.kind,
        "country": o.country.code,
        "language": lang,
        "short_name": o.short_name,
        "website": o.website,
        "email": o.email,
        "parent": o.parent.name.get(lang, str(o.parent)) if o.parent else "",
        "sectors": ";".join(s.code for s in o.sectors.all()),
        "description": o.description.get(lang, ""),
    }


EXPORTS = {
    "technologies": (
        Technology.objects.select_related("owner__country").prefetch_related("sectors"),
        _technology_row,
    ),
    "needs": (
        Need.objects.select_related("organisation", "country").prefetch_related("sectors"),
        _need_row,
    ),
    "organisations": (
        Organisation.objects.select_related("country", "parent").prefetch_related("sectors"),
        _organisation_row,
    ),
}


def export_rows(user, kind: str) -> list[dict[str, Any]]:
    queryset, to_row = EXPORTS[kind]
    return [to_row(obj) for obj in visible(user, queryset.all())]


def export_json(user, kind: str) -> str:
    """Every language version of every field."""
    from ecobridge.api import serializers

    serializer = {
        "technologies": serializers.TechnologySerializer,
        "needs": serializers.NeedSerializer,
        "organisations": serializers.OrganisationSerializer,
    }[kind]
    queryset, _to_row = EXPORTS[kind]
    data = serializer(visible(user, queryset.all()), many=True).data
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def columns(kind: str) -> list[str]:
    spec = SPECS[kind]
    order = {
        "technologies": [
            "id",
            "organization",
            "country",
            "language",
            "title",
            "description",
            "sectors",
            "trl",
            "certifications",
        ],
        "needs": [
            "id",
            "organization",
            "country",
            "language",
            "title",
            "description",
            "sectors",
            "deadline",
            "status",
        ],
    }
    return order.get(kind, [*spec.required, *spec.optional])


def export_csv(user, kind: str) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns(kind), lineterminator="\n")
    writer.writeheader()
    writer.writerows(export_rows(user, kind))
    return out.getvalue()


def export_xlsx(user, kind: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = kind
    fields = columns(kind)
    sheet.append(fields)
    for row in export_rows(user, kind):
        sheet.append([row.get(f, "") for f in fields])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
