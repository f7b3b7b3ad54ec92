"""Small statistical kernels shared by the measures (vectorised, no pandas): Dunning's G2
and the one article bootstrap."""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np
from scipy.special import xlogy
from scipy.stats import DegenerateDataWarning, bootstrap


def g2_table(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Dunning's log-likelihood G2 of 2x2 tables ``[[a, b], [c, d]]`` (unsigned).

    ``G2 = 2 * sum(O * ln(O / E))`` over the four cells, ``E = row * col / N`` and
    ``0 * ln 0 = 0`` (Dunning 1993). Arrays broadcast; the result is float64.

    Examples
    --------
    >>> round(float(g2_table(np.array(10.0), np.array(5.0), np.array(990.0),
    ...                      np.array(1995.0))), 6)
    6.969192
    """
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    n = a + b + c + d
    r1, r2 = a + b, c + d
    c1, c2 = a + c, b + d
    with np.errstate(divide="ignore", invalid="ignore"):
        total = (
            xlogy(a, a * n / (r1 * c1))
            + xlogy(b, b * n / (r1 * c2))
            + xlogy(c, c * n / (r2 * c1))
            + xlogy(d, d * n / (r2 * c2))
        )
    return np.maximum(2.0 * np.nan_to_num(total, nan=0.0), 0.0)


def bootstrap_interval(
    data: np.ndarray,
    statistic: Callable[..., np.ndarray],
    *,
    n_boot: int,
    ci: float,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap interval with articles as the resampled unit: the toolkit's one
    bootstrap (Efron & Tibshirani 1993, ch. 13), by :func:`scipy.stats.bootstrap`.

    ``data`` has a row per article; each of the ``n_boot`` resamples draws as many rows
    with replacement (``rng.integers(0, n, (n_boot, n))``), and ``statistic(resample,
    axis=-1)`` is computed on it vectorised (scipy moves the articles to the last axis).
    The interval is the ``(1 - ci) / 2`` and ``1 - (1 - ci) / 2`` quantiles of the
    resampled statistic (linear interpolation, resamples whose statistic is NaN left out);
    one article gives its own value at both ends.

    :func:`toolkit.keyness` resamples a sparse terms-by-articles matrix instead, which
    scipy would make dense: it draws the same way, one resample at a time.

    Examples
    --------
    >>> values = np.array([1.0, 2.0, 3.0, 10.0])
    >>> lo, hi = bootstrap_interval(values, np.mean, n_boot=2000, ci=0.9,
    ...                             rng=np.random.default_rng(0))
    >>> bool(1.0 <= lo < values.mean() < hi <= 10.0)
    True
    """
    if len(data) == 1:  # the one resample is the sample (scipy wants two observations)
        value = np.asarray(statistic(np.moveaxis(data, 0, -1), axis=-1))
        return value, value
    with warnings.catch_warnings():
        # scipy's own interval, not used, warns of resamples with a NaN statistic
        warnings.simplefilter("ignore", DegenerateDataWarning)
        result = bootstrap(
            (data,),
            statistic,
            n_resamples=n_boot,
            confidence_level=ci,
            method="percentile",
            vectorized=True,
            axis=0,
            rng=rng,
        )
    # the quantiles of the resampled statistic as numpy computes them (scipy's own
    # percentile may round the last bit differently); NaN resamples are left out
    tail = (1 - ci) / 2
    lo = np.nanquantile(result.bootstrap_distribution, tail, axis=-1)
    hi = np.nanquantile(result.bootstrap_distribution, 1 - tail, axis=-1)
    return np.asarray(lo), np.asarray(hi)
