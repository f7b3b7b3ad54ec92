"""n_jobs and dask corpora for every per-article function: the same tables as one call.

Each function computes every article on its own, so chunks computed in worker processes
(or dask partitions), put back in order, must give exactly the table of one call: same
rows, order, index, dtypes and values.
"""

from __future__ import annotations

import pandas as pd
import pytest

import toolkit
from toolkit.dispatch import by_chunks

#: Sentences that each give some rows: violence in every construction, quotes of every
#: kind, contested labels inside and outside quotes, hedges, numbers and targets.
_SENTENCES = [
    '"The rebels fled," a resident said.',
    "Terrorist groups shelled the city on Monday.",
    "Civilians were reportedly killed by Russian jets.",
    "Three children died, according to the Syrian Observatory.",
    "Turkey denied that its army bombed Kurdish villages.",
    "The strikes were clearly a crime, the UN envoy said.",
    "Government forces liberated the town from militants.",
    "Ankara said 12 fighters had been wounded.",
    "Nothing happened here.",
]


def _corpus(n: int = 23) -> pd.DataFrame:
    # one to five sentences each, in shifting order; some articles without a title
    texts = [
        " ".join(_SENTENCES[(i + k) % len(_SENTENCES)] for k in range(1 + i % 5)) for i in range(n)
    ]
    titles = [f"Rebels killed in raid {i}" if i % 3 else None for i in range(n)]
    frame = pd.DataFrame({"text": texts, "title": titles, "outlet": list("ABC" * n)[:n]})
    return toolkit.as_corpus(frame)


# (function, keyword arguments): every public per-article function that takes n_jobs
CASES = [
    (toolkit.agency, {}),
    (toolkit.agency_features, {}),
    (toolkit.frames, {}),
    (toolkit.frames, {"items": True, "lead_words": 5, "lead_weight": 3}),
    (toolkit.labels, {}),
    (toolkit.epistemic, {}),
    (toolkit.lexicon_counts, {"lexicon": {"hedge": ["reportedly", "clearly"], "war": ["kill*"]}}),
    (toolkit.quotes, {}),
    (toolkit.quote_features, {}),
    (toolkit.target_sentiment, {}),
    (toolkit.sentiment, {}),
]
IDS = [f.__name__ + ("-options" if o and f is toolkit.frames else "") for f, o in CASES]


@pytest.mark.parametrize(("func", "options"), CASES, ids=IDS)
def test_n_jobs_gives_the_table_of_one_call(func, options):
    corpus = _corpus()
    expected = func(corpus, **options)
    assert len(expected) > 0
    got = func(corpus, **options, n_jobs=2)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert got.attrs == expected.attrs


def test_chunks_are_really_computed_apart(monkeypatch):
    """The chunked path is taken (not a silent fallback to one call): a function that
    numbers its rows per call shows one numbering per chunk."""
    corpus = _corpus(8)

    def calls(part: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame({"doc_id": part.index, "n": range(len(part))})

    monkeypatch.setattr("toolkit.dispatch.process_map", lambda f, args, w: [f(a) for a in args])
    table = by_chunks(calls, corpus, 2, "mention")
    assert table["doc_id"].tolist() == corpus.index.tolist()
    assert table.index.tolist() == list(range(8))  # numbered afresh, as one call
    assert table["n"].tolist() != list(range(8))  # but computed in several chunks
    assert (table["n"] == 0).sum() == 8  # chunk_slices: four per worker -> 8 chunks of 1


def test_n_jobs_with_empty_chunks_keeps_the_dtypes():
    """Chunks without a mention do not turn integer columns into objects."""
    corpus = toolkit.as_corpus(
        pd.DataFrame({"text": ["Calm day."] * 6 + ["Rebels were killed. Jets bombed it."] * 2})
    )
    expected = toolkit.agency(corpus)
    got = toolkit.agency(corpus, n_jobs=2)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert got["sentence_index"].dtype == "int64"


@pytest.mark.parametrize("func", [toolkit.agency, toolkit.frames, toolkit.quotes])
def test_bad_n_jobs_is_an_error_naming_it(func):
    with pytest.raises(ValueError, match=r"n_jobs=0 is not valid.*-1 for one per CPU core"):
        func(_corpus(4), n_jobs=0)


@pytest.mark.slow
def test_n_jobs_on_fakes_equals_one_call(fakes):
    corpus = fakes.iloc[:240]
    for func in (toolkit.agency, toolkit.quotes, toolkit.labels, toolkit.target_sentiment):
        pd.testing.assert_frame_equal(func(corpus, n_jobs=2), func(corpus), check_exact=True)


@pytest.mark.slow
def test_features_do_not_depend_on_batching_on_all_of_fakes(fakes):
    # every per-article value, exactly, whatever the articles computed with it: the whole
    # corpus at once, odd-sized batches (as chunks, streams and partitions cut it), and
    # two processes
    whole = toolkit.features(fakes)
    batches = pd.concat(
        [toolkit.features(fakes.iloc[i : i + 37]) for i in range(0, len(fakes), 37)]
    )
    batches.attrs = whole.attrs
    pd.testing.assert_frame_equal(batches, whole, check_exact=True)
    pd.testing.assert_frame_equal(toolkit.features(fakes, n_jobs=2), whole, check_exact=True)


@pytest.mark.slow
@pytest.mark.parametrize(("func", "options"), CASES, ids=IDS)
def test_per_article_functions_do_not_depend_on_batching_on_all_of_fakes(fakes, func, options):
    whole = func(fakes, **options)
    parts = [func(fakes.iloc[i : i + 101], **options) for i in range(0, len(fakes), 101)]
    expected = pd.concat(parts, ignore_index=whole.index.name != "doc_id")
    expected.attrs = whole.attrs
    pd.testing.assert_frame_equal(expected, whole, check_exact=True)
