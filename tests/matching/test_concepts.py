"""Glossary loading and concept matching (independent of the shipped glossary's contents)."""

import json

from ecobridge.matching.glossary import load_glossary, parse_glossary


def test_missing_or_broken_file_gives_empty_glossary(tmp_path):
    assert len(load_glossary(tmp_path / "nope.json")) == 0
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert len(load_glossary(bad)) == 0


def test_malformed_concepts_are_skipped():
    g = parse_glossary(
        {
            "concepts": [
                {"labels": {"en": ["no id"]}},
                "junk",
                {"id": "x.ok", "crs": "14021", "labels": {"en": "single string", "ru": []}},
            ]
        }
    )
    assert list(g.concepts) == ["x.ok"]
    assert g.concepts["x.ok"].crs == ["14021"]
    assert g.concepts["x.ok"].labels == {"en": ["single string"]}


def test_inflected_russian_and_uzbek_variants_match(toy_glossary):
    assert "irr.drip_irrigation" in toy_glossary.match("системы капельного орошения хлопка", "ru")
    # label written with U+02BB, text with an ASCII apostrophe
    assert "irr.drip_irrigation" in toy_glossary.match("tomchilatib sug'orish tizimi", "uz")
    assert "ww.membrane_bioreactor" in toy_glossary.match("침지형 MBR 공법", "ko")
    assert "ws.leak_detection" in toy_glossary.match("누수 탐지 로거", "ko")


def test_labels_in_viewer_language_with_fallback(toy_glossary):
    assert toy_glossary.label("irr.drip_irrigation", "ko") == "점적관수"
    assert toy_glossary.label("ws.leak_detection", "vi") == "leak detection"  # en fallback
    assert toy_glossary.label("unknown.id", "ru") == "unknown.id"


def test_concept_sectors(toy_glossary):
    assert toy_glossary.crs_for(["irr.drip_irrigation", "ws.leak_detection"]) == {
        "31140": 1.0,
        "14021": 1.0,
    }


def test_shipped_glossary_loads_if_present():
    # Contents are maintained separately; the loader must simply cope with the file.
    g = load_glossary()
    for concept in list(g.concepts.values())[:50]:
        assert concept.label("en")


def test_roundtrip_through_file(tmp_path):
    p = tmp_path / "g.json"
    p.write_text(json.dumps({"concepts": [{"id": "a", "labels": {"en": ["alpha"]}}]}))
    assert load_glossary(p).match("Alpha test", "en") == {"a": 1}
