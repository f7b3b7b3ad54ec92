"""Reading input files (tables, JSON Lines, Parquet, text files, corpus folders, archive
exports, saved pages) into batches of raw records, with their problems;
:mod:`toolkit.corpus` makes a corpus of them. A file's format is told by its content where
its suffix is ambiguous (:func:`format_of`)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.archivetext import docx_paragraphs, plain_paragraphs, rtf_paragraphs
from toolkit.errors import (
    CorpusError,
    problem,
)
from toolkit.factiva import factiva_html_records, factiva_rtf_records, factiva_xml_records
from toolkit.files import BLOCK, inside, open_binary, read_text, text_files
from toolkit.nexis import is_nexis, nexis_records
from toolkit.readers import (
    RawBatch,
    check_columns,
    concat_batches,
    csv_batches,
    infer_types,
    jsonl_batches,
    parquet_batches,
)
from toolkit.schema import (
    ARCHIVE_FORMATS,
    COMPRESSIONS,
    METADATA_FILE,
    PROVENANCE_COLUMNS,
    STRING_NAMES,
    SUFFIXES,
    Format,
)
from toolkit.urllists import is_url_list
from toolkit.webpages import FETCH_INDEX, PAGE_SUFFIXES, join_fetch_index, page_records


@dataclass
class Batch:
    """What one input file gave: rows in schema names, and the problems found reading it."""

    frame: pd.DataFrame
    problems: list[dict[str, Any]] = field(default_factory=list)
    parsed: bool = False


# --------------------------------------------------------------------------------------
# reading files (row by row: toolkit.readers)


def format_of(path: Path) -> Format:
    """The format of an input, by its suffix and, where that is ambiguous, its content: a
    ``.txt`` file holding ``N of M DOCUMENTS`` or ``End of Document`` is a LexisNexis or
    Nexis Uni export; an ``.html`` file with Factiva's article tables is a Factiva export
    (else a saved page); an ``.rtf`` file is Nexis's or Factiva's; a folder is a corpus
    folder (with ``metadata.csv``), a folder of ``.txt`` files or of saved pages."""
    if path.is_dir():
        if (path / METADATA_FILE).is_file():
            return "corpus"
        if (path / FETCH_INDEX).is_file():
            return "html"
        # one walk of the folder for both kinds (a folder can hold a million files)
        found = text_files(path, (".txt", *PAGE_SUFFIXES))[0]
        pages = sum(f.suffix.lower() in PAGE_SUFFIXES for f in found)
        return "html" if pages and pages == len(found) else "txt"
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in COMPRESSIONS:
        suffixes = suffixes[:-1]
    if suffixes and suffixes[-1] in SUFFIXES:
        return _by_content(path, SUFFIXES[suffixes[-1]], suffixes[-1])
    raise CorpusError(
        f"{path}: unsupported file type {''.join(path.suffixes) or '(no suffix)'}. Supported: "
        f"a corpus folder with {METADATA_FILE}, a folder of .txt or .html files, or a file "
        "ending in "
        f"{', '.join(sorted(SUFFIXES))} (optionally compressed: .gz, .bz2, .xz); "
        f"or pass format=..."
    )


_URL_LIST_HELP = (
    "{path}: a URL list (Media Cloud, GDELT) without the articles' text. Read it with "
    "toolkit.load_url_list(); collect the pages with `toolkit fetch {path} -o PAGES/` "
    "(toolkit.fetch.fetch_pages), then load_corpus('PAGES/') reads them with the list's "
    "metadata."
)
_HEAD = 1 << 18  # bytes read to tell a format by its content
_NEXIS_MARK = re.compile(
    rb"^\s*\d+\s+of\s+\d+\s+DOCUMENTS?\s*$|^\s*End of Document\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_FACTIVA_MARK = re.compile(rb"class=[\"'][^\"']*\barticle\b[^>]*>.{0,400}?>\s*HD\s*<", re.S)


def _head(path: Path) -> bytes:
    try:
        with open_binary(path, None) as fh:
            return bytes(fh.read(_HEAD))
    except (OSError, CorpusError):
        return b""  # the reader names the problem


def _by_content(path: Path, fmt: Format, suffix: str) -> Format:
    if fmt in ("csv", "tsv"):
        header = _head(path).split(b"\n", 1)[0].decode("utf-8", "replace").lstrip("\ufeff")
        names = header.strip().split("," if fmt == "csv" else "\t")
        return "mediacloud" if is_url_list([n.strip().strip('"') for n in names]) else fmt
    if fmt == "txt":
        return "nexis" if _NEXIS_MARK.search(_head(path)) else "txt"
    if fmt == "html":
        return "factiva" if _FACTIVA_MARK.search(_head(path)) else "html"
    if suffix == ".rtf":
        head = _head(path)
        return (
            "factiva"
            if re.search(rb"(?:^|\\par|\\cell)\s*HD\b", head) and not (_NEXIS_MARK.search(head))
            else "nexis"
        )
    return fmt


def _read_archive(path: Path, fmt: Format, encoding: str, limit: int | None) -> Batch:
    """The records of an archive export (Nexis Uni or LexisNexis DOCX, RTF or TXT; Factiva
    HTML, RTF or XML) or of saved pages (a folder or one file)."""
    suffix = path.suffix.lower()
    if fmt == "html":
        if path.is_dir():
            root = path
            files, problems = text_files(path, PAGE_SUFFIXES)
        else:
            root, files, problems = path.parent, [path], []
        records, unread = page_records(files, root, lambda f: read_text(f, encoding, limit))
        if path.is_dir() and (path / FETCH_INDEX).is_file():
            index = pd.read_csv(path / FETCH_INDEX, dtype=str, keep_default_na=False)
            index = index.drop_duplicates("url", keep="last")  # an interrupted fetch's retries
            records, not_fetched = join_fetch_index(records, index.to_dict("records"))
            unread += not_fetched
        columns = ["doc_id", "title", "text", "outlet", "date", "author", "url", "source_file"]
        columns += ["story_id"] if any("story_id" in r for r in records) else []
        frame = pd.DataFrame.from_records(records, columns=columns)
        return Batch(frame, problems + unread)
    if path.is_dir():
        raise CorpusError(f"{path}: is a folder; format={fmt!r} needs a file")
    if fmt == "nexis":
        if suffix == ".docx":
            paragraphs = docx_paragraphs(path)
        elif suffix == ".rtf":
            paragraphs = rtf_paragraphs(path, encoding, limit)
        else:
            paragraphs = plain_paragraphs(read_text(path, encoding, limit))
        if not is_nexis(paragraphs):
            raise CorpusError(
                f"{path}: not a Nexis Uni or LexisNexis export (no 'End of Document' or "
                "'N of M DOCUMENTS' line); export the documents as DOCX, RTF or TXT"
            )
        records, problems = nexis_records(paragraphs, path)
    elif suffix == ".xml":
        with open_binary(path, limit) as fh:
            records, problems = factiva_xml_records(fh.read(), path)
    elif suffix == ".rtf":
        records, problems = factiva_rtf_records(rtf_paragraphs(path, encoding, limit), path)
    else:
        records, problems = factiva_html_records(read_text(path, encoding, limit), path)
    frame = pd.DataFrame.from_records(records)
    frame["source_file"] = path.name
    return Batch(frame, problems)


def rename_columns(
    frame: pd.DataFrame, columns: Mapping[str, str] | None, path: Path
) -> pd.DataFrame:
    check_columns(frame.columns, path)
    if not columns:
        return frame
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise CorpusError(
            f"{path}: columns={dict(columns)!r} names column(s) {missing} that the file does not "
            f"have; it has: "
            f"{', '.join(str(c) for c in frame.columns if c not in PROVENANCE_COLUMNS)}"
        )
    targets = list(columns.values())
    twice = sorted({t for t in targets if targets.count(t) > 1})
    if twice:
        raise CorpusError(f"{path}: columns={dict(columns)!r} renames two columns to {twice[0]!r}")
    kept = set(frame.columns) - set(columns)
    onto = [(src, dst) for src, dst in columns.items() if dst in kept]
    if onto:
        src, dst = onto[0]
        raise CorpusError(
            f"{path}: columns= renames {src!r} to {dst!r}, but the file already has a column "
            f"{dst!r}; rename that one too (e.g. columns={{{dst!r}: '{dst}_original', "
            f"{src!r}: {dst!r}}})"
        )
    return frame.rename(columns=dict(columns))


def _likely_text_column(frame: pd.DataFrame) -> str | None:
    """The column whose values are longest on average (among the first rows): the one
    most likely to hold the articles' text."""
    best, longest = None, 0.0
    for col in frame.columns:
        values = frame[col].iloc[:200]
        lengths = [len(v) for v in values.tolist() if isinstance(v, str)]
        mean = sum(lengths) / len(lengths) if lengths else 0.0
        if mean > longest:
            best, longest = str(col), mean
    return best


