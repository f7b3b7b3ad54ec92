"""Term statistics: the document-term matrix, term frequencies, kwic, collocations, trends.

The corpus is tokenised once (:func:`toolkit.text.tokens`) and counted into a sparse
:class:`DocumentTermMatrix` that carries its doc ids and terms; tables per group are sparse
products of that matrix, turned into tidy DataFrames only at the end. Pass a matrix you
already built (``dtm=``) to reuse it across calls.

Rates are per 1,000 *word tokens* of the group: all tokens the tokenizer finds, stop words
included, so a rate reads as "occurrences per 1,000 words of text" whatever is filtered.
"""

from __future__ import annotations

import fnmatch
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, cast

import numpy as np
import pandas as pd
import scipy.sparse as sp

from toolkit._stats import g2_table
from toolkit.cache import ArrayCodec, cache_key, cached
from toolkit.dispatch import is_dask
from toolkit.text import (
    ENGLISH_STOP_WORDS,
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

StopWords = Literal["english"] | Iterable[str] | None
MISSING_GROUP = "(missing)"


@dataclass(frozen=True)
class DocumentTermMatrix:
    """A sparse document-term count matrix with its row and column labels.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix
        Counts, shape ``(n_documents, n_terms)``, int64. Never densified by the toolkit.
    doc_ids : pandas.Index
        Row labels (the corpus index).
    terms : pandas.Index
        Column labels; n-grams are joined by a space, multiword expressions by ``_``.
    n_tokens : numpy.ndarray
        Word tokens per document before stop words and n-grams (the denominator of rates).
    options : dict
        The options that built it.
    """

    matrix: sp.csr_matrix
    doc_ids: pd.Index
    terms: pd.Index
    n_tokens: np.ndarray
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def shape(self) -> tuple[int, int]:
        """``(n_documents, n_terms)``."""
        return (int(self.matrix.shape[0]), int(self.matrix.shape[1]))

    def __repr__(self) -> str:
        n_docs, n_terms = self.shape
        return (
            f"<DocumentTermMatrix: {n_docs} documents x {n_terms} terms, "
            f"{self.matrix.nnz} non-zero, {int(self.n_tokens.sum())} tokens>"
        )

    def rows(self, positions: np.ndarray | Sequence[int] | Sequence[bool]) -> DocumentTermMatrix:
        """Return the matrix restricted to some documents (positions or a boolean mask)."""
        idx = np.asarray(positions)
        if idx.dtype == bool:
            idx = np.flatnonzero(idx)
        return DocumentTermMatrix(
            self.matrix[idx], self.doc_ids[idx], self.terms, self.n_tokens[idx], self.options
        )

    def term_counts(self) -> pd.Series:
        """Total count of each term over all documents."""
        return pd.Series(
            np.asarray(self.matrix.sum(axis=0)).ravel(), index=self.terms, name="count"
        )

    def to_frame(self) -> pd.DataFrame:
        """Return a *sparse* DataFrame (documents x terms) for inspection."""
        return pd.DataFrame.sparse.from_spmatrix(  # type: ignore[attr-defined]
            self.matrix, index=self.doc_ids, columns=self.terms
        )


def _stop_set(stop_words: StopWords) -> frozenset[str]:
    if stop_words is None:
        return frozenset()
    if isinstance(stop_words, str):
        if stop_words != "english":
            raise ValueError(
                f"stop_words={stop_words!r} is not valid; use 'english', None, or "
                "a list of words (see toolkit.text.stop_words)"
            )
        return ENGLISH_STOP_WORDS
    return frozenset(w.lower() for w in stop_words)


def _check_ngram_range(ngram_range: tuple[int, int]) -> tuple[int, int]:
    lo, hi = ngram_range
    if not (1 <= lo <= hi <= 3):
        raise ValueError(
            f"ngram_range={ngram_range!r} is not valid; use (1, 1) ... (3, 3), "
            "with 1 <= min <= max <= 3"
        )
    return int(lo), int(hi)


def _df_threshold(value: float, n_docs: int, name: str) -> float:
    if isinstance(value, bool) or value < 0:
        raise ValueError(
            f"{name}={value!r} is not valid; use a count (int >= 0) or a "
            "proportion (float in [0, 1])"
        )
    if isinstance(value, float):
        if value > 1:
            raise ValueError(f"{name}={value!r}: a float is a proportion of documents in [0, 1]")
        return value * n_docs
    return float(value)


def _dtm_arrays(dtm: DocumentTermMatrix) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """A matrix as plain arrays and a JSON description, for the result cache."""
    matrix = dtm.matrix.tocsr()
    arrays = {
        "data": matrix.data,
        "indices": matrix.indices,
        "indptr": matrix.indptr,
        "shape": np.asarray(matrix.shape, dtype=np.int64),
        "n_tokens": np.asarray(dtm.n_tokens),
        "doc_ids": np.asarray([str(i) for i in dtm.doc_ids], dtype=str),
        "terms": np.asarray([str(t) for t in dtm.terms], dtype=str),
    }
    names = {"doc_ids": dtm.doc_ids.name, "terms": dtm.terms.name}
    return arrays, {"options": dtm.options, "names": names, "doc_id_dtype": str(dtm.doc_ids.dtype)}


def _dtm_from_arrays(
    arrays: Mapping[str, np.ndarray], description: Mapping[str, Any]
) -> DocumentTermMatrix:
    shape = (int(arrays["shape"][0]), int(arrays["shape"][1]))
    matrix = sp.csr_matrix((arrays["data"], arrays["indices"], arrays["indptr"]), shape=shape)
    names = description["names"]
    doc_ids = pd.Index(
        arrays["doc_ids"].tolist(), dtype=description["doc_id_dtype"], name=names["doc_ids"]
    )
    terms = pd.Index(arrays["terms"].tolist(), dtype=object, name=names["terms"])
    return DocumentTermMatrix(
        matrix, doc_ids, terms, arrays["n_tokens"], dict(description["options"])
    )


def document_term_matrix(
    data: pd.DataFrame | pd.Series,
    *,
    ngram_range: tuple[int, int] = (1, 1),
    stop_words: StopWords = "english",
    phrases: Sequence[str] | None = None,
    min_df: float = 1,
    max_df: float = 1.0,
    cache: bool = False,
) -> DocumentTermMatrix:
    """Count terms per document into a sparse matrix.

    Parameters
    ----------
    data : pandas.DataFrame or Series
        A corpus (tokenised here), or the tokens of one from :func:`toolkit.text.tokens`
        (a Series of token lists, for tokenising once and sharing).
    ngram_range : (int, int), default (1, 1)
        Smallest and largest n-gram length, up to 3. An n-gram of two or more words is
        counted only when none of its words is a stop word, and never across a stop word
        that was removed ("the army of Syria" gives no bigram "army syria").
    stop_words : "english", None or iterable of str, default "english"
        Words not counted as unigrams (:data:`toolkit.text.ENGLISH_STOP_WORDS`).
    phrases : sequence of str, optional
        Multiword expressions counted as one term (only when ``data`` is a corpus).
    min_df, max_df : int or float
        Keep terms found in at least ``min_df`` and at most ``max_df`` documents (an int
        is a count, a float a proportion of documents).
    cache : bool, default False
        Keep the matrix on disk (:mod:`toolkit.cache`) when ``data`` is a corpus.

    Returns
    -------
    DocumentTermMatrix

    Examples
    --------
    >>> import pandas as pd
    >>> texts = pd.Series(["The rebels shelled the city.", "Rebels and terrorists."],
    ...                   index=pd.Index(["a", "b"], name="doc_id"))
    >>> dtm = document_term_matrix(texts)
    >>> list(dtm.terms)
    ['city', 'rebels', 'shelled', 'terrorists']
    >>> dtm.matrix.toarray().tolist(), dtm.n_tokens.tolist()
    ([[1, 1, 1, 0], [0, 1, 0, 1]], [5, 3])
    """
    if cache and isinstance(data, pd.DataFrame):
        options = {
            "ngram_range": ngram_range,
            "stop_words": stop_words,
            "phrases": phrases,
            "min_df": min_df,
            "max_df": max_df,
        }
        stored: DocumentTermMatrix = cached(
            cache_key(data, "document_term_matrix", options, columns=("text",)),
            rows=data.index,
            codec=ArrayCodec(_dtm_arrays, _dtm_from_arrays),
            compute=lambda: document_term_matrix(
                data,
                ngram_range=ngram_range,
                stop_words=stop_words,
                phrases=phrases,
                min_df=min_df,
                max_df=max_df,
            ),
        )
        return stored
    lo, hi = _check_ngram_range(ngram_range)
    stops = _stop_set(stop_words)
    if isinstance(data, pd.Series) and data.name == "tokens":
        if phrases:
            raise ValueError(
                "phrases= applies when tokenising; pass the phrases to "
                "toolkit.text.tokens() instead"
            )
        given = data
        chunks: Iterable[pd.Series] = (
            given.iloc[a : a + _CHUNK] for a in range(0, max(len(given), 1), _CHUNK)
        )
    else:
        texts = data
        chunks = (
            tokens(texts.iloc[a : a + _CHUNK], phrases=phrases)
            for a in range(0, max(len(texts), 1), _CHUNK)
        )

    def analyzer(doc: list[str]) -> list[str]:
        if lo == 1 and hi == 1:
            return doc
        out: list[str] = list(doc) if lo == 1 else []
        for n in range(max(lo, 2), hi + 1):
            out.extend(
                " ".join(gram)
                for gram in zip(*(doc[i:] for i in range(n)), strict=False)
                if not any(w in stops for w in gram)
            )
        return out

    matrix, terms, n_tokens, index, tokenizer = _count_terms(chunks, analyzer)
    keep = np.ones(len(terms), dtype=bool)
    if stops and lo == 1:
        keep &= ~np.isin(terms, list(stops))
    doc_freq = np.asarray((matrix > 0).sum(axis=0)).ravel()
    keep &= doc_freq >= _df_threshold(min_df, len(index), "min_df")
    keep &= doc_freq <= _df_threshold(max_df, len(index), "max_df")
    matrix = sp.csr_matrix(matrix[:, np.flatnonzero(keep)])
    options = {
        "ngram_range": (lo, hi),
        "stop_words": sorted(stops) if stop_words not in (None, "english") else stop_words,
        "phrases": list(phrases or ()),
        "min_df": min_df,
        "max_df": max_df,
        **tokenizer,
    }
    return DocumentTermMatrix(matrix, index, pd.Index(terms[keep], name="term"), n_tokens, options)


#: Documents tokenised and counted at a time: the token lists of one chunk are alive at
#: once, never those of the whole corpus.
_CHUNK = 2000


def _count_terms(
    chunks: Iterable[pd.Series], analyzer: Callable[[list[str]], list[str]]
) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray, pd.Index, dict[str, Any]]:
    """Term counts per document, chunk by chunk, into one csr matrix whose columns are
    the terms in sorted order (as scikit-learn's CountVectorizer gives them). Only the
    matrix's own arrays grow with the corpus."""
    vocab: dict[str, int] = {}
    cols: list[np.ndarray] = []
    counts: list[np.ndarray] = []
    nnz: list[np.ndarray] = []
    lengths: list[np.ndarray] = []
    ids: list[Any] = []
    tokenizer: dict[str, Any] = {}
    for chunk in chunks:
        tokenizer = tokenizer or dict(chunk.attrs.get("tokenizer", {}))
        docs = chunk.tolist()
        ids.append(chunk.index)
        lengths.append(np.fromiter(map(len, docs), dtype=np.int64, count=len(docs)))
        found: list[int] = []
        per_doc = np.zeros(len(docs), dtype=np.int64)
        for k, doc in enumerate(docs):
            features = analyzer(doc)
            per_doc[k] = len(features)
            found.extend(vocab.setdefault(f, len(vocab)) for f in features)
        doc_of = np.repeat(np.arange(len(docs), dtype=np.int64), per_doc)
        # (document, term) pairs sorted by document: one entry per distinct pair
        unique, count = np.unique(
            (doc_of << 32) | np.asarray(found, dtype=np.int64), return_counts=True
        )
        cols.append((unique & 0xFFFFFFFF).astype(np.int64))
        counts.append(count.astype(np.int64))
        nnz.append(np.bincount(unique >> 32, minlength=len(docs)))
    index = ids[0].append(ids[1:]) if len(ids) > 1 else (ids[0] if ids else pd.Index([]))
    terms = np.array(list(vocab), dtype=object)
    order = np.argsort(terms, kind="stable")
    new_of_old = np.empty(len(terms), dtype=np.int64)
    new_of_old[order] = np.arange(len(terms), dtype=np.int64)
    per_row = np.concatenate(nnz) if nnz else np.zeros(0, dtype=np.int64)
    indptr = np.concatenate([[0], np.cumsum(per_row)]).astype(np.int64)
    indices = new_of_old[np.concatenate(cols)] if cols else np.zeros(0, dtype=np.int64)
    data = np.concatenate(counts) if counts else np.zeros(0, dtype=np.int64)
    del cols, counts
    matrix = sp.csr_matrix((data, indices, indptr), shape=(len(per_row), len(terms)))
    matrix.sort_indices()
    n_tokens = np.concatenate(lengths) if lengths else np.zeros(0, dtype=np.int64)
    return matrix, terms[order], n_tokens, pd.Index(index), tokenizer


