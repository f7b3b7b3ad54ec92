from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import spearmanr
from sklearn.metrics import f1_score, precision_score, recall_score, roc_auc_score

from toolkit.validate import VALIDATION_COLUMNS, krippendorff_alpha, validate

NAN = np.nan
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 coders x 12 units
EXAMPLE = np.array(
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
        [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
    ]
).T


@pytest.mark.parametrize(
    ("level", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_published_example(level, published):
    assert krippendorff_alpha(EXAMPLE, level=level) == pytest.approx(published, abs=5e-4)


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_krippendorff_matches_reference_library(level):
    krippendorff = pytest.importorskip("krippendorff")
    rng = np.random.default_rng(7)
    data = rng.integers(1, 6, size=(40, 3)).astype(float)
    data[rng.random(data.shape) < 0.15] = np.nan
    expected = krippendorff.alpha(reliability_data=data.T, level_of_measurement=level)
    assert krippendorff_alpha(data, level=level) == pytest.approx(expected, abs=1e-10)


def test_krippendorff_perfect_and_bad_input():
    assert krippendorff_alpha(np.array([[1, 1], [2, 2], [3, 3]])) == 1.0
    with pytest.raises(ValueError, match="level='fuzzy'"):
        krippendorff_alpha(EXAMPLE, level="fuzzy")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at least two coders"):
        krippendorff_alpha(np.array([[1], [2]]))


def test_validate_matches_sklearn_and_scipy():
    rng = np.random.default_rng(3)
    idx = [f"d{i}" for i in range(60)]
    gold = pd.Series(rng.integers(0, 2, 60), index=idx, name="conflict")
    scores = pd.Series(np.clip(gold * 0.4 + rng.random(60) * 0.6, 0, 1), index=idx, name="conflict")
    row = validate(scores, gold, threshold=0.5).iloc[0]
    pred = (scores >= 0.5).astype(int)
    assert list(validate(scores, gold).columns) == VALIDATION_COLUMNS
    assert row["precision"] == pytest.approx(precision_score(gold, pred))
    assert row["recall"] == pytest.approx(recall_score(gold, pred))
    assert row["f1"] == pytest.approx(f1_score(gold, pred))
    assert row["roc_auc"] == pytest.approx(roc_auc_score(gold, scores))
    assert row["spearman"] == pytest.approx(spearmanr(scores, gold).statistic)


def test_validate_continuous_codes_and_groups():
    idx = list("abcdefgh")
    scores = pd.DataFrame({"tone": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]}, index=idx)
    gold = pd.DataFrame({"tone": [1, 2, 2, 3, 4, 4, 5, 5]}, index=idx)
    outlet = pd.Series(["A"] * 4 + ["B"] * 4, index=idx)
    table = validate(scores, gold.assign(outlet=outlet), by="outlet")
    assert table["group"].tolist() == ["all", "A", "B"]
    assert table["measure"].tolist() == ["tone"] * 3  # the group column is not a measure
    assert validate(scores.assign(outlet=outlet), gold, by="outlet").equals(table)
    with pytest.warns(DeprecationWarning, match="give a column name"):
        assert validate(scores, gold, by=outlet).equals(table)
    with pytest.raises(KeyError, match="by='paper' is not a column"):
        validate(scores, gold, by="paper")
    assert np.isnan(table["precision"].iloc[0])  # not binary
    assert table["spearman"].iloc[0] == pytest.approx(spearmanr(scores, gold).statistic)


def test_validate_errors():
    s = pd.Series([0.1], index=["a"], name="x")
    with pytest.raises(ValueError, match="share no index"):
        validate(s, pd.Series([1], index=["b"], name="x"))
    with pytest.raises(KeyError, match="no gold codes for"):
        validate(s.to_frame(), pd.DataFrame({"y": [1]}, index=["a"]))
