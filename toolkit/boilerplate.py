"""Learning an outlet's recurring lines (mastheads, footers, credit lines) from its own
articles: segments that recur across a share of them are boilerplate."""

from __future__ import annotations

import hashlib
import re
import string
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from toolkit.cleanrules import (
    LEARN_FROM,
    MIN_ARTICLES,
    MIN_SHARE,
    SAMPLE_PER_OUTLET,
)

__all__ = [
    "ABBREVIATIONS",
    "KEY_TABLE",
    "LAST_WORD",
    "SEGMENT_END",
    "Boilerplate",
    "add_segment",
    "learn_boilerplate",
    "learn_from_start",
    "segment_key",
    "text_segments",
]

# ---------------------------------------------------------------------------- learning


#: Where a segment ends: after ``.``, ``!`` or ``?`` (and closing quotes or brackets)
#: followed by space and a capital, digit or quote, except after an initial or a common
#: title abbreviation; and at every line break. Coarser than :func:`toolkit.text.
#: sentence_spans` and many times faster: a segment only has to be the same unit in every
#: article for learning, and short enough for the furniture rules.
SEGMENT_END = re.compile(r"[.!?]+[\"”’)\]]*(?=\s+[A-Z0-9\"“‘(])|\n")
#: Words after which a period does not end a segment (an initial is one letter).
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st no gen col lt sgt gov rep sen jan feb aug sep sept oct nov dec".split()
)
LAST_WORD = re.compile(r"([A-Za-z]+)$")


def text_segments(text: str) -> list[tuple[int, int]]:
    """Sentence-like segments, and within them lines: the units of furniture."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in SEGMENT_END.finditer(text):
        if m.group() == "\n":
            add_segment(text, pos, m.start(), out)
            pos = m.end()
            continue
        if text[m.start()] == ".":
            before = LAST_WORD.search(text, max(pos, m.start() - 6), m.start())
            word = before.group(1) if before else ""
            if (len(word) == 1 and word.isupper()) or word.lower() in ABBREVIATIONS:
                continue  # an initial or a title: the sentence goes on
        add_segment(text, pos, m.end(), out)
        pos = m.end()
    add_segment(text, pos, len(text), out)
    return out


def add_segment(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


#: Lower-cased segments are keyed with digits as 0 and punctuation as space.
KEY_TABLE = str.maketrans(
    {**{d: "0" for d in "0123456789"}, **{p: " " for p in string.punctuation + "“”‘’—–…«»·"}}
)


def segment_key(segment: str) -> bytes:
    """A segment's identity for learning: case, digits, punctuation and spacing aside."""
    norm = " ".join(segment.lower().translate(KEY_TABLE).split())
    return hashlib.blake2b(norm.encode("utf-8", "surrogatepass"), digest_size=12).digest()


@dataclass
class Boilerplate:
    """What :func:`learn_boilerplate` found: per outlet, the keys of recurring segments
    and how many of its sampled articles each occurs in."""

    recurring: dict[Any, dict[bytes, int]] = field(default_factory=dict)
    n_articles: dict[Any, int] = field(default_factory=dict)

    def is_recurring(self, outlet: Any, key: bytes) -> bool:
        return key in self.recurring.get(outlet, {})


def learn_boilerplate(
    texts: Iterable[Any],
    outlets: Iterable[Any],
    *,
    min_share: float = MIN_SHARE,
    min_articles: int = MIN_ARTICLES,
    sample: int = SAMPLE_PER_OUTLET,
) -> Boilerplate:
    """Learn each outlet's recurring segments from (a sample of) its articles.

    Parameters
    ----------
    texts, outlets : iterables
        Article texts and their outlets, in the same order (missing outlets are one group).
    min_share, min_articles : float, int
        A segment recurs when it is in at least ``min_share`` of the outlet's sampled
        articles and in at least ``min_articles`` of them.
    sample : int
        Articles read per outlet (the first ones): memory and time stay bounded.

    Returns
    -------
    Boilerplate

    Examples
    --------
    >>> towns = ["Homs", "Hama", "Idlib", "Deraa"]
    >>> texts = [f"Rebels took {town}. Source TRTWorld and agencies." for town in towns]
    >>> model = learn_boilerplate(texts, ["TRT"] * 4)
    >>> len(model.recurring["TRT"]), model.n_articles["TRT"]
    (1, 4)
    """
    seen: dict[Any, Counter[bytes]] = defaultdict(Counter)
    counts: Counter[Any] = Counter()
    for text, outlet in zip(texts, outlets, strict=True):
        group = None if outlet is None or pd.isna(outlet) else outlet
        if counts[group] >= sample or not isinstance(text, str):
            continue
        counts[group] += 1
        seen[group].update({segment_key(text[a:b]) for a, b in text_segments(text)})
    model = Boilerplate(n_articles=dict(counts))
    for group, keys in seen.items():
        floor = max(min_articles, min_share * counts[group])
        model.recurring[group] = {k: n for k, n in keys.items() if n >= floor}
    return model


def learn_from_start(
    frames: Iterator[pd.DataFrame], *, by: str = "outlet", limit: int = LEARN_FROM
) -> tuple[Boilerplate, list[pd.DataFrame]]:
    """Learn boilerplate from the first ``limit`` articles of a stream of corpus chunks.

    Reads chunks from ``frames`` until ``limit`` articles have been seen and returns the
    model with the chunks it read; the caller goes on with the same iterator. A stream
    (:func:`toolkit.stream.iter_corpus`) and a lazy dask corpus learn this way.

    Examples
    --------
    >>> import pandas as pd
    >>> chunks = iter([pd.DataFrame({"text": ["A b. Source TRTWorld and agencies."] * 3,
    ...                              "outlet": "TRT"})] * 4)
    >>> model, held = learn_from_start(chunks, limit=5)
    >>> len(held), model.n_articles["TRT"], len(list(chunks))
    (2, 6, 2)
    """
    held: list[pd.DataFrame] = []
    n = 0
    for frame in frames:
        held.append(frame)
        n += len(frame)
        if n >= limit:
            break
    texts = [t for f in held for t in f["text"].tolist()]
    groups = [g for f in held for g in (f[by].tolist() if by in f else [None] * len(f))]
    return learn_boilerplate(texts, groups), held
