"""Quotes and sources: who speaks in an article, how, and how much.

A rule-based attribution in the spirit of the quote-attribution sieve of Muzny et al. (2017)
and of clause-based source analysis (van Atteveldt et al. 2017), reduced to patterns that
hold in English news (METHODS.md section 7):

* **direct** quotes are spans in quotation marks, straight or curly. A quote that runs over
  several paragraphs (each reopening with a quotation mark, closed only at the end) is one
  quote. A quote whose closing mark is missing ends at the end of its paragraph, or before
  a closing attribution such as ``, the spokesman said.``
* the **speaker** of a direct quote is found right after it (``," Konashenkov said``,
  ``," said the governor``) or right before it (``He told reporters: "...``).
* **indirect** speech is a sentence that opens with a speaker and a speech verb
  ("Bashar Assad said the goal was ...") or closes with one ("..., the spokesman told
  journalists on Tuesday.").
* **according_to** is "According to X, ..." or "..., according to X."
* a pronoun (he, she, they) or a role ("the spokesman", "the defense ministry's spokesman")
  is resolved to the last named speaker when that is unambiguous: for a pronoun, when the
  previous attributed quote had a named speaker (or only one named speaker has appeared);
  for a role, when a named speaker was introduced with that role word.

It is an approximation of human coding: validate it on your data (``toolkit.validate``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from toolkit._parallel import by_chunks
from toolkit.distributed import is_dask
from toolkit.speakers import (
    ANONYMOUS_SOURCES,
    DEFAULT_SOURCE_TYPES,
    PRONOUNS,
    ROLE_WORDS,
    SPEECH_VERBS,
    STANCES,
    VERB_CLASSES,
    is_speaker,
    resolve_speakers,
    source_type,
)
from toolkit.text import sentence_spans

__all__ = [
    "ANONYMOUS_SOURCES",
    "DEFAULT_SOURCE_TYPES",
    "QUOTE_COLUMNS",
    "SPEECH_VERBS",
    "STANCES",
    "VERB_CLASSES",
    "quote_features",
    "quote_spans",
    "quotes",
]

QUOTE_COLUMNS = [
    "doc_id",
    "quote",
    "start",
    "end",
    "speaker",
    "speaker_resolved",
    "verb",
    "verb_lemma",
    "verb_class",
    "kind",
    "source_type",
]


# (not "think" of "think tank")
_VERB_ALT = (
    "(?:"
    + "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
    + r"|went on to say)(?!\s+tanks?\b)"
)
_SPK = r"(?:[Tt]he\s+|[Aa]n?\s+)?(?:[A-Za-z][\w'.\-]*)(?:\s+(?:[A-Za-z][\w'.\-]*)){0,7}?"
_AFTER_1 = re.compile(rf"^\s*,?\s*(?P<speaker>{_SPK})\s+(?P<verb>{_VERB_ALT})\b")
_STOP = r"(?:in|on|at|to|told|from|during|after|before|when|while|with|and|adding|who|as)\b"
_AFTER_2 = re.compile(
    rf"^\s*,?\s*(?P<verb>{_VERB_ALT})\s+(?P<speaker>(?:[Tt]he\s+|[Aa]n?\s+)?[A-Za-z][\w'.\-]*"
    rf"(?:\s+(?!{_STOP})[A-Za-z][\w'.\-]*){{0,7}})(?=[\s,.;:]|$)"
)
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+(?=[\"“A-Z])")
_BEFORE = re.compile(
    rf"^\s*(?:[^\"“”,]{{0,60}},\s*)?(?P<speaker>{_SPK})\s+(?P<verb>{_VERB_ALT})\b(?:\s+[\w'.\-]+){{0,4}}?"
    r"\s*[:,]?\s*$"
)
_TAIL_ATTRIBUTION = re.compile(
    rf",\s+(?P<speaker>{_SPK})\s+(?P<verb>{_VERB_ALT})\b(?:\s+[\w'.\-]+){{0,5}}?\s*\.?\s*$"
)
_OPENING = "“„«"
_CLOSING = "”»"
_STRAIGHT = '"'
#: Two apostrophes (or two backquotes) stand for a double quotation mark in some archives'
#: text (``''We will win,'' he said``).
_DOUBLED = "''"
_BACKQUOTES = "``"
_QUOTE_MARK = re.compile(f"{_DOUBLED}|{_BACKQUOTES}|[{_OPENING}{_CLOSING}{_STRAIGHT}]")
_MARK_AT_START = re.compile(f"^(?:{_DOUBLED}|{_BACKQUOTES}|[{_OPENING}{_STRAIGHT}])")
_MARK_AT_END = re.compile(f"(?:{_DOUBLED}|[{_CLOSING}{_STRAIGHT}])$")


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation-mark span: ``start`` at the opening mark, ``end`` after the closing one."""

    start: int
    end: int
    closed: bool


