"""Sentiment of articles, sentences, headlines and named targets, and the words behind it.

Two lexicon methods, with the numbers of the reference libraries to the last digit:

TextBlob (``textblob_polarity``, ``textblob_subjectivity``)
    The PatternAnalyzer of TextBlob (lexicon ``en-sentiment.xml`` of the pattern library):
    only lexicon words count; an adverb modifier multiplies the next word, a negation
    ("no", "not", "n't", "never") turns a chunk's polarity into ``p * -0.5``, "!" raises
    it; the score is the mean over assessed chunks. ``TextBlob(text).sentiment`` runs the
    same function; no NLTK data is needed for it.
VADER (``vader_compound``, ``vader_pos``, ``vader_neu``, ``vader_neg``)
    Hutto & Gilbert (2014), ``SentimentIntensityAnalyzer().polarity_scores(text)``:
    valence lexicon, boosters, ALL-CAPS, negation within three tokens, "but", "!" and
    ``compound = x / sqrt(x^2 + 15)``. Its authors advise scoring sentence by sentence
    for long texts, hence ``vader_compound_sentence_mean``.

Both are computed by the toolkit's own engines, which apply the libraries' rules to the
libraries' own lexicons and are tested to give the reference implementations' scores
exactly, on FA-KES and on generated text: ``toolkit._vader`` runs in linear time (the
reference's time grows with the square of the text's length: a 1 MB text takes hours
there, a third of a second here), ``toolkit._pattern`` visits only the tokens where one of
TextBlob's rules applies (about 5x faster than ``TextBlob(text).sentiment``); a document
and its sentences are scored by VADER from one pass over its tokens.

Departures from the plain library calls: a text that is empty or has no letter gets NaN
scores (the libraries would say 0.0, which reads as "neutral" rather than "nothing to
score"). Sentences come from the toolkit's own splitter
(:func:`toolkit.text.sentence_spans`), not from NLTK.

War news reads negative whatever the outlet's stance ("killed", "attack"): compare outlets
on the same events, use :func:`target_sentiment` for the sentences that mention an actor,
and :func:`sentiment_drivers` to see which words move a score.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from toolkit._pattern import pattern_engine
from toolkit._vader import vader_engine
from toolkit.dispatch import per_article
from toolkit.dtm import group_labels
from toolkit.text import sentence_spans, text_column

__all__ = [
    "ENGINES",
    "METHODS",
    "SENTIMENT_COLUMNS",
    "check_methods",
    "sentiment",
    "sentiment_drivers",
]

Method = Literal["textblob", "vader"]
Level = Literal["document", "sentence"]
METHODS: tuple[Method, ...] = ("textblob", "vader")
SENTIMENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "textblob": ("textblob_polarity", "textblob_subjectivity"),
    "vader": ("vader_compound", "vader_pos", "vader_neu", "vader_neg"),
}


# ---------------------------------------------------------------------------- scoring


def _vader() -> Any:
    return vader_engine()


def _pattern() -> Any:
    return pattern_engine()


def _scorable(text: Any) -> bool:
    return isinstance(text, str) and any(ch.isalpha() for ch in text)


def _score(
    texts: Sequence[Any], methods: Sequence[Method], sentences: bool = False
) -> dict[str, np.ndarray]:
    """Library scores for each text; NaN for texts with nothing to score. With
    ``sentences=True`` (VADER among the methods), also ``"sentence_compound"``: the VADER
    compound of every sentence of every text (:func:`toolkit.text.sentence_spans`, in
    order), computed with the text's own score (:meth:`VaderEngine.with_sentences`)."""
    if sentences:
        return _score_with_sentences(texts, methods)
    n = len(texts)
    out = {c: np.full(n, np.nan) for m in methods for c in SENTIMENT_COLUMNS[m]}
    pattern = _pattern() if "textblob" in methods else None
    vader = _vader() if "vader" in methods else None
    for i, text in enumerate(texts):
        if not _scorable(text):
            continue
        if pattern is not None:
            polarity, subjectivity = pattern.sentiment(text)
            out["textblob_polarity"][i] = polarity
            out["textblob_subjectivity"][i] = subjectivity
        if vader is not None:
            scores = vader.polarity_scores(text)
            out["vader_compound"][i] = scores["compound"]
            out["vader_pos"][i] = scores["pos"]
            out["vader_neu"][i] = scores["neu"]
            out["vader_neg"][i] = scores["neg"]
    return out


def _score_with_sentences(texts: Sequence[Any], methods: Sequence[Method]) -> dict[str, np.ndarray]:
    others = [m for m in methods if m != "vader"]
    out = _score(texts, others) if others else {}
    n = len(texts)
    columns = SENTIMENT_COLUMNS["vader"]
    doc = {c: np.full(n, np.nan) for c in columns}
    compounds: list[float] = []
    vader = _vader()
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            continue
        spans = sentence_spans(text)
        if not _scorable(text):
            compounds += [np.nan] * len(spans)
            continue
        scores, per_sentence = vader.with_sentences(text, spans)
        for c in columns:
            doc[c][i] = scores[c[len("vader_") :]]
        compounds += [
            value if _scorable(text[s:e]) else np.nan
            for value, (s, e) in zip(per_sentence, spans, strict=True)
        ]
    out.update(doc)
    ordered = {c: out[c] for m in methods for c in SENTIMENT_COLUMNS[m]}
    ordered["sentence_compound"] = np.asarray(compounds, dtype=float)
    return ordered


