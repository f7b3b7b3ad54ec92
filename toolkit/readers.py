"""Reading article files row by row: every row is either read or reported.

The readers here turn one input file into *raw batches*: a DataFrame of rows under the
input's own column names (values as read: ``str`` or missing; JSON values as decoded),
with ``source_row``, and a list of problems (see :mod:`toolkit.errors`) for the rows that
could not be read. :func:`toolkit.load_corpus` concatenates the batches of a file;
:func:`toolkit.stream.iter_corpus` checks and yields them one at a time. Both therefore
read, and report, the same rows.

Guarantees, for every format:

* **Row by row.** One bad row (undecodable bytes, a wrong number of fields, a quote that
  is never closed, a JSON line that is not an object) is one problem naming the file and
  line; the good rows around it are read. For a table, loaded + reported = data rows.
* **Bounded decompression.** ``.gz``, ``.bz2`` and ``.xz`` files are decompressed as a
  stream and stop with a :class:`~toolkit.errors.CorpusError` past a limit (by default
  :data:`DEFAULT_RATIO` times the compressed size, at least :data:`DEFAULT_MIN_LIMIT`);
  truncated or damaged files are a CorpusError naming the file.
* **Only what was named.** Files of a text folder, and files a ``metadata.csv`` names,
  are read only when they lie inside that folder (links are followed only to inside it).
* **Missing means empty.** Only an empty cell (or JSON ``null``) is missing; ``NA``,
  ``null`` or ``None`` written in a cell are kept as written.
"""

from __future__ import annotations

import csv
import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from toolkit.errors import CorpusError, problem
from toolkit.files import (
    BLOCK,
    SURROGATE,
    bad_bytes_message,
    open_text,
)

__all__ = [
    "RawBatch",
    "check_columns",
    "concat_batches",
    "csv_batches",
    "infer_types",
    "jsonl_batches",
    "jsonl_record",
    "parquet_batches",
]


@dataclass
class RawBatch:
    """Rows of one input as read (input column names, ``source_row``) and the problems
    of the rows that could not be read."""

    frame: pd.DataFrame
    problems: list[dict[str, Any]] = field(default_factory=list)


# ---------------------------------------------------------------------------- columns


def check_columns(names: Iterable[Any], path: Path | str) -> None:
    """A CorpusError when a header holds a name twice (pandas would rename one silently).

    Examples
    --------
    >>> check_columns(["text", "title", "text"], "a.csv")
    Traceback (most recent call last):
    toolkit.errors.CorpusError: a.csv: column 'text' occurs 2 times in the header; ...
    """
    seen: dict[str, int] = {}
    for name in names:
        seen[str(name)] = seen.get(str(name), 0) + 1
    twice = [n for n, k in seen.items() if k > 1]
    if twice:
        raise CorpusError(
            f"{path}: column {twice[0]!r} occurs {seen[twice[0]]} times in the header; "
            "give each column its own name"
        )


_TRUE = {"True", "TRUE", "true"}
_FALSE = {"False", "FALSE", "false"}


def infer_types(frame: pd.DataFrame, keep: Iterable[str]) -> pd.DataFrame:
    """Columns of text read from a table, typed: the ``keep`` columns as ``string``; any
    other column whose every non-empty value is a number becomes numeric (integers with
    an empty cell become float, as in pandas), all ``True``/``False`` becomes bool, the
    rest stays text. Only empty cells are missing.

    Examples
    --------
    >>> f = pd.DataFrame({"text": ["NA", "b"], "n": ["1", "2"], "x": ["1", None]}, dtype=object)
    >>> infer_types(f, ["text"]).dtypes.astype(str).tolist()
    ['string', 'int64', 'float64']
    """
    keep = set(keep)
    out = {}
    for col in frame.columns:
        values = frame[col]
        if col in keep or col == "source_row":
            out[col] = values.astype("string") if col != "source_row" else values
            continue
        present = values.dropna()
        if (
            values.dtype != object
            or len(present) == 0
            or not all(isinstance(v, str) for v in present.tolist())
        ):
            out[col] = values
            continue
        number = pd.to_numeric(present, errors="coerce")
        if number.notna().all():
            out[col] = pd.to_numeric(values)
        elif present.isin(_TRUE | _FALSE).all():
            flags = values.map(lambda v: None if v is None else v in _TRUE)
            out[col] = flags.astype(bool) if len(present) == len(values) else flags
        else:
            out[col] = values.astype(str).where(values.notna()) if len(values) else values
    return pd.DataFrame(out, index=frame.index)


