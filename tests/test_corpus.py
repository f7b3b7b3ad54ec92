from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import toolkit
from toolkit import CorpusError, CorpusWarning, as_corpus, corpus_problems, load_corpus
from toolkit.errors import PROBLEM_COLUMNS
from toolkit.schema import CORE_COLUMNS

from .conftest import ROOT, SEED_FILE, SEED_NAME, SHARED

SEED_SHA256 = "c2ad20362797f1d90ab6dcf22991f9fa7befea3fc1e040e723418aacc65e6001"

ROWS = [
    {
        "doc_id": "a1",
        "text": "Rebels shelled the old city.",
        "outlet": "Reuters",
        "date": "2016-02-16",
        "place": "Aleppo",
        "section": "world",
    },
    {
        "doc_id": "a2",
        "text": "Terrorist groups shelled the old city.",
        "outlet": "SANA",
        "date": "2016-02-17",
        "place": "Aleppo",
        "section": "local",
    },
    {
        "doc_id": "a3",
        "text": "Rebels  shelled the old\ncity.",
        "outlet": "Al-Ahram",
        "date": "2016-02-18",
        "place": "Aleppo",
        "section": "world",
    },
]


def _tree_digest(folder: Path) -> dict[str, tuple[str, float]]:
    return {
        p.relative_to(folder).as_posix(): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime,
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# ---------------------------------------------------------------- the shipped corpus


def test_shipped_seed_is_byte_for_byte():
    assert hashlib.sha256(SEED_FILE.read_bytes()).hexdigest() == SEED_SHA256
    shared = SHARED / "seed" / f"{SEED_NAME}.txt"
    if shared.is_file():
        assert SEED_FILE.read_bytes() == shared.read_bytes()


def test_load_corpus_shipped_schema():
    corpus = load_corpus(ROOT / "corpus")
    assert corpus.index.name == "doc_id"
    assert list(corpus.index) == [SEED_NAME]
    assert list(corpus.columns[: len(CORE_COLUMNS)]) == list(CORE_COLUMNS)
    for col in ("source_file", "source_row", "is_duplicate", "duplicate_of", "url", "notes"):
        assert col in corpus.columns
    assert pd.api.types.is_datetime64_any_dtype(corpus["date"])
    row = corpus.loc[SEED_NAME]
    assert row["outlet"] == "TASS"
    assert row["date"] == pd.Timestamp("2016-02-16")
    assert row["date"].day_name() == "Tuesday"
    assert row["place"] == "Latakia"
    assert row["language"] == "en"
    assert row["title"].startswith("Russian aircraft attack almost 1,600 terrorist facilities")
    assert row["source_file"] == f"articles/{SEED_NAME}.txt"
    assert row["dateline"] == "LATAKIA, February 16. /TASS/."
    assert not row["text"].startswith("All news")
    assert "LATAKIA, February 16" not in row["text"]
    assert row["is_duplicate"] is np.False_ or row["is_duplicate"] is False


def test_load_corpus_leaves_corpus_folder_untouched(tmp_path):
    before = _tree_digest(ROOT / "corpus")
    corpus = load_corpus(ROOT / "corpus")
    toolkit.report.write_report(corpus, tmp_path / "out")
    assert _tree_digest(ROOT / "corpus") == before


def test_load_corpus_doc_ids_are_stable():
    a = load_corpus(ROOT / "corpus")
    b = load_corpus(str(ROOT / "corpus"))
    pd.testing.assert_frame_equal(a, b)


# ---------------------------------------------------------------- formats


def _write_all_formats(folder: Path) -> dict[str, Path]:
    frame = pd.DataFrame(ROWS)
    paths = {
        "csv": folder / "arts.csv",
        "tsv": folder / "arts.tsv",
        "jsonl": folder / "arts.jsonl",
        "parquet": folder / "arts.parquet",
        "csv.gz": folder / "arts.csv.gz",
    }
    frame.to_csv(paths["csv"], index=False)
    frame.to_csv(paths["tsv"], sep="\t", index=False)
    paths["jsonl"].write_text("\n".join(json.dumps(r) for r in ROWS) + "\n", encoding="utf-8")
    frame.to_parquet(paths["parquet"], index=False)
    with gzip.open(paths["csv.gz"], "wt", encoding="utf-8") as fh:
        frame.to_csv(fh, index=False)
    return paths


@pytest.mark.parametrize("kind", ["csv", "tsv", "jsonl", "parquet", "csv.gz"])
def test_load_corpus_table_formats_agree(tmp_path, kind):
    paths = _write_all_formats(tmp_path)
    corpus = load_corpus(paths[kind])
    assert list(corpus.index) == ["a1", "a2", "a3"]
    assert corpus["outlet"].tolist() == ["Reuters", "SANA", "Al-Ahram"]
    assert corpus["date"].tolist() == [pd.Timestamp(f"2016-02-{d}") for d in (16, 17, 18)]
    assert corpus["section"].tolist() == ["world", "local", "world"]  # extra metadata kept
    assert corpus["source_row"].tolist() == [1, 2, 3]
    assert corpus["language"].tolist() == ["en"] * 3
    assert "headline" not in corpus.columns  # tables are not parsed by default


def test_load_corpus_folder_of_text_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "one.txt").write_text("Headline one\n\nBEIRUT (Reuters) - Body one.", "utf-8")
    (tmp_path / "sub" / "two.txt").write_text("Headline two\n\nBody two.", "utf-8")
    (tmp_path / ".hidden.txt").write_text("ignored", "utf-8")
    (tmp_path / "notes.md").write_text("not an article", "utf-8")
    corpus = load_corpus(tmp_path)
    assert list(corpus.index) == ["one", "sub/two"]
    assert corpus.loc["one", "outlet"] == "Reuters"  # from the dateline
    assert corpus.loc["one", "place"] == "Beirut"
    assert corpus.loc["one", "title"] == "Headline one"
    assert corpus.loc["one", "text"] == "Headline one\n\nBody one."
    assert pd.isna(corpus.loc["sub/two", "outlet"])
    assert pd.isna(corpus.loc["sub/two", "date"])


