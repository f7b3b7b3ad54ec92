"""Matched events: articles of different outlets about the same place within a date
window and sharing enough content, so that outlets are compared on the same news
(METHODS.md section 5)."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from toolkit.errors import check_count

__all__ = ["EVENT_SIMILARITY", "describe_events", "match_events"]


EVENT_SIMILARITY = 0.15


def _event_vectors(texts: Sequence[str]) -> tuple[sp.csr_matrix, np.ndarray]:
    """L2-normalised TF-IDF rows of the texts (sublinear counts, scikit-learn's English stop
    words left out) and the vocabulary."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english")
    try:
        rows = vectorizer.fit_transform(texts)
    except ValueError:  # no term at all (empty or stop-word-only texts)
        return sp.csr_matrix((len(texts), 0)), np.array([], dtype=object)
    return rows.tocsr(), vectorizer.get_feature_names_out()


def match_events(
    corpus: pd.DataFrame,
    *,
    window: str = "3D",
    on: Sequence[str] = ("place",),
    by: str = "outlet",
    min_outlets: int = 2,
    min_similarity: float = EVENT_SIMILARITY,
) -> pd.DataFrame:
    """Group articles of different outlets about the same news: same place, within a date
    window of each other, with shared content.

    Articles with the same ``on`` values are taken in date order. The earliest article not
    yet in an event opens one; the articles dated within ``window`` after it whose text is
    similar enough to it (TF-IDF cosine >= ``min_similarity``, :data:`EVENT_SIMILARITY`)
    join it. So every article of an event lies within ``window`` of every other (no
    chaining), and each shares content with the event's first article. An event is kept
    when at least ``min_outlets`` outlets report it. A proxy for "the same news": check the
    events (:func:`describe_events` gives each one's span, outlets and key terms).

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus with ``text``, ``date`` and the ``on`` columns.
    window : str, default "3D"
        Largest distance between two articles of an event (a pandas offset: "1D", "3D").
    on : sequence of str, default ("place",)
        Columns that must match (e.g. ``("place",)`` or ``("place", "event_type")``).
    by : str, default "outlet"
        The column whose distinct values are counted as outlets.
    min_outlets : int, default 2
        Outlets needed for an event.
    min_similarity : float, default 0.15
        Least TF-IDF cosine (over the matched corpus's vocabulary) with the event's first
        article; 0 matches on place and date alone.

    Returns
    -------
    pandas.DataFrame
        A copy of the corpus with ``event_id`` (``"<on values>|<first date>"``, with
        ``#2``, ``#3`` for further events opened on the same day; missing when the article
        is in no event), ``event_n_articles``, ``event_n_outlets`` and ``event_similarity``
        (the article's cosine with the event's first article; 1 for that article).

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> corpus = toolkit.as_corpus(pd.DataFrame({
    ...     "text": ["Shelling hit the Aleppo market.", "Aleppo market shelling kills five.",
    ...              "Aleppo market shelled again.", "Homs convoy attacked."],
    ...     "outlet": ["SANA", "Reuters", "SANA", "TASS"],
    ...     "place": ["Aleppo", "Aleppo", "Aleppo", "Homs"],
    ...     "date": ["2016-02-01", "2016-02-03", "2016-02-06", "2016-02-01"]}))
    >>> match_events(corpus)[["outlet", "event_id", "event_n_outlets"]]
                 outlet            event_id  event_n_outlets
    doc_id
    doc-000001     SANA  Aleppo|2016-02-01                2
    doc-000002  Reuters  Aleppo|2016-02-01                2
    doc-000003     SANA                <NA>             <NA>
    doc-000004     TASS                <NA>             <NA>

    The third article is five days after the first: outside the window, whatever the second.
    """
    missing = [c for c in ("text", *on, "date", by) if c not in corpus.columns]
    if missing:
        raise KeyError(f"match_events(): column(s) {missing} not in the corpus")
    if isinstance(min_similarity, bool) or not isinstance(min_similarity, int | float):
        raise ValueError(f"min_similarity={min_similarity!r} is not valid: give a number 0 to 1")
    gap = pd.Timedelta(window)
    data = corpus[[*on, "date", by]].copy()
    usable = data[list(on)].notna().all(axis=1) & data["date"].notna()
    if (~usable).any():
        warnings.warn(
            f"match_events(): {int((~usable).sum())} article(s) lack a date or "
            f"{list(on)} and cannot be matched",
            UserWarning,
            stacklevel=2,
        )
    result = corpus.copy()
    columns = {
        "event_id": "string",
        "event_n_articles": "Int64",
        "event_n_outlets": "Int64",
        "event_similarity": "Float64",
    }
    for col, dtype in columns.items():
        result[col] = pd.Series(pd.NA, index=corpus.index, dtype=dtype)
    data = data[usable]
    if data.empty:  # nothing to match: the documented columns, all missing
        return result
    texts = corpus.loc[data.index, "text"].fillna("").astype(str).tolist()
    vectors, _ = _event_vectors(texts)
    position = pd.Series(np.arange(len(data)), index=data.index)
    keys = data[list(on)].astype(str).agg("|".join, axis=1)
    ids: dict[Any, str] = {}
    similarity: dict[Any, float] = {}
    opened: dict[str, int] = {}
    for key, rows in (
        data.assign(_key=keys)
        .sort_values(["_key", "date"], kind="stable")
        .groupby("_key", sort=False)
    ):
        pending = list(rows.index)
        dates = rows["date"]
        while pending:
            first = pending[0]
            near = [i for i in pending[1:] if dates[i] - dates[first] <= gap]
            cosines = (
                (vectors[position[near].to_numpy()] @ vectors[position[first]].T).toarray().ravel()
                if near and vectors.shape[1]
                else np.zeros(len(near))
            )
            members = [first] + [
                i for i, c in zip(near, cosines, strict=True) if c >= min_similarity
            ]
            day = dates[first].strftime("%Y-%m-%d")
            label = f"{key}|{day}"
            opened[label] = opened.get(label, 0) + 1
            if opened[label] > 1:
                label += f"#{opened[label]}"
            similarity[first] = 1.0
            similarity.update({i: float(c) for i, c in zip(near, cosines, strict=True)})
            for i in members:
                ids[i] = label
            taken = set(members)
            pending = [i for i in pending if i not in taken]
    event = pd.Series(ids)
    n_outlets = data.loc[event.index, by].groupby(event).transform("nunique")
    n_articles = event.groupby(event).transform("size")
    kept = event[n_outlets >= min_outlets].index
    result.loc[kept, "event_id"] = event[kept].astype("string")
    result.loc[kept, "event_n_articles"] = n_articles[kept].astype("Int64")
    result.loc[kept, "event_n_outlets"] = n_outlets[kept].astype("Int64")
    result.loc[kept, "event_similarity"] = pd.Series(similarity)[kept].astype("Float64")
    return result


