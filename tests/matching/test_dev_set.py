"""Regression guard on the matching-dev set with the real shipped models.

Not a tuning target: it only checks that the hybrid engine keeps its clear lead
over lexical BM25 and does not fall below the dense-only baseline.
"""

import pytest
from _matching_helpers import DEV_DIR

from ecobridge.matching.engine import EngineConfig, MatchingEngine
from ecobridge.matching.evaluate import (
    evaluate_run,
    load_qrels,
    need_records,
    run_engine,
    systems_for,
    technology_records,
)

pytestmark = pytest.mark.skipif(
    not (DEV_DIR / "qrels.csv").exists(), reason="matching-dev data not available"
)


@pytest.fixture(scope="module")
def dev_report(real_encoders):
    techs = technology_records(DEV_DIR / "technologies.csv")
    needs = need_records(DEV_DIR / "needs.csv")
    qrels = load_qrels(DEV_DIR / "qrels.csv")
    config = EngineConfig()
    runs = run_engine(
        lambda: MatchingEngine(config, encoders=real_encoders), techs, needs, systems_for(config)
    )
    lang = {n.id: n.primary_language() for n in needs}
    return {name: evaluate_run(run, qrels, lang) for name, run in runs.items()}


def test_hybrid_beats_bm25_by_a_wide_margin(dev_report):
    full = dev_report["full"]["all"]["nDCG@10"]
    bm25 = dev_report["bm25"]["all"]["nDCG@10"]
    assert full >= 1.3 * bm25
    assert full >= 0.65


def test_hybrid_not_worse_than_dense_only(dev_report):
    assert dev_report["full"]["all"]["nDCG@10"] >= dev_report["embeddings"]["all"]["nDCG@10"]


def test_every_need_language_gets_relevant_results(dev_report):
    for lang, metrics in dev_report["full"].items():
        assert metrics["MRR"] > 0.3, lang
