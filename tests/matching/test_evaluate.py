import math

from click.testing import CliRunner

from ecobridge.matching.evaluate import evaluate_run, ndcg_at_k, recall_at_k, reciprocal_rank


def reference_ndcg(ranked, rels, k=10):  # verbatim from the matching-dev README
    gain = lambda g: 2**g - 1  # noqa: E731
    dcg = sum(gain(rels.get(t, 0)) / math.log2(i + 2) for i, t in enumerate(ranked[:k]))
    ideal = sorted(rels.values(), reverse=True)[:k]
    idcg = sum(gain(g) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg


def test_metrics_match_reference():
    rels = {"a": 3, "b": 1, "c": 2}
    ranked = ["x", "c", "a", "y", "b"]
    assert ndcg_at_k(ranked, rels) == reference_ndcg(ranked, rels)
    assert recall_at_k(ranked[:2], rels, k=2) == 1 / 3
    assert reciprocal_rank(ranked, rels) == 0.5
    assert reciprocal_rank(["x"], rels) == 0.0


def test_missing_runs_count_zero_and_languages_split():
    qrels = {"n1": {"a": 3}, "n2": {"b": 1}}
    out = evaluate_run({"n1": ["a"]}, qrels, {"n1": "ru", "n2": "kk"})
    assert out["all"]["nDCG@10"] == 0.5 and out["all"]["MRR"] == 0.5
    assert out["ru"]["nDCG@10"] == 1.0 and out["kk"]["Recall@10"] == 0.0


def test_eval_command_model_free(tmp_path):
    from ecobridge.matching.cli import match

    (tmp_path / "t.csv").write_text(
        "id,organization,country,language,title,description,sectors,trl,certifications\n"
        'T1,A,KR,en,Leak detection loggers,"Acoustic leak detection for water mains.",14021,9,\n'
        'T2,B,KR,en,Drip irrigation,"Drip irrigation for cotton fields.",31140,9,\n'
        'T3,C,KR,en,Air sensors,"Air quality sensor network.",41020,7,\n',
        encoding="utf-8",
    )
    (tmp_path / "n.csv").write_text(
        "id,organization,country,language,title,description\n"
        'N1,U,KZ,en,Water losses,"Find hidden leaks in water mains: leak detection."\n'
        'N2,V,UZ,en,Cotton irrigation,"Drip irrigation for cotton."\n',
        encoding="utf-8",
    )
    (tmp_path / "q.csv").write_text(
        "need_id,technology_id,relevance\nN1,T1,3\nN2,T2,3\n", encoding="utf-8"
    )
    args = [
        "eval",
        "--technologies",
        str(tmp_path / "t.csv"),
        "--needs",
        str(tmp_path / "n.csv"),
        "--qrels",
        str(tmp_path / "q.csv"),
        "--encoders",
        "hash",
    ]
    res = CliRunner().invoke(match, [*args, "--json"])
    assert res.exit_code == 0, res.output
    import json

    data = json.loads(res.output)
    assert set(data["systems"]) == {"full", "bm25", "embeddings"}
    for system in data["systems"].values():
        assert set(system["all"]) >= {"nDCG@10", "Recall@10", "MRR"}
        assert "en" in system
    assert data["systems"]["full"]["all"]["nDCG@10"] == 1.0
    text = CliRunner().invoke(match, args)
    assert text.exit_code == 0 and "nDCG@10" in text.output and "MRR" in text.output
