"""Per-text caches bounded by bytes, for what several measures compute from one article
(its sentence spans, quote spans, lower-cased text and token offsets).

A cache keeps the results of the texts used most recently until their estimated size
(the text and the result: strings by length, arrays by ``nbytes``, sequences by their
items) passes its budget, :data:`toolkit.config.TEXT_CACHE_BYTES`, then forgets the
least recently used. The arrays it hands out are read-only, so that no caller can change
what another will read. Base layer: it imports only :mod:`toolkit.config`.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import numpy as np

from toolkit.config import TEXT_CACHE_BYTES

__all__ = ["TextCache", "per_text", "size_of"]

R = TypeVar("R")


def size_of(value: Any) -> int:
    """An estimate of the bytes ``value`` holds: strings by their length, arrays by
    ``nbytes``, tuples and lists by their items (a small overhead each)."""
    if isinstance(value, str):
        return sys.getsizeof(value)
    if isinstance(value, np.ndarray):
        return int(value.nbytes) + 112
    if isinstance(value, tuple | list):
        return 56 + 8 * len(value) + sum(size_of(v) for v in value)
    return sys.getsizeof(value)


def _read_only(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        value.flags.writeable = False
    elif isinstance(value, tuple):
        for item in value:
            _read_only(item)
    return value


class TextCache(Generic[R]):
    """``func(text)``, remembered per text within a byte budget (see the module)."""

    def __init__(self, func: Callable[[str], R], max_bytes: int) -> None:
        self.func = func
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, tuple[R, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.__doc__ = func.__doc__
        self.__name__ = getattr(func, "__name__", "cached")
        self.__wrapped__ = func

    def __call__(self, text: str) -> R:
        with self._lock:
            hit = self._entries.get(text)
            if hit is not None:
                self._entries.move_to_end(text)
                return hit[0]
        result = _read_only(self.func(text))
        size = size_of(text) + size_of(result)
        with self._lock:
            if text not in self._entries and size <= self.max_bytes:
                self._entries[text] = (result, size)
                self._bytes += size
                while self._bytes > self.max_bytes:
                    _, (_, dropped) = self._entries.popitem(last=False)
                    self._bytes -= dropped
        return result

    def cache_clear(self) -> None:
        """Forget every result."""
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def cache_bytes(self) -> int:
        """The estimated bytes held now (never more than the budget)."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)


def per_text(max_bytes: int = TEXT_CACHE_BYTES) -> Callable[[Callable[[str], R]], TextCache[R]]:
    """Decorator: cache a function of one text within ``max_bytes``.

    Examples
    --------
    >>> @per_text(max_bytes=1_000)
    ... def shout(text):
    ...     return text.upper()
    >>> shout("rebels"), len(shout), shout.cache_bytes() <= 1_000
    ('REBELS', 1, True)
    >>> _ = [shout(str(i) * 50) for i in range(100)]  # older entries are forgotten
    >>> len(shout) < 100 and shout.cache_bytes() <= 1_000
    True
    """

    def wrap(func: Callable[[str], R]) -> TextCache[R]:
        return TextCache(func, max_bytes)

    return wrap
