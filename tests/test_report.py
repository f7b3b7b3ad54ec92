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
    assert summary["group"].tolist() == ["TASS"] and summary["n_articles"].tolist() == [1]
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
    ax = plot_articles(table, by="outlet")
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
        plot_articles(pd.DataFrame({"group": ["A"]}))


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
    xs = [float(c.lines[0].get_xdata()[0]) for c in ax.containers]
    assert xs == sorted(table["mean"], reverse=True)
    ax.figure.canvas.draw()
    assert _no_overlap(ax.get_yticklabels())
    assert "tone" in ax.get_title().lower()
    # every group's n is written, and groups under 10 articles are grey, with a note
    notes = [t.get_text() for t in ax.texts]
    assert notes[0] == "n=15" and len(notes) == 15
    grey = [t.get_text() for t in ax.get_yticklabels() if t.get_color() == plot.SMALL_COLOR]
    assert len(grey) == 9 and "fewer than 10 articles" in ax.get_xlabel()


def test_group_style_gives_one_order_to_every_figure():
    corpus = pd.DataFrame({"outlet": ["SANA"] * 12 + ["TASS"] * 3 + ["Reuters"] * 20})
    style = plot.group_style(corpus)
    assert style.order == ("Reuters", "SANA", "TASS")
    table = pd.DataFrame(
        {
            "feature": "tone",
            "group": ["TASS", "SANA", "Reuters"],
            "n": [3, 12, 20],
            "mean": [0.9, 0.1, -0.5],
            "ci_low": [0.8, 0.0, -0.6],
            "ci_high": [1.0, 0.2, -0.4],
        }
    )
    compare_ax = plot.plot_compare(table, feature="tone", groups=style)
    profile_ax = plot.plot_profile(table, groups=style)
    names = [t.get_text() for t in compare_ax.get_yticklabels()]
    assert names == ["Reuters", "SANA", "TASS"]  # the report's order, not by mean
    assert [t.get_text() for t in profile_ax.get_yticklabels()] == [
        "Reuters (n=20)",
        "SANA (n=12)",
        "TASS (n=3)",
    ]
    tass = profile_ax.get_yticklabels()[2]
    assert tass.get_color() == plot.SMALL_COLOR and "fewer than 10" in profile_ax.get_xlabel()
    custom = plot.group_style(corpus, order=["TASS"])
    assert custom.order == ("TASS", "Reuters", "SANA")


def test_plot_label_shares_stack_to_the_whole_with_other():
    shares = pd.DataFrame(
        {
            "group": ["A", "A", "A", "B"],
            "referent": "armed_opposition",
            "label": ["rebels", "terrorists", "militants", "terrorists"],
            "count": [6, 2, 2, 4],
            "total": [10, 10, 10, 4],
            "share": [0.6, 0.2, 0.2, 1.0],
        }
    )
    ax = plot.plot_label_shares(shares, referent="armed_opposition", top=2)
    legend = [t.get_text() for t in ax.figure.legends[0].get_texts()]
    assert legend == ["rebels", "terrorists", "other"]  # the label set's order, then other
    widths = {}
    for patch in ax.patches:
        y = round(patch.get_y() + patch.get_height() / 2)
        widths[y] = widths.get(y, 0.0) + patch.get_width()
    assert widths == {0: pytest.approx(1.0), 1: pytest.approx(1.0)}  # bars sum to the total
    colors = [patch.get_facecolor()[:3] for patch in ax.patches]
    assert len({tuple(round(c, 3) for c in color) for color in colors}) == 3
    assert ax.patches[4].get_facecolor()[:3] == pytest.approx(plot.OTHER_COLOR)
    counts = [t.get_text() for t in ax.figure.axes[1].get_yticklabels()]
    assert counts == ["10 mentions", "4 mentions"]
    # the same label has the same colour in another figure of other groups
    other = plot.plot_label_shares(
        shares.assign(group=["X"] * 3 + ["Y"]), referent="armed_opposition"
    )
    rebels = [p for p in other.patches if p.get_label() == "rebels"] or other.patches[:1]
    assert rebels[0].get_facecolor() == ax.patches[0].get_facecolor()
    with pytest.raises(ValueError, match="referents"):
        plot.plot_label_shares(shares, referent="the_dead")


def test_plot_keyness_draws_the_statistic_it_ranks_by():
    table = pd.DataFrame(
        {
            "target": "SANA",
            "reference": "(rest)",
            "term": ["terrorists", "shells", "rebels", "regime"],
            "g2": [30.0, 12.0, -9.0, -20.0],
            "p_adj": [0.001] * 4,
            "log_ratio": [1.0, 2.5, -3.0, -1.5],
        }
    )
    ax = plot.plot_keyness(table, n=2)
    assert [float(p.get_width()) for p in ax.patches] == [30.0, 12.0, -9.0, -20.0]
    assert "by G2" in ax.get_title() and "SANA vs all other groups" in ax.get_title()
    ax = plot.plot_keyness(table, n=2, measure="log_ratio")
    assert [float(p.get_width()) for p in ax.patches] == [2.5, 1.0, -1.5, -3.0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "shells",
        "terrorists",
        "regime",
        "rebels",
    ]
    assert "by Log Ratio" in ax.get_title()


