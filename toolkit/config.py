"""Settings every layer reads: where the toolkit keeps files, how many articles go
together. Base layer: it imports no other toolkit module."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["CHUNK_SIZE", "TEXT_CACHE_BYTES", "cache_dir"]

#: Articles computed together (a chunk for ``n_jobs`` workers, streaming and dask
#: partitions): memory grows with this, not with the corpus.
CHUNK_SIZE = 2000

#: The most bytes each per-text cache holds (:mod:`toolkit.memo`): a text's sentence
#: spans, its quote spans, and its lower-cased text with token offsets are each
#: remembered for the articles used most recently, within this budget (three caches: at
#: most three times this).
TEXT_CACHE_BYTES = 64 << 20


def cache_dir() -> Path:
    """Return the per-user folder where downloaded datasets are kept.

    ``$TOOLKIT_CACHE_DIR`` when set, else the platform's user cache folder
    (``~/.cache/media-framing-toolkit`` on Linux, ``~/Library/Caches/...`` on macOS).

    Examples
    --------
    >>> isinstance(cache_dir(), Path)
    True
    """
    env = os.environ.get("TOOLKIT_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("media-framing-toolkit", appauthor=False))
