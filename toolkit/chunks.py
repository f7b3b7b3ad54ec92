"""Corpora larger than memory, read chunk by chunk.

:func:`iter_corpus` yields corpus chunks (the same schema and checks as
:func:`toolkit.load_corpus`, doc_ids identical to a whole-file load) from CSV/TSV, JSON
Lines, Parquet, folders of text files and corpus folders; :class:`ChunkLoader` reads one
planned piece on its own, for lazy dask partitions (:mod:`toolkit.distributed`). Input
layer: features of the chunks are written by :mod:`toolkit.stream`.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from toolkit.boilerplate import Boilerplate, learn_from_start
from toolkit.clean import clean_corpus
from toolkit.config import CHUNK_SIZE
from toolkit.corpus import check_date_format, finalise, text_keys
from toolkit.errors import CorpusError, CorpusWarning, format_problems, problem, problem_frame
from toolkit.files import text_files
from toolkit.readers import RawBatch, jsonl_batches, parquet_batches
from toolkit.schema import ARCHIVE_FORMATS, COMPRESSIONS, Errors, Format
from toolkit.sources import (
    Batch,
    format_of,
    raw_batches,
    read_source,
    string_keys,
    table_batch,
    text_records,
)

__all__ = ["AcrossChunks", "ChunkLoader", "iter_corpus", "plan_pieces", "read_piece"]


# ---------------------------------------------------------------------------- pieces
# A piece is one chunk that can be read on its own (for lazy dask partitions): its rows
# are the same as the chunk iter_corpus yields at that place.


def plan_pieces(path: Path, fmt: Format, chunk_size: int) -> list[tuple[Any, ...]] | None:
    """Where each chunk of an uncompressed JSON Lines file, a Parquet file or a folder of
    text files starts; None for other inputs (read them whole)."""
    if fmt == "jsonl" and path.suffix.lower() not in COMPRESSIONS:
        pieces: list[tuple[Any, ...]] = []
        count = 0
        offset = 0
        with open(path, "rb") as fh:
            for lineno, line in enumerate(fh, start=1):
                if b"\r" in line.rstrip(b"\r\n"):
                    return None  # a lone carriage return ends a line in text mode only
                if line.strip():
                    if count % chunk_size == 0:
                        pieces.append(("jsonl", offset, lineno))
                    count += 1
                offset += len(line)
        return pieces or [("jsonl", 0, 1)]
    if fmt == "parquet":
        # Parquet is read by row group: a piece is a run of whole row groups holding up to
        # chunk_size rows (a larger group is a piece of its own), never part of a group,
        # which would mean decoding the whole group for each piece inside it.
        import pyarrow.parquet as pq

        meta = pq.ParquetFile(path).metadata
        pieces = []
        first, rows = 0, 0
        for g in range(meta.num_row_groups):
            n = meta.row_group(g).num_rows
            if g > first and rows + n > chunk_size:
                pieces.append(("parquet", first, g))
                first, rows = g, 0
            rows += n
        pieces.append(("parquet", first, meta.num_row_groups))
        return pieces
    if fmt == "txt" and path.is_dir():
        files, _ = text_files(path)
        return [("txt", start, start + chunk_size) for start in range(0, len(files), chunk_size)]
    return None


def read_piece(
    path: Path,
    piece: tuple[Any, ...],
    chunk_size: int,
    encoding: str,
    columns: Mapping[str, str] | None = None,
) -> RawBatch:
    """The raw rows of one piece (before the corpus checks): for JSON Lines ``(byte offset,
    first line number)``, for Parquet ``(first row group, row group after the last)``, for
    text folders ``(first file, file after the last)``. The folder's own problems (links,
    names) come with its first piece."""
    kind, start, stop = piece
    if kind == "jsonl":
        batches = jsonl_batches(
            path,
            encoding=encoding,
            string_keys=string_keys(columns),
            block=chunk_size,
            start=start,
            first_line=stop,
            max_rows=chunk_size,
        )
        return next(batches)
    if kind == "parquet":
        parts = list(
            parquet_batches(
                path,
                string_keys=string_keys(columns),
                block=1 << 30,
                row_groups=(start, stop),
            )
        )
        frame = pd.concat([p.frame for p in parts], ignore_index=True) if parts else pd.DataFrame()
        return RawBatch(frame)
    files, problems = text_files(path)
    records, unread = text_records(path, files[start:stop], encoding, None)
    frame = pd.DataFrame.from_records(records, columns=["doc_id", "text", "source_file"])
    return RawBatch(frame, (problems if start == 0 else []) + unread)


class AcrossChunks:
    """The checks a whole load makes across all articles, kept while chunks stream by.

    A doc_id seen in an earlier chunk is an error, or with ``errors="collect"`` the article
    is left out and reported (in the chunk's ``attrs["problems"]`` and a
    :class:`~toolkit.CorpusWarning`). ``is_duplicate`` and ``duplicate_of`` are set against
    every earlier article, not only those of the chunk, so they equal a whole load's.
    Memory grows with the corpus, not with the text: about 200 bytes per article (its
    doc_id and a 16-byte digest of its text).
    """

    def __init__(self, errors: Errors = "raise") -> None:
        self.errors = errors
        self.seen: set[str] = set()
        self.first: dict[bytes | None, str] = {}

    def __call__(
        self, frame: pd.DataFrame, source: str | Path, keys: list[Any] | None = None
    ) -> pd.DataFrame:
        """The chunk checked against the earlier ones, with the duplicate flags set
        (``keys``: the rows' :func:`~toolkit.corpus.text_keys`, if already computed, in
        which case ``frame`` needs no text)."""
        ids = frame.index.tolist()
        again = np.fromiter((i in self.seen for i in ids), dtype=bool, count=len(ids))
        frame = frame.copy()
        if again.any():
            repeated = frame.loc[again]
            files = (
                repeated["source_file"].astype(str).tolist()
                if "source_file" in frame.columns
                else [str(source)] * len(repeated)
            )
            rows: list[Any] = (
                repeated["source_row"].astype("Int64").tolist()
                if "source_row" in frame.columns
                else [None] * len(repeated)
            )
            problems = [
                problem(
                    file,
                    "duplicate doc_id: already used in an earlier chunk or input",
                    None if row is None or row is pd.NA else int(row),
                    i,
                )
                for i, file, row in zip(repeated.index.tolist(), files, rows, strict=True)
            ]
            message = (
                f"{source}: {len(problems)} duplicate doc_id(s) across chunks; fix them, or "
                "pass errors='collect' to leave them out and list them:\n"
                + format_problems(problems)
            )
            if self.errors == "raise":
                raise CorpusError(message, problem_frame(problems))
            frame = frame.loc[~again]
            ids = frame.index.tolist()
            if keys is not None:
                keys = [k for k, a in zip(keys, again.tolist(), strict=True) if not a]
            frame.attrs["problems"] = [*frame.attrs.get("problems", []), *problems]
            warnings.warn(
                f"{len(problems)} input article(s) were not loaded; see the chunk's "
                f"attrs['problems']:\n{format_problems(problems, limit=5)}",
                CorpusWarning,
                stacklevel=3,
            )
        self.seen.update(ids)
        duplicate = np.zeros(len(ids), dtype=bool)
        of: list[str | None] = [None] * len(ids)
        first = self.first
        if keys is None:
            keys = text_keys(frame["text"].tolist())
        for n, (i, key) in enumerate(zip(ids, keys, strict=True)):
            if key in first:
                duplicate[n] = True
                of[n] = first[key]
            else:
                first[key] = i
        frame["is_duplicate"] = duplicate
        frame["duplicate_of"] = pd.array(of, dtype="string")
        return frame


def iter_corpus(
    path: str | Path,
    *,
    chunk_size: int = CHUNK_SIZE,
    format: Format | None = None,
    columns: Mapping[str, str] | None = None,
    date_format: str | None = None,
    encoding: str = "utf-8",
    language: str | None = "en",
    id_prefix: str | None = None,
    errors: Errors = "raise",
    max_decompressed: int | None = None,
    clean: bool = True,
    _across: AcrossChunks | None = None,
) -> Iterator[pd.DataFrame]:
    """Yield a corpus in chunks of at most ``chunk_size`` articles.

    Parameters are those of :func:`toolkit.load_corpus`. doc_ids, columns and checks are
    the same as a whole load, and the same rows are read or reported (the readers of
    :mod:`toolkit.readers` serve both): duplicate doc_ids and exact duplicate texts are
    found across chunks by keeping a digest of what was seen (see :class:`AcrossChunks`).
    With ``errors="collect"`` each chunk's ``attrs["problems"]`` lists the rows it left out.
    With ``clean=True`` each outlet's boilerplate is learned from the first
    :data:`toolkit.clean.LEARN_FROM` articles of the stream (read ahead, then yielded) and
    removed from every chunk; the rules that need no learning apply everywhere.

    Raises
    ------
    CorpusError
        As :func:`toolkit.load_corpus`; also when the whole input yields no article.

    Examples
    --------
    >>> import toolkit
    >>> [len(c) for c in iter_corpus(toolkit.SHIPPED_CORPUS, chunk_size=10)]
    [1]
    """
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size={chunk_size!r} must be a whole number of articles >= 1")
    check_date_format(date_format)
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"{p}: no such file or folder")
    loader = ChunkLoader(
        p,
        format or format_of(p),
        chunk_size,
        dict(columns) if columns else None,
        date_format,
        encoding,
        language,
        id_prefix,
        errors,
        max_decompressed=max_decompressed,
    )
    across = _across if _across is not None else AcrossChunks(errors)
    loaded = 0
    reported: list[dict[str, Any]] = []
    chunks = loader.chunks()
    for chunk in _cleaned(chunks) if clean else chunks:
        chunk = across(chunk, p)
        reported.extend(chunk.attrs.get("problems", []))
        if len(chunk):
            loaded += len(chunk)
            yield chunk
    if not loaded:
        raise CorpusError(
            f"no article could be loaded from {p}"
            + (f":\n{format_problems(reported)}" if reported else ": it is empty"),
            problem_frame(reported),
        )


def _cleaned(chunks: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """The chunks with furniture removed, each outlet's boilerplate learned from the
    first :data:`~toolkit.clean.LEARN_FROM` articles (those chunks are held meanwhile)."""
    model, held = learn_from_start(chunks)
    for chunk in [*held, *chunks]:
        yield clean_corpus(chunk, boilerplate=model) if len(chunk) else chunk


@dataclass(frozen=True)
class ChunkLoader:
    """The load options of one input, to turn raw chunks or pieces into corpus chunks
    (picklable, so that dask workers can read pieces)."""

    path: Path
    fmt: Format
    chunk_size: int = CHUNK_SIZE
    columns: dict[str, str] | None = None
    date_format: str | None = None
    encoding: str = "utf-8"
    language: str | None = "en"
    id_prefix: str | None = None
    errors: Errors = "raise"
    parse: bool | Literal["auto"] = "auto"
    max_decompressed: int | None = None
    boilerplate: Boilerplate | None = None

    def chunks(self) -> Iterator[pd.DataFrame]:
        """Corpus chunks of the whole input, in order (each checked on its own)."""
        p, size = self.path, self.chunk_size
        if self.fmt in ("corpus", *ARCHIVE_FORMATS):
            # a metadata table, an archive's export: read whole (they are small), then cut
            whole = read_source(p, self.fmt, self.encoding, self.columns, self.max_decompressed)
            for start in range(0, max(len(whole.frame), 1), size):
                part = whole.frame.iloc[start : start + size]
                problems = whole.problems if start == 0 else []
                yield self.finish(Batch(part, problems, parsed=whole.parsed))
        elif self.fmt == "txt" and p.is_dir():
            for piece in plan_pieces(p, self.fmt, size) or [("txt", 0, 0)]:
                yield self.piece(piece)
        elif self.fmt == "txt":
            yield self.finish(read_source(p, self.fmt, self.encoding, None, self.max_decompressed))
        else:
            raws = raw_batches(
                p, self.fmt, self.encoding, self.columns, self.max_decompressed, block=size
            )
            for raw in raws:
                yield self.finish(self.table_batch(raw))

    def table_batch(self, raw: RawBatch) -> Batch:
        """Rows of a table or JSON Lines file in corpus names, from the file's name."""
        batch = table_batch(raw, self.path, self.fmt, self.columns)
        batch.frame["source_file"] = self.path.name
        return batch

    def finish(self, batch: Batch) -> pd.DataFrame:
        """The corpus checks and columns of :func:`toolkit.load_corpus` (a chunk may be
        empty when all of its rows were reported)."""
        p = self.path
        return finalise(
            [batch],
            date_format=self.date_format,
            language=self.language,
            parse=self.parse,
            id_prefix=self.id_prefix,
            default_prefixes=[self.id_prefix or (p.name.split(".")[0] if p.is_file() else p.name)],
            errors=self.errors,
            options={"loaded_from": [str(p)], "streamed": True, "chunk_size": self.chunk_size},
            allow_empty=True,
            clean=self.boilerplate if self.boilerplate is not None else False,
        )

    def piece(self, piece: tuple[Any, ...]) -> pd.DataFrame:
        """One piece of :func:`plan_pieces`, as a corpus chunk."""
        raw = read_piece(self.path, piece, self.chunk_size, self.encoding, self.columns)
        if piece[0] == "txt":
            return self.finish(Batch(raw.frame, raw.problems, parsed=True))
        return self.finish(self.table_batch(raw))
