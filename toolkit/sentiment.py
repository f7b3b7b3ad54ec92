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

import bisect
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from toolkit._match import term_regex
from toolkit._pattern import pattern_engine
from toolkit._vader import vader_engine
from toolkit.agency import role_of_mention, violence_roles
from toolkit.dispatch import by_chunks, chunk_slices, is_dask, n_workers, process_map
from toolkit.dtm import group_labels
from toolkit.quotemarks import quote_spans
from toolkit.text import normalise, normalise_offsets, sentence_spans, text_column

__all__ = [
    "DEFAULT_TARGETS",
    "ENGINES",
    "SENTIMENT_COLUMNS",
    "TARGET_MENTION_COLUMNS",
    "sentiment",
    "sentiment_drivers",
    "target_mentions",
    "target_sentiment",
]

Method = Literal["textblob", "vader"]
Window = Literal["clause", "sentence"]
Level = Literal["document", "sentence"]
METHODS: tuple[Method, ...] = ("textblob", "vader")
SENTIMENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "textblob": ("textblob_polarity", "textblob_subjectivity"),
    "vader": ("vader_compound", "vader_pos", "vader_neu", "vader_neg"),
}

#: Targets for reporting on the Syrian war: a name and the words or phrases that mention it.
#: Aliases are matched as whole tokens, case-insensitively; ``*`` is a wildcard within a
#: token ("russia*" matches "Russia", "Russia's", "Russian"). The armed-opposition aliases
#: are the competing labels of METHODS.md section 6, so a sentence calling fighters
#: "terrorists" counts as mentioning the armed opposition in every outlet. Extend or
#: replace the mapping with ``targets=``.
DEFAULT_TARGETS: dict[str, tuple[str, ...]] = {
    "Russia": ("russia*", "moscow", "kremlin", "putin*"),
    "Syrian government": (
        "syrian government",
        "syrian army",
        "syrian arab army",
        "syrian troops",
        "government forces",
        "government troops",
        "government army",
        "pro-government",
        "regime*",
        "assad*",
        "loyalist*",
        "damascus government",
    ),
    "armed opposition": (
        "rebel*",
        "opposition fighters",
        "opposition forces",
        "insurgent*",
        "militant*",
        "jihadist*",
        "islamist*",
        "terrorist*",
        "gunmen",
        "armed groups",
        "takfiri*",
    ),
    "Islamic State": ("islamic state", "isis", "isil", "daesh"),
    "Turkey": ("turkey", "turkey's", "turkish*", "ankara", "erdogan*"),
    "United States": (
        "united states",
        "u.s.",
        "us-led",
        "washington",
        "american*",
        "pentagon",
        "obama*",
        "trump*",
    ),
    "civilians": ("civilian*", "resident*", "child*", "women", "famil*", "inhabitant*"),
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


def _score_chunk(args: tuple[list[Any], tuple[Method, ...], bool]) -> dict[str, np.ndarray]:
    texts, methods, sentences = args
    return _score(texts, methods, sentences)


def _score_parallel(
    texts: list[Any], methods: tuple[Method, ...], n_jobs: int, sentences: bool = False
) -> dict[str, np.ndarray]:
    workers = n_workers(n_jobs)
    if workers == 1 or len(texts) < 2 * workers:
        return _score(texts, methods, sentences)
    chunks = [(texts[part], methods, sentences) for part in chunk_slices(len(texts), workers)]
    parts = process_map(_score_chunk, chunks, workers, warm=ENGINES)
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}


#: The engines whose lexicons a process loads before forking workers (see
#: :func:`toolkit.dispatch.process_map`): TextBlob's and VADER's, exact re-implementations.
ENGINES = (pattern_engine, vader_engine)


def _check_methods(methods: Iterable[str] | str) -> tuple[Method, ...]:
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
        Processes to use; -1 for one per CPU core. Results are identical. A dask corpus
        is computed partition by partition (:mod:`toolkit.distributed`).

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
    if is_dask(corpus):
        options: dict[str, Any] = {"level": level, "methods": methods, "headline": headline}
        if level == "sentence":
            return by_chunks(sentiment, corpus, 1, "mention", **options)
        return by_chunks(sentiment, corpus, 1, "article", **options)
    text = text_column(corpus, "sentiment", series_ok=False)
    chosen = _check_methods(methods)
    if level not in ("document", "sentence"):
        raise ValueError(f"level={level!r} is not valid; use 'document' or 'sentence'")
    if level == "sentence":
        sentences = _sentence_table(text)
        scores = _score_parallel(sentences["sentence"].tolist(), chosen, n_jobs)
        table = sentences.assign(**scores)
        table.attrs["toolkit"] = {"function": "sentiment", "level": level, "methods": list(chosen)}
        return table

    texts = text.tolist()
    scores = _score_parallel(texts, chosen, n_jobs, sentences="vader" in chosen)
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
        head = _score_parallel(titles, chosen, n_jobs)
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


