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
* **indirect** (reported speech and attributed beliefs), **stance** (a position taken:
  endorsed, rejected, declined to), **evidential** (the writer's inference: "appears to",
  "is expected to") and **according_to** are found by :mod:`toolkit.reported`, from the
  cue verb out (``inventories/speech-verbs.yaml``).
* a **scare** quote is a quoted phrase of at most four words with no speaker and no cue:
  not speech.
* speakers are resolved by :func:`toolkit.speakers.resolve_speakers`: surnames to the full
  name given earlier, abbreviations to the organisation ("SOHR"), pronouns and roles to the
  speaker named shortly before that fits them; each gets a ``source_type`` from
  ``inventories/actors.yaml``.

Measured on PolNeAR's training split (``benchmarks/validity_quotes.py``; development data,
the held-out splits judge): direct quotes recall .97; indirect attributions recall .47;
precision .90; speaker right for .78 of the attributions found.
It is an approximation of human coding: validate it on your data (``toolkit.validate``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from toolkit._match import prepare
from toolkit.dispatch import per_article
from toolkit.quotemarks import (
    MARK_AT_END,
    MARK_AT_START,
    QUOTE_MARK,
    SPEAKER_PATTERN,
    SPEECH_VERB_PATTERN,
    TAIL_ATTRIBUTION,
    QuoteSpan,
    quote_spans,
)
from toolkit.reported import Attribution, reported_speech
from toolkit.speakers import (
    ANONYMOUS_SOURCES,
    DEFAULT_SOURCE_TYPES,
    PRONOUNS,
    SPEECH_VERBS,
    STANCES,
    VERB_CLASSES,
    is_speaker,
    resolve_speakers,
    source_type,
)

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


_AFTER_1 = re.compile(
    rf"^\s*,?\s*(?P<speaker>{SPEAKER_PATTERN})\s+(?P<verb>{SPEECH_VERB_PATTERN})\b"
)
_STOP = r"(?:in|on|at|to|told|from|during|after|before|when|while|with|and|adding|who|as)\b"
_AFTER_2 = re.compile(
    rf"^\s*,?\s*(?P<verb>{SPEECH_VERB_PATTERN})\s+(?P<speaker>(?:[Tt]he\s+|[Aa]n?\s+)?[A-Za-z][\w'.\-]*"
    rf"(?:\s+(?!{_STOP})[A-Za-z][\w'.\-]*){{0,7}})(?=[\s,.;:]|$)"
)
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+(?=[\"“A-Z])")
_BEFORE = re.compile(
    rf"^\s*(?:[^\"“”,]{{0,60}},\s*)?(?P<speaker>{SPEAKER_PATTERN})\s+(?P<verb>{SPEECH_VERB_PATTERN})\b(?:\s+[\w'.\-]+){{0,4}}?"
    r"\s*[:,]?\s*$"
)


def _direct(text: str, spans: Sequence[QuoteSpan]) -> list[Attribution]:
    found = []
    for span in spans:
        inner = MARK_AT_START.sub("", text[span.start : span.end])
        inner = (MARK_AT_END.sub("", inner) if span.closed else inner).strip()
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
            m = TAIL_ATTRIBUTION.search(
                text[span.start : (para_end if para_end >= 0 else len(text))]
            )
            if m and is_speaker(m.group("speaker")):
                speaker, verb = m.group("speaker").strip(), m.group("verb")
        found.append(Attribution(span.start, span.end, inner, speaker, verb, "direct"))
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


def _continue_speakers(text: str, found: list[Attribution]) -> None:
    """A direct quote with no speaker of its own continues the quote before it when only
    that quote's attribution, or a paragraph break, stands between them (``"...," X said.
    "Next sentence..."``): it takes that quote's speaker."""
    previous: Attribution | None = None
    for f in sorted(found, key=lambda q: q.start):
        if f.speaker is None and previous is not None and previous.speaker is not None:
            between = text[previous.end : f.start]
            if len(between) <= _CONTINUATION_GAP and QUOTE_MARK.search(between) is None:
                rest = _SENTENCE_END.split(between.strip())
                # nothing but the attribution's own sentence (and a paragraph break)
                if len([r for r in rest if r.strip()]) <= 1:
                    f.speaker, f.verb = previous.speaker, previous.verb
        previous = f


def _token_starts(text: str) -> np.ndarray:
    return prepare(text)[2]


def _article_quotes(
    doc_id: Any, text: str, types: Mapping[str, Sequence[str]]
) -> list[tuple[Any, ...]]:
    spans = quote_spans(text)
    direct = _direct(text, spans)
    reported = reported_speech(text, [(s.start, s.end) for s in spans])
    for f in direct:
        # a quoted phrase inside reported speech is the reported speaker's partial quote
        # ('Washington warned that "all options are on the table"')
        around = next((r for r in reported if r.start <= f.start and f.end <= r.end + 2), None)
        if around is not None:
            f.kind = "partial"
            f.speaker, f.verb = around.speaker, around.verb
    found = direct + reported
    resolved = resolve_speakers([(f.start, f.speaker) for f in found], text)
    rows = []
    for f, res in sorted(zip(found, resolved, strict=True), key=lambda x: x[0].start):
        lemma = SPEECH_VERBS.get(f.verb) if f.verb else None
        written = f.speaker if f.speaker and f.speaker.lower() not in PRONOUNS else None
        # the resolved name first, then the phrase as written ("Residents in eastern
        # Aleppo": a witness, though the name in it is a place)
        kind_of_source = source_type(res, types) or source_type(written, types)
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
                kind_of_source,
            )
        )
    return rows


@per_article("mention")
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
        {n_jobs}

    Returns
    -------
    pandas.DataFrame
        One row per quote, in text order: ``doc_id, quote`` (the quoted or reported words),
        ``start, end`` (character offsets in ``text``; for direct quotes the span includes
        the quotation marks), ``speaker`` (as written), ``speaker_resolved`` (name after
        resolving pronouns, roles and surnames; None when unresolved), ``verb`` (as
        written), ``verb_lemma``, ``verb_class`` (one of :data:`STANCES`), ``kind``
        (``direct``, ``partial``, ``scare``, ``indirect``, ``stance``, ``evidential``,
        ``according_to``) and ``source_type`` (from the resolved name, else from the phrase
        as written; None when no type's word is in either: unknown).

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
    types = DEFAULT_SOURCE_TYPES if source_types is None else source_types
    rows: list[tuple[Any, ...]] = []
    for doc_id, text in zip(corpus.index, corpus["text"].tolist(), strict=True):
        if isinstance(text, str):
            rows.extend(_article_quotes(doc_id, text, types))
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)


@per_article("article", serial=lambda a: a["table"] is not None)
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
        Used to compute ``quotes(corpus)`` when ``table`` is not given.
        {n_jobs}

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
