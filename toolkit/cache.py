"""A disk cache for slow results, so re-running a notebook is instant.

Entries live under ``toolkit.datasets.cache_dir() / "results"``. A key digests everything
the result depends on: the articles (doc_id, text, title), the options, and the toolkit's
own code and data files (so an edited lexicon or a new release never reuses an old result).
A stale entry is therefore never found, rather than detected; :func:`clear_cache` removes
everything.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["cache_key", "cached", "clear_cache", "results_dir"]


def results_dir() -> Path:
    """The folder of cached results (inside the dataset cache folder)."""
    from toolkit.datasets import cache_dir

    return cache_dir() / "results"


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """Digest of the toolkit's source and data files: any change invalidates the cache."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(
    corpus: pd.DataFrame,
    name: str,
    options: Mapping[str, Any],
    columns: Iterable[str] = ("text", "title"),
) -> str:
    """A key for a result of ``name`` computed on ``corpus`` with ``options``.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"text": ["a"]}, index=pd.Index(["d1"], name="doc_id"))
    >>> cache_key(c, "features", {"n": 1}) == cache_key(c.copy(), "features", {"n": 1})
    True
    >>> cache_key(c, "features", {"n": 1}) == cache_key(c, "features", {"n": 2})
    False
    """
    digest = hashlib.sha256()
    digest.update(name.encode())
    digest.update(json.dumps(options, sort_keys=True, default=repr).encode())
    digest.update(_code_digest().encode())
    present = [c for c in columns if c in corpus.columns]
    hashed = pd.util.hash_pandas_object(
        corpus[present].astype("string").fillna("\x00"), index=True, categorize=False
    )
    digest.update(hashed.to_numpy().tobytes())
    return digest.hexdigest()[:32]


def cached(key: str, compute: Callable[[], Any]) -> Any:
    """Return the cached result for ``key``, computing and storing it when absent.

    Results are pickled (DataFrames keep their dtypes and ``attrs``); write is atomic.
    """
    folder = results_dir()
    path = folder / f"{key}.pkl"
    if path.is_file():
        try:
            with path.open("rb") as fh:
                return pickle.load(fh)
        except Exception:  # a damaged entry: recompute it
            path.unlink(missing_ok=True)
    result = compute()
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
    os.close(fd)
    try:
        with open(tmp, "wb") as fh:
            pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return result


def clear_cache() -> int:
    """Delete every cached result; return how many entries were removed.

    Examples
    --------
    >>> isinstance(clear_cache(), int)
    True
    """
    folder = results_dir()
    if not folder.is_dir():
        return 0
    count = sum(1 for _ in folder.glob("*.pkl"))
    shutil.rmtree(folder)
    return count