# ---------------------------------------------------------------------------- targets


def target_sentiment(
    corpus: pd.DataFrame,
    targets: Mapping[str, Iterable[str]] | None = None,
    *,
    window: Window = "clause",
    by_role: bool = False,
    sentence_scores: pd.DataFrame | None = None,
    methods: Sequence[Method] | Method = METHODS,
    n_jobs: int = 1,
) -> pd.DataFrame:
    """Sentiment of the text around each mention of a target, per article.

    Method: target-dependent sentiment in the simplest form that keeps two targets of one
    sentence apart (METHODS.md section 5): the score of the clause that holds the mention.
    A sentence is cut into clauses at commas, semicolons, colons, dashes and the
    conjunctions "but", "while", "whereas", "although", "though" and "yet"; each clause
    that mentions a target is scored on its own (TextBlob and VADER, exact engines), once
    per target. A mention inside quotation marks is in the quoted voice (the source's
    words), else in the authorial voice (the outlet's). Departures: a clause is cut by
    punctuation, not parsed, so "Turkey accused Russia of bombing" gives both targets the
    same clause; the scores are of the words around the target, not of the writer's
    stance toward it. Each mention also gets its role toward the nearest violence word of
    its clause (:func:`toolkit.agency.role_of_mention`): ``agent`` (who attacks: the
    subject of "shelled", the "by" agent, "Russian airstrikes") or ``patient`` (who is
    attacked or dies), so that "Russia" as bomber and as victim are not mixed.
    VALIDITY_PLACEHOLDER

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    targets : mapping of str to iterable of str, optional
        Target name -> aliases (whole words or phrases, case-insensitive; ``*`` matches
        within a word). Default :data:`DEFAULT_TARGETS` (the Syrian war). To extend it:
        ``from toolkit.sentiment import DEFAULT_TARGETS`` and pass
        ``{**DEFAULT_TARGETS, "Iran": ["iran*", "tehran"]}``.
    window : {"clause", "sentence"}, default "clause"
        Score the clause that holds each mention, by voice; or (``"sentence"``) the whole
        sentences that mention the target, both voices together.
    by_role : bool, default False
        With ``window="clause"``: one row per role too (``agent``, ``patient``, ``none``:
        no violence word in the clause, or no role found).
    sentence_scores : pandas.DataFrame, optional
        With ``window="sentence"``: the output of ``sentiment(corpus, level="sentence")``,
        to reuse.
    methods : sequence of {"textblob", "vader"}
        Methods to score with.
    n_jobs : int, default 1
        Processes (-1: one per CPU core); the result is identical. A dask corpus is
        computed partition by partition (:mod:`toolkit.distributed`).

    Returns
    -------
    pandas.DataFrame
        ``window="clause"``: one row per (article, target, voice) the article has, with
        ``doc_id, target, voice`` (``authorial`` or ``quoted``), ``n_mentions``,
        ``n_clauses`` (distinct clauses scored), ``n_agent`` and ``n_patient`` (mentions
        in each role) and the mean of each score over those clauses; with ``by_role``,
        one row per (article, target, voice, role) without the role counts.
        ``window="sentence"``: one row per (article, target) with ``doc_id,
        target, n_sentences, share_sentences`` (of the article's sentences) and the mean of
        each score over the sentences that mention it. Articles that never mention a
        target have no row for it.

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> corpus = toolkit.as_corpus(pd.DataFrame({"text": [
    ...     "Brave Turkish soldiers helped, but Russian jets brutally killed civilians."]}))
    >>> table = target_sentiment(corpus, {"Turkey": ["turkish*"], "Russia": ["russia*"]})
    >>> table[["target", "voice", "n_clauses"]]
       target      voice  n_clauses
    0  Russia  authorial          1
    1  Turkey  authorial          1
    >>> bool(table.set_index("target").loc["Turkey", "vader_compound"] > 0)
    True
    >>> bool(table.set_index("target").loc["Russia", "vader_compound"] < 0)
    True
    """
    if window not in ("clause", "sentence"):
        raise ValueError(f"window={window!r} is not valid: give 'clause' or 'sentence'")
    if by_role and window != "clause":
        raise ValueError("by_role=True needs window='clause': a role is a clause's")
    if window == "clause":
        if n_jobs != 1 or is_dask(corpus):
            options: dict[str, Any] = {
                "targets": targets,
                "methods": methods,
                "window": window,
                "by_role": by_role,
            }
            return by_chunks(target_sentiment, corpus, n_jobs, "mention", warm=ENGINES, **options)
        return _clause_sentiment(corpus, targets, methods, by_role)
    if sentence_scores is None and (n_jobs != 1 or is_dask(corpus)):
        options = {"targets": targets, "methods": methods, "window": "sentence"}
        return by_chunks(target_sentiment, corpus, n_jobs, "mention", warm=ENGINES, **options)
    text = text_column(corpus, "target_sentiment", series_ok=False)
    regexes = _target_regexes(targets)
    if sentence_scores is None:
        sentence_scores = sentiment(corpus, level="sentence", methods=methods)
    score_cols = [
        c for cols in SENTIMENT_COLUMNS.values() for c in cols if c in sentence_scores.columns
    ]
    n_per_doc = sentence_scores.groupby("doc_id", sort=False).size()
    normalised = sentence_scores["sentence"].map(normalise).str.lower()
    tables = []
    for name, regex in regexes:
        hit = normalised.str.contains(regex, regex=True).to_numpy(dtype=bool)
        if not hit.any():
            continue
        sub = sentence_scores.loc[hit, ["doc_id", *score_cols]]
        agg = sub.groupby("doc_id", sort=False)
        table = agg[score_cols].mean()
        table.insert(0, "n_sentences", agg.size().astype(np.int64))
        table.insert(
            1, "share_sentences", table["n_sentences"] / n_per_doc.reindex(table.index).to_numpy()
        )
        table.insert(0, "target", name)
        tables.append(table.reset_index())
    columns = ["doc_id", "target", "n_sentences", "share_sentences", *score_cols]
    if not tables:
        return pd.DataFrame(columns=columns)
    result = pd.concat(tables, ignore_index=True)[columns]
    order = {doc: i for i, doc in enumerate(text.index)}
    result = result.sort_values(
        ["doc_id", "target"], key=lambda s: s.map(order) if s.name == "doc_id" else s, kind="stable"
    )
    return result.reset_index(drop=True)


