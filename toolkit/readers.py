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

import bz2
import csv
import gzip
import io
import json
import lzma
import os
import re
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from toolkit.errors import CorpusError, problem

__all__ = [
    "BLOCK",
    "DEFAULT_MIN_LIMIT",
    "DEFAULT_RATIO",
    "RawBatch",
    "check_columns",
    "concat_batches",
    "csv_batches",
    "decompression_limit",
    "infer_types",
    "inside",
    "jsonl_batches",
    "jsonl_record",
    "open_binary",
    "parquet_batches",
    "read_text",
    "text_files",
]

#: Rows per raw batch: the readers hold one batch of rows as Python objects at a time.
BLOCK = 20_000
#: A compressed file may expand to at most this many times its size ...
DEFAULT_RATIO = 100
#: ... but always to at least this many bytes (64 MiB), so small files are never refused.
DEFAULT_MIN_LIMIT = 64 << 20

_OPENERS: dict[str, Callable[..., Any]] = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
#: Characters that ``errors="surrogateescape"`` puts where undecodable bytes were.
_BAD_BYTES = re.compile("[\udc80-\udcff]")
#: Any lone surrogate (JSON can spell one as an escape, e.g. "\\ud800").
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class RawBatch:
    """Rows of one input as read (input column names, ``source_row``) and the problems
    of the rows that could not be read."""

    frame: pd.DataFrame
    problems: list[dict[str, Any]] = field(default_factory=list)


# ---------------------------------------------------------------------------- bytes


def decompression_limit(path: Path, limit: int | None = None) -> int | None:
    """How many bytes a compressed ``path`` may expand to (None: not compressed).

    ``limit`` overrides the default of :data:`DEFAULT_RATIO` times the compressed size
    (at least :data:`DEFAULT_MIN_LIMIT`).

    Examples
    --------
    >>> decompression_limit(Path("a.csv")) is None
    True
    >>> decompression_limit(Path("missing.csv.gz"), 1000)
    1000
    """
    if path.suffix.lower() not in _OPENERS:
        return None
    if limit is not None:
        if limit <= 0:
            raise ValueError(f"max_decompressed={limit!r} must be a positive number of bytes")
        return limit
    return max(DEFAULT_RATIO * path.stat().st_size, DEFAULT_MIN_LIMIT)


class _Limited(io.RawIOBase):
    """A decompressing reader that counts what it hands out and turns every failure of
    the decompressor into a :class:`CorpusError` naming the file."""

    def __init__(self, path: Path, inner: IO[bytes], limit: int) -> None:
        super().__init__()
        self.path, self.inner, self.limit, self.total = path, inner, limit, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            n = self.inner.readinto(buffer)  # type: ignore[attr-defined]
        except (EOFError, OSError, zlib.error, lzma.LZMAError, ValueError) as err:
            raise CorpusError(
                f"{self.path}: the compressed file is truncated or damaged ({err}); "
                "compress it again, or load the uncompressed file"
            ) from None
        self.total += n
        if self.total > self.limit:
            raise CorpusError(
                f"{self.path}: expands to more than {self.limit:,} bytes when decompressed "
                f"(by default the limit is {DEFAULT_RATIO}x the compressed size, at least "
                f"{DEFAULT_MIN_LIMIT >> 20} MiB); if the file is genuine, pass a larger "
                "max_decompressed=BYTES"
            )
        return int(n)

    def close(self) -> None:
        self.inner.close()
        super().close()


@contextmanager
def open_binary(path: Path, limit: int | None = None) -> Iterator[IO[bytes]]:
    """``path`` opened for reading bytes, decompressed (``.gz``, ``.bz2``, ``.xz``) as a
    stream within :func:`decompression_limit`.

    Examples
    --------
    >>> import gzip, tempfile
    >>> p = Path(tempfile.mkdtemp()) / "a.txt.gz"
    >>> _ = p.write_bytes(gzip.compress(b"x" * 100))
    >>> with open_binary(p, limit=10) as fh:
    ...     fh.read()
    Traceback (most recent call last):
    toolkit.errors.CorpusError: ...a.txt.gz: expands to more than 10 bytes when decompressed...
    """
    suffix = path.suffix.lower()
    if suffix == ".zst":
        raise CorpusError(f"{path}: .zst compression is not supported; use .gz, .bz2 or .xz")
    try:
        if suffix in _OPENERS:
            cap = decompression_limit(path, limit)
            assert cap is not None
            fh: IO[bytes] = io.BufferedReader(
                _Limited(path, _OPENERS[suffix](path, "rb"), cap), 1 << 16
            )
        else:
            fh = path.open("rb")
    except OSError as err:
        raise CorpusError(f"{path}: cannot be read ({err.strerror or err})") from None
    try:
        yield fh
    finally:
        fh.close()


def _codec(encoding: str) -> str:
    import codecs

    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise ValueError(
            f"encoding={encoding!r} is not a text encoding Python knows "
            "(e.g. 'utf-8', 'cp1252', 'latin-1')"
        ) from None
    return "utf-8-sig" if name == "utf-8" else name


@contextmanager
def _open_text(
    path: Path, encoding: str, limit: int | None, newline: str | None, start: int = 0
) -> Iterator[IO[str]]:
    codec = _codec(encoding)
    with open_binary(path, limit) as raw:
        if start:
            raw.seek(start)
        text = io.TextIOWrapper(raw, codec, errors="surrogateescape", newline=newline)
        try:
            yield text
        finally:
            text.detach()