def _unclosed_end(text: str, start: int, limit: int) -> int:
    """End of a quote with no closing mark: before a tail attribution, else ``limit``."""
    segment = text[start:limit]
    m = _TAIL_ATTRIBUTION.search(segment)
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


@lru_cache(maxsize=4096)
def _quote_spans(text: str) -> tuple[QuoteSpan, ...]:
    """The spans of a text, cached: the dictionary counts and the quotes read them both."""
    spans: list[QuoteSpan] = []
    breaks = [m.start() for m in re.finditer(r"\n\s*\n", text)] + [len(text)]
    next_starts = {m.start(): m.end() for m in re.finditer(r"\n\s*\n\s*", text)}
    open_at: int | None = None
    para_end = len(text)  # end of the paragraph the open quote has reached
    for mark in _QUOTE_MARK.finditer(text):
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


@dataclass
class _Found:
    start: int
    end: int
    quote: str
    speaker: str | None
    verb: str | None
    kind: str


def _direct(text: str, spans: Sequence[QuoteSpan]) -> list[_Found]:
    found = []
    for span in spans:
        inner = _MARK_AT_START.sub("", text[span.start : span.end])
        inner = (_MARK_AT_END.sub("", inner) if span.closed else inner).strip()
        para_end = text.find("\n\n", span.end)
        after = text[span.end : para_end if para_end >= 0 else len(text)][:160]
        para_start = text.rfind("\n\n", 0, span.start)
        before = text[max(para_start + 2 if para_start >= 0 else 0, span.start - 160) : span.start]
        ends = [m.end() for m in _SENTENCE_END.finditer(before)]
        before = before[ends[-1] :] if ends else before
        speaker = verb = None
        # a quote that ends its sentence ('..."We will not give up." The minister insisted
        # that ...') is attributed by the next sentence only when that sentence is the
        # attribution alone ('"...." Lavrov said.') or goes on in lower case ('"Why?" he
        # asked')
        ends_sentence = inner.rstrip("”\"'’ ")[-1:] in {".", "!", "?"}
        goes_on = after.lstrip()[:1].islower() or after.lstrip()[:1] in {",", ""}
        for pattern, where in ((_AFTER_1, after), (_AFTER_2, after), (_BEFORE, before)):
            m = pattern.match(where)
            if m and where is after and ends_sentence and not goes_on:
                rest = re.split(r"[.!?]", where[m.end() :], maxsplit=1)[0].strip()
                if rest and not (
                    _ATTRIBUTION_TAIL.match(rest) and len(rest.split()) <= _ATTRIBUTION_TAIL_WORDS
                ):
                    continue  # the next sentence says something of its own
            if m and is_speaker(m.group("speaker")):
                speaker, verb = m.group("speaker").strip().rstrip(".,"), m.group("verb")
                break
        if speaker is None and not span.closed:
            m = _TAIL_ATTRIBUTION.search(
                text[span.start : (para_end if para_end >= 0 else len(text))]
            )
            if m and is_speaker(m.group("speaker")):
                speaker, verb = m.group("speaker").strip(), m.group("verb")
        found.append(_Found(span.start, span.end, inner, speaker, verb, "direct"))
    _continue_speakers(text, found)
    for f in found:
        # a short quoted phrase with no speaker and no cue is no speech: a scare quote, a
        # title, a term held at a distance ("so-called “moderate” rebels")
        if f.speaker is None and f.verb is None and len(f.quote.split()) <= SCARE_QUOTE_WORDS:
            f.kind = "scare"
    return found


#: Most words of a scare quote (a quoted phrase without speaker or cue).
SCARE_QUOTE_WORDS = 4


