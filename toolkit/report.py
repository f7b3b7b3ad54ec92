"""Write a corpus report: summary tables, figures and an index page, with provenance.

``toolkit report PATH -o DIR`` and ``make demo`` call :func:`write_report`. Every table and
figure it writes records the toolkit version, the corpus fingerprint and the parameters that
made it (in ``provenance.json``, in the Parquet schema metadata, and in the PNG/SVG metadata),
so a reader can reproduce it.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg", force=False)

import matplotlib.pyplot as plt
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from toolkit._version import __version__
from toolkit.corpus import corpus_fingerprint, corpus_problems, summarise_corpus
from toolkit.plot import plot_articles

__all__ = ["write_report"]


def _provenance(corpus: pd.DataFrame, parameters: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "toolkit_version": __version__,
        "corpus_fingerprint": corpus_fingerprint(corpus),
        "n_articles": len(corpus),
        "parameters": dict(parameters),
    }


def _write_table(table: pd.DataFrame, out: Path, name: str, prov: Mapping[str, Any]) -> list[Path]:
    csv_path, parquet_path = out / f"{name}.csv", out / f"{name}.parquet"
    table.to_csv(csv_path, index=False)
    arrow = pa.Table.from_pandas(table, preserve_index=False)
    meta = dict(arrow.schema.metadata or {})
    meta[b"toolkit_provenance"] = json.dumps(prov, default=str).encode("utf-8")
    pq.write_table(arrow.replace_schema_metadata(meta), parquet_path)
    return [csv_path, parquet_path]


def _write_figure(fig: Any, out: Path, name: str, prov: Mapping[str, Any]) -> list[Path]:
    description = json.dumps(prov, default=str)
    png, svg = out / f"{name}.png", out / f"{name}.svg"
    fig.savefig(png, dpi=150, metadata={"Description": description, "Software": "toolkit"})
    fig.savefig(svg, metadata={"Description": description})
    plt.close(fig)
    return [png, svg]


def _inside(child: Path, parent: Path) -> bool:
    try:
        child.resolve().relative_to(parent.resolve())
    except ValueError:
        return False
    return True


def write_report(
    corpus: pd.DataFrame,
    out_dir: str | Path,
    *,
    by: str = "outlet",
    parameters: Mapping[str, Any] | None = None,
) -> Path:
    """Write the corpus report into ``out_dir`` and return the path of its index page.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (see :func:`toolkit.load_corpus`).
    out_dir : str or Path
        Folder to write into (created if needed). Must not lie inside a folder the corpus was
        loaded from: the corpus is read-only.
    by : str, default "outlet"
        Column the summary is grouped by.
    parameters : mapping, optional
        Extra parameters to record in the provenance (e.g. how the corpus was loaded).

    Returns
    -------
    pathlib.Path
        ``out_dir / "index.html"``. Beside it: ``corpus_summary.csv`` and ``.parquet``,
        ``problems.csv``, ``articles_per_<by>.png`` and ``.svg``, ``provenance.json``.

    Examples
    --------
    >>> import tempfile, toolkit
    >>> corpus = toolkit.load_corpus(toolkit.SHIPPED_CORPUS)
    >>> index = write_report(corpus, tempfile.mkdtemp())
    >>> sorted(p.name for p in index.parent.iterdir())  # doctest: +NORMALIZE_WHITESPACE
    ['articles_per_outlet.png', 'articles_per_outlet.svg', 'corpus_summary.csv',
     'corpus_summary.parquet', 'index.html', 'problems.csv', 'provenance.json']
    """
    out = Path(out_dir)
    for source in corpus.attrs.get("toolkit", {}).get("loaded_from", []):
        src = Path(source)
        if src.is_dir() and _inside(out, src):
            raise ValueError(
                f"out_dir {out} is inside the corpus folder {src}; the corpus is "
                "read-only: write the report somewhere else, e.g. reports/"
            )
    out.mkdir(parents=True, exist_ok=True)
    params = {"by": by, **corpus.attrs.get("toolkit", {}), **dict(parameters or {})}
    prov = _provenance(corpus, params)

    summary = summarise_corpus(corpus, by=by)
    problems = corpus_problems(corpus)
    written = _write_table(summary, out, "corpus_summary", prov)
    problems.to_csv(out / "problems.csv", index=False)
    ax = plot_articles(summary, by=by)
    fig_name = f"articles_per_{by}"
    written += _write_figure(ax.figure, out, fig_name, prov)
    (out / "provenance.json").write_text(
        json.dumps(prov, indent=2, default=str) + "\n", encoding="utf-8"
    )

    dates = corpus["date"].dropna()
    span = f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else "no dates"
    problems_html = (
        "<p>No problems: every input article was loaded.</p>"
        if problems.empty
        else problems.to_html(index=False, escape=True)
    )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Corpus report</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.2em .5em}}
img{{max-width:100%}}code{{background:#f4f4f4}}</style></head><body>
<h1>Corpus report</h1>
<p>{len(corpus)} articles from {corpus[by].nunique()} {html.escape(by)} group(s); dates {span}.</p>
<h2>Articles per {html.escape(by)}</h2>
<img src="{fig_name}.png" alt="Bar chart of the number of articles per {html.escape(by)}">
<h2>Summary table</h2>
{summary.to_html(index=False, escape=True)}
<p>Also as <a href="corpus_summary.csv">CSV</a> and
<a href="corpus_summary.parquet">Parquet</a>.</p>
<h2>Problems</h2>
{problems_html}
<h2>Provenance</h2>
<p>toolkit {html.escape(__version__)}, corpus fingerprint
<code>{prov["corpus_fingerprint"]}</code>; parameters in
<a href="provenance.json">provenance.json</a>.</p>
</body></html>
"""
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index
