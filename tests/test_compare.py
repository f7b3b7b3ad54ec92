from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.spatial.distance import jensenshannon
from scipy.stats import kruskal, mannwhitneyu

import toolkit
from toolkit import as_corpus
from toolkit.compare import COMPARE_COLUMNS, category_shares, cliffs_delta, compare, group_tests
from toolkit.events import EVENT_SIMILARITY, describe_events, match_events
from toolkit.outlets import discriminate, outlet_similarity


@pytest.fixture
def data():
    rng = np.random.default_rng(0)
    return pd.DataFrame(
        {
            "outlet": ["A"] * 20 + ["B"] * 20 + ["C"] * 20,
            "tone": np.r_[
                rng.normal(0.2, 0.1, 20), rng.normal(-0.2, 0.1, 20), rng.normal(0.0, 0.1, 20)
            ],
            "frame": rng.random(60),
        }
    )


def test_compare_columns_means_and_intervals(data):
    table = compare(data, by="outlet", n_boot=1000)
    assert list(table.columns) == COMPARE_COLUMNS
    row = table[(table.feature == "tone") & (table.group == "A")].iloc[0]
    values = data.loc[data.outlet == "A", "tone"]
    assert row["n"] == 20
    assert row["mean"] == pytest.approx(values.mean())
    assert row["median"] == pytest.approx(values.median())
    assert row["ci_low"] < row["mean"] < row["ci_high"]


def test_compare_interval_shrinks_with_more_articles():
    rng = np.random.default_rng(1)
    small = pd.DataFrame({"g": "A", "x": rng.normal(0, 1, 20)})
    large = pd.DataFrame({"g": "A", "x": rng.normal(0, 1, 2000)})
    width = [
        compare(d, by="g", n_boot=1000).eval("ci_high - ci_low").iloc[0] for d in (small, large)
    ]
    assert width[1] < width[0] / 4


def test_compare_is_reproducible_with_a_seed(data):
    pd.testing.assert_frame_equal(
        compare(data, by="outlet", seed=5), compare(data, by="outlet", seed=5)
    )
    assert not compare(data, by="outlet", seed=5).equals(compare(data, by="outlet", seed=6))


def test_compare_bad_input_warns_but_works():
    frame = pd.DataFrame(
        {
            "outlet": ["A", "B", "B", None],
            "x": [1.0, 2.0, 3.0, 4.0],
            "empty": [np.nan] * 4,
            "same": [1.0] * 4,
        }
    )
    with pytest.warns(UserWarning) as record:
        table = compare(frame, by="outlet", n_boot=100)
    messages = " ".join(str(w.message) for w in record)
    assert "1 row(s) have no 'outlet'" in messages
    assert "one article" in messages and "no value" in messages
    one = table[(table.feature == "x") & (table.group == "A")].iloc[0]
    assert one["ci_low"] == one["ci_high"] == 1.0
    assert table[table.feature == "empty"]["mean"].isna().all()


def test_compare_within_events_centres_features():
    frame = pd.DataFrame(
        {
            "outlet": ["A", "B", "A", "B"],
            "event": ["e1", "e1", "e2", "e2"],
            "x": [1.0, 3.0, 11.0, 13.0],
        }
    )
    table = compare(frame, by="outlet", within="event", n_boot=0)
    assert table.set_index("group")["mean"].to_dict() == {"A": -1.0, "B": 1.0}


def test_group_tests_match_scipy(data):
    tests = group_tests(data, by="outlet", features=["tone"])
    omnibus = tests[tests.test == "kruskal"].iloc[0]
    groups = [data.loc[data.outlet == g, "tone"] for g in "ABC"]
    assert omnibus["p"] == pytest.approx(kruskal(*groups).pvalue)
    pair = tests[(tests.group_a == "A") & (tests.group_b == "B")].iloc[0]
    expected = mannwhitneyu(groups[0], groups[1], alternative="two-sided")
    assert pair["statistic"] == pytest.approx(expected.statistic)
    assert pair["p"] == pytest.approx(expected.pvalue)
    assert pair["effect_size"] == pytest.approx(cliffs_delta(groups[0], groups[1]))
    # BH over all tests of the table
    p = tests["p"].to_numpy()
    order = np.argsort(p)
    adjusted = np.minimum.accumulate((p[order] * len(p) / np.arange(1, len(p) + 1))[::-1])[::-1]
    expected_adj = np.empty_like(p)
    expected_adj[order] = np.minimum(adjusted, 1)
    assert tests["p_adj"].to_numpy() == pytest.approx(expected_adj)


