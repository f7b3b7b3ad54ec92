from __future__ import annotations

import json

import pandas as pd
import pytest

import toolkit

from .conftest import ROOT
from .test_parallel import CASES, IDS
from .test_parallel import _corpus as _varied_corpus

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
@pytest.mark.parametrize(("func", "options"), CASES, ids=IDS)
def test_per_article_functions_on_a_local_cluster_equal_pandas(client, func, options):
    corpus = toolkit.combine_corpora(toolkit.load_corpus(ROOT / "corpus"), _varied_corpus())
    ddf = toolkit.distributed.to_dask(corpus, npartitions=4)
    lazy = func(ddf, **options)
    assert type(lazy).__module__.startswith("dask")
    got = lazy.compute()
    expected = func(corpus, **options)
    if expected.index.name != "doc_id":  # rows of mentions: each partition counts from 0
        got = got.reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected, check_exact=True, check_dtype=False)


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


def _write_inputs(tmp_path, n=7):
    frame = pd.DataFrame(
        {
            "text": [f"Rebels shelled town {i}. Terrorists fled." for i in range(n)],
            "outlet": ["A", "B"] * (n // 2) + ["A"] * (n % 2),
            "date": [f"2016-02-{i + 1:02d}" for i in range(n)],
        }
    )
    jsonl = tmp_path / "news.jsonl"
    lines = [frame.iloc[i].to_json() for i in range(n)]
    lines.insert(3, "")  # a blank line: skipped, line numbers kept
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parquet = tmp_path / "news.parquet"
    frame.to_parquet(parquet, row_group_size=2)
    folder = tmp_path / "texts"
    folder.mkdir()
    for i, text in enumerate(frame["text"]):
        (folder / f"a{i:02d}.txt").write_text(text, encoding="utf-8")
    return [jsonl, parquet, folder]


def test_dask_engine_reads_lazily_in_partitions_equal_to_pandas(tmp_path, monkeypatch):
    from toolkit import distributed as dist

    for path in _write_inputs(tmp_path):
        eager = toolkit.load_corpus(path)
        lazy = dist.read_dask(
            path,
            "parquet"
            if path.suffix == ".parquet"
            else ("jsonl" if path.suffix == ".jsonl" else "txt"),
            chunk_size=3,
        )
        assert lazy.npartitions == 3, path
        got = lazy.compute()
        pd.testing.assert_frame_equal(got, eager, check_dtype=False)
        via_load = toolkit.load_corpus(path, engine="dask")
        assert type(via_load).__module__.startswith("dask")
        assert via_load.compute().index.tolist() == eager.index.tolist()


def test_dask_engine_checks_doc_ids_and_duplicates_across_partitions(tmp_path):
    from toolkit import distributed as dist

    # wire copies in other partitions (white space aside), and one within a partition
    texts = ["Strikes hit Idlib.", "Rebels fled.", "Other.", "Strikes  hit\nIdlib."]
    texts += ["Rebels fled.", "Last.", "Rebels fled."]
    path = tmp_path / "wire.jsonl"
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), "utf-8")
    whole = toolkit.load_corpus(path)
    assert whole["is_duplicate"].tolist() == [False, False, False, True, True, False, True]
    for size in (1, 2, 3):
        lazy = dist.read_dask(path, "jsonl", chunk_size=size)
        pd.testing.assert_frame_equal(lazy.compute(), whole, check_dtype=False)
        pd.testing.assert_frame_equal(
            lazy.partitions[-1].compute(), whole.iloc[-1:], check_dtype=False
        )
    ids = tmp_path / "ids.jsonl"
    ids.write_text(
        '{"doc_id": "a", "text": "One."}\n{"doc_id": "b", "text": "Two."}\n'
        '{"doc_id": "a", "text": "Three."}\n',
        "utf-8",
    )
    lazy = dist.read_dask(ids, "jsonl", chunk_size=2)
    with pytest.raises(toolkit.CorpusError, match=r"ids.jsonl, row 3 \(doc_id 'a'\): duplicate"):
        lazy.compute()


def test_dask_partition_with_other_columns_is_an_error(tmp_path):
    from toolkit import distributed as dist

    path = tmp_path / "mixed.jsonl"
    rows = ['{"text": "Rebels fled town one."}'] * 2 + ['{"text": "Town two.", "extra": 1}']
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    lazy = dist.read_dask(path, "jsonl", chunk_size=2)
    with pytest.raises(toolkit.CorpusError, match=r"mixed.jsonl, line 3 on.*extra"):
        lazy.compute()


@pytest.mark.slow
def test_lazy_dask_features_on_a_local_cluster_equal_pandas(client, tmp_path):
    path = _write_inputs(tmp_path)[0]
    lazy = toolkit.distributed.read_dask(path, "jsonl", chunk_size=3)
    got = toolkit.features(lazy).compute()
    pd.testing.assert_frame_equal(
        got, toolkit.features(toolkit.load_corpus(path)), check_dtype=False
    )


def test_inputs_that_cannot_be_cut_lazily_are_read_whole(tmp_path):
    import gzip

    from toolkit.chunks import plan_pieces

    packed = tmp_path / "news.jsonl.gz"
    packed.write_bytes(gzip.compress(b'{"text": "Rebels fled."}\n'))
    assert plan_pieces(packed, "jsonl", 2) is None
    old_mac = tmp_path / "old.jsonl"
    old_mac.write_bytes(b'{"text": "Rebels fled."}\r{"text": "Town two."}\r')
    assert plan_pieces(old_mac, "jsonl", 2) is None
    ddf = toolkit.load_corpus(old_mac, engine="dask")  # read whole, then partitioned
    assert ddf.compute()["text"].tolist() == ["Rebels fled.", "Town two."]


def test_parquet_partitions_are_whole_row_groups(tmp_path):
    from toolkit.chunks import plan_pieces, read_piece

    path = tmp_path / "one_group.parquet"
    pd.DataFrame({"text": [f"Town {i} was shelled." for i in range(9)]}).to_parquet(path)
    assert plan_pieces(path, "parquet", 2) == [("parquet", 0, 1)]  # never a slice of a group
    split = tmp_path / "groups.parquet"
    pd.DataFrame({"text": [f"Town {i} was shelled." for i in range(9)]}).to_parquet(
        split, row_group_size=4
    )
    pieces = plan_pieces(split, "parquet", 5)
    assert pieces == [("parquet", 0, 1), ("parquet", 1, 3)]
    assert read_piece(split, pieces[1], 5, "utf-8").frame["source_row"].tolist() == [5, 6, 7, 8, 9]