def test_load_corpus_single_text_file():
    corpus = load_corpus(SEED_FILE)
    assert list(corpus.index) == [SEED_NAME]
    assert corpus.loc[SEED_NAME, "outlet"] == "TASS"


def test_load_corpus_several_paths(tmp_path):
    paths = _write_all_formats(tmp_path)
    other = tmp_path / "other.csv"
    pd.DataFrame({"text": ["Another text."], "outlet": ["TRT"]}).to_csv(other, index=False)
    corpus = load_corpus([paths["csv"], other])
    assert list(corpus.index) == ["a1", "a2", "a3", "other-000001"]


def test_load_corpus_column_mapping_and_generated_ids(tmp_path):
    path = tmp_path / "news.csv"
    pd.DataFrame(
        {
            "body": ["First.", "Second."],
            "source": ["SANA", "TASS"],
            "published": ["03/01/2016", "03/02/2016"],
        }
    ).to_csv(path, index=False)
    corpus = load_corpus(
        path,
        columns={"body": "text", "source": "outlet", "published": "date"},
        date_format="%m/%d/%Y",
    )
    assert list(corpus.index) == ["news-000001", "news-000002"]
    assert corpus["date"].tolist() == [pd.Timestamp("2016-03-01"), pd.Timestamp("2016-03-02")]
    assert load_corpus(path, columns={"body": "text"}, id_prefix="x").index[0] == "x-000001"


def test_load_corpus_dates_with_offset_become_utc(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps({"text": "x", "date": "2016-02-16T01:30:00+03:00"}) + "\n", "utf-8")
    assert load_corpus(path)["date"].iloc[0] == pd.Timestamp("2016-02-15 22:30:00")


# ---------------------------------------------------------------- metadata corpus folder


def _corpus_folder(tmp_path: Path, meta: str, files: dict[str, str]) -> Path:
    folder = tmp_path / "corp"
    (folder / "articles").mkdir(parents=True)
    (folder / "metadata.csv").write_text(meta, encoding="utf-8")
    for name, text in files.items():
        (folder / "articles" / name).write_text(text, encoding="utf-8")
    return folder


def test_load_corpus_metadata_overrides_parsed_parts(tmp_path):
    folder = _corpus_folder(
        tmp_path,
        "file,outlet,date,title\narticles/x.txt,Sputnik,2016-01-05,Edited title\n",
        {"x.txt": "Scraped headline\n\nMOSCOW, January 5. /TASS/. Body."},
    )
    corpus = load_corpus(folder)
    assert corpus.index.tolist() == ["x"]  # doc_id from the file name when not given
    row = corpus.loc["x"]
    assert (row["outlet"], row["title"], row["place"]) == ("Sputnik", "Edited title", "Moscow")
    assert row["headline"] == "Scraped headline"


