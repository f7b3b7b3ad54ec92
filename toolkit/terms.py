"""Term statistics: the document-term matrix, term frequencies, kwic, collocations, trends.

The corpus is tokenised once (:func:`toolkit.text.tokens`) and counted into a sparse
:class:`DocumentTermMatrix` that carries its doc ids and terms; tables per group are sparse
products of that matrix, turned into tidy DataFrames only at the end. Pass a matrix you
already built (``dtm=``) to reuse it across calls.

Rates are per 1,000 *word tokens* of the group: all tokens the tokenizer finds, stop words
included, so a rate reads as "occurrences per 1,000 words of text" whatever is filtered.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Sequence
from typing import Any, Literal, cast

import numpy as np
import pandas as pd
import scipy.sparse as sp

from toolkit._match import GLOB_CHARS, word_pattern
from toolkit._stats import g2_table
from toolkit.dispatch import is_dask
from toolkit.dtm import (
    DocumentTermMatrix,
    StopWords,
    document_term_matrix,
    group_indicator,
    group_labels,
    group_order,
    resolve_dtm,
    stop_set,
)
from toolkit.text import (
    TOKEN_PATTERN,
    join_phrases,
    normalise,
    normalise_offsets,
    sentence_spans,
    text_column,
    tokens,
)

__all__ = [
    "DocumentTermMatrix",
    "collocations",
    "document_term_matrix",
    "kwic",
    "term_frequencies",
    "term_trends",
]


def term_frequencies(
    corpus: pd.DataFrame,
    *,
    by: str | None = None,
    dtm: DocumentTermMatrix | None = None,
    ngram_range: tuple[int, int] = (1, 1),
    stop_words: StopWords = "english",
    phrases: Sequence[str] | None = None,
    min_count: int = 1,
) -> pd.DataFrame:
    """Count each term per group, with rates and document frequencies.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    by : str, optional
        Column to group articles by (e.g. ``"outlet"``); all articles together when None.
    dtm : DocumentTermMatrix, optional
        A matrix built from this corpus, to reuse; otherwise built with the options below.
    ngram_range, stop_words, phrases
        As in :func:`document_term_matrix`.
    min_count : int, default 1
        Leave out terms counted fewer times than this in a group.

    Returns
    -------
    pandas.DataFrame
        One row per (group, term) with ``count > 0``: ``group`` (the ``by`` value, or
        ``"all"``), ``term``, ``count``, ``rate_per_1k`` (per 1,000 word tokens of the
        group), ``doc_freq`` (articles of the group containing the term) and ``doc_share``
        (doc_freq / articles in the group). Sorted by group, then count descending.

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> corpus = toolkit.as_corpus(pd.DataFrame({
    ...     "text": ["Rebels shelled the city.", "Terrorists shelled the city.",
    ...              "Rebels, rebels everywhere."],
    ...     "outlet": ["Reuters", "SANA", "Reuters"]}))
    >>> tf = term_frequencies(corpus, by="outlet")
    >>> tf[tf.term == "rebels"]
         group    term  count  rate_per_1k  doc_freq  doc_share
    0  Reuters  rebels      3   428.571429         2        1.0
    """
    if is_dask(corpus):
        return _term_frequencies_dask(
            corpus,
            by=by,
            ngram_range=ngram_range,
            stop_words=stop_words,
            phrases=phrases,
            min_count=min_count,
        )
    labels = group_labels(corpus, by, "term_frequencies")
    dtm = resolve_dtm(
        corpus, dtm, {"ngram_range": ngram_range, "stop_words": stop_words, "phrases": phrases}
    )
    groups, g = group_indicator(labels)
    counts = sp.csr_matrix(g @ dtm.matrix)
    docs = sp.csr_matrix(g @ (dtm.matrix > 0).astype(np.int64))
    n_tokens = g @ dtm.n_tokens
    n_docs = np.asarray(g.sum(axis=1)).ravel()
    coo = counts.tocoo()
    df_values = np.asarray(docs[coo.row, coo.col]).ravel()
    table = pd.DataFrame(
        {
            "group": np.asarray(groups, dtype=object)[coo.row],
            "term": dtm.terms.to_numpy()[coo.col],
            "count": coo.data.astype(np.int64),
            "rate_per_1k": 1000.0 * coo.data / np.maximum(n_tokens[coo.row], 1),
            "doc_freq": df_values.astype(np.int64),
            "doc_share": df_values / np.maximum(n_docs[coo.row], 1),
        }
    )
    table = table[table["count"] >= min_count]
    order = {grp: i for i, grp in enumerate(group_order(groups))}
    table = table.assign(_g=table["group"].map(order)).sort_values(
        ["_g", "count", "term"], ascending=[True, False, True], kind="stable"
    )
    table = table.drop(columns="_g").reset_index(drop=True)
    table.attrs["toolkit"] = {"function": "term_frequencies", "by": by, **dtm.options}
    return table


# ---------------------------------------------------------------------------- kwic


def _pattern_regex(pattern: str) -> tuple[list[re.Pattern[str]], re.Pattern[str]]:
    """Per-token regexes for a word, glob or phrase, and a text pre-filter regex."""
    words = normalise(pattern).lower().split()
    if not words:
        raise ValueError(
            "kwic(): pattern is empty; give a word, a glob such as 'terror*', "
            "or a phrase such as 'Islamic State'"
        )
    per_token = [re.compile(word_pattern(w)) for w in words]
    first = re.escape(re.split(r"[*?]", words[0])[0])
    prefilter = re.compile(first or ".", re.IGNORECASE)
    return per_token, prefilter


def kwic(
    corpus: pd.DataFrame,
    pattern: str,
    *,
    window: int = 7,
    metadata: Sequence[str] | None = ("title", "outlet", "date", "place"),
) -> pd.DataFrame:
    """Keywords in context: every occurrence of a word, glob or phrase with its context.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    pattern : str
        A word (``"rebels"``), a glob over tokens (``"terror*"`` matches "terrorist",
        "terrorists", "terror-related"; ``"civilian?"`` matches "civilians": the dialect
        of :data:`toolkit._match.GLOB_CHAR`, the same for every function that takes
        terms), or a phrase of several words or globs (``"Islamic State"``,
        ``"pinpoint strike*"``). Matching is on tokens, ignores case, and treats curly
        and straight apostrophes alike.
    window : int, default 7
        Number of tokens of context on each side.
    metadata : sequence of str, optional
        Corpus columns to add to each row (those present are added).

    Returns
    -------
    pandas.DataFrame
        One row per hit, in corpus order: ``doc_id``, ``token_index`` (position of the
        match's first token), ``left``, ``match``, ``right`` (text as written), then the
        metadata columns. Empty (same columns) when nothing matches.

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> corpus = toolkit.as_corpus(pd.DataFrame({"text": [
    ...     "Terrorists fired on the town; terror-related arrests followed."]}))
    >>> kwic(corpus, "terror*", window=2)[["left", "match", "right"]]
            left           match             right
    0                 Terrorists          fired on
    1  the town;  terror-related  arrests followed
    """
    if not isinstance(pattern, str):
        raise TypeError(f"kwic(): pattern must be a str, got {type(pattern).__name__}")
    if window < 0:
        raise ValueError(f"kwic(): window={window} must be >= 0")
    per_token, prefilter = _pattern_regex(pattern)
    n = len(per_token)
    texts = corpus["text"]
    candidates = texts.str.contains(prefilter, regex=True).fillna(False).to_numpy(dtype=bool)
    rows = []
    for doc_id, text in zip(corpus.index[candidates], texts[candidates].tolist(), strict=True):
        norm = normalise_offsets(text)  # token offsets are offsets in text
        spans = [(m.start(), m.end()) for m in TOKEN_PATTERN.finditer(norm)]
        lowered = [norm[s:e].lower() for s, e in spans]
        for i in range(len(spans) - n + 1):
            if all(per_token[k].fullmatch(lowered[i + k]) for k in range(n)):
                start, end = spans[i][0], spans[i + n - 1][1]
                left_start = spans[max(i - window, 0)][0] if window else start
                right_end = spans[min(i + n - 1 + window, len(spans) - 1)][1] if window else end
                rows.append(
                    (
                        doc_id,
                        i,
                        " ".join(text[left_start:start].split()),
                        text[start:end],
                        " ".join(text[end:right_end].split()),
                    )
                )
    table = pd.DataFrame(rows, columns=["doc_id", "token_index", "left", "match", "right"])
    for col in metadata or ():
        if col in corpus.columns:
            table[col] = corpus[col].reindex(table["doc_id"]).to_numpy()
    return table


# ---------------------------------------------------------------------------- collocations


def collocations(
    corpus: pd.DataFrame,
    *,
    size: int = 2,
    min_count: int = 5,
    measure: Literal["g2", "pmi"] = "g2",
    stop_words: StopWords = "english",
    phrases: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Find frequent multiword expressions and score how strongly their words attract.

    Word sequences are counted within sentences (:func:`toolkit.text.sentence_spans`), so
    no collocation spans a sentence break. A candidate of ``size`` words is kept when no
    word is a stop word and it occurs at least ``min_count`` times. For a bigram
    ``(w1, w2)`` the 2x2 table over all adjacent pairs is ``a = f(w1 w2)``,
    ``b = f(w1 *) - a``, ``c = f(* w2) - a``, ``d = N - a - b - c``; for a trigram the
    first two words act as ``w1``. ``g2`` is Dunning's log-likelihood on that table
    (Dunning 1993), ``pmi`` is ``log2(a N / ((a + b)(a + c)))`` (Church & Hanks 1990).

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    size : {2, 3}, default 2
        Words per collocation.
    min_count : int, default 5
        Minimum frequency.
    measure : {"g2", "pmi"}, default "g2"
        Sort key; both are returned.
    stop_words, phrases
        As in :func:`document_term_matrix`.

    Returns
    -------
    pandas.DataFrame
        ``collocation, count, g2, pmi``, sorted by ``measure`` descending.

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> text = "Jets made pinpoint strikes. Pinpoint strikes hit depots. Jets hit depots."
    >>> corpus = toolkit.as_corpus(pd.DataFrame({"text": [text]}))
    >>> collocations(corpus, min_count=2)["collocation"].tolist()
    ['hit depots', 'pinpoint strikes']
    """
    if size not in (2, 3):
        raise ValueError(f"collocations(): size={size!r} is not valid; use 2 or 3")
    if measure not in ("g2", "pmi"):
        raise ValueError(f"collocations(): measure={measure!r} is not valid; use 'g2' or 'pmi'")
    stops = stop_set(stop_words)
    grams: Counter[tuple[str, ...]] = Counter()
    heads: Counter[tuple[str, ...]] = Counter()
    tails: Counter[str] = Counter()
    total = 0
    texts = text_column(corpus, "collocations", series_ok=False)
    for text in (t for t in texts.tolist() if isinstance(t, str)):
        prepared = join_phrases(normalise(text), phrases)
        for s, e in sentence_spans(prepared):  # before lower-casing: capitals mark sentences
            toks = TOKEN_PATTERN.findall(prepared[s:e].lower())
            for i in range(len(toks) - size + 1):
                gram = tuple(toks[i : i + size])
                grams[gram] += 1
                heads[gram[:-1]] += 1
                tails[gram[-1]] += 1
                total += 1
    rows = []
    for gram, count in grams.items():
        if count < min_count or any(w in stops for w in gram):
            continue
        rows.append((" ".join(gram), count, heads[gram[:-1]], tails[gram[-1]]))
    table = pd.DataFrame(rows, columns=["collocation", "count", "_r", "_c"])
    a = table["count"].to_numpy(dtype=float)
    b = table["_r"].to_numpy(dtype=float) - a
    c = table["_c"].to_numpy(dtype=float) - a
    d = float(total) - a - b - c
    table["g2"] = g2_table(a, b, c, d)
    table["pmi"] = np.log2(a * total / np.maximum((a + b) * (a + c), 1))
    table = table.drop(columns=["_r", "_c"]).sort_values(
        [measure, "count", "collocation"], ascending=[False, False, True], kind="stable"
    )
    return table.reset_index(drop=True)


# ---------------------------------------------------------------------------- trends

Freq = Literal["D", "W", "M", "Q", "Y"]
_PERIODS = {"D": "D", "W": "W-MON", "M": "M", "Q": "Q", "Y": "Y"}


def term_trends(
    corpus: pd.DataFrame,
    terms: Sequence[str],
    *,
    by: str | None = None,
    freq: Freq = "M",
    dtm: DocumentTermMatrix | None = None,
    phrases: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Count chosen terms per group and period.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus with a ``date`` column; articles without a date are left out (warned).
    terms : sequence of str
        Terms (tokens, or globs such as ``"terror*"`` or ``"civilian?"``, summed under the
        glob; the dialect of :data:`toolkit._match.GLOB_CHAR`).
    by : str, optional
        Grouping column; all articles together when None.
    freq : {"D", "W", "M", "Q", "Y"}, default "M"
        Period: day, week (starting Monday), month, quarter, year.
    dtm : DocumentTermMatrix, optional
        A unigram matrix of this corpus built without stop-word removal to reuse.
    phrases : sequence of str, optional
        Multiword expressions, so that a term such as ``"islamic_state"`` can be counted.

    Returns
    -------
    pandas.DataFrame
        One row per (group, period, term), including periods with zero counts between the
        first and last article of each group: ``group, period`` (period start date),
        ``term, count, n_tokens`` (word tokens of the group in the period),
        ``rate_per_1k``, ``n_articles``.

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> corpus = toolkit.as_corpus(pd.DataFrame({
    ...     "text": ["Rebels attacked.", "Terrorists attacked.", "Rebels retreated."],
    ...     "date": ["2016-01-05", "2016-01-20", "2016-03-02"]}))
    >>> term_trends(corpus, ["rebels"])[["period", "count", "n_tokens", "n_articles"]]
          period  count  n_tokens  n_articles
    0 2016-01-01      1         4           2
    1 2016-02-01      0         0           0
    2 2016-03-01      1         2           1
    """
    if freq not in _PERIODS:
        raise ValueError(
            f"term_trends(): freq={freq!r} is not valid; use one of "
            f"{', '.join(map(repr, _PERIODS))}"
        )
    if isinstance(terms, str):
        terms = [terms]
    if not terms:
        raise ValueError("term_trends(): give at least one term")
    if "date" not in corpus.columns:
        raise KeyError("term_trends() needs a 'date' column in the corpus")
    labels = group_labels(corpus, by, "term_trends")
    dtm = resolve_dtm(corpus, dtm, {"stop_words": None, "phrases": phrases})
    dated = corpus["date"].notna().to_numpy()
    if not dated.all():
        warnings.warn(
            f"term_trends(): {int((~dated).sum())} article(s) have no date and are left out",
            UserWarning,
            stacklevel=2,
        )
    keep = dated & labels.notna().to_numpy()
    period = corpus["date"].dt.to_period(_PERIODS[freq]).dt.start_time
    columns = {}
    vocab = dtm.terms.to_numpy().astype(str)
    for term in terms:
        t = normalise(term).lower().replace(" ", "_")
        if any(ch in t for ch in GLOB_CHARS):
            glob = re.compile(word_pattern(t))
            hits = np.flatnonzero(np.fromiter((bool(glob.fullmatch(v)) for v in vocab), bool))
        else:
            hits = np.flatnonzero(vocab == t)
        columns[term] = np.asarray(dtm.matrix[:, hits].sum(axis=1)).ravel()
    frame = pd.DataFrame(
        {
            "group": labels.to_numpy(),
            "period": period.to_numpy(),
            "n_tokens": dtm.n_tokens,
            "n_articles": 1,
            **columns,
        }
    )[keep]
    agg = frame.groupby(["group", "period"], sort=True).sum()
    pieces = []
    for grp, sub in agg.groupby(level="group", sort=True):
        sub = sub.droplevel("group")
        full = pd.period_range(sub.index.min(), sub.index.max(), freq=_PERIODS[freq])
        sub = sub.reindex(full.start_time, fill_value=0)
        sub.index.name = "period"
        sub["group"] = np.full(len(sub), cast(Any, grp), dtype=object)
        pieces.append(sub.reset_index())
    if not pieces:
        return pd.DataFrame(
            columns=["group", "period", "term", "count", "n_tokens", "rate_per_1k", "n_articles"]
        )
    wide = pd.concat(pieces, ignore_index=True)
    long = wide.melt(
        id_vars=["group", "period", "n_tokens", "n_articles"],
        value_vars=list(terms),
        var_name="term",
        value_name="count",
    )
    long["rate_per_1k"] = np.where(
        long["n_tokens"] > 0, 1000.0 * long["count"] / long["n_tokens"].clip(lower=1), np.nan
    )
    long = long[["group", "period", "term", "count", "n_tokens", "rate_per_1k", "n_articles"]]
    return long.sort_values(["group", "term", "period"], kind="stable").reset_index(drop=True)


def _term_frequencies_dask(ddf: Any, *, by: str | None, **options: Any) -> pd.DataFrame:
    """Term frequencies counted per partition and summed; the same table as pandas."""
    phrases = options.get("phrases")

    def counts(part: pd.DataFrame) -> pd.DataFrame:
        table = term_frequencies(part, by=by, **options)
        return table[["group", "term", "count", "doc_freq"]]

    def totals(part: pd.DataFrame) -> pd.DataFrame:
        labels = part[by].astype(object) if by else pd.Series("all", index=part.index)
        n = tokens(part, phrases=phrases).map(len)
        return pd.DataFrame({"group": labels.to_numpy(), "n_tokens": n.to_numpy(), "n_docs": 1})

    meta_counts = pd.DataFrame(
        {
            "group": pd.Series(dtype=object),
            "term": pd.Series(dtype=object),
            "count": pd.Series(dtype=np.int64),
            "doc_freq": pd.Series(dtype=np.int64),
        }
    )
    meta_totals = pd.DataFrame(
        {
            "group": pd.Series(dtype=object),
            "n_tokens": pd.Series(dtype=np.int64),
            "n_docs": pd.Series(dtype=np.int64),
        }
    )
    summed = (
        ddf.map_partitions(counts, meta=meta_counts)
        .compute()
        .groupby(["group", "term"], sort=False)[["count", "doc_freq"]]
        .sum()
        .reset_index()
    )
    group_totals = (
        ddf.map_partitions(totals, meta=meta_totals)
        .compute()
        .dropna(subset=["group"])
        .groupby("group")[["n_tokens", "n_docs"]]
        .sum()
    )
    n_tokens = summed["group"].map(group_totals["n_tokens"]).clip(lower=1)
    n_docs = summed["group"].map(group_totals["n_docs"]).clip(lower=1)
    summed["rate_per_1k"] = 1000.0 * summed["count"] / n_tokens
    summed["doc_share"] = summed["doc_freq"] / n_docs
    table = summed[["group", "term", "count", "rate_per_1k", "doc_freq", "doc_share"]]
    return table.sort_values(
        ["group", "count", "term"], ascending=[True, False, True], kind="stable"
    ).reset_index(drop=True)