#: Where a sentence is cut into clauses for target sentiment.
_CLAUSE_BREAK = re.compile(
    r"\s*[,;:—–]?\s+(?:but|while|whereas|although|though|yet)\s+|\s*[,;:—–]\s*|\s+-\s+",
    re.IGNORECASE,
)


def _target_regexes(targets: Mapping[str, Iterable[str]] | None) -> list[tuple[str, Any]]:
    targets = DEFAULT_TARGETS if targets is None else targets
    if isinstance(targets, str | list | tuple):
        raise TypeError(
            "targets= maps a target name to its aliases, e.g. {'Turkey': ['turkey', 'turkish*']}"
        )
    found = []
    for name, aliases in targets.items():
        try:
            found.append((name, term_regex([aliases] if isinstance(aliases, str) else aliases)))
        except ValueError:
            raise ValueError(f"target_sentiment(): target {name!r} has no usable alias") from None
    return found


TARGET_MENTION_COLUMNS = [
    "doc_id",
    "target",
    "start",
    "end",
    "voice",
    "clause_start",
    "clause_end",
    "role",
]


def target_mentions(
    corpus: pd.DataFrame, targets: Mapping[str, Iterable[str]] | None = None
) -> pd.DataFrame:
    """Every mention of a target: where it is, its voice, its clause and its role.

    The mentions :func:`target_sentiment` scores, one row each, to see what drives a
    target's score: the clause is the stretch of the sentence between breaks (commas,
    semicolons, colons, dashes, "but", "while", "whereas", "although", "though", "yet"),
    the voice is ``quoted`` inside quotation marks, else ``authorial``, and the role is the
    mention's toward the nearest violence word of its clause
    (:func:`toolkit.agency.role_of_mention`: ``agent``, ``patient`` or ``none``).

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    targets : mapping of str to iterable of str, optional
        As for :func:`target_sentiment` (default :data:`DEFAULT_TARGETS`).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, target, start, end`` (the mention's character offsets in ``text``),
        ``voice``, ``clause_start, clause_end`` and ``role``, in text order per target.

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> corpus = toolkit.as_corpus(pd.DataFrame({"text": [
    ...     'Russian jets bombed Aleppo, but Turkey said "Russia lies."']}))
    >>> targets = {"Russia": ["russia*"], "Aleppo": ["aleppo"]}
    >>> target_mentions(corpus, targets)[["target", "start", "voice", "role"]]
       target  start      voice     role
    0  Russia      0  authorial    agent
    1  Russia     45     quoted     none
    2  Aleppo     20  authorial  patient
    """
    text = text_column(corpus, "target_mentions", series_ok=False)
    regexes = _target_regexes(targets)
    rows: list[tuple[Any, str, int, int, str, int, int, str]] = []
    for doc_id, value in text.items():
        if not isinstance(value, str) or not value:
            continue
        lowered = normalise_offsets(value).lower()
        quoted = [(q.start, q.end) for q in quote_spans(value)]
        for s, e in sentence_spans(value):
            # clauses: the stretches between the breaks (a break's words belong to none)
            breaks = [(s + b.start(), s + b.end()) for b in _CLAUSE_BREAK.finditer(value[s:e])]
            starts = [s, *(b for _, b in breaks)]
            ends = [*(a for a, _ in breaks), e]
            violence: list[tuple[int, int, str]] | None = None  # tagged when needed
            for name, regex in regexes:
                for m in regex.finditer(lowered, s, e):
                    k = max(bisect.bisect_right(starts, m.start()) - 1, 0)
                    lo, hi = starts[k], max(ends[k], m.end())
                    voice = "quoted" if any(a <= m.start() < b for a, b in quoted) else "authorial"
                    if violence is None:
                        violence = violence_roles(value[s:e])
                    here = [(a, b, c) for a, b, c in violence if lo <= s + a and s + b <= hi]
                    role = role_of_mention(value[s:e], m.start() - s, m.end() - s, here)
                    rows.append((doc_id, name, m.start(), m.end(), voice, lo, hi, role or "none"))
    return pd.DataFrame(rows, columns=TARGET_MENTION_COLUMNS)