def concat_batches(raws: Iterable[RawBatch]) -> RawBatch:
    """The raw batches of one file as one, typed as if read in one block: a column that
    is of object type in the whole but not in every batch is inferred again (so JSON
    records read in blocks give the frame ``DataFrame.from_records`` gives them all)."""
    raws = list(raws)
    frames = [r.frame for r in raws if len(r.frame)] or [r.frame for r in raws[-1:]]
    problems = [p for r in raws for p in r.problems]
    if len(frames) <= 1:
        return RawBatch(frames[0] if frames else pd.DataFrame(), problems)
    frame = pd.concat(frames, ignore_index=True)
    for col in frame.columns[[d == np.dtype(object) for d in frame.dtypes]]:
        if any(f[col].dtype != np.dtype(object) for f in frames if col in f.columns):
            frame[col] = frame[col].infer_objects()
    return RawBatch(frame, problems)


# ---------------------------------------------------------------------------- CSV


class _Lines:
    """The physical lines of a text stream, numbered, with lines to read again first."""

    def __init__(self, fh: IO[str]) -> None:
        self.fh = fh
        self.no = 0
        self.again: deque[tuple[int, str]] = deque()
        self.taken: list[tuple[int, str]] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.again:
            item = self.again.popleft()
        else:
            line = self.fh.readline()
            if not line:
                raise StopIteration
            self.no += 1
            item = (self.no, line)
        self.taken.append(item)
        return item[1]


def _csv_records(
    fh: IO[str], sep: str, encoding: str, width: Callable[[], int | None]
) -> Iterator[tuple[int, list[str] | None, str | None]]:
    """``(first line, fields, None)`` for each record, or ``(line, None, what is wrong)``
    for one that cannot be read. A bad record that ran over several lines (a quote never
    closed, or closed lines later) is reported at its first line, and the lines after it
    are read again as records, so a stray quote costs one row, not the rest of the file.
    ``width()`` is the number of fields a record must have (None before the header)."""
    lines = _Lines(fh)
    while True:
        reader = csv.reader(lines, delimiter=sep, strict=True)
        while True:
            lines.taken = []
            try:
                fields: list[str] | None = next(reader)
                error = None
            except StopIteration:
                return
            except csv.Error as err:
                fields, error = None, str(err)
            taken = lines.taken
            if not taken:
                return
            if fields is not None and not any(f.strip() for f in fields) and len(taken) == 1:
                if width() is None or len(fields) <= 1:
                    continue  # a blank line
            n = width()
            wrong = fields is not None and n is not None and len(fields) != n
            if (error or wrong) and len(taken) > 1:
                first = taken[0][0]
                lines.again.extendleft(reversed(taken[1:]))
                yield (
                    first,
                    None,
                    f"line {first}: a quote opened in this row is not closed where the row "
                    "ends (the row is left out; the lines after it are read as rows)",
                )
                break  # a fresh reader for the lines read again
            if error:
                yield taken[0][0], None, f"line {taken[0][0]}: malformed quoting ({error})"
                continue
            bad = bad_bytes_message("".join(t for _, t in taken), encoding)
            if bad:
                yield taken[0][0], None, f"line {taken[0][0]}: {bad}"
                continue
            yield taken[0][0], fields, None


