from __future__ import annotations

import json

import pandas as pd
import pytest

import toolkit
from toolkit import CorpusError
from toolkit.cli import main
from toolkit.stream import iter_corpus, write_features

from .conftest import ROOT

TEXTS = [f"Article {i}: rebels shelled the town and {i} civilians were killed." for i in range(7)]


@pytest.fixture
def table_path(tmp_path):
    path = tmp_path / "news.csv"
    pd.DataFrame(
        {
            "text": TEXTS,
            "outlet": ["A", "B"] * 3 + ["A"],
            "date": [f"2016-01-0{i + 1}" for i in range(7)],
        }
    ).to_csv(path, index=False)
    return path


@pytest.mark.parametrize("kind", ["csv", "jsonl", "parquet", "txt"])
def test_iter_corpus_chunks_equal_whole_load(tmp_path, kind):
    frame = pd.DataFrame({"text": TEXTS, "outlet": ["A", "B"] * 3 + ["A"]})
    if kind == "csv":
        path = tmp_path / "n.csv"
        frame.to_csv(path, index=False)
    elif kind == "jsonl":
        path = tmp_path / "n.jsonl"
        path.write_text("\n".join(json.dumps(r) for r in frame.to_dict("records")), "utf-8")
    elif kind == "parquet":
        path = tmp_path / "n.parquet"
        frame.to_parquet(path, index=False)
    else:
        path = tmp_path / "folder"
        path.mkdir()
        for i, text in enumerate(TEXTS):
            (path / f"{i:02d}.txt").write_text(f"Headline {i}\n\n{text}", "utf-8")
    chunks = list(iter_corpus(path, chunk_size=3))
    assert [len(c) for c in chunks] == [3, 3, 1]
    whole = toolkit.load_corpus(path)
    streamed = pd.concat(chunks)
    assert streamed.index.tolist() == whole.index.tolist()
    pd.testing.assert_series_equal(streamed["text"], whole["text"])


def test_iter_corpus_duplicate_ids_across_chunks(tmp_path):
    path = tmp_path / "d.csv"
    pd.DataFrame({"doc_id": ["a", "b", "a"], "text": ["x", "y", "z"]}).to_csv(path, index=False)
    with pytest.raises(CorpusError, match=r"d.csv, row 3 \(doc_id 'a'\): duplicate doc_id"):
        list(iter_corpus(path, chunk_size=2))


def test_iter_corpus_collect_reports_duplicate_ids_across_chunks(tmp_path):
    path = tmp_path / "d.csv"
    pd.DataFrame({"doc_id": ["a", "b", "a", "c"], "text": ["w", "x", "y", "z"]}).to_csv(
        path, index=False
    )
    with pytest.warns(toolkit.CorpusWarning, match="1 input article"):
        chunks = list(iter_corpus(path, chunk_size=2, errors="collect"))
    assert [c.index.tolist() for c in chunks] == [["a", "b"], ["c"]]
    (problem,) = chunks[1].attrs["problems"]
    assert (problem["doc_id"], problem["source_row"]) == ("a", 3)
    assert "duplicate doc_id" in problem["problem"]


def test_iter_corpus_flags_duplicate_texts_across_chunks_as_a_whole_load(tmp_path):
    # wire copies: the same text (white space aside) in different chunks, and twice in one
    texts = ["Strikes hit Idlib.", "Rebels fled.", "Strikes  hit\nIdlib.", "Other.", "Rebels fled."]
    texts += ["Strikes hit Idlib.", "Last."]
    path = tmp_path / "wire.csv"
    pd.DataFrame({"text": texts}).to_csv(path, index=False)
    whole = toolkit.load_corpus(path)
    assert whole["is_duplicate"].tolist() == [False, False, True, False, True, True, False]
    for size in (1, 2, 3, 7):
        streamed = pd.concat(list(iter_corpus(path, chunk_size=size)))
        pd.testing.assert_frame_equal(
            streamed[["is_duplicate", "duplicate_of"]], whole[["is_duplicate", "duplicate_of"]]
        )


