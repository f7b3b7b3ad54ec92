"""How different the outlets' words are: divergence of their term distributions
(``outlet_similarity``) and how well a classifier tells them apart (``discriminate``)."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp

from toolkit.copies import DropCopies, kept_articles
from toolkit.dtm import DocumentTermMatrix, group_indicator, group_labels, resolve_dtm

__all__ = ["Discrimination", "discriminate", "outlet_similarity"]


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
