"""Consistency checks for the shipped multilingual glossary (data only, no Django, no DB)."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "src" / "ecobridge" / "matching" / "data" / "glossary.json"
CRS_CODELIST = ROOT / "src" / "ecobridge" / "directory" / "data" / "crs_purpose_codes.csv"

LANGUAGES = ["ko", "en", "ru", "kk", "uz", "vi"]
REQUIRED_DOMAINS = {
    "water_supply",
    "wastewater",
    "water_resources",
    "irrigation",
    "desalination",
    "monitoring",
    "waste",
    "air",
    "climate",
    "disaster_risk",
}
OPTIONAL_DOMAINS = {"policy", "finance"}
MIN_CONCEPTS = 300
MIN_PER_REQUIRED_DOMAIN = 20

ID_RE = re.compile(r"^[a-z]+\.[a-z0-9_]+$")
CRS_RE = re.compile(r"^\d{5}$")
HANGUL_RE = re.compile(r"[\uac00-\ud7a3]")
CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
# A label without Cyrillic letters is accepted in ru/kk only as a Latin
# abbreviation or formula ("SCADA", "PM2.5", "pH", "BOD5"), never as a Latin word.
LATIN_WORD_RE = re.compile(r"[a-z]{3,}")
ABBREVIATION_CHARS_RE = re.compile(r"^[A-Za-z0-9.,\-/ &+]+$")
# Uzbek Latin: oʻ/gʻ take U+02BB; the ASCII apostrophe, U+2018/U+2019 and the
# backtick are the usual wrong substitutes.
UZ_BAD_APOSTROPHE_RE = re.compile(r"['\u2018\u2019`]")
UZ_BAD_OG_RE = re.compile(r"[oOgG][\u02bc\u2032]")


@pytest.fixture(scope="module")
def glossary() -> dict:
    with GLOSSARY.open(encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture(scope="module")
def concepts(glossary: dict) -> list[dict]:
    return glossary["concepts"]


def _labels(concepts: list[dict], lang: str):
    for concept in concepts:
        for label in concept["labels"][lang]:
            yield concept["id"], label


def test_top_level_schema(glossary: dict) -> None:
    assert glossary["version"] == 1
    assert glossary["languages"] == LANGUAGES
    assert glossary["licence"] == "CC BY 4.0"
    assert isinstance(glossary["concepts"], list)


def test_concept_schema(concepts: list[dict]) -> None:
    for concept in concepts:
        assert set(concept) >= {"id", "domain", "crs", "labels", "definition_en"}, concept.get("id")
        assert isinstance(concept["id"], str) and ID_RE.match(concept["id"]), concept["id"]
        assert isinstance(concept["domain"], str)
        assert isinstance(concept["crs"], list)
        assert isinstance(concept["labels"], dict)
        assert set(concept["labels"]) == set(LANGUAGES), concept["id"]
        definition = concept["definition_en"]
        assert isinstance(definition, str) and definition.strip(), concept["id"]


def test_minimum_size(concepts: list[dict]) -> None:
    assert len(concepts) >= MIN_CONCEPTS


def test_unique_ids(concepts: list[dict]) -> None:
    duplicates = [i for i, n in Counter(c["id"] for c in concepts).items() if n > 1]
    assert not duplicates


def test_labels_present_in_all_languages(concepts: list[dict]) -> None:
    for concept in concepts:
        for lang in LANGUAGES:
            labels = concept["labels"][lang]
            assert isinstance(labels, list) and labels, (concept["id"], lang)
            for label in labels:
                assert isinstance(label, str), (concept["id"], lang)
                assert label.strip() == label and label, (concept["id"], lang, label)


def test_no_duplicate_label_within_concept_and_language(concepts: list[dict]) -> None:
    for concept in concepts:
        for lang in LANGUAGES:
            labels = concept["labels"][lang]
            assert len(labels) == len(set(labels)), (concept["id"], lang)


def test_domains(concepts: list[dict]) -> None:
    counts = Counter(c["domain"] for c in concepts)
    unknown = set(counts) - REQUIRED_DOMAINS - OPTIONAL_DOMAINS
    assert not unknown
    for domain in REQUIRED_DOMAINS:
        assert counts[domain] >= MIN_PER_REQUIRED_DOMAIN, (domain, counts[domain])


def test_crs_codes_are_five_digit_strings(concepts: list[dict]) -> None:
    for concept in concepts:
        for code in concept["crs"]:
            assert isinstance(code, str) and CRS_RE.match(code), (concept["id"], code)
        assert len(concept["crs"]) == len(set(concept["crs"])), concept["id"]


def test_crs_codes_exist_in_codelist(concepts: list[dict]) -> None:
    if not CRS_CODELIST.exists():
        pytest.skip(f"CRS purpose codelist not shipped at {CRS_CODELIST}")
    with CRS_CODELIST.open(encoding="utf-8", newline="") as fh:
        known = {row["code"] for row in csv.DictReader(fh)}
    unknown = {(c["id"], code) for c in concepts for code in c["crs"] if code not in known}
    assert not unknown


def test_korean_preferred_label_is_hangul(concepts: list[dict]) -> None:
    for concept in concepts:
        assert HANGUL_RE.search(concept["labels"]["ko"][0]), concept["id"]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_russian_and_kazakh_labels_are_cyrillic(concepts: list[dict], lang: str) -> None:
    for concept in concepts:
        assert CYRILLIC_RE.search(concept["labels"][lang][0]), (concept["id"], lang)
    for cid, label in _labels(concepts, lang):
        if CYRILLIC_RE.search(label):
            continue
        assert ABBREVIATION_CHARS_RE.match(label) and not LATIN_WORD_RE.search(label), (
            cid,
            lang,
            label,
        )


@pytest.mark.parametrize("lang", ["en", "uz", "vi"])
def test_latin_script_languages_have_no_cyrillic(concepts: list[dict], lang: str) -> None:
    for cid, label in _labels(concepts, lang):
        assert not CYRILLIC_RE.search(label), (cid, lang, label)


def test_uzbek_uses_modifier_letter_turned_comma(concepts: list[dict]) -> None:
    for cid, label in _labels(concepts, "uz"):
        assert not UZ_BAD_APOSTROPHE_RE.search(label), (cid, label)
        assert not UZ_BAD_OG_RE.search(label), (cid, label)


def test_uzbek_turned_comma_only_after_o_or_g(concepts: list[dict]) -> None:
    for cid, label in _labels(concepts, "uz"):
        for match in re.finditer("\u02bb", label):
            assert match.start() > 0 and label[match.start() - 1] in "oOgG", (cid, label)
