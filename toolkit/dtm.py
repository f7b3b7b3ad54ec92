"""The document-term matrix: the corpus counted once into a sparse matrix that carries its
doc ids and terms, and the group indicators that turn it into tables per group.

Rates are per 1,000 *word tokens* of the group: all tokens the tokenizer finds, stop words
included, so a rate reads as "occurrences per 1,000 words of text" whatever is filtered.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp

from toolkit.cache import ArrayCodec, cache_key, cached
from toolkit.config import CHUNK_SIZE
from toolkit.text import (
    ENGLISH_STOP_WORDS,
    tokens,
)

__all__ = [
    "MISSING_GROUP",
    "DocumentTermMatrix",
    "StopWords",
    "check_ngram_range",
    "count_terms",
    "document_term_matrix",
    "group_indicator",
    "group_labels",
    "group_order",
    "resolve_dtm",
    "stop_set",
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


def stop_set(stop_words: StopWords) -> frozenset[str]:
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


def check_ngram_range(ngram_range: tuple[int, int]) -> tuple[int, int]:
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
    lo, hi = check_ngram_range(ngram_range)
    stops = stop_set(stop_words)
    if isinstance(data, pd.Series) and data.name == "tokens":
        if phrases:
            raise ValueError(
                "phrases= applies when tokenising; pass the phrases to "
                "toolkit.text.tokens() instead"
            )
        given = data
        chunks: Iterable[pd.Series] = (
            given.iloc[a : a + CHUNK_SIZE] for a in range(0, max(len(given), 1), CHUNK_SIZE)
        )
    else:
        texts = data
        chunks = (
            tokens(texts.iloc[a : a + CHUNK_SIZE], phrases=phrases)
            for a in range(0, max(len(texts), 1), CHUNK_SIZE)
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

    matrix, terms, n_tokens, index, tokenizer = count_terms(chunks, analyzer)
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


def count_terms(
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
