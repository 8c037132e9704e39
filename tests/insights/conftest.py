"""Fixtures: a few real countries and the shipped indicators imported for them."""

from __future__ import annotations

import csv

import pytest

from ecobridge.directory.models import Country
from ecobridge.directory.reference import DATA as DIRECTORY_DATA

CENTRAL_ASIA_AND_FRIENDS = {"KZ", "KG", "TJ", "TM", "UZ", "KR", "VN", "FR", "NO"}


def make_countries(codes=CENTRAL_ASIA_AND_FRIENDS) -> dict[str, Country]:
    made = {}
    with (DIRECTORY_DATA / "countries.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["alpha_2"] not in codes:
                continue
            names = {
                k.removeprefix("name_"): v
                for k, v in row.items()
                if k.startswith("name_") and v and k[5:] in ("en", "ko", "ru", "kk")
            }
            made[row["alpha_2"]], _ = Country.objects.get_or_create(
                code=row["alpha_2"],
                defaults={
                    "alpha3": row["alpha_3"],
                    "numeric": row["numeric"],
                    "region": row["region"],
                    "names": names,
                },
            )
    return made


@pytest.fixture
def ca_countries(db):
    return make_countries()


@pytest.fixture
def indicators(ca_countries):
    from ecobridge.insights.importing import import_indicators

    return import_indicators()
