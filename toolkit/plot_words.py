"""Figures of words and labels: label shares, keyness, term trends, mixes of categories,
removed boilerplate, outlet similarity and the corpus timeline (re-exported by
:mod:`toolkit.plot`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes

from toolkit.cleanrules import REMOVAL_KINDS
from toolkit.figure_style import (
    OTHER_COLOR,
    PALETTE,
    Groups,
    category_colors,
    new_axes,
    outside_legend,
    period_lines,
    pretty,
    require_columns,
    right_counts,
    small_note,
    tick_labels,
)
from toolkit.labelling import load_label_sets


def _label_order(referent: str, present: Sequence[str]) -> list[str]:
    """A referent's labels in the order of the shipped label set that defines them (so a
    label keeps its colour in every figure), else alphabetically."""
    shipped = load_label_sets("war").referents.get(referent, {})
    if shipped and set(present) <= set(shipped):
        return list(shipped)
    return sorted(set(present), key=str)


def plot_label_shares(
    shares: pd.DataFrame,
    *,
    referent: str,
    labels: list[str] | None = None,
    top: int = 5,
    groups: Groups | None = None,
    colors: Mapping[str, Any] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Stacked bars: each group's mentions of one referent split by label, with "other".

    Every bar sums to all the referent's mentions in the group: the labels not drawn are
    pooled as "other" (grey). Intervals of each share are in the table
    (:func:`toolkit.label_shares`).

    Parameters
    ----------
    shares : pandas.DataFrame
        The output of :func:`toolkit.label_shares`.
    referent : str
        E.g. ``"armed_opposition"``.
    labels : list of str, optional
        Labels to draw; by default the ``top`` labels by total count.
    top : int, default 5
    groups : Groups, optional
        The report's group order and article counts (:func:`group_style`).
    colors : mapping, optional
        Label -> colour; by default :func:`category_colors` over the referent's labels in
        the shipped label set's order, so a label has one colour in every figure.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> shares = pd.DataFrame({"group": ["A", "A", "A", "B"], "referent": ["r"] * 4,
    ...     "label": ["rebels", "terrorists", "militants", "terrorists"],
    ...     "count": [3, 1, 1, 2], "total": [5, 5, 5, 2], "share": [0.6, 0.2, 0.2, 1.0]})
    >>> ax = plot_label_shares(shares, referent="r", top=2)
    >>> [t.get_text() for t in ax.figure.legends[0].get_texts()]
    ['rebels', 'terrorists', 'other']
    >>> [round(float(p.get_width()), 2) for p in ax.patches]  # A then B, label by label
    [0.6, 0.0, 0.2, 1.0, 0.2, 0.0]
    """
    require_columns(shares, ["group", "referent", "label", "count", "share"], "plot_label_shares")
    data = shares[shares["referent"] == referent]
    if data.empty:
        raise ValueError(
            f"plot_label_shares(): no rows for referent {referent!r}; referents: "
            f"{sorted(shares['referent'].unique())}"
        )
    totals = data.groupby("label")["count"].sum().sort_values(ascending=False, kind="stable")
    canonical = _label_order(referent, list(totals.index))
    if labels is None:
        chosen = set(totals.index[:top])
        labels = [lab for lab in canonical if lab in chosen]
    palette = dict(colors) if colors else category_colors([*canonical, "other"])
    wide = data.pivot_table(index="group", columns="label", values="share", aggfunc="sum")
    wide = wide.reindex(columns=labels).fillna(0.0)
    wide["other"] = (1.0 - wide[labels].sum(axis=1)).clip(lower=0.0)
    mentions = data.groupby("group")["count"].sum()
    order = groups.arrange(wide.index) if groups else sorted(wide.index, key=str)
    wide = wide.loc[order]
    ax = new_axes(len(order), ax, width=8.0)
    y = np.arange(len(order))
    left = np.zeros(len(order))
    for label in [*labels, "other"]:
        values = wide[label].to_numpy()
        ax.barh(y, values, left=left, color=palette.get(label, OTHER_COLOR), label=label)
        left += values
    for yi, group in enumerate(order):
        if groups is not None and groups.is_small(group):
            for patch in ax.patches[yi :: len(order)]:
                patch.set_alpha(0.45)
    tick_labels(ax, "y", order, groups, positions=y)
    ax.set_ylim(len(order) - 0.5, -0.5)
    right_counts(ax, y, [f"{int(mentions[g])} mentions" for g in order])
    ax.set_xlim(0, 1)
    ax.set_xlabel(
        f"share of the group's mentions of {pretty(referent)} (other: the labels not drawn)"
        + small_note(groups, order)
    )
    ax.set_title(f"Labels for {pretty(referent)} by group")
    outside_legend(ax, "label")
    sns.despine(ax=ax)
    return ax


