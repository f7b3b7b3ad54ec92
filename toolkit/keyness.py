"""Keyness: which terms one group of articles uses more than another, and how sure we are.

For each comparison of a *target* group with a *reference* (another group, all other groups,
or general English) and each term, with ``a`` and ``b`` the term's counts and ``c`` and
``d`` the word tokens of target and reference:

``g2``
    Dunning's log-likelihood (Dunning 1993; Rayson & Garside 2000) on the full 2x2 table
    ``[[a, b], [c - a, d - b]]``: ``2 * sum(O * ln(O / E))`` over all four cells (not the
    two-cell shortcut), signed ``+`` when the term is relatively more frequent in the target.
``p``, ``p_adj``
    ``p`` from the chi-square distribution with 1 df; ``p_adj`` Benjamini-Hochberg (1995)
    over the terms of one comparison (:func:`scipy.stats.false_discovery_control`).
``log_ratio``
    Hardie's (2014) Log Ratio, ``log2((a / c) / (b / d))``, a zero count replaced by 0.5.
    An effect size: 1 means twice as frequent.
``log_odds_z``
    Monroe, Colaresi & Quinn's (2008) "Fightin' Words" z-score of the log-odds ratio with an
    informative Dirichlet prior ``alpha_w = alpha0 * (a + b) / sum(a + b)`` (the pooled
    share of the term in target and reference). Here ``n_i`` is the group's count over the
    matrix's vocabulary, so that ``alpha0 = sum(alpha_w)`` as the model requires.

Articles, not tokens, are the sampled unit: ``n_boot=N`` resamples articles within
target and reference and reports a percentile interval for ``log_ratio`` and the share of
resamples in which the term stays significant. Exact-duplicate wire copy can be left out
with ``drop_duplicates=True``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.stats import chi2, false_discovery_control

from toolkit._stats import g2_table
from toolkit.copies import DropCopies, kept_articles
from toolkit.dtm import (
    DocumentTermMatrix,
    StopWords,
    group_indicator,
    group_labels,
    group_order,
    resolve_dtm,
)
from toolkit.errors import check_count, renamed

__all__ = ["ENGLISH", "ENGLISH_REFERENCE_TOKENS", "keyness"]

#: ``reference=ENGLISH`` compares with general English word frequencies (wordfreq).
ENGLISH = "english"
#: Size, in tokens, given to the general-English reference when its frequencies are turned
#: into counts. Large enough that the reference behaves as a known distribution.
ENGLISH_REFERENCE_TOKENS = 1_000_000_000

KEYNESS_COLUMNS = [
    "target",
    "reference",
    "term",
    "count_target",
    "count_reference",
    "n_target",
    "n_reference",
    "rate_target",
    "rate_reference",
    "g2",
    "p",
    "p_adj",
    "log_ratio",
    "log_odds_z",
]


def _log_ratio(
    a: np.ndarray, b: np.ndarray, c: np.ndarray | float, d: np.ndarray | float
) -> np.ndarray:
    a0 = np.where(a > 0, a, 0.5)
    b0 = np.where(b > 0, b, 0.5)
    return np.log2((a0 / c) / (b0 / d))


def _signed_g2(
    a: np.ndarray, b: np.ndarray, c: np.ndarray | float, d: np.ndarray | float
) -> np.ndarray:
    g2 = g2_table(a, b, c - a, d - b)
    return np.where(a * d >= b * c, g2, -g2)


def _log_odds_z(a: np.ndarray, b: np.ndarray, alpha0: float) -> np.ndarray:
    pooled = a + b
    total = pooled.sum()
    if total <= 0:
        return np.zeros_like(a, dtype=float)
    alpha = alpha0 * pooled / total
    n_i, n_j = a.sum(), b.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = np.log((a + alpha) / (n_i + alpha0 - a - alpha)) - np.log(
            (b + alpha) / (n_j + alpha0 - b - alpha)
        )
        var = 1.0 / (a + alpha) + 1.0 / (b + alpha)
        return np.where(alpha > 0, delta / np.sqrt(var), 0.0)


def _bh(p: np.ndarray) -> np.ndarray:
    if len(p) == 0:
        return p
    return np.asarray(false_discovery_control(np.clip(p, 0.0, 1.0), method="bh"))


def _english_counts(terms: np.ndarray) -> np.ndarray:
    """Expected counts of each term in :data:`ENGLISH_REFERENCE_TOKENS` tokens of English."""
    try:
        from wordfreq import word_frequency
    except ImportError as err:  # pragma: no cover - wordfreq is a core dependency
        raise ImportError(
            "reference='english' needs the wordfreq package: pip install wordfreq"
        ) from err
    freqs = [word_frequency(str(t).replace("_", " "), "en") for t in terms]
    return np.asarray(freqs, dtype=float) * ENGLISH_REFERENCE_TOKENS


def _comparisons(
    groups: list[Any], target: Any, reference: Any, pairs: bool
) -> list[tuple[Any, Any]]:
    def check(name: str, value: Any) -> None:
        if value not in groups:
            shown = ", ".join(map(repr, group_order(groups)))
            raise ValueError(f"keyness(): {name}={value!r} is not a group; the groups are: {shown}")

    if pairs:
        if target is not None or reference is not None:
            raise ValueError(
                "keyness(): pairs=True compares all pairs; leave target and reference unset"
            )
        return list(itertools.combinations(group_order(groups), 2))
    if reference == ENGLISH:
        targets = [target] if target is not None else group_order(groups)
        if target is not None:
            check("target", target)
        return [(t, ENGLISH) for t in targets]
    if target is not None:
        check("target", target)
    if reference is not None:
        check("reference", reference)
        if target == reference:
            raise ValueError(f"keyness(): target and reference are the same group {target!r}")
    targets = [target] if target is not None else [g for g in group_order(groups) if g != reference]
    if len(groups) < 2 and reference is None:
        raise ValueError(
            f"keyness(): comparing with the rest needs two or more groups; found "
            f"{len(groups)} ({', '.join(map(repr, groups))}). Add articles of "
            f"another group, or use reference='english'"
        )
    return [(t, reference) for t in targets]


def _one_comparison(
    a: np.ndarray,
    b: np.ndarray,
    c: float,
    d: float,
    terms: np.ndarray,
    alpha0: float,
    target: Any,
    reference: Any,
) -> pd.DataFrame:
    present = (a + b) > 0
    if reference == ENGLISH:
        present = a > 0
    a_p, b_p, t_p = a[present], b[present], terms[present]
    g2 = _signed_g2(a_p, b_p, c, d)
    p = chi2.sf(np.abs(g2), 1)
    return pd.DataFrame(
        {
            "target": target,
            "reference": "(rest)" if reference is None else reference,
            "term": t_p,
            "count_target": a_p,
            "count_reference": b_p,
            "n_target": c,
            "n_reference": d,
            "rate_target": 1000.0 * a_p / c if c else np.nan,
            "rate_reference": 1000.0 * b_p / d if d else np.nan,
            "g2": g2,
            "p": p,
            "p_adj": _bh(p),
            "log_ratio": _log_ratio(a_p, b_p, c, d),
            "log_odds_z": _log_odds_z(a_p, b_p, alpha0),
        }
    )


class _Side:
    """The articles of one side of a comparison, resampled with replacement: the draw of
    :func:`toolkit._stats.bootstrap_interval`, one resample at a time, as weights on the
    sparse counts (a dense resample of terms by articles would not fit in memory)."""

    def __init__(self, matrix: sp.csr_matrix, n_tokens: np.ndarray, present: np.ndarray):
        self.counts_t = sp.csr_matrix(sp.csc_matrix(matrix[:, present]).T)  # terms x docs
        self.n_tokens = n_tokens
        self.n_docs = int(matrix.shape[0])

    def draw(self, rng: np.random.Generator) -> tuple[np.ndarray, float]:
        weights = np.bincount(rng.integers(0, self.n_docs, self.n_docs), minlength=self.n_docs)
        return self.counts_t @ weights, max(float(self.n_tokens @ weights), 1.0)


def _bootstrap(
    target: _Side,
    reference: _Side | tuple[np.ndarray, float],
    sign: np.ndarray,
    n_boot: int,
    alpha: float,
    ci: float,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Percentile interval of log_ratio and share of resamples staying significant.

    A fixed ``reference`` (counts, tokens) is not resampled (general English).
    """
    m = len(sign)
    ratios = np.empty((n_boot, m), dtype=np.float32)  # float32: n_boot x terms can be large
    stays = np.zeros(m, dtype=np.int64)
    for k in range(n_boot):
        a, c = target.draw(rng)
        b, d = reference.draw(rng) if isinstance(reference, _Side) else reference
        ratios[k] = _log_ratio(a, b, c, d)
        g2 = _signed_g2(a, b, c, d)
        p_adj = _bh(chi2.sf(np.abs(g2), 1))
        stays += (p_adj < alpha) & (np.sign(g2) == sign)
    lo, hi = np.quantile(ratios, [(1 - ci) / 2, 1 - (1 - ci) / 2], axis=0)
    return lo, hi, stays / n_boot