#: Most words after the verb of an attribution that is a sentence of its own ('"...."
#: Lavrov said in a statement on Tuesday.').
_ATTRIBUTION_TAIL_WORDS = 6
#: How such a tail may begin: a time, a place, a medium, an audience.
_ATTRIBUTION_TAIL = re.compile(
    r"(?:in|on|at|to|during|after|before|late|early|earlier|later|yesterday|today|tonight|"
    r"last|this|told|adding|via|from|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)\b"
)

#: Most characters between a quote and the attributed quote it continues.
_CONTINUATION_GAP = 300


def _continue_speakers(text: str, found: list[_Found]) -> None:
    """A direct quote with no speaker of its own continues the quote before it when only
    that quote's attribution, or a paragraph break, stands between them (``"...," X said.
    "Next sentence..."``): it takes that quote's speaker."""
    previous: _Found | None = None
    for f in sorted(found, key=lambda q: q.start):
        if f.speaker is None and previous is not None and previous.speaker is not None:
            between = text[previous.end : f.start]
            if len(between) <= _CONTINUATION_GAP and _QUOTE_MARK.search(between) is None:
                rest = _SENTENCE_END.split(between.strip())
                # nothing but the attribution's own sentence (and a paragraph break)
                if len([r for r in rest if r.strip()]) <= 1:
                    f.speaker, f.verb = previous.speaker, previous.verb
        previous = f


_ACCORDING_START = re.compile(
    r"^According to (?P<speaker>[^,]{2,80}),\s*(?P<content>.+)$", re.DOTALL
)
_ACCORDING_END = re.compile(
    # the comma is often missing (archives that strip punctuation)
    r"^(?P<content>.+?),?\s+according to (?P<speaker>[^,]{2,80}?)\.?$",
    re.DOTALL,
)
#: The content of reported speech is a clause or an object, not an adverbial ("continued
#: in the east", "said in a statement on Friday").
_NOT_ADVERBIAL = (
    r"(?!(?:in|on|at|for|with|from|by|into|after|before|during|until|as|over|through|"
    r"later|again|earlier|today|yesterday|tonight|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)\b)"
)
_INDIRECT_START = re.compile(
    rf"^(?P<speaker>{_SPK})\s+(?:has\s+|had\s+|have\s+)?"
    rf"(?:repeatedly\s+|also\s+|earlier\s+)?(?P<verb>{_VERB_ALT})\b"
    r"(?:\s+(?:journalists|reporters|the media|media))?\s+(?:that\s+)?"
    rf"{_NOT_ADVERBIAL}(?P<content>.+)$",
    re.DOTALL,
)
_INDIRECT_END = re.compile(
    rf"^(?P<content>.+),\s+(?P<speaker>{_SPK})\s+(?P<verb>{_VERB_ALT})"
    r"\b(?:\s+[\w'.\-]+){0,5}\s*\.?$",
    re.DOTALL,
)


#: A speaker anywhere in a sentence, right before its reporting verb: a pronoun, a run of
#: capitalised words ("Sen. Elizabeth Warren"), or a determiner and a role ("the
#: spokesman", "her campaign manager").
_SPEAKER_NP = (
    r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I"
    r"|(?:[A-Z][\w'’.\-]*\s+(?:(?:al|de|bin|van|von|da)[\s\-])?){0,4}[A-Z][\w'’.\-]*"
    r"|(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:[\w'’\-]+\s+){0,3}?(?:"
    + "|".join(sorted(ROLE_WORDS, key=len, reverse=True))
    + r"))"
)
_AUXILIARY = (
    r"(?:(?:has|had|have|is|was|are|were|will|would|also|repeatedly|earlier|later|previously|"
    r"again|then|reportedly|publicly|privately|often|once|recently|still|already|even|now)\s+)*"
)
_INDIRECT_ANY = re.compile(
    rf"(?<![\w'’\-])(?P<speaker>{_SPEAKER_NP})"
    # an apposition, an age or a relative clause between the speaker and the verb ("Jeff
    # Sessions, a prominent Trump supporter, said", "Mr. Regalado, 69, said")
    r"(?:,\s+(?:\d{1,3}|(?:an?|the|who|which|whose|one|his|her|its|their)\b[^;:\"“”]{1,140}?),)?"
    rf"\s+{_AUXILIARY}(?P<verb>{_VERB_ALT}|telling|"
    r"declaring|saying|arguing|claiming|insisting|warning|suggesting|predicting)\b"
    r"(?:\s+(?:reporters|journalists|the media|media|supporters|voters|the crowd|"
    r"an audience|audiences|him|her|them|us|me))?"
    # a time or a place before "that" ("said on Wednesday that", "told CNN that")
    r"(?:\s+(?:on|in|at|last|this|late|early)\s+[\w'’\-]+(?:\s+[\w'’\-]+)?(?=\s+that\b))?"
    r",?\s+(?:that\s+)?"
    rf"{_NOT_ADVERBIAL}(?P<content>[^,;:].+)$",
    re.DOTALL,
)


