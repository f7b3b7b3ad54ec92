"""Seaborn figures that take the toolkit's tidy tables and return the Axes they drew on.

Plotting only draws: every statistic comes from an analysis function. Figures are sized for
up to 15 or more groups, sorted by value, titled and labelled, with a colour-blind-safe
palette, so they can go into a paper as they are.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes

from toolkit.clean import REMOVAL_KINDS
from toolkit.labelling import load_label_sets

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

#: Colour-blind-safe qualitative palette used across the toolkit's figures.
PALETTE = "colorblind"
#: The colour of "other" (and "(none)", "unknown") in every figure.
OTHER_COLOR = (0.78, 0.78, 0.78)
#: Marks and names of groups below the minimum of articles.
SMALL_COLOR = "0.62"
_OTHER_NAMES = frozenset({"other", "(other)", "(none)", "unknown"})


def _palette() -> list[Any]:
    """Distinct hues: the colour-blind palette and its dark variant, without their grey
    (kept for "other")."""
    colors = [c for i, c in enumerate(sns.color_palette(PALETTE, 10)) if i != 7]
    return colors + [c for i, c in enumerate(sns.color_palette("dark", 10)) if i != 7]


def category_colors(categories: Iterable[Any]) -> dict[Any, Any]:
    """One colour per category, by its place in ``categories``: pass the full, fixed list
    of a kind (all frames, all source types, a referent's labels) and a category keeps its
    colour in every figure that uses the list, present or not. "other", "(none)" and
    "unknown" are grey.

    Examples
    --------
    >>> colors = category_colors(["rebels", "terrorists", "other"])
    >>> colors["other"] == OTHER_COLOR, colors["rebels"] != colors["terrorists"]
    (True, True)
    """
    palette = _palette()
    colors: dict[Any, Any] = {}
    k = 0
    for category in categories:
        if category in colors:
            continue
        if str(category).lower() in _OTHER_NAMES:
            colors[category] = OTHER_COLOR
        else:
            colors[category] = palette[k % len(palette)]
            k += 1
    return colors


@dataclass(frozen=True)
class Groups:
    """The groups of a report: one order for every figure, the number of articles of each
    (shown beside its name), and the minimum below which a group is drawn in grey.

    Make it once with :func:`group_style` and pass it as ``groups=`` to every figure.
    """

    order: tuple[Any, ...]
    n: Mapping[Any, int] = field(default_factory=dict)
    min_n: int = 10

    def arrange(self, present: Iterable[Any]) -> list[Any]:
        """The groups in ``present`` in this order (groups it does not know go last)."""
        here = list(dict.fromkeys(present))
        known = [g for g in self.order if g in set(here)]
        return known + sorted((g for g in here if g not in set(self.order)), key=str)

    def label(self, group: Any) -> str:
        """``"SANA (n=149)"``: the name with its number of articles."""
        return f"{group} (n={self.n[group]})" if group in self.n else str(group)

    def is_small(self, group: Any) -> bool:
        """Fewer than ``min_n`` articles."""
        return group in self.n and self.n[group] < self.min_n


def group_style(
    data: pd.DataFrame | pd.Series,
    *,
    by: str = "outlet",
    order: Sequence[Any] | None = None,
    min_n: int = 10,
) -> Groups:
    """The :class:`Groups` of a corpus: articles per group, and one order for all figures.

    Parameters
    ----------
    data : pandas.DataFrame or Series
        A corpus (or any table with one row per article), or its group column.
    by : str, default "outlet"
        The group column.
    order : sequence, optional
        The order to draw groups in; by default by number of articles, largest first.
        Groups the order leaves out are put after it, alphabetically.
    min_n : int, default 10
        Groups with fewer articles are drawn in grey, with a note: their estimates are
        not as solid as the others'.

    Examples
    --------
    >>> import pandas as pd
    >>> style = group_style(pd.DataFrame({"outlet": ["A", "B", "B", "C", "C", "C"]}), min_n=2)
    >>> style.order, style.label("C"), style.is_small("A")
    (('C', 'B', 'A'), 'C (n=3)', True)
    """
    values = data if isinstance(data, pd.Series) else data[by]
    counts = values.dropna().value_counts()
    n = {g: int(k) for g, k in counts.items()}
    ranked = sorted(n, key=lambda g: (-n[g], str(g)))
    if order is not None:
        given = list(dict.fromkeys(order))
        ranked = given + sorted((g for g in ranked if g not in set(given)), key=str)
    return Groups(tuple(ranked), n, min_n)


def _tick_labels(
    ax: Axes,
    axis: str,
    groups: Sequence[Any],
    style: Groups | None,
    *,
    positions: Sequence[float] | np.ndarray | None = None,
    show_n: bool = True,
) -> None:
    """Group names (with their n) at ``positions`` (default 0, 1, ...) of an axis; small
    groups in grey italics."""
    labels = [style.label(g) if style and show_n else str(g) for g in groups]
    where = list(positions) if positions is not None else list(range(len(labels)))
    if axis == "y":
        ax.set_yticks(where, labels, rotation=0)
        texts = ax.get_yticklabels()
    else:
        ax.set_xticks(where, labels)
        texts = ax.get_xticklabels()
    if style is not None:
        for text, group in zip(texts, groups, strict=False):
            if style.is_small(group):
                text.set_color(SMALL_COLOR)
                text.set_fontstyle("italic")


def _small_note(style: Groups | None, groups: Iterable[Any]) -> str:
    """A line for the axis label when some drawn groups are below the minimum."""
    if style is None or not any(style.is_small(g) for g in groups):
        return ""
    return f"\ngrey: fewer than {style.min_n} articles, read with care"


def _right_counts(ax: Axes, positions: Sequence[float] | np.ndarray, texts: Sequence[str]) -> None:
    """Counts written at the right end of each row, as tick labels of a twin axis (so the
    layout keeps room for them and nothing overlaps them)."""
    twin = ax.twinx()
    twin.set_ylim(ax.get_ylim())
    twin.set_yticks(list(positions), list(texts), fontsize=8, color="0.35")
    twin.tick_params(axis="y", length=0)
    for side in ("top", "right", "left", "bottom"):
        twin.spines[side].set_visible(False)


def _outside_legend(ax: Axes, title: str) -> None:
    """The legend to the right of the whole figure (room kept by the layout)."""
    handles, labels = ax.get_legend_handles_labels()
    fig = ax.get_figure(root=True)
    if fig is not None and fig.get_layout_engine() is not None:
        fig.legend(handles, labels, title=title, loc="outside right upper", frameon=False)
    else:
        ax.legend(title=title, loc="upper left", bbox_to_anchor=(1.25, 1), frameon=False)


def _new_axes(n_groups: int, ax: Axes | None, width: float = 7.0) -> Axes:
    if ax is not None:
        return ax
    height = max(2.0, 0.9 + 0.32 * n_groups)
    _, new = plt.subplots(figsize=(width, height), layout="constrained")
    return new


def plot_articles(
    summary: pd.DataFrame,
    *,
    by: str = "outlet",
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
    by : str, default "outlet"
        Column naming the groups (one bar each, largest first).
    x : str, default "n_articles"
        Column holding the counts.
    title : str, optional
        Figure title; default ``"Articles per <by>"``.
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
    data[by] = data[by].astype("object").where(data[by].notna(), "(missing)")
    data = data.sort_values([x, by], ascending=[False, True], kind="stable", key=_sort_key)
    order = groups.arrange(data[by]) if groups else list(data[by])
    data = data.set_index(by).loc[order].reset_index()
    ax = _new_axes(len(data), ax)
    base = sns.color_palette(PALETTE)[0]
    colors = [SMALL_COLOR if groups and groups.is_small(g) else base for g in data[by]]
    y = np.arange(len(data))
    bars = ax.barh(y, data[x], color=colors)
    ax.bar_label(bars, fmt="%d", padding=3, fontsize=9)
    _tick_labels(ax, "y", list(data[by]), groups, show_n=False)  # the bars give n
    ax.invert_yaxis()
    top = float(data[x].max()) if len(data) else 1.0
    ax.set_xlim(0, max(1.0, math.ceil(top * 1.12)))
    label = by.replace("_", " ")
    ax.set_title(title or f"Articles per {label}")
    ax.set_xlabel("Articles (count)" + _small_note(groups, data[by]))
    ax.set_ylabel(label.capitalize())
    ax.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    sns.despine(ax=ax)
    return ax


def _sort_key(values: pd.Series) -> pd.Series:
    return values.astype(str) if values.dtype == object else values


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
    data: pd.DataFrame,
    value: str,
    label: str,
    title: str,
    groups: Groups | None,
    ax: Axes | None,
    counts: bool,
) -> Axes:
    """Groups as rows, periods as columns, ``value`` as colour. A period with no row for a
    group (outside its span) is hatched; with ``counts``, a zero inside the span is white
    and every cell shows its count."""
    wide = data.pivot_table(index="group", columns="period", values=value, aggfunc="sum")
    wide = wide.reindex(columns=sorted(wide.columns))
    order = groups.arrange(wide.index) if groups else sorted(wide.index, key=str)
    wide = wide.loc[order]
    wide.columns = [pd.Timestamp(c).strftime("%Y-%m") for c in wide.columns]
    if ax is None:
        _, ax = plt.subplots(
            figsize=(min(18, 3.5 + 0.42 * wide.shape[1]), 1.6 + 0.36 * len(wide)),
            layout="constrained",
        )
    cmap = sns.color_palette("mako_r", as_cmap=True)
    options: dict[str, Any] = {}
    if counts:
        cmap = cmap.with_extremes(under="white")
        options = {"vmin": 0.5, "annot": True, "fmt": ".0f", "annot_kws": {"fontsize": 6}}
    sns.heatmap(
        wide,
        cmap=cmap,
        ax=ax,
        linewidths=0.3,
        linecolor="0.9",
        cbar_kws={"label": label},
        **options,
    )
    ax.patch.set_facecolor("0.97")
    ax.patch.set_hatch("////")
    ax.patch.set_edgecolor("0.82")
    _tick_labels(ax, "y", order, groups, positions=np.arange(len(order)) + 0.5)
    ax.set_title(title)
    note = "hatched: before the group's first or after its last article"
    if counts:
        note = "white: no article in that period; " + note
    ax.set_xlabel(f"period (start)\n{note}" + _small_note(groups, order))
    ax.set_ylabel("")
    return ax


def _period_lines(
    data: pd.DataFrame,
    value: str,
    label: str,
    title: str,
    groups: Groups | None,
    ax: Axes | None,
    counts: bool = False,
) -> Axes:
    """One line per group over ``period``; a heatmap above :data:`MAX_LINES` groups."""
    if data["group"].nunique() > MAX_LINES:
        return _period_heatmap(data, value, label, title, groups, ax, counts)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
    order = (
        groups.arrange(data["group"].unique())
        if groups
        else sorted(data["group"].unique(), key=str)
    )
    colors = category_colors(groups.order if groups else order)
    for group in order:
        part = data[data["group"] == group].sort_values("period")
        small = groups is not None and groups.is_small(group)
        ax.plot(
            part["period"],
            part[value],
            marker="o",
            markersize=3,
            color=SMALL_COLOR if small else colors[group],
            linestyle="--" if small else "-",
            label=groups.label(group) if groups else str(group),
        )
    ax.set_title(title)
    ax.set_xlabel("period" + _small_note(groups, order))
    ax.set_ylabel(label)
    if len(order) > 1:
        ax.legend(title="group", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
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
    _require(table, ["feature", "group", "mean", "ci_low", "ci_high"], "plot_compare")
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
    ax = _new_axes(len(data), ax)
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
    _tick_labels(ax, "y", list(data["group"]), None, positions=y)
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
    ax.set_title(title or f"{_pretty(feature).capitalize()} by group (mean, 95% interval)")
    ax.set_xlabel((xlabel or _pretty(feature)) + note)
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
    _require(table, ["feature", "group", "mean"], "plot_profile")
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
    labels = [_pretty(str(c).removeprefix("frame_")) for c in wide.columns]
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
    _tick_labels(ax, "y", order, groups, positions=np.arange(len(order)) + 0.5)
    ax.set_title(title)
    note = _small_note(groups, order)
    if cell_n:
        note += f"\nhatched: fewer than {floor} articles with a value"
    ax.set_xlabel(note.strip("\n"))
    ax.set_ylabel("")
    return ax


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
    _require(shares, ["group", "referent", "label", "count", "share"], "plot_label_shares")
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
    ax = _new_axes(len(order), ax, width=8.0)
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
    _tick_labels(ax, "y", order, groups, positions=y)
    ax.set_ylim(len(order) - 0.5, -0.5)
    _right_counts(ax, y, [f"{int(mentions[g])} mentions" for g in order])
    ax.set_xlim(0, 1)
    ax.set_xlabel(
        f"share of the group's mentions of {_pretty(referent)} (other: the labels not drawn)"
        + _small_note(groups, order)
    )
    ax.set_title(f"Labels for {_pretty(referent)} by group")
    _outside_legend(ax, "label")
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
    _require(table, ["target", "reference", "term", "p_adj", measure], "plot_keyness")
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
    ax = _new_axes(len(shown), ax)
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
    _require(trends, ["group", "term", "period", "rate_per_1k"], "plot_term_trends")
    term = trends["term"].iloc[0] if term is None else term
    data = trends[trends["term"] == term]
    return _period_lines(
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
    _require(shares, ["group", "category", "share"], "plot_mix")
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
    ax = _new_axes(len(rows), ax, width=8.0)
    y = np.arange(len(rows))
    left = np.zeros(len(rows))
    for category in shown:
        values = wide[category].to_numpy()
        ax.barh(y, values, left=left, color=colors.get(category, OTHER_COLOR), label=category)
        left += values
    end = float(left.max()) if len(left) else 1.0
    limit = 1.0 if hidden is None else min(1.0, max(0.05, end * 1.15))
    _tick_labels(ax, "y", rows, groups, positions=y)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, limit)
    if "count" in shares.columns:
        items = shares.groupby("group")["count"].sum()
        _right_counts(ax, y, [f"{int(items.get(g, 0))} {unit}" for g in rows])
    xlabel = "share within group"
    if hidden is not None:
        xlabel = (
            f"share within group; '{hidden}' ({weights.get(hidden, np.nan):.0%} of all "
            f"{unit}) is left out so that the rest can be seen"
        )
    ax.set_xlabel(xlabel + _small_note(groups, rows))
    ax.set_title(title)
    _outside_legend(ax, legend_title)
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
    _require(summary, ["group", "kind", "share_chars"], "plot_removed")
    wide = summary.pivot_table(index="group", columns="kind", values="share_chars", aggfunc="sum")
    kinds = [k for k in REMOVAL_KINDS if k in wide.columns]
    wide = wide.reindex(columns=kinds).fillna(0.0)
    order = groups.arrange(wide.index) if groups else list(wide.sum(axis=1).sort_values().index)
    wide = wide.loc[order]
    colors = category_colors(REMOVAL_KINDS)
    ax = _new_axes(len(order), ax, width=8.0)
    y = np.arange(len(order))
    left = np.zeros(len(order))
    for kind in kinds:
        ax.barh(y, wide[kind], left=left, color=colors[kind], label=kind)
        left += wide[kind].to_numpy()
    _tick_labels(ax, "y", order, groups, positions=y)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set_xlabel("share of the group's characters removed" + _small_note(groups, order))
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.set_title(title)
    _outside_legend(ax, "kind")
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
    _tick_labels(ax, "y", order, groups, positions=positions)
    _tick_labels(ax, "x", order, groups, positions=positions, show_n=False)
    ax.set_xlabel(_small_note(groups, order).strip("\n"))
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
    _require(table, ["group", "period", "n_articles"], "plot_timeline")
    ax = _period_lines(table, "n_articles", "articles", title, groups, ax, counts=True)
    if not ax.collections:  # lines, not a heatmap: counts are whole numbers
        ax.yaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    return ax
