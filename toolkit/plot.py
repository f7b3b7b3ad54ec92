"""Seaborn figures that take the toolkit's tidy tables and return the Axes they drew on.

Plotting only draws: every statistic comes from an analysis function. Figures are sized for
up to 15 or more groups, sorted by value, titled and labelled, with a colour-blind-safe
palette, so they can go into a paper as they are.
"""

from __future__ import annotations

import math
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes

__all__ = [
    "PALETTE",
    "plot_articles",
    "plot_compare",
    "plot_keyness",
    "plot_label_shares",
    "plot_mix",
    "plot_profile",
    "plot_similarity",
    "plot_term_trends",
    "plot_timeline",
]

#: Colour-blind-safe qualitative palette used across the toolkit's figures.
PALETTE = "colorblind"


def _new_axes(n_groups: int, ax: Axes | None) -> Axes:
    if ax is not None:
        return ax
    height = max(2.0, 0.8 + 0.32 * n_groups)
    _, new = plt.subplots(figsize=(7.0, height), layout="constrained")
    return new


def plot_articles(
    summary: pd.DataFrame,
    *,
    by: str = "outlet",
    x: str = "n_articles",
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw the number of articles per group as labelled horizontal bars.

    Parameters
    ----------
    summary : pandas.DataFrame
        A table with one row per group, such as :func:`toolkit.summarise_corpus` returns.
    by : str, default "outlet"
        Column naming the groups (one bar each, largest first).
    x : str, default "n_articles"
        Column holding the counts.
    title : str, optional
        Figure title; default ``"Articles per <by>"``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure sized to the number of groups otherwise.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"outlet": ["SANA", "Reuters"], "n_articles": [3, 5]})
    >>> ax = plot_articles(table)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Reuters', 'SANA']
    >>> [float(p.get_width()) for p in ax.patches]
    [5.0, 3.0]
    """
    for col in (by, x):
        if col not in summary.columns:
            raise KeyError(
                f"plot_articles(): no column {col!r} in the table; it has "
                f"{', '.join(map(str, summary.columns))}"
            )
    data = summary[[by, x]].copy()
    data[by] = data[by].astype("object").where(data[by].notna(), "(missing)").astype(str)
    data = data.sort_values([x, by], ascending=[False, True], kind="stable")
    ax = _new_axes(len(data), ax)
    sns.barplot(
        data=data,
        y=by,
        x=x,
        order=list(data[by]),
        color=sns.color_palette(PALETTE)[0],
        orient="h",
        ax=ax,
    )
    for container in ax.containers:
        ax.bar_label(container, fmt="%d", padding=3, fontsize=9)  # type: ignore[arg-type]
    top = float(data[x].max()) if len(data) else 1.0
    ax.set_xlim(0, max(1.0, math.ceil(top * 1.12)))
    label = by.replace("_", " ")
    ax.set_title(title or f"Articles per {label}")
    ax.set_xlabel("Articles (count)")
    ax.set_ylabel(label.capitalize())
    ax.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    sns.despine(ax=ax)
    return ax


def _require(table: pd.DataFrame, columns: list[str], func: str) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise KeyError(
            f"{func}(): the table lacks column(s) {missing}; it has "
            f"{', '.join(map(str, table.columns))}"
        )


def _pretty(name: str) -> str:
    return name.replace("_", " ")


#: Above this many groups, time series are drawn as a heatmap: lines become unreadable.
MAX_LINES = 6


def _period_heatmap(
    data: pd.DataFrame, value: str, label: str, title: str, ax: Axes | None
) -> Axes:
    """Groups as rows, periods as columns, ``value`` as colour."""
    wide = data.pivot_table(index="group", columns="period", values=value, aggfunc="sum")
    wide = wide.reindex(columns=sorted(wide.columns))
    wide.columns = [pd.Timestamp(c).strftime("%Y-%m") for c in wide.columns]
    if ax is None:
        _, ax = plt.subplots(
            figsize=(min(16, 3 + 0.28 * wide.shape[1]), 1.5 + 0.35 * len(wide)),
            layout="constrained",
        )
    sns.heatmap(wide, cmap="mako_r", ax=ax, linewidths=0.3, cbar_kws={"label": label})
    ax.set_title(title)
    ax.set_xlabel("period (start)")
    ax.set_ylabel("")
    return ax


def _period_lines(data: pd.DataFrame, value: str, label: str, title: str, ax: Axes | None) -> Axes:
    """One line per group over ``period``; a heatmap above :data:`MAX_LINES` groups."""
    if data["group"].nunique() > MAX_LINES:
        return _period_heatmap(data, value, label, title, ax)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
    groups = sorted(data["group"].unique(), key=str)
    for group, color in zip(groups, sns.color_palette(PALETTE, len(groups)), strict=True):
        part = data[data["group"] == group].sort_values("period")
        ax.plot(
            part["period"], part[value], marker="o", markersize=3, color=color, label=str(group)
        )
    ax.set_title(title)
    ax.set_xlabel("period")
    ax.set_ylabel(label)
    if len(groups) > 1:
        ax.legend(title="group", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    sns.despine(ax=ax)
    return ax


def plot_compare(
    table: pd.DataFrame,
    *,
    feature: str,
    title: str | None = None,
    xlabel: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Group means with their intervals, one row per group, sorted by mean.

    Parameters
    ----------
    table : pandas.DataFrame
        The output of :func:`toolkit.compare` (``feature, group, mean, ci_low, ci_high``).
    feature : str
        Which feature to draw.
    title, xlabel : str, optional
        Figure title and x-axis label (default: from the feature name).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"feature": ["tone"] * 2, "group": ["A", "B"], "n": [3, 2],
    ...                       "mean": [0.2, -0.3], "ci_low": [0.1, -0.4], "ci_high": [0.3, -0.2]})
    >>> ax = plot_compare(table, feature="tone")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['A', 'B']
    """
    _require(table, ["feature", "group", "mean", "ci_low", "ci_high"], "plot_compare")
    data = table[table["feature"] == feature].dropna(subset=["mean"])
    if data.empty:
        raise ValueError(f"plot_compare(): no rows for feature {feature!r}")
    data = data.sort_values("mean", ascending=False, kind="stable").reset_index(drop=True)
    ax = _new_axes(len(data), ax)
    y = np.arange(len(data))
    color = sns.color_palette(PALETTE)[0]
    ax.errorbar(
        data["mean"],
        y,
        xerr=[data["mean"] - data["ci_low"], data["ci_high"] - data["mean"]],
        fmt="o",
        color=color,
        ecolor=color,
        elinewidth=1.5,
        capsize=3,
    )
    ax.set_yticks(y, [str(g) for g in data["group"]])
    ax.invert_yaxis()
    if (data["ci_low"] < 0).any() and (data["ci_high"] > 0).any():
        ax.axvline(0, color="0.6", linewidth=0.8, zorder=0)
    label = "n" in data.columns and data["n"].notna().all()
    if label:
        for yi, (m, n) in enumerate(zip(data["ci_high"], data["n"], strict=True)):
            ax.annotate(
                f"n={int(n)}",
                (m, yi),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
                color="0.35",
            )
    ax.set_title(title or f"{_pretty(feature).capitalize()} by group (mean, 95% interval)")
    ax.set_xlabel(xlabel or _pretty(feature))
    ax.set_ylabel("")
    ax.grid(axis="x", alpha=0.3)
    sns.despine(ax=ax)
    return ax