def _bad_bytes_message(text: str, encoding: str) -> str | None:
    """What is wrong with a line that held undecodable bytes (None: nothing)."""
    m = _BAD_BYTES.search(text)
    if m is None:
        return None
    raw = bytes(ord(c) - 0xDC00 for c in _BAD_BYTES.findall(text[m.start() : m.start() + 8]))
    return (
        f"not valid {encoding} (bytes {raw!r} at character {m.start() + 1}); re-save the "
        "file as UTF-8, or pass the encoding it uses, e.g. encoding='cp1252'"
    )


def read_text(path: Path, encoding: str, limit: int | None = None) -> str:
    """A whole text file, decoded (a UTF-8 byte-order mark is dropped); undecodable bytes
    are a CorpusError naming the byte and line.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_bytes(b"caf\\xe9")
    >>> read_text(p, "utf-8")
    Traceback (most recent call last):
    toolkit.errors.CorpusError: ...a.txt: not valid utf-8 at byte 3 (line 1, bytes b'\\xe9')...
    >>> read_text(p, "latin-1")
    'café'
    """
    with open_binary(path, limit) as fh:
        data = fh.read()
    try:
        return data.decode(_codec(encoding))
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise CorpusError(
            f"{path}: not valid {encoding} at byte {err.start} (line {line}, bytes "
            f"{data[err.start : err.start + 4]!r}). Re-save the file as UTF-8, or pass the "
            "encoding it uses, e.g. encoding='cp1252'."
        ) from None


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
            bad = _bad_bytes_message("".join(t for _, t in taken), encoding)
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

    with _open_text(path, encoding, limit, newline="") as fh:
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
        if _SURROGATE.search(key) or (isinstance(value, str) and _SURROGATE.search(value)):
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
    with _open_text(path, encoding, limit, newline=None, start=start) as fh:
        for lineno, line in enumerate(fh, start=first_line):
            bad = _bad_bytes_message(line, encoding)
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


# ---------------------------------------------------------------------------- folders


def inside(folder: Path, name: str) -> Path | str:
    """The file ``name`` (relative to ``folder``) resolved, if it lies inside ``folder``
    after following links; else what is wrong with it.

    Examples
    --------
    >>> inside(Path("corpus"), "../../etc/passwd")
    'names a file outside the corpus folder (../../etc/passwd)'
    >>> inside(Path("corpus"), "/etc/passwd")
    'is an absolute path (/etc/passwd); name files relative to the corpus folder'
    """
    if Path(name).is_absolute() or name.startswith(("\\", "/")) or re.match(r"^[A-Za-z]:", name):
        return f"is an absolute path ({name}); name files relative to the corpus folder"
    target = (folder / name).resolve()  # follows links
    if not target.is_relative_to(folder.resolve()):
        return f"names a file outside the corpus folder ({name})"
    return target


def _printable(name: str) -> str:
    """A file name fit for a message and a table: undecodable bytes as ``\\xff``, line
    breaks as ``\\n``."""
    shown = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return shown.replace("\n", "\\n").replace("\r", "\\r")


def _name_problem(name: str) -> str | None:
    if "\n" in name or "\r" in name:
        return "the file name holds a line break; rename the file"
    if _BAD_BYTES.search(name):
        return "the file name is not valid UTF-8; rename the file"
    return None


def text_files(folder: Path) -> tuple[list[Path], list[dict[str, Any]]]:
    """The ``.txt`` files (any case of the suffix) below ``folder``, sorted, and a problem
    for each entry that cannot be read as one: an unreadable sub-folder, a broken link, a
    link that leads outside ``folder``, a file name with a line break or invalid UTF-8.
    Names starting with a dot (hidden files and folders, e.g. ``._x.txt`` left by macOS)
    are passed over, as are files of other types.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "b.TXT").write_text("x"); _ = (root / "a.txt").write_text("y")
    >>> [p.name for p in text_files(root)[0]]
    ['a.txt', 'b.TXT']
    """
    root = folder.resolve()
    files: list[Path] = []
    problems: list[dict[str, Any]] = []

    def rel(path: Path | str) -> str:
        try:
            return Path(path).relative_to(folder).as_posix()
        except ValueError:
            return str(path)

    def unreadable(err: OSError) -> None:
        problems.append(
            problem(rel(err.filename or folder), f"the folder cannot be read ({err.strerror})")
        )

    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable):
        here = Path(dirpath)
        kept = []
        for d in sorted(dirnames):
            if d.startswith("."):
                continue
            if (here / d).is_symlink():
                problems.append(
                    problem(rel(here / d), "a link to a folder is not followed; copy the files")
                )
                continue
            kept.append(d)
        dirnames[:] = kept
        for name in filenames:
            if name.startswith(".") or not name.lower().endswith(".txt"):
                continue
            path = here / name
            wrong = _name_problem(name)
            if wrong is None and path.is_symlink():
                if not path.exists():
                    wrong = "a broken link (its target does not exist)"
                elif not path.resolve().is_relative_to(root):
                    wrong = "a link to a file outside the folder; copy the file in instead"
            if wrong:
                problems.append(problem(_printable(rel(path)), wrong))
            else:
                files.append(path)
    return sorted(files), problems
