from ecobridge.matching.embed import HashEncoder
from ecobridge.matching.engine import EngineConfig
from ecobridge.matching.pairs import Participant, suggest_pairs


def people():
    return [
        Participant(
            "c1",
            "company",
            offer="MBR membrane bioreactor for sewage plants",
            languages=["ko", "en"],
            language="en",
            sectors=["14022"],
        ),
        Participant(
            "c2",
            "company",
            offer="Drip irrigation systems for cotton",
            looking_for="Distributor for drip irrigation in Central Asia",
            languages=["ko", "ru"],
            language="en",
            sectors=["31140"],
        ),
        Participant(
            "c3",
            "company",
            offer="Acoustic leak detection for water mains",
            languages=["ko"],
            language="en",
            sectors=["14021"],
        ),
        Participant(
            "p1",
            "counterpart",
            looking_for="Upgrade our sewage plant with a membrane bioreactor",
            languages=["en"],
            language="en",
            country="KE",
        ),
        Participant(
            "p2",
            "counterpart",
            looking_for="Drip irrigation for cotton farms",
            offer="We distribute drip irrigation equipment in Central Asia",
            languages=["ru", "uz"],
            language="en",
            country="UZ",
        ),
        Participant(
            "p3",
            "counterpart",
            looking_for="Find hidden leaks in water mains, leak detection",
            languages=["ru"],
            language="en",
            country="KZ",
        ),
    ]


def run(**kw):
    return suggest_pairs(
        people(),
        engine_config=EngineConfig(encoders=("hash",)),
        encoders={"hash": HashEncoder(128)},
        **kw,
    )


def test_obvious_pairs_are_suggested_first(toy_glossary):
    pairs = run(glossary=toy_glossary, max_per_participant=1)
    got = {(p.a, p.b) for p in pairs}
    assert got == {("c1", "p1"), ("c2", "p2"), ("c3", "p3")}
    p2 = next(p for p in pairs if p.b == "p2")
    assert set(p2.directions) == {"need→offer", "offer←need"}  # mutual interest
    assert p2.shared_languages == ["ru"] and not p2.needs_interpreter
    p3 = next(p for p in pairs if p.b == "p3")
    assert p3.needs_interpreter
    assert p3.explanation["parts"]


def test_capacity_and_only_cross_kind_pairs(toy_glossary):
    pairs = run(glossary=toy_glossary, max_per_participant=2)
    load = {}
    for p in pairs:
        assert p.a.startswith("c") and p.b.startswith("p")
        load[p.a] = load.get(p.a, 0) + 1
        load[p.b] = load.get(p.b, 0) + 1
    assert max(load.values()) <= 2
    assert [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)


def test_min_score_and_degenerate_inputs(toy_glossary):
    assert run(glossary=toy_glossary, min_score=1e9) == []
    only_companies = [p for p in people() if p.kind == "company"]
    assert (
        suggest_pairs(
            only_companies,
            encoders={"hash": HashEncoder(8)},
            engine_config=EngineConfig(encoders=("hash",)),
        )
        == []
    )
