from __future__ import annotations

import sys

import pandas as pd
import pytest

import toolkit
from toolkit import as_corpus
from toolkit.cache import cache_key, clear_cache, results_dir


@pytest.fixture(autouse=True)
def _own_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path))


def _corpus(extra: str = "") -> pd.DataFrame:
    return as_corpus(
        pd.DataFrame(
            {
                "text": ["Rebels shelled the town.", "Terrorists were killed." + extra],
                "title": ["One", "Two"],
            }
        )
    )


def test_features_cache_hit_is_identical(monkeypatch):
    corpus = _corpus()
    first = toolkit.features(corpus, cache=True)
    assert len(list(results_dir().glob("*.json"))) == 1

    # a hit must not compute: make the computation fail
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("recomputed")

    monkeypatch.setattr(sys.modules["toolkit.features"], "sentiment", fail)
    second = toolkit.features(corpus, cache=True)
    pd.testing.assert_frame_equal(first, second)


def test_cache_never_returns_stale_results():
    base = toolkit.features(_corpus(), cache=True)
    changed = toolkit.features(_corpus(" More."), cache=True)
    assert base.loc["doc-000002", "n_tokens"] + 1 == changed.loc["doc-000002", "n_tokens"]
    retitled = _corpus().assign(title=["One", "Changed headline"])
    assert cache_key(retitled, "features", {}) != cache_key(_corpus(), "features", {})
    only = toolkit.features(_corpus(), families=["frames"], cache=True)
    assert "textblob_polarity" not in only.columns
    assert len(list(results_dir().glob("*.json"))) == 3


def test_dtm_cache_and_clear():
    corpus = _corpus()
    a = toolkit.document_term_matrix(corpus, cache=True)
    b = toolkit.document_term_matrix(corpus, cache=True)
    assert (a.matrix != b.matrix).nnz == 0 and list(a.terms) == list(b.terms)
    assert clear_cache() == 1
    assert clear_cache() == 0


def test_damaged_entry_is_recomputed():
    corpus = _corpus()
    first = toolkit.features(corpus, cache=True)
    entry = next(results_dir().glob("*.json"))
    entry.write_bytes(b"not a pickle")
    pd.testing.assert_frame_equal(toolkit.features(corpus, cache=True), first)
