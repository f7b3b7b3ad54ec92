"""Near-duplicates: syndicated copy is flagged, never removed, and comparisons can leave it out."""

from __future__ import annotations

import collections
import itertools

import pandas as pd
import pytest

import toolkit
from toolkit.copies import NearDuplicateIndex, near_duplicates, shingles

BASE = (
    "Syrian government warplanes struck the rebel-held town of Saraqeb in Idlib province on "
    "Monday, killing at least nine civilians including three children, a monitoring group "
    "said, as fighting intensified along the front line south of Aleppo."
)


def _corpus() -> pd.DataFrame:
    texts = [
        BASE,
        BASE.replace("a monitoring group said", "activists said"),  # a wire rewrite
        "Rebels took a hill near Hama after a long fight with army units on Sunday night.",
        BASE,  # an exact copy in another outlet
        "Talks in Geneva stalled again as delegations argued over the agenda for hours.",
    ]
    frame = pd.DataFrame({"text": texts, "outlet": ["A", "B", "C", "D", "E"]})
    return toolkit.as_corpus(frame, clean=False)


def test_near_duplicates_flag_copies_by_hand():
    flagged = near_duplicates(_corpus())
    assert flagged["near_duplicate_of"].tolist() == [
        pd.NA, "doc-000001", pd.NA, "doc-000001", pd.NA,
    ]  # fmt: skip
    sims = flagged["near_duplicate_similarity"]
    exact = len(shingles(BASE) & shingles(_corpus()["text"].iloc[1])) / len(
        shingles(BASE) | shingles(_corpus()["text"].iloc[1])
    )
    assert sims.iloc[1] == pytest.approx(exact, abs=0.15)  # a MinHash estimate of Jaccard
    assert sims.iloc[3] == 1.0 and sims.isna().tolist() == [True, False, True, False, True]
    assert len(flagged) == 5  # flagged, never removed


def test_index_checks_a_stream_against_all_earlier_chunks():
    corpus = _corpus()
    index = NearDuplicateIndex()
    parts = [index.add(corpus.index[i : i + 2], corpus["text"].iloc[i : i + 2]) for i in (0, 2, 4)]
    streamed = pd.concat(parts)
    whole = near_duplicates(corpus)[["near_duplicate_of", "near_duplicate_similarity"]]
    pd.testing.assert_frame_equal(streamed, whole)


def test_drop_duplicates_near_leaves_copies_out_of_comparisons():
    corpus = near_duplicates(_corpus())
    full = toolkit.keyness(corpus, by="outlet", target="B", reference="C")
    assert "monitoring" not in set(full["term"])  # B's rewrite has no "monitoring"
    kept = toolkit.copies.kept_articles(corpus, "near", "keyness")
    assert kept.tolist() == [True, False, True, False, True]
    assert toolkit.copies.kept_articles(corpus, True, "keyness").tolist() == [
        True, True, True, False, True,
    ]  # fmt: skip
    with pytest.raises(ValueError, match=r"keyness\(\): drop_duplicates='all' is not valid"):
        toolkit.keyness(corpus, by="outlet", drop_duplicates="all")
    with pytest.raises(KeyError, match=r"toolkit\.near_duplicates"):
        toolkit.keyness(_corpus(), by="outlet", drop_duplicates="near")


@pytest.mark.slow
def test_fakes_cross_outlet_copies_are_flagged(fakes):
    flagged = near_duplicates(fakes)
    sets = {d: shingles(t) for d, t in fakes["text"].items()}
    order = {d: i for i, d in enumerate(fakes.index)}
    postings = collections.defaultdict(set)
    for doc, found in sets.items():
        for s in found:
            postings[s].add(doc)
    pairs = {
        tuple(sorted(pair, key=order.get))
        for docs in postings.values()
        if 1 < len(docs) < 200
        for pair in itertools.combinations(docs, 2)
    }
    jaccard = {p: len(sets[p[0]] & sets[p[1]]) / len(sets[p[0]] | sets[p[1]]) for p in pairs}
    outlets = fakes["outlet"]
    copies = [p for p, j in jaccard.items() if j >= 0.5 and outlets[p[0]] != outlets[p[1]]]
    assert len(copies) >= 10
    caught = sum(pd.notna(flagged.loc[later, "near_duplicate_of"]) for _, later in copies)
    assert caught / len(copies) >= 0.8
    # nothing is flagged that is not close to some earlier article
    for doc in flagged.index[flagged["near_duplicate_of"].notna()]:
        best = max(
            (j for (a, b), j in jaccard.items() if b == doc and order[a] < order[doc]),
            default=0.0,
        )
        assert best >= 0.4, doc


def test_compare_and_group_tests_leave_copies_out():
    corpus = near_duplicates(_corpus())
    data = corpus[["outlet", "is_duplicate", "near_duplicate_of"]].assign(
        tone=[0.1, 0.9, 0.3, 0.5, 0.2], group=["x", "x", "y", "x", "y"]
    )
    with pytest.warns(UserWarning, match="one article"):
        kept = toolkit.compare(
            data, by="group", features=["tone"], n_boot=0, drop_duplicates="near"
        )
    assert kept.set_index("group")["n"].to_dict() == {"x": 1, "y": 2}  # b and d are copies
    assert kept.set_index("group").loc["x", "mean"] == pytest.approx(0.1)
    everything = toolkit.compare(data, by="group", features=["tone"], n_boot=0)
    assert everything.set_index("group")["n"].to_dict() == {"x": 3, "y": 2}
    # the flags are bookkeeping, never compared by default
    assert set(toolkit.compare(data, by="group", n_boot=0)["feature"]) == {"tone"}
    tests = toolkit.group_tests(data, by="group", features=["tone"], drop_duplicates="exact")
    assert tests.loc[tests["test"] == "mannwhitney", "n_a"].tolist() == [2]


def test_near_duplicates_of_a_dask_corpus_equal_pandas():
    pytest.importorskip("dask.dataframe")
    corpus = _corpus()
    lazy = toolkit.distributed.to_dask(corpus, npartitions=2)
    got = near_duplicates(lazy).compute()
    pd.testing.assert_frame_equal(got, near_duplicates(corpus), check_exact=True)
