"""Engine behaviour with a model-free encoder (hashed bag of words)."""

import numpy as np
import pytest
from _matching_helpers import CountingEncoder, unit
from hypothesis import given, settings
from hypothesis import strategies as st

from ecobridge.matching.engine import MatchingEngine, _sparse, _z
from ecobridge.matching.records import Record


def ids(results):
    return [r.id for r in results]


def test_search_ranks_the_relevant_technology_first(make_engine, toy_records):
    eng = make_engine()
    eng.upsert_many(toy_records)
    res = eng.search(text="membrane bioreactor MBR for sewage", k=3)
    assert res[0].id == "T1"
    assert all(r.record.kind == "technology" for r in res)
    assert [r.rank for r in res] == [1, 2, 3]
    assert res[0].score >= res[1].score >= res[2].score


def test_private_records_only_with_explicit_permission(make_engine, toy_records):
    eng = make_engine()
    eng.upsert_many(toy_records)
    public = ids(eng.search(text="membrane bioreactor", k=10))
    assert "T4" not in public
    allowed = ids(eng.search(text="membrane bioreactor", k=10, allowed_ids={"T4", "T3"}))
    assert set(allowed) == {"T4", "T3"}
    assert eng.search(text="membrane bioreactor", allowed_ids=set()) == []
    assert eng.search(text="membrane bioreactor", allowed_ids={"missing"}) == []


def test_kind_and_country_filters(make_engine, toy_records):
    eng = make_engine()
    eng.upsert_many(toy_records)
    assert ids(eng.search(text="sewage plant", kind="need")) == ["N1"]
    assert eng.search(text="sewage plant", country="UZ") == []
    assert set(ids(eng.search(text="sewage plant", country="kr"))) == {"T1", "T2", "T3"}


def test_search_by_record_excludes_the_record_and_uses_its_sectors(make_engine, toy_records):
    eng = make_engine()
    eng.upsert_many(toy_records)
    res = eng.search(record_id="N1", kind="technology", k=3)
    assert res[0].id == "T1"
    res_need = eng.search(record_id="N1", kind="need")
    assert "N1" not in ids(res_need)
    with pytest.raises(KeyError):
        eng.search(record_id="nope")
    with pytest.raises(ValueError):
        eng.search(text="   ")


def test_remove_and_inactive(make_engine, toy_records):
    eng = make_engine()
    eng.upsert_many(toy_records)
    assert eng.remove("T1") and not eng.remove("T1")
    assert "T1" not in ids(eng.search(text="membrane bioreactor", k=10))
    rec = toy_records[2]
    rec.is_active = False
    eng.upsert(rec)
    assert "T3" not in ids(eng.search(text="leak detection", k=10))
    rec.is_active = True
    eng.upsert(rec)
    assert ids(eng.search(text="leak detection", k=1)) == ["T3"]


def test_incremental_upsert_reembeds_only_changed_records(make_engine, toy_records):
    enc = CountingEncoder(__import__("ecobridge.matching.embed", fromlist=["x"]).HashEncoder(64))
    eng = make_engine(encoder=enc)
    eng.upsert_many(toy_records)
    assert enc.passages == len(toy_records)
    assert eng.upsert(toy_records[0]) is False  # unchanged text: no embedding
    changed = Record("T2", "technology", "점적관수", "새 설명", language="ko", sectors=["31140"])
    assert eng.upsert(changed) is True
    assert enc.passages == len(toy_records) + 1
    # metadata-only change (country) does not re-embed either
    toy_records[2].country = "KZ"
    assert eng.upsert(toy_records[2]) is False
    assert eng.get("T3").country == "KZ"


def test_multilingual_record_embeds_each_language_version(make_engine):
    enc = CountingEncoder(__import__("ecobridge.matching.embed", fromlist=["x"]).HashEncoder(64))
    eng = make_engine(encoder=enc)
    rec = Record(
        "M1",
        "technology",
        {"en": "Drip irrigation", "ru": "Капельное орошение"},
        {"en": "For cotton.", "ru": "Для хлопка."},
        language="en",
    )
    eng.upsert(rec)
    assert enc.passages == 2
    assert ids(eng.search(text="капельное орошение хлопка", language="ru")) == ["M1"]


