"""Summaries of a loaded corpus: its problems, counts per group, fingerprint, timeline."""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd

from toolkit.errors import (
    problem_frame,
)
from toolkit.text import tokens


def corpus_problems(corpus: pd.DataFrame) -> pd.DataFrame:
    """Return the problems ``load_corpus(..., errors="collect")`` found.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus returned by :func:`load_corpus` or :func:`as_corpus`.

    Returns
    -------
    pandas.DataFrame
        One row per input article or file that was not loaded, with columns
        ``source_file, source_row, doc_id, problem``; empty when everything loaded.

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> df = pd.DataFrame({"text": ["Aleppo was shelled.", "   "]})
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", toolkit.CorpusWarning)
    ...     corpus = toolkit.as_corpus(df, errors="collect")
    >>> len(corpus)
    1
    >>> problems = toolkit.corpus_problems(corpus)
    >>> problems.loc[0, "source_row"], problems.loc[0, "problem"]
    (np.int64(2), 'empty text: the article has no text (or only navigation debris)')
    """
    return problem_frame(corpus.attrs.get("problems", []))


def summarise_corpus(corpus: pd.DataFrame, *, by: str = "outlet") -> pd.DataFrame:
    """Count articles, duplicates, words and dates per group.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (see :func:`load_corpus`).
    by : str, default "outlet"
        Column to group by. Missing values form the group ``"(missing)"``.

    Returns
    -------
    pandas.DataFrame
        One row per group, sorted by ``n_articles`` descending, with columns ``group``
        (the value of ``by``, as in every grouped table of the toolkit; the table's
        ``attrs["by"]`` names the column), ``n_articles, n_duplicates, n_words,
        n_words_median, first_date, last_date, n_missing_date``. ``n_words`` counts word
        tokens of the toolkit's tokenizer (:func:`toolkit.tokenize`). A cleaned corpus
        adds ``share_removed`` (the share of the group's characters that cleaning
        removed; by kind and with the most frequent pieces:
        :func:`toolkit.clean.removal_summary`); one with near-duplicates flagged
        (:func:`toolkit.near_duplicates`) adds ``n_near_duplicates`` (exact copies
        included).

    Examples
    --------
    >>> import toolkit
    >>> summary = toolkit.summarise_corpus(toolkit.load_corpus(toolkit.SHIPPED_CORPUS))
    >>> summary[["group", "n_articles", "first_date"]]
      group  n_articles first_date
    0  TASS           1 2016-02-16
    """
    if not isinstance(corpus, pd.DataFrame) or "text" not in corpus.columns:
        raise TypeError(
            "summarise_corpus() expects a corpus DataFrame with a 'text' column "
            "(see toolkit.load_corpus)"
        )
    if by not in corpus.columns:
        raise KeyError(
            f"by={by!r} is not a column of the corpus; columns: "
            f"{', '.join(map(str, corpus.columns))}"
        )
    data = pd.DataFrame(
        {
            by: corpus[by].astype("object").where(corpus[by].notna(), "(missing)"),
            "n_words": tokens(corpus).map(len).astype("int64"),
            "date": corpus["date"],
            "is_duplicate": corpus.get("is_duplicate", pd.Series(False, index=corpus.index)),
        }
    )
    grouped = data.groupby(by, sort=False)
    summary = pd.DataFrame(
        {
            "n_articles": grouped.size(),
            "n_duplicates": grouped["is_duplicate"].sum().astype("int64"),
            "n_words": grouped["n_words"].sum(),
            "n_words_median": grouped["n_words"].median(),
            "first_date": grouped["date"].min(),
            "last_date": grouped["date"].max(),
            "n_missing_date": grouped["date"].apply(lambda s: int(s.isna().sum())),
        }
    )
    if "n_chars_removed" in corpus.columns:
        removed = corpus["n_chars_removed"].groupby(data[by]).sum()
        before = (corpus["text"].str.len().fillna(0) + corpus["n_chars_removed"]).groupby(data[by])
        summary["share_removed"] = (removed / before.sum()).reindex(summary.index)
    if "near_duplicate_of" in corpus.columns:
        near = corpus["near_duplicate_of"].notna().groupby(data[by]).sum()
        summary["n_near_duplicates"] = near.reindex(summary.index).astype("int64")
    summary = summary.sort_values(["n_articles"], ascending=False, kind="stable")
    summary = summary.rename_axis("group").reset_index()
    summary.attrs["by"] = by
    return summary


def corpus_fingerprint(corpus: pd.DataFrame) -> str:
    """Return a short digest of a corpus's doc_ids and texts, for provenance.

    Two corpora with the same articles in the same order have the same fingerprint on any
    machine; changing one character of one text changes it. Metadata is not included.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (index ``doc_id``, column ``text``).

    Returns
    -------
    str
        16 hexadecimal digits of a SHA-256 digest.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"text": ["one", "two"]}, index=pd.Index(["d1", "d2"], name="doc_id"))
    >>> corpus_fingerprint(a) == corpus_fingerprint(a.copy())
    True
    >>> corpus_fingerprint(a) == corpus_fingerprint(a.assign(text=["one", "two!"]))
    False
    """

    digest = hashlib.sha256()
    for doc_id, text in zip(corpus.index, corpus["text"], strict=True):
        digest.update(str(doc_id).encode("utf-8") + b"\x1f")
        digest.update(str(text).encode("utf-8") + b"\x1e")
    return digest.hexdigest()[:16]


def timeline(corpus: pd.DataFrame, *, by: str = "outlet", freq: str = "M") -> pd.DataFrame:
    """Articles per group and period.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus with a ``date`` column (undated articles are left out).
    by : str, default "outlet"
        Grouping column.
    freq : {"D", "W", "M", "Q", "Y"}, default "M"
        Period length.

    Returns
    -------
    pandas.DataFrame
        ``group, period`` (start date), ``n_articles``; periods without articles between a
        group's first and last are included with 0.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit import as_corpus
    >>> corpus = as_corpus(pd.DataFrame({"text": ["a", "b", "c"], "outlet": ["A", "A", "B"],
    ...                                  "date": ["2016-01-05", "2016-03-01", "2016-01-09"]}))
    >>> timeline(corpus)
      group     period  n_articles
    0     A 2016-01-01           1
    1     A 2016-02-01           0
    2     A 2016-03-01           1
    3     B 2016-01-01           1
    """
    periods = {"D": "D", "W": "W-MON", "M": "M", "Q": "Q", "Y": "Y"}
    if freq not in periods:
        raise ValueError(f"freq={freq!r} is not valid; use one of {', '.join(periods)}")
    if by not in corpus.columns:
        raise KeyError(f"timeline(): by={by!r} is not a column of the corpus")
    dated = corpus[corpus["date"].notna() & corpus[by].notna()]
    period = dated["date"].dt.to_period(periods[freq])
    counts = dated.groupby([dated[by].astype(str), period]).size()
    rows: list[tuple[Any, pd.Timestamp, int]] = []
    for group, part in counts.groupby(level=0, sort=True):
        part = part.droplevel(0)
        full = pd.period_range(part.index.min(), part.index.max(), freq=periods[freq])
        part = part.reindex(full, fill_value=0)
        rows.extend((group, start, int(n)) for start, n in zip(full.start_time, part, strict=True))
    return pd.DataFrame(rows, columns=["group", "period", "n_articles"])
