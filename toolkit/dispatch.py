"""One dispatch for every per-article measure: ``n_jobs`` processes or dask partitions.

A measure computes each article on its own; :func:`by_chunks` runs it on contiguous chunks
of a pandas corpus in ``n_jobs`` processes (-1: one per CPU core) or on each partition of a
dask corpus (``map_partitions`` with ``meta`` from the first articles), and the results,
put together in order, equal one call. Measures know nothing of pools or dask beyond this
module: each is decorated with :func:`per_article`. The processes are joblib's loky
workers (:func:`process_imap`), which streaming (``toolkit features IN -o OUT``) uses too.
Base layer: it imports only :mod:`toolkit.config`.
"""

from __future__ import annotations

import functools
import gc
import inspect
import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, Literal

import numpy as np
import pandas as pd
from joblib import Parallel, delayed

from toolkit.config import CHUNK_SIZE


def n_workers(n_jobs: int) -> int:
    """Processes to use for ``n_jobs`` (-1: one per CPU core); a ValueError for anything
    but a positive whole number or -1."""
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or (n_jobs < 1 and n_jobs != -1):
        raise ValueError(
            f"n_jobs={n_jobs!r} is not valid; use 1 (one process), a number of "
            "processes, or -1 for one per CPU core"
        )
    cores = os.cpu_count() or 1
    return cores if n_jobs < 0 else min(n_jobs, cores)


