"""Comparative statistics: how outlets differ, with the article as the sampled unit.

``compare``
    Per feature and group: n, mean, median and an article-bootstrap percentile interval of
    the mean (Efron & Tibshirani 1993), seeded.
``group_tests``
    Kruskal-Wallis across groups and Mann-Whitney U for every pair, with Cliff's delta
    (Cliff 1993) as effect size, and Benjamini-Hochberg over all features and pairs.
``outlet_similarity``
    Jensen-Shannon divergence (base 2, 0 to 1; Lin 1991) or cosine similarity of the
    groups' term distributions.
``discriminate``
    How well groups can be told apart from their words: logistic regression on term
    frequencies, stratified cross-validation, accuracy and macro-F1 against the majority
    baseline, and the terms with the largest coefficients per group.
``match_events``
    Articles of different outlets about the same place within a date window, so that
    outlets are compared on the same news (METHODS.md section 5).
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.stats import false_discovery_control, kruskal, mannwhitneyu

from toolkit.copies import DropCopies, kept_articles
from toolkit.dtm import DocumentTermMatrix, group_indicator, group_labels, resolve_dtm
from toolkit.errors import check_count

__all__ = [
    "COMPARE_COLUMNS",
    "EVENT_SIMILARITY",
    "TEST_COLUMNS",
    "Discrimination",
    "category_shares",
    "cliffs_delta",
    "compare",
    "describe_events",
    "discriminate",
    "group_tests",
    "match_events",
    "outlet_similarity",
]

COMPARE_COLUMNS = ["feature", "group", "n", "mean", "median", "ci_low", "ci_high"]
TEST_COLUMNS = [
    "feature",
    "test",
    "group_a",
    "group_b",
    "n_a",
    "n_b",
    "statistic",
    "p",
    "p_adj",
    "effect",
    "effect_size",
]


#: Numeric corpus columns that are bookkeeping, not measures (never compared by default).
_NOT_FEATURES = frozenset(
    {"source_row", "near_duplicate_similarity", "n_chars_removed", "n_recurring"}
)


def _features(data: pd.DataFrame, by: str, features: Sequence[str] | None, func: str) -> list[str]:
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{func}() expects a DataFrame, got {type(data).__name__}")
    if by not in data.columns:
        raise KeyError(
            f"{func}(): by={by!r} is not a column; columns: {', '.join(map(str, data.columns))}"
        )
    if features is None:
        chosen = [
            c
            for c in data.columns
            if c != by
            and c not in _NOT_FEATURES
            and pd.api.types.is_numeric_dtype(data[c])
            and not pd.api.types.is_bool_dtype(data[c])
        ]
    else:
        chosen = [features] if isinstance(features, str) else list(features)
        missing = [f for f in chosen if f not in data.columns]
        if missing:
            raise KeyError(f"{func}(): feature(s) {missing} not in the data")
        bad = [f for f in chosen if not pd.api.types.is_numeric_dtype(data[f])]
        if bad:
            raise TypeError(f"{func}(): feature(s) {bad} are not numeric")
    if not chosen:
        raise ValueError(f"{func}(): no numeric feature to compare")
    return chosen


def _groups(data: pd.DataFrame, by: str, func: str) -> pd.Series:
    """The group labels as objects, missing ones (None, NaN, pd.NA) as None, so that
    ``labels == group`` is a plain boolean mask; the missing rows are left out, warned."""
    labels = data[by]
    missing = labels.isna()
    if missing.any():
        warnings.warn(
            f"{func}(): {int(missing.sum())} row(s) have no {by!r} and are left out",
            UserWarning,
            stacklevel=3,
        )
    return labels.astype(object).where(~missing, None)


def _check_finite(frame: pd.DataFrame, func: str) -> None:
    """An error naming the features that hold infinite values (a mean or a rank test of
    them means nothing): replace them, e.g. with NaN, first."""
    values = frame.to_numpy(dtype=float)
    bad = np.isinf(values).any(axis=0)
    if bad.any():
        names = [str(c) for c, b in zip(frame.columns, bad, strict=True) if b]
        raise ValueError(
            f"{func}(): feature(s) {names} hold infinite values ({int(np.isinf(values).sum())} "
            "in all); replace them first, e.g. data.replace([np.inf, -np.inf], np.nan)"
        )


def _order(values: Any) -> list[Any]:
    uniq = list(pd.unique(values))
    try:
        return sorted(uniq)
    except TypeError:
        return uniq


def compare(
    data: pd.DataFrame,
    *,
    by: str,
    features: Sequence[str] | None = None,
    within: str | None = None,
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = 0,
    drop_duplicates: DropCopies = False,
) -> pd.DataFrame:
    """Summarise features per group with article-bootstrap intervals.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per article with the ``by`` column and numeric features (e.g.
        ``corpus[["outlet"]].join(toolkit.features(corpus))``).
    by : str
        Grouping column.
    features : sequence of str, optional
        Columns to compare; all numeric columns by default.
    within : str, optional
        A column of matched events (:func:`match_events`): each feature is centred on its
        event mean first, so groups are compared on the same news. Rows without an event
        are left out.
    n_boot : int, default 2000
        Bootstrap resamples of articles within each group.
    ci : float, default 0.95
        Interval coverage.
    seed : int, default 0
        Seed; the same seed gives the same intervals.
    drop_duplicates : bool or {"exact", "near"}, default False
        Leave out copies before comparing: True or ``"exact"`` the rows flagged
        ``is_duplicate``, ``"near"`` also those flagged ``near_duplicate_of``
        (:func:`toolkit.near_duplicates`); ``data`` must carry those columns (join them
        from the corpus).

    Returns
    -------
    pandas.DataFrame
        One row per (feature, group): ``feature, group, n`` (articles with a value),
        ``mean, median, ci_low, ci_high`` (percentile interval of the mean). A group with
        one article has a zero-width interval; a feature with no value in a group has NaN
        (both warned).

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"outlet": ["A", "A", "A", "B", "B"],
    ...                      "tone": [0.1, 0.3, 0.2, -0.4, -0.2]})
    >>> compare(data, by="outlet", n_boot=500)[["group", "n", "mean", "median"]]
      group  n  mean  median
    0     A  3   0.2     0.2
    1     B  2  -0.3    -0.3
    """
    check_count("n_boot", n_boot, hint="0: no intervals; else resamples, e.g. 2000")
    data = data[kept_articles(data, drop_duplicates, "compare")]
    chosen = _features(data, by, features, "compare")
    labels = _groups(data, by, "compare")
    frame = data[chosen].astype(float)
    _check_finite(frame, "compare")
    if within is not None:
        if within not in data.columns:
            raise KeyError(f"compare(): within={within!r} is not a column")
        keep = data[within].notna()
        frame = frame[keep] - frame[keep].groupby(data.loc[keep, within]).transform("mean")
        labels = labels[keep]
    rng = np.random.default_rng(seed)
    rows = []
    small, empty = set(), set()
    for feature in chosen:
        for group in _order(labels.dropna()):
            values = frame.loc[(labels == group).to_numpy(), feature].dropna().to_numpy()
            n = len(values)
            if n == 0:
                empty.add((feature, group))
                rows.append((feature, group, 0, np.nan, np.nan, np.nan, np.nan))
                continue
            if n == 1:
                small.add(group)
            if n_boot:
                means = values[rng.integers(0, n, size=(n_boot, n))].mean(axis=1)
                lo, hi = np.quantile(means, [(1 - ci) / 2, 1 - (1 - ci) / 2])
            else:
                lo = hi = np.nan
            rows.append(
                (
                    feature,
                    group,
                    n,
                    float(values.mean()),
                    float(np.median(values)),
                    float(lo),
                    float(hi),
                )
            )
    if small:
        warnings.warn(
            f"compare(): group(s) {sorted(map(str, small))} have one article: their "
            "interval has zero width and says nothing about uncertainty",
            UserWarning,
            stacklevel=2,
        )
    if empty:
        warnings.warn(
            f"compare(): {len(empty)} (feature, group) pair(s) have no value "
            f"(e.g. {sorted(map(str, empty))[0]}); their statistics are NaN",
            UserWarning,
            stacklevel=2,
        )
    result = pd.DataFrame(rows, columns=COMPARE_COLUMNS)
    result.attrs["toolkit"] = {
        "function": "compare",
        "by": by,
        "within": within,
        "n_boot": n_boot,
        "ci": ci,
        "seed": seed,
    }
    return result


def cliffs_delta(a: Sequence[float] | np.ndarray, b: Sequence[float] | np.ndarray) -> float:
    """Cliff's delta: P(a > b) - P(a < b) over all pairs (Cliff 1993), -1 to 1.

    Examples
    --------
    >>> cliffs_delta([3, 4, 5], [1, 2, 3])
    0.8888888888888888
    """
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if len(x) == 0 or len(y) == 0:
        return float("nan")
    greater = (x[:, None] > y[None, :]).sum()
    less = (x[:, None] < y[None, :]).sum()
    return float((greater - less) / (len(x) * len(y)))


def group_tests(
    data: pd.DataFrame,
    *,
    by: str,
    features: Sequence[str] | None = None,
    drop_duplicates: DropCopies = False,
) -> pd.DataFrame:
    """Kruskal-Wallis across groups and Mann-Whitney U for each pair, BH-corrected.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per article with the ``by`` column and numeric features.
    by : str
        Grouping column.
    features : sequence of str, optional
        Columns to test; all numeric columns by default.
    drop_duplicates : bool or {"exact", "near"}, default False
        Leave out copies before comparing: True or ``"exact"`` the rows flagged
        ``is_duplicate``, ``"near"`` also those flagged ``near_duplicate_of``
        (:func:`toolkit.near_duplicates`); ``data`` must carry those columns (join them
        from the corpus).

    Returns
    -------
    pandas.DataFrame
        ``feature, test`` (``kruskal`` or ``mannwhitney``), ``group_a, group_b`` (empty for
        the omnibus test), ``n_a, n_b, statistic, p``, ``p_adj`` (Benjamini-Hochberg over
        every test of the table), ``effect`` (``epsilon_squared`` for Kruskal-Wallis,
        ``cliffs_delta`` for pairs; positive when ``group_a`` tends higher) and
        ``effect_size``. Tests that cannot run (a constant feature, a group without values)
        get NaN and a warning.

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"outlet": ["A"] * 4 + ["B"] * 4,
    ...                      "tone": [0.1, 0.3, 0.2, 0.4, -0.4, -0.2, -0.1, -0.3]})
    >>> tests = group_tests(data, by="outlet")
    >>> tests[["test", "group_a", "group_b", "p", "effect_size"]]
              test group_a group_b         p  effect_size
    0      kruskal                  0.020921     0.761905
    1  mannwhitney       A       B  0.028571     1.000000
    """
    data = data[kept_articles(data, drop_duplicates, "group_tests")]
    chosen = _features(data, by, features, "group_tests")
    labels = _groups(data, by, "group_tests")
    _check_finite(data[chosen].astype(float), "group_tests")
    groups = _order(labels.dropna())
    rows = []
    skipped = 0
    for feature in chosen:
        values = {
            g: data.loc[(labels == g).to_numpy(), feature].dropna().astype(float).to_numpy()
            for g in groups
        }
        present = [v for v in values.values() if len(v)]
        pooled = np.concatenate(present) if present else np.array([])
        constant = len(pooled) == 0 or np.all(pooled == pooled[0])
        if len(present) >= 2 and not constant:
            stat, p = kruskal(*present)
            n = len(pooled)
            eps2 = stat * (n + 1) / (n**2 - 1) if n > 1 else np.nan
        else:
            stat = p = eps2 = np.nan
            skipped += 1
        rows.append(
            (feature, "kruskal", "", "", len(pooled), np.nan, stat, p, "epsilon_squared", eps2)
        )
        for a, b in itertools.combinations(groups, 2):
            va, vb = values[a], values[b]
            if len(va) and len(vb) and not constant:
                u, pu = mannwhitneyu(va, vb, alternative="two-sided")
                delta = cliffs_delta(va, vb)
            else:
                u = pu = delta = np.nan
            rows.append(
                (feature, "mannwhitney", a, b, len(va), len(vb), u, pu, "cliffs_delta", delta)
            )
    if skipped:
        warnings.warn(
            f"group_tests(): {skipped} feature(s) are constant or lack two groups "
            "with values; their tests are NaN",
            UserWarning,
            stacklevel=2,
        )
    table = pd.DataFrame(
        rows,
        columns=[c for c in TEST_COLUMNS if c != "p_adj"],
    )
    table["n_b"] = table["n_b"].astype("Int64")
    ok = table["p"].notna().to_numpy()
    table["p_adj"] = np.nan
    if ok.any():
        table.loc[ok, "p_adj"] = false_discovery_control(table.loc[ok, "p"].to_numpy(), method="bh")
    return table[TEST_COLUMNS]


def outlet_similarity(
    corpus: pd.DataFrame,
    *,
    by: str,
    metric: Literal["jsd", "cosine"] = "jsd",
    dtm: DocumentTermMatrix | None = None,
) -> pd.DataFrame:
    """Pairwise Jensen-Shannon divergence or cosine similarity of groups' term distributions.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    by : str
        Grouping column.
    metric : {"jsd", "cosine"}, default "jsd"
        ``jsd``: Jensen-Shannon divergence with base-2 logarithms, 0 (same distribution) to
        1. ``cosine``: cosine similarity of the count vectors, 1 for the same direction.
    dtm : DocumentTermMatrix, optional
        A matrix of this corpus to reuse (stop words removed by default).

    Returns
    -------
    pandas.DataFrame
        Square, groups as index and columns (sorted), named by ``by``.

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> corpus = toolkit.as_corpus(pd.DataFrame({
    ...     "text": ["rebels shelled city", "rebels shelled city", "terrorists fled"],
    ...     "outlet": ["A", "B", "C"]}))
    >>> outlet_similarity(corpus, by="outlet").round(3)
    outlet    A    B    C
    outlet
    A       0.0  0.0  1.0
    B       0.0  0.0  1.0
    C       1.0  1.0  0.0
    """
    if metric not in ("jsd", "cosine"):
        raise ValueError(f"metric={metric!r} is not valid; use 'jsd' or 'cosine'")
    labels = group_labels(corpus, by, "outlet_similarity")
    dtm = resolve_dtm(corpus, dtm, {})
    groups, g = group_indicator(labels)
    counts = sp.csr_matrix(g @ dtm.matrix).astype(float)
    order = np.argsort(np.asarray(groups, dtype=str))
    names = [groups[i] for i in order]
    dense_rows = [np.asarray(counts[i].toarray()).ravel() for i in order]  # groups x vocab
    k = len(names)
    out = np.zeros((k, k))
    for i in range(k):
        for j in range(i, k):
            a, b = dense_rows[i], dense_rows[j]
            if metric == "cosine":
                denom = np.linalg.norm(a) * np.linalg.norm(b)
                value = float(a @ b / denom) if denom else np.nan
            else:
                p, q = a / a.sum(), b / b.sum()
                m = (p + q) / 2
                with np.errstate(divide="ignore", invalid="ignore"):
                    kl_p = np.where(p > 0, p * np.log2(p / m), 0.0).sum()
                    kl_q = np.where(q > 0, q * np.log2(q / m), 0.0).sum()
                value = float(max(0.0, (kl_p + kl_q) / 2))
            out[i, j] = out[j, i] = value
    index = pd.Index(names, name=by)
    return pd.DataFrame(out, index=index, columns=index.rename(by))


@dataclass(frozen=True)
class Discrimination:
    """The result of :func:`discriminate`.

    Attributes
    ----------
    scores : pandas.DataFrame
        ``metric`` (accuracy, macro_f1), ``model`` (cross-validated mean), ``model_sd``,
        ``baseline`` (majority class).
    terms : pandas.DataFrame
        ``group, term, coefficient, rank``: the terms with the largest positive
        coefficients for each group in a model fitted on all articles.
    groups : list
        The groups compared (those with enough articles).
    """

    scores: pd.DataFrame
    terms: pd.DataFrame
    groups: list[Any]


def discriminate(
    corpus: pd.DataFrame,
    *,
    by: str,
    dtm: DocumentTermMatrix | None = None,
    n_splits: int = 5,
    top: int = 15,
    drop_duplicates: DropCopies = True,
    C: float = 1.0,
    seed: int = 0,
) -> Discrimination:
    """How well can the groups be told apart from their words, and by which words?

    A multinomial logistic regression (scikit-learn, L2 penalty ``C``) on relative term
    frequencies (each article's counts divided by its tokens, then scaled per term),
    evaluated with stratified ``n_splits``-fold cross-validation against always predicting
    the largest group. Groups with fewer than ``n_splits`` articles are left out (warned).
    High accuracy can come from boilerplate (bylines, credit lines) as well as from framing:
    read the terms before drawing conclusions.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    by : str
        Grouping column.
    dtm : DocumentTermMatrix, optional
        A matrix of this corpus to reuse.
    n_splits : int, default 5
        Cross-validation folds.
    top : int, default 15
        Terms reported per group.
    drop_duplicates : bool or {"exact", "near"}, default True
        Leave out copies, which would inflate the accuracy: exact wire copy
        (``is_duplicate``), and with ``"near"`` near copies too
        (:func:`toolkit.near_duplicates`).
    C : float, default 1.0
        Inverse regularisation strength.
    seed : int, default 0
        Seed of the folds.

    Returns
    -------
    Discrimination
        ``.scores`` and ``.terms`` tables (see :class:`Discrimination`).
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold, cross_validate
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import MaxAbsScaler

    labels = group_labels(corpus, by, "discriminate")
    dtm = resolve_dtm(corpus, dtm, {})
    keep = labels.notna().to_numpy().copy()
    if "is_duplicate" in corpus.columns or drop_duplicates == "near":
        keep &= kept_articles(corpus, drop_duplicates, "discriminate")
    sizes = labels[keep].value_counts()
    too_small = sorted(map(str, sizes[sizes < n_splits].index))
    if too_small:
        warnings.warn(
            f"discriminate(): group(s) {too_small} have fewer than {n_splits} "
            "articles and are left out",
            UserWarning,
            stacklevel=2,
        )
        keep &= labels.isin(sizes[sizes >= n_splits].index).to_numpy()
    y = labels[keep].astype(str).to_numpy()
    if len(set(y)) < 2:
        raise ValueError(
            f"discriminate(): needs two or more groups with at least {n_splits} "
            f"articles each; found { ({str(k): int(v) for k, v in sizes.items()}) }"
        )
    x = dtm.matrix[keep].astype(float)
    x = sp.csr_matrix(sp.diags(1.0 / np.maximum(dtm.n_tokens[keep], 1)) @ x)
    model = make_pipeline(MaxAbsScaler(), LogisticRegression(C=C, max_iter=2000))
    folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    cv = cross_validate(model, x, y, cv=folds, scoring=("accuracy", "f1_macro"))
    majority = pd.Series(y).value_counts().index[0]
    base_pred = np.full(len(y), majority)
    scores = pd.DataFrame(
        {
            "metric": ["accuracy", "macro_f1"],
            "model": [cv["test_accuracy"].mean(), cv["test_f1_macro"].mean()],
            "model_sd": [cv["test_accuracy"].std(), cv["test_f1_macro"].std()],
            "baseline": [accuracy_score(y, base_pred), f1_score(y, base_pred, average="macro")],
        }
    )
    model.fit(x, y)
    clf = model[-1]
    coefs = clf.coef_
    classes = list(clf.classes_)
    if coefs.shape[0] == 1:  # two classes: one row of coefficients for the second class
        coefs = np.vstack([-coefs[0], coefs[0]])
    rows: list[tuple[Any, Any, float, int]] = []
    terms = dtm.terms.to_numpy()
    for k, group in enumerate(classes):
        best = np.argsort(-coefs[k])[:top]
        rows.extend((group, terms[j], float(coefs[k, j]), r + 1) for r, j in enumerate(best))
    return Discrimination(
        scores, pd.DataFrame(rows, columns=["group", "term", "coefficient", "rank"]), classes
    )


#: Least TF-IDF cosine between an article and its event's first article. In FA-KES, pairs of
#: articles on the same place from different outlets more than 30 days apart (different
#: events) exceed it 5% of the time (their 95th percentile is 0.155).
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


def category_shares(table: pd.DataFrame, *, group: str, category: str) -> pd.DataFrame:
    """Share of each category within each group, from a table with one row per item.

    For instance the source types of quotes per outlet:
    ``category_shares(quotes.join(corpus["outlet"], on="doc_id"), group="outlet",
    category="source_type")``. Missing categories count as ``"(none)"``.

    Returns
    -------
    pandas.DataFrame
        ``group, category, count, share`` (share of the group's items), sorted by group.

    Examples
    --------
    >>> import pandas as pd
    >>> q = pd.DataFrame({"outlet": ["A", "A", "B"], "verb_class": ["neutral", None, "neutral"]})
    >>> category_shares(q, group="outlet", category="verb_class")
      group category  count  share
    0     A   (none)      1    0.5
    1     A  neutral      1    0.5
    2     B  neutral      1    1.0
    """
    for col in (group, category):
        if col not in table.columns:
            raise KeyError(
                f"category_shares(): no column {col!r}; columns: "
                f"{', '.join(map(str, table.columns))}"
            )
    data = pd.DataFrame(
        {
            "group": table[group],
            "category": table[category].astype(object).where(table[category].notna(), "(none)"),
        }
    ).dropna(subset=["group"])
    counts = data.groupby(["group", "category"]).size().rename("count").reset_index()
    counts["share"] = counts["count"] / counts.groupby("group")["count"].transform("sum")
    return counts.sort_values(["group", "category"], kind="stable").reset_index(drop=True)
