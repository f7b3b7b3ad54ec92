"""Process pools over chunks of articles, shared by every ``n_jobs`` option."""

from __future__ import annotations

import gc
import itertools
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

import numpy as np


def n_workers(n_jobs: int) -> int:
    """Processes to use for ``n_jobs`` (-1: one per CPU core); a ValueError for 0."""
    if n_jobs == 0 or not isinstance(n_jobs, int):
        raise ValueError(
            f"n_jobs={n_jobs!r} is not valid; use 1 (one process), a number of "
            "processes, or -1 for one per CPU core"
        )
    cores = os.cpu_count() or 1
    return cores if n_jobs < 0 else min(n_jobs, cores)


#: Articles computed together: memory grows with this, not with the corpus.
CHUNK_SIZE = 2000


def chunk_slices(n: int, workers: int, max_size: int = CHUNK_SIZE) -> list[slice]:
    """Non-empty, contiguous slices of ``range(n)``: about four per worker, and more so
    that none holds over ``max_size`` items."""
    parts = max(4 * workers, -(-n // max_size))
    bounds = np.linspace(0, n, min(n, parts) + 1).astype(int)
    return [slice(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def warm_engines() -> None:
    """Load the sentiment and tagging engines (their lexicons) in this process, so that
    worker processes forked from it start with them instead of loading them again."""
    from toolkit._pattern import pattern_engine
    from toolkit._vader import vader_engine

    pattern_engine()
    vader_engine()


def process_map(func: Callable[[Any], Any], args: Sequence[Any], workers: int) -> list[Any]:
    """``[func(a) for a in args]`` in ``workers`` processes, results in order."""
    warm_engines()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(func, args))


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
