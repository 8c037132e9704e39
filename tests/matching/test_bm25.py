import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from ecobridge.matching.bm25 import BM25Index


def build(docs):
    idx = BM25Index()
    for slot, toks in enumerate(docs):
        idx.add(slot, toks)
    return idx


def test_matching_doc_scores_higher_and_nonmatching_zero():
    idx = build([["leak", "detection", "water"], ["air", "quality"], ["water", "meter"]])
    s = idx.scores(["leak", "water"], 3)
    assert s[0] > s[2] > 0
    assert s[1] == 0


def test_rare_terms_weigh_more_than_common_ones():
    idx = build([["water", "leak"], ["water", "meter"], ["water", "pump"], ["water", "sludge"]])
    assert idx.idf("leak") > idx.idf("water") >= 0


def test_remove_and_replace_update_statistics():
    idx = build([["a", "b"], ["b", "c"]])
    idx.remove_tokens(0, ["a", "b"])
    assert len(idx) == 1 and idx.scores(["a"], 2).sum() == 0
    idx.add(1, ["a"])  # replace slot 1
    s = idx.scores(["a", "c"], 2)
    assert s[1] > 0 and idx.scores(["c"], 2).sum() == 0
    idx.remove(1)
    assert len(idx) == 0 and idx.scores(["a"], 2).sum() == 0


@given(
    st.lists(st.lists(st.sampled_from("abcdef"), min_size=1, max_size=8), min_size=1, max_size=12)
)
def test_scores_nonnegative_and_zero_without_overlap(docs):
    idx = build(docs)
    s = idx.scores(["a", "z"], len(docs))
    assert np.all(s >= 0)
    for slot, toks in enumerate(docs):
        if "a" not in toks:
            assert s[slot] == 0