def require_text(frame: pd.DataFrame, path: Path, what: str = "text") -> None:
    if "text" not in frame.columns:
        frame = frame.drop(columns=[c for c in PROVENANCE_COLUMNS if c in frame.columns])
        guess = _likely_text_column(frame)
        hint = (
            f"The column with the longest values is {guess!r}: if it holds the article "
            f"{what}, pass columns={{{guess!r}: 'text'}}."
            if guess
            else "Name the column that holds the article text with columns={'...': 'text'}."
        )
        raise CorpusError(
            f"{path}: no 'text' column; the file has: {', '.join(map(str, frame.columns))}. " + hint
        )


def string_keys(columns: Mapping[str, str] | None) -> frozenset[str]:
    """The input names of the columns that must hold text (see :data:`STRING_NAMES`)."""
    renamed = dict(columns or {})
    keys = {src for src, dst in renamed.items() if dst in STRING_NAMES}
    keys |= {n for n in STRING_NAMES if n not in renamed}
    return frozenset(keys)


def raw_batches(
    path: Path,
    fmt: Format,
    encoding: str,
    columns: Mapping[str, str] | None,
    limit: int | None,
    block: int = BLOCK,
) -> Iterator[RawBatch]:
    """The raw batches of one table, JSON Lines or Parquet file."""
    if fmt in ("csv", "tsv"):
        sep = "," if fmt == "csv" else "\t"
        yield from csv_batches(
            path, sep=sep, encoding=encoding, limit=limit, label=fmt.upper(), block=block
        )
    elif fmt == "jsonl":
        keys = string_keys(columns)
        yield from jsonl_batches(
            path, encoding=encoding, limit=limit, string_keys=keys, block=block
        )
    elif fmt == "parquet":
        yield from parquet_batches(path, string_keys=string_keys(columns), block=block)
    else:
        raise CorpusError(f"{path}: format {fmt!r} is not a table")


