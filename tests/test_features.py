from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import toolkit
from toolkit import as_corpus, feature_descriptions, features
from toolkit.features import FEATURE_FAMILIES, documented

from .conftest import ROOT


def test_features_seed_one_row_all_documented():
    corpus = toolkit.load_corpus(ROOT / "corpus")
    table = features(corpus)
    assert table.index.equals(corpus.index)
    assert all(documented(c) for c in table.columns), [
        c for c in table.columns if not documented(c)
    ]
    assert table.loc[corpus.index[0], "n_quotes_direct"] == 6
    assert table.attrs["toolkit"]["families"] == list(FEATURE_FAMILIES)


def test_features_equal_the_family_functions():
    corpus = toolkit.load_corpus(ROOT / "corpus")
    table = features(corpus)
    pd.testing.assert_frame_equal(
        table[toolkit.frames(corpus).columns], toolkit.frames(corpus), check_names=False
    )
    sent = toolkit.sentiment(corpus)
    pd.testing.assert_frame_equal(table[sent.columns], sent, check_names=False)


def test_features_families_switch_off():
    corpus = as_corpus(pd.DataFrame({"text": ["Rebels shelled the town."]}))
    only = features(corpus, families=["frames"])
    assert set(only.columns) == {"n_tokens"} | set(toolkit.frames(corpus).columns)
    with pytest.raises(ValueError, match=r"unknown famil.*'moods'"):
        features(corpus, families=["moods"])


def test_features_every_column_in_readme_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for column in feature_descriptions()["column"]:
        assert f"`{column}`" in readme, column


@pytest.mark.slow
def test_features_fakes_one_row_per_article_no_crash(fakes):
    table = features(fakes)
    assert len(table) == 804 and table.index.equals(fakes.index)
    assert all(documented(c) for c in table.columns)
    # mean over items of log(1 + weighted count): 0 without a cue, finite, and not
    # saturated (long articles do not all reach one value)
    scores = table["frame_conflict"]
    assert (scores >= 0).all() and np.isfinite(scores).all()
    assert scores.nunique() > 100


def test_n_tokens_is_the_same_measure_everywhere():
    corpus = toolkit.load_corpus(ROOT / "corpus")  # has curly apostrophes: "Syria’s"
    table = features(corpus, families=["epistemic"])
    dtm = toolkit.document_term_matrix(corpus)
    summary = toolkit.summarise_corpus(corpus)
    assert table["n_tokens"].tolist() == dtm.n_tokens.tolist() == summary["n_words"].tolist()
    assert table["n_tokens"].iloc[0] == len(toolkit.tokenize(corpus["text"].iloc[0]))


def test_features_in_chunks_equal_one_pass(monkeypatch):
    import importlib

    module = importlib.import_module("toolkit.features")
    texts = [
        f'Rebels shelled town {i}. "We won," a commander said. {i} civilians were killed.'
        for i in range(11)
    ]
    corpus = as_corpus(pd.DataFrame({"text": texts, "title": [f"T{i}" for i in range(11)]}))
    whole = features(corpus)
    monkeypatch.setattr(module, "CHUNK_SIZE", 3)
    chunked = features(corpus)
    pd.testing.assert_frame_equal(chunked, whole)
    assert chunked.attrs["toolkit"] == whole.attrs["toolkit"]


def test_gc_paused_restores_the_collector_as_it_was():
    import gc

    from toolkit.dispatch import gc_paused

    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()