def test_sectors_inferred_from_concepts_when_missing(make_engine):
    eng = make_engine()
    eng.upsert(Record("X", "technology", "Drip irrigation kit", "Low-pressure drip irrigation."))
    assert eng._sector_profile[eng.id_to_slot["X"]] == {"31140": 1.0}
    assert eng._sector_src[eng.id_to_slot["X"]] == "inferred"


def test_explanation_in_viewer_language(make_engine, toy_records):
    eng = make_engine()
    eng.upsert_many(toy_records)
    res = eng.search(
        text="Нужен мембранный биореактор (MBR) для очистных", language="ru", viewer_lang="ko", k=1
    )
    expl = res[0].explanation
    assert res[0].id == "T1"
    assert {"id": "ww.membrane_bioreactor", "label": "막분리 생물반응기"} in expl.concepts
    assert any(s["code"] == "14022" for s in expl.sectors)
    assert expl.sectors[0]["label"] == "하수도 — 대규모 시설"
    assert expl.passages and all(p in toy_records[0].texts()["en"] for p in expl.passages)
    names = [p.name for p in expl.parts]
    assert "concepts" in names and "sectors" in names
    total = sum(p.contribution for p in expl.parts)
    assert total == pytest.approx(res[0].score, abs=1e-6)
    d = res[0].to_dict()
    assert d["explanation"]["concepts"][0]["label"] == "막분리 생물반응기"


def test_country_signal_from_mentions(make_engine):
    eng = make_engine()
    eng.upsert_many(
        [
            Record(
                "A", "technology", "Water meters", "Smart meters installed in Korea.", language="en"
            ),
            Record(
                "B",
                "technology",
                "Water meters",
                "Smart meters installed in Kazakhstan.",
                language="en",
            ),
        ]
    )
    res = eng.search(text="water meters", query_country="KZ", k=2)
    assert ids(res)[0] == "B"
    assert res[0].explanation.same_country


def test_language_debiasing_removes_a_shared_language_offset():
    """Documents of one language share an offset vector (the 'language' direction).

    A query carrying the same offset prefers any same-language document; centring
    by the per-language mean restores the content match.
    """
    rng = np.random.default_rng(0)
    dim = 32
    topics = [unit(rng.normal(size=dim)) for _ in range(6)]
    lang_dir = unit(rng.normal(size=dim))

    class Fixed:
        name = "hash"
        dim = 32

        def __init__(self):
            self.table = {}

        def encode(self, texts, is_query):
            return np.stack([self.table[t] for t in texts])

        def supports(self, lang):
            return True

    enc = Fixed()
    recs = []
    for i, topic in enumerate(topics):
        lang = "ru" if i < 3 else "ko"
        text = f"doc{i}"
        off = 1.2 * lang_dir if lang == "ru" else np.zeros(dim)
        enc.table[text] = unit(topic + off)
        recs.append(Record(f"D{i}", "technology", text, language=lang))
    query = "q"
    enc.table[query] = unit(topics[4] + 1.2 * lang_dir)  # Russian query about topic 4
    from ecobridge.matching.engine import EngineConfig
    from ecobridge.matching.glossary import Glossary

    def top(debias):
        cfg = EngineConfig(encoders=("hash",), debias_language=debias)
        eng = MatchingEngine(cfg, glossary=Glossary([]), encoders={"hash": enc})
        eng.upsert_many(recs)
        return ids(eng.search(text=query, language="ru", parts=("hash",), k=1))[0]

    assert top(debias=False) != "D4"
    assert top(debias=True) == "D4"