_MEASURES = {
    "g2": "signed log-likelihood G2",
    "log_ratio": "Log Ratio (log2 of the relative frequency ratio)",
    "log_odds_z": "log-odds z (Fightin' Words)",
}


def plot_keyness(
    table: pd.DataFrame,
    *,
    target: Any = None,
    n: int = 15,
    measure: str = "g2",
    groups: Groups | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Diverging bars: the terms a target over-uses and under-uses most.

    Terms are ranked by the statistic drawn (``measure``) among the significant ones
    (``p_adj < 0.05`` when any), over-used to the right: the figure shows the order it
    ranks by.

    Parameters
    ----------
    table : pandas.DataFrame
        The output of :func:`toolkit.keyness`.
    target : optional
        Which target's comparison (default: the first in the table).
    n : int, default 15
        Terms on each side.
    measure : {"g2", "log_ratio", "log_odds_z"}, default "g2"
        The statistic that ranks the terms and sets the bar length.
    groups : Groups, optional
        The report's groups: their article counts go into the title.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"target": "SANA", "reference": "(rest)",
    ...     "term": ["terrorists", "rebels"], "g2": [12.0, -9.0], "p_adj": [0.001, 0.01],
    ...     "log_ratio": [2.5, -1.5]})
    >>> ax = plot_keyness(table)
    >>> [float(p.get_width()) for p in ax.patches]
    [12.0, -9.0]
    """
    if measure not in _MEASURES:
        raise ValueError(f"measure={measure!r} is not valid; use one of {', '.join(_MEASURES)}")
    require_columns(table, ["target", "reference", "term", "p_adj", measure], "plot_keyness")
    target = table["target"].iloc[0] if target is None else target
    data = table[table["target"] == target]
    if data.empty:
        raise ValueError(f"plot_keyness(): no comparison with target {target!r}")
    reference = data["reference"].iloc[0]
    significant = data[data["p_adj"] < 0.05]
    data = significant if len(significant) else data
    over = data[data[measure] > 0].nlargest(n, measure)
    under = data[data[measure] < 0].nsmallest(n, measure)
    shown = pd.concat([over, under.iloc[::-1]])
    ax = new_axes(len(shown), ax)
    colors = sns.color_palette(PALETTE)
    y = np.arange(len(shown))
    ax.barh(y, shown[measure], color=[colors[0] if v > 0 else colors[1] for v in shown[measure]])
    ax.set_yticks(y, shown["term"])
    ax.invert_yaxis()
    ax.axvline(0, color="0.3", linewidth=0.8)
    ref = "all other groups" if reference == "(rest)" else str(reference)
    if groups is not None and target in groups.n:
        others = sum(k for g, k in groups.n.items() if g != target)
        rest = groups.n.get(reference, others)
        counts = f"{groups.n[target]} vs {rest} articles; "
    else:
        counts = ""
    significance = "p_adj < 0.05" if len(significant) else "none with p_adj < 0.05"
    short = {"g2": "G2", "log_ratio": "Log Ratio", "log_odds_z": "log-odds z"}[measure]
    ax.set_title(
        f"Key terms: {target} vs {ref}\n({counts}top {n} each way by {short}, {significance})"
    )
    ax.set_xlabel(f"{_MEASURES[measure]}; right: more in {target}")
    sns.despine(ax=ax)
    return ax


def plot_term_trends(
    trends: pd.DataFrame,
    *,
    term: str | None = None,
    groups: Groups | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Rate of a term per 1,000 tokens over time, one line per group.

    With more than :data:`MAX_LINES` groups, a heatmap (groups by periods) instead.

    Parameters
    ----------
    trends : pandas.DataFrame
        The output of :func:`toolkit.term_trends`.
    term : str, optional
        Which term (default: the first).
    groups : Groups, optional
        The report's group order and article counts (:func:`group_style`).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> trends = pd.DataFrame({"group": ["A", "A"], "term": ["rebels"] * 2,
    ...     "period": pd.to_datetime(["2016-01-01", "2016-02-01"]), "rate_per_1k": [1.0, 3.0]})
    >>> ax = plot_term_trends(trends)
    >>> [float(v) for v in ax.lines[0].get_ydata()]
    [1.0, 3.0]
    """
    require_columns(trends, ["group", "term", "period", "rate_per_1k"], "plot_term_trends")
    term = trends["term"].iloc[0] if term is None else term
    data = trends[trends["term"] == term]
    return period_lines(
        data, "rate_per_1k", f"'{term}' per 1,000 tokens", f"Use of '{term}' over time", groups, ax
    )


