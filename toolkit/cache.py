"""A disk cache for slow results, so re-running a notebook is instant.

Entries live under ``toolkit.config.cache_dir() / "results"``. A key digests everything
the result depends on: the articles (doc_id, text, title), the options (the *content* of
any file an option names, not its path), and the toolkit's own code and data files (so an
edited lexicon or a new release never reuses an old result). A stale entry is therefore
never found, rather than detected; :func:`clear_cache` removes everything.

Entries are stored in formats that cannot run code when read: a DataFrame as Parquet, a
document-term matrix as a NumPy ``.npz`` read with ``allow_pickle=False``, and beside each
a JSON description (the key, the kind of result, a SHA-256 digest of the data file, the
row ids). Nothing is ever unpickled. On reading, an entry whose description does not match
the key asked for, whose data does not match its digest, or whose rows are not the
articles asked for is a miss: it is recomputed and replaced, with one :class:`CacheWarning`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from toolkit.config import cache_dir

__all__ = ["ArrayCodec", "CacheWarning", "cache_key", "cached", "clear_cache", "results_dir"]

T = TypeVar("T")

#: Bumped when the layout of an entry changes; older entries are then misses.
_FORMAT = 2


class CacheWarning(UserWarning):
    """A cache entry could not be used (damaged, planted or for other rows): recomputed."""


def results_dir() -> Path:
    """The folder of cached results (inside the dataset cache folder)."""
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


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _with_file_contents(value: Any) -> Any:
    """``value`` with every string or path that names an existing file replaced by the
    file's path and the digest of its content, so that editing a user's lexicon or label
    set file changes the key."""
    if isinstance(value, Mapping):
        return {str(k): _with_file_contents(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_with_file_contents(v) for v in value]
    if isinstance(value, str | Path) and len(str(value)) < 4096:
        try:
            path = Path(value)
            if path.is_file():
                return {"file": str(value), "sha256": _file_digest(path)}
        except (OSError, ValueError):
            pass
    return value


def cache_key(
    corpus: pd.DataFrame,
    name: str,
    options: Mapping[str, Any],
    columns: Iterable[str] = ("text", "title"),
) -> str:
    """A key for a result of ``name`` computed on ``corpus`` with ``options``.

    An option that names a file is keyed on the file's content, not its path.

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
    resolved = _with_file_contents(dict(options))
    digest.update(json.dumps(resolved, sort_keys=True, default=repr).encode())
    digest.update(_code_digest().encode())
    present = [c for c in columns if c in corpus.columns]
    hashed = pd.util.hash_pandas_object(
        corpus[present].astype("string").fillna("\x00"), index=True, categorize=False
    )
    digest.update(hashed.to_numpy().tobytes())
    return digest.hexdigest()[:32]


# ------------------------------------------------------------------------ entries


def _write_frame(frame: pd.DataFrame, path: Path) -> dict[str, Any]:
    frame.to_parquet(path, index=True)
    return {
        "kind": "frame",
        "attrs": frame.attrs,
        "index_name": frame.index.name,
        "index_dtype": str(frame.index.dtype),
        "columns": [str(c) for c in frame.columns],
        "dtypes": [str(d) for d in frame.dtypes],
    }


def _read_frame(path: Path, meta: Mapping[str, Any]) -> pd.DataFrame:
    frame = pd.read_parquet(path)
    if [str(c) for c in frame.columns] != meta["columns"]:
        raise ValueError("columns differ from the description")
    # Parquet keeps values, not every pandas dtype variant (e.g. string's missing marker)
    for col, dtype in zip(frame.columns, meta["dtypes"], strict=True):
        if str(frame[col].dtype) != dtype:
            frame[col] = frame[col].astype(dtype)
    if str(frame.index.dtype) != meta["index_dtype"]:
        frame.index = frame.index.astype(meta["index_dtype"])
    frame.index.name = meta["index_name"]
    frame.attrs = dict(meta["attrs"])
    return frame


class ArrayCodec:
    """How a result that is not a DataFrame is stored: ``encode(result)`` gives named NumPy
    arrays (no object arrays) and a JSON-able description; ``decode(arrays, description)``
    rebuilds the result. :func:`toolkit.document_term_matrix` passes one."""

    def __init__(
        self,
        encode: Callable[[Any], tuple[dict[str, np.ndarray], dict[str, Any]]],
        decode: Callable[[Mapping[str, np.ndarray], Mapping[str, Any]], Any],
    ) -> None:
        self.encode = encode
        self.decode = decode