def test_load_corpus_metadata_missing_and_unlisted_files(tmp_path):
    folder = _corpus_folder(
        tmp_path,
        "doc_id,file,outlet\nd1,articles/there.txt,A\nd2,articles/gone.txt,B\n",
        {"there.txt": "Head\n\nBody.", "stray.txt": "Head\n\nBody two."},
    )
    with pytest.raises(CorpusError) as err:
        load_corpus(folder)
    message = str(err.value)
    assert "articles/gone.txt" in message and "does not exist" in message
    assert "stray.txt" in message and "not listed in metadata.csv" in message
    with pytest.warns(CorpusWarning):
        corpus = load_corpus(folder, errors="collect")
    assert corpus.index.tolist() == ["d1"]
    problems = corpus_problems(corpus)
    assert len(problems) == 2
    assert set(problems["source_file"]) == {"metadata.csv", "articles/stray.txt"}


def test_load_corpus_metadata_needs_file_column(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "metadata.csv").write_text("doc_id,outlet\nx,SANA\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"metadata.csv: no 'file' column"):
        load_corpus(folder)


# ---------------------------------------------------------------- bad input


def test_load_corpus_missing_path():
    with pytest.raises(FileNotFoundError, match="no-such-folder"):
        load_corpus("no-such-folder")


def test_load_corpus_unsupported_type(tmp_path):
    path = tmp_path / "story.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(CorpusError, match=r"story.pdf: unsupported file type .pdf.*\.jsonl"):
        load_corpus(path)


def test_load_corpus_missing_text_column(tmp_path):
    path = tmp_path / "t.csv"
    pd.DataFrame({"article_content": ["x"], "source": ["y"]}).to_csv(path, index=False)
    with pytest.raises(
        CorpusError,
        match=r"t.csv: no 'text' column; the file has: "
        r"article_content, source.*columns=\{'article_content': 'text'\}",
    ):
        load_corpus(path)


def test_load_corpus_bad_encoding(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("text,outlet\nok,A\ncaf\u00e9 bombed,B\n".encode("latin-1"))
    with pytest.raises(
        CorpusError, match=r"latin.csv, row 2: line 3: not valid utf-8 \(bytes b'\\xe9'"
    ):
        load_corpus(path)
    assert load_corpus(path, encoding="latin-1")["text"].tolist() == ["ok", "café bombed"]
    # one bad byte costs its row, not the file
    with pytest.warns(CorpusWarning):
        kept = load_corpus(path, errors="collect")
    assert kept["text"].tolist() == ["ok"]
    assert corpus_problems(kept)["source_row"].tolist() == [2]


def test_load_corpus_bad_encoding_in_one_text_file_is_reported(tmp_path):
    (tmp_path / "good.txt").write_text("Head\n\nGood body.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"Head\n\nBad \xff body.")
    with pytest.warns(CorpusWarning):
        corpus = load_corpus(tmp_path, errors="collect")
    assert corpus.index.tolist() == ["good"]
    problems = corpus_problems(corpus)
    assert problems["doc_id"].tolist() == ["bad"]
    assert "not valid utf-8 at byte 10" in problems["problem"].iloc[0]


def test_load_corpus_row_problems_name_file_row_and_value(tmp_path):
    path = tmp_path / "b.csv"
    path.write_text(
        "doc_id,text,date\n"
        "a,Fine text.,2016-02-16\n"
        "b,   ,2016-02-16\n"
        "c,Another.,16/02/2016\n"
        "a,Reused id.,2016-02-17\n"
        "d,Last one.,\n",
        encoding="utf-8",
    )
    with pytest.raises(CorpusError) as err:
        load_corpus(path)
    problems = err.value.problems
    assert list(problems.columns) == list(PROBLEM_COLUMNS)
    assert problems["source_row"].tolist() == [2, 3, 4]
    assert problems["doc_id"].tolist() == ["b", "c", "a"]
    assert "empty text" in problems["problem"].iloc[0]
    assert "unparseable date '16/02/2016'" in problems["problem"].iloc[1]
    assert "date_format" in problems["problem"].iloc[1]
    assert "duplicate doc_id: already used at b.csv, row 1" in problems["problem"].iloc[2]
    assert "b.csv, row 3 (doc_id 'c'): unparseable date" in str(err.value)


def test_load_corpus_collect_loads_or_reports_every_row(tmp_path):
    path = tmp_path / "b.jsonl"
    lines = [
        json.dumps({"doc_id": "a", "text": "One."}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"doc_id": "b", "text": ""}),
        json.dumps({"doc_id": "c", "text": "Three.", "date": "yesterday"}),
        json.dumps({"doc_id": "a", "text": "Again."}),
        json.dumps({"doc_id": "d", "text": "Four.", "date": "2016-01-01"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.warns(CorpusWarning, match="5 input article"):
        corpus = load_corpus(path, errors="collect")
    problems = corpus_problems(corpus)
    assert corpus.index.tolist() == ["a", "d"]
    assert problems["source_row"].tolist() == [2, 3, 4, 5, 6]
    assert len(corpus) + len(problems) == len(lines)
    assert "not valid JSON" in problems["problem"].iloc[0]
    assert "expected a JSON object, got a list" in problems["problem"].iloc[1]


def test_load_corpus_collect_reports_unreadable_file(tmp_path):
    good = tmp_path / "good.csv"
    pd.DataFrame({"text": ["x"]}).to_csv(good, index=False)
    bad = tmp_path / "bad.csv"
    pd.DataFrame({"body": ["y"]}).to_csv(bad, index=False)
    with pytest.warns(CorpusWarning):
        corpus = load_corpus([good, bad], errors="collect")
    assert corpus.index.tolist() == ["good-000001"]
    assert "no 'text' column" in corpus_problems(corpus)["problem"].iloc[0]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"errors": "ignore"}, r"errors='ignore' is not valid; use one of: 'raise', 'collect'"),
        ({"parse": "yes"}, r"parse='yes' is not valid"),
        ({"format": "xlsx"}, r"format='xlsx' is not valid; use one of: 'corpus'"),
    ],
)
def test_load_corpus_bad_options(kwargs, message):
    with pytest.raises(ValueError, match=message):
        load_corpus(ROOT / "corpus", **kwargs)


def test_load_corpus_rejects_dataframe():
    with pytest.raises(TypeError, match="as_corpus"):
        load_corpus(pd.DataFrame({"text": ["x"]}))  # type: ignore[arg-type]


# ---------------------------------------------------------------- duplicates, as_corpus


def test_exact_duplicates_are_flagged_not_removed():
    corpus = as_corpus(pd.DataFrame(ROWS))
    assert len(corpus) == 3
    # a3 differs from a1 only in white space: wire copy
    assert corpus["is_duplicate"].tolist() == [False, False, True]
    assert corpus["duplicate_of"].tolist()[2] == "a1"
    assert pd.isna(corpus["duplicate_of"].iloc[0])


def test_as_corpus_does_not_mutate_input():
    frame = pd.DataFrame(ROWS)
    snapshot = frame.copy()
    as_corpus(frame)
    pd.testing.assert_frame_equal(frame, snapshot)


def test_as_corpus_uses_named_index():
    frame = pd.DataFrame({"text": ["x", "y"]}, index=pd.Index(["k1", "k2"], name="doc_id"))
    assert as_corpus(frame).index.tolist() == ["k1", "k2"]


def test_as_corpus_rejects_non_frame():
    with pytest.raises(TypeError, match="expects a pandas DataFrame, got str"):
        as_corpus("corpus/")  # type: ignore[arg-type]


def test_as_corpus_parse_option():
    corpus = as_corpus(
        pd.DataFrame({"text": ["All news\n\nHead\n\nBEIRUT (AFP) - Body."]}), parse=True
    )
    assert corpus[["title", "outlet", "place"]].iloc[0].tolist() == ["Head", "AFP", "Beirut"]


# ---------------------------------------------------------------- summary, fingerprint


def test_summarise_corpus_by_hand():
    frame = pd.DataFrame(
        {
            "text": ["one two three", "four five", "six", "six"],
            "outlet": ["A", "A", "B", None],
            "date": ["2016-01-01", "2016-03-01", None, "2017-01-01"],
        }
    )
    summary = toolkit.summarise_corpus(as_corpus(frame))
    assert summary["group"].tolist() == ["A", "B", "(missing)"]
    assert summary.attrs["by"] == "outlet"
    assert summary["n_articles"].tolist() == [2, 1, 1]
    assert summary["n_words"].tolist() == [5, 1, 1]
    assert summary["n_words_median"].tolist() == [2.5, 1.0, 1.0]
    assert summary["n_duplicates"].tolist() == [0, 0, 1]
    assert summary["n_missing_date"].tolist() == [0, 1, 0]
    assert summary["first_date"].iloc[0] == pd.Timestamp("2016-01-01")
    assert summary["last_date"].iloc[0] == pd.Timestamp("2016-03-01")


def test_summarise_corpus_unknown_column():
    with pytest.raises(KeyError, match="by='source' is not a column"):
        toolkit.summarise_corpus(as_corpus(pd.DataFrame(ROWS)), by="source")


def test_corpus_fingerprint_is_order_and_text_sensitive():
    corpus = as_corpus(pd.DataFrame(ROWS))
    fp = toolkit.corpus_fingerprint(corpus)
    assert len(fp) == 16 and fp == toolkit.corpus_fingerprint(as_corpus(pd.DataFrame(ROWS)))
    assert fp != toolkit.corpus_fingerprint(corpus.iloc[::-1])


def test_duplicates_ignore_white_space_and_blocks_keep_order(monkeypatch):
    from toolkit import corpus as corpus_module

    monkeypatch.setattr(corpus_module, "BLOCK", 2)
    frame = pd.DataFrame(
        {"text": ["Rebels  fled.", "  Town hit. ", "Rebels\nfled.", "Other.", "Town hit."]}
    )
    loaded = toolkit.as_corpus(frame)
    assert loaded["is_duplicate"].tolist() == [False, False, True, False, True]
    assert loaded["duplicate_of"].tolist()[2] == loaded.index[0]
    assert loaded["duplicate_of"].tolist()[4] == loaded.index[1]
    assert loaded["text"].tolist()[1] == "Town hit."


def test_jsonl_strings_may_hold_unicode_line_separators(tmp_path):
    path = tmp_path / "seps.jsonl"
    records = [{"text": "Rebels fled.\u2028Town hit.\u0085Again."}, {"text": "Second."}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    loaded = toolkit.load_corpus(path)
    assert len(loaded) == 2
    assert loaded["source_row"].tolist() == [1, 2]
    streamed = pd.concat(toolkit.stream.iter_corpus(path))
    assert streamed.index.tolist() == loaded.index.tolist()


def test_jsonl_is_decoded_line_by_line_with_the_same_errors(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "Caf\xc3\xa9 hit."}\r\n{"text": "Two."}\r\n')
    assert load_corpus(path)["text"].tolist() == ["Café hit.", "Two."]
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"text": "One."}\n{"text": "caf\xe9 bombed"}\n')
    with pytest.raises(CorpusError, match=r"bad.jsonl, row 2: not valid utf-8 \(bytes b'\\xe9'"):
        load_corpus(bad)
    assert load_corpus(bad, encoding="latin-1")["text"].tolist() == ["One.", "café bombed"]
    wide = tmp_path / "wide.jsonl"
    wide.write_bytes('{"text": "Rebels fled."}\n{"text": "Two."}\n'.encode("utf-16"))
    assert load_corpus(wide, encoding="utf-16")["text"].tolist() == ["Rebels fled.", "Two."]


def test_jsonl_lines_end_at_cr_lf_and_crlf_only(tmp_path):
    # U+2028 and U+0085 inside a string are not line ends; \r, \n and \r\n are
    path = tmp_path / "ends.jsonl"
    texts = ["One\u2028two.", "Three\u0085four.", "Five.", "Six."]
    lines = [json.dumps({"text": t}, ensure_ascii=False) for t in texts]
    path.write_bytes((lines[0] + "\r" + lines[1] + "\r\n" + lines[2] + "\n" + lines[3]).encode())
    corpus = load_corpus(path)
    assert corpus["text"].tolist() == texts
    assert corpus["source_row"].tolist() == [1, 2, 3, 4]


def test_jsonl_read_in_small_blocks_and_compressed_equals_whole(tmp_path, monkeypatch):
    import gzip

    from toolkit import corpus as corpus_module

    records = [
        {"text": f"Town {i} was shelled.", "outlet": "A" if i % 2 else None} for i in range(9)
    ]
    raw = "\r\n".join(json.dumps(r) for r in records).encode("utf-8")
    plain = tmp_path / "news.jsonl"
    plain.write_bytes(b"\xef\xbb\xbf" + raw + b"\r\n")
    packed = tmp_path / "news.jsonl.gz"
    packed.write_bytes(gzip.compress(raw))
    expected = load_corpus(plain)
    monkeypatch.setattr(corpus_module, "BLOCK", 2)  # several record blocks
    for path in (plain, packed):
        got = load_corpus(path)
        pd.testing.assert_frame_equal(
            got.drop(columns="source_file"), expected.drop(columns="source_file")
        )


def test_records_in_blocks_give_the_frame_of_one_from_records(monkeypatch):
    from toolkit.readers import RawBatch, concat_batches

    records = [
        {"text": "a", "k": None, "n": 1},
        {"text": "b", "k": None, "n": 2},
        {"text": "c", "k": "x", "m": 1.5},
        {"text": None, "k": "y", "n": None},
        {"text": "e", "k": 3, "b": True},
        {"text": "f", "k": "z", "l": [1]},
        {"text": "g"},
    ]
    for n in range(len(records) + 1):
        blocks = [
            RawBatch(pd.DataFrame.from_records(records[i : min(i + 2, n)])) for i in range(0, n, 2)
        ]
        got = concat_batches(blocks).frame
        expected = pd.DataFrame.from_records(records[:n]) if n else pd.DataFrame()
        pd.testing.assert_frame_equal(got, expected)


def test_text_cleaning_reads_only_rows_that_can_change():
    import random

    from toolkit import corpus as corpus_module

    rng = random.Random(2)
    pieces = ["", " ", "\t", "\n", "\x1c", "\x1f", "\x85", "\u00a0", "\u2028", "\u3000"]
    pieces += ["\u200b", "\ufeff", "\u180e", "NaN", "n/a", "None", "null", "NA", "nat", "x"]
    pieces += ["Syria", "é", "_", "-", ".", '"', "“", "Ω", "٣", "a b"]
    values = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 5))) for _ in range(3000)]
    values += [None, "  n/a  ", "\u00a0None\u00a0", "x" * 10]
    for dtype in ("str", pd.StringDtype("python"), pd.StringDtype("pyarrow"), object):
        column = pd.Series(values, dtype=dtype)
        reference = corpus_module._by_blocks(column, corpus_module._clean_block)
        pd.testing.assert_series_equal(corpus_module._clean_text_column(column), reference)


