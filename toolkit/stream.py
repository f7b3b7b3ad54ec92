"""Streaming: corpora larger than memory, read and featurised chunk by chunk.

:func:`iter_corpus` yields corpus chunks (the same schema and checks as
:func:`toolkit.load_corpus`, doc_ids identical to a whole-file load) from CSV/TSV, JSON
Lines, Parquet, folders of text files and corpus folders. :func:`write_features` writes
``toolkit.features()`` of every chunk to one Parquet file; memory is bounded by the chunk
size. The output is written to ``OUT.partial`` and renamed only when complete, so an
interrupted run never leaves a file that looks finished (``toolkit features IN -o OUT``).
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from toolkit.corpus import (
    _COMPRESSIONS,
    CorpusError,
    CorpusWarning,
    Errors,
    Format,
    _Batch,
    _finalise,
    _format_of,
    _format_problems,
    _jsonl_object,
    _problem,
    _problem_frame,
    _read,
    _read_text_file,
    _rename,
    _require_text,
    _table_dtypes,
    _text_files,
    text_keys,
)

__all__ = ["iter_corpus", "write_features"]


def _table_chunks(
    path: Path, fmt: Format, chunk_size: int, encoding: str, columns: Mapping[str, str] | None
) -> Iterator[pd.DataFrame]:
    if fmt in ("csv", "tsv"):
        reader = pd.read_csv(
            path,
            sep="," if fmt == "csv" else "\t",
            chunksize=chunk_size,
            dtype=_table_dtypes(columns),
            encoding=encoding,
        )
        try:
            yield from reader
        except UnicodeDecodeError as err:
            raise CorpusError(
                f"{path}: not valid {encoding} ({err.reason} at byte {err.start} "
                "of a block); pass encoding=..."
            ) from None
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(path).iter_batches(batch_size=chunk_size):
            yield batch.to_pandas()
    elif fmt == "jsonl":
        with open(path, encoding=encoding) as fh:
            yield from _jsonl_chunks(path, enumerate(fh, start=1), chunk_size)
    else:
        raise CorpusError(f"{path}: format {fmt!r} cannot be streamed")


def _jsonl_record(path: Path, lineno: int, line: str) -> dict[str, Any] | None:
    """One JSON Lines record with its line number; None for a blank line."""
    obj = _jsonl_object(line)
    if isinstance(obj, str):
        raise CorpusError(f"{path}, line {lineno}: {obj}")
    return None if obj is None else obj | {"source_row": lineno}


def _jsonl_chunks(
    path: Path, lines: Iterable[tuple[int, str]], chunk_size: int
) -> Iterator[pd.DataFrame]:
    rows: list[dict[str, Any]] = []
    for lineno, line in lines:
        record = _jsonl_record(path, lineno, line)
        if record is None:
            continue
        rows.append(record)
        if len(rows) == chunk_size:
            yield pd.DataFrame.from_records(rows)
            rows = []
    if rows:
        yield pd.DataFrame.from_records(rows)


# ---------------------------------------------------------------------------- pieces
# A piece is one chunk that can be read on its own (for lazy dask partitions): its rows
# are the same as the chunk iter_corpus yields at that place.


def plan_pieces(path: Path, fmt: Format, chunk_size: int) -> list[tuple[Any, ...]] | None:
    """Where each chunk of an uncompressed JSON Lines file, a Parquet file or a folder of
    text files starts; None for other inputs (read them whole)."""
    if fmt == "jsonl" and path.suffix.lower() not in _COMPRESSIONS:
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
        files = _text_files(path)
        return [("txt", start, start + chunk_size) for start in range(0, len(files), chunk_size)]
    return None


def _decode(path: Path, lineno: int, raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as err:
        raise CorpusError(
            f"{path}, line {lineno}: not valid {encoding} ({err.reason} at byte {err.start} "
            "of the line); pass encoding=..."
        ) from None


def read_piece(path: Path, piece: tuple[Any, ...], chunk_size: int, encoding: str) -> pd.DataFrame:
    """The raw rows of one piece (before the corpus checks): for JSON Lines ``(byte offset,
    first line number)``, for Parquet ``(first row group, row group after the last)``, for
    text folders ``(first file, file after the last)``."""
    kind, start, stop = piece
    if kind == "jsonl":
        with open(path, "rb") as fh:
            fh.seek(start)
            lines = ((n, _decode(path, n, raw, encoding)) for n, raw in enumerate(fh, start=stop))
            return next(_jsonl_chunks(path, lines, chunk_size), pd.DataFrame())
    if kind == "parquet":
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        before = sum(pf.metadata.row_group(g).num_rows for g in range(start))
        frame = pf.read_row_groups(list(range(start, stop))).to_pandas()
        frame["source_row"] = np.arange(before + 1, before + len(frame) + 1)
        return frame
    files = _text_files(path)
    records = []
    for file in files[start:stop]:
        rel = file.relative_to(path).as_posix()
        records.append(
            {
                "doc_id": rel[: -len(file.suffix)],
                "source_file": rel,
                "text": _read_text_file(file, encoding),
            }
        )
    return pd.DataFrame.from_records(records)


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
                _problem(
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
                + _format_problems(problems)
            )
            if self.errors == "raise":
                raise CorpusError(message, _problem_frame(problems))
            frame = frame.loc[~again]
            ids = frame.index.tolist()
            if keys is not None:
                keys = [k for k, a in zip(keys, again.tolist(), strict=True) if not a]
            frame.attrs["problems"] = [*frame.attrs.get("problems", []), *problems]
            warnings.warn(
                f"{len(problems)} input article(s) were not loaded; see the chunk's "
                f"attrs['problems']:\n{_format_problems(problems, limit=5)}",
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
    chunk_size: int = 2000,
    format: Format | None = None,
    columns: Mapping[str, str] | None = None,
    date_format: str | None = None,
    encoding: str = "utf-8",
    language: str | None = "en",
    id_prefix: str | None = None,
    errors: Errors = "raise",
    _across: AcrossChunks | None = None,
) -> Iterator[pd.DataFrame]:
    """Yield a corpus in chunks of at most ``chunk_size`` articles.

    Parameters are those of :func:`toolkit.load_corpus`. doc_ids, columns and checks are
    the same as a whole load: duplicate doc_ids and exact duplicate texts are found across
    chunks by keeping a digest of what was seen (see :class:`AcrossChunks`).

    Examples
    --------
    >>> import toolkit
    >>> [len(c) for c in iter_corpus(toolkit.SHIPPED_CORPUS, chunk_size=10)]
    [1]
    """
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"{p}: no such file or folder")
    loader = ChunkLoader(
        p,
        format or _format_of(p),
        chunk_size,
        dict(columns) if columns else None,
        date_format,
        encoding,
        language,
        id_prefix,
        errors,
    )
    across = _across if _across is not None else AcrossChunks(errors)

    def checked(frame: pd.DataFrame) -> pd.DataFrame:
        return across(frame, p)

    fmt = loader.fmt
    if fmt == "corpus":  # the metadata table is small; read it whole, texts per chunk
        whole = _read(p, fmt, encoding, columns)
        for start in range(0, max(len(whole.frame), 1), chunk_size):
            part = whole.frame.iloc[start : start + chunk_size]
            problems = whole.problems if start == 0 else []
            yield checked(loader.finish(_Batch(part, problems, parsed=True)))
        return
    if fmt == "txt" and p.is_dir():
        for piece in plan_pieces(p, fmt, chunk_size) or []:
            yield checked(loader.piece(piece))
        return
    if fmt == "txt":
        record = {"doc_id": p.stem, "source_file": p.name, "text": _read_text_file(p, encoding)}
        yield checked(loader.finish(_Batch(pd.DataFrame([record]), parsed=True)))
        return
    offset = 0
    for chunk in _table_chunks(p, fmt, chunk_size, encoding, columns):
        yield checked(loader.finish(loader.table_batch(chunk, offset)))
        offset += len(chunk)


@dataclass(frozen=True)
class ChunkLoader:
    """The load options of one input, to turn raw chunks or pieces into corpus chunks
    (picklable, so that dask workers can read pieces)."""

    path: Path
    fmt: Format
    chunk_size: int = 2000
    columns: dict[str, str] | None = None
    date_format: str | None = None
    encoding: str = "utf-8"
    language: str | None = "en"
    id_prefix: str | None = None
    errors: Errors = "raise"
    parse: bool | Literal["auto"] = "auto"

    def table_batch(self, chunk: pd.DataFrame, offset: int) -> _Batch:
        """Rows of a table or JSON Lines file, the first at data row ``offset + 1``."""
        chunk = _rename(chunk, self.columns, self.path)
        _require_text(chunk, self.path)
        if "source_row" not in chunk.columns:
            chunk["source_row"] = np.arange(offset + 1, offset + len(chunk) + 1)
        chunk["source_file"] = self.path.name
        return _Batch(chunk.reset_index(drop=True))

    def finish(self, batch: _Batch) -> pd.DataFrame:
        """The corpus checks and columns of :func:`toolkit.load_corpus`."""
        p = self.path
        return _finalise(
            [batch],
            date_format=self.date_format,
            language=self.language,
            parse=self.parse,
            id_prefix=self.id_prefix,
            default_prefixes=[self.id_prefix or (p.name.split(".")[0] if p.is_file() else p.name)],
            errors=self.errors,
            options={"loaded_from": [str(p)], "streamed": True, "chunk_size": self.chunk_size},
        )

    def piece(self, piece: tuple[Any, ...]) -> pd.DataFrame:
        """One piece of :func:`plan_pieces`, as a corpus chunk."""
        raw = read_piece(self.path, piece, self.chunk_size, self.encoding)
        if piece[0] == "txt":
            return self.finish(_Batch(raw, parsed=True))
        return self.finish(self.table_batch(raw, 0))


def _count_articles(inputs: Sequence[str | Path]) -> int | None:
    """About how many articles the inputs hold, for the progress bar's total and time
    left (lines of uncompressed JSON Lines, rows of Parquet, files of text folders);
    None when one of them cannot be counted cheaply (CSV, compressed files, datasets)."""
    total = 0
    for source in inputs:
        p = Path(source)
        if not p.exists():
            return None
        try:
            fmt = _format_of(p)
        except CorpusError:
            return None
        if fmt == "parquet":
            import pyarrow.parquet as pq

            total += pq.ParquetFile(p).metadata.num_rows
        elif fmt == "jsonl" and p.suffix.lower() not in _COMPRESSIONS:
            with open(p, "rb") as fh:
                total += sum(block.count(b"\n") for block in iter(lambda: fh.read(1 << 22), b""))
        elif fmt == "txt" and p.is_dir():
            total += len(_text_files(p))
        else:
            return None
    return total


def _source_chunks(
    source: str | Path, chunk_size: int, load_options: Mapping[str, Any], across: AcrossChunks
) -> Iterator[pd.DataFrame]:
    """Chunks of one input: a dataset by name (``"fakes"``, or a path to FA-KES's file),
    read whole with its own loader and cut, or any other path, streamed. ``across`` is
    shared by all inputs, so doc_ids and duplicates are checked across them too."""
    from toolkit.datasets import FAKES_FILE, open_corpus

    if str(source) == "fakes" or Path(source).name == FAKES_FILE:
        corpus = open_corpus(source)
        for start in range(0, len(corpus), chunk_size):
            yield across(corpus.iloc[start : start + chunk_size], source)
        return
    yield from iter_corpus(source, chunk_size=chunk_size, _across=across, **load_options)


def _feature_tables(
    chunks: Iterable[pd.DataFrame], chosen: list[str], n_jobs: int
) -> Iterator[pd.DataFrame]:
    """``features()`` of each chunk, in order (doc_id as a column). With several workers,
    one process pool serves the whole stream, each chunk computed by one worker, with at
    most two chunks per worker read ahead (memory stays bounded)."""
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    from toolkit._parallel import _Call, n_workers, warm_engines
    from toolkit.features import features

    workers = n_workers(n_jobs)
    if workers == 1:
        for chunk in chunks:
            yield features(chunk, families=chosen).reset_index()
        return
    warm_engines()
    compute = _Call(features, {"families": chosen})
    pending: deque[Future[pd.DataFrame]] = deque()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for chunk in chunks:
            pending.append(pool.submit(compute, chunk))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result().reset_index()
        while pending:
            yield pending.popleft().result().reset_index()


def write_features(
    paths: Sequence[str | Path] | str | Path,
    out: str | Path,
    *,
    chunk_size: int = 2000,
    families: Iterable[str] | None = None,
    n_jobs: int = 1,
    progress: bool = True,
    **load_options: Any,
) -> Path:
    """Compute ``toolkit.features()`` chunk by chunk and write them to one Parquet file.

    Parameters
    ----------
    paths : path or sequence of paths
        Inputs, as for :func:`iter_corpus`, or ``"fakes"`` (FA-KES, read whole: it is
        small, and its own loader names the outlets).
    out : str or Path
        The Parquet file to write. It is written as ``<out>.partial`` and renamed when
        complete; on an error the partial file is removed.
    chunk_size : int, default 2000
        Articles per chunk: memory grows with it, not with the corpus.
    families : iterable of str, optional
        Feature families (default: all).
    n_jobs : int, default 1
        Processes (-1: one per core); each computes whole chunks, in one pool for the
        whole stream. The output is the same.
    progress : bool, default True
        Show a progress bar (articles).
    **load_options
        Passed to :func:`iter_corpus` (``columns``, ``date_format``, ``encoding``, ...).

    Returns
    -------
    pathlib.Path
        ``out``: index ``doc_id``, one row per article, the feature columns.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq
    from tqdm.auto import tqdm

    from toolkit._version import __version__
    from toolkit.features import FEATURE_FAMILIES

    target = Path(out)
    partial = target.with_name(target.name + ".partial")
    inputs = [paths] if isinstance(paths, str | Path) else list(paths)
    chosen = list(FEATURE_FAMILIES if families is None else families)
    writer = None
    schema = None
    try:
        total = _count_articles(inputs) if progress else None
        across = AcrossChunks(load_options.get("errors", "raise"))
        chunks = (
            chunk
            for source in inputs
            for chunk in _source_chunks(source, chunk_size, load_options, across)
        )
        with tqdm(desc="articles", unit="art", total=total, disable=not progress) as bar:
            for table in _feature_tables(chunks, chosen, n_jobs):
                if schema is None:
                    arrow = pa.Table.from_pandas(table, preserve_index=False)
                    meta = dict(arrow.schema.metadata or {})
                    meta[b"toolkit_provenance"] = json.dumps(
                        {
                            "toolkit_version": __version__,
                            "families": chosen,
                            "inputs": [str(i) for i in inputs],
                        }
                    ).encode()
                    schema = arrow.schema.with_metadata(meta)
                    writer = pq.ParquetWriter(partial, schema)
                else:
                    arrow = pa.Table.from_pandas(table, schema=schema, preserve_index=False)
                assert writer is not None
                writer.write_table(arrow)
                bar.update(len(table))
        if writer is None:
            raise CorpusError(f"no articles in {', '.join(map(str, inputs))}")
        writer.close()
        writer = None
        os.replace(partial, target)
    except BaseException:
        if writer is not None:
            writer.close()
        partial.unlink(missing_ok=True)
        raise
    return target