# ---------------------------------------------------------------------------- groups


def group_labels(corpus: pd.DataFrame, by: str | None, func: str) -> pd.Series:
    """Group label per article; missing values are left out with a warning."""
    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(f"{func}() expects a corpus DataFrame, got {type(corpus).__name__}")
    if by is None:
        return pd.Series("all", index=corpus.index, dtype="object")
    if by not in corpus.columns:
        raise KeyError(
            f"{func}(): by={by!r} is not a column of the corpus; columns: "
            f"{', '.join(map(str, corpus.columns))}"
        )
    labels = corpus[by].astype("object")
    missing = labels.isna()
    if missing.any():
        warnings.warn(
            f"{func}(): {int(missing.sum())} article(s) have no {by!r} and are left "
            "out of the group statistics",
            UserWarning,
            stacklevel=3,
        )
    return labels.where(~missing, None)


def resolve_dtm(
    corpus: pd.DataFrame, dtm: DocumentTermMatrix | None, options: dict[str, Any]
) -> DocumentTermMatrix:
    if dtm is None:
        return document_term_matrix(corpus, **options)
    if not isinstance(dtm, DocumentTermMatrix):
        raise TypeError(f"dtm= expects a DocumentTermMatrix, got {type(dtm).__name__}")
    if not dtm.doc_ids.equals(pd.Index(corpus.index)):
        raise ValueError(
            "dtm= was built from other documents than the corpus (its doc_ids "
            "differ); build it from this corpus with document_term_matrix()"
        )
    return dtm


