"""Hostile and careless input: every article is loaded or reported, nothing outside what
was named is read, nothing decompresses without bound, and every failure is a CorpusError
naming the file (and row or line). Each input is built here, byte by byte."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import pathlib
import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import toolkit
import toolkit.cli
from toolkit import CorpusError, CorpusWarning, corpus_problems, load_corpus
from toolkit import files as files_module
from toolkit.stream import iter_corpus


def _collect(path, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return load_corpus(path, errors="collect", **options)


def _metadata_corpus(root: pathlib.Path, files: list[str]) -> pathlib.Path:
    folder = root / "corpus"
    (folder / "articles").mkdir(parents=True)
    (folder / "articles" / "ok.txt").write_text("Aleppo\n\nShelling was reported.")
    rows = "\n".join(f"{name},Outlet" for name in ["articles/ok.txt", *files])
    (folder / "metadata.csv").write_text(f"file,outlet\n{rows}\n")
    return folder


# ------------------------------------------------------------------------ security


def test_metadata_never_reads_a_file_outside_the_corpus_folder(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET PASSWORD")
    folder = _metadata_corpus(tmp_path, ["../secret.txt", str(secret), "articles/link.txt"])
    (folder / "articles" / "link.txt").symlink_to(secret)
    corpus = _collect(folder)
    assert corpus.index.tolist() == ["ok"]
    assert not corpus["text"].str.contains("SECRET").any()
    problems = corpus_problems(corpus)
    metadata = problems[problems["source_file"] == "metadata.csv"]
    assert metadata["source_row"].tolist() == [2, 3, 4]
    assert "outside the corpus folder (../secret.txt)" in metadata["problem"].iloc[0]
    assert "is an absolute path" in metadata["problem"].iloc[1]
    assert "outside the corpus folder (articles/link.txt)" in metadata["problem"].iloc[2]
    # the link is also a problem of the folder listing, never read
    assert "a link to a file outside the folder" in " ".join(problems["problem"])
    with pytest.raises(CorpusError, match="outside the corpus folder"):
        load_corpus(folder)


def test_text_folder_reports_links_out_broken_links_and_bad_names(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("SECRET")
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "ok.TXT").write_text("Head\n\nBody one.")
    (folder / "also.Txt").write_text("Head\n\nBody two.")
    (folder / "out.txt").symlink_to(outside)
    (folder / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (folder / "line\nbreak.txt").write_text("Head\n\nBody.")
    with open(os.path.join(os.fsencode(folder), b"bad\xff.txt"), "w") as fh:
        fh.write("Head\n\nBody.")
    (folder / "sub").symlink_to(tmp_path, target_is_directory=True)
    corpus = _collect(folder)
    assert sorted(corpus.index) == ["also", "ok"]
    problems = corpus_problems(corpus)
    text = " | ".join(problems["problem"])
    assert "a link to a file outside the folder" in text
    assert "a broken link" in text
    assert "holds a line break" in text
    assert "not valid UTF-8" in text
    assert "a link to a folder is not followed" in text
    assert len(problems) == 5
    assert not corpus["text"].str.contains("SECRET").any()


def test_unreadable_file_and_folder_are_reported(tmp_path, monkeypatch):
    folder = tmp_path / "texts"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "x.txt").write_text("Head\n\nHidden.")
    (folder / "ok.txt").write_text("Head\n\nBody.")
    (folder / "denied.txt").write_text("Head\n\nBody.")
    real_open, real_scandir = pathlib.Path.open, os.scandir

    def fake_open(self, *args, **kwargs):
        if self.name == "denied.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    def fake_scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(pathlib.Path, "open", fake_open)
    monkeypatch.setattr(os, "scandir", fake_scandir)
    corpus = _collect(folder)
    assert corpus.index.tolist() == ["ok"]
    problems = corpus_problems(corpus).set_index("source_file")["problem"]
    assert "cannot be read (Permission denied)" in problems["denied.txt"]
    assert "the folder cannot be read (Permission denied)" in problems["locked"]


def test_decompression_bomb_stops_with_an_error_naming_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(files_module, "DEFAULT_MIN_LIMIT", 1 << 20)
    line = json.dumps({"text": "x" * (8 << 20)}).encode()  # one 8 MB line
    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(gzip.compress(line))
    assert bomb.stat().st_size < 100_000
    with pytest.raises(CorpusError, match=r"bomb.jsonl.gz: expands to more than"):
        load_corpus(bomb)
    text_bomb = tmp_path / "bomb.txt.gz"
    text_bomb.write_bytes(gzip.compress(b"a" * (8 << 20)))
    with pytest.raises(CorpusError, match=r"bomb.txt.gz: expands to more than"):
        load_corpus(text_bomb)
    # the limit is the user's to raise
    assert len(load_corpus(bomb, max_decompressed=64 << 20)) == 1
    with pytest.raises(ValueError, match="max_decompressed=0"):
        load_corpus(bomb, max_decompressed=0)
    with pytest.raises(CorpusError, match="expands to more than"):
        list(iter_corpus(bomb))


@pytest.mark.parametrize(
    ("suffix", "compress"),
    [(".gz", gzip.compress), (".bz2", bz2.compress), (".xz", lzma.compress)],
)
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "txt"])
def test_truncated_or_damaged_archives_are_corpus_errors(tmp_path, suffix, compress, fmt):
    body = {
        "csv": b"text,outlet\n" + b"Shelling was reported.,A\n" * 200,
        "jsonl": b'{"text": "Shelling was reported."}\n' * 200,
        "txt": b"Head\n\n" + b"Shelling was reported. " * 200,
    }[fmt]
    packed = compress(body)
    truncated = tmp_path / f"cut.{fmt}{suffix}"
    truncated.write_bytes(packed[: len(packed) // 2])
    damaged = tmp_path / f"bad.{fmt}{suffix}"
    damaged.write_bytes(packed[:10] + bytes(b ^ 0x5A for b in packed[10:40]) + packed[40:])
    for path in (truncated, damaged):
        with pytest.raises(CorpusError, match=rf"{path.name}: the compressed file is"):
            load_corpus(path)


def test_zstandard_is_a_clear_error(tmp_path):
    path = tmp_path / "a.jsonl.zst"
    path.write_bytes(b"\x28\xb5\x2f\xfd")
    with pytest.raises(CorpusError, match=r"a.jsonl.zst: .zst compression is not supported"):
        load_corpus(path)


# ------------------------------------------------------------------------ row by row


def test_csv_bad_rows_cost_their_row_only(tmp_path):
    path = tmp_path / "news.csv"
    path.write_bytes(
        b"doc_id,text,outlet\n"
        b"a,Good one.,A\n"
        b"b,Bad \xff byte.,A\n"  # undecodable
        b"c,Too,many,fields\n"  # ragged, long
        b"d,Too few\n"  # ragged, short
        b'e,"Never closed,A\n'  # the quote swallows the next lines
        b"f,Good two.,B\n"
        b'g,"stray"quote,B\n'  # text after a closing quote
        b'h,"Quoted, with comma\nand a line break",C\n'  # fine
        b"i,Good three.,C\n"
    )
    corpus = _collect(path)
    problems = corpus_problems(corpus)
    assert corpus.index.tolist() == ["a", "f", "h", "i"]
    assert corpus.loc["h", "text"] == "Quoted, with comma\nand a line break"
    assert problems["source_row"].tolist() == [2, 3, 4, 5, 7]
    assert len(corpus) + len(problems) == 9
    messages = problems["problem"].tolist()
    assert "line 3: not valid utf-8 (bytes b'\\xff'" in messages[0]
    assert "line 4: the row has 4 fields where the header has 3" in messages[1]
    assert "line 5: the row has 2 fields where the header has 3" in messages[2]
    assert "line 6: a quote opened in this row is not closed" in messages[3]
    assert "line 8: malformed quoting" in messages[4]
    # the doc_ids made from row numbers do not shift past a bad row
    plain = tmp_path / "noid.csv"
    plain.write_bytes(b'text\nOne.\n"Broken\nTwo.\nThree.\n')
    kept = _collect(plain)
    assert kept.index.tolist() == ["noid-000001", "noid-000003", "noid-000004"]


def test_csv_first_row_with_an_extra_field_shifts_nothing(tmp_path):
    path = tmp_path / "shift.csv"
    path.write_text("text,outlet,date\nAleppo hit.,SANA,2016-02-16,EXTRA\nHoms.,TASS,2016-02-17\n")
    corpus = _collect(path)
    assert corpus["outlet"].tolist() == ["TASS"]
    assert corpus["text"].tolist() == ["Homs."]
    assert "the row has 4 fields where the header has 3" in corpus_problems(corpus)["problem"][0]


def test_csv_streamed_reports_the_same_rows(tmp_path):
    path = tmp_path / "news.csv"
    rows = [f"{i},Text {i}.,A" for i in range(1, 8)]
    rows[2] = "3,Too,many,fields"
    rows[5] = '6,"unclosed,A'
    path.write_text("doc_id,text,outlet\n" + "\n".join(rows) + "\n")
    whole = _collect(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        chunks = list(iter_corpus(path, chunk_size=2, errors="collect"))
    streamed = pd.concat(chunks)
    assert streamed.index.tolist() == whole.index.tolist() == ["1", "2", "4", "5", "7"]
    reported = [p["source_row"] for c in chunks for p in c.attrs.get("problems", [])]
    assert sorted(reported) == corpus_problems(whole)["source_row"].tolist() == [3, 6]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('{"text": "bad \\ud800 surrogate"}', "lone surrogate escape"),
        ('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ('{"text": {"body": "Aleppo was shelled."}}', "'text' is an object, not a string"),
        ('{"text": ["Aleppo", "was shelled"]}', "'text' is a list, not a string"),
        ('{"text": 12}', "'text' is a number, not a string"),
        ('{"text": true}', "'text' is a boolean, not a string"),
        ('{"text": "Aleppo.", "outlet": {"name": "SANA"}}', "'outlet' is an object"),
        ('{"text": "One.", "text": "Two."}', "key 'text' is given twice"),
        ("[1, 2]", "expected a JSON object, got a list"),
    ],
)
def test_jsonl_line_problems_are_reported_for_that_line(tmp_path, line, expected):
    path = tmp_path / "x.jsonl"
    path.write_text('{"text": "Good."}\n' + line + "\n" + '{"text": "Also good."}\n')
    corpus = _collect(path)
    assert corpus["text"].tolist() == ["Good.", "Also good."]
    problems = corpus_problems(corpus)
    assert problems["source_row"].tolist() == [2]
    assert expected in problems["problem"].iloc[0]


def test_jsonl_whole_number_ids_are_kept_as_their_digits(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"doc_id": 17, "text": "One."}\n{"doc_id": 1.5, "text": "Two."}\n')
    corpus = _collect(path)
    assert corpus.index.tolist() == ["17"]
    assert "'doc_id' is a number" in corpus_problems(corpus)["problem"].iloc[0]


def test_parquet_columns_that_are_not_text_are_named(tmp_path):
    path = tmp_path / "x.parquet"
    pd.DataFrame({"text": [1.0, 2.0]}).to_parquet(path)
    with pytest.raises(CorpusError, match=r"x.parquet: column 'text' holds double values"):
        load_corpus(path)
    pd.DataFrame({"text": ["a", "b"], "doc_id": [1.0, 2.0]}).to_parquet(path)
    with pytest.raises(CorpusError, match=r"column 'doc_id' holds double values"):
        load_corpus(path)
    pd.DataFrame({"body": [["a", "b"]]}).to_parquet(path)
    with pytest.raises(CorpusError, match=r"column 'body' holds list<element: string> values"):
        load_corpus(path, columns={"body": "text"})
    pd.DataFrame({"text": ["a", "b"], "doc_id": [1, 2]}).to_parquet(path)
    assert load_corpus(path).index.tolist() == ["1", "2"]


def test_parquet_with_invalid_utf8_is_a_corpus_error(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    raw = pa.array([b"fine", b"bad \xff"], type=pa.binary())
    text = pa.Array.from_buffers(pa.string(), len(raw), raw.buffers())  # not validated
    path = tmp_path / "bad.parquet"
    pq.write_table(pa.table({"text": text}), path)
    with pytest.raises(CorpusError, match=r"bad.parquet: cannot be read as Parquet"):
        load_corpus(path)


def test_strings_that_look_missing_are_kept_as_written(tmp_path):
    path = tmp_path / "na.csv"
    path.write_text("doc_id,text,outlet,place\nNA,One.,null,None\nnull,Two.,n/a,NaT\nx,Three.,,\n")
    corpus = load_corpus(path)
    assert corpus.index.tolist() == ["NA", "null", "x"]
    assert corpus["outlet"].tolist()[:2] == ["null", "n/a"]
    assert corpus["place"].tolist()[:2] == ["None", "NaT"]
    assert corpus.loc["x", ["outlet", "place"]].isna().all()
    jsonl = tmp_path / "na.jsonl"
    jsonl.write_text('{"doc_id": "NA", "text": "One.", "outlet": "None"}\n')
    assert load_corpus(jsonl).loc["NA", "outlet"] == "None"


def test_day_less_and_implausible_dates_are_reported(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text(
        "doc_id,text,date\n"
        "a,One.,2016\n"
        "b,Two.,2016-01\n"
        "c,Three.,1750-01-01\n"
        "d,Four.,2150-01-01\n"
        "e,Five.,2016-02-16\n"
    )
    corpus = _collect(path)
    assert corpus.index.tolist() == ["e"]
    messages = corpus_problems(corpus)["problem"].tolist()
    assert "date '2016' gives no day" in messages[0]
    assert "date '2016-01' gives no day" in messages[1]
    assert "outside the years 1800-2100" in messages[2]
    assert "outside the years 1800-2100" in messages[3]
    years = tmp_path / "y.csv"
    years.write_text("text,date\nOne.,2016\n")
    assert load_corpus(years, date_format="%Y")["date"].tolist() == [pd.Timestamp("2016-01-01")]


@pytest.mark.parametrize(
    ("name", "content"),
    [("empty.csv", b""), ("header.csv", b"text,outlet\n"), ("empty.jsonl", b"\n\n")],
)
def test_empty_inputs_are_errors(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CorpusError, match=name):
        load_corpus(path)
    with pytest.raises(CorpusError, match=name):
        list(iter_corpus(path))
    assert toolkit.cli.main(["validate", str(path)]) == 2
    out = tmp_path / "f.parquet"
    assert toolkit.cli.main(["features", str(path), "-o", str(out)]) == 2
    assert not out.exists()
    assert not out.with_name("f.parquet.partial").exists()


def test_empty_folder_is_an_error(tmp_path):
    with pytest.raises(CorpusError, match="no article could be loaded"):
        load_corpus(tmp_path)


def test_every_row_bad_is_an_error_even_when_collecting(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("text,date\nOne.,yesterday\n")
    with pytest.raises(CorpusError, match="each one has a problem") as err:
        load_corpus(path, errors="collect")
    assert err.value.problems["source_row"].tolist() == [1]


def test_duplicate_and_clashing_columns_are_errors(tmp_path):
    path = tmp_path / "twice.csv"
    path.write_text("text,outlet,text\nOne.,A,Two.\n")
    with pytest.raises(CorpusError, match=r"twice.csv: column 'text' occurs 2 times"):
        load_corpus(path)
    onto = tmp_path / "onto.csv"
    onto.write_text("body,text\nOne.,Two.\n")
    with pytest.raises(CorpusError, match=r"renames 'body' to 'text', but the file already"):
        load_corpus(onto, columns={"body": "text"})
    with pytest.raises(CorpusError, match="occurs 2 times"):
        toolkit.as_corpus(pd.DataFrame([["a", "b"]], columns=["text", "text"]))
    with pytest.raises(CorpusError, match="renames two columns to 'text'"):
        load_corpus(onto, columns={"body": "text", "text": "text"})


def test_bad_date_format_names_the_argument():
    with pytest.raises(ValueError, match=r"date_format='%Q' is not valid"):
        load_corpus(toolkit.SHIPPED_CORPUS, date_format="%Q")
    with pytest.raises(ValueError, match=r"date_format='%Q' is not valid"):
        list(iter_corpus(toolkit.SHIPPED_CORPUS, date_format="%Q"))


def test_chunk_size_must_be_positive():
    with pytest.raises(ValueError, match=r"chunk_size=0 must be a whole number"):
        list(iter_corpus(toolkit.SHIPPED_CORPUS, chunk_size=0))


# ------------------------------------------------------------------------ fuzzing


def _jsonl_rows(data: bytes) -> int:
    """Non-blank lines, cut as the reader cuts them (\\n, \\r\\n, \\r)."""
    stream = io.TextIOWrapper(
        io.BytesIO(data), encoding="utf-8-sig", errors="surrogateescape", newline=None
    )
    return sum(1 for line in stream if line.strip())


_JSONL = (
    b'{"doc_id": "a", "text": "Rebels shelled Aleppo.", "outlet": "SANA", "date": "2016-02-16"}\n'
    b'{"doc_id": "b", "text": "Jets struck Idlib.", "outlet": "TASS"}\n'
    b'{"doc_id": "c", "text": "\\"Stop,\\" he said.", "date": "2016-02-17"}\n'
)
_CSV = (
    b"doc_id,text,outlet,date\n"
    b"a,Rebels shelled Aleppo.,SANA,2016-02-16\n"
    b'b,"Jets struck Idlib, again.",TASS,\n'
    b'c,"""Stop,"" he said.",RT,2016-02-17\n'
)


