"""Dask support: the same features and term statistics on a dask DataFrame.

A dask corpus is partitioned by rows (articles); every per-article feature is computed with
the pandas code path on each partition (``map_partitions``), so results are identical to
pandas. Term frequencies are counted per partition and summed. Load one with
``toolkit.load_corpus(path, engine="dask")`` or ``toolkit.distributed.to_dask(corpus)``;
compute on a cluster by creating a ``distributed.Client`` first (see the README).
Requires the ``dask`` extra: ``pip install media-framing-toolkit[dask]``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["is_dask", "to_dask"]


def is_dask(obj: Any) -> bool:
    """Whether ``obj`` is a dask DataFrame (without importing dask)."""
    return type(obj).__module__.startswith("dask")


def _dd() -> Any:
    try:
        import dask.dataframe as dd
    except ImportError as err:  # pragma: no cover - depends on the extra
        raise ImportError(
            "the dask engine needs the 'dask' extra: pip install 'media-framing-toolkit[dask]'"
        ) from err
    return dd


def to_dask(corpus: pd.DataFrame, *, npartitions: int | None = None, chunk_size: int = 2000) -> Any:
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


def read_dask(path: Path, fmt: str, *, chunk_size: int = 2000, **options: Any) -> Any | None:
    """A lazy dask corpus: one partition per chunk of the file, read when computed.

    For an uncompressed JSON Lines file, a Parquet file or a folder of text files (others:
    None, and :func:`toolkit.load_corpus` reads them whole). A partition holds
    ``chunk_size`` lines or files, or whole Parquet row groups up to ``chunk_size`` rows
    (a larger row group is one partition), checked as :func:`toolkit.stream.iter_corpus`
    checks a chunk; the checks that need the whole corpus are per partition here:
    duplicate doc_ids and duplicate texts are found within a partition only. Every
    partition must have the first one's columns; a partition that does not raises an error
    naming its rows.
    """
    from toolkit.stream import ChunkLoader, plan_pieces

    pieces = plan_pieces(path, fmt, chunk_size)  # type: ignore[arg-type]
    if pieces is None:
        return None
    dd = _dd()
    loader = ChunkLoader(path, fmt, chunk_size, **options)  # type: ignore[arg-type]
    meta = loader.piece(pieces[0]).iloc[:0]
    return dd.from_map(_Partition(loader, meta), pieces, meta=meta)


class _Partition:
    """Read one piece and give it the schema of the first (picklable for workers)."""

    def __init__(self, loader: Any, meta: pd.DataFrame) -> None:
        self.loader, self.meta = loader, meta

    def __call__(self, piece: tuple[Any, ...]) -> pd.DataFrame:
        from toolkit.corpus import CorpusError

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


def features_dask(ddf: Any, **options: Any) -> Any:
    """``toolkit.features`` on each partition; a lazy dask DataFrame with the same columns."""
    from toolkit.features import features

    sample = ddf.head(2, npartitions=-1)
    meta = features(sample, **options).iloc[:0]
    return ddf.map_partitions(features, **options, meta=meta)


def term_frequencies_dask(ddf: Any, *, by: str | None, **options: Any) -> pd.DataFrame:
    """Term frequencies counted per partition and summed; the same table as pandas."""
    import numpy as np

    from toolkit.terms import term_frequencies
    from toolkit.text import tokens

    phrases = options.get("phrases")

    def counts(part: pd.DataFrame) -> pd.DataFrame:
        table = term_frequencies(part, by=by, **options)
        return table[["group", "term", "count", "doc_freq"]]

    def totals(part: pd.DataFrame) -> pd.DataFrame:
        labels = part[by].astype(object) if by else pd.Series("all", index=part.index)
        n = tokens(part, phrases=phrases).map(len)
        return pd.DataFrame({"group": labels.to_numpy(), "n_tokens": n.to_numpy(), "n_docs": 1})

    meta_counts = pd.DataFrame(
        {
            "group": pd.Series(dtype=object),
            "term": pd.Series(dtype=object),
            "count": pd.Series(dtype=np.int64),
            "doc_freq": pd.Series(dtype=np.int64),
        }
    )
    meta_totals = pd.DataFrame(
        {
            "group": pd.Series(dtype=object),
            "n_tokens": pd.Series(dtype=np.int64),
            "n_docs": pd.Series(dtype=np.int64),
        }
    )
    summed = (
        ddf.map_partitions(counts, meta=meta_counts)
        .compute()
        .groupby(["group", "term"], sort=False)[["count", "doc_freq"]]
        .sum()
        .reset_index()
    )
    group_totals = (
        ddf.map_partitions(totals, meta=meta_totals)
        .compute()
        .dropna(subset=["group"])
        .groupby("group")[["n_tokens", "n_docs"]]
        .sum()
    )
    n_tokens = summed["group"].map(group_totals["n_tokens"]).clip(lower=1)
    n_docs = summed["group"].map(group_totals["n_docs"]).clip(lower=1)
    summed["rate_per_1k"] = 1000.0 * summed["count"] / n_tokens
    summed["doc_share"] = summed["doc_freq"] / n_docs
    table = summed[["group", "term", "count", "rate_per_1k", "doc_freq", "doc_share"]]
    return table.sort_values(
        ["group", "count", "term"], ascending=[True, False, True], kind="stable"
    ).reset_index(drop=True)
