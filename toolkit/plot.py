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

from toolkit.figure_style import (
    OTHER_COLOR,
    PALETTE,
    SMALL_COLOR,
    Groups,
    category_colors,
    group_style,
    new_axes,
    pretty,
    require_columns,
    small_note,
    sort_key,
    tick_labels,
)
from toolkit.plot_words import (
    plot_keyness,
    plot_label_shares,
    plot_mix,
    plot_removed,
    plot_similarity,
    plot_term_trends,
    plot_timeline,
)

__all__ = [
    "OTHER_COLOR",
    "PALETTE",
    "Groups",
    "category_colors",
    "group_style",
    "plot_articles",
    "plot_compare",
    "plot_keyness",
    "plot_label_shares",
    "plot_mix",
    "plot_profile",
    "plot_removed",
    "plot_similarity",
    "plot_term_trends",
    "plot_timeline",
]


def plot_articles(
    summary: pd.DataFrame,
    *,
    by: str = "group",
    x: str = "n_articles",
    title: str | None = None,
    groups: Groups | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw the number of articles per group as labelled horizontal bars.

    Parameters
    ----------
    summary : pandas.DataFrame
        A table with one row per group, such as :func:`toolkit.summarise_corpus` returns.
    by : str, default "group"
        Column naming the groups (one bar each, largest first).
    x : str, default "n_articles"
        Column holding the counts.
    title : str, optional
        Figure title; default ``"Articles per <grouping>"``, the grouping being the
        table's ``attrs["by"]`` (as :func:`toolkit.summarise_corpus` sets it) or ``by``.
    groups : Groups, optional
        The report's group order and minimum (:func:`group_style`); small groups are grey.
    ax : matplotlib Axes, optional
        Where to draw; a new figure sized to the number of groups otherwise.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"group": ["SANA", "Reuters"], "n_articles": [3, 5]})
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
    data[by] = data[by].astype("object").where(data[by].notna(), "(missing)")
    data = data.sort_values([x, by], ascending=[False, True], kind="stable", key=sort_key)
    order = groups.arrange(data[by]) if groups else list(data[by])
    data = data.set_index(by).loc[order].reset_index()
    ax = new_axes(len(data), ax)
    base = sns.color_palette(PALETTE)[0]
    colors = [SMALL_COLOR if groups and groups.is_small(g) else base for g in data[by]]
    y = np.arange(len(data))
    bars = ax.barh(y, data[x], color=colors)
    ax.bar_label(bars, fmt="%d", padding=3, fontsize=9)
    tick_labels(ax, "y", list(data[by]), groups, show_n=False)  # the bars give n
    ax.invert_yaxis()
    top = float(data[x].max()) if len(data) else 1.0
    ax.set_xlim(0, max(1.0, math.ceil(top * 1.12)))
    label = str(summary.attrs.get("by", by)).replace("_", " ")
    ax.set_title(title or f"Articles per {label}")
    ax.set_xlabel("Articles (count)" + small_note(groups, data[by]))
    ax.set_ylabel(label.capitalize())
    ax.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    sns.despine(ax=ax)
    return ax