#: The white-space tokens one of which an indirect-speech pattern needs: its verb stands
#: between white space ("went" begins "went on to say"), or ends the sentence before a
#: period.
_VERB_TOKENS = (
    frozenset(v.split()[0] for v in SPEECH_VERBS)
    | {f"{v}." for v in SPEECH_VERBS if " " not in v}
    | {"went"}
)


#: Capitalised words that open a sentence's run of capitals but name no speaker ("On
#: Tuesday Konashenkov said", "February Konashenkov said").
_LEADING_NON_SPEAKER = re.compile(
    r"^(?:(?:On|In|At|But|And|Meanwhile|However|Also|Later|Earlier|Then|Since|After|Before|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
    r"May|June|July|August|September|October|November|December|Last|This|Next)\s+)+"
)


_AFTER_PREPOSITION = re.compile(
    r"(?<![\w'’\-])(?:in|of|at|from|to|near|for|with|by|on|into|across|over|about|against)\s+$",
    re.IGNORECASE,
)


def _content(offset: int, sentence: str, m: re.Match[str]) -> tuple[int, int, str]:
    """The content group of a match: its offsets in the text, without the white space and
    closing punctuation around it, and its text."""
    a, b = m.span("content")
    piece = sentence[a:b]
    left = len(piece) - len(piece.lstrip())
    core = piece.strip().rstrip(".!?;:,")
    return offset + a + left, offset + a + left + len(core), core


def _overlaps_quote(start: int, end: int, quoted: Sequence[tuple[int, int]]) -> float:
    """The share of ``start:end`` inside quotation marks."""
    inside = sum(max(0, min(end, b) - max(start, a)) for a, b in quoted)
    return inside / max(end - start, 1)


def _reported(text: str, spans: Sequence[QuoteSpan]) -> list[_Found]:
    found = []
    quoted = [(s.start, s.end) for s in spans]
    for s, e in sentence_spans(text):
        # a sentence that is mostly a direct quote is the direct quote's; reported speech
        # with a short quoted phrase in it ("said the South has “treated me so well.”") is
        # reported speech
        if _overlaps_quote(s, e, quoted) > 0.5:
            continue
        sentence = text[s:e]
        # cheap necessary conditions first: most sentences report no speech
        m = (
            _ACCORDING_START.match(sentence) if sentence.startswith("According to ") else None
        ) or (_ACCORDING_END.match(sentence) if "according to " in sentence else None)
        if m:
            a, b, content = _content(s, sentence, m)
            found.append(_Found(a, b, content, m.group("speaker").strip(), None, "according_to"))
            continue
        if _VERB_TOKENS.isdisjoint(sentence.split()):
            continue
        for m in _indirect_matches(sentence):
            if is_speaker(m.group("speaker")) and len(m.group("content").split()) >= 2:
                a, b, content = _content(s, sentence, m)
                if any(qa <= a < qb for qa, qb in quoted):
                    continue  # the verb's clause starts inside a quotation: not reported
                speaker = _LEADING_NON_SPEAKER.sub("", m.group("speaker").strip())
                if not speaker or _AFTER_PREPOSITION.search(sentence, 0, m.start("speaker")):
                    continue  # "the manager of the hospital in Aleppo told": not Aleppo
                verb = m.group("verb")
                last = speaker.split()[-1]
                if (
                    m.re is _INDIRECT_ANY
                    and SPEECH_VERBS.get(verb) == verb
                    and last.lower() not in {"i", "we", "they", "you"}
                    and not (last.islower() and last.endswith("s"))
                ):
                    continue  # "Damascus promise of a truce": a noun after a name
                found.append(_Found(a, b, content, speaker, verb, "indirect"))
                if m.re is not _INDIRECT_ANY:
                    break  # a whole-sentence pattern: the sentence is one attribution
    return found