def _mutate(data: bytes, edits: list[tuple[int, int, int]]) -> bytes:
    out = bytearray(data)
    for kind, pos, value in edits:
        if not out:
            out.append(value)
            continue
        at = pos % len(out)
        if kind == 0:
            out[at] = value
        elif kind == 1:
            out.insert(at, value)
        else:
            del out[at]
    return bytes(out)


_EDITS = st.lists(
    st.tuples(st.integers(0, 2), st.integers(0, 10_000), st.integers(0, 255)), max_size=6
)
_FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _load_or_corpus_error(path: pathlib.Path):
    try:
        return _collect(path)
    except CorpusError:
        return None


@_FUZZ
@given(edits=_EDITS)
def test_fuzzed_jsonl_loads_or_reports_every_line(tmp_path, edits):
    data = _mutate(_JSONL, edits)
    path = tmp_path / "f.jsonl"
    path.write_bytes(data)
    corpus = _load_or_corpus_error(path)
    if corpus is not None:
        assert len(corpus) + len(corpus_problems(corpus)) == _jsonl_rows(data)


@_FUZZ
@given(edits=_EDITS)
def test_fuzzed_csv_raises_only_corpus_errors(tmp_path, edits):
    data = _mutate(_CSV, edits)
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    corpus = _load_or_corpus_error(path)
    if corpus is not None:
        physical = len(data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n"))
        assert len(corpus) + len(corpus_problems(corpus)) <= physical


@_FUZZ
@given(edits=_EDITS)
def test_fuzzed_gzip_raises_only_corpus_errors(tmp_path, edits):
    path = tmp_path / "f.jsonl.gz"
    path.write_bytes(_mutate(gzip.compress(_JSONL), edits))
    _load_or_corpus_error(path)


@_FUZZ
@given(edits=_EDITS)
def test_fuzzed_parquet_raises_only_corpus_errors(tmp_path, edits):
    source = io.BytesIO()
    pd.DataFrame(
        {"text": ["Rebels shelled Aleppo.", "Jets struck."], "outlet": ["A", "B"]}
    ).to_parquet(source)
    path = tmp_path / "f.parquet"
    path.write_bytes(_mutate(source.getvalue(), edits))
    _load_or_corpus_error(path)
