"""Import organisations, technologies and needs from CSV or XLSX files.

Problems are reported per row and field, graded:
- critical: the file cannot be imported at all (unreadable, a required column missing);
  nothing is written.
- error: that row is skipped; the others are imported.
- warning: the row is imported, with a note (e.g. an unknown sector code was dropped).

A dry run does all the work inside a transaction and rolls it back, so its counts are
exactly what a real import would do.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction

from ecobridge.core.i18n import CONTENT_LANGUAGE_CODES
from ecobridge.core.permissions import is_staff_editor, require
from ecobridge.directory import services
from ecobridge.directory.models import (
    Country,
    Need,
    NeedStatus,
    Organisation,
    OrganisationKind,
    Sector,
    Technology,
)

CRITICAL, ERROR, WARNING = "critical", "error", "warning"


@dataclass
class Problem:
    row: int | None  # 1-based data row number (the header is row 0); None for the file
    field: str
    severity: str
    message: str

    def __str__(self) -> str:
        where = "file" if self.row is None else f"row {self.row}"
        return f"{self.severity.upper()} {where}, {self.field}: {self.message}"


@dataclass
class ImportReport:
    kind: str
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def has_critical(self) -> bool:
        return any(p.severity == CRITICAL for p in self.problems)

    @property
    def has_errors(self) -> bool:
        return any(p.severity == ERROR for p in self.problems)

    def add(self, row: int | None, field_name: str, severity: str, message: str) -> None:
        self.problems.append(Problem(row, field_name, severity, message))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["has_critical"] = self.has_critical
        return data

    def summary(self) -> str:
        verb = "would be" if self.dry_run else "were"
        if self.has_critical:
            return (
                f"{self.kind}: not imported — the file has a critical problem; nothing was written."
            )
        return (
            f"{self.kind}: {self.rows} rows; {self.created} {verb} created, {self.updated} "
            f"updated, {self.unchanged} unchanged, {self.skipped} skipped."
        )


class CriticalImportError(Exception):
    pass


def read_rows(source: str | Path | BinaryIO, filename: str | None = None) -> list[dict[str, str]]:
    """Read a CSV (UTF-8, optional BOM) or XLSX file into a list of row dicts."""
    name = filename or str(getattr(source, "name", source))
    if isinstance(source, str | Path):
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise CriticalImportError(f"cannot read the file: {exc.strerror}") from exc
    else:
        data = source.read()
    if name.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CriticalImportError(
            f"the file is not UTF-8 text (byte {exc.start}); save it as CSV UTF-8 or XLSX"
        ) from exc
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise CriticalImportError("the file is empty")
    rows = []
    for row in reader:
        if None in row:
            raise CriticalImportError(
                f"row {reader.line_num - 1} has more cells than the header has columns"
            )
        rows.append({(k or "").strip().lower(): (v or "").strip() for k, v in row.items()})
    return rows


def _read_xlsx(data: bytes) -> list[dict[str, str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise CriticalImportError(f"not a readable XLSX workbook ({type(exc).__name__})") from exc
    sheet = workbook.worksheets[0]
    rows_iter = sheet.iter_rows(values_only=True)
    header = next(rows_iter, None)
    if not header:
        raise CriticalImportError("the first sheet is empty")
    keys = [str(h or "").strip().lower() for h in header]
    rows = []
    for values in rows_iter:
        if values is None or all(v is None or str(v).strip() == "" for v in values):
            continue
        rows.append(
            {
                k: ("" if v is None else str(v).strip())
                for k, v in zip(keys, values, strict=False)
                if k
            }
        )
    return rows


@dataclass
class Spec:
    kind: str
    required: tuple[str, ...]
    optional: tuple[str, ...]


SPECS = {
    "technologies": Spec(
        "technologies",
        ("organization", "title"),
        ("id", "country", "language", "description", "sectors", "trl", "certifications"),
    ),
    "needs": Spec(
        "needs",
        ("organization", "country", "title"),
        ("id", "language", "description", "sectors", "deadline", "status"),
    ),
    "organisations": Spec(
        "organisations",
        ("name", "kind", "country"),
        ("language", "short_name", "website", "email", "parent", "sectors", "description"),
    ),
}


class RowContext:
    """Lookups shared by all rows of one import."""

    def __init__(self) -> None:
        self.countries = {c.code: c for c in Country.objects.all()}
        self.sectors = {s.code: s for s in Sector.objects.all()}

    def organisation_named(self, name: str) -> Organisation | None:
        for org in Organisation.objects.filter(search_text__contains=name.casefold()):
            if name in org.name.values() or name == org.short_name:
                return org
        return None


def _language(row: dict[str, str], n: int, report: ImportReport) -> str | None:
    language = (row.get("language") or "en").lower()
    if language not in CONTENT_LANGUAGE_CODES:
        report.add(
            n,
            "language",
            ERROR,
            f"unknown language {language!r}; use one of {', '.join(CONTENT_LANGUAGE_CODES)}",
        )
        return None
    return language


def _country(row: dict[str, str], n: int, report: ImportReport, ctx: RowContext, required: bool):
    code = (row.get("country") or "").upper()
    if not code:
        if required:
            report.add(n, "country", ERROR, "missing; give an ISO 3166 alpha-2 code such as KZ")
        return None
    if code not in ctx.countries:
        report.add(n, "country", ERROR, f"{code!r} is not an ISO 3166 alpha-2 country code")
        return None
    return ctx.countries[code]


def _sectors(row: dict[str, str], n: int, report: ImportReport, ctx: RowContext) -> list[Sector]:
    found = []
    for code in filter(
        None, (c.strip() for c in (row.get("sectors") or "").replace(",", ";").split(";"))
    ):
        if code in ctx.sectors:
            found.append(ctx.sectors[code])
        else:
            report.add(n, "sectors", WARNING, f"{code!r} is not a CRS purpose code; ignored")
    return found


def _owner(row, n, report, ctx, country, kind: str) -> Organisation | None | bool:
    """The named organisation; False when it must be created (and can be)."""
    name = row.get("organization", "")
    org = ctx.organisation_named(name)
    if org is not None:
        return org
    if country is None:
        report.add(
            n,
            "organization",
            ERROR,
            f"{name!r} is not in the directory and no country is given to create it",
        )
        return None
    report.add(
        n,
        "organization",
        WARNING,
        f"{name!r} is not in the directory; it will be created as a {kind}",
    )
    return False


def _ensure_owner(
    actor, row, owner, country, kind: str, language: str, sample: bool
) -> Organisation:
    if owner:
        return owner
    return services.create_organisation(
        actor,
        {
            "name": {language: row["organization"]},
            "kind": kind,
            "country": country,
            "is_sample": sample,
        },
    )


def _upsert(actor, model, external_id: str, data: dict[str, Any], i18n_fields: tuple[str, ...]):
    """Create, or update only what changed. Returns (instance, 'created'|'updated'|'unchanged')."""
    existing = model.objects.filter(external_id=external_id).first() if external_id else None
    if existing is None:
        return services.create_record(actor, model, {"external_id": external_id, **data}), "created"
    for name in i18n_fields:  # merge language versions instead of replacing others
        data[name] = {**getattr(existing, name), **data[name]}
    changes = services.apply_update(actor, existing, data)
    return existing, "updated" if changes else "unchanged"


def _technology_row(actor, row, n, report, ctx, sample) -> str | None:
    language = _language(row, n, report)
    country = _country(row, n, report, ctx, required=False)
    if row.get("country") and country is None:
        return None
    trl = None
    if row.get("trl"):
        try:
            trl = int(float(row["trl"]))
        except ValueError:
            trl = -1
        if not 1 <= trl <= 9:
            report.add(n, "trl", ERROR, f"{row['trl']!r} is not a readiness level from 1 to 9")
            return None
    if language is None:
        return None
    owner = _owner(row, n, report, ctx, country, "company")
    if owner is None:
        return None
    sectors = _sectors(row, n, report, ctx)
    owner = _ensure_owner(actor, row, owner, country, OrganisationKind.COMPANY, language, sample)
    data = {
        "owner": owner,
        "title": {language: row["title"]},
        "description": {language: row["description"]} if row.get("description") else {},
        "original_language": language,
        "trl": trl,
        "certifications": row.get("certifications", ""),
        "sectors": sectors,
        "is_sample": sample,
    }
    _instance, outcome = _upsert(
        actor, Technology, row.get("id", ""), data, ("title", "description")
    )
    return outcome


def _need_row(actor, row, n, report, ctx, sample) -> str | None:
    import datetime

    language = _language(row, n, report)
    country = _country(row, n, report, ctx, required=True)
    deadline = None
    if row.get("deadline"):
        try:
            deadline = datetime.date.fromisoformat(row["deadline"][:10])
        except ValueError:
            report.add(n, "deadline", ERROR, f"{row['deadline']!r} is not a date (YYYY-MM-DD)")
            return None
    status = (row.get("status") or NeedStatus.OPEN).lower()
    if status not in NeedStatus.values:
        report.add(n, "status", ERROR, f"{status!r} is not one of {', '.join(NeedStatus.values)}")
        return None
    if language is None or country is None:
        return None
    owner = _owner(row, n, report, ctx, country, "counterpart organisation")
    if owner is None:
        return None
    sectors = _sectors(row, n, report, ctx)
    kind = OrganisationKind.UTILITY
    owner = _ensure_owner(actor, row, owner, country, kind, language, sample)
    data = {
        "organisation": owner,
        "country": country,
        "title": {language: row["title"]},
        "description": {language: row["description"]} if row.get("description") else {},
        "original_language": language,
        "deadline": deadline,
        "status": status,
        "sectors": sectors,
        "is_sample": sample,
    }
    _instance, outcome = _upsert(actor, Need, row.get("id", ""), data, ("title", "description"))
    return outcome


def _organisation_row(actor, row, n, report, ctx, sample) -> str | None:
    language = _language(row, n, report)
    country = _country(row, n, report, ctx, required=True)
    kind = row.get("kind", "").lower().replace(" ", "_")
    if kind not in OrganisationKind.values:
        report.add(
            n,
            "kind",
            ERROR,
            f"{row.get('kind')!r} is not one of {', '.join(OrganisationKind.values)}",
        )
        return None
    if language is None or country is None:
        return None
    parent = None
    if row.get("parent"):
        parent = ctx.organisation_named(row["parent"])
        if parent is None:
            report.add(
                n, "parent", WARNING, f"{row['parent']!r} is not in the directory; left empty"
            )
    data = {
        "name": {language: row["name"]},
        "short_name": row.get("short_name", ""),
        "kind": kind,
        "country": country,
        "website": row.get("website", ""),
        "email": row.get("email", ""),
        "parent": parent,
        "description": {language: row["description"]} if row.get("description") else {},
        "sectors": _sectors(row, n, report, ctx),
        "is_sample": sample,
    }
    existing = ctx.organisation_named(row["name"])
    if existing is None:
        services.create_organisation(actor, data)
        return "created"
    data["name"] = {**existing.name, **data["name"]}
    data["description"] = {**existing.description, **data["description"]}
    return "updated" if services.apply_update(actor, existing, data) else "unchanged"


ROW_HANDLERS: dict[str, Callable] = {
    "technologies": _technology_row,
    "needs": _need_row,
    "organisations": _organisation_row,
}


def check_header(spec: Spec, rows: list[dict[str, str]], report: ImportReport) -> None:
    if not rows:
        report.add(None, "-", CRITICAL, "the file has a header but no data rows")
        return
    columns = set(rows[0])
    for column in spec.required:
        if column not in columns:
            report.add(
                None,
                column,
                CRITICAL,
                f"required column {column!r} is missing (columns: {', '.join(sorted(columns))})",
            )
    for column in sorted(columns - set(spec.required) - set(spec.optional)):
        report.add(None, column, WARNING, "unknown column; ignored")


def run_import(
    actor,
    kind: str,
    source: str | Path | BinaryIO,
    *,
    filename: str | None = None,
    dry_run: bool = False,
    sample: bool = False,
    progress: Callable[[int, str], None] | None = None,
) -> ImportReport:
    """Import one file of ``kind`` ('technologies', 'needs' or 'organisations')."""
    require(is_staff_editor(actor), "Only administrators and programme officers may import.")
    if kind not in SPECS:
        raise ValueError(f"unknown import kind {kind!r}")
    spec = SPECS[kind]
    report = ImportReport(kind=kind, dry_run=dry_run)
    try:
        rows = read_rows(source, filename)
    except CriticalImportError as exc:
        report.add(None, "file", CRITICAL, str(exc))
        return report
    report.rows = len(rows)
    check_header(spec, rows, report)
    if report.has_critical:
        return report
    _check_duplicates(rows, report)
    if report.has_critical:
        return report
    ctx = RowContext()
    handler = ROW_HANDLERS[kind]
    with transaction.atomic():
        for n, row in enumerate(rows, start=1):
            if not all(row.get(col) for col in spec.required):
                missing = [col for col in spec.required if not row.get(col)]
                report.add(n, missing[0], ERROR, "required value is empty")
                report.skipped += 1
                continue
            outcome = _guarded(handler, actor, row, n, report, ctx, sample)
            if outcome is None:
                report.skipped += 1
            else:
                setattr(report, outcome, getattr(report, outcome) + 1)
            if progress:
                progress(int(100 * n / len(rows)), f"{kind}: row {n} of {len(rows)}")
        if dry_run:
            transaction.set_rollback(True)
    return report


def _guarded(handler, actor, row, n, report, ctx, sample) -> str | None:
    """Run one row in a savepoint so a failed row leaves nothing behind."""
    try:
        with transaction.atomic():
            return handler(actor, row, n, report, ctx, sample)
    except ValidationError as exc:
        for field_name, messages in exc.message_dict.items():
            report.add(n, field_name, ERROR, "; ".join(messages))
        return None


def _check_duplicates(rows: Iterable[dict[str, str]], report: ImportReport) -> None:
    seen: dict[str, int] = {}
    for n, row in enumerate(rows, start=1):
        identifier = row.get("id", "")
        if not identifier:
            continue
        if identifier in seen:
            report.add(n, "id", CRITICAL, f"id {identifier!r} repeats row {seen[identifier]}")
        seen.setdefault(identifier, n)
