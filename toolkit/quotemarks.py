"""Quotation marks: where an article's direct quotes are.

The spans in quotation marks, straight or curly, of a text: a quote that runs over several
paragraphs (each reopening with a quotation mark, closed only at the end) is one span; a
quote whose closing mark is missing ends at the end of its paragraph, or before a closing
attribution such as ``, the spokesman said.`` Two apostrophes or two backquotes stand for a
double quotation mark, as some archives write. The text layer's: the dictionary counts,
sentiment by voice and the quote attribution of :mod:`toolkit.quotes` read these spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.memo import per_text
from toolkit.speakers import SPEECH_VERBS, VERB_CLASSES, is_speaker
from toolkit.wordlists import trie_pattern

__all__ = [
    "MARK_AT_END",
    "MARK_AT_START",
    "QUOTE_MARK",
    "SPEAKER_PATTERN",
    "SPEECH_VERB_PATTERN",
    "TAIL_ATTRIBUTION",
    "QuoteSpan",
    "clear_cache",
    "quote_spans",
]

# the verbs that introduce words (not a stance: "Moscow backs so-called "moderate" rebels");
# not "think" of "think tank"
SPEECH_VERB_PATTERN = (
    "(?:"
    + trie_pattern(
        [
            v
            for v, lemma in SPEECH_VERBS.items()
            if VERB_CLASSES[lemma] not in {"position", "evidential"}
        ]
    )
    + r")(?!\s+tanks?\b)"
)
SPEAKER_PATTERN = r"(?:[Tt]he\s+|[Aa]n?\s+)?(?:[A-Za-z][\w'.\-]*)(?:\s+(?:[A-Za-z][\w'.\-]*)){0,7}?"
TAIL_ATTRIBUTION = re.compile(
    rf",\s+(?P<speaker>{SPEAKER_PATTERN})\s+(?P<verb>{SPEECH_VERB_PATTERN})\b(?:\s+[\w'.\-]+){{0,5}}?\s*\.?\s*$"
)
_OPENING = "“„«"
_CLOSING = "”»"
_STRAIGHT = '"'
#: Two apostrophes (or two backquotes) stand for a double quotation mark in some archives'
#: text (``''We will win,'' he said``).
_DOUBLED = "''"
_BACKQUOTES = "``"
QUOTE_MARK = re.compile(f"{_DOUBLED}|{_BACKQUOTES}|[{_OPENING}{_CLOSING}{_STRAIGHT}]")
MARK_AT_START = re.compile(f"^(?:{_DOUBLED}|{_BACKQUOTES}|[{_OPENING}{_STRAIGHT}])")
MARK_AT_END = re.compile(f"(?:{_DOUBLED}|[{_CLOSING}{_STRAIGHT}])$")


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation-mark span: ``start`` at the opening mark, ``end`` after the closing one."""

    start: int
    end: int
    closed: bool


def _unclosed_end(text: str, start: int, limit: int) -> int:
    """End of a quote with no closing mark: before a tail attribution, else ``limit``."""
    segment = text[start:limit]
    m = TAIL_ATTRIBUTION.search(segment)
    if m and is_speaker(m.group("speaker")):
        return start + m.start()
    return start + len(segment.rstrip())


def quote_spans(text: str) -> list[QuoteSpan]:
    """Find the spans in quotation marks of one text.

    Parameters
    ----------
    text : str
        An article's text (paragraphs separated by blank lines).

    Returns
    -------
    list of QuoteSpan

    Examples
    --------
    >>> t = 'He said: “We will win.” Then: "It was a lie," she said.'
    >>> [t[q.start:q.end] for q in quote_spans(t)]
    ['“We will win.”', '"It was a lie,"']
    >>> t = "''No,'' he said."  # two apostrophes for a quotation mark, as some archives write
    >>> [t[q.start:q.end] for q in quote_spans(t)]
    ["''No,''"]
    >>> t = 'Troops liberated "over 100 villages, the spokesman said.\\n\\nNext paragraph.'
    >>> [(t[q.start:q.end], q.closed) for q in quote_spans(t)]
    [('"over 100 villages', False)]
    """
    return list(_quote_spans(text))


@per_text()
def _quote_spans(text: str) -> tuple[QuoteSpan, ...]:
    """The spans of a text, cached: the dictionary counts and the quotes read them both."""
    spans: list[QuoteSpan] = []
    breaks = [m.start() for m in re.finditer(r"\n\s*\n", text)] + [len(text)]
    next_starts = {m.start(): m.end() for m in re.finditer(r"\n\s*\n\s*", text)}
    open_at: int | None = None
    para_end = len(text)  # end of the paragraph the open quote has reached
    for mark in QUOTE_MARK.finditer(text):
        i, ch = mark.start(), mark.group(0)
        if ch == _DOUBLED:
            ch = _STRAIGHT
        elif ch == _BACKQUOTES:
            ch = _OPENING[0]
        if open_at is not None and i > para_end:  # the quote ran past its paragraph
            if next_starts.get(para_end) == i and (ch in _OPENING or ch == _STRAIGHT):
                # the next paragraph reopens it: one quote over several paragraphs
                para_end = next(b for b in breaks if b > i)
                continue
            spans.append(QuoteSpan(open_at, _unclosed_end(text, open_at, para_end), False))
            open_at = None
        if open_at is None:
            if ch in _CLOSING:
                continue  # a stray closing mark
            if (
                ch == _STRAIGHT
                and i > 0
                and text[i - 1].isalnum()
                and (i + 1 >= len(text) or not text[i + 1].isalnum())
            ):
                continue  # inch mark or a closing mark without an opening one
            open_at = i
            para_end = next(b for b in breaks if b > i)
        elif ch in _CLOSING or ch == _STRAIGHT:
            spans.append(QuoteSpan(open_at, mark.end(), True))
            open_at = None
    if open_at is not None:
        spans.append(QuoteSpan(open_at, _unclosed_end(text, open_at, para_end), False))
    return tuple(spans)


def clear_cache() -> None:
    """Forget the cached spans (tests that time or count a first computation use it)."""
    _quote_spans.cache_clear()
