"""Per-text caches: bounded by bytes, results read-only, results the same as uncached."""

from __future__ import annotations

import numpy as np
import pytest

from toolkit._match import prepare
from toolkit.config import TEXT_CACHE_BYTES
from toolkit.memo import TextCache, size_of
from toolkit.text import sentence_spans


def test_cache_stays_within_its_budget_and_forgets_the_oldest():
    cache = TextCache(prepare.__wrapped__, max_bytes=20_000)
    texts = [f"Article {i}: rebels shelled the town of Idlib again. " * 20 for i in range(50)]
    for text in texts:
        cache(text)
        assert cache.cache_bytes() <= 20_000
    assert 0 < len(cache) < 50
    # the most recent text is kept, the first forgotten
    assert texts[-1] in cache._entries and texts[0] not in cache._entries
    cache.cache_clear()
    assert len(cache) == 0 and cache.cache_bytes() == 0


def test_results_are_read_only_and_equal_to_uncached():
    text = 'Rebels shelled the town. "We will stay," he said.'
    lowered, spans, starts, tokens = prepare(text)
    assert (lowered, spans, starts.tolist(), tokens) == (
        lambda r: (r[0], r[1], r[2].tolist(), r[3])
    )(prepare.__wrapped__(text))
    with pytest.raises(ValueError, match="read-only"):
        starts[0] = 1
    assert isinstance(spans, tuple) and isinstance(tokens, tuple)
    assert prepare(text) is prepare(text)  # one object handed out, from the cache


def test_size_estimate_counts_text_and_arrays():
    assert size_of("x" * 1000) >= 1000
    assert size_of(np.zeros(100, dtype=np.int64)) >= 800
    assert size_of(("a" * 100, np.zeros(10))) >= 180
    assert TEXT_CACHE_BYTES >= 1 << 20
    assert sentence_spans("One. Two.") == [(0, 4), (5, 9)]
