"""Item 6: API for indicators, observations and signals; Kazakhstan figures match the files."""

from __future__ import annotations

import csv

import pytest

from ecobridge.insights.catalogue import DATA

pytestmark = pytest.mark.django_db


def aquastat(concept, area, year):
    path = DATA / "aquastat" / f"ddf--datapoints--{concept}--by--area--year.csv"
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["area"] == area and row["year"] == str(year):
                return float(row[concept])


@pytest.mark.parametrize(
    "code,concept,expected",
    [
        ("dependency_ratio", "dependency_ratio", 40.6),
        ("water_stress", "sdg_6_4_2_water_stress", 32.7),
        (
            "agri_withdrawal_share",
            "agricultural_water_withdrawal_as_pct_of_total_water_withdrawal",
            63.2,
        ),
    ],
)
def test_kazakhstan_api_figures_match_source_files(client, indicators, code, concept, expected):
    data = client.get(f"/insights/api/observations/?country=KZ&indicator={code}&year=2018").json()
    assert data["count"] == 1
    item = data["results"][0]
    assert item["value"] == aquastat(concept, "kaz", 2018)
    assert round(item["value"], 1) == expected
    assert (item["unit"], item["source"], item["alpha3"]) == ("%", "FAO AQUASTAT", "KAZ")
    assert "CC BY 4.0" in item["licence"]


def test_observation_filters(client, indicators):
    series = client.get(
        "/insights/api/observations/?country=KAZ&indicator=water_stress_unsd&from=2000&to=2017"
    ).json()
    years = [r["year"] for r in series["results"]]
    assert years == sorted(years) and years[0] == 2000 and years[-1] == 2017
    latest = client.get(
        "/insights/api/observations/?country=KZ&latest=1&indicator=population&indicator=dependency_ratio"
    ).json()
    assert {(r["indicator"], r["year"]) for r in latest["results"]} == {
        ("population", 2025),
        ("dependency_ratio", 2018),
    }
    flagged = client.get(
        "/insights/api/observations/?country=TJ&indicator=external_rwr&year=2018"
    ).json()
    assert flagged["results"][0]["value"] == -41.55
    assert flagged["results"][0]["flags"] == ["negative"]


def test_indicator_and_dataset_endpoints(client, indicators):
    indicators_ = client.get("/insights/api/indicators/").json()
    codes = {i["code"] for i in indicators_["results"]}
    assert {"dependency_ratio", "water_stress", "safely_managed_sanitation"} <= codes
    one = client.get("/insights/api/indicators/dependency_ratio/").json()
    assert one["names"]["ru"].startswith("Коэффициент")
    datasets = client.get("/insights/api/datasets/").json()
    assert {d["code"] for d in datasets["results"]} == {"aquastat", "sdg6_unsd", "wdi"}


def test_signals_endpoint_with_evidence_and_prior(client, indicators):
    data = client.get("/insights/api/signals/KZ/").json()
    by_code = {s["code"]: s for s in data["signals"]}
    ev = by_code["transboundary"]["evidence"][0]
    assert (round(ev["value"], 2), ev["year"], ev["threshold"]) == (40.64, 2018, 30.0)
    assert data["prior"]["31140"] > 0
    rules = client.get("/insights/api/signal-rules/").json()
    assert any(
        r["code"] == "transboundary" and r["conditions"][0]["threshold"] == 30.0 for r in rules
    )
    assert client.get("/insights/api/signals/XX/").status_code == 404


def test_openapi_schema_documents_the_insights_and_alerts_api(client, db):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = schema["paths"]
    for path in (
        "/insights/api/observations/",
        "/insights/api/signals/{code}/",
        "/insights/api/map/{indicator}/",
        "/alerts/api/alerts/",
    ):
        assert path in paths, sorted(p for p in paths if "insights" in p or "alerts" in p)
