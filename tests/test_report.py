from __future__ import annotations

import itertools
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

import toolkit
from toolkit.plot import plot_articles
from toolkit.report import write_report

from .conftest import ROOT


def test_write_report_tables_figures_and_provenance(tmp_path):
    corpus = toolkit.load_corpus(ROOT / "corpus")
    index = write_report(corpus, tmp_path)
    summary = pd.read_csv(tmp_path / "corpus_summary.csv")
    assert summary["outlet"].tolist() == ["TASS"] and summary["n_articles"].tolist() == [1]
    prov = json.loads((tmp_path / "provenance.json").read_text())
    assert prov["corpus_fingerprint"] == toolkit.corpus_fingerprint(corpus)
    assert prov["toolkit_version"] == toolkit.__version__
    meta = pq.read_schema(tmp_path / "corpus_summary.parquet").metadata
    assert (
        json.loads(meta[b"toolkit_provenance"])["corpus_fingerprint"] == prov["corpus_fingerprint"]
    )
    assert (tmp_path / "articles_per_outlet.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "corpus_fingerprint" in (tmp_path / "articles_per_outlet.svg").read_text()
    page = index.read_text()
    assert "articles_per_outlet.png" in page and "TASS" in page


def test_write_report_refuses_corpus_folder(tmp_path):
    corpus = toolkit.load_corpus(ROOT / "corpus")
    with pytest.raises(ValueError, match="read-only"):
        write_report(corpus, ROOT / "corpus" / "reports")
    assert not (ROOT / "corpus" / "reports").exists()


def test_plot_articles_draws_sorted_labelled_bars():
    table = pd.DataFrame(
        {
            "outlet": [f"Outlet {i:02d}" for i in range(15)],
            "n_articles": [3, 40, 7, 1, 22, 9, 15, 5, 2, 30, 11, 6, 4, 8, 13],
        }
    )
    ax = plot_articles(table)
    widths = [p.get_width() for p in ax.patches]
    assert widths == sorted(table["n_articles"], reverse=True)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "Outlet 01" and len(labels) == 15
    assert ax.get_title() == "Articles per outlet"
    assert ax.get_xlabel() == "Articles (count)" and ax.get_ylabel() == "Outlet"
    assert [t.get_text() for t in ax.texts] == [str(int(w)) for w in widths]
    # 15 outlets fit without overlapping tick labels
    fig = ax.figure
    fig.canvas.draw()
    boxes = [t.get_window_extent() for t in ax.get_yticklabels()]
    assert all(a.y0 >= b.y1 - 0.5 or b.y0 >= a.y1 - 0.5 for a, b in itertools.pairwise(boxes))


def test_plot_articles_missing_column():
    with pytest.raises(KeyError, match="no column 'n_articles'"):
        plot_articles(pd.DataFrame({"outlet": ["A"]}))