def plot_mix(
    shares: pd.DataFrame,
    *,
    title: str = "Mix by group",
    legend_title: str = "category",
    order: list[str] | None = None,
    groups: Groups | None = None,
    hide: str | None = "auto",
    unit: str = "items",
    ax: Axes | None = None,
) -> Axes:
    """Stacked horizontal bars of category shares per group (sourcing profile, verb mix).

    Parameters
    ----------
    shares : pandas.DataFrame
        ``group, category, share`` (and ``count``), e.g. from
        :func:`toolkit.category_shares`.
    title, legend_title : str
    order : list of str, optional
        Every category of the kind, in a fixed order: it sets the stacking and the colours
        (:func:`category_colors`), so a category has one colour in every figure. Default:
        by overall share.
    groups : Groups, optional
        The report's group order and article counts (:func:`group_style`).
    hide : str, "auto" or None, default "auto"
        A category to leave out of the bars, so that the rest can be seen (the x axis then
        ends near the largest remainder, and the label says what was left out). "auto"
        leaves out a category that holds 80% or more of all items; None draws all.
    unit : str, default "items"
        What is counted, for the count at the end of each bar ("quotes").
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> shares = pd.DataFrame({"group": ["A", "A", "B"], "category": ["military", "UN/NGO",
    ...                        "military"], "share": [0.75, 0.25, 1.0]})
    >>> ax = plot_mix(shares, title="Who speaks", hide=None)
    >>> [t.get_text() for t in ax.get_yticklabels()]   # by the first category's share
    ['B', 'A']
    >>> [round(float(p.get_width()), 2) for p in ax.patches]
    [1.0, 0.75, 0.0, 0.25]
    """
    require_columns(shares, ["group", "category", "share"], "plot_mix")
    wide = shares.pivot_table(index="group", columns="category", values="share", fill_value=0.0)
    weights = (
        shares.groupby("category")["count"].sum() / shares["count"].sum()
        if "count" in shares.columns
        else wide.mean()
    )
    if order is None:
        order = list(weights.sort_values(ascending=False, kind="stable").index)
    colors = category_colors(order)
    drawn = [c for c in order if c in wide.columns] + [
        c for c in wide.columns if c not in set(order)
    ]
    wide = wide.reindex(columns=drawn, fill_value=0.0)
    hidden = None
    if hide == "auto":
        top: Any = weights.idxmax() if len(weights) else None
        big = top is not None and float(weights.loc[top]) >= 0.8
        hidden = top if big and len(drawn) > 1 else None
    elif hide is not None:
        hidden = hide
    shown = [c for c in drawn if c != hidden]
    rows = (
        groups.arrange(wide.index)
        if groups
        else list(wide.sort_values(shown[0] if shown else drawn[0], ascending=False).index)
    )
    wide = wide.loc[rows]
    ax = new_axes(len(rows), ax, width=8.0)
    y = np.arange(len(rows))
    left = np.zeros(len(rows))
    for category in shown:
        values = wide[category].to_numpy()
        ax.barh(y, values, left=left, color=colors.get(category, OTHER_COLOR), label=category)
        left += values
    end = float(left.max()) if len(left) else 1.0
    limit = 1.0 if hidden is None else min(1.0, max(0.05, end * 1.15))
    tick_labels(ax, "y", rows, groups, positions=y)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, limit)
    if "count" in shares.columns:
        items = shares.groupby("group")["count"].sum()
        right_counts(ax, y, [f"{int(items.get(g, 0))} {unit}" for g in rows])
    xlabel = "share within group"
    if hidden is not None:
        xlabel = (
            f"share within group; '{hidden}' ({weights.get(hidden, np.nan):.0%} of all "
            f"{unit}) is left out so that the rest can be seen"
        )
    ax.set_xlabel(xlabel + small_note(groups, rows))
    ax.set_title(title)
    outside_legend(ax, legend_title)
    sns.despine(ax=ax)
    return ax