def group_indicator(labels: pd.Series) -> tuple[list[Any], sp.csr_matrix]:
    """Sparse (n_groups x n_docs) 0/1 matrix; groups in order of first appearance."""
    present = labels.notna().to_numpy()
    codes, uniques = pd.factorize(labels, sort=False)
    cols = np.flatnonzero(present)
    g = sp.csr_matrix(
        (np.ones(len(cols), dtype=np.int64), (codes[cols], cols)), shape=(len(uniques), len(labels))
    )
    return list(uniques), g


def group_order(groups: list[Any]) -> list[Any]:
    try:
        return sorted(groups)
    except TypeError:
        return groups


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
    per_token = [re.compile(fnmatch.translate(w)) for w in words]
    first = re.escape(words[0].split("*")[0].split("?")[0].split("[")[0])
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
        "terrorists", "terror-related"), or a phrase of several words or globs
        (``"Islamic State"``, ``"pinpoint strike*"``). Matching is on tokens, ignores case,
        and treats curly and straight apostrophes alike.
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
            if all(per_token[k].match(lowered[i + k]) for k in range(n)):
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
    stops = _stop_set(stop_words)
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
        Terms (tokens, or globs such as ``"terror*"`` which are summed under the glob).
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
        hits = (
            np.flatnonzero(np.array([fnmatch.fnmatchcase(v, t) for v in vocab]))
            if any(ch in t for ch in "*?[")
            else np.flatnonzero(vocab == t)
        )
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