def test_cliffs_delta_by_hand():
    # pairs (a, b): 3>1 3>2 3=3 4>1 4>2 4>3 5>1 5>2 5>3 -> 8 greater, 0 less, 1 tie
    assert cliffs_delta([3, 4, 5], [1, 2, 3]) == pytest.approx(8 / 9)
    assert cliffs_delta([1, 2], [1, 2]) == 0.0


def test_group_tests_constant_feature_warns():
    frame = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "same": [1.0] * 4})
    with pytest.warns(UserWarning, match="constant"):
        tests = group_tests(frame, by="outlet")
    assert tests["p"].isna().all()


def test_outlet_similarity_against_scipy():
    corpus = as_corpus(
        pd.DataFrame(
            {
                "text": [
                    "rebels shelled city rebels",
                    "terrorists shelled city",
                    "aid convoy arrived",
                ],
                "outlet": ["A", "B", "C"],
            }
        )
    )
    jsd = outlet_similarity(corpus, by="outlet")
    dtm = toolkit.document_term_matrix(corpus)
    rows = dtm.matrix.toarray().astype(float)
    expected = jensenshannon(rows[0], rows[1], base=2) ** 2
    assert jsd.loc["A", "B"] == pytest.approx(expected)
    assert jsd.loc["A", "C"] == pytest.approx(1.0)
    assert np.allclose(jsd.to_numpy(), jsd.to_numpy().T)
    cos = outlet_similarity(corpus, by="outlet", metric="cosine")
    assert cos.loc["A", "B"] == pytest.approx(
        rows[0] @ rows[1] / np.linalg.norm(rows[0]) / np.linalg.norm(rows[1])
    )
    with pytest.raises(ValueError, match="metric='kl'"):
        outlet_similarity(corpus, by="outlet", metric="kl")  # type: ignore[arg-type]


def test_discriminate_separates_distinct_vocabularies():
    texts = [f"rebels shelled the city day {i}" for i in range(10)] + [
        f"terrorists attacked civilians day {i}" for i in range(10)
    ]
    corpus = as_corpus(pd.DataFrame({"text": texts, "outlet": ["A"] * 10 + ["B"] * 10}))
    result = discriminate(corpus, by="outlet")
    scores = result.scores.set_index("metric")
    assert scores.loc["accuracy", "model"] == 1.0
    assert scores.loc["accuracy", "baseline"] == 0.5
    top = result.terms[result.terms["rank"] <= 3]
    assert set(top[top.group == "A"]["term"]) <= {"rebels", "shelled", "city"}


def test_discriminate_leaves_out_small_groups():
    texts = [f"word{i % 3} text number{i}" for i in range(12)]
    corpus = as_corpus(pd.DataFrame({"text": texts, "outlet": ["A"] * 5 + ["B"] * 5 + ["C"] * 2}))
    with pytest.warns(UserWarning, match="fewer than 5"):
        result = discriminate(corpus, by="outlet")
    assert result.groups == ["A", "B"]


