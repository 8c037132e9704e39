"""Item 1: indicators and observations imported from the shipped real datasets."""

from __future__ import annotations

import csv

import pytest
from click.testing import CliRunner

from ecobridge.insights.catalogue import DATA, INDICATORS
from ecobridge.insights.models import Dataset, Indicator, Observation

pytestmark = pytest.mark.django_db


def obs(code, alpha3, year):
    return Observation.objects.get(indicator__code=code, country__alpha3=alpha3, year=year)


def source_value(relpath, key_col, key, year, value_col, **filters):
    with (DATA / relpath).open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if (
                row[key_col] == key
                and row["year"] == str(year)
                and all(row[k] == v for k, v in filters.items())
            ):
                return float(row[value_col])
    raise AssertionError("not in source")


def test_every_catalogue_file_ships_with_provenance():
    assert (DATA / "PROVENANCE.md").exists()
    text = (DATA / "PROVENANCE.md").read_text()
    for word in ("AQUASTAT", "CC BY 4.0", "Natural Earth", "8dd69e7ce959"):
        assert word in text
    for spec in INDICATORS:
        assert (DATA / spec.path).exists(), spec.path
    total = sum(p.stat().st_size for p in DATA.rglob("*") if p.is_file())
    assert total < 5_000_000


def test_import_stores_country_year_value_unit_source_licence(indicators):
    dep = obs("dependency_ratio", "KAZ", 2018)
    assert dep.value == pytest.approx(40.6420071949)
    assert dep.indicator.unit == "%"
    assert dep.indicator.dataset.code == "aquastat"
    assert "CC BY 4.0" in dep.indicator.dataset.licence
    assert Dataset.objects.count() == 3
    assert Indicator.objects.count() == len(INDICATORS)
    # WDI and UNSD rows are joined by ISO3 and M49 numeric codes
    assert obs("population", "KAZ", 2024).value == 20592571
    assert obs("safely_managed_water", "KAZ", 2017).value == pytest.approx(89.5, abs=0.05)


def test_values_match_the_source_files(indicators):
    aq = "aquastat/ddf--datapoints--sdg_6_4_2_water_stress--by--area--year.csv"
    assert obs("water_stress", "UZB", 2018).value == source_value(
        aq, "area", "uzb", 2018, "sdg_6_4_2_water_stress"
    )
    sdg = "sdg6_unsd/ddf--datapoints--sh_h2o_safe--by--geo_area--location--nature--units--year.csv"
    assert obs("safely_managed_water", "KAZ", 2010).value == source_value(
        sdg, "geo_area", "398", 2010, "sh_h2o_safe", location="allarea"
    )


def test_odd_values_are_kept_as_published_and_flagged(indicators):
    for alpha3, value in (("KGZ", -25.312), ("TJK", -41.55)):
        ext = obs("external_rwr", alpha3, 2018)
        assert ext.value == value  # not "fixed"
        assert "negative" in ext.flags
        assert "treaty" in ext.note
        assert "trwr_below_irwr" in obs("trwr", alpha3, 2018).flags
    assert obs("external_rwr", "KAZ", 2018).flags == []
    assert "over_100_pct" in obs("water_stress", "UZB", 2018).flags
    assert obs("water_stress", "UZB", 2018).value == pytest.approx(168.9, abs=0.1)


def test_import_is_idempotent(indicators):
    from ecobridge.insights.importing import import_indicators

    before = Observation.objects.count()
    import_indicators()
    assert Observation.objects.count() == before


def test_cli_import_indicators(ca_countries):
    from ecobridge.cli import cli

    result = CliRunner().invoke(cli, ["import", "indicators", "--only", "dependency_ratio"])
    assert result.exit_code == 0, result.output
    assert "1 indicators" in result.output
    assert obs("dependency_ratio", "KAZ", 2018).value == pytest.approx(40.64, abs=0.01)


def test_demo_load_imports_indicators(ca_countries):
    from ecobridge.insights import demo

    outcome = demo.load(None)
    assert outcome["observations"] > 1000
    assert obs("dependency_ratio", "KAZ", 2018)
    assert demo.load(None) == {"observations": "already loaded"}


def test_import_from_the_shared_source_folder_gives_the_same_figures(ca_countries):
    import os
    from pathlib import Path

    from ecobridge.cli import cli

    shared = (
        Path(
            os.environ.get(
                "ECOBRIDGE_SHARED", Path(__file__).resolve().parents[2].parent / "shared"
            )
        )
        / "data"
        / "water_indicators"
    )
    if not shared.exists():
        pytest.skip(f"{shared} not found")
    result = CliRunner().invoke(
        cli, ["import", "indicators", "--source", str(shared), "--only", "dependency_ratio"]
    )
    assert result.exit_code == 0, result.output
    assert obs("dependency_ratio", "KAZ", 2018).value == pytest.approx(40.6420071949)