def chunk_slices(n: int, workers: int, max_size: int = CHUNK_SIZE) -> list[slice]:
    """Non-empty, contiguous slices of ``range(n)``: about four per worker, and more so
    that none holds over ``max_size`` items."""
    parts = max(4 * workers, -(-n // max_size))
    bounds = np.linspace(0, n, min(n, parts) + 1).astype(int)
    return [slice(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def is_dask(obj: Any) -> bool:
    """Whether ``obj`` is a dask DataFrame (without importing dask)."""
    return type(obj).__module__.startswith("dask")


def map_articles(func: Any, ddf: Any, *args: Any, **options: Any) -> Any:
    """``func(partition, *args, **options)`` on each partition of a dask corpus: a lazy dask
    DataFrame whose columns and dtypes are those ``func`` gives on the first articles."""
    sample = ddf.head(2, npartitions=-1)
    meta = func(sample, *args, **options).iloc[:0]
    return ddf.map_partitions(func, *args, **options, meta=meta)


def process_imap(func: Callable[[Any], Any], args: Iterable[Any], workers: int) -> Iterator[Any]:
    """``func(a)`` for each ``a`` of ``args``, computed in ``workers`` processes and yielded
    in order, lazily: at most two arguments per worker are read ahead, so that a stream of
    chunks never sits in memory whole. The processes are joblib's loky workers, started
    once and reused by later calls (each loads the lexicons it needs on first use)."""
    parallel = Parallel(
        n_jobs=workers, backend="loky", return_as="generator", pre_dispatch="2*n_jobs"
    )
    return iter(parallel(delayed(func)(a) for a in args))


def process_map(func: Callable[[Any], Any], args: Sequence[Any], workers: int) -> list[Any]:
    """``[func(a) for a in args]`` in ``workers`` processes (:func:`process_imap`)."""
    return list(process_imap(func, args, workers))


#: The one description of ``n_jobs``, shared by every measure's docstring
#: (:func:`shares_n_jobs_doc` puts it where a docstring says ``{n_jobs}``).
N_JOBS_DOC = (
    "Processes: the articles are cut into contiguous chunks computed in parallel (-1:\n"
    "        one per CPU core); the result is identical to ``n_jobs=1``. A dask corpus is\n"
    "        computed partition by partition (:func:`toolkit.dispatch.by_chunks`)."
)


def shares_n_jobs_doc(func: Callable[..., Any]) -> Callable[..., Any]:
    """Put :data:`N_JOBS_DOC` where ``func``'s docstring says ``{n_jobs}``."""
    if func.__doc__:
        func.__doc__ = func.__doc__.replace("{n_jobs}", N_JOBS_DOC)
    return func


class ArticleCall:
    """``func(chunk, *args, **options)``, picklable for a worker process (``func`` is a
    module-level function, sent by name)."""

    def __init__(
        self,
        func: Callable[..., pd.DataFrame],
        options: dict[str, Any],
        args: tuple[Any, ...] = (),
    ) -> None:
        self.func = func
        self.args = args
        self.options = options

    def __call__(self, chunk: pd.DataFrame) -> pd.DataFrame:
        return self.func(chunk, *self.args, **self.options)


Rows = Literal["article", "mention"]


def by_chunks(
    func: Callable[..., pd.DataFrame],
    corpus: Any,
    n_jobs: int,
    rows: Rows,
    *args: Any,
    **options: Any,
) -> Any:
    """``func(corpus, *args, **options)`` computed on chunks of articles, for ``n_jobs`` and
    dask.

    ``func`` must compute every article on its own (as every per-article measure of the
    toolkit does), so that its results on chunks, concatenated in order, equal one call:
    a table with a row per article (``rows="article"``) keeps its doc_id index, a table
    with a row per mention (``rows="mention"``) is numbered 0..n-1 afresh, as one call
    numbers it. A pandas corpus is cut into contiguous chunks computed in ``n_jobs``
    processes (-1: one per core; :func:`process_map`); a dask corpus gives a lazy dask
    DataFrame computed partition by partition (each partition's mention rows numbered
    from 0). Measures do not call it themselves: :func:`per_article` does.
    """
    if is_dask(corpus):
        return map_articles(func, corpus, *args, **options)
    workers = n_workers(n_jobs)
    if workers == 1 or len(corpus) < 2:
        return func(corpus, *args, **options)
    chunks = [corpus.iloc[part] for part in chunk_slices(len(corpus), workers)]
    parts = process_map(ArticleCall(func, options, args), chunks, workers)
    return concat_chunks(parts, rows)


def per_article(
    rows: Rows | Callable[[Mapping[str, Any]], Rows],
    *,
    serial: Callable[[Mapping[str, Any]], bool] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator of a measure computed article by article: the one place ``n_jobs`` and
    dask are applied (:func:`by_chunks`), and its docstring's ``{n_jobs}`` filled in.

    The measure takes the corpus first and ``n_jobs`` as a keyword; its body computes
    one process's articles and sees ``n_jobs=1``. ``rows`` says whether the result has
    a row per article or per mention (or, given the call's arguments by name, which).
    ``serial``, given the call's arguments by name, says when a call is not cut into
    chunks (e.g. when a precomputed table is passed); the body then gets the caller's
    ``n_jobs``.

    Examples
    --------
    >>> @per_article("article")
    ... def n_chars(corpus, *, n_jobs=1):
    ...     return corpus["text"].str.len().to_frame("n_chars")
    >>> corpus = pd.DataFrame({"text": ["ab", "abc", "a"]},
    ...                       index=pd.Index(["d1", "d2", "d3"], name="doc_id"))
    >>> n_chars(corpus, n_jobs=2)["n_chars"].tolist()
    [2, 3, 1]
    """

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        signature = inspect.signature(func)

        @functools.wraps(func)
        def measure(corpus: Any, *args: Any, n_jobs: int = 1, **options: Any) -> Any:
            workers = n_workers(n_jobs)
            named: Mapping[str, Any] = {}
            if callable(rows) or serial is not None:
                bound = signature.bind(corpus, *args, **options)
                bound.apply_defaults()
                named = bound.arguments
            if serial is not None and serial(named):
                return func(corpus, *args, n_jobs=n_jobs, **options)
            if workers > 1 or is_dask(corpus):
                kind = rows(named) if callable(rows) else rows
                return by_chunks(measure, corpus, n_jobs, kind, *args, **options)
            return func(corpus, *args, **options)

        return shares_n_jobs_doc(measure)

    return decorate


def concat_chunks(parts: list[pd.DataFrame], rows: Literal["article", "mention"]) -> pd.DataFrame:
    """The results of one function on consecutive chunks of a corpus, as one call gives them
    (see :func:`by_chunks`): in order, attrs of the first chunk."""
    # chunks without rows are left out: their columns are empty object columns, which
    # some pandas versions let turn integers into objects; if all are empty, the first
    kept = [p for p in parts if len(p)] or parts[:1]
    result = pd.concat(kept, ignore_index=rows == "mention")
    # a column whose values a chunk left all missing is an object column there (strings
    # elsewhere): infer its dtype from all values, as one call's constructor does
    mixed = [
        c
        for c in result.columns
        if result[c].dtype == object and any(p[c].dtype != object for p in kept)
    ]
    if mixed:
        result[mixed] = result[mixed].infer_objects()
    if rows == "article":
        result.index.name = parts[0].index.name
    result.attrs = dict(parts[0].attrs)
    return result


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a burst of allocation.

    A chunk of articles allocates millions of short-lived strings and lists; with the
    per-text caches alive, each automatic collection walks them all (about a tenth of
    features()' time on FA-KES). Nothing computed here forms reference cycles that need
    collecting before the chunk ends; the collector is restored as it was.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