def plot_profile(
    table: pd.DataFrame,
    *,
    features: list[str] | None = None,
    title: str = "Profile by group (group means)",
    ax: Axes | None = None,
) -> Axes:
    """Heatmap of group means across several features (e.g. the five frames).

    Parameters
    ----------
    table : pandas.DataFrame
        The output of :func:`toolkit.compare`.
    features : list of str, optional
        Features (columns of the heatmap), in this order; all in the table by default.
    title : str
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"feature": ["frame_conflict", "frame_morality"] * 2,
    ...                       "group": ["A", "A", "B", "B"], "mean": [0.4, 0.1, 0.2, 0.3]})
    >>> ax = plot_profile(table)
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['conflict', 'morality']
    """
    _require(table, ["feature", "group", "mean"], "plot_profile")
    wide = table.pivot_table(index="group", columns="feature", values="mean", sort=False)
    if features is not None:
        wide = wide[features]
    wide = wide.loc[wide.mean(axis=1).sort_values(ascending=False).index]
    labels = [_pretty(c.removeprefix("frame_")) for c in wide.columns]
    if ax is None:
        _, ax = plt.subplots(
            figsize=(1.2 + 1.1 * len(labels), 1.2 + 0.38 * len(wide)), layout="constrained"
        )
    sns.heatmap(
        wide,
        annot=True,
        fmt=".2f",
        cmap="mako_r",
        linewidths=0.5,
        ax=ax,
        annot_kws={"fontsize": 8},
        cbar_kws={"label": "group mean"},
    )
    ax.set_xticks(np.arange(len(labels)) + 0.5, labels, rotation=30, ha="right")
    ax.set_title(title)
    ax.set_xlabel("")
    ax.set_ylabel("")
    return ax


