"""Seaborn figures that take the toolkit's tidy tables and return the Axes they drew on.

Plotting only draws: every statistic comes from an analysis function. Figures are sized for
up to 15 or more groups, sorted by value, titled and labelled, with a colour-blind-safe
palette, so they can go into a paper as they are.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes

__all__ = ["PALETTE", "plot_articles"]

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
