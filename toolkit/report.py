"""The report: notebooks executed on a corpus, their figures and tables, an index page.

``toolkit report PATH -o DIR`` (and ``make demo``) calls :func:`run_report`, which writes the
corpus summary (:func:`write_report`), executes every numbered notebook of ``notebooks/`` on
the corpus with papermill, converts each to HTML, and links everything from
``DIR/index.html``. Notebooks save their figures (PNG and SVG) and tables (CSV and Parquet)
with :func:`save`. Every table and figure records the toolkit version, the corpus
fingerprint and the parameters that made it (in the folder's ``provenance.json``, in the
Parquet schema metadata, and in the PNG/SVG metadata), so a reader can reproduce it.
"""

from __future__ import annotations

import html
import json
import os
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from toolkit._version import __version__
from toolkit.datasets import open_corpus
from toolkit.plot import plot_articles
from toolkit.summary import corpus_fingerprint, corpus_problems, summarise_corpus

__all__ = [
    "NOTEBOOKS_DIR",
    "enough_groups",
    "figure_title",
    "run_report",
    "save",
    "write_report",
]

#: The numbered notebooks of a source checkout.
NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"


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


def figure_title(fig: Any) -> str:
    """A figure's title: its suptitle, else the titles of its axes (first line each).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_title("Articles per outlet")
    >>> figure_title(fig)
    'Articles per outlet'
    >>> plt.close(fig)
    """
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None and suptitle.get_text():
        return str(suptitle.get_text()).splitlines()[0]
    titles = [ax.get_title().splitlines()[0] for ax in fig.axes if ax.get_title()]
    return "; ".join(titles)


def _write_figure(fig: Any, out: Path, name: str, prov: Mapping[str, Any]) -> list[Path]:
    """Write PNG and SVG; the figure stays open, so that a notebook shows it inline."""
    description = json.dumps(prov, default=str)
    png, svg = out / f"{name}.png", out / f"{name}.svg"
    fig.savefig(png, dpi=150, metadata={"Description": description, "Software": "toolkit"})
    fig.savefig(svg, metadata={"Description": description})
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
    ax = plot_articles(summary)
    fig_name = f"articles_per_{by}"
    written += _write_figure(ax.figure, out, fig_name, prov)
    plt.close(ax.get_figure(root=True))  # not shown anywhere: the page links the file
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


def _record(folder: Path, name: str, prov: Mapping[str, Any]) -> None:
    path = folder / "provenance.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    data[name] = prov
    path.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")