def keyness(
    corpus: pd.DataFrame,
    *,
    by: str,
    target: Any = None,
    reference: Any = None,
    pairs: bool = False,
    alpha0: float = 1000.0,
    dtm: DocumentTermMatrix | None = None,
    ngram_range: tuple[int, int] = (1, 1),
    stop_words: StopWords = "english",
    phrases: Sequence[str] | None = None,
    min_count: int = 1,
    drop_duplicates: DropCopies = False,
    n_boot: int = 0,
    alpha: float = 0.05,
    ci: float = 0.95,
    seed: int = 0,
    bootstrap: int | None = None,
) -> pd.DataFrame:
    """Compare the words of groups of articles (see the module docstring for the measures).

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    by : str
        Column whose values are the groups (e.g. ``"outlet"``).
    target : optional
        Group to characterise; ``None`` compares every group in turn.
    reference : optional
        A group name; ``None`` for all other groups together; or ``"english"``
        (:data:`ENGLISH`) for general English word frequencies from the wordfreq package
        (then ``count_reference`` is an expected count in a reference of
        :data:`ENGLISH_REFERENCE_TOKENS` tokens), which characterises even one article.
    pairs : bool, default False
        Compare every pair of groups once (the first in sorted order is the target).
    alpha0 : float, default 1000
        Strength of the Fightin' Words prior, in pseudo-tokens.
    dtm : DocumentTermMatrix, optional
        A matrix built from this corpus, to reuse (see :func:`toolkit.document_term_matrix`).
    ngram_range, stop_words, phrases
        As in :func:`toolkit.document_term_matrix`, when ``dtm`` is not given.
    min_count : int, default 1
        Keep terms with at least this count in target and reference together.
    drop_duplicates : bool or {"exact", "near"}, default False
        Leave out copies: True or ``"exact"`` the articles flagged ``is_duplicate``
        (exact wire copy of an earlier one), ``"near"`` also those flagged by
        :func:`toolkit.near_duplicates` (syndicated copy with a few sentences changed).
    n_boot : int, default 0
        Number of article resamples (the name :func:`toolkit.compare` uses too); when > 0
        adds ``log_ratio_ci_low``, ``log_ratio_ci_high`` and ``share_significant`` (share
        of resamples with ``p_adj < alpha`` and the same sign).
    alpha, ci : float
        Significance level for ``share_significant``; interval coverage.
    seed : int, default 0
        Seed of the bootstrap; the same seed gives the same intervals.
    bootstrap : int, optional
        The old name of ``n_boot`` (deprecated).

    Returns
    -------
    pandas.DataFrame
        One row per (comparison, term) with columns ``target, reference, term,
        count_target, count_reference, n_target, n_reference, rate_target, rate_reference,
        g2, p, p_adj, log_ratio, log_odds_z`` (rates per 1,000 tokens; ``reference`` is
        ``"(rest)"`` for all other groups), sorted by comparison and ``g2`` descending.

    Raises
    ------
    KeyError
        If ``by`` is not a column.
    ValueError
        If a target or reference is not a group (the message lists the groups), or a
        comparison has no articles.

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> corpus = toolkit.as_corpus(pd.DataFrame({
    ...     "text": ["Rebels shelled the city.", "Rebels advanced.",
    ...              "Terrorists shelled the city.", "Terrorists fled."],
    ...     "outlet": ["Reuters", "Reuters", "SANA", "SANA"]}))
    >>> key = keyness(corpus, by="outlet", target="SANA", reference="Reuters")
    >>> key.set_index("term").loc[["terrorists", "rebels", "shelled"],
    ...                           ["count_target", "count_reference", "log_ratio"]]
                count_target  count_reference  log_ratio
    term
    terrorists             2                0        2.0
    rebels                 0                2       -2.0
    shelled                1                1        0.0
    """
    n_boot = renamed("keyness", "bootstrap", bootstrap, "n_boot", n_boot, 0)
    check_count("n_boot", n_boot, hint="0: no bootstrap; else resamples, e.g. 1000")
    labels = group_labels(corpus, by, "keyness")
    keep_rows = kept_articles(corpus, drop_duplicates, "keyness")
    dtm = resolve_dtm(
        corpus, dtm, {"ngram_range": ngram_range, "stop_words": stop_words, "phrases": phrases}
    )
    if not keep_rows.all():
        dtm = dtm.rows(keep_rows)
        labels = labels[keep_rows]
    groups, g = group_indicator(labels)
    comparisons = _comparisons(groups, target, reference, pairs)
    group_counts = sp.csr_matrix(g @ dtm.matrix)
    group_tokens = g @ dtm.n_tokens
    index = {grp: i for i, grp in enumerate(groups)}
    total_counts = np.asarray(group_counts.sum(axis=0)).ravel().astype(float)
    total_tokens = float(group_tokens.sum())
    terms = dtm.terms.to_numpy()
    english = _english_counts(terms) if reference == ENGLISH else None
    rng = np.random.default_rng(seed)
    label_values = labels.to_numpy()

    tables = []
    for tgt, ref in comparisons:
        i = index[tgt]
        a = group_counts[i].toarray().ravel().astype(float)
        c = float(group_tokens[i])
        if ref == ENGLISH:
            b, d = english, float(ENGLISH_REFERENCE_TOKENS)
        elif ref is None:
            b, d = total_counts - a, total_tokens - c
        else:
            j = index[ref]
            b = group_counts[j].toarray().ravel().astype(float)
            d = float(group_tokens[j])
        if c == 0 or d == 0:
            raise ValueError(
                f"keyness(): the comparison {tgt!r} vs "
                f"{'the rest' if ref is None else repr(ref)} has a side with no "
                f"tokens"
            )
        assert b is not None
        table = _one_comparison(a, b, c, d, terms, alpha0, tgt, ref)
        if n_boot:
            present = (a > 0) if ref == ENGLISH else (a + b) > 0
            in_t = label_values == tgt
            side_t = _Side(dtm.matrix[in_t], dtm.n_tokens[in_t], present)
            if ref == ENGLISH:
                side_r: _Side | tuple[np.ndarray, float] = (b[present], d)
            else:
                in_r = label_values != tgt if ref is None else label_values == ref
                side_r = _Side(dtm.matrix[in_r], dtm.n_tokens[in_r], present)
            lo, hi, share = _bootstrap(
                side_t, side_r, np.sign(table["g2"].to_numpy()), n_boot, alpha, ci, rng
            )
            table = table.assign(log_ratio_ci_low=lo, log_ratio_ci_high=hi, share_significant=share)
        pooled = table["count_target"] + (0 if ref == ENGLISH else table["count_reference"])
        table = table[pooled >= min_count]
        tables.append(table.sort_values(["g2", "term"], ascending=[False, True], kind="stable"))
    if not tables:
        result = pd.DataFrame(columns=KEYNESS_COLUMNS)
    else:
        result = pd.concat(tables, ignore_index=True)
    result["count_target"] = result["count_target"].astype(np.int64)
    if reference != ENGLISH:
        result["count_reference"] = result["count_reference"].astype(np.int64)
    result.attrs["toolkit"] = {
        "function": "keyness",
        "by": by,
        "target": target,
        "reference": reference,
        "pairs": pairs,
        "alpha0": alpha0,
        "drop_duplicates": drop_duplicates,
        "n_boot": n_boot,
        "seed": seed,
        **dtm.options,
    }
    return result