def plot_removed(
    summary: pd.DataFrame,
    *,
    groups: Groups | None = None,
    title: str = "What cleaning removed",
    ax: Axes | None = None,
) -> Axes:
    """Stacked bars: the share of each group's text that cleaning removed, by kind.

    Parameters
    ----------
    summary : pandas.DataFrame
        :func:`toolkit.clean.removal_summary` (``group, kind, share_chars``).
    groups : Groups, optional
        The report's group order and article counts (:func:`group_style`).
    title : str
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"group": ["A", "A"], "kind": ["credit", "date"],
    ...                   "share_chars": [0.02, 0.01]})
    >>> ax = plot_removed(s)
    >>> [round(float(p.get_width()), 2) for p in ax.patches]
    [0.01, 0.02]
    """
    require_columns(summary, ["group", "kind", "share_chars"], "plot_removed")
    wide = summary.pivot_table(index="group", columns="kind", values="share_chars", aggfunc="sum")
    kinds = [k for k in REMOVAL_KINDS if k in wide.columns]
    wide = wide.reindex(columns=kinds).fillna(0.0)
    order = groups.arrange(wide.index) if groups else list(wide.sum(axis=1).sort_values().index)
    wide = wide.loc[order]
    colors = category_colors(REMOVAL_KINDS)
    ax = new_axes(len(order), ax, width=8.0)
    y = np.arange(len(order))
    left = np.zeros(len(order))
    for kind in kinds:
        ax.barh(y, wide[kind], left=left, color=colors[kind], label=kind)
        left += wide[kind].to_numpy()
    tick_labels(ax, "y", order, groups, positions=y)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set_xlabel("share of the group's characters removed" + small_note(groups, order))
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.set_title(title)
    outside_legend(ax, "kind")
    sns.despine(ax=ax)
    return ax


def plot_similarity(
    matrix: pd.DataFrame,
    *,
    title: str | None = None,
    groups: Groups | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Heatmap of :func:`toolkit.outlet_similarity`.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Square, groups as index and columns.
    title : str, optional
    groups : Groups, optional
        The report's group order and article counts (:func:`group_style`).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame([[0.0, 0.3], [0.3, 0.0]], index=["A", "B"], columns=["A", "B"])
    >>> ax = plot_similarity(m)
    >>> [t.get_text() for t in ax.texts]
    ['0.00', '0.30', '0.30', '0.00']
    """
    if matrix.shape[0] != matrix.shape[1]:
        raise ValueError("plot_similarity(): expects a square matrix")
    order = groups.arrange(matrix.index) if groups else list(matrix.index)
    matrix = matrix.loc[order, order]
    k = len(matrix)
    if ax is None:
        side = 2.5 + 0.45 * k
        _, ax = plt.subplots(figsize=(side + 2.5, side), layout="constrained")
    jsd = bool((np.diag(matrix.to_numpy()) == 0).all())
    sns.heatmap(
        matrix,
        annot=k <= 20,
        fmt=".2f",
        cmap="mako_r" if jsd else "mako",
        linewidths=0.5,
        ax=ax,
        annot_kws={"fontsize": 7},
        cbar_kws={"label": "Jensen-Shannon divergence" if jsd else "cosine similarity"},
    )
    ax.set_title(
        title
        or ("How differently groups use words (JSD)" if jsd else "Word-use similarity (cosine)")
    )
    positions = np.arange(k) + 0.5
    tick_labels(ax, "y", order, groups, positions=positions)
    tick_labels(ax, "x", order, groups, positions=positions, show_n=False)
    ax.set_xlabel(small_note(groups, order).strip("\n"))
    ax.set_ylabel("")
    ax.tick_params(axis="x", rotation=45)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
    return ax


def plot_timeline(
    table: pd.DataFrame,
    *,
    title: str = "Articles over time",
    groups: Groups | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Articles per period, one line per group (from :func:`toolkit.timeline`).

    With more than :data:`MAX_LINES` groups, a heatmap (groups by periods) that writes each
    count, leaves a period without articles white and hatches the periods before a group's
    first or after its last article, so that "none that quarter" and "not covered" differ.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"group": ["A", "A"], "n_articles": [1, 4],
    ...                       "period": pd.to_datetime(["2016-01-01", "2016-02-01"])})
    >>> ax = plot_timeline(table)
    >>> [float(v) for v in ax.lines[0].get_ydata()]
    [1.0, 4.0]
    """
    require_columns(table, ["group", "period", "n_articles"], "plot_timeline")
    ax = period_lines(table, "n_articles", "articles", title, groups, ax, counts=True)
    if not ax.collections:  # lines, not a heatmap: counts are whole numbers
        ax.yaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    return ax
