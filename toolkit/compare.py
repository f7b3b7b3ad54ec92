"""Comparative statistics: how outlets differ, with the article as the sampled unit.

``compare``
    Per feature and group: n, mean, median and an article-bootstrap percentile interval of
    the mean (Efron & Tibshirani 1993), seeded.
``group_tests``
    Kruskal-Wallis across groups and Mann-Whitney U for every pair, with Cliff's delta
    (Cliff 1993) as effect size, and Benjamini-Hochberg over all features and pairs.

The outlets' words are compared in :mod:`toolkit.outlets`; matched events are in
:mod:`toolkit.events`.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import false_discovery_control, kruskal, mannwhitneyu

from toolkit._stats import bootstrap_interval
from toolkit.copies import DropCopies, kept_articles
from toolkit.errors import check_count, renamed

__all__ = [
    "COMPARE_COLUMNS",
    "TEST_COLUMNS",
    "category_shares",
    "cliffs_delta",
    "compare",
    "group_tests",
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


def feature_columns(
    data: pd.DataFrame, by: str, features: Sequence[str] | None, func: str
) -> list[str]:
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


def group_column(data: pd.DataFrame, by: str, func: str) -> pd.Series:
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


def check_finite(frame: pd.DataFrame, func: str) -> None:
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


def group_order_of(values: Any) -> list[Any]:
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
    chosen = feature_columns(data, by, features, "compare")
    labels = group_column(data, by, "compare")
    frame = data[chosen].astype(float)
    check_finite(frame, "compare")
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
        for group in group_order_of(labels.dropna()):
            values = frame.loc[(labels == group).to_numpy(), feature].dropna().to_numpy()
            n = len(values)
            if n == 0:
                empty.add((feature, group))
                rows.append((feature, group, 0, np.nan, np.nan, np.nan, np.nan))
                continue
            if n == 1:
                small.add(group)
            lo = hi = np.nan
            if n_boot:
                low, high = bootstrap_interval(values, np.mean, n_boot=n_boot, ci=ci, rng=rng)
                lo, hi = float(low), float(high)
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
    chosen = feature_columns(data, by, features, "group_tests")
    labels = group_column(data, by, "group_tests")
    check_finite(data[chosen].astype(float), "group_tests")
    groups = group_order_of(labels.dropna())
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


def category_shares(
    table: pd.DataFrame, *, by: str = "", category: str, group: str | None = None
) -> pd.DataFrame:
    """Share of each category within each group, from a table with one row per item.

    For instance the source types of quotes per outlet:
    ``category_shares(quotes.join(corpus["outlet"], on="doc_id"), by="outlet",
    category="source_type")``. Missing categories count as ``"(none)"``.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per item.
    by : str
        The column that holds each item's group, as every other function names it.
    category : str
        The column that holds each item's category.
    group : str, optional
        The old name of ``by`` (deprecated).

    Returns
    -------
    pandas.DataFrame
        ``group, category, count, share`` (share of the group's items), sorted by group.

    Examples
    --------
    >>> import pandas as pd
    >>> q = pd.DataFrame({"outlet": ["A", "A", "B"], "verb_class": ["neutral", None, "neutral"]})
    >>> category_shares(q, by="outlet", category="verb_class")
      group category  count  share
    0     A   (none)      1    0.5
    1     A  neutral      1    0.5
    2     B  neutral      1    1.0
    """
    by = renamed("category_shares", "group", group, "by", by, "")
    if not by:
        raise TypeError("category_shares(): give by=, the column of each item's group")
    group = by
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