#: The engines of the two methods, TextBlob's and VADER's (exact re-implementations); each
#: loads its lexicon on first call, once per process (benchmarks call them first).
ENGINES = (pattern_engine, vader_engine)


def check_methods(methods: Iterable[str] | str) -> tuple[Method, ...]:
    if isinstance(methods, str):
        methods = (methods,)
    chosen = tuple(methods)
    bad = [m for m in chosen if m not in METHODS]
    if bad or not chosen:
        raise ValueError(
            f"methods={chosen!r} is not valid; use one or both of {', '.join(map(repr, METHODS))}"
        )
    return chosen  # type: ignore[return-value]


def _sentence_table(text: pd.Series) -> pd.DataFrame:
    rows = []
    for doc_id, value in zip(text.index, text.tolist(), strict=True):
        if not isinstance(value, str):
            continue
        for i, (s, e) in enumerate(sentence_spans(value)):
            rows.append((doc_id, i, value[s:e]))
    return pd.DataFrame(rows, columns=["doc_id", "sentence_index", "sentence"])


@per_article(lambda a: "mention" if a["level"] == "sentence" else "article")
def sentiment(
    corpus: pd.DataFrame,
    *,
    level: Level = "document",
    methods: Sequence[Method] | Method = METHODS,
    headline: bool = True,
    n_jobs: int = 1,
) -> pd.DataFrame:
    """Score articles or their sentences with TextBlob and VADER.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (see :func:`toolkit.load_corpus`).
    level : {"document", "sentence"}, default "document"
        One row per article, or one row per sentence.
    methods : sequence of {"textblob", "vader"}
        Which methods to run.
    headline : bool, default True
        At document level, also score the ``title`` column on its own (columns prefixed
        ``headline_``): headlines frame most.
    n_jobs : int, default 1
        {n_jobs}

    Returns
    -------
    pandas.DataFrame
        Document level: index ``doc_id`` (as the corpus), columns
        ``textblob_polarity, textblob_subjectivity, vader_compound, vader_pos, vader_neu,
        vader_neg`` (those of the chosen methods), ``n_sentences``,
        ``vader_compound_sentence_mean`` (mean VADER compound over the article's
        sentences), and with ``headline=True`` the same score columns prefixed
        ``headline_``. Sentence level: ``doc_id, sentence_index, sentence`` and the score
        columns. Scores are NaN for an empty text or one without letters.

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> corpus = toolkit.as_corpus(pd.DataFrame({
    ...     "text": ["The aid convoy arrived safely. Residents were glad.", "12 / 14"],
    ...     "title": ["Aid arrives", None]}))
    >>> scores = sentiment(corpus)
    >>> scores[["vader_compound", "n_sentences"]]
                vader_compound  n_sentences
    doc_id
    doc-000001          0.7351            2
    doc-000002             NaN            1
    >>> from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    >>> SentimentIntensityAnalyzer().polarity_scores(corpus["text"].iloc[0])["compound"]
    0.7351
    """
    text = text_column(corpus, "sentiment", series_ok=False)
    chosen = check_methods(methods)
    if level not in ("document", "sentence"):
        raise ValueError(f"level={level!r} is not valid; use 'document' or 'sentence'")
    if level == "sentence":
        sentences = _sentence_table(text)
        scores = _score(sentences["sentence"].tolist(), chosen)
        table = sentences.assign(**scores)
        table.attrs["toolkit"] = {"function": "sentiment", "level": level, "methods": list(chosen)}
        return table

    texts = text.tolist()
    scores = _score(texts, chosen, sentences="vader" in chosen)
    sentence_compound = scores.pop("sentence_compound", None)
    result = pd.DataFrame(scores, index=corpus.index)
    # the sentences' count per article (their texts are not needed here)
    counts = np.fromiter(
        (len(sentence_spans(t)) if isinstance(t, str) else 0 for t in texts),
        dtype=np.int64,
        count=len(texts),
    )
    result["n_sentences"] = counts
    if "vader" in chosen:
        result["vader_compound_sentence_mean"] = _segment_means(sentence_compound, counts)
    if headline:
        titles = corpus["title"].tolist() if "title" in corpus.columns else [None] * len(corpus)
        head = _score(titles, chosen)
        for column, values in head.items():
            result[f"headline_{column}"] = values
    result.attrs["toolkit"] = {
        "function": "sentiment",
        "level": level,
        "methods": list(chosen),
        "headline": headline,
    }
    return result