def table_batch(raw: RawBatch, path: Path, fmt: Format, columns: Mapping[str, str] | None) -> Batch:
    """A raw batch in corpus column names (renamed, typed, checked for a text column)."""
    if not columns and is_url_list([str(c) for c in raw.frame.columns]):
        raise CorpusError(_URL_LIST_HELP.format(path=path))
    frame = rename_columns(raw.frame, columns, path)
    if len(frame.columns) > 1 or len(frame):
        require_text(frame, path)
    if fmt in ("csv", "tsv"):
        frame = infer_types(frame, STRING_NAMES)
    return Batch(frame, list(raw.problems))


def _read_table(
    path: Path, fmt: Format, encoding: str, columns: Mapping[str, str] | None, limit: int | None
) -> Batch:
    whole = concat_batches(raw_batches(path, fmt, encoding, columns, limit, block=BLOCK))
    return table_batch(whole, path, fmt, columns)


def text_records(
    root: Path, files: Sequence[Path], encoding: str, limit: int | None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """One record per text file (doc_id: the path below ``root`` without its suffix), and
    a problem for each file that cannot be read."""
    records: list[dict[str, Any]] = []
    problems: list[dict[str, Any]] = []
    for file in files:
        rel = file.relative_to(root).as_posix()
        doc_id = rel[: -len(file.suffix)] if file.suffix else rel
        try:
            text = read_text(file, encoding, limit)
        except CorpusError as err:
            problems.append(problem(rel, str(err), doc_id=doc_id))
            continue
        except OSError as err:
            problems.append(problem(rel, f"cannot be read ({err.strerror})", doc_id=doc_id))
            continue
        records.append({"doc_id": doc_id, "text": text, "source_file": rel})
    return records, problems


def _read_txt(path: Path, encoding: str, limit: int | None) -> Batch:
    if path.is_dir():
        root = path
        files, problems = text_files(path)
    else:
        root, files, problems = path.parent, [path], []
    records, unread = text_records(root, files, encoding, limit)
    frame = pd.DataFrame.from_records(records, columns=["doc_id", "text", "source_file"])
    return Batch(frame, problems + unread, parsed=True)


def _read_corpus_folder(
    folder: Path, encoding: str, columns: Mapping[str, str] | None, limit: int | None
) -> Batch:
    meta_path = folder / METADATA_FILE
    batch = _read_delimited_metadata(meta_path, encoding, columns, limit)
    meta = batch.frame
    problems = batch.problems
    texts: list[str | None] = []
    listed: set[Path] = set()
    failed: set[int] = set()
    rows = meta["source_row"].tolist()
    for row, file, doc_id in zip(rows, meta["file"], meta["doc_id"], strict=True):
        name = "" if pd.isna(file) else str(file).strip()
        where: Path | str = inside(folder, name) if name else "no file named in the 'file' column"
        if isinstance(where, str):
            problems.append(problem(METADATA_FILE, f"'file' {where}", row, doc_id))
            texts.append(None)
            failed.add(row)
            continue
        listed.add(where)
        if not where.is_file():
            problems.append(
                problem(
                    METADATA_FILE, f"article file {name!r} does not exist in {folder}", row, doc_id
                )
            )
            texts.append(None)
            failed.add(row)
            continue
        try:
            texts.append(read_text(where, encoding, limit))
        except CorpusError as err:
            problems.append(problem(METADATA_FILE, str(err), row, doc_id))
            texts.append(None)
            failed.add(row)
        except OSError as err:
            problems.append(
                problem(METADATA_FILE, f"{name!r} cannot be read ({err.strerror})", row, doc_id)
            )
            texts.append(None)
            failed.add(row)
    found, unlisted = text_files(folder)
    problems.extend(unlisted)
    for file in found:
        if file.resolve() not in listed:
            rel = file.relative_to(folder).as_posix()
            problems.append(
                problem(
                    rel,
                    f"article file is not listed in {METADATA_FILE}; add a "
                    f"row for it (file = {rel!r}) or move it out of the folder",
                )
            )
    meta["text"] = texts
    meta["source_file"] = [
        None if pd.isna(f) else (Path(str(f).strip()).as_posix()) for f in meta["file"]
    ]
    keep = ~meta["source_row"].isin(failed)
    frame = meta.loc[keep].drop(columns=["file"])
    return Batch(frame, problems, parsed=True)


def _read_delimited_metadata(
    path: Path, encoding: str, columns: Mapping[str, str] | None, limit: int | None
) -> Batch:
    whole = concat_batches(csv_batches(path, sep=",", encoding=encoding, limit=limit))
    meta = whole.frame
    problems = [problem(METADATA_FILE, p["problem"], p["source_row"]) for p in whole.problems]
    meta = rename_columns(meta, columns, path)
    if "file" not in meta.columns:
        raise CorpusError(
            f"{path}: no 'file' column; each row must name its article's text file relative to "
            f"{path.parent} (e.g. articles/001.txt). Columns found: {', '.join(meta.columns)}"
        )
    if "text" in meta.columns:
        raise CorpusError(
            f"{path}: has a 'text' column; in a corpus folder the text lives in "
            f"the files named by 'file'. Remove or rename the 'text' column."
        )
    meta = infer_types(meta, STRING_NAMES | {"file"})
    if "doc_id" not in meta.columns:
        meta["doc_id"] = pd.NA
    stems = meta["file"].map(lambda f: pd.NA if pd.isna(f) else Path(str(f).strip()).stem)
    meta["doc_id"] = meta["doc_id"].where(~is_missing(meta["doc_id"]), stems)
    return Batch(meta, problems)


def read_source(
    path: Path,
    fmt: Format,
    encoding: str,
    columns: Mapping[str, str] | None,
    limit: int | None = None,
) -> Batch:
    if fmt == "corpus":
        return _read_corpus_folder(path, encoding, columns, limit)
    if fmt == "txt":
        return _read_txt(path, encoding, limit)
    if fmt == "mediacloud":
        raise CorpusError(_URL_LIST_HELP.format(path=path))
    if fmt in ARCHIVE_FORMATS:
        return _read_archive(path, fmt, encoding, limit)
    if path.is_dir():
        raise CorpusError(f"{path}: is a folder; format={fmt!r} needs a file")
    return _read_table(path, fmt, encoding, columns, limit)


def is_missing(values: pd.Series) -> pd.Series:
    """Missing: no value, or only white space. ``NA``, ``null`` or ``None`` written out
    are values (an outlet may be called "NA"; a doc_id may be "null")."""
    as_text = values.astype("string").str.strip()
    return values.isna() | (as_text == "").fillna(True)