def test_match_events_by_hand():
    shelling = "Shelling hit the Aleppo market, killing five civilians."
    corpus = as_corpus(
        pd.DataFrame(
            {
                "text": [
                    shelling,
                    "Five civilians killed as shelling hits Aleppo market.",
                    "Aleppo market shelling: five civilians killed, rescuers say.",
                    "Shelling of Aleppo market kills five civilians.",
                    "Officials opened a new school in Aleppo.",
                    "A new school opened in Aleppo on Monday, officials said.",
                    shelling,
                    shelling,
                ],
                "outlet": ["SANA", "Reuters", "TASS", "SANA", "SANA", "Reuters", "SANA", "TRT"],
                "place": ["Aleppo"] * 6 + ["Homs"] * 2,
                "date": [
                    "2016-02-01",
                    "2016-02-03",
                    "2016-02-04",  # 3 days after the first: inside
                    "2016-02-06",  # 2 days after the third, 5 after the first: outside
                    "2016-02-01",  # the first day, other news: an event of its own
                    "2016-02-02",
                    "2016-01-01",
                    "2016-01-10",  # same text, 9 days apart: no event
                ],
            }
        )
    )
    events = match_events(corpus, window="3D")
    ids = events["event_id"].tolist()
    assert ids[:3] == ["Aleppo|2016-02-01"] * 3  # no chaining past the window
    assert pd.isna(ids[3])  # alone after the window (one outlet)
    assert ids[4:6] == ["Aleppo|2016-02-01#2"] * 2  # same day, other content: another event
    assert events["event_id"].iloc[6:].isna().all()
    assert events["event_n_outlets"].tolist()[:3] == [3, 3, 3]
    assert events["event_similarity"].iloc[0] == 1.0
    assert (events["event_similarity"].iloc[1:3] >= EVENT_SIMILARITY).all()
    assert "event_id" not in corpus.columns  # a new frame
    # on place and date alone, the school story joins the first event
    loose = match_events(corpus, window="3D", min_similarity=0)
    assert (loose["event_id"].iloc[:6] == "Aleppo|2016-02-01").fillna(False).sum() == 5
    summary = describe_events(events)
    assert summary["event_id"].tolist() == ["Aleppo|2016-02-01", "Aleppo|2016-02-01#2"]
    assert summary["span_days"].tolist() == [3, 1]
    assert summary["outlets"].tolist() == ["Reuters, SANA, TASS", "Reuters, SANA"]
    assert "school" in summary["key_terms"].iloc[1]


def test_category_shares_sum_to_one():
    table = pd.DataFrame(
        {"outlet": ["A", "A", "A", "B"], "source_type": ["military", "military", None, "UN/NGO"]}
    )
    shares = category_shares(table, by="outlet", category="source_type")
    assert shares.groupby("group")["share"].sum().tolist() == [1.0, 1.0]
    assert shares.set_index(["group", "category"]).loc[("A", "military"), "share"] == pytest.approx(
        2 / 3
    )


def test_fakes_comparison_end_to_end(fakes):
    feats = toolkit.features(fakes, families=["sentiment"])
    table = compare(
        fakes[["outlet"]].join(feats),
        by="outlet",
        features=["vader_compound_sentence_mean"],
        n_boot=200,
    )
    assert table["group"].nunique() == 15
    result = discriminate(fakes, by="outlet")
    scores = result.scores.set_index("metric")
    assert scores.loc["accuracy", "model"] > scores.loc["accuracy", "baseline"]
    events = match_events(fakes)
    assert events["event_id"].notna().sum() > 50
    # every event lies within its 3-day window (the old chaining made one of 61 days)
    summary = describe_events(events)
    assert summary["span_days"].max() <= 3
    assert (summary["n_outlets"] >= 2).all()


def test_missing_groups_are_left_out_not_a_crash():
    # pd.NA in a string column: the rows are left out with a warning, the rest computed
    data = pd.DataFrame(
        {
            "outlet": pd.array(["A", "A", pd.NA, "B", "B", None], dtype="string"),
            "tone": [0.1, 0.3, 9.0, -0.1, -0.3, 9.0],
        }
    )
    with pytest.warns(UserWarning, match="2 row"):
        table = compare(data, by="outlet", n_boot=50)
    assert table["group"].tolist() == ["A", "B"]
    assert table["mean"].round(6).tolist() == [0.2, -0.2]
    with pytest.warns(UserWarning, match="2 row"):
        tests = group_tests(data, by="outlet")
    u, p = mannwhitneyu([0.1, 0.3], [-0.1, -0.3], alternative="two-sided")
    pair = tests[tests["test"] == "mannwhitney"].iloc[0]
    assert (pair["statistic"], pair["p"]) == (u, p)