def csv_batches(
    path: Path,
    *,
    sep: str,
    encoding: str = "utf-8",
    limit: int | None = None,
    label: str = "CSV",
    block: int = BLOCK,
) -> Iterator[RawBatch]:
    """Raw batches of a CSV/TSV file: one per ``block`` data rows. ``source_row`` is the
    1-based data row (records, counting bad ones, so row numbers and the doc_ids made from
    them never shift); each problem names the row and the line it starts on.

    Raises
    ------
    CorpusError
        For a file that is empty, has no readable header, or names a column twice.
    """
    header: list[str] | None = None
    rows: list[list[str]] = []
    numbers: list[int] = []
    problems: list[dict[str, Any]] = []
    row = 0
    width: list[int] = []  # the header's number of fields, once read

    def batch() -> RawBatch:
        assert header is not None
        frame = pd.DataFrame(rows, columns=header, dtype=object)
        frame = frame.where(frame != "", None)  # only an empty cell is missing
        frame["source_row"] = np.asarray(numbers, dtype=np.int64)
        return RawBatch(frame, list(problems))

    with open_text(path, encoding, limit, newline="") as fh:
        for line, fields, error in _csv_records(
            fh, sep, encoding, lambda: width[0] if width else None
        ):
            if header is None:
                if fields is None:
                    raise CorpusError(
                        f"{path}: the header (first line) cannot be read: "
                        f"{(error or '').split(': ', 1)[-1]}"
                    )
                check_columns(fields, path)
                header = [f.strip() for f in fields]
                width.append(len(header))
                continue
            row += 1
            if fields is None:
                problems.append(problem(str(path), str(error), row))
            elif len(fields) != len(header):
                problems.append(
                    problem(
                        str(path),
                        f"line {line}: the row has {len(fields)} fields where the header has "
                        f"{len(header)} (a {label} separator inside an unquoted field? quote "
                        "it)",
                        row,
                    )
                )
            else:
                rows.append(fields)
                numbers.append(row)
            if len(rows) >= block:
                yield batch()
                rows, numbers, problems = [], [], []
    if header is None:
        raise CorpusError(f"{path}: the file is empty (no header, no rows)")
    yield batch()


# ---------------------------------------------------------------------------- JSON Lines


