"""Validation: check an automatic measure against human codes, and coders against each other.

"Validate, validate, validate" (Grimmer & Stewart 2013): off-the-shelf dictionaries agree
poorly with human coding of news (van Atteveldt, van der Velden & Boukes 2021). Draw a
sample, code it by hand, and compare (METHODS.md section 9):

* :func:`validate` compares automatic scores with gold codes: precision, recall and F1 of
  the thresholded score against a binary code, ROC AUC of the raw score, and Spearman's rho
  for ordinal or continuous codes; per group when asked (report per outlet).
* :func:`krippendorff_alpha` measures agreement between human coders (Krippendorff 2004,
  2011), for nominal, ordinal, interval or ratio codes, with missing values allowed.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy.stats import rankdata, spearmanr

__all__ = ["VALIDATION_COLUMNS", "krippendorff_alpha", "sample_for_coding", "validate"]

VALIDATION_COLUMNS = [
    "measure",
    "group",
    "n",
    "n_positive",
    "threshold",
    "precision",
    "recall",
    "f1",
    "roc_auc",
    "spearman",
    "spearman_p",
]


def _roc_auc(y: np.ndarray, score: np.ndarray) -> float:
    """Area under the ROC curve via the Mann-Whitney U statistic (ties count half)."""
    pos, neg = y == 1, y == 0
    n_pos, n_neg = int(pos.sum()), int(neg.sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    ranks = rankdata(score)
    u = ranks[pos].sum() - n_pos * (n_pos + 1) / 2
    return float(u / (n_pos * n_neg))


def _one(measure: Hashable, group: Hashable, s: pd.Series, g: pd.Series, threshold: float) -> tuple:
    both = s.notna() & g.notna()
    s, g = s[both].astype(float), g[both].astype(float)
    n = len(s)
    binary = set(np.unique(g)) <= {0.0, 1.0}
    if binary and n:
        y = g.to_numpy()
        pred = (s.to_numpy() >= threshold).astype(float)
        tp = float(((pred == 1) & (y == 1)).sum())
        precision = tp / pred.sum() if pred.sum() else float("nan")
        recall = tp / y.sum() if y.sum() else float("nan")
        f1 = (
            2 * precision * recall / (precision + recall)
            if precision + recall > 0
            else float("nan")
        )
        auc = _roc_auc(y, s.to_numpy())
        n_positive = int(y.sum())
    else:
        precision = recall = f1 = auc = float("nan")
        n_positive = None
    if n >= 3 and s.nunique() > 1 and g.nunique() > 1:
        rho, p = spearmanr(s, g)
    else:
        rho = p = float("nan")
    return (
        measure,
        group,
        n,
        n_positive,
        threshold if binary else None,
        precision,
        recall,
        f1,
        auc,
        float(rho),
        float(p),
    )


def validate(
    scores: pd.Series | pd.DataFrame,
    gold: pd.Series | pd.DataFrame,
    *,
    threshold: float = 0.5,
    by: str | pd.Series | None = None,
) -> pd.DataFrame:
    """Compare automatic scores with human (gold) codes.

    Parameters
    ----------
    scores : pandas.Series or DataFrame
        The automatic measure(s), indexed by doc_id (columns are measures).
    gold : pandas.Series or DataFrame
        Human codes with the same index; a DataFrame's columns are matched to the score
        columns by name. Binary codes (0/1) get precision, recall, F1 and ROC AUC; any
        numeric codes get Spearman's rho.
    threshold : float, default 0.5
        A score at or above it counts as a positive prediction.
    by : str, optional
        A column of ``gold`` (looked up first) or of ``scores`` holding each document's
        group, such as ``"outlet"``: adds one row per group; the column is not a measure.
        A Series of groups still works for one release, with a DeprecationWarning.

    Returns
    -------
    pandas.DataFrame
        One row per (measure, group) with ``measure, group`` ("all" first), ``n`` (documents
        with both values), ``n_positive``, ``threshold``, ``precision, recall, f1, roc_auc``
        (NaN for non-binary codes), ``spearman, spearman_p``.

    Examples
    --------
    >>> import pandas as pd
    >>> scores = pd.Series([0.9, 0.6, 0.4, 0.1, 0.7], index=list("abcde"), name="conflict")
    >>> gold = pd.Series([1, 1, 0, 0, 0], index=list("abcde"), name="conflict")
    >>> validate(scores, gold)[["measure", "n", "precision", "recall", "roc_auc"]]
        measure  n  precision  recall   roc_auc
    0  conflict  5   0.666667     1.0  0.833333
    """
    score_frame = scores.to_frame() if isinstance(scores, pd.Series) else scores
    gold_frame = gold.to_frame() if isinstance(gold, pd.Series) else gold
    if isinstance(scores, pd.Series) and isinstance(gold, pd.Series):
        gold_frame = gold.to_frame(name=score_frame.columns[0])
    by_groups: pd.Series | None = None
    if isinstance(by, pd.Series):
        warnings.warn(
            "validate(by=<Series>) is deprecated: give a column name, e.g. "
            "validate(scores, gold.join(corpus['outlet']), by='outlet')",
            DeprecationWarning,
            stacklevel=2,
        )
        by_groups = by
    elif by is not None:
        if by in gold_frame.columns:
            by_groups, gold_frame = gold_frame[by], gold_frame.drop(columns=by)
        elif by in score_frame.columns:
            by_groups, score_frame = score_frame[by], score_frame.drop(columns=by)
        else:
            raise KeyError(
                f"validate(): by={by!r} is not a column of gold ({list(gold_frame.columns)}) "
                f"or of scores ({list(score_frame.columns)})"
            )
    missing = [c for c in score_frame.columns if c not in gold_frame.columns]
    if missing:
        raise KeyError(
            f"validate(): no gold codes for {missing}; gold has columns {list(gold_frame.columns)}"
        )
    common = score_frame.index.intersection(gold_frame.index)
    if len(common) == 0:
        raise ValueError("validate(): scores and gold share no index values (doc_ids)")
    rows = []
    for col in score_frame.columns:
        s, g = score_frame.loc[common, col], gold_frame.loc[common, col]
        rows.append(_one(col, "all", s, g, threshold))
        if by_groups is not None:
            groups = by_groups.reindex(common)
            for grp in sorted(groups.dropna().unique(), key=str):
                mask = (groups == grp).to_numpy()
                rows.append(_one(col, grp, s[mask], g[mask], threshold))
    return pd.DataFrame(rows, columns=VALIDATION_COLUMNS)


def _distance(level: str, values: np.ndarray, counts: np.ndarray) -> np.ndarray:
    v = values.astype(float)
    diff = v[:, None] - v[None, :]
    if level == "nominal":
        return (diff != 0).astype(float)
    if level == "interval":
        return diff**2
    if level == "ratio":
        total = v[:, None] + v[None, :]
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(total == 0, 0.0, (diff / total) ** 2)
    # ordinal: squared sum of the marginal counts between two ranks, minus half the ends
    cum = np.cumsum(counts)
    d = np.zeros((len(v), len(v)))
    for i in range(len(v)):
        for j in range(len(v)):
            lo, hi = min(i, j), max(i, j)
            inner = cum[hi] - (cum[lo - 1] if lo > 0 else 0)
            d[i, j] = (inner - (counts[i] + counts[j]) / 2) ** 2
    return d


def krippendorff_alpha(
    codes: pd.DataFrame | np.ndarray,
    *,
    level: Literal["nominal", "ordinal", "interval", "ratio"] = "nominal",
) -> float:
    """Krippendorff's alpha for two or more coders, missing codes allowed.

    ``alpha = 1 - D_o / D_e`` from the coincidence matrix of pairable values (Krippendorff
    2011, "Computing Krippendorff's Alpha-Reliability"); units coded by fewer than two coders
    are left out.

    Parameters
    ----------
    codes : pandas.DataFrame or numpy array
        One row per unit (article), one column per coder; NaN where a coder did not code.
        (Transpose a coders-by-units table first.)
    level : {"nominal", "ordinal", "interval", "ratio"}, default "nominal"
        Level of measurement, which sets the distance between values.

    Returns
    -------
    float

    Examples
    --------
    Krippendorff's (2011) worked example: 4 coders, 12 units, missing codes.

    >>> import numpy as np
    >>> nan = np.nan
    >>> coders = np.array([
    ...     [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    ...     [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    ...     [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    ...     [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]])
    >>> round(krippendorff_alpha(coders.T), 3), round(krippendorff_alpha(coders.T,
    ...                                                                  level="interval"), 3)
    (0.743, 0.849)
    """
    if level not in ("nominal", "ordinal", "interval", "ratio"):
        raise ValueError(
            f"level={level!r} is not valid; use 'nominal', 'ordinal', 'interval' or 'ratio'"
        )
    data = (
        codes.to_numpy(dtype=float)
        if isinstance(codes, pd.DataFrame)
        else np.asarray(codes, dtype=float)
    )
    if data.ndim != 2 or data.shape[1] < 2:
        raise ValueError(
            "krippendorff_alpha() expects units as rows and at least two coders as columns"
        )
    values = np.unique(data[~np.isnan(data)])
    if len(values) == 0:
        raise ValueError("krippendorff_alpha(): no codes")
    index = {v: i for i, v in enumerate(values)}
    k = len(values)
    coincidence = np.zeros((k, k))
    for unit in data:
        present = unit[~np.isnan(unit)]
        m = len(present)
        if m < 2:
            continue
        counts = np.zeros(k)
        for v in present:
            counts[index[v]] += 1
        coincidence += (np.outer(counts, counts) - np.diag(counts)) / (m - 1)
    n_c = coincidence.sum(axis=1)
    n = n_c.sum()
    if n == 0:
        raise ValueError("krippendorff_alpha(): no unit was coded by two or more coders")
    delta = _distance(level, values, n_c)
    observed = (coincidence * delta).sum() / n
    expected = (np.outer(n_c, n_c) * delta).sum() / (n * (n - 1))
    if expected == 0:
        return 1.0
    return float(1 - observed / expected)


def sample_for_coding(
    corpus: pd.DataFrame,
    *,
    by: str = "outlet",
    n_per_group: int = 10,
    codes: tuple[str, ...] = (
        "conflict",
        "human_interest",
        "responsibility",
        "morality",
        "economic",
    ),
    coders: tuple[str, ...] = ("coder1", "coder2"),
    seed: int = 0,
) -> pd.DataFrame:
    """Draw a stratified sample of articles and lay it out as a coding sheet.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    by : str, default "outlet"
        Stratum: up to ``n_per_group`` articles from each group (all of a smaller group).
    n_per_group : int, default 10
    codes : tuple of str
        The variables to code (default: the five generic frames, 0/1).
    coders : tuple of str
        One empty column per variable and coder (``<code>__<coder>``).
    seed : int, default 0
        The same seed draws the same sample.

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id``: ``by``, ``title``, ``text`` and the empty code columns, ready to be
        written to CSV, filled in a spreadsheet and read back for :func:`validate` and
        :func:`krippendorff_alpha`.

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> corpus = toolkit.as_corpus(pd.DataFrame({"text": list("abcde"),
    ...                                          "outlet": list("AABBB")}))
    >>> sheet = sample_for_coding(corpus, n_per_group=2, codes=("conflict",))
    >>> sheet["outlet"].value_counts().to_dict(), list(sheet.columns[-2:])
    ({'A': 2, 'B': 2}, ['conflict__coder1', 'conflict__coder2'])
    """
    if by not in corpus.columns:
        raise KeyError(f"sample_for_coding(): by={by!r} is not a column of the corpus")
    rng = np.random.default_rng(seed)
    picks: list[Any] = []
    for _, part in corpus.groupby(by, sort=True):
        k = min(n_per_group, len(part))
        picks.extend(part.index[np.sort(rng.choice(len(part), size=k, replace=False))])
    cols = [c for c in (by, "title", "text") if c in corpus.columns]
    sheet = pd.DataFrame(corpus.loc[picks][cols]).copy()
    for code in codes:
        for coder in coders:
            sheet[f"{code}__{coder}"] = pd.Series(np.nan, index=sheet.index, dtype="Float64")
    return sheet
