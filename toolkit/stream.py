"""Streaming features: ``toolkit.features()`` of every chunk of a corpus larger than memory,
written to one Parquet file (``toolkit features IN -o OUT``); memory is bounded by the chunk
size. The output is written to ``OUT.partial`` and renamed only when complete, so an
interrupted run never leaves a file that looks finished. The chunks come from
:func:`toolkit.chunks.iter_corpus`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit._version import __version__
from toolkit.chunks import AcrossChunks, iter_corpus
from toolkit.config import CHUNK_SIZE
from toolkit.datasets import FAKES_FILE, open_corpus
from toolkit.dispatch import ArticleCall, n_workers, process_imap
from toolkit.errors import CorpusError
from toolkit.features import FEATURE_FAMILIES, features
from toolkit.files import text_files
from toolkit.schema import COMPRESSIONS
from toolkit.sources import format_of

__all__ = ["iter_corpus", "write_features"]


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
            fmt = format_of(p)
        except CorpusError:
            return None
        if fmt == "parquet":
            import pyarrow.parquet as pq

            total += pq.ParquetFile(p).metadata.num_rows
        elif fmt == "jsonl" and p.suffix.lower() not in COMPRESSIONS:
            with open(p, "rb") as fh:
                total += sum(block.count(b"\n") for block in iter(lambda: fh.read(1 << 22), b""))
        elif fmt == "txt" and p.is_dir():
            total += len(text_files(p)[0])
        else:
            return None
    return total


def _source_chunks(
    source: str | Path, chunk_size: int, load_options: Mapping[str, Any], across: AcrossChunks
) -> Iterator[pd.DataFrame]:
    """Chunks of one input: a dataset by name (``"fakes"``, or a path to FA-KES's file),
    read whole with its own loader and cut, or any other path, streamed. ``across`` is
    shared by all inputs, so doc_ids and duplicates are checked across them too."""
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
    the dispatch's processes serve the whole stream (:func:`toolkit.dispatch.process_imap`),
    each chunk computed by one worker, with at most two chunks per worker read ahead
    (memory stays bounded)."""
    workers = n_workers(n_jobs)
    if workers == 1:
        for chunk in chunks:
            yield features(chunk, families=chosen).reset_index()
        return
    compute = ArticleCall(features, {"families": chosen})
    for table in process_imap(compute, chunks, workers):
        yield table.reset_index()


def write_features(
    paths: Sequence[str | Path] | str | Path,
    out: str | Path,
    *,
    chunk_size: int = CHUNK_SIZE,
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