def test_plot_mix_sums_to_one_and_shows_a_small_remainder():
    shares = pd.DataFrame(
        {
            "group": ["A", "A", "B"],
            "category": ["military", "UN/NGO", "military"],
            "share": [0.75, 0.25, 1.0],
        }
    )
    ax = plot.plot_mix(shares, title="Who speaks", hide=None)
    totals = {}
    for patch in ax.patches:
        y = round(patch.get_y() + patch.get_height() / 2)
        totals[y] = totals.get(y, 0) + patch.get_width()
    assert totals == {0: pytest.approx(1.0), 1: pytest.approx(1.0)}
    verbs = pd.DataFrame(
        {
            "group": ["A", "A", "A", "B", "B"],
            "category": ["neutral", "distancing", "endorsing", "neutral", "distancing"],
            "count": [95, 3, 2, 90, 10],
            "share": [0.95, 0.03, 0.02, 0.9, 0.1],
        }
    )
    ax = plot.plot_mix(verbs, order=["neutral", "distancing", "endorsing"], unit="quotes")
    assert [p.get_label() for p in ax.containers] == ["distancing", "endorsing"]
    assert ax.get_xlim()[1] < 0.2 and "'neutral' (92% of all quotes) is left out" in ax.get_xlabel()
    assert [t.get_text() for t in ax.figure.axes[1].get_yticklabels()] == ["100 quotes"] * 2


def test_plot_similarity_heatmap():
    m = pd.DataFrame(np.eye(15) * 0, index=_fifteen(), columns=_fifteen())
    ax = plot.plot_similarity(m)
    ax.figure.canvas.draw()
    assert len(ax.texts) == 225 and _no_overlap(ax.get_yticklabels())


def test_plot_timeline_tells_no_article_from_not_covered():
    table = toolkit.timeline(
        toolkit.as_corpus(
            pd.DataFrame(
                {
                    "text": [f"t{i}" for i in range(10)],
                    "outlet": list("AAABBCDEFG"),
                    "date": [
                        "2016-01-05",
                        "2016-07-01",
                        "2016-08-01",
                        "2016-04-01",
                        "2016-05-01",
                        "2016-02-01",
                        "2016-03-01",
                        "2016-04-01",
                        "2016-05-01",
                        "2016-09-01",
                    ],
                }
            )
        ),
        freq="Q",
    )
    ax = plot.plot_timeline(table)  # seven groups: a heatmap
    counts = [t.get_text() for t in ax.texts]
    assert "0" in counts  # A had no article in 2016-Q2, inside its span: written as 0
    mesh = ax.collections[0]
    assert np.ma.count_masked(mesh.get_array()) > 0  # outside a span: masked, hatched
    assert "hatched" in ax.get_xlabel() and "white: no article" in ax.get_xlabel()


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


def test_plot_removed_stacks_each_kind_in_one_colour():
    summary = pd.DataFrame(
        {
            "group": ["A", "A", "B"],
            "kind": ["credit", "date", "credit"],
            "share_chars": [0.02, 0.01, 0.05],
        }
    )
    ax = plot.plot_removed(summary)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B"]  # least removed first
    widths = [round(float(p.get_width()), 3) for p in ax.patches]
    assert widths == [0.01, 0.0, 0.02, 0.05]  # date (A, B), then credit (A, B)
    credit = {p.get_facecolor() for p in ax.patches[2:]}
    assert len(credit) == 1


def test_plot_profile_per_feature_colours_each_column_on_its_own_scale():
    table = pd.DataFrame(
        {
            "feature": ["frame_conflict"] * 2 + ["frame_morality"] * 2,
            "group": ["A", "B", "A", "B"],
            "mean": [6.0, 8.0, 0.10, 0.30],
        }
    )
    ax = plot.plot_profile(table, per_feature=True)
    colours = ax.collections[0].get_array().reshape(2, 2)  # rows: groups, columns: features
    # (6, 8) and (0.1, 0.3) both lie one SD below and above their column's mean
    assert sorted(np.asarray(colours).ravel().round(6).tolist()) == [-1.0, -1.0, 1.0, 1.0]
    assert sorted(t.get_text() for t in ax.texts) == ["0.10", "0.30", "6.00", "8.00"]
    assert "SDs from the" in ax.figure.axes[-1].get_ylabel()