def save(
    obj: Any,
    name: str,
    folder: str | Path,
    *,
    corpus: pd.DataFrame | None = None,
    parameters: Mapping[str, Any] | None = None,
) -> list[Path]:
    """Save a figure (PNG and SVG) or a table (CSV and Parquet) with its provenance.

    Parameters
    ----------
    obj : matplotlib Axes or Figure, or pandas.DataFrame
    name : str
        File name without suffix.
    folder : str or Path
        Created if needed.
    corpus : pandas.DataFrame, optional
        The corpus the object was made from (its fingerprint is recorded).
    parameters : mapping, optional
        The parameters that made it (a notebook's parameter cell).

    Returns
    -------
    list of Path
        The files written. ``folder/provenance.json`` gains an entry ``name`` (for a
        figure, with its ``title``). A figure is left open, so that a notebook still shows
        it inline after saving; close it yourself in a script (``plt.close(fig)``).

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> paths = save(pd.DataFrame({"a": [1]}), "table", tempfile.mkdtemp())
    >>> [p.name for p in paths]
    ['table.csv', 'table.parquet']
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    prov: dict[str, Any] = {"toolkit_version": __version__, "parameters": dict(parameters or {})}
    if corpus is not None:
        prov["corpus_fingerprint"] = corpus_fingerprint(corpus)
        prov["n_articles"] = len(corpus)
    if isinstance(obj, pd.DataFrame):
        table = obj.reset_index() if obj.index.name is not None else obj
        written = _write_table(table, out, name, prov)
    elif hasattr(obj, "savefig") or hasattr(obj, "figure"):
        figure = obj if hasattr(obj, "savefig") else obj.figure
        prov["title"] = figure_title(figure)
        written = _write_figure(figure, out, name, prov)
    else:
        raise TypeError(
            f"save() takes a DataFrame or a matplotlib Axes/Figure, got {type(obj).__name__}"
        )
    _record(out, name, prov)
    return written


def enough_groups(data: pd.DataFrame, by: str, n: int = 2) -> bool:
    """Whether ``data[by]`` has at least ``n`` groups; if not, say so in the notebook.

    A comparison needs two groups or more: on a one-outlet corpus the notebooks skip it
    with a sentence instead of failing.

    Examples
    --------
    >>> import pandas as pd
    >>> enough_groups(pd.DataFrame({"outlet": ["A", "B"]}), "outlet")
    True
    """
    groups: list[Any] = list(data[by].dropna().unique()) if by in data.columns else []
    if len(groups) >= n:
        return True
    message = (
        f"This comparison needs at least {n} groups in {by!r}; this corpus has "
        f"{len(groups)} ({', '.join(map(str, groups)) or 'none'}). Run the notebook on "
        "a corpus with more outlets (for instance FA-KES) to see it."
    )
    try:
        from IPython.display import Markdown, display

        display(Markdown(f"> **Skipped.** {message}"))
    except ImportError:  # pragma: no cover - IPython comes with the notebooks extra
        warnings.warn(message, UserWarning, stacklevel=2)
    return False


def _notebook_title(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    first = "".join(cells[0]["source"]).splitlines()[0] if cells else path.stem
    return first.lstrip("# ").strip()


def _relative(path: str | Path, start: Path) -> str:
    """``path`` relative to ``start`` where one exists (papermill writes the parameters
    into the executed notebook and its HTML: no machine's absolute paths there)."""
    if str(path) == "fakes":
        return "fakes"
    try:
        return Path(os.path.relpath(Path(path).resolve(), start)).as_posix()
    except ValueError:  # another drive (Windows)
        return str(path)


def _figures(folder: Path) -> list[tuple[str, str]]:
    """(file name, title) of each PNG a notebook saved, from its provenance."""
    if not folder.is_dir():
        return []
    prov_path = folder / "provenance.json"
    prov = json.loads(prov_path.read_text(encoding="utf-8")) if prov_path.is_file() else {}
    return [
        (png.name, str(prov.get(png.stem, {}).get("title") or png.stem.replace("_", " ")))
        for png in sorted(folder.glob("*.png"))
    ]


#: Quiet kernels: without it every notebook prints ipykernel's transport warning.
_KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]


