"""Dask support: the same features and term statistics on a dask DataFrame.

A dask corpus is partitioned by rows (articles); every per-article feature is computed with
the pandas code path on each partition (``map_partitions``), so results are identical to
pandas. Term frequencies are counted per partition and summed. Load one with
``toolkit.load_corpus(path, engine="dask")`` or ``toolkit.distributed.to_dask(corpus)``;
compute on a cluster by creating a ``distributed.Client`` first (see the README).
Requires the ``dask`` extra: ``pip install media-framing-toolkit[dask]``.
"""

from __future__ import annotations

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
