"""Load a corpus of news articles into a pandas DataFrame, and check it.

A *corpus* in this toolkit is a :class:`pandas.DataFrame` with one row per article, index
``doc_id`` (unique strings, stable across runs and machines) and at least the columns

=============== ==========================================================================
``text``        the article without navigation debris (str)
``title``       headline (str, missing when unknown)
``outlet``      outlet name (str)
``date``        publication date (``datetime64``; ``NaT`` when unknown)
``place``       place the article is about or datelined from (str)
``language``    ISO 639-1 code (str)
``source_file`` file the article came from, relative to the folder that was loaded
``source_row``  1-based data row (tables) or line (JSON Lines) in that file; missing for
                one-file-per-article input
``is_duplicate``  True when an earlier article has exactly the same text (wire copy)
``duplicate_of``  doc_id of that earlier article, else missing
=============== ==========================================================================

plus every other metadata column the input carries, unchanged. Articles read from raw text
files are split by :func:`toolkit.parse_article` and carry its parts as the columns
``headline, lede, dateline, dateline_place, dateline_date, dateline_agency, subheadings,
body, credit, debris``.

Nothing is dropped silently: with ``errors="raise"`` (the default) any bad input raises a
:class:`CorpusError` listing every problem found; with ``errors="collect"`` the good
articles are loaded and each bad one is reported in :func:`corpus_problems`.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

import numpy as np
import pandas as pd

from toolkit._version import __version__
from toolkit.articles import parse_article
from toolkit.clean import CLEAN_COLUMNS, Boilerplate, clean_corpus
from toolkit.errors import (
    PROBLEM_COLUMNS,
    CorpusError,
    CorpusWarning,
    format_problems,
    problem,
    problem_frame,
)
from toolkit.readers import (
    BLOCK,
    RawBatch,
    check_columns,
    concat_batches,
    csv_batches,
    infer_types,
    inside,
    jsonl_batches,
    parquet_batches,
    read_text,
    text_files,
)
from toolkit.text import tokens

__all__ = [
    "CORE_COLUMNS",
    "DATE_RANGE",
    "PARSED_COLUMNS",
    "PROBLEM_COLUMNS",
    "CorpusError",
    "CorpusWarning",
    "as_corpus",
    "combine_corpora",
    "corpus_fingerprint",
    "corpus_problems",
    "load_corpus",
    "summarise_corpus",
    "timeline",
]

Errors = Literal["raise", "collect"]
Format = Literal["corpus", "txt", "csv", "tsv", "jsonl", "parquet"]
PathLike = str | Path

CORE_COLUMNS: tuple[str, ...] = ("text", "title", "outlet", "date", "place", "language")
PARSED_COLUMNS: tuple[str, ...] = (
    "headline",
    "lede",
    "dateline",
    "dateline_place",
    "dateline_date",
    "dateline_agency",
    "subheadings",
    "body",
    "credit",
    "debris",
)
PROVENANCE_COLUMNS: tuple[str, ...] = ("source_file", "source_row")
FLAG_COLUMNS: tuple[str, ...] = ("is_duplicate", "duplicate_of")

METADATA_FILE = "metadata.csv"
_SUFFIXES: dict[str, Format] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".txt": "txt",
}
_COMPRESSIONS = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zst": "zstd"}
#: Columns that must hold text (and the doc_id), under their corpus names.
_STRING_NAMES = frozenset({"doc_id", *CORE_COLUMNS})
#: Dates must lie in these years (inclusive); others are reported as likely typos.
DATE_RANGE: tuple[int, int] = (1800, 2100)


@dataclass
class _Batch:
    """What one input file gave: rows in schema names, and the problems found reading it."""

    frame: pd.DataFrame
    problems: list[dict[str, Any]] = field(default_factory=list)
    parsed: bool = False


def _check_choice(name: str, value: Any, allowed: Iterable[Any]) -> None:
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValueError(
            f"{name}={value!r} is not valid; use one of: {', '.join(repr(a) for a in allowed)}"
        )


# --------------------------------------------------------------------------------------
# reading files (row by row: toolkit.readers)


def _format_of(path: Path) -> Format:
    if path.is_dir():
        return "corpus" if (path / METADATA_FILE).is_file() else "txt"
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in _COMPRESSIONS:
        suffixes = suffixes[:-1]
    if suffixes and suffixes[-1] in _SUFFIXES:
        return _SUFFIXES[suffixes[-1]]
    raise CorpusError(
        f"{path}: unsupported file type {''.join(path.suffixes) or '(no suffix)'}. Supported: "
        f"a corpus folder with {METADATA_FILE}, a folder of .txt files, or a file ending in "
        f"{', '.join(sorted(_SUFFIXES))} (optionally compressed: .gz, .bz2, .xz); "
        f"or pass format=..."
    )


def _rename(frame: pd.DataFrame, columns: Mapping[str, str] | None, path: Path) -> pd.DataFrame:
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


def _require_text(frame: pd.DataFrame, path: Path, what: str = "text") -> None:
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


def _string_keys(columns: Mapping[str, str] | None) -> frozenset[str]:
    """The input names of the columns that must hold text (see :data:`_STRING_NAMES`)."""
    renamed = dict(columns or {})
    keys = {src for src, dst in renamed.items() if dst in _STRING_NAMES}
    keys |= {n for n in _STRING_NAMES if n not in renamed}
    return frozenset(keys)


def _raw_batches(
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
        keys = _string_keys(columns)
        yield from jsonl_batches(
            path, encoding=encoding, limit=limit, string_keys=keys, block=block
        )
    elif fmt == "parquet":
        yield from parquet_batches(path, string_keys=_string_keys(columns), block=block)
    else:
        raise CorpusError(f"{path}: format {fmt!r} is not a table")


def _table_batch(
    raw: RawBatch, path: Path, fmt: Format, columns: Mapping[str, str] | None
) -> _Batch:
    """A raw batch in corpus column names (renamed, typed, checked for a text column)."""
    frame = _rename(raw.frame, columns, path)
    if len(frame.columns) > 1 or len(frame):
        _require_text(frame, path)
    if fmt in ("csv", "tsv"):
        frame = infer_types(frame, _STRING_NAMES)
    return _Batch(frame, list(raw.problems))


def _read_table(
    path: Path, fmt: Format, encoding: str, columns: Mapping[str, str] | None, limit: int | None
) -> _Batch:
    whole = concat_batches(_raw_batches(path, fmt, encoding, columns, limit, block=_BLOCK))
    return _table_batch(whole, path, fmt, columns)


def _text_records(
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


def _read_txt(path: Path, encoding: str, limit: int | None) -> _Batch:
    if path.is_dir():
        root = path
        files, problems = text_files(path)
    else:
        root, files, problems = path.parent, [path], []
    records, unread = _text_records(root, files, encoding, limit)
    frame = pd.DataFrame.from_records(records, columns=["doc_id", "text", "source_file"])
    return _Batch(frame, problems + unread, parsed=True)


def _read_corpus_folder(
    folder: Path, encoding: str, columns: Mapping[str, str] | None, limit: int | None
) -> _Batch:
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
    return _Batch(frame, problems, parsed=True)


def _read_delimited_metadata(
    path: Path, encoding: str, columns: Mapping[str, str] | None, limit: int | None
) -> _Batch:
    whole = concat_batches(csv_batches(path, sep=",", encoding=encoding, limit=limit))
    meta = whole.frame
    problems = [problem(METADATA_FILE, p["problem"], p["source_row"]) for p in whole.problems]
    meta = _rename(meta, columns, path)
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
    meta = infer_types(meta, _STRING_NAMES | {"file"})
    if "doc_id" not in meta.columns:
        meta["doc_id"] = pd.NA
    stems = meta["file"].map(lambda f: pd.NA if pd.isna(f) else Path(str(f).strip()).stem)
    meta["doc_id"] = meta["doc_id"].where(~_is_missing(meta["doc_id"]), stems)
    return _Batch(meta, problems)


def _read(
    path: Path,
    fmt: Format,
    encoding: str,
    columns: Mapping[str, str] | None,
    limit: int | None = None,
) -> _Batch:
    if fmt == "corpus":
        return _read_corpus_folder(path, encoding, columns, limit)
    if fmt == "txt":
        return _read_txt(path, encoding, limit)
    if path.is_dir():
        raise CorpusError(f"{path}: is a folder; format={fmt!r} needs a file")
    return _read_table(path, fmt, encoding, columns, limit)


# --------------------------------------------------------------------------------------
# normalising rows into the corpus schema


def _is_missing(values: pd.Series) -> pd.Series:
    """Missing: no value, or only white space. ``NA``, ``null`` or ``None`` written out
    are values (an outlet may be called "NA"; a doc_id may be "null")."""
    as_text = values.astype("string").str.strip()
    return values.isna() | (as_text == "").fillna(True)


#: Rows transformed at a time where a step makes Python objects of every text, so that
#: loading needs about the memory of the result plus one block, not several copies.
_BLOCK = BLOCK


def _by_blocks(values: pd.Series, func: Callable[[pd.Series], pd.Series]) -> pd.Series:
    if len(values) <= _BLOCK:
        return func(values)
    return pd.concat([func(values.iloc[i : i + _BLOCK]) for i in range(0, len(values), _BLOCK)])


#: Characters that are never white space (by ``str.isspace`` or Unicode), so a text that
#: starts and ends with one is kept as it is.
_NOT_SPACE = re.compile(r"[^\W_]|[!-/:-@\[-`{-~]")


def _clean_text_column(values: pd.Series) -> pd.Series:
    """Empty or white-space-only texts to missing, other texts stripped, as a ``string``
    column. For a string column only the rows that can change (white space or another
    character at an edge, or an empty text) are read as Python strings: the rest keep
    their storage, and a large corpus is not copied."""
    if not isinstance(values.dtype, pd.StringDtype) or len(values) == 0:
        return _by_blocks(values, _clean_block)
    out = values.astype("string")
    ends = pd.concat([values.str[0], values.str[-1]], ignore_index=True)
    safe = [c for c in ends.dropna().unique().tolist() if _NOT_SPACE.fullmatch(c)]
    edge_ok = ends.isin(safe).to_numpy(dtype=bool, na_value=False)
    n = len(values)
    empty = ~(values.str.len() > 0).to_numpy(dtype=bool, na_value=False)  # missing too
    maybe = empty | ~edge_ok[:n] | ~edge_ok[n:]
    if maybe.any():
        pos = np.flatnonzero(maybe)
        out = out.copy()
        out.iloc[pos] = _clean_block(values.iloc[pos]).array
    return out


def _clean_block(values: pd.Series) -> pd.Series:
    out = values.astype("object").where(~_is_missing(values), None)
    return out.map(lambda v: v.strip() if isinstance(v, str) else v).astype("string")


def check_date_format(date_format: str | None) -> None:
    """A ValueError naming ``date_format`` when it holds a directive strptime lacks."""
    if date_format is None:
        return
    if not isinstance(date_format, str) or "%" not in date_format:
        raise ValueError(
            f"date_format={date_format!r} is not a strftime format; use codes such as "
            "'%Y-%m-%d', '%m/%d/%Y' or '%d %B %Y'"
        )
    try:
        pd.to_datetime(pd.Series(["2016"]), format=date_format, errors="coerce")
    except ValueError as err:
        raise ValueError(
            f"date_format={date_format!r} is not valid ({err}); use strftime codes such as "
            "'%Y-%m-%d', '%m/%d/%Y' or '%d %B %Y'"
        ) from None


def _parse_dates(values: pd.Series, date_format: str | None) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        parsed = pd.to_datetime(values, utc=True)
    else:
        text = values.astype("string").str.strip()
        parsed = pd.to_datetime(text, format=date_format or "ISO8601", utc=True, errors="coerce")
    return parsed.dt.tz_localize(None)


def _apply_parse(frame: pd.DataFrame) -> pd.DataFrame:
    if len(frame) > _BLOCK:
        return pd.concat(
            [_apply_parse(frame.iloc[i : i + _BLOCK]) for i in range(0, len(frame), _BLOCK)]
        )
    parts = [
        parse_article(t).to_dict() if isinstance(t, str) else {} for t in frame["text"].tolist()
    ]
    parsed = pd.DataFrame.from_records(parts, index=frame.index, columns=[*PARSED_COLUMNS, "text"])
    for col in ("subheadings", "debris"):
        parsed[col] = parsed[col].map(lambda v: "\n".join(v) if isinstance(v, tuple) else v)
    frame = frame.copy()
    frame["text"] = parsed["text"]
    for col in PARSED_COLUMNS:
        part = parsed[col].astype("string")
        frame[col] = part.where(part != "")
    fill = {"title": "headline", "place": "dateline_place", "outlet": "dateline_agency"}
    for target, source in fill.items():
        found = frame[source].where(frame[source].fillna("") != "")
        if target in frame.columns:
            frame[target] = frame[target].where(~_is_missing(frame[target]), found)
        else:
            frame[target] = found
    return frame


def _finalise(
    batches: Sequence[_Batch],
    *,
    date_format: str | None,
    language: str | None,
    parse: bool | Literal["auto"],
    id_prefix: str | None,
    default_prefixes: Sequence[str],
    errors: Errors,
    options: Mapping[str, Any],
    allow_empty: bool = False,
    clean: bool | Boilerplate = False,
) -> pd.DataFrame:
    """The corpus checks and columns, applied to what the readers gave. ``allow_empty``:
    a chunk of a stream may hold no article; a whole input must hold one. ``clean``:
    remove furniture (:func:`toolkit.clean.clean_corpus`) with boilerplate learned from
    these articles (True) or the one given."""
    problems: list[dict[str, Any]] = [p for b in batches for p in b.problems]
    frames = []
    for batch, prefix in zip(batches, default_prefixes, strict=True):
        frame = batch.frame.copy()
        do_parse = batch.parsed if parse == "auto" else parse
        if do_parse and len(frame):
            frame = _apply_parse(frame)
        if "doc_id" not in frame.columns:
            frame["doc_id"] = pd.NA
        rows = frame["source_row"] if "source_row" in frame.columns else range(1, len(frame) + 1)
        generated = [f"{id_prefix or prefix}-{int(r):06d}" for r in rows]
        ids = frame["doc_id"].astype("string").str.strip()
        frame["doc_id"] = ids.where(
            ~_is_missing(frame["doc_id"]), pd.Series(generated, index=frame.index)
        )
        if "source_file" not in frame.columns:
            frame["source_file"] = None
        frames.append(frame)
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if frame.empty and not problems:
        if allow_empty:
            return _empty_corpus(options)
        raise CorpusError(_nothing_loaded(options))

    for col in CORE_COLUMNS:
        if col not in frame.columns:
            frame[col] = pd.NA
    if "source_row" not in frame.columns:
        frame["source_row"] = pd.NA
    frame["source_row"] = frame["source_row"].astype("Int64")

    bad = pd.Series(False, index=frame.index)

    def report(mask: pd.Series, message: Any) -> None:
        nonlocal bad
        for i in frame.index[mask & ~bad]:
            msg = message(i) if callable(message) else message
            problems.append(
                problem(
                    str(frame.at[i, "source_file"]),
                    msg,
                    _opt_int(frame.at[i, "source_row"]),
                    frame.at[i, "doc_id"],
                )
            )
        bad = bad | mask

    if frame["text"].dtype == object:
        kinds = frame["text"].map(
            lambda v: "" if v is None or isinstance(v, str) else type(v).__name__
        )
        report(kinds != "", lambda i: f"text is a {kinds.at[i]}, not a string")
        frame["text"] = frame["text"].where(kinds == "", None)
    text = _clean_text_column(frame["text"])
    report(text.isna(), "empty text: the article has no text (or only navigation debris)")
    frame["text"] = text

    raw_dates = frame["date"]
    dates = _parse_dates(raw_dates, date_format)
    unparsed = dates.isna() & ~_is_missing(raw_dates)
    expected = f"format {date_format!r}" if date_format else "ISO 8601 (YYYY-MM-DD)"
    report(
        unparsed,
        lambda i: (
            f"unparseable date {raw_dates.at[i]!r}: expected {expected}; pass "
            "date_format=... (e.g. '%m/%d/%Y') for other formats"
        ),
    )
    if date_format is None and not pd.api.types.is_datetime64_any_dtype(raw_dates):
        coarse = raw_dates.astype("string").str.strip().str.fullmatch(r"[+-]?\d{4}(-\d{1,2})?")
        report(
            coarse.fillna(False).astype(bool),
            lambda i: (
                f"date {raw_dates.at[i]!r} gives no day: it is not put on the 1st of the "
                "year or month silently; give full dates, or pass date_format='%Y' (or "
                "'%Y-%m') to place such dates on the first day"
            ),
        )
    lo, hi = DATE_RANGE
    out_of_range = (dates.dt.year < lo) | (dates.dt.year > hi)
    report(
        out_of_range.fillna(False).astype(bool),
        lambda i: (
            f"date {raw_dates.at[i]!r} lies outside the years {lo}-{hi} (a typo?); "
            "correct it or leave the cell empty"
        ),
    )
    frame["date"] = dates

    for col in ("title", "outlet", "place", "language"):
        frame[col] = _clean_text_column(frame[col])
    if language is not None:
        frame["language"] = frame["language"].fillna(language)

    dup_id = frame["doc_id"].duplicated(keep="first") & ~bad
    first_at = frame.loc[~frame["doc_id"].duplicated(keep="first")].set_index("doc_id")
    report(
        dup_id,
        lambda i: (
            "duplicate doc_id: already used at "
            + str(first_at.at[frame.at[i, "doc_id"], "source_file"])
            + _row_suffix(first_at.at[frame.at[i, "doc_id"], "source_row"])
        ),
    )

    problems.sort(key=lambda p: (str(p["source_file"]), _opt_int(p["source_row"]) or 0))
    if problems and errors == "raise":
        raise CorpusError(
            f"{len(problems)} problem(s) in the input; fix them, or pass errors='collect' to load "
            f"the good articles and list the bad ones:\n{format_problems(problems)}",
            problem_frame(problems),
        )

    frame = frame.loc[~bad]
    if frame.empty and not allow_empty:
        raise CorpusError(
            f"{_nothing_loaded(options, every_bad=True)}:\n{format_problems(problems)}",
            problem_frame(problems),
        )
    if clean is not False and len(frame):
        model = clean if isinstance(clean, Boilerplate) else None
        frame = clean_corpus(frame, boilerplate=model)
    frame = flag_duplicates(frame, frame["doc_id"])

    frame["source_file"] = frame["source_file"].astype("string")
    frame = frame.set_index("doc_id")
    frame.index = frame.index.astype("string")
    frame.index.name = "doc_id"
    frame = frame[_column_order(frame.columns)]
    frame.attrs["toolkit"] = {"toolkit_version": __version__, **options}
    frame.attrs["problems"] = problems
    if problems:
        warnings.warn(
            f"{len(problems)} input article(s) or file(s) were not loaded; "
            f"see toolkit.corpus_problems(corpus):\n{format_problems(problems, limit=5)}",
            CorpusWarning,
            stacklevel=3,
        )
    return frame


def _nothing_loaded(options: Mapping[str, Any], every_bad: bool = False) -> str:
    where = ", ".join(map(str, options.get("loaded_from", []))) or "the input"
    if every_bad:
        return f"no article could be loaded from {where}: each one has a problem"
    return (
        f"no article could be loaded from {where}: it is empty (no rows, a header only, or "
        "no .txt file in the folder)"
    )


def _in_blocks(values: pd.Series) -> Iterator[Any]:
    """The values as Python objects, :data:`_BLOCK` at a time (a string column stored by
    Arrow is not turned into Python strings all at once)."""
    for i in range(0, len(values), _BLOCK):
        yield from values.iloc[i : i + _BLOCK].tolist()


def text_keys(texts: Iterable[Any]) -> list[bytes | None]:
    """The key duplicates are found by: a 128-bit BLAKE2 digest of the text with white
    space (``str.split``) normalised; None for a missing text. Streaming and lazy dask
    loads use the same key to flag duplicates across chunks and partitions."""
    return [
        hashlib.blake2b(
            " ".join(t.split()).encode("utf-8", "surrogatepass"), digest_size=16
        ).digest()
        if isinstance(t, str)
        else None
        for t in texts
    ]


def flag_duplicates(frame: pd.DataFrame, ids: pd.Series | pd.Index) -> pd.DataFrame:
    """The frame with ``is_duplicate`` and ``duplicate_of`` set: same text as an earlier
    row, white space (``str.split``) ignored. Texts are compared by a 128-bit BLAKE2
    digest of their normalised form, one text at a time, so no second copy of the corpus
    is made."""
    frame = frame.copy()
    norm = pd.Series(text_keys(_in_blocks(frame["text"])), index=frame.index, dtype=object)
    first_id = (
        pd.Series(np.asarray(ids), index=frame.index).groupby(norm.to_numpy()).transform("first")
    )
    frame["is_duplicate"] = norm.duplicated(keep="first").to_numpy(dtype=bool)
    frame["duplicate_of"] = first_id.where(frame["is_duplicate"]).astype("string")
    return frame


def combine_corpora(*corpora: pd.DataFrame) -> pd.DataFrame:
    """Stack corpora into one, checking doc_ids and flagging duplicates across them.

    Parameters
    ----------
    *corpora : pandas.DataFrame
        Corpora from :func:`load_corpus`, :func:`as_corpus` or :func:`toolkit.load_fakes`.

    Returns
    -------
    pandas.DataFrame
        One corpus; columns a corpus lacks are missing for its rows; ``is_duplicate`` and
        ``duplicate_of`` are recomputed over all rows (wire copy across sources is found).

    Raises
    ------
    CorpusError
        If a doc_id occurs in more than one corpus.

    Examples
    --------
    >>> import pandas as pd
    >>> a = as_corpus(pd.DataFrame({"text": ["Same wire text."]}), id_prefix="a")
    >>> b = as_corpus(pd.DataFrame({"text": ["Same  wire text."]}), id_prefix="b")
    >>> combine_corpora(a, b)[["is_duplicate", "duplicate_of"]]
                is_duplicate duplicate_of
    doc_id
    a-000001           False         <NA>
    b-000001            True     a-000001
    """
    if not corpora:
        raise ValueError("combine_corpora() needs at least one corpus")
    frame = pd.concat(corpora)
    dup = frame.index[frame.index.duplicated()]
    if len(dup):
        raise CorpusError(
            f"combine_corpora(): doc_id(s) {sorted(set(dup))[:5]} occur in more "
            "than one corpus; give one of them another id_prefix"
        )
    frame = flag_duplicates(frame, frame.index)
    frame.attrs = {
        "toolkit": {
            "toolkit_version": __version__,
            "loaded_from": [
                src for c in corpora for src in c.attrs.get("toolkit", {}).get("loaded_from", [])
            ],
        },
        "problems": [p for c in corpora for p in c.attrs.get("problems", [])],
    }
    return frame


def _opt_int(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _row_suffix(row: Any) -> str:
    return "" if row is None or pd.isna(row) else f", row {int(row)}"


def _column_order(columns: Iterable[str]) -> list[str]:
    columns = list(columns)
    head = [c for c in CORE_COLUMNS if c in columns]
    parsed = [c for c in PARSED_COLUMNS if c in columns]
    tail = [c for c in (*CLEAN_COLUMNS, *PROVENANCE_COLUMNS, *FLAG_COLUMNS) if c in columns]
    fixed = set(head) | set(parsed) | set(tail)
    extra = [c for c in columns if c not in fixed]
    return head + parsed + extra + tail


def _empty_corpus(options: Mapping[str, Any]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "text": pd.Series(dtype="string"),
            "title": pd.Series(dtype="string"),
            "outlet": pd.Series(dtype="string"),
            "date": pd.Series(dtype="datetime64[ns]"),
            "place": pd.Series(dtype="string"),
            "language": pd.Series(dtype="string"),
            "source_file": pd.Series(dtype="string"),
            "source_row": pd.Series(dtype="Int64"),
            "is_duplicate": pd.Series(dtype=bool),
            "duplicate_of": pd.Series(dtype="string"),
        },
        index=pd.Index([], dtype="string", name="doc_id"),
    )
    frame.attrs["toolkit"] = {"toolkit_version": __version__, **options}
    frame.attrs["problems"] = []
    return frame


# --------------------------------------------------------------------------------------
# public API


def load_corpus(
    path: PathLike | Sequence[PathLike],
    *,
    format: Format | None = None,
    columns: Mapping[str, str] | None = None,
    date_format: str | None = None,
    encoding: str = "utf-8",
    language: str | None = "en",
    parse: bool | Literal["auto"] = "auto",
    id_prefix: str | None = None,
    errors: Errors = "raise",
    engine: Literal["pandas", "dask"] = "pandas",
    max_decompressed: int | None = None,
    clean: bool = True,
) -> pd.DataFrame:
    """Load news articles from files into a corpus DataFrame.

    Parameters
    ----------
    path : str, Path, or a sequence of them
        One of: a corpus folder (a ``metadata.csv`` whose ``file`` column names one text file
        per article; see ``corpus/README.md``); a folder of ``.txt`` files (searched
        recursively, one article per file); a ``.txt`` file; a ``.csv``/``.tsv`` table; a
        JSON Lines file (``.jsonl``/``.ndjson``, one object per line); a Parquet file.
        Tables and JSON Lines may be compressed (``.gz``, ``.bz2``, ``.xz``). Several paths
        are loaded into one corpus.
    format : {"corpus", "txt", "csv", "tsv", "jsonl", "parquet"}, optional
        Override the format guessed from the path.
    columns : mapping, optional
        Input column name -> corpus column name, e.g.
        ``{"article_content": "text", "source": "outlet"}``. Names not mentioned are kept.
    date_format : str, optional
        ``strftime`` format of the ``date`` column (``"%m/%d/%Y"``). By default dates must be
        ISO 8601 (``2016-02-16``, optionally with a time and UTC offset); ambiguous formats
        are never guessed. Dates with an offset are converted to UTC; the time zone is dropped.
    encoding : str, default "utf-8"
        Text encoding of the files (a UTF-8 byte-order mark is accepted).
    language : str or None, default "en"
        Language code for articles whose input has none.
    parse : bool or "auto", default "auto"
        Split raw text with :func:`toolkit.parse_article`. ``"auto"`` parses text files and
        corpus folders (scraped pages) but not tables (whose text is usually clean).
    id_prefix : str, optional
        Prefix of generated doc_ids for tables without a ``doc_id`` column (default: the file
        name without suffix), giving ``PREFIX-000001`` for data row 1.
    errors : {"raise", "collect"}, default "raise"
        ``"raise"``: any problem raises :class:`CorpusError` listing all of them.
        ``"collect"``: load the good articles, warn, and report each bad one in
        :func:`corpus_problems`.
    engine : {"pandas", "dask"}, default "pandas"
        ``"dask"`` returns a dask DataFrame partitioned by articles (2,000 per partition)
        for :func:`toolkit.features` and :func:`toolkit.term_frequencies` on a cluster. One
        uncompressed JSON Lines file, Parquet file or folder of text files is read lazily,
        partition by partition, when computed (a first pass over the file finds duplicate
        doc_ids and texts across partitions); other inputs, several paths, or
        ``errors="collect"`` are read and checked here, as for pandas, then partitioned.
    max_decompressed : int, optional
        Bytes a compressed file may expand to before loading stops with a
        :class:`CorpusError` (a guard against decompression bombs). Default: 100 times the
        compressed size, at least 64 MiB.
    clean : bool, default True
        Remove page furniture from ``text``: credit lines, datelines, bylines, leading
        dates, the repeated title, share/footer lines and each outlet's recurring
        boilerplate (:mod:`toolkit.clean`), recording what was removed in ``removed``.
        ``False`` gives the text as read.

    Returns
    -------
    pandas.DataFrame
        The corpus: index ``doc_id``; columns ``text, title, outlet, date, place, language``,
        the parsed parts when parsed, the input's other metadata, then ``source_file,
        source_row, is_duplicate, duplicate_of`` (see the module docstring). ``attrs``
        records the toolkit version and the options used.

    Raises
    ------
    FileNotFoundError
        If a path does not exist.
    CorpusError
        For bad input: unsupported file type, an empty input, a damaged or over-large
        compressed file, a column named twice, no text column, and (per row) undecodable
        bytes, a wrong number of fields, an unclosed quote, JSON that is not an object of
        strings, empty text, unparseable or day-less dates or years outside
        :data:`DATE_RANGE`, duplicate doc_ids, files missing from or missing in the
        metadata, or named outside the corpus folder. Its ``problems`` attribute lists every
        problem with file and row. With ``errors="collect"`` only the first kinds (the whole
        input or file) raise; each bad row is reported and the good ones are loaded.
    ValueError
        For an invalid option.

    See Also
    --------
    as_corpus : the same checks for a DataFrame already in memory.
    corpus_problems : what ``errors="collect"`` left out.
    toolkit.datasets.load_fakes : the FA-KES Syrian-war corpus.

    Notes
    -----
    doc_ids are stable across runs and machines: taken from a ``doc_id`` column when the
    input has one; for text files, the path relative to the folder without ``.txt``; for
    tables, the prefix and the 1-based data row. Exact duplicate texts (whitespace
    ignored) are flagged with ``is_duplicate`` and ``duplicate_of``, never removed.

    Every input article is loaded or reported: for a table, loaded + reported = data rows.
    Only an empty cell (or JSON ``null``) is missing: ``NA``, ``null`` or ``None`` written
    in a cell are kept as written. Only files inside the folder given are read (a
    ``metadata.csv`` row or a link that leads outside it is a problem); in a folder of
    text files, ``.txt`` matches any case and names starting with a dot are passed over.

    Examples
    --------
    >>> import toolkit
    >>> corpus = toolkit.load_corpus(toolkit.SHIPPED_CORPUS)
    >>> corpus.loc["000_6f20bbf8b1b3e077", ["outlet", "place", "language"]].tolist()
    ['TASS', 'Latakia', 'en']
    >>> corpus.loc["000_6f20bbf8b1b3e077", "date"]
    Timestamp('2016-02-16 00:00:00')
    >>> corpus.loc["000_6f20bbf8b1b3e077", "dateline"]
    'LATAKIA, February 16. /TASS/.'
    """
    _check_choice("errors", errors, get_args(Errors))
    _check_choice("parse", parse, ("auto", True, False))
    check_date_format(date_format)
    _check_choice("engine", engine, ("pandas", "dask"))
    if format is not None:
        _check_choice("format", format, get_args(Format))
    if isinstance(path, pd.DataFrame):
        raise TypeError(
            "load_corpus() takes a path; for a DataFrame already in memory use "
            "toolkit.as_corpus(frame)"
        )
    paths = [Path(path)] if isinstance(path, str | Path) else [Path(p) for p in path]
    if not paths:
        raise ValueError("load_corpus() was given no path")
    if engine == "dask" and len(paths) == 1 and errors == "raise" and paths[0].exists():
        from toolkit.distributed import read_dask

        lazy_read = read_dask(
            paths[0],
            format or _format_of(paths[0]),
            columns=dict(columns) if columns else None,
            date_format=date_format,
            encoding=encoding,
            language=language,
            id_prefix=id_prefix,
            errors=errors,
            parse=parse,
            clean=clean,
        )
        if lazy_read is not None:
            result: pd.DataFrame = lazy_read
            return result
    batches: list[_Batch] = []
    prefixes: list[str] = []
    for p in paths:
        if not p.exists():
            raise FileNotFoundError(
                f"{p}: no such file or folder (working directory: {Path.cwd()})"
            )
        fmt = format or _format_of(p)
        try:
            batch = _read(p, fmt, encoding, columns, max_decompressed)
        except CorpusError as err:
            if errors == "raise":
                raise
            batch = _Batch(pd.DataFrame(), [problem(str(p), str(err))])
        if fmt not in ("corpus", "txt") and "source_file" not in batch.frame.columns:
            batch.frame["source_file"] = p.name
        batches.append(batch)
        stem = p.name.split(".")[0] if p.is_file() else p.name
        prefixes.append(stem)
    options = {
        "loaded_from": [str(p) for p in paths],
        "format": format,
        "columns": dict(columns or {}),
        "date_format": date_format,
        "encoding": encoding,
        "language": language,
        "parse": parse,
        "id_prefix": id_prefix,
        "errors": errors,
        "clean": clean,
    }
    corpus = _finalise(
        batches,
        date_format=date_format,
        language=language,
        parse=parse,
        id_prefix=id_prefix,
        default_prefixes=prefixes,
        errors=errors,
        options=options,
        clean=clean,
    )
    if engine == "dask":
        from toolkit.distributed import to_dask

        lazy: pd.DataFrame = to_dask(corpus)
        return lazy
    return corpus


def as_corpus(
    frame: pd.DataFrame,
    *,
    columns: Mapping[str, str] | None = None,
    date_format: str | None = None,
    language: str | None = "en",
    parse: bool = False,
    id_prefix: str = "doc",
    errors: Errors = "raise",
    clean: bool = True,
) -> pd.DataFrame:
    """Check a DataFrame already in memory and return it as a corpus.

    Applies the same schema and checks as :func:`load_corpus`; the caller's frame is not
    changed. A ``doc_id`` column (or a named, non-range index) becomes the index; otherwise
    doc_ids are ``PREFIX-000001`` by row position.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per article with a text column.
    columns, date_format, language, errors, clean
        As in :func:`load_corpus`.
    parse : bool, default False
        Split each text with :func:`toolkit.parse_article`.
    id_prefix : str, default "doc"
        Prefix of generated doc_ids.

    Returns
    -------
    pandas.DataFrame
        The corpus, as :func:`load_corpus` returns it; ``source_file`` is ``"<memory>"``.

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> df = pd.DataFrame({"body": ["Rebels shelled the city.", "Terrorists shelled the city."],
    ...                    "source": ["Reuters", "SANA"], "date": ["2016-02-01", "2016-02-02"]})
    >>> corpus = toolkit.as_corpus(df, columns={"body": "text", "source": "outlet"})
    >>> corpus[["outlet", "date"]]
                 outlet       date
    doc_id
    doc-000001  Reuters 2016-02-01
    doc-000002     SANA 2016-02-02
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"as_corpus() expects a pandas DataFrame, got {type(frame).__name__}")
    _check_choice("errors", errors, get_args(Errors))
    check_date_format(date_format)
    data = frame.copy()
    if "doc_id" not in data.columns and not isinstance(data.index, pd.RangeIndex):
        data = data.reset_index(names="doc_id" if data.index.name is None else None)
        if "doc_id" not in data.columns and data.columns[0] != "doc_id":
            data = data.rename(columns={data.columns[0]: "doc_id"})
    else:
        data = data.reset_index(drop=True)
    data = _rename(data, columns, Path("<memory>"))
    _require_text(data, Path("<memory>"))
    data["source_file"] = "<memory>"
    data["source_row"] = np.arange(1, len(data) + 1)
    options = {
        "loaded_from": ["<memory>"],
        "columns": dict(columns or {}),
        "date_format": date_format,
        "language": language,
        "parse": parse,
        "id_prefix": id_prefix,
        "errors": errors,
        "clean": clean,
    }
    return _finalise(
        [_Batch(data, parsed=parse)],
        date_format=date_format,
        language=language,
        parse=parse,
        id_prefix=id_prefix,
        default_prefixes=[id_prefix],
        errors=errors,
        options=options,
        clean=clean,
    )