def test_infinite_values_are_named():
    data = pd.DataFrame({"outlet": ["A", "B"], "tone": [0.1, np.inf], "other": [1.0, 2.0]})
    with pytest.raises(ValueError, match=r"compare\(\): feature\(s\) \['tone'\] hold infinite"):
        compare(data, by="outlet")
    with pytest.raises(ValueError, match=r"group_tests\(\): feature\(s\) \['tone'\]"):
        group_tests(data, by="outlet")


@pytest.mark.parametrize("n_boot", [-1, 1.5, True])
def test_bad_bootstrap_counts_name_the_argument(n_boot):
    data = pd.DataFrame({"outlet": ["A", "B"], "tone": [0.1, 0.2]})
    with pytest.raises(ValueError, match=rf"n_boot={n_boot!r} is not valid"):
        compare(data, by="outlet", n_boot=n_boot)
    corpus = as_corpus(pd.DataFrame({"text": ["a b", "c d"], "outlet": ["A", "B"]}))
    with pytest.raises(ValueError, match=rf"n_boot={n_boot!r} is not valid"):
        toolkit.keyness(corpus, by="outlet", n_boot=n_boot)


@pytest.mark.parametrize("n_jobs", [0, -5, 2.0])
def test_bad_n_jobs_names_the_argument(n_jobs):
    corpus = as_corpus(pd.DataFrame({"text": ["Rebels shelled the town."]}))
    with pytest.raises(ValueError, match=rf"n_jobs={n_jobs!r} is not valid"):
        toolkit.features(corpus, n_jobs=n_jobs)


def test_match_events_with_nothing_to_match_keeps_the_columns():
    corpus = as_corpus(
        pd.DataFrame({"text": ["a", "b"], "outlet": ["A", "B"], "place": [None, None]})
    )
    with pytest.warns(UserWarning, match="cannot be matched"):
        events = match_events(corpus)
    assert events[["event_id", "event_n_articles", "event_n_outlets"]].isna().all().all()
    assert events["event_id"].dtype == "string"
    assert str(events["event_n_articles"].dtype) == "Int64"
    assert len(match_events(corpus.iloc[:0])) == 0


def test_old_argument_names_warn_and_give_the_same_result():
    corpus = as_corpus(
        pd.DataFrame(
            {
                "text": ["Rebels shelled the city.", "Terrorists shelled it.", "Rebels fled."] * 4,
                "outlet": ["A", "B", "A"] * 4,
            }
        )
    )
    table = pd.DataFrame({"outlet": ["A", "A", "B"], "kind": ["x", "y", "x"]})
    with pytest.warns(DeprecationWarning, match=r"category_shares\(group=\.\.\.\)"):
        old = category_shares(table, group="outlet", category="kind")
    pd.testing.assert_frame_equal(old, category_shares(table, by="outlet", category="kind"))
    with pytest.raises(TypeError, match="give by= only"):
        category_shares(table, by="outlet", group="outlet", category="kind")
    with pytest.warns(DeprecationWarning, match=r"keyness\(bootstrap=\.\.\.\)"):
        old = toolkit.keyness(corpus, by="outlet", n_boot=0, bootstrap=20, seed=3)
    new = toolkit.keyness(corpus, by="outlet", n_boot=20, seed=3)
    pd.testing.assert_frame_equal(old, new)


def test_the_one_bootstrap_resamples_articles_as_drawn_by_hand():
    """toolkit._stats.bootstrap_interval (scipy.stats.bootstrap underneath) gives the
    quantiles of the statistic over index draws made here with the same generator."""
    from toolkit._stats import bootstrap_interval

    values = np.random.default_rng(7).normal(size=(31, 3))
    idx = np.random.default_rng(1).integers(0, 31, size=(500, 31))
    by_hand = values[idx].mean(axis=1)  # 500 x 3
    lo, hi = bootstrap_interval(values, np.mean, n_boot=500, ci=0.9, rng=np.random.default_rng(1))
    np.testing.assert_allclose(lo, np.quantile(by_hand, 0.05, axis=0), rtol=1e-12)
    np.testing.assert_allclose(hi, np.quantile(by_hand, 0.95, axis=0), rtol=1e-12)