def _write_arrays(result: Any, path: Path, codec: ArrayCodec) -> dict[str, Any]:
    arrays, description = codec.encode(result)
    with path.open("wb") as fh:
        np.savez(fh, **arrays)  # type: ignore[arg-type]
    return {"kind": "npz", "description": description}


def _read_arrays(path: Path, meta: Mapping[str, Any], codec: ArrayCodec) -> Any:
    with np.load(path, allow_pickle=False) as stored:
        arrays = {name: stored[name] for name in stored.files}
    return codec.decode(arrays, meta["description"])


def _row_ids(result: Any) -> list[str] | None:
    if isinstance(result, pd.DataFrame):
        return [str(i) for i in result.index]
    doc_ids = getattr(result, "doc_ids", None)
    return None if doc_ids is None else [str(i) for i in doc_ids]


def _load(folder: Path, key: str, rows: list[str] | None, codec: ArrayCodec | None) -> Any:
    """The stored result for ``key``; raises (any exception) when the entry is unusable."""
    meta = json.loads((folder / f"{key}.json").read_text("utf-8"))
    if meta.get("format") != _FORMAT or meta.get("key") != key:
        raise ValueError("the description is for another key or layout")
    data = folder / f"{key}.{meta['kind']}"
    if _file_digest(data) != meta["sha256"]:
        raise ValueError("the data file does not match its digest")
    if meta["kind"] == "frame":
        result: Any = _read_frame(data, meta)
    elif meta["kind"] == "npz" and codec is not None:
        result = _read_arrays(data, meta, codec)
    else:
        raise ValueError(f"unknown kind {meta['kind']!r}")
    if rows is not None and _row_ids(result) != rows:
        raise ValueError("the rows are not the articles asked for")
    return result


def _store(folder: Path, key: str, result: Any, codec: ArrayCodec | None) -> None:
    """Write data, then its description (atomically each): an entry without a complete
    description is never read."""
    folder.mkdir(parents=True, exist_ok=True)
    kind = "frame" if codec is None else "npz"
    fd, tmp_name = tempfile.mkstemp(dir=folder, suffix=".part")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        meta = _write_frame(result, tmp) if codec is None else _write_arrays(result, tmp, codec)
        meta |= {"format": _FORMAT, "key": key, "sha256": _file_digest(tmp)}
        text = json.dumps(meta, sort_keys=True)
        os.replace(tmp, folder / f"{key}.{kind}")
        tmp.write_text(text, "utf-8")
        os.replace(tmp, folder / f"{key}.json")
    finally:
        tmp.unlink(missing_ok=True)


def cached(
    key: str,
    compute: Callable[[], T],
    *,
    rows: Iterable[Any] | None = None,
    codec: ArrayCodec | None = None,
) -> T:
    """Return the cached result for ``key``, computing and storing it when absent.

    A DataFrame result is stored as Parquet (``attrs`` kept); any other result needs a
    ``codec`` (:class:`ArrayCodec`) and is stored as ``.npz``; nothing is pickled.
    ``rows``: the doc_ids the result must have, in order; an entry for other rows is a
    miss.

    Examples
    --------
    >>> import os, tempfile, pandas as pd
    >>> os.environ["TOOLKIT_CACHE_DIR"] = tempfile.mkdtemp()
    >>> frame = pd.DataFrame({"x": [1.5]}, index=pd.Index(["d1"], name="doc_id"))
    >>> cached("k1", lambda: frame, rows=["d1"]).equals(frame)
    True
    >>> cached("k1", lambda: None, rows=["d1"]).loc["d1", "x"]   # read back, not computed
    np.float64(1.5)
    >>> del os.environ["TOOLKIT_CACHE_DIR"]
    """
    folder = results_dir()
    expected = None if rows is None else [str(r) for r in rows]
    if (folder / f"{key}.json").is_file():
        try:
            stored: T = _load(folder, key, expected, codec)
            return stored
        except Exception as err:  # damaged or planted: any failure is a miss
            warnings.warn(
                f"cache entry {key} in {folder} could not be used ({err}); recomputing it",
                CacheWarning,
                stacklevel=2,
            )
    result = compute()
    if codec is None and not isinstance(result, pd.DataFrame):
        raise TypeError(f"cached(): a {type(result).__name__} result needs a codec")
    _store(folder, key, result, codec)
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
    count = sum(1 for _ in folder.glob("*.json"))
    shutil.rmtree(folder)
    return count