def plot_compare(
    table: pd.DataFrame,
    *,
    feature: str,
    title: str | None = None,
    xlabel: str | None = None,
    groups: Groups | None = None,
    min_n: int | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Group means with their intervals, one row per group, and each group's n.

    Parameters
    ----------
    table : pandas.DataFrame
        The output of :func:`toolkit.compare` (``feature, group, n, mean, ci_low,
        ci_high``).
    feature : str
        Which feature to draw.
    title, xlabel : str, optional
        Figure title and x-axis label (default: from the feature name).
    groups : Groups, optional
        The report's group order (:func:`group_style`); by default groups are sorted by
        mean, highest first.
    min_n : int, optional
        Groups whose mean rests on fewer articles (``n``) are grey; default the
        ``groups``' minimum, else 10.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"feature": ["tone"] * 2, "group": ["A", "B"], "n": [30, 20],
    ...                       "mean": [0.2, -0.3], "ci_low": [0.1, -0.4], "ci_high": [0.3, -0.2]})
    >>> ax = plot_compare(table, feature="tone")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['A', 'B']
    """
    require_columns(table, ["feature", "group", "mean", "ci_low", "ci_high"], "plot_compare")
    data = table[table["feature"] == feature].dropna(subset=["mean"])
    if data.empty:
        raise ValueError(f"plot_compare(): no rows for feature {feature!r}")
    data = data.sort_values("mean", ascending=False, kind="stable")
    if groups is not None:
        data = data.set_index("group").loc[groups.arrange(data["group"])].reset_index()
    data = data.reset_index(drop=True)
    floor = min_n if min_n is not None else (groups.min_n if groups else 10)
    counts = data["n"] if "n" in data.columns else pd.Series(np.nan, index=data.index)
    small = {g for g, n in zip(data["group"], counts, strict=True) if pd.notna(n) and n < floor}
    ax = new_axes(len(data), ax)
    y = np.arange(len(data))
    base = sns.color_palette(PALETTE)[0]
    for yi, row in enumerate(data.to_dict("records")):
        color = SMALL_COLOR if row["group"] in small else base
        ax.errorbar(
            [row["mean"]],
            [yi],
            xerr=[[row["mean"] - row["ci_low"]], [row["ci_high"] - row["mean"]]],
            fmt="o",
            color=color,
            ecolor=color,
            elinewidth=1.5,
            capsize=3,
        )
    tick_labels(ax, "y", list(data["group"]), None, positions=y)
    for text, g in zip(ax.get_yticklabels(), data["group"], strict=True):
        if g in small:
            text.set_color(SMALL_COLOR)
            text.set_fontstyle("italic")
    ax.set_ylim(len(data) - 0.5, -0.5)
    if (data["ci_low"] < 0).any() and (data["ci_high"] > 0).any():
        ax.axvline(0, color="0.6", linewidth=0.8, zorder=0)
    if counts.notna().all():
        for yi, (hi, n) in enumerate(zip(data["ci_high"], counts, strict=True)):
            ax.annotate(
                f"n={int(n)}",
                (hi, yi),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
                color="0.35",
            )
    note = f"\ngrey: fewer than {floor} articles, read with care" if small else ""
    ax.set_title(title or f"{pretty(feature).capitalize()} by group (mean, 95% interval)")
    ax.set_xlabel((xlabel or pretty(feature)) + note)
    ax.set_ylabel("")
    ax.grid(axis="x", alpha=0.3)
    sns.despine(ax=ax)
    return ax


def plot_profile(
    table: pd.DataFrame,
    *,
    features: list[str] | None = None,
    title: str = "Profile by group (group means)",
    groups: Groups | None = None,
    cell_n: bool = False,
    value_label: str = "group mean",
    center: float | None = None,
    per_feature: bool = False,
    ax: Axes | None = None,
) -> Axes:
    """Heatmap of group means across several features (e.g. the frames).

    Parameters
    ----------
    table : pandas.DataFrame
        The output of :func:`toolkit.compare`.
    features : list of str, optional
        Features (columns of the heatmap), in this order, every one drawn even where no
        group has a value; all in the table by default.
    title : str
    groups : Groups, optional
        The report's group order and article counts (:func:`group_style`); by default
        groups are sorted by their mean over the features.
    cell_n : bool, default False
        Write each cell's ``n`` under its mean (when the n differ from cell to cell, as
        for sentiment toward targets); cells with fewer than the minimum are left blank.
    value_label : str, default "group mean"
        Colour bar label.
    center : float, optional
        A value with meaning in the middle (0 for sentiment): a diverging colour map
        centred on it; by default a sequential one.
    per_feature : bool, default False
        Colour each column on its own scale: a group's mean minus the mean of the groups,
        in standard deviations across the groups, so that only comparisons down a column
        (between groups, on one feature) show. For features whose scales differ (the
        frames: each frame's score has its own range). The cells still show the means.
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
    require_columns(table, ["feature", "group", "mean"], "plot_profile")
    wide = table.pivot_table(
        index="group", columns="feature", values="mean", sort=False, dropna=False
    )
    names = features if features is not None else list(dict.fromkeys(table["feature"]))
    wide = wide.reindex(columns=names)
    if groups is not None:
        order = groups.arrange(wide.index)
    else:
        order = list(wide.mean(axis=1).sort_values(ascending=False).index)
    wide = wide.loc[order]
    annot: Any = True
    fmt = ".2f"
    floor = groups.min_n if groups else 10
    if cell_n and "n" in table.columns:
        n = table.pivot_table(index="group", columns="feature", values="n", sort=False)
        n = n.reindex(index=order, columns=names)
        wide = wide.where(n.fillna(0) >= floor)
        annot = np.where(
            wide.notna(),
            wide.map(lambda v: f"{v:.2f}") + "\nn=" + n.fillna(0).astype(int).astype(str),
            "",
        )
        fmt = ""
    colours = wide
    if per_feature:
        spread = wide.std(axis=0, ddof=0).replace(0, np.nan)
        colours = ((wide - wide.mean(axis=0)) / spread).fillna(0).where(wide.notna())
        if annot is True:
            annot = np.where(wide.notna(), wide.map(lambda v: f"{v:.2f}"), "")
            fmt = ""
        center = 0.0
        value_label = "SDs from the\ngroups' mean"
    labels = [pretty(str(c).removeprefix("frame_")) for c in wide.columns]
    if ax is None:
        _, ax = plt.subplots(
            figsize=(2.2 + 1.15 * len(labels), max(2.6, 1.4 + 0.42 * len(wide))),
            layout="constrained",
        )
    ax.patch.set_facecolor("0.97")
    ax.patch.set_hatch("////")
    ax.patch.set_edgecolor("0.85")
    sns.heatmap(
        colours,
        annot=annot,
        fmt=fmt,
        cmap="mako_r" if center is None else "vlag",
        center=center,
        linewidths=0.5,
        ax=ax,
        annot_kws={"fontsize": 7 if cell_n else 8},
        cbar_kws={"label": value_label},
    )
    ax.set_xticks(np.arange(len(labels)) + 0.5, labels, rotation=30, ha="right")
    tick_labels(ax, "y", order, groups, positions=np.arange(len(order)) + 0.5)
    ax.set_title(title)
    note = small_note(groups, order)
    if cell_n:
        note += f"\nhatched: fewer than {floor} articles with a value"
    ax.set_xlabel(note.strip("\n"))
    ax.set_ylabel("")
    return ax
