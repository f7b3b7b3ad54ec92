"""Files as the readers meet them: bounded decompression, text decoding that reports bad
bytes, and the files of a folder, read only when they lie inside it (see
:mod:`toolkit.readers` for the guarantees)."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import re
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from toolkit.errors import CorpusError, problem

__all__ = [
    "BAD_BYTES",
    "BLOCK",
    "DEFAULT_MIN_LIMIT",
    "DEFAULT_RATIO",
    "OPENERS",
    "SURROGATE",
    "LimitedReader",
    "bad_bytes_message",
    "codec_name",
    "decompression_limit",
    "inside",
    "name_problem",
    "open_binary",
    "open_text",
    "printable",
    "read_text",
    "text_files",
]

#: Rows per raw batch: the readers hold one batch of rows as Python objects at a time.
BLOCK = 20_000
#: A compressed file may expand to at most this many times its size ...
DEFAULT_RATIO = 100
#: ... but always to at least this many bytes (64 MiB), so small files are never refused.
DEFAULT_MIN_LIMIT = 64 << 20

OPENERS: dict[str, Callable[..., Any]] = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
#: Characters that ``errors="surrogateescape"`` puts where undecodable bytes were.
BAD_BYTES = re.compile("[\udc80-\udcff]")
#: Any lone surrogate (JSON can spell one as an escape, e.g. "\\ud800").
SURROGATE = re.compile("[\ud800-\udfff]")


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
    if path.suffix.lower() not in OPENERS:
        return None
    if limit is not None:
        if limit <= 0:
            raise ValueError(f"max_decompressed={limit!r} must be a positive number of bytes")
        return limit
    return max(DEFAULT_RATIO * path.stat().st_size, DEFAULT_MIN_LIMIT)


class LimitedReader(io.RawIOBase):
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
        if suffix in OPENERS:
            cap = decompression_limit(path, limit)
            assert cap is not None
            fh: IO[bytes] = io.BufferedReader(
                LimitedReader(path, OPENERS[suffix](path, "rb"), cap), 1 << 16
            )
        else:
            fh = path.open("rb")
    except OSError as err:
        raise CorpusError(f"{path}: cannot be read ({err.strerror or err})") from None
    try:
        yield fh
    finally:
        fh.close()


def codec_name(encoding: str) -> str:
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
def open_text(
    path: Path, encoding: str, limit: int | None, newline: str | None, start: int = 0
) -> Iterator[IO[str]]:
    codec = codec_name(encoding)
    with open_binary(path, limit) as raw:
        if start:
            raw.seek(start)
        text = io.TextIOWrapper(raw, codec, errors="surrogateescape", newline=newline)
        try:
            yield text
        finally:
            text.detach()


def bad_bytes_message(text: str, encoding: str) -> str | None:
    """What is wrong with a line that held undecodable bytes (None: nothing)."""
    m = BAD_BYTES.search(text)
    if m is None:
        return None
    raw = bytes(ord(c) - 0xDC00 for c in BAD_BYTES.findall(text[m.start() : m.start() + 8]))
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
        return data.decode(codec_name(encoding))
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise CorpusError(
            f"{path}: not valid {encoding} at byte {err.start} (line {line}, bytes "
            f"{data[err.start : err.start + 4]!r}). Re-save the file as UTF-8, or pass the "
            "encoding it uses, e.g. encoding='cp1252'."
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


def printable(name: str) -> str:
    """A file name fit for a message and a table: undecodable bytes as ``\\xff``, line
    breaks as ``\\n``."""
    shown = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return shown.replace("\n", "\\n").replace("\r", "\\r")


def name_problem(name: str) -> str | None:
    if "\n" in name or "\r" in name:
        return "the file name holds a line break; rename the file"
    if BAD_BYTES.search(name):
        return "the file name is not valid UTF-8; rename the file"
    return None


def text_files(
    folder: Path, suffixes: tuple[str, ...] = (".txt",)
) -> tuple[list[Path], list[dict[str, Any]]]:
    """The ``.txt`` files (or those ending in one of ``suffixes``; any case) below
    ``folder``, sorted, and a problem
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
            if name.startswith(".") or not name.lower().endswith(suffixes):
                continue
            path = here / name
            wrong = name_problem(name)
            if wrong is None and path.is_symlink():
                if not path.exists():
                    wrong = "a broken link (its target does not exist)"
                elif not path.resolve().is_relative_to(root):
                    wrong = "a link to a file outside the folder; copy the file in instead"
            if wrong:
                problems.append(problem(printable(rel(path)), wrong))
            else:
                files.append(path)
    return sorted(files), problems
