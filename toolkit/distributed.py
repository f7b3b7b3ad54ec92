"""Dask support: the same features and term statistics on a dask DataFrame.

A dask corpus is partitioned by rows (articles); every per-article feature is computed with
the pandas code path on each partition (``map_partitions``), so results are identical to
pandas. Term frequencies are counted per partition and summed. Load one with
``toolkit.load_corpus(path, engine="dask")`` or ``toolkit.distributed.to_dask(corpus)``;
compute on a cluster by creating a ``distributed.Client`` first (see the README).
Requires the ``dask`` extra: ``pip install media-framing-toolkit[dask]``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from toolkit.boilerplate import learn_from_start
from toolkit.chunks import AcrossChunks, ChunkLoader, plan_pieces
from toolkit.config import CHUNK_SIZE
from toolkit.corpus import text_keys
from toolkit.dispatch import is_dask
from toolkit.errors import CorpusError

__all__ = ["is_dask", "read_dask", "to_dask"]


def _dd() -> Any:
    try:
        import dask.dataframe as dd
    except ImportError as err:  # pragma: no cover - depends on the extra
        raise ImportError(
            "the dask engine needs the 'dask' extra: pip install 'media-framing-toolkit[dask]'"
        ) from err
    return dd


def to_dask(
    corpus: pd.DataFrame, *, npartitions: int | None = None, chunk_size: int = CHUNK_SIZE
) -> Any:
    """Partition a pandas corpus into a dask DataFrame (``chunk_size`` articles each).

    Examples
    --------
    >>> import toolkit
    >>> ddf = to_dask(toolkit.load_corpus(toolkit.SHIPPED_CORPUS))  # doctest: +SKIP
    """
    dd = _dd()
    n = npartitions or max(1, -(-len(corpus) // chunk_size))
    ddf = dd.from_pandas(corpus, npartitions=n, sort=False)
    return ddf


def read_dask(path: Path, fmt: str, *, chunk_size: int = CHUNK_SIZE, **options: Any) -> Any | None:
    """A lazy dask corpus: one partition per chunk of the file, read when computed.

    For an uncompressed JSON Lines file, a Parquet file or a folder of text files (others:
    None, and :func:`toolkit.load_corpus` reads them whole). A partition holds
    ``chunk_size`` lines or files, or whole Parquet row groups up to ``chunk_size`` rows
    (a larger row group is one partition), checked as :func:`toolkit.stream.iter_corpus`
    checks a chunk. The checks that need the whole corpus are made across partitions, as
    a whole load makes them: a first pass reads every partition and keeps only its
    doc_ids and a digest of each text; a doc_id used twice is then an error naming the
    rows, and ``is_duplicate``/``duplicate_of`` point to the first copy anywhere in the
    file. That pass runs when the corpus is first computed (also for ``head()``): it
    reads the file once more, at loading speed, a small part of the cost of
    ``features()``. Every partition must have the first one's columns; a partition that
    does not raises an error naming its rows.
    """
    import dask

    pieces = plan_pieces(path, fmt, chunk_size)  # type: ignore[arg-type]
    if pieces is None:
        return None
    dd = _dd()
    clean = options.pop("clean", True)
    loader = ChunkLoader(path, fmt, chunk_size, **options)  # type: ignore[arg-type]
    if clean:  # learn each outlet's boilerplate from the first pieces, as a stream does
        model, _ = learn_from_start(loader.piece(piece) for piece in pieces)
        loader = replace(loader, boilerplate=model)
    meta = loader.piece(pieces[0]).iloc[:0]
    keys = dd.from_map(_PartitionKeys(loader), pieces, meta=_KEYS_META)
    flags = dask.delayed(_duplicates_across, pure=True)(keys.to_delayed(), str(path))
    partitions = dd.from_map(_Partition(loader, meta), pieces, meta=meta)
    return partitions.map_partitions(_set_flags, flags, meta=meta)


_KEYS_META = pd.DataFrame(
    {
        "source_file": pd.Series(dtype="string"),
        "source_row": pd.Series(dtype="Int64"),
        "key": pd.Series(dtype="string"),
    },
    index=pd.Index([], dtype="string", name="doc_id"),
)


class _PartitionKeys:
    """Read one piece and keep what the checks across partitions need."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def __call__(self, piece: tuple[Any, ...]) -> pd.DataFrame:

        frame = self.loader.piece(piece)
        rows = frame["source_row"] if "source_row" in frame.columns else [None] * len(frame)
        # as text: dask stores object columns as Arrow strings
        keys = [k.hex() if k is not None else None for k in text_keys(frame["text"].tolist())]
        return pd.DataFrame(
            {
                "source_file": frame["source_file"].astype("string"),
                "source_row": pd.array(rows, dtype="Int64"),
                "key": pd.Series(keys, index=frame.index, dtype="string"),
            },
            index=frame.index,
        )


def _duplicates_across(parts: list[pd.DataFrame], source: str) -> dict[str, str]:
    """doc_id -> doc_id of the first article with the same text, for every duplicate in
    the file (partitions in order); a doc_id used twice raises the error a whole load
    raises."""

    across = AcrossChunks("raise")
    found: dict[str, str] = {}
    for part in parts:
        checked = across(part, source, keys=part["key"].tolist())
        dup = checked.loc[checked["is_duplicate"], "duplicate_of"]
        found.update(zip(dup.index.tolist(), dup.tolist(), strict=True))
    return found


def _set_flags(frame: pd.DataFrame, flags: dict[str, str]) -> pd.DataFrame:
    """``is_duplicate`` and ``duplicate_of`` from the pass across partitions."""
    frame = frame.copy()
    of = [flags.get(i) for i in frame.index.tolist()]
    frame["is_duplicate"] = np.asarray([o is not None for o in of], dtype=bool)
    frame["duplicate_of"] = pd.array(of, dtype="string")
    return frame


class _Partition:
    """Read one piece and give it the schema of the first (picklable for workers)."""

    def __init__(self, loader: Any, meta: pd.DataFrame) -> None:
        self.loader, self.meta = loader, meta

    def __call__(self, piece: tuple[Any, ...]) -> pd.DataFrame:

        frame = self.loader.piece(piece)
        if list(frame.columns) != list(self.meta.columns):
            extra = sorted(set(frame.columns) - set(self.meta.columns))
            missing = sorted(set(self.meta.columns) - set(frame.columns))
            kind, a, b = piece
            where = {
                "jsonl": f"line {b} on",
                "parquet": f"row groups {a + 1}-{b}",
                "txt": f"files {a + 1}-{b}",
            }[kind]
            raise CorpusError(
                f"{self.loader.path}, {where}: this partition has other columns than the "
                f"first (extra: {extra}, missing: {missing}); load it with engine='pandas' "
                "or give every record the same fields"
            )
        for col, dtype in self.meta.dtypes.items():
            if frame[col].dtype != dtype:
                frame[col] = frame[col].astype(dtype)
        return frame