def _clause_sentiment(
    corpus: pd.DataFrame,
    targets: Mapping[str, Iterable[str]] | None,
    methods: Sequence[Method] | Method,
    by_role: bool = False,
) -> pd.DataFrame:
    text = text_column(corpus, "target_sentiment", series_ok=False)
    found = target_mentions(corpus, targets)
    clause_text = {
        (d, lo, hi): text[d][lo:hi].strip(" ,;:—–-")
        for d, lo, hi in zip(
            found["doc_id"], found["clause_start"], found["clause_end"], strict=True
        )
    }
    rows = list(
        zip(
            found["doc_id"],
            found["target"],
            found["voice"],
            found["clause_start"],
            found["clause_end"],
            found["start"],
            found["role"],
            strict=True,
        )
    )
    score_cols = [c for m in _check_methods(methods) for c in SENTIMENT_COLUMNS[m]]
    keys3 = ["doc_id", "target", "voice", *(["role"] if by_role else [])]
    counts = [] if by_role else ["n_agent", "n_patient"]
    columns = [*keys3, "n_mentions", "n_clauses", *counts, *score_cols]
    if not rows:
        return pd.DataFrame(columns=columns)
    keys = list(clause_text)
    scored = sentiment(
        pd.DataFrame(
            {"text": [clause_text[k] for k in keys]},
            index=pd.Index([f"c{i}" for i in range(len(keys))], name="doc_id"),
        ),
        methods=methods,
    )
    scores = scored[score_cols].set_axis(pd.MultiIndex.from_tuples(keys), axis=0)
    mentions = pd.DataFrame(rows, columns=["doc_id", "target", "voice", "lo", "hi", "at", "role"])
    per_clause = mentions.drop_duplicates([*keys3, "lo", "hi"])
    values = scores.loc[list(zip(per_clause["doc_id"], per_clause["lo"], per_clause["hi"],
                                 strict=True))].to_numpy()  # fmt: skip
    per_clause = per_clause.assign(**{c: values[:, i] for i, c in enumerate(score_cols)})
    table = per_clause.groupby(keys3, sort=False)[score_cols].mean()
    for role in reversed(("agent", "patient") if not by_role else ()):
        n = (mentions["role"] == role).groupby([mentions[k] for k in keys3], sort=False).sum()
        table.insert(0, f"n_{role}", n.reindex(table.index).astype(np.int64))
    table.insert(0, "n_clauses", per_clause.groupby(keys3, sort=False).size().astype(np.int64))
    table.insert(0, "n_mentions", mentions.groupby(keys3, sort=False).size().astype(np.int64))
    result = table.reset_index()[columns]
    order = {doc: i for i, doc in enumerate(text.index)}
    return result.sort_values(
        keys3,
        key=lambda col: col.map(order) if col.name == "doc_id" else col,
        kind="stable",
    ).reset_index(drop=True)


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
    chosen = _check_methods(methods)
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
