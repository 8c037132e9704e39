"""Import the shipped indicator files (AQUASTAT, UN SDG 6, World Bank WDI).

Values are stored exactly as published. Values that look odd are kept and *flagged*:

- ``negative``: a negative value (AQUASTAT subtracts treaty-reserved outflows, so the
  external resources of Kyrgyzstan and Tajikistan are negative);
- ``trwr_below_irwr``: total renewable resources smaller than internal ones (same cause);
- ``over_100_pct``: a percentage above 100 (water stress above 100 % means withdrawals
  exceed renewable resources: fossil groundwater, return flows, desalination).
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.db import transaction

from ecobridge.directory.models import Country
from ecobridge.insights.catalogue import DATA, DATASETS, INDICATORS, IndicatorSpec
from ecobridge.insights.models import Dataset, Indicator, Observation

FLAG_NOTES = {
    "negative": "Negative as published: the source subtracts outflows reserved by treaty.",
    "trwr_below_irwr": "Total renewable resources below internal resources, as published "
    "(outflows reserved by treaty are subtracted).",
    "over_100_pct": "Above 100 % as published: withdrawals exceed renewable resources.",
}


@dataclass
class ImportReport:
    indicators: int = 0
    observations: int = 0
    flagged: int = 0
    per_indicator: dict[str, int] = field(default_factory=dict)
    skipped_areas: Counter = field(default_factory=Counter)
    non_numeric: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        return (
            f"{self.indicators} indicators, {self.observations} observations "
            f"({self.flagged} flagged as published-but-odd); "
            f"{sum(self.skipped_areas.values())} rows for aggregates or unknown areas skipped; "
            f"{sum(self.non_numeric.values())} non-numeric values (e.g. 'N' = not relevant) "
            "not stored"
        )


def _rows(spec: IndicatorSpec, data_dir: Path) -> list[tuple]:
    """(area key, year, value) rows of one source file, parsed once per process."""
    return _parse(spec.code, data_dir / spec.path)


@cache
def _parse(code: str, path: Path) -> list[tuple]:
    from ecobridge.insights.catalogue import BY_CODE

    return list(_read(BY_CODE[code], path))


def _read(spec: IndicatorSpec, path: Path):
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            if spec.dataset == "wdi":
                key, year, raw = row["Country Code"], row["Year"], row["Value"]
            elif spec.dataset == "aquastat":
                key, year, raw = row["area"].upper(), row["year"], row[spec.source_code]
            else:
                if any(row.get(dim) != want for dim, want in spec.filters.items()):
                    continue
                key, year, raw = row["geo_area"].zfill(3), row["year"], row[spec.source_code]
            if raw in ("", None):
                continue
            try:
                value = float(raw)
            except ValueError:  # e.g. "N" (not relevant) in SDG 6.5.2
                yield key, int(year), raw
                continue
            yield key, int(year), value


def _flags(spec: IndicatorSpec, value: float) -> list[str]:
    flags = []
    if value < 0:
        flags.append("negative")
    if spec.unit == "%" and value > 100:
        flags.append("over_100_pct")
    return flags


def import_indicators(
    data_dir: Path = DATA, codes: list[str] | None = None, years_from: int | None = None
) -> ImportReport:
    """(Re)load the catalogue's indicators. Idempotent: each indicator's observations are
    replaced by the file's. ``codes`` limits the indicators, ``years_from`` the years."""
    if not Country.objects.exists():
        from ecobridge.directory.reference import load_countries

        load_countries()
    by_alpha3 = dict(Country.objects.values_list("alpha3", "pk"))
    by_numeric = dict(Country.objects.values_list("numeric", "pk"))
    report = ImportReport()
    specs = [s for s in INDICATORS if codes is None or s.code in codes]
    with transaction.atomic():
        datasets = {}
        for code, values in DATASETS.items():
            datasets[code], _ = Dataset.objects.update_or_create(code=code, defaults=values)
        for order, spec in enumerate(specs):
            indicator, _ = Indicator.objects.update_or_create(
                code=spec.code,
                defaults={
                    "dataset": datasets[spec.dataset],
                    "source_code": spec.source_code,
                    "names": spec.names,
                    "unit": spec.unit,
                    "theme": spec.theme,
                    "is_key": spec.is_key,
                    "higher_is_worse": spec.higher_is_worse,
                    "order": order,
                },
            )
            lookup = by_numeric if spec.dataset == "sdg6_unsd" else by_alpha3
            rows = {}
            for key, year, value in _rows(spec, data_dir):
                if years_from and year < years_from:
                    continue
                if isinstance(value, str):
                    report.non_numeric[f"{spec.code}:{value}"] += 1
                    continue
                country_id = lookup.get(key)
                if country_id is None:
                    report.skipped_areas[key] += 1
                    continue
                flags = _flags(spec, value)
                rows[(country_id, year)] = Observation(
                    indicator=indicator,
                    country_id=country_id,
                    year=year,
                    value=value,
                    flags=flags,
                    note=" ".join(FLAG_NOTES[f] for f in flags),
                )
            Observation.objects.filter(indicator=indicator).delete()
            Observation.objects.bulk_create(rows.values(), batch_size=2000)
            report.indicators += 1
            report.observations += len(rows)
            report.per_indicator[spec.code] = len(rows)
        _flag_trwr_below_irwr()
        report.flagged = Observation.objects.exclude(flags=[]).count()
    return report


def _flag_trwr_below_irwr() -> None:
    irwr = {
        (c, y): v
        for c, y, v in Observation.objects.filter(indicator__code="irwr").values_list(
            "country_id", "year", "value"
        )
    }
    for obs in Observation.objects.filter(indicator__code="trwr"):
        internal = irwr.get((obs.country_id, obs.year))
        if internal is not None and obs.value < internal and "trwr_below_irwr" not in obs.flags:
            obs.flags = [*obs.flags, "trwr_below_irwr"]
            obs.note = " ".join(FLAG_NOTES[f] for f in obs.flags)
            obs.save(update_fields=["flags", "note"])