def plot_label_shares(
    shares: pd.DataFrame,
    *,
    referent: str,
    labels: list[str] | None = None,
    top: int = 4,
    ax: Axes | None = None,
) -> Axes:
    """Each group's share of the competing labels for one referent, with intervals.

    Parameters
    ----------
    shares : pandas.DataFrame
        The output of :func:`toolkit.label_shares`.
    referent : str
        E.g. ``"armed_opposition"``.
    labels : list of str, optional
        Labels to draw; by default the ``top`` labels by total count.
    top : int, default 4
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> shares = pd.DataFrame({"group": ["A", "A", "B"], "referent": ["r"] * 3,
    ...     "label": ["rebels", "terrorists", "terrorists"], "count": [3, 1, 2],
    ...     "share": [0.75, 0.25, 1.0], "ci_low": [0.5, 0.0, 1.0], "ci_high": [1.0, 0.5, 1.0]})
    >>> ax = plot_label_shares(shares, referent="r")
    >>> sorted(t.get_text() for t in ax.get_legend().get_texts())
    ['rebels', 'terrorists']
    """
    _require(
        shares,
        ["group", "referent", "label", "count", "share", "ci_low", "ci_high"],
        "plot_label_shares",
    )
    data = shares[shares["referent"] == referent]
    if data.empty:
        raise ValueError(
            f"plot_label_shares(): no rows for referent {referent!r}; referents: "
            f"{sorted(shares['referent'].unique())}"
        )
    if labels is None:
        labels = list(data.groupby("label")["count"].sum().sort_values(ascending=False).index[:top])
    groups = sorted(data["group"].unique(), key=str)
    full = pd.MultiIndex.from_product([groups, labels], names=["group", "label"])
    data = data.set_index(["group", "label"]).reindex(full).reset_index()
    data["share"] = data["share"].fillna(0.0)
    if ax is None:
        _, ax = plt.subplots(figsize=(8.0, 1.2 + 0.45 * len(groups)), layout="constrained")
    colors = sns.color_palette(PALETTE, len(labels))
    y = np.arange(len(groups))
    step = 0.8 / max(len(labels), 1)
    for k, (label, color) in enumerate(zip(labels, colors, strict=True)):
        part = data[data["label"] == label].set_index("group").loc[groups]
        offset = -0.4 + step * (k + 0.5)
        lo = (part["share"] - part["ci_low"]).clip(lower=0).fillna(0)
        hi = (part["ci_high"] - part["share"]).clip(lower=0).fillna(0)
        ax.errorbar(
            part["share"],
            y + offset,
            xerr=[lo, hi],
            fmt="o",
            color=color,
            ecolor=color,
            capsize=2,
            markersize=5,
            label=label,
        )
    ax.set_yticks(y, groups)
    for boundary in y[:-1] + 0.5:
        ax.axhline(boundary, color="0.9", linewidth=0.8, zorder=0)
    ax.set_ylim(len(groups) - 0.5, -0.5)
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel(f"share of mentions of {_pretty(referent)} (95% interval)")
    ax.set_title(f"Labels for {_pretty(referent)} by group")
    ax.legend(title="label", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ax.grid(axis="x", alpha=0.3)
    sns.despine(ax=ax)
    return ax


def plot_keyness(
    table: pd.DataFrame,
    *,
    target: Any = None,
    n: int = 15,
    measure: str = "log_ratio",
    ax: Axes | None = None,
) -> Axes:
    """Diverging bars: the terms a target over-uses and under-uses most.

    Terms are ranked by signed ``g2`` among significant ones (``p_adj < 0.05`` when any),
    and drawn with their ``measure`` (Log Ratio by default), over-used to the right.

    Parameters
    ----------
    table : pandas.DataFrame
        The output of :func:`toolkit.keyness`.
    target : optional
        Which target's comparison (default: the first in the table).
    n : int, default 15
        Terms on each side.
    measure : str, default "log_ratio"
        Bar length: ``log_ratio``, ``g2`` or ``log_odds_z``.
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
    [2.5, -1.5]
    """
    _require(table, ["target", "reference", "term", "g2", "p_adj", measure], "plot_keyness")
    target = table["target"].iloc[0] if target is None else target
    data = table[table["target"] == target]
    if data.empty:
        raise ValueError(f"plot_keyness(): no comparison with target {target!r}")
    reference = data["reference"].iloc[0]
    significant = data[data["p_adj"] < 0.05]
    data = significant if len(significant) else data
    over = data[data["g2"] > 0].nlargest(n, "g2")
    under = data[data["g2"] < 0].nsmallest(n, "g2")
    shown = pd.concat([over, under.iloc[::-1]])
    ax = _new_axes(len(shown), ax)
    colors = sns.color_palette(PALETTE)
    y = np.arange(len(shown))
    ax.barh(y, shown[measure], color=[colors[0] if v > 0 else colors[1] for v in shown["g2"]])
    ax.set_yticks(y, shown["term"])
    ax.invert_yaxis()
    ax.axvline(0, color="0.3", linewidth=0.8)
    ref = "all other groups" if reference == "(rest)" else str(reference)
    ax.set_title(f"Key terms: {target} vs {ref}\n(top {n} each way by G2, p_adj < 0.05)")
    names = {
        "log_ratio": "Log Ratio (log2 of relative frequency ratio)",
        "g2": "signed log-likelihood G2",
        "log_odds_z": "log-odds z (Fightin' Words)",
    }
    ax.set_xlabel(f"{names.get(measure, measure)}; right: more in {target}")
    sns.despine(ax=ax)
    return ax


def plot_term_trends(
    trends: pd.DataFrame,
    *,
    term: str | None = None,
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
    _require(trends, ["group", "term", "period", "rate_per_1k"], "plot_term_trends")
    term = trends["term"].iloc[0] if term is None else term
    data = trends[trends["term"] == term]
    return _period_lines(
        data, "rate_per_1k", f"'{term}' per 1,000 tokens", f"Use of '{term}' over time", ax
    )


def plot_mix(
    shares: pd.DataFrame,
    *,
    title: str = "Mix by group",
    legend_title: str = "category",
    order: list[str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Stacked horizontal bars of category shares per group (sourcing profile, verb mix).

    Parameters
    ----------
    shares : pandas.DataFrame
        ``group, category, share``, e.g. from :func:`toolkit.category_shares`.
    title, legend_title : str
    order : list of str, optional
        Category order (default: by overall share).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> shares = pd.DataFrame({"group": ["A", "A", "B"], "category": ["military", "UN/NGO",
    ...                        "military"], "share": [0.75, 0.25, 1.0]})
    >>> ax = plot_mix(shares, title="Who speaks")
    >>> [round(float(p.get_width()), 2) for p in ax.patches]
    [1.0, 0.75, 0.0, 0.25]
    """
    _require(shares, ["group", "category", "share"], "plot_mix")
    wide = shares.pivot_table(index="group", columns="category", values="share", fill_value=0.0)
    if order is None:
        order = list(wide.mean().sort_values(ascending=False).index)
    wide = wide.reindex(columns=order, fill_value=0.0)
    wide = wide.sort_values(order[0], ascending=False)
    ax = _new_axes(len(wide), ax)
    colors = sns.color_palette(PALETTE, len(order))
    left = np.zeros(len(wide))
    y = np.arange(len(wide))
    for category, color in zip(order, colors, strict=True):
        ax.barh(y, wide[category], left=left, color=color, label=str(category))
        left += wide[category].to_numpy()
    ax.set_yticks(y, [str(g) for g in wide.index])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share within group")
    ax.set_title(title)
    ax.legend(title=legend_title, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    sns.despine(ax=ax)
    return ax


def plot_similarity(
    matrix: pd.DataFrame,
    *,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Heatmap of :func:`toolkit.outlet_similarity`.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Square, groups as index and columns.
    title : str, optional
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
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.tick_params(axis="x", rotation=45)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
    return ax


def plot_timeline(
    table: pd.DataFrame,
    *,
    title: str = "Articles over time",
    ax: Axes | None = None,
) -> Axes:
    """Articles per period, one line per group (from :func:`toolkit.timeline`).

    With more than :data:`MAX_LINES` groups, a heatmap (groups by periods) instead.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"group": ["A", "A"], "n_articles": [1, 4],
    ...                       "period": pd.to_datetime(["2016-01-01", "2016-02-01"])})
    >>> ax = plot_timeline(table)
    >>> [float(v) for v in ax.lines[0].get_ydata()]
    [1.0, 4.0]
    """
    _require(table, ["group", "period", "n_articles"], "plot_timeline")
    ax = _period_lines(table, "n_articles", "articles", title, ax)
    if not ax.collections:  # lines, not a heatmap: counts are whole numbers
        ax.yaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    return ax
