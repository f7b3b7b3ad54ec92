from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2, chi2_contingency

from toolkit import as_corpus, document_term_matrix, keyness
from toolkit.keyness import ENGLISH_REFERENCE_TOKENS, KEYNESS_COLUMNS, _bh

TEXTS = {
    # outlet A: 12 tokens; outlet B: 12 tokens; outlet C: 6 tokens
    "a1": ("A", "rebels shelled city rebels advanced"),  # 5
    "a2": ("A", "rebels fired rockets at army posts today"),  # 7 ("at" is a stop word)
    "b1": ("B", "terrorists shelled city terrorists fled"),  # 5
    "b2": ("B", "army units killed terrorists near city today"),  # 7
    "c1": ("C", "militants shelled city"),  # 3
    "c2": ("C", "army shelled militants"),  # 3
}


@pytest.fixture
def corpus():
    return as_corpus(
        pd.DataFrame([{"doc_id": k, "outlet": o, "text": t} for k, (o, t) in TEXTS.items()])
    )


def _bh_by_hand(p):
    p = np.asarray(p, dtype=float)
    m = len(p)
    order = np.argsort(p)
    adjusted = np.empty(m)
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p[i] * m / rank)
        adjusted[i] = running
    return adjusted


def test_bh_worked_example():
    p = np.array([0.01, 0.04, 0.03, 0.005])
    # sorted 0.005, 0.01, 0.03, 0.04 -> 0.02, 0.02, 0.04, 0.04 (monotone from the top)
    assert _bh(p).tolist() == pytest.approx([0.02, 0.04, 0.04, 0.02])


def test_keyness_columns_and_pair_counts(corpus):
    key = keyness(corpus, by="outlet", target="A", reference="B")
    assert list(key.columns) == KEYNESS_COLUMNS
    assert set(key["target"]) == {"A"} and set(key["reference"]) == {"B"}
    assert (key["n_target"] == 12).all() and (key["n_reference"] == 12).all()
    row = key.set_index("term").loc["rebels"]
    assert (row["count_target"], row["count_reference"]) == (3, 0)
    assert row["rate_target"] == pytest.approx(1000 * 3 / 12)


def test_keyness_g2_and_p_match_scipy(corpus):
    key = keyness(corpus, by="outlet", target="A", reference="B")
    for row in key.itertuples():
        a, b, c, d = row.count_target, row.count_reference, row.n_target, row.n_reference
        table = np.array([[a, b], [c - a, d - b]])
        expected = chi2_contingency(table, lambda_="log-likelihood", correction=False)[0]
        assert abs(row.g2) == pytest.approx(expected, abs=1e-9)
        assert np.sign(row.g2) == (np.sign(a / c - b / d) or np.sign(row.g2))
        assert row.p == pytest.approx(chi2.sf(expected, 1))


def test_keyness_p_adj_is_benjamini_hochberg_per_comparison(corpus):
    key = keyness(corpus, by="outlet")
    for _, part in key.groupby("target"):
        assert part["p_adj"].to_numpy() == pytest.approx(_bh_by_hand(part["p"]))


def test_keyness_log_ratio_by_hand(corpus):
    key = keyness(corpus, by="outlet", target="A", reference="B").set_index("term")
    assert key.loc["rebels", "log_ratio"] == pytest.approx(math.log2((3 / 12) / (0.5 / 12)))
    assert key.loc["terrorists", "log_ratio"] == pytest.approx(math.log2((0.5 / 12) / (3 / 12)))
    assert key.loc["shelled", "log_ratio"] == pytest.approx(0.0)


def test_keyness_fightin_words_by_hand(corpus):
    alpha0 = 10.0
    key = keyness(corpus, by="outlet", target="A", reference="B", alpha0=alpha0)
    y_i = dict(zip(key["term"], key["count_target"], strict=True))
    y_j = dict(zip(key["term"], key["count_reference"], strict=True))
    n_i, n_j = sum(y_i.values()), sum(y_j.values())
    pooled_total = n_i + n_j
    for term in ("rebels", "army", "city", "terrorists"):
        alpha_w = alpha0 * (y_i[term] + y_j[term]) / pooled_total
        omega_i = (y_i[term] + alpha_w) / (n_i + alpha0 - y_i[term] - alpha_w)
        omega_j = (y_j[term] + alpha_w) / (n_j + alpha0 - y_j[term] - alpha_w)
        delta = math.log(omega_i) - math.log(omega_j)
        z = delta / math.sqrt(1 / (y_i[term] + alpha_w) + 1 / (y_j[term] + alpha_w))
        got = key.loc[key.term == term, "log_odds_z"].item()
        assert got == pytest.approx(z, rel=1e-12)


def test_keyness_one_vs_rest(corpus):
    key = keyness(corpus, by="outlet")
    assert sorted(key["target"].unique()) == ["A", "B", "C"]
    assert set(key["reference"]) == {"(rest)"}
    row = key[(key.target == "C") & (key.term == "militants")].iloc[0]
    assert (row["count_target"], row["count_reference"]) == (2, 0)
    assert (row["n_target"], row["n_reference"]) == (6, 24)
    shelled = key[(key.target == "A") & (key.term == "shelled")].iloc[0]
    assert (shelled["count_target"], shelled["count_reference"]) == (1, 3)