def corpus_problems(corpus: pd.DataFrame) -> pd.DataFrame:
    """Return the problems ``load_corpus(..., errors="collect")`` found.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus returned by :func:`load_corpus` or :func:`as_corpus`.

    Returns
    -------
    pandas.DataFrame
        One row per input article or file that was not loaded, with columns
        ``source_file, source_row, doc_id, problem``; empty when everything loaded.

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> df = pd.DataFrame({"text": ["Aleppo was shelled.", "   "]})
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", toolkit.CorpusWarning)
    ...     corpus = toolkit.as_corpus(df, errors="collect")
    >>> len(corpus)
    1
    >>> problems = toolkit.corpus_problems(corpus)
    >>> problems.loc[0, "source_row"], problems.loc[0, "problem"]
    (np.int64(2), 'empty text: the article has no text (or only navigation debris)')
    """
    return problem_frame(corpus.attrs.get("problems", []))


def summarise_corpus(corpus: pd.DataFrame, *, by: str = "outlet") -> pd.DataFrame:
    """Count articles, duplicates, words and dates per group.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (see :func:`load_corpus`).
    by : str, default "outlet"
        Column to group by. Missing values form the group ``"(missing)"``.

    Returns
    -------
    pandas.DataFrame
        One row per group, sorted by ``n_articles`` descending, with columns
        ``<by>, n_articles, n_duplicates, n_words, n_words_median, first_date, last_date,
        n_missing_date``. ``n_words`` counts word tokens of the toolkit's tokenizer
        (:func:`toolkit.tokenize`). A cleaned corpus adds ``share_removed`` (the share of
        the group's characters that cleaning removed; by kind and with the most frequent
        pieces: :func:`toolkit.clean.removal_summary`); one with near-duplicates flagged
        (:func:`toolkit.near_duplicates`) adds ``n_near_duplicates`` (exact copies
        included).

    Examples
    --------
    >>> import toolkit
    >>> summary = toolkit.summarise_corpus(toolkit.load_corpus(toolkit.SHIPPED_CORPUS))
    >>> summary[["outlet", "n_articles", "first_date"]]
      outlet  n_articles first_date
    0   TASS           1 2016-02-16
    """
    if not isinstance(corpus, pd.DataFrame) or "text" not in corpus.columns:
        raise TypeError(
            "summarise_corpus() expects a corpus DataFrame with a 'text' column "
            "(see toolkit.load_corpus)"
        )
    if by not in corpus.columns:
        raise KeyError(
            f"by={by!r} is not a column of the corpus; columns: "
            f"{', '.join(map(str, corpus.columns))}"
        )
    data = pd.DataFrame(
        {
            by: corpus[by].astype("object").where(corpus[by].notna(), "(missing)"),
            "n_words": tokens(corpus).map(len).astype("int64"),
            "date": corpus["date"],
            "is_duplicate": corpus.get("is_duplicate", pd.Series(False, index=corpus.index)),
        }
    )
    grouped = data.groupby(by, sort=False)
    summary = pd.DataFrame(
        {
            "n_articles": grouped.size(),
            "n_duplicates": grouped["is_duplicate"].sum().astype("int64"),
            "n_words": grouped["n_words"].sum(),
            "n_words_median": grouped["n_words"].median(),
            "first_date": grouped["date"].min(),
            "last_date": grouped["date"].max(),
            "n_missing_date": grouped["date"].apply(lambda s: int(s.isna().sum())),
        }
    )
    if "n_chars_removed" in corpus.columns:
        removed = corpus["n_chars_removed"].groupby(data[by]).sum()
        before = (corpus["text"].str.len().fillna(0) + corpus["n_chars_removed"]).groupby(data[by])
        summary["share_removed"] = (removed / before.sum()).reindex(summary.index)
    if "near_duplicate_of" in corpus.columns:
        near = corpus["near_duplicate_of"].notna().groupby(data[by]).sum()
        summary["n_near_duplicates"] = near.reindex(summary.index).astype("int64")
    summary = summary.sort_values(["n_articles"], ascending=False, kind="stable")
    return summary.rename_axis(by).reset_index()