def test_write_features_checks_doc_ids_across_inputs(tmp_path):
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "news.csv").write_text("text\nRebels fled.\n", "utf-8")
    inputs = [tmp_path / "one" / "news.csv", tmp_path / "two" / "news.csv"]
    with pytest.raises(CorpusError, match=r"\(doc_id 'news-000001'\): duplicate doc_id"):
        write_features(inputs, tmp_path / "out.parquet", progress=False)
    assert not (tmp_path / "out.parquet").exists()


def test_write_features_equals_features(table_path, tmp_path):
    out = write_features(table_path, tmp_path / "f.parquet", chunk_size=3, progress=False)
    streamed = pd.read_parquet(out).set_index("doc_id")
    expected = toolkit.features(toolkit.load_corpus(table_path))
    pd.testing.assert_frame_equal(streamed, expected, check_dtype=False, check_index_type=False)
    assert not (tmp_path / "f.parquet.partial").exists()


def test_write_features_interrupted_leaves_nothing_complete(tmp_path):
    path = tmp_path / "bad.csv"
    rows = [{"text": t, "date": "2016-01-01"} for t in TEXTS]
    rows[5]["date"] = "not a date"  # in the second chunk
    pd.DataFrame(rows).to_csv(path, index=False)
    target = tmp_path / "f.parquet"
    with pytest.raises(CorpusError, match="unparseable date"):
        write_features(path, target, chunk_size=3, progress=False)
    assert not target.exists() and not (tmp_path / "f.parquet.partial").exists()


def test_cli_features(table_path, tmp_path, capsys):
    out = tmp_path / "cli.parquet"
    assert (
        main(
            ["features", str(table_path), "-o", str(out), "--chunk-size", "4", "--family", "frames"]
        )
        == 0
    )
    table = pd.read_parquet(out)
    assert len(table) == 7 and "frame_conflict" in table.columns
    assert "textblob_polarity" not in table.columns
    assert str(out.resolve()) in capsys.readouterr().out


def test_features_parallel_is_identical():
    corpus = toolkit.load_corpus(ROOT / "corpus")
    many = toolkit.as_corpus(pd.DataFrame({"text": [*TEXTS, corpus["text"].iloc[0]]}))
    pd.testing.assert_frame_equal(toolkit.features(many), toolkit.features(many, n_jobs=2))


def test_progress_total_counts_articles_where_cheap(tmp_path):
    from toolkit.stream import _count_articles

    lines = tmp_path / "a.jsonl"
    lines.write_text('{"text": "One."}\n{"text": "Two."}\n{"text": "Three."}\n', encoding="utf-8")
    table = tmp_path / "b.parquet"
    pd.DataFrame({"text": ["Four.", "Five."]}).to_parquet(table)
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "x.txt").write_text("Six.", encoding="utf-8")
    assert _count_articles([lines, table, folder]) == 6
    csv = tmp_path / "c.csv"
    csv.write_text("text\nSeven.\n", encoding="utf-8")
    assert _count_articles([lines, csv]) is None
    assert _count_articles(["fakes"]) is None


def test_write_features_with_workers_equals_one_process(table_path, tmp_path):
    one = write_features(table_path, tmp_path / "one.parquet", chunk_size=3, progress=False)
    two = write_features(
        table_path, tmp_path / "two.parquet", chunk_size=3, n_jobs=2, progress=False
    )
    pd.testing.assert_frame_equal(pd.read_parquet(one), pd.read_parquet(two))


def test_write_features_with_workers_interrupted_leaves_nothing(tmp_path):
    path = tmp_path / "bad.jsonl"
    rows = [json.dumps({"text": f"Article {i} about the war."}) for i in range(9)]
    rows[7] = json.dumps({"text": ""})
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.parquet"
    with pytest.raises(CorpusError, match="row 8"):
        write_features(path, out, chunk_size=2, n_jobs=2, progress=False)
    assert not out.exists()
    assert not (tmp_path / "out.parquet.partial").exists()