def _indirect_matches(sentence: str) -> Iterator[re.Match[str]]:
    """Reported-speech matches of a sentence: a whole-sentence pattern ("X said ...", "...,
    X said."), else every speaker and verb in it, left to right (a report inside a report
    is an attribution too: "X said Y believes Z")."""
    for pattern in (_INDIRECT_START, _INDIRECT_END):
        m = pattern.match(sentence)
        if m and is_speaker(m.group("speaker")) and len(m.group("content").split()) >= 2:
            yield m
            break
    pos = 0
    while (m := _INDIRECT_ANY.search(sentence, pos)) is not None:
        yield m
        pos = m.end("verb")


def _token_starts(text: str) -> np.ndarray:
    from toolkit._match import prepare  # _match needs quote_spans from this module

    return prepare(text)[2]


def _article_quotes(
    doc_id: Any, text: str, types: Mapping[str, Sequence[str]]
) -> list[tuple[Any, ...]]:
    spans = quote_spans(text)
    direct, reported = _direct(text, spans), _reported(text, spans)
    for f in direct:
        # a quoted phrase inside reported speech is the reported speaker's partial quote
        # ('Washington warned that "all options are on the table"')
        around = next((r for r in reported if r.start <= f.start and f.end <= r.end + 2), None)
        if around is not None:
            f.kind = "partial"
            f.speaker, f.verb = around.speaker, around.verb
    found = direct + reported
    resolved = resolve_speakers([(f.start, f.speaker) for f in found])
    rows = []
    for f, res in sorted(zip(found, resolved, strict=True), key=lambda x: x[0].start):
        lemma = (
            SPEECH_VERBS.get(f.verb.lower())
            if f.verb and f.verb in SPEECH_VERBS
            else ("say" if f.verb == "went on to say" else None)
        )
        who = res or (f.speaker if f.speaker and f.speaker.lower() not in PRONOUNS else None)
        rows.append(
            (
                doc_id,
                f.quote,
                f.start,
                f.end,
                f.speaker,
                res,
                f.verb,
                lemma,
                VERB_CLASSES.get(lemma) if lemma else None,
                f.kind,
                source_type(who, types),
            )
        )
    return rows


def quotes(
    corpus: pd.DataFrame,
    *,
    source_types: Mapping[str, Sequence[str]] | None = None,
    n_jobs: int = 1,
) -> pd.DataFrame:
    """Every direct, indirect and "according to" quote of every article.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    source_types : mapping of str to sequence of str, optional
        Source type -> words identifying it in a speaker (default
        :data:`DEFAULT_SOURCE_TYPES`).
    n_jobs : int, default 1
        Processes: the articles are cut into chunks computed in parallel (-1: one per
        CPU core); the result is identical. A dask corpus is computed partition by
        partition (:mod:`toolkit.distributed`).

    Returns
    -------
    pandas.DataFrame
        One row per quote, in text order: ``doc_id, quote`` (the quoted or reported words),
        ``start, end`` (character offsets in ``text``; for direct quotes the span includes
        the quotation marks), ``speaker`` (as written), ``speaker_resolved`` (name after
        resolving pronouns, roles and surnames; None when unresolved), ``verb`` (as
        written), ``verb_lemma``, ``verb_class`` (neutral, distancing, endorsing), ``kind``
        (``direct``, ``indirect``, ``according_to``) and ``source_type``.

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> corpus = toolkit.as_corpus(pd.DataFrame({"text": [
    ...     'Defense Ministry spokesman Igor Konashenkov said strikes went on. '
    ...     '"The strikes were precise," he said. The rebels claimed "many civilians died".']}))
    >>> table = quotes(corpus)
    >>> table["quote"].tolist()
    ['strikes went on', 'The strikes were precise,', 'many civilians died']
    >>> table[["speaker", "speaker_resolved", "verb_class", "kind"]].iloc[1:]
          speaker  speaker_resolved  verb_class    kind
    1          he  Igor Konashenkov     neutral  direct
    2  The rebels               NaN  distancing  direct
    """
    if n_jobs != 1 or is_dask(corpus):
        return by_chunks(quotes, corpus, n_jobs, "mention", source_types=source_types)
    types = DEFAULT_SOURCE_TYPES if source_types is None else source_types
    rows: list[tuple[Any, ...]] = []
    for doc_id, text in zip(corpus.index, corpus["text"].tolist(), strict=True):
        if isinstance(text, str):
            rows.extend(_article_quotes(doc_id, text, types))
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)