def test_normalisers():
    assert np.allclose(_z(np.array([1.0, 2.0, 3.0])).mean(), 0)
    assert np.all(_z(np.array([5.0, 5.0])) == 0)
    s = _sparse(np.array([0.0, 1.0, 4.0]))
    assert s.max() == pytest.approx(2.0) and s[0] == 0
    assert np.all(_sparse(np.zeros(3)) == 0)


def test_record_validation():
    with pytest.raises(ValueError):
        Record("x", "person", "t")
    r = Record(7, "need", "Title", "Body", sectors=[" 14021 ", ""], country="kz")
    assert r.id == "7" and r.sectors == ["14021"] and r.country == "KZ"
    assert r.texts() == {"en": "Title. Body"}


WORDS = ["water", "leak", "meter", "sludge", "drip", "irrigation", "membrane", "flood"]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5), st.booleans()),
        min_size=1,
        max_size=12,
    ),
    st.one_of(st.none(), st.sets(st.integers(0, 15))),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4),
)
def test_results_never_leave_the_permitted_set(docs, allowed, query):
    from ecobridge.matching.embed import HashEncoder
    from ecobridge.matching.engine import EngineConfig
    from ecobridge.matching.glossary import Glossary

    eng = MatchingEngine(
        EngineConfig(encoders=("hash",)), glossary=Glossary([]), encoders={"hash": HashEncoder(32)}
    )
    eng.upsert_many(
        Record(f"R{i}", "technology", " ".join(words), language="en", is_public=public)
        for i, (words, public) in enumerate(docs)
    )
    allowed_ids = None if allowed is None else {f"R{i}" for i in allowed}
    res = eng.search(text=" ".join(query), language="en", k=50, allowed_ids=allowed_ids)
    got = set(ids(res))
    if allowed_ids is None:
        assert got == {f"R{i}" for i, (_, public) in enumerate(docs) if public}
    else:
        assert got == allowed_ids & {f"R{i}" for i in range(len(docs))}


def test_records_without_text_are_harmless(make_engine, toy_records):
    eng = make_engine()
    eng.upsert_many(toy_records)
    empty = Record("E", "need", {}, {}, language="ru")
    assert empty.texts() == {"ru": ""}
    eng.upsert(empty)
    res = eng.search(record_id="E", kind="technology", k=3)
    assert len(res) == 3  # ranked by whatever evidence exists, no crash


def test_second_encoder_reranks_a_pool_on_large_indexes(toy_records, toy_glossary, monkeypatch):
    """Below the pool size the pooled computation equals the full one; above it only
    the pool gets a score from the second encoder."""
    from ecobridge.matching import engine as engine_mod
    from ecobridge.matching.embed import HashEncoder

    def build():
        eng = MatchingEngine(
            engine_mod.EngineConfig(encoders=("hash", "use")),
            glossary=toy_glossary,
            encoders={"hash": HashEncoder(64), "use": HashEncoder(48)},
        )
        eng.upsert_many(toy_records)
        return eng

    full = build().search(text="membrane sewage plant", k=4)
    monkeypatch.setattr(engine_mod, "RERANK_POOL", 10)
    same = build().search(text="membrane sewage plant", k=4)
    assert [(r.id, round(r.score, 9)) for r in same] == [(r.id, round(r.score, 9)) for r in full]
    monkeypatch.setattr(engine_mod, "RERANK_POOL", 2)
    pooled = build().search(text="membrane sewage plant", k=4)
    assert pooled[0].id == full[0].id
    use_parts = [p.value for r in pooled for p in r.explanation.parts if p.name == "use"]
    assert sum(1 for v in use_parts if v != 0) <= 2


def test_public_plus_extra_private_ids(make_engine, toy_records):
    eng = make_engine()
    eng.upsert_many(toy_records)
    got = ids(eng.search(text="membrane bioreactor", k=10, extra_ids={"T4"}))
    assert "T4" in got and {"T1", "T2", "T3"} <= set(got)
    assert "T4" not in ids(eng.search(text="membrane bioreactor", k=10, extra_ids={"nope"}))
