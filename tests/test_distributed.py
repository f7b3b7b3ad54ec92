from __future__ import annotations

import pandas as pd
import pytest

import toolkit

from .conftest import ROOT

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def _corpus() -> pd.DataFrame:
    seed = toolkit.load_corpus(ROOT / "corpus")
    texts = [
        f'Rebels shelled the town {i}. "We will win," a commander said. Terrorists '
        f"fled and {i} civilians were killed."
        for i in range(9)
    ]
    others = toolkit.as_corpus(
        pd.DataFrame(
            {"text": texts, "title": [f"T{i}" for i in range(9)], "outlet": ["A", "B", "C"] * 3}
        )
    )
    return toolkit.combine_corpora(seed, others)


@pytest.mark.slow
def test_features_on_a_local_cluster_equal_pandas(client):
    corpus = _corpus()
    ddf = toolkit.distributed.to_dask(corpus, npartitions=3)
    lazy = toolkit.features(ddf)
    assert type(lazy).__module__.startswith("dask")
    result = lazy.compute()
    pd.testing.assert_frame_equal(result, toolkit.features(corpus), check_dtype=False)


@pytest.mark.slow
def test_term_frequencies_on_a_local_cluster_equal_pandas(client):
    corpus = _corpus()
    ddf = toolkit.distributed.to_dask(corpus, npartitions=4)
    for by in ("outlet", None):
        got = toolkit.term_frequencies(ddf, by=by)
        expected = toolkit.term_frequencies(corpus, by=by)
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_load_corpus_dask_engine():
    ddf = toolkit.load_corpus(ROOT / "corpus", engine="dask")
    assert type(ddf).__module__.startswith("dask")
    assert ddf.compute().index.tolist() == ["000_6f20bbf8b1b3e077"]
    with pytest.raises(ValueError, match="engine='spark'"):
        toolkit.load_corpus(ROOT / "corpus", engine="spark")  # type: ignore[arg-type]
