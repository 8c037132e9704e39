import json

from _matching_helpers import CountingEncoder

from ecobridge.matching.embed import HashEncoder
from ecobridge.matching.engine import MatchingEngine
from ecobridge.matching.records import Record


def test_save_load_roundtrip_without_reembedding(tmp_path, make_engine, toy_records, toy_glossary):
    eng = make_engine()
    eng.upsert_many(toy_records)
    eng.remove("T3")
    before = eng.search(text="membrane bioreactor sewage", k=5)
    eng.save(tmp_path / "idx")

    enc = CountingEncoder(HashEncoder(128))
    loaded = MatchingEngine.load(tmp_path / "idx", glossary=toy_glossary, encoders={"hash": enc})
    after = loaded.search(text="membrane bioreactor sewage", k=5)
    assert [r.id for r in after] == [r.id for r in before]
    assert [round(r.score, 6) for r in after] == [round(r.score, 6) for r in before]
    assert enc.passages == 0  # nothing re-embedded on load
    assert len(loaded) == len(eng) and "T3" not in loaded
    # incremental upsert after load embeds just that record
    loaded.upsert(Record("T9", "technology", "New leak detection", language="en"))
    assert enc.passages == 1
    assert loaded.upsert(toy_records[0]) is False


def test_save_overwrites_atomically(tmp_path, make_engine, toy_records):
    eng = make_engine()
    eng.upsert_many(toy_records[:2])
    eng.save(tmp_path / "idx")
    eng.upsert_many(toy_records[2:])
    eng.save(tmp_path / "idx")
    meta = json.loads((tmp_path / "idx" / "meta.json").read_text())
    assert meta["format"] == 1 and meta["n_slots"] == len(toy_records)
    assert [p.name for p in tmp_path.iterdir()] == ["idx"]  # no temp dirs left behind