def describe_events(matched: pd.DataFrame, *, by: str = "outlet", top: int = 5) -> pd.DataFrame:
    """One row per matched event, to check that its articles report the same news.

    Parameters
    ----------
    matched : pandas.DataFrame
        The output of :func:`match_events`.
    by : str, default "outlet"
        The outlet column.
    top : int, default 5
        Key terms per event: the highest mean TF-IDF weights over its articles.

    Returns
    -------
    pandas.DataFrame
        ``event_id, start, end, span_days, n_articles, n_outlets, outlets, key_terms,
        min_similarity`` (the least cosine of an article with the event's first), sorted by
        start.

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> corpus = toolkit.as_corpus(pd.DataFrame({
    ...     "text": ["Shelling hit the Aleppo market.", "Aleppo market shelling kills five."],
    ...     "outlet": ["SANA", "Reuters"], "place": ["Aleppo", "Aleppo"],
    ...     "date": ["2016-02-01", "2016-02-02"]}))
    >>> describe_events(match_events(corpus))[["event_id", "span_days", "outlets"]]
                event_id  span_days        outlets
    0  Aleppo|2016-02-01          1  Reuters, SANA
    """
    check_count("top", top, minimum=1)
    for col in ("event_id", "date", "text", by):
        if col not in matched.columns:
            raise KeyError(f"describe_events(): no column {col!r}; pass the output of match_events")
    inside = matched[matched["event_id"].notna()]
    out_columns = ["event_id", "start", "end", "span_days", "n_articles", "n_outlets",
                   "outlets", "key_terms", "min_similarity"]  # fmt: skip
    if inside.empty:
        return pd.DataFrame(columns=out_columns)
    vectors, vocab = _event_vectors(inside["text"].fillna("").astype(str).tolist())
    events = inside["event_id"].astype(str).to_numpy()
    rows = []
    for event in dict.fromkeys(events):
        mask = events == event
        part = inside[mask]
        weights = np.asarray(vectors[np.flatnonzero(mask)].mean(axis=0)).ravel()
        best = np.argsort(-weights, kind="stable")[:top]
        start, end = part["date"].min(), part["date"].max()
        rows.append(
            {
                "event_id": event,
                "start": start,
                "end": end,
                "span_days": (end - start).days,
                "n_articles": len(part),
                "n_outlets": part[by].nunique(),
                "outlets": ", ".join(sorted(part[by].dropna().astype(str).unique())),
                "key_terms": ", ".join(str(vocab[j]) for j in best if weights[j] > 0),
                "min_similarity": float(part["event_similarity"].min())
                if "event_similarity" in part
                else np.nan,
            }
        )
    return pd.DataFrame(rows, columns=out_columns).sort_values(
        ["start", "event_id"], kind="stable", ignore_index=True
    )