def test_csv_read_by_pandas_keeps_bom_line_ends_and_compression(tmp_path):
    import bz2

    raw = b'text,outlet\r"Rebels fled,\r\nthe town said.",A\rTown hit.,B\r'
    plain = tmp_path / "news.csv"
    plain.write_bytes(b"\xef\xbb\xbf" + raw)
    packed = tmp_path / "news.csv.bz2"
    packed.write_bytes(bz2.compress(raw))
    for path in (plain, packed):
        loaded = load_corpus(path)
        assert loaded.columns[:3].tolist() == ["text", "title", "outlet"]
        assert loaded["text"].tolist() == ["Rebels fled,\r\nthe town said.", "Town hit."]
        assert loaded["outlet"].tolist() == ["A", "B"]
    packed_zst = tmp_path / "news.csv.zst"
    packed_zst.write_bytes(b"\x28\xb5\x2f\xfd")
    with pytest.raises(CorpusError, match=r"\.zst compression is not supported"):
        load_corpus(packed_zst)


def test_summarise_corpus_reports_removed_text_and_near_copies():
    corpus = toolkit.as_corpus(
        pd.DataFrame(
            {
                "text": ["Jets hit Homs. --Reuters", "Jets hit Homs today. --Reuters", "Calm."],
                "outlet": ["Reuters", "Reuters", "SANA"],
            }
        )
    )
    summary = toolkit.summarise_corpus(toolkit.near_duplicates(corpus)).set_index("group")
    removed = len(" --Reuters") * 2
    before = len("Jets hit Homs. --Reuters") + len("Jets hit Homs today. --Reuters")
    assert summary.loc["Reuters", "share_removed"] == pytest.approx(removed / before)
    assert summary.loc["SANA", "share_removed"] == 0
    assert summary["n_near_duplicates"].tolist() == [0, 0]  # too short to share 5-grams
