"""Large-index query path: int8 scan with exact rescoring, query truncation."""

import numpy as np
import pytest

from ecobridge.matching.engine import EngineConfig, MatchingEngine, _numkong, _quantise
from ecobridge.matching.glossary import Glossary
from ecobridge.matching.records import Record

pytestmark = pytest.mark.skipif(_numkong() is None, reason="numkong (with usearch) not installed")


class TableEncoder:
    """Looks texts up in a table of random unit vectors (new texts get new vectors)."""

    name = "hash"

    def __init__(self, dim=48, seed=0):
        self.dim = dim
        self.rng = np.random.default_rng(seed)
        self.table = {}
        self.queried = []

    def vector(self, text):
        if text not in self.table:
            v = self.rng.normal(size=self.dim).astype(np.float32)
            self.table[text] = v / np.linalg.norm(v)
        return self.table[text]

    def encode(self, texts, is_query):
        if is_query:
            self.queried.extend(texts)
        return np.stack([self.vector(t) for t in texts])

    def supports(self, lang):
        return True


def corpus(n=1500, seed=0):
    rng = np.random.default_rng(seed)
    langs = ["en", "ko", "ru"]
    return [
        Record(f"R{i}", "technology", f"doc {i}", language=langs[int(rng.integers(3))])
        for i in range(n)
    ]


def engine(enc, **config):
    cfg = EngineConfig(encoders=("hash",), **config)
    eng = MatchingEngine(cfg, glossary=Glossary([]), encoders={"hash": enc})
    return eng


def test_quantise_roundtrip_error_is_small():
    rng = np.random.default_rng(1)
    mat = rng.normal(size=(200, 64)).astype(np.float32)
    mat /= np.linalg.norm(mat, axis=1, keepdims=True)
    codes, scale = _quantise(mat)
    assert codes.dtype == np.int8 and np.abs(codes).max() == 127
    assert np.abs(codes * scale[:, None] - mat).max() <= scale.max() / 2 + 1e-7


@pytest.mark.parametrize("rescore", [2000, 50])
def test_int8_scan_agrees_with_the_exact_scan(rescore):
    enc = TableEncoder()
    records = corpus()
    exact = engine(enc, exact_scan_limit=None)
    quant = engine(enc, exact_scan_limit=100, exact_rescore=rescore)
    exact.upsert_many(records)
    quant.upsert_many(records)
    for q in ["query a", "query b", "query c", "query d", "query e"]:
        a = exact.search(text=q, language="en", k=10, parts=("hash",), explain=False)
        b = quant.search(text=q, language="en", k=10, parts=("hash",), explain=False)
        # the top candidates are rescored exactly: same ranking, scores agree to the
        # quantisation error of the z-score statistics only
        assert [r.id for r in b] == [r.id for r in a]
        assert np.allclose([r.score for r in b], [r.score for r in a], atol=2e-2)
    assert "hash" in quant._q8 and not exact._q8  # the int8 path really ran


def test_int8_scan_sees_records_written_after_quantisation():
    enc = TableEncoder()
    eng = engine(enc, exact_scan_limit=100, exact_rescore=0)
    eng.upsert_many(corpus(300))
    eng.search(text="warm", language="en", k=3)  # builds the int8 copy
    assert "hash" in eng._q8
    enc.table["twin"] = enc.vector("needle query")
    eng.upsert(Record("NEW", "technology", "twin", language="en"))
    eng.upsert(Record("R5", "technology", "needle query", language="en"))  # rewritten row
    got = [r.id for r in eng.search(text="needle query", language="en", k=2, parts=("hash",))]
    assert set(got) == {"NEW", "R5"}


def test_int8_scan_respects_filters():
    enc = TableEncoder()
    eng = engine(enc, exact_scan_limit=0)
    eng.upsert_many(corpus(400))
    allowed = {f"R{i}" for i in range(0, 400, 7)}
    res = eng.search(text="q", language="en", k=100, allowed_ids=allowed)
    assert {r.id for r in res} <= allowed and len(res) == len(allowed)


def test_quantised_index_survives_save_and_load(tmp_path):
    enc = TableEncoder()
    eng = engine(enc, exact_scan_limit=100, exact_rescore=20, query_max_tokens=7)
    eng.upsert_many(corpus(500))
    before = eng.search(text="some query", language="en", k=10)
    eng.save(tmp_path / "idx")
    loaded = MatchingEngine.load(tmp_path / "idx", glossary=Glossary([]), encoders={"hash": enc})
    assert loaded.config.exact_scan_limit == 100
    assert loaded.config.exact_rescore == 20
    assert loaded.config.query_max_tokens == 7
    after = loaded.search(text="some query", language="en", k=10)
    assert [r.id for r in after] == [r.id for r in before]
    assert np.allclose([r.score for r in after], [r.score for r in before])


def test_old_config_without_the_new_settings_loads_with_defaults():
    cfg = EngineConfig.from_dict({"encoders": ["hash"]})
    assert cfg.exact_scan_limit == EngineConfig().exact_scan_limit
    assert EngineConfig.from_dict({"exact_scan_limit": None}).exact_scan_limit is None


class TokenCounting(TableEncoder):
    def token_count(self, text, is_query=True):
        return 3 + len(text.split()) * 2  # prefix/specials + two tokens per word


def test_long_free_text_queries_embed_a_prefix_but_match_the_whole_text():
    enc = TokenCounting()
    eng = engine(enc, query_max_tokens=13)
    eng.upsert_many(
        [
            Record("A", "technology", "alpha beta", language="en"),
            Record("B", "technology", "zebra tail word", language="en"),
        ]
    )
    text = "one two three four five six seven eight zebra"
    assert eng.query_text(text) == "one two three four five"  # 3 + 5·2 = 13 tokens
    assert eng.query_text("one two") == "one two"
    res = eng.search(text=text, language="en", k=2)
    assert enc.queried == ["one two three four five"]
    bm25 = {r.id: p.value for r in res for p in r.explanation.parts if p.name == "bm25"}
    assert bm25["B"] > 0  # the lexical part used the words beyond the embedded prefix


def test_word_limit_without_a_tokeniser_and_no_limit():
    enc = TableEncoder()
    eng = engine(enc, query_max_tokens=3)
    assert eng.query_text("a b c d e") == "a b c"
    eng.config.query_max_tokens = None
    assert eng.query_text("a b c d e") == "a b c d e"