def _segment_means(values: Sequence[float] | np.ndarray | None, counts: np.ndarray) -> np.ndarray:
    """The mean of each article's run of ``values`` (``counts[i]`` values for article i;
    NaN for none), each summed exactly (:func:`math.fsum`), so that an article's mean does
    not depend on which other articles were computed with it (a grouped mean's running sum
    does: batches or chunks changed its last bit)."""
    data = np.asarray(values if values is not None else [], dtype=float)
    ends = np.cumsum(counts)
    starts = ends - counts
    return np.fromiter(
        (
            math.fsum(data[a:b].tolist()) / (b - a) if b > a else np.nan
            for a, b in zip(starts.tolist(), ends.tolist(), strict=True)
        ),
        dtype=float,
        count=len(counts),
    )


# ---------------------------------------------------------------------------- drivers


def _vader_valences(text: str) -> list[tuple[str, float]]:
    """VADER's per-token valences for ``text``, after all its rules (boosters, negation,
    caps, "but"), for the tokens with non-zero valence; the compound score is
    ``normalize(sum + punctuation emphasis)``."""
    engine = _vader()
    words = [engine._token(t) for t in engine._replace_emojis(text).split()]
    return [
        (w.lower(), float(v)) for w, v in zip(words, engine._valences(words), strict=True) if v != 0
    ]


def sentiment_drivers(
    corpus: pd.DataFrame,
    *,
    by: str | None = None,
    methods: Sequence[Method] | Method = METHODS,
    top: int | None = 20,
) -> pd.DataFrame:
    """The lexicon words that move each group's sentiment, and by how much.

    For TextBlob every assessed chunk of an article ("not good", "very bad", "killed")
    contributes ``polarity / n_chunks`` to the article's polarity, so the contributions
    of an article add up to its ``textblob_polarity``; a word's ``contribution`` is the
    sum over the group's articles divided by the number of articles, so contributions add
    up to the group's mean polarity. For VADER a word's ``contribution`` is its valence
    after VADER's rules (boosters, negation, caps, "but"), summed and divided by the number
    of articles: VADER's raw scale, before the compound's normalisation. Chunks are
    reported under their last (lexicon) word, with the modifiers and negations seen in
    ``forms``.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    by : str, optional
        Grouping column (e.g. ``"outlet"``); all articles together when None.
    methods : sequence of {"textblob", "vader"}
        Methods to explain.
    top : int or None, default 20
        Keep the ``top`` negative and ``top`` positive words per group and method; None
        keeps all.

    Returns
    -------
    pandas.DataFrame
        ``group, method, word, n_hits, contribution, mean_score, forms``: ``mean_score``
        is the word's mean chunk polarity (TextBlob) or valence (VADER) per hit. Sorted by
        group, method, then ``contribution`` (most negative first).

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> corpus = toolkit.as_corpus(pd.DataFrame({"text": [
    ...     "Rebels killed ten people. The attack was terrible.", "Aid was not good."]}))
    >>> drivers = sentiment_drivers(corpus, methods="textblob")
    >>> drivers[["word", "n_hits", "contribution", "forms"]]
           word  n_hits  contribution     forms
    0      good       1     -0.175000  not good
    1  terrible       1     -0.166667  terrible
    2    killed       1     -0.033333    killed
    """
    text = text_column(corpus, "sentiment_drivers", series_ok=False)
    chosen = check_methods(methods)
    labels = group_labels(corpus, by, "sentiment_drivers")  # missing groups: left out, warned
    rows: list[tuple[Any, str, str, float, float, str]] = []
    pattern = _pattern() if "textblob" in chosen else None
    for group, value in zip(labels.tolist(), text.tolist(), strict=True):
        if group is None:
            continue
        if not _scorable(value):
            continue
        if pattern is not None:
            assessed = pattern.assessments(pattern.words(value))
            for words, polarity, _subj, _label in assessed:
                head = next((w for w in reversed(words) if w not in ("!",)), words[-1])
                rows.append(
                    (group, "textblob", head, polarity / len(assessed), polarity, " ".join(words))
                )
        if "vader" in chosen:
            for word, valence in _vader_valences(value):
                rows.append((group, "vader", word, valence, valence, word))
    columns = ["group", "method", "word", "n_hits", "contribution", "mean_score", "forms"]
    if not rows:
        return pd.DataFrame(columns=columns)
    hits = pd.DataFrame(rows, columns=["group", "method", "word", "part", "score", "form"])
    n_articles = labels.value_counts()
    agg = hits.groupby(["group", "method", "word"], sort=False).agg(
        n_hits=("score", "size"),
        total=("part", "sum"),
        mean_score=("score", "mean"),
        forms=("form", lambda f: "; ".join(sorted(set(f)))),
    )
    agg["contribution"] = (
        agg["total"] / agg.index.get_level_values("group").map(n_articles.to_dict()).to_numpy()
    )
    table = agg.reset_index()[columns]
    table = table.sort_values(["group", "method", "contribution", "word"], kind="stable")
    if top is not None:
        ranked = table.groupby(["group", "method"], sort=False)["contribution"]
        keep = (ranked.rank(method="first") <= top) | (
            ranked.rank(method="first", ascending=False) <= top
        )
        table = table[keep & (table["contribution"] != 0)]
    return table.reset_index(drop=True)