class _DuplicateKey(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return obj


#: Columns that must hold text; ``doc_id`` and these may also be whole numbers in JSON.
_STRING_COLUMNS = frozenset({"doc_id", "text", "title", "outlet", "place", "language", "date"})


def jsonl_record(line: str, string_keys: Iterable[str] = _STRING_COLUMNS) -> dict | str | None:
    """The object on one JSON Lines line; None for a blank line; what is wrong (a str)
    for a line that cannot be an article: not JSON, not an object, a key given twice, a
    lone surrogate escape, nesting too deep, or a ``string_keys`` value that is not a
    string (an object, list, number or boolean; whole numbers are taken as their
    digits, except for ``text``).

    Examples
    --------
    >>> jsonl_record('{"text": "Aleppo.", "doc_id": 7}')
    {'text': 'Aleppo.', 'doc_id': '7'}
    >>> jsonl_record('{"text": {"body": "x"}}')
    "'text' is an object, not a string"
    >>> jsonl_record('{"text": "a", "text": "b"}')
    "key 'text' is given twice in the object"
    """
    if not line.strip():
        return None
    try:
        obj = json.loads(line, object_pairs_hook=_unique_keys)
    except _DuplicateKey as err:
        return f"key {err.args[0]!r} is given twice in the object"
    except json.JSONDecodeError as err:
        return f"not valid JSON: {err.msg} (column {err.colno})"
    except RecursionError:
        return "not read: the JSON is nested too deeply"
    if not isinstance(obj, dict):
        return f"expected a JSON object, got {_json_type(obj)}"
    for key, value in obj.items():
        if SURROGATE.search(key) or (isinstance(value, str) and SURROGATE.search(value)):
            return f"{key!r} holds a lone surrogate escape (e.g. \\ud800): not valid Unicode"
    for key in string_keys:
        value = obj.get(key)
        if value is None or isinstance(value, str):
            continue
        if key != "text" and isinstance(value, int) and not isinstance(value, bool):
            obj[key] = str(value)
            continue
        return f"{key!r} is {_json_type(value)}, not a string"
    return obj


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", bool: "a boolean", str: "a string"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    return "a number" if isinstance(value, int | float) else type(value).__name__


def jsonl_batches(
    path: Path,
    *,
    encoding: str = "utf-8",
    limit: int | None = None,
    string_keys: Iterable[str] = _STRING_COLUMNS,
    block: int = BLOCK,
    start: int = 0,
    first_line: int = 1,
    max_rows: int | None = None,
) -> Iterator[RawBatch]:
    """Raw batches of a JSON Lines file; ``source_row`` is the line number. A line ends
    at \\n, \\r\\n or \\r (not at the other Unicode line breaks JSON strings may hold).
    ``start``/``first_line``/``max_rows``: read from a byte offset (uncompressed files)
    that is line ``first_line``, and stop after ``max_rows`` articles (lazy partitions).
    """
    keys = frozenset(string_keys)
    records: list[dict[str, Any]] = []
    problems: list[dict[str, Any]] = []
    taken = 0
    with open_text(path, encoding, limit, newline=None, start=start) as fh:
        for lineno, line in enumerate(fh, start=first_line):
            bad = bad_bytes_message(line, encoding)
            obj = bad or jsonl_record(line, keys)
            if obj is None:
                continue
            if isinstance(obj, str):
                problems.append(problem(str(path), obj, lineno))
            else:
                obj["source_row"] = lineno
                records.append(obj)
                taken += 1
            if len(records) >= block or (max_rows is not None and taken >= max_rows):
                yield RawBatch(pd.DataFrame.from_records(records), problems)
                records, problems = [], []
                if max_rows is not None and taken >= max_rows:
                    return
    yield RawBatch(
        pd.DataFrame.from_records(records) if records else pd.DataFrame({"source_row": []}),
        problems,
    )


# ---------------------------------------------------------------------------- Parquet

_PARQUET_TEXT = ("string", "large_string", "string_view", "null")


def _parquet_schema_problem(schema: Any, string_keys: Iterable[str]) -> str | None:
    import pyarrow as pa

    for name in string_keys:
        if name not in schema.names:
            continue
        kind = schema.field(name).type
        if pa.types.is_dictionary(kind):
            kind = kind.value_type
        ok = str(kind) in _PARQUET_TEXT
        if name == "doc_id":
            ok = ok or pa.types.is_integer(kind)
        if name == "date":
            ok = ok or pa.types.is_timestamp(kind) or pa.types.is_date(kind)
        if not ok:
            return f"column {name!r} holds {kind} values, not strings"
    return None


def parquet_batches(
    path: Path,
    *,
    string_keys: Iterable[str] = _STRING_COLUMNS,
    block: int = BLOCK,
    row_groups: tuple[int, int] | None = None,
) -> Iterator[RawBatch]:
    """Raw batches of a Parquet file (``source_row`` the 1-based row). A column that must
    hold text but holds numbers, lists or other values, and a file that cannot be decoded
    (damaged, invalid UTF-8), are a CorpusError naming the column or the file.
    ``row_groups``: read only groups ``[first, stop)`` (lazy partitions)."""
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
        wrong = _parquet_schema_problem(pf.schema_arrow, string_keys)
        if wrong:
            raise CorpusError(
                f"{path}: {wrong}; store it as text (e.g. df[col].astype(str)), or name "
                "another column with columns=..."
            )
        first, stop = row_groups or (0, pf.metadata.num_row_groups)
        offset = sum(pf.metadata.row_group(g).num_rows for g in range(first))
        batches = pf.iter_batches(batch_size=block, row_groups=list(range(first, stop)))
        for batch in batches:
            batch.validate(full=True)  # invalid UTF-8 would otherwise surface later
            frame = batch.to_pandas()
            frame = frame.reset_index(drop=isinstance(frame.index, pd.RangeIndex))
            frame["source_row"] = np.arange(offset + 1, offset + len(frame) + 1)
            offset += len(frame)
            yield RawBatch(frame)
    except CorpusError:
        raise
    except Exception as err:  # pyarrow raises several types for a damaged file
        raise CorpusError(
            f"{path}: cannot be read as Parquet: {type(err).__name__}: {err}"
        ) from None
