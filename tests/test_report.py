from __future__ import annotations

import itertools
import json

import numpy as np
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


# ---------------------------------------------------------------- comparative figures

from toolkit import plot  # noqa: E402


def _fifteen() -> list[str]:
    return [
        "Al Arabiya",
        "Al-Ahram",
        "Al-Alam",
        "Al-Araby",
        "Al-Manar",
        "Asharq Al-Awsat",
        "Daily Sabah",
        "Etilaf",
        "Jordan Times",
        "NNA",
        "Reuters",
        "SANA",
        "Sputnik",
        "TASS",
        "TRT",
    ]


def _no_overlap(labels) -> bool:
    boxes = [t.get_window_extent() for t in labels]
    return all(a.y0 >= b.y1 - 0.5 or b.y0 >= a.y1 - 0.5 for a, b in itertools.pairwise(boxes))


def test_plot_compare_sorted_points_and_intervals():
    groups = _fifteen()
    table = pd.DataFrame(
        {"feature": "tone", "group": groups, "n": range(1, 16), "mean": [i / 10 for i in range(15)]}
    )
    table["ci_low"], table["ci_high"] = table["mean"] - 0.05, table["mean"] + 0.05
    ax = plot.plot_compare(table, feature="tone")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "TRT" and labels[-1] == "Al Arabiya"  # highest mean first
    xs = list(ax.lines[0].get_xdata())
    assert xs == sorted(table["mean"], reverse=True)
    ax.figure.canvas.draw()
    assert _no_overlap(ax.get_yticklabels())
    assert "tone" in ax.get_title().lower()


def test_plot_profile_heatmap_values():
    table = pd.DataFrame(
        {
            "feature": ["frame_conflict", "frame_morality"] * 2,
            "group": ["A", "A", "B", "B"],
            "mean": [0.4, 0.1, 0.2, 0.3],
        }
    )
    ax = plot.plot_profile(table)
    assert [t.get_text() for t in ax.texts] == ["0.40", "0.10", "0.20", "0.30"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B"]


def test_plot_label_shares_points_per_label():
    shares = pd.DataFrame(
        {
            "group": ["A", "A", "B"],
            "referent": "armed_opposition",
            "label": ["rebels", "terrorists", "terrorists"],
            "count": [3, 1, 2],
            "share": [0.75, 0.25, 1.0],
            "ci_low": [0.5, 0.0, 1.0],
            "ci_high": [1.0, 0.5, 1.0],
        }
    )
    ax = plot.plot_label_shares(shares, referent="armed_opposition")
    series = {c.get_label(): [float(x) for x in c.lines[0].get_xdata()] for c in ax.containers}
    assert series == {"terrorists": [0.25, 1.0], "rebels": [0.75, 0.0]}
    with pytest.raises(ValueError, match="referents"):
        plot.plot_label_shares(shares, referent="the_dead")


def test_plot_keyness_diverging_bars():
    table = pd.DataFrame(
        {
            "target": "SANA",
            "reference": "(rest)",
            "term": ["terrorists", "shells", "rebels", "regime"],
            "g2": [30.0, 12.0, -9.0, -20.0],
            "p_adj": [0.001] * 4,
            "log_ratio": [2.5, 1.0, -1.5, -3.0],
        }
    )
    ax = plot.plot_keyness(table, n=2)
    assert [float(p.get_width()) for p in ax.patches] == [2.5, 1.0, -1.5, -3.0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "terrorists",
        "shells",
        "rebels",
        "regime",
    ]
    assert "SANA vs all other groups" in ax.get_title() and "G2" in ax.get_title()


def test_plot_mix_and_similarity():
    shares = pd.DataFrame(
        {
            "group": ["A", "A", "B"],
            "category": ["military", "UN/NGO", "military"],
            "share": [0.75, 0.25, 1.0],
        }
    )
    ax = plot.plot_mix(shares, title="Who speaks")
    totals = {}
    for patch, label in zip(ax.patches, [0, 1] * 2, strict=True):
        totals[label] = totals.get(label, 0) + patch.get_width()
    assert totals == {0: pytest.approx(1.0), 1: pytest.approx(1.0)}
    m = pd.DataFrame(np.eye(15) * 0, index=_fifteen(), columns=_fifteen())
    ax = plot.plot_similarity(m)
    ax.figure.canvas.draw()
    assert len(ax.texts) == 225 and _no_overlap(ax.get_yticklabels())


def test_plot_term_trends_one_line_per_group():
    trends = pd.DataFrame(
        {
            "group": ["A", "A", "B", "B"],
            "term": "rebels",
            "period": pd.to_datetime(["2016-01-01", "2016-02-01"] * 2),
            "rate_per_1k": [1.0, 3.0, 2.0, 0.0],
        }
    )
    ax = plot.plot_term_trends(trends)
    assert [line.get_label() for line in ax.lines] == ["A", "B"]
    assert [float(v) for v in ax.lines[1].get_ydata()] == [2.0, 0.0]


def test_save_records_provenance(tmp_path):
    corpus = toolkit.load_corpus(ROOT / "corpus")
    table = toolkit.summarise_corpus(corpus)
    written = toolkit.report.save(
        table, "summary", tmp_path, corpus=corpus, parameters={"BY": "outlet"}
    )
    assert [p.name for p in written] == ["summary.csv", "summary.parquet"]
    ax = plot_articles(table)
    toolkit.report.save(ax, "figure", tmp_path, corpus=corpus)
    prov = json.loads((tmp_path / "provenance.json").read_text())
    assert set(prov) == {"summary", "figure"}
    assert prov["summary"]["corpus_fingerprint"] == toolkit.corpus_fingerprint(corpus)
    assert prov["summary"]["parameters"] == {"BY": "outlet"}
    with pytest.raises(TypeError, match="DataFrame or a matplotlib"):
        toolkit.report.save("text", "x", tmp_path)


def test_enough_groups_says_so():
    one = pd.DataFrame({"outlet": ["TASS"]})
    assert toolkit.report.enough_groups(one, "outlet") is False
    assert toolkit.report.enough_groups(pd.DataFrame({"outlet": ["A", "B"]}), "outlet")