def run_report(
    paths: Sequence[str | Path],
    out_dir: str | Path,
    *,
    by: str = "outlet",
    notebooks: Sequence[str] | None = None,
    n_jobs: int = 1,
    load_options: Mapping[str, Any] | None = None,
    progress: bool = True,
) -> Path:
    """Execute the notebooks on a corpus and write the report; return the index page.

    Parameters
    ----------
    paths : sequence of str or Path
        What :func:`toolkit.open_corpus` accepts (corpus folders, files, ``"fakes"``).
    out_dir : str or Path
        Report folder: ``index.html``, ``corpus/`` (the corpus summary), and per notebook
        ``<name>.ipynb`` (executed), ``<name>.html`` and ``<name>/`` (its figures and
        tables).
    by : str, default "outlet"
        Grouping column passed to the notebooks.
    notebooks : sequence of str, optional
        Notebook names (stems) to run; all numbered notebooks by default.
    n_jobs : int, default 1
        Processes for the slow steps (``N_JOBS`` of the notebooks that have it; -1: one
        per CPU core). The results are the same.
    load_options : mapping, optional
        Options of :func:`toolkit.load_corpus` for the files (``format``, ``columns``,
        ``date_format``, ``encoding``), used here and passed to every notebook as ``LOAD``.
    progress : bool, default True
        Show a progress bar.

    Returns
    -------
    pathlib.Path
        ``out_dir / "index.html"``.

    Raises
    ------
    CorpusError
        When no article can be loaded: the run stops before any notebook.
    """
    import papermill
    from nbconvert import HTMLExporter
    from tqdm.auto import tqdm

    if not NOTEBOOKS_DIR.is_dir():
        raise FileNotFoundError(
            f"{NOTEBOOKS_DIR}: the notebooks are not here; the report "
            "runs from a source checkout of the toolkit"
        )
    load = {k: v for k, v in dict(load_options or {}).items() if v not in (None, {}, [])}
    out = Path(out_dir).resolve()
    sources = [str(p) if str(p) == "fakes" else str(Path(p).resolve()) for p in paths]
    corpus = open_corpus(sources, **load)
    summary_index = write_report(
        corpus, out / "corpus", by=by, parameters={"corpus": sources, "load": load}
    )
    chosen = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
    if notebooks is not None:
        chosen = [nb for nb in chosen if nb.stem in set(notebooks)]
    exporter = HTMLExporter()
    entries = []
    corpus_param = [_relative(s, NOTEBOOKS_DIR) for s in sources]
    for nb in tqdm(chosen, desc="notebooks", disable=not progress):
        executed = out / nb.name
        declared = papermill.inspect_notebook(str(nb))
        parameters: dict[str, Any] = {
            "CORPUS": corpus_param,
            "BY": by,
            "OUTPUT": _relative(out / nb.stem, NOTEBOOKS_DIR),
        }
        if "N_JOBS" in declared:  # only where it is a parameter
            parameters["N_JOBS"] = n_jobs
        if "LOAD" in declared:
            parameters["LOAD"] = load
        papermill.execute_notebook(
            str(nb),
            str(executed),
            cwd=str(NOTEBOOKS_DIR),
            kernel_name="python3",
            parameters=parameters,
            progress_bar=False,
            extra_arguments=_KERNEL_ARGUMENTS,
        )
        body, _ = exporter.from_filename(str(executed))
        (out / f"{nb.stem}.html").write_text(body, encoding="utf-8")
        entries.append((nb.stem, _notebook_title(nb), _figures(out / nb.stem)))
    items = []
    for stem, title, figures in entries:
        thumbs = "".join(
            f'<figure><a href="{stem}/{html.escape(name)}"><img src="{stem}/{html.escape(name)}"'
            f' alt="{html.escape(caption)}" width="360"></a>'
            f"<figcaption>{html.escape(caption)}</figcaption></figure>"
            for name, caption in figures
        )
        items.append(
            f'<li><h2><a href="{stem}.html">{html.escape(title)}</a></h2>'
            f'<p><a href="{stem}.ipynb">notebook</a> · <a href="{stem}/">tables and figures</a>'
            f' · {len(figures)} figure(s)</p><div class="figures">{thumbs}</div></li>'
        )
    names = ", ".join(html.escape(Path(s).name) for s in sources)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Media framing report</title>
<style>body{{font-family:sans-serif;max-width:80em;margin:2em auto;padding:0 1em}}
ol{{padding-left:1.2em}}li{{margin-bottom:2em}}h2{{font-size:1.2em;margin-bottom:.2em}}
.figures{{display:flex;flex-wrap:wrap;gap:12px}}
figure{{margin:0;width:360px}}figcaption{{font-size:.85em;color:#333}}
img{{border:1px solid #ddd;max-width:100%;height:auto}}</style></head><body>
<h1>Media framing report</h1>
<p>{len(corpus)} articles from {names}; toolkit {__version__},
corpus fingerprint <code>{corpus_fingerprint(corpus)}</code>.
<a href="corpus/{summary_index.name}">Corpus summary and problems</a>.</p>
<ol>{"".join(items)}</ol>
</body></html>
"""
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index