def test_keyness_pairs(corpus):
    key = keyness(corpus, by="outlet", pairs=True)
    pairs = key[["target", "reference"]].drop_duplicates().apply(tuple, axis=1).tolist()
    assert pairs == [("A", "B"), ("A", "C"), ("B", "C")]


def test_keyness_sorted_by_g2(corpus):
    key = keyness(corpus, by="outlet", target="A")
    assert key["g2"].is_monotonic_decreasing


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"by": "outlet", "target": "Z"},
            ValueError,
            r"target='Z' is not a group; the groups are: 'A', 'B', 'C'",
        ),
        ({"by": "outlet", "reference": "Q"}, ValueError, r"reference='Q' is not a group"),
        ({"by": "outlet", "target": "A", "reference": "A"}, ValueError, "the same group"),
        ({"by": "source"}, KeyError, r"by='source' is not a column"),
        ({"by": "outlet", "pairs": True, "target": "A"}, ValueError, "leave target"),
    ],
)
def test_keyness_bad_input(corpus, kwargs, error, message):
    with pytest.raises(error, match=message):
        keyness(corpus, **kwargs)


def test_keyness_single_group_needs_a_reference(corpus):
    only_a = corpus[corpus["outlet"] == "A"]
    with pytest.raises(ValueError, match=r"two or more groups.*reference='english'"):
        keyness(only_a, by="outlet")


def test_keyness_empty_group_after_dropping_duplicates():
    corpus = as_corpus(
        pd.DataFrame(
            {"text": ["same text here", "same text here", "other words"], "outlet": ["A", "B", "C"]}
        )
    )
    with pytest.raises(ValueError, match="target='B' is not a group; the groups are: 'A', 'C'"):
        keyness(corpus, by="outlet", target="B", drop_duplicates=True)
    key = keyness(corpus, by="outlet", target="A", drop_duplicates=True)
    assert set(key["term"]) == {"text", "words"}


def test_keyness_against_general_english(corpus):
    wordfreq = pytest.importorskip("wordfreq")
    single = corpus.loc[["a1"]]
    key = keyness(single, by="outlet", reference="english").set_index("term")
    expected = wordfreq.word_frequency("rebels", "en") * ENGLISH_REFERENCE_TOKENS
    assert key.loc["rebels", "count_reference"] == pytest.approx(expected)
    assert key.loc["rebels", "count_target"] == 2
    assert set(key["reference"]) == {"english"}
    # the war words of the article are over-used against general English
    assert key.loc["rebels", "g2"] > 0 and key.loc["rebels", "log_ratio"] > 5


def test_keyness_reuses_dtm(corpus):
    dtm = document_term_matrix(corpus)
    pd.testing.assert_frame_equal(
        keyness(corpus, by="outlet", dtm=dtm), keyness(corpus, by="outlet")
    )


def test_keyness_bootstrap_resamples_articles():
    # "alpha" appears 20 times in one of ten target articles; "beta" twice in each of ten.
    target = ["alpha " * 20 + "filler " * 10] + ["filler " * 30] * 9
    target = [t + " beta beta" for t in target]
    reference = ["gamma " * 30 + "beta"] * 10
    corpus = as_corpus(pd.DataFrame({"text": target + reference, "side": ["T"] * 10 + ["R"] * 10}))
    key = keyness(corpus, by="side", target="T", reference="R", n_boot=300, seed=1)
    rows = key.set_index("term")
    width = rows["log_ratio_ci_high"] - rows["log_ratio_ci_low"]
    assert width["alpha"] > 2 * width["beta"]  # clustered in one article: less certain
    # resampled ratios are stored as float32
    assert rows.loc["beta", "log_ratio_ci_low"] - 1e-6 <= rows.loc["beta", "log_ratio"]
    assert rows.loc["beta", "log_ratio"] <= rows.loc["beta", "log_ratio_ci_high"] + 1e-6
    assert 0.5 < rows.loc["alpha", "share_significant"] < 1.0  # lost when article 1 is out
    again = keyness(corpus, by="side", target="T", reference="R", n_boot=300, seed=1)
    pd.testing.assert_frame_equal(key, again)
    varied = as_corpus(
        pd.DataFrame(
            {
                "text": [f"beta {'filler ' * k}" for k in range(5, 25, 2)] + ["gamma beta"] * 10,
                "side": ["T"] * 10 + ["R"] * 10,
            }
        )
    )
    one, two = (
        keyness(varied, by="side", target="T", reference="R", n_boot=300, seed=s) for s in (1, 2)
    )
    assert not np.allclose(one["log_ratio_ci_low"], two["log_ratio_ci_low"])


def test_keyness_fakes_fifteen_outlets(fakes):
    dtm = document_term_matrix(fakes)
    key = keyness(fakes, by="outlet", dtm=dtm)
    assert key["target"].nunique() == 15
    # every comparison splits each term's total count between target and rest
    totals = dtm.term_counts()
    part = key[key.target == "SANA"].set_index("term")
    assert ((part["count_target"] + part["count_reference"]) == totals[part.index]).all()
    # the labels METHODS.md reports: SANA over-uses "terrorist", Reuters over-uses "rebels"
    sana = key[(key.target == "SANA") & (key.term == "terrorist")].iloc[0]
    reuters = key[(key.target == "Reuters") & (key.term == "rebels")].iloc[0]
    assert sana["g2"] > 10.83 and sana["p_adj"] < 0.001
    assert reuters["g2"] > 0 and reuters["log_ratio"] > 0
