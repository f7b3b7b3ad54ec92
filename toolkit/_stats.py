"""Small statistical kernels shared by the term and keyness modules (vectorised, no pandas)."""

from __future__ import annotations

import numpy as np
from scipy.special import xlogy


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
