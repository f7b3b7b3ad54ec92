"""The look every figure shares: one colour and one order per category across figures,
groups with their article counts, small groups greyed, titles and labels (figures floor,
below :mod:`toolkit.plot`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes

__all__ = [
    "MAX_LINES",
    "OTHER_COLOR",
    "OTHER_NAMES",
    "PALETTE",
    "SMALL_COLOR",
    "Groups",
    "base_palette",
    "category_colors",
    "group_style",
    "new_axes",
    "outside_legend",
    "period_heatmap",
    "period_lines",
    "pretty",
    "require_columns",
    "right_counts",
    "small_note",
    "sort_key",
    "tick_labels",
]

#: Colour-blind-safe qualitative palette used across the toolkit's figures.
PALETTE = "colorblind"
#: The colour of "other" (and "(none)", "unknown") in every figure.
OTHER_COLOR = (0.78, 0.78, 0.78)
#: Marks and names of groups below the minimum of articles.
SMALL_COLOR = "0.62"
OTHER_NAMES = frozenset({"other", "(other)", "(none)", "unknown"})


def base_palette() -> list[Any]:
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
    palette = base_palette()
    colors: dict[Any, Any] = {}
    k = 0
    for category in categories:
        if category in colors:
            continue
        if str(category).lower() in OTHER_NAMES:
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


def tick_labels(
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


def small_note(style: Groups | None, groups: Iterable[Any]) -> str:
    """A line for the axis label when some drawn groups are below the minimum."""
    if style is None or not any(style.is_small(g) for g in groups):
        return ""
    return f"\ngrey: fewer than {style.min_n} articles, read with care"


def right_counts(ax: Axes, positions: Sequence[float] | np.ndarray, texts: Sequence[str]) -> None:
    """Counts written at the right end of each row, as tick labels of a twin axis (so the
    layout keeps room for them and nothing overlaps them)."""
    twin = ax.twinx()
    twin.set_ylim(ax.get_ylim())
    twin.set_yticks(list(positions), list(texts), fontsize=8, color="0.35")
    twin.tick_params(axis="y", length=0)
    for side in ("top", "right", "left", "bottom"):
        twin.spines[side].set_visible(False)


def outside_legend(ax: Axes, title: str) -> None:
    """The legend to the right of the whole figure (room kept by the layout)."""
    handles, labels = ax.get_legend_handles_labels()
    fig = ax.get_figure(root=True)
    if fig is not None and fig.get_layout_engine() is not None:
        fig.legend(handles, labels, title=title, loc="outside right upper", frameon=False)
    else:
        ax.legend(title=title, loc="upper left", bbox_to_anchor=(1.25, 1), frameon=False)


def new_axes(n_groups: int, ax: Axes | None, width: float = 7.0) -> Axes:
    if ax is not None:
        return ax
    height = max(2.0, 0.9 + 0.32 * n_groups)
    _, new = plt.subplots(figsize=(width, height), layout="constrained")
    return new


def sort_key(values: pd.Series) -> pd.Series:
    return values.astype(str) if values.dtype == object else values


def require_columns(table: pd.DataFrame, columns: list[str], func: str) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise KeyError(
            f"{func}(): the table lacks column(s) {missing}; it has "
            f"{', '.join(map(str, table.columns))}"
        )


def pretty(name: str) -> str:
    return name.replace("_", " ")


#: Above this many groups, time series are drawn as a heatmap: lines become unreadable.
MAX_LINES = 6


def period_heatmap(
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
    tick_labels(ax, "y", order, groups, positions=np.arange(len(order)) + 0.5)
    ax.set_title(title)
    note = "hatched: before the group's first or after its last article"
    if counts:
        note = "white: no article in that period; " + note
    ax.set_xlabel(f"period (start)\n{note}" + small_note(groups, order))
    ax.set_ylabel("")
    return ax


def period_lines(
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
        return period_heatmap(data, value, label, title, groups, ax, counts)
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
    ax.set_xlabel("period" + small_note(groups, order))
    ax.set_ylabel(label)
    if len(order) > 1:
        ax.legend(title="group", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    sns.despine(ax=ax)
    return ax