def quote_features(
    corpus: pd.DataFrame, table: pd.DataFrame | None = None, *, n_jobs: int = 1
) -> pd.DataFrame:
    """Per-article sourcing features from :func:`quotes`.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    table : pandas.DataFrame, optional
        The output of ``quotes(corpus)``, to reuse.
    n_jobs : int, default 1
        Processes for computing ``quotes(corpus)`` when ``table`` is not given (-1: one
        per CPU core); the result is identical. A dask corpus is computed partition by
        partition (:mod:`toolkit.distributed`).

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id`` (as the corpus) with ``quoted_share`` (share of word tokens inside
        quoted speech, whole or partial; scare quotes are not speech), ``n_quotes_direct``
        (whole and partial quotes), ``n_quotes_indirect``, ``n_quotes_according_to``,
        ``n_speakers`` (distinct resolved or named speakers), ``n_anonymous`` (quotes from
        unnamed sources), ``n_verb_neutral``, ``n_verb_distancing``, ``n_verb_endorsing``,
        ``n_verb_belief`` and ``n_source_<type>`` for each default type and any other type
        found in ``table``.
    """
    if table is None and (n_jobs != 1 or is_dask(corpus)):
        return by_chunks(quote_features, corpus, n_jobs, "article")
    table = quotes(corpus) if table is None else table
    out = pd.DataFrame(index=corpus.index)
    shares = []
    # quoted speech, whole or partial (scare quotes are not speech)
    direct = table[table["kind"].isin(["direct", "partial"])]
    by_doc: dict[Any, list[tuple[int, int]]] = {}
    for d, s, e in zip(
        direct["doc_id"].tolist(), direct["start"].tolist(), direct["end"].tolist(), strict=True
    ):
        by_doc.setdefault(d, []).append((s, e))
    for doc_id, text in zip(corpus.index, corpus["text"].tolist(), strict=True):
        if not isinstance(text, str):
            shares.append(np.nan)
            continue
        # the token starts of the lowered text, shared with the dictionary counts: lower-casing
        # changes no character's class, and prepare() does not lower a text whose length
        # lower-casing would change
        starts = _token_starts(text)
        if not len(starts):
            shares.append(np.nan)
            continue
        inside = np.zeros(len(starts), dtype=bool)
        spans = by_doc.get(doc_id)
        if spans is not None:
            pos = np.asarray(starts)
            for s, e in spans:
                inside |= (pos >= s) & (pos < e)
        shares.append(float(inside.mean()))
    out["quoted_share"] = shares
    kinds = table["kind"].replace({"partial": "direct"})  # a partial quote is quoted speech
    counts = table.groupby(["doc_id", kinds]).size().unstack(fill_value=0)
    for kind in ("direct", "indirect", "according_to"):
        col = counts[kind] if kind in counts.columns else pd.Series(dtype=float)
        out[f"n_quotes_{kind}"] = col.reindex(corpus.index, fill_value=0).astype(np.int64)
    who = table["speaker_resolved"].fillna(
        table["speaker"].where(~table["speaker"].fillna("").str.lower().isin(PRONOUNS))
    )
    out["n_speakers"] = (
        who.groupby(table["doc_id"]).nunique().reindex(corpus.index, fill_value=0).astype(np.int64)
    )
    anonymous = table["speaker"].fillna("").str.match(ANONYMOUS_SOURCES)
    out["n_anonymous"] = (
        anonymous.groupby(table["doc_id"])
        .sum()
        .reindex(corpus.index, fill_value=0)
        .astype(np.int64)
    )
    for cls in STANCES:
        hit = (table["verb_class"] == cls).groupby(table["doc_id"]).sum()
        out[f"n_verb_{cls}"] = hit.reindex(corpus.index, fill_value=0).astype(np.int64)
    types = list(DEFAULT_SOURCE_TYPES) + sorted(
        set(table["source_type"].dropna()) - set(DEFAULT_SOURCE_TYPES)
    )
    for name in types:
        hit = (table["source_type"] == name).groupby(table["doc_id"]).sum()
        out["n_source_" + re.sub(r"\W+", "_", name.lower()).strip("_")] = hit.reindex(
            corpus.index, fill_value=0
        ).astype(np.int64)
    return out