def corpus_fingerprint(corpus: pd.DataFrame) -> str:
    """Return a short digest of a corpus's doc_ids and texts, for provenance.

    Two corpora with the same articles in the same order have the same fingerprint on any
    machine; changing one character of one text changes it. Metadata is not included.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (index ``doc_id``, column ``text``).

    Returns
    -------
    str
        16 hexadecimal digits of a SHA-256 digest.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"text": ["one", "two"]}, index=pd.Index(["d1", "d2"], name="doc_id"))
    >>> corpus_fingerprint(a) == corpus_fingerprint(a.copy())
    True
    >>> corpus_fingerprint(a) == corpus_fingerprint(a.assign(text=["one", "two!"]))
    False
    """
    import hashlib

    digest = hashlib.sha256()
    for doc_id, text in zip(corpus.index, corpus["text"], strict=True):
        digest.update(str(doc_id).encode("utf-8") + b"\x1f")
        digest.update(str(text).encode("utf-8") + b"\x1e")
    return digest.hexdigest()[:16]


def timeline(corpus: pd.DataFrame, *, by: str = "outlet", freq: str = "M") -> pd.DataFrame:
    """Articles per group and period.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus with a ``date`` column (undated articles are left out).
    by : str, default "outlet"
        Grouping column.
    freq : {"D", "W", "M", "Q", "Y"}, default "M"
        Period length.

    Returns
    -------
    pandas.DataFrame
        ``group, period`` (start date), ``n_articles``; periods without articles between a
        group's first and last are included with 0.

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = as_corpus(pd.DataFrame({"text": ["a", "b", "c"], "outlet": ["A", "A", "B"],
    ...                                  "date": ["2016-01-05", "2016-03-01", "2016-01-09"]}))
    >>> timeline(corpus)
      group     period  n_articles
    0     A 2016-01-01           1
    1     A 2016-02-01           0
    2     A 2016-03-01           1
    3     B 2016-01-01           1
    """
    periods = {"D": "D", "W": "W-MON", "M": "M", "Q": "Q", "Y": "Y"}
    if freq not in periods:
        raise ValueError(f"freq={freq!r} is not valid; use one of {', '.join(periods)}")
    if by not in corpus.columns:
        raise KeyError(f"timeline(): by={by!r} is not a column of the corpus")
    dated = corpus[corpus["date"].notna() & corpus[by].notna()]
    period = dated["date"].dt.to_period(periods[freq])
    counts = dated.groupby([dated[by].astype(str), period]).size()
    rows: list[tuple[Any, pd.Timestamp, int]] = []
    for group, part in counts.groupby(level=0, sort=True):
        part = part.droplevel(0)
        full = pd.period_range(part.index.min(), part.index.max(), freq=periods[freq])
        part = part.reindex(full, fill_value=0)
        rows.extend((group, start, int(n)) for start, n in zip(full.start_time, part, strict=True))
    return pd.DataFrame(rows, columns=["group", "period", "n_articles"])
