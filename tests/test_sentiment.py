from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer, normalize

import toolkit
from toolkit import as_corpus, sentiment, sentiment_drivers, target_sentiment
from toolkit.sentiment import _vader_valences
from toolkit.targets import DEFAULT_TARGETS
from toolkit.text import split_sentences

from .conftest import ROOT

SIA = SentimentIntensityAnalyzer()
SCORE_COLUMNS = [
    "textblob_polarity",
    "textblob_subjectivity",
    "vader_compound",
    "vader_pos",
    "vader_neu",
    "vader_neg",
]


def _reference(text: str) -> list[float]:
    blob = TextBlob(text).sentiment
    v = SIA.polarity_scores(text)
    return [blob.polarity, blob.subjectivity, v["compound"], v["pos"], v["neu"], v["neg"]]


def _assert_parity(corpus: pd.DataFrame, scores: pd.DataFrame) -> None:
    expected = np.array([_reference(t) for t in corpus["text"]])
    got = scores[SCORE_COLUMNS].to_numpy()
    assert np.abs(got - expected).max() <= 1e-12


def test_sentiment_document_parity_seed():
    corpus = toolkit.load_corpus(ROOT / "corpus")
    scores = sentiment(corpus)
    assert scores.index.equals(corpus.index)
    _assert_parity(corpus, scores)


@pytest.mark.slow
def test_sentiment_document_parity_fakes(fakes):
    scores = sentiment(fakes, headline=False)
    _assert_parity(fakes, scores)


def test_sentiment_columns(tmp_path):
    corpus = toolkit.load_corpus(ROOT / "corpus")
    scores = sentiment(corpus)
    assert list(scores.columns) == [
        *SCORE_COLUMNS,
        "n_sentences",
        "vader_compound_sentence_mean",
        *[f"headline_{c}" for c in SCORE_COLUMNS],
    ]
    only = sentiment(corpus, methods="textblob", headline=False)
    assert list(only.columns) == ["textblob_polarity", "textblob_subjectivity", "n_sentences"]


def test_sentiment_sentence_level_and_mean():
    corpus = toolkit.load_corpus(ROOT / "corpus")
    text = corpus["text"].iloc[0]
    table = sentiment(corpus, level="sentence")
    assert table["sentence"].tolist() == split_sentences(text)
    assert table["sentence_index"].tolist() == list(range(len(table)))
    expected = [SIA.polarity_scores(s)["compound"] for s in split_sentences(text)]
    assert table["vader_compound"].tolist() == expected
    doc = sentiment(corpus)
    assert doc["n_sentences"].iloc[0] == len(expected)
    assert doc["vader_compound_sentence_mean"].iloc[0] == pytest.approx(
        np.mean(expected), abs=1e-12
    )


def test_sentiment_headline_is_scored_apart():
    corpus = toolkit.load_corpus(ROOT / "corpus")
    scores = sentiment(corpus)
    title = corpus["title"].iloc[0]
    ref = _reference(title)
    got = scores[[f"headline_{c}" for c in SCORE_COLUMNS]].iloc[0].tolist()
    assert got == pytest.approx(ref, abs=1e-12)


@pytest.mark.parametrize(
    ("text", "textblob", "vader"),
    [
        # pattern lexicon: good 0.7; negation multiplies by -0.5; "very" intensity 1.3
        # VADER lexicon: good 1.9, bad -2.5; "not" x -0.74; booster +0.293; "but": x0.5 / x1.5;
        # compound = x / sqrt(x^2 + 15)
        ("The food is good.", 0.7, 1.9),
        ("The food is not good.", 0.7 * -0.5, 1.9 * -0.74),
        ("The food is very good.", 0.7 * 1.3, 1.9 + 0.293),
        ("The food is good but the service is bad.", (0.7 - 0.7) / 2, 1.9 * 0.5 - 2.5 * 1.5),
    ],
)
def test_sentiment_hand_checked_rules(text, textblob, vader):
    scores = sentiment(as_corpus(pd.DataFrame({"text": [text]})), headline=False).iloc[0]
    assert scores["textblob_polarity"] == pytest.approx(textblob, abs=1e-9)
    assert scores["vader_compound"] == pytest.approx(vader / math.sqrt(vader**2 + 15), abs=1e-4)


@pytest.mark.parametrize("text", ["", "   ", "12 / 14 -- 2016", "!!!"])
def test_sentiment_nothing_to_score_is_nan(text):
    corpus = (
        as_corpus(pd.DataFrame({"text": ["Fine text.", text]}), errors="collect")
        if text.strip()
        else None
    )
    if corpus is None:  # empty text cannot even be a corpus row: score a frame directly
        frame = pd.DataFrame({"text": [text]}, index=pd.Index(["d"], name="doc_id"))
        scores = sentiment(frame, headline=False)
    else:
        scores = sentiment(corpus, headline=False).iloc[[1]]
    assert scores[SCORE_COLUMNS].isna().all(axis=None)


def test_sentiment_non_english_text():
    frame = as_corpus(pd.DataFrame({"text": ["Дамаск подвергся обстрелу."]}))
    scores = sentiment(frame, headline=False).iloc[0]
    assert scores["textblob_polarity"] == 0.0  # no English lexicon word: the libraries' 0
    assert scores["vader_compound"] == 0.0


@pytest.mark.slow
def test_sentiment_one_megabyte_text():
    sentence = "The convoy was attacked and many were killed. "  # 46 characters
    long = (sentence * 23000)[:1_000_000]
    frame = as_corpus(pd.DataFrame({"text": [long]}))
    scores = sentiment(frame, headline=False).iloc[0]
    assert scores["n_sentences"] == 1_000_000 // 46 + 1
    assert scores["textblob_polarity"] == pytest.approx(TextBlob(long).sentiment.polarity)
    assert scores["vader_compound"] == -1.0  # saturated; the reference would take hours
    per_sentence = SIA.polarity_scores(sentence.strip())["compound"]
    assert scores["vader_compound_sentence_mean"] == pytest.approx(per_sentence, abs=1e-3)


def test_sentiment_parallel_equals_serial():
    corpus = as_corpus(
        pd.DataFrame(
            {"text": [f"Story {i}: the attack was bad but aid was good." for i in range(12)]}
        )
    )
    pd.testing.assert_frame_equal(sentiment(corpus), sentiment(corpus, n_jobs=2))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"level": "word"}, "level='word' is not valid"),
        ({"methods": ["afinn"]}, "methods=.*'textblob', 'vader'"),
        ({"n_jobs": 0}, "n_jobs=0 is not valid"),
    ],
)
def test_sentiment_bad_options(kwargs, message):
    corpus = as_corpus(pd.DataFrame({"text": ["A text."]}))
    with pytest.raises(ValueError, match=message):
        sentiment(corpus, **kwargs)


def test_sentiment_rejects_path():
    with pytest.raises(TypeError, match="load_corpus"):
        sentiment("corpus/")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- targets


def test_target_sentiment_turkey_in_seed():
    corpus = toolkit.load_corpus(ROOT / "corpus")
    table = target_sentiment(corpus, window="sentence")
    turkey = table[table.target == "Turkey"].iloc[0]
    # Counted by hand in the seed's text: the lede; the subheadings "Militants in Syria
    # continue to receive weapons, support from Turkey" and "Terrorists evacuating their
    # families from Aleppo to Turkish border"; and the sentences ending "...border with
    # Turkey, Igor Konashenkov went on to say.", "...across the Turkish-Syrian border during
    # dusk-to-dawn hours,\" he said.", "...delivered to Syria from Turkey.", "It accused
    # senior Turkish officials...", "...night-time supplies from Turkey...", "...to the
    # Turkish border as the situation...", "\"But as the Turkish authorities...", and
    # "...replenish their reserves from Turkey." = 11.
    assert turkey["n_sentences"] == 11
    sentences = sentiment(corpus, level="sentence")
    mentions = sentences[sentences["sentence"].str.contains(r"Turk|Erdogan|Ankara")]
    assert len(mentions) == 11
    assert turkey["vader_compound"] == pytest.approx(mentions["vader_compound"].mean())
    assert turkey["share_sentences"] == pytest.approx(11 / len(sentences))


def test_target_sentiment_custom_targets_and_reuse():
    corpus = as_corpus(
        pd.DataFrame({"text": ["Iran sent aid. Tehran was praised. Rain fell.", "Nothing here."]})
    )
    sent = sentiment(corpus, level="sentence")
    table = target_sentiment(
        corpus,
        {**DEFAULT_TARGETS, "Iran": ["iran*", "tehran"]},
        window="sentence",
        sentence_scores=sent,
    )
    iran = table[table.target == "Iran"]
    assert iran["doc_id"].tolist() == ["doc-000001"] and iran["n_sentences"].tolist() == [2]
    assert "doc-000002" not in set(table["doc_id"])


def test_target_sentiment_alias_needs_whole_word():
    corpus = as_corpus(pd.DataFrame({"text": ["The turkeyshoot ended. Turkey's army moved."]}))
    table = target_sentiment(corpus, {"Turkey": ["turkey", "turkey's"]}, window="sentence")
    assert table["n_sentences"].tolist() == [1]
    clauses = target_sentiment(corpus, {"Turkey": ["turkey", "turkey's"]})
    assert clauses["n_mentions"].tolist() == [1]


def test_target_sentiment_scores_each_targets_clause_by_voice():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    text = (
        "Brave Turkish soldiers helped the wounded, but Russian jets brutally killed "
        'civilians. "Russia is a great friend," Assad said.'
    )
    corpus = as_corpus(pd.DataFrame({"text": [text]}))
    table = target_sentiment(corpus, {"Turkey": ["turkish*"], "Russia": ["russia*"]})
    rows = table.set_index(["target", "voice"])
    vader = SentimentIntensityAnalyzer()
    # each target's own clause, scored by VADER itself
    turkey = vader.polarity_scores("Brave Turkish soldiers helped the wounded")["compound"]
    russia = vader.polarity_scores("Russian jets brutally killed civilians.")["compound"]
    assert rows.loc[("Turkey", "authorial"), "vader_compound"] == pytest.approx(turkey)
    assert rows.loc[("Russia", "authorial"), "vader_compound"] == pytest.approx(russia)
    assert turkey > 0 > russia  # one sentence, two targets, two scores
    # the quoted praise is the source's words, kept apart from the outlet's voice
    quoted = vader.polarity_scores('"Russia is a great friend')["compound"]
    assert rows.loc[("Russia", "quoted"), "vader_compound"] == pytest.approx(quoted)
    assert rows.loc[("Russia", "quoted"), "n_mentions"] == 1
    with pytest.raises(ValueError, match="window='paragraph' is not valid"):
        target_sentiment(corpus, window="paragraph")


def test_target_sentiment_bad_targets():
    corpus = as_corpus(pd.DataFrame({"text": ["x y"]}))
    with pytest.raises(TypeError, match="maps a target name"):
        target_sentiment(corpus, ["Turkey"])  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- drivers


def test_drivers_textblob_contributions_add_up_to_mean_polarity():
    corpus = as_corpus(
        pd.DataFrame(
            {
                "text": [
                    "The attack was terrible. Aid was not good.",
                    "A great and happy day!",
                    "Rebels killed ten people.",
                    "Numbers: 12 and 14.",
                ],
                "outlet": ["A", "A", "B", "B"],
            }
        )
    )
    drivers = sentiment_drivers(corpus, by="outlet", methods="textblob", top=None)
    polarity = sentiment(corpus, methods="textblob", headline=False)["textblob_polarity"]
    for outlet, part in drivers.groupby("group"):
        mean = polarity[corpus["outlet"] == outlet].fillna(0).mean()
        assert part["contribution"].sum() == pytest.approx(mean, abs=1e-12)
    row = drivers[(drivers.group == "A") & (drivers.word == "good")].iloc[0]
    assert row["forms"] == "not good" and row["mean_score"] == pytest.approx(-0.35)


def test_vader_valences_reproduce_compound(seed_raw, fakes):
    texts = [toolkit.load_corpus(ROOT / "corpus")["text"].iloc[0], *fakes["text"].iloc[::40]]
    for text in texts:
        total = sum(v for _, v in _vader_valences(text))
        amplifier = SIA._punctuation_emphasis(text)
        total += amplifier if total > 0 else -amplifier if total < 0 else 0
        assert round(normalize(total), 4) == SIA.polarity_scores(text)["compound"]


def test_drivers_vader_find_the_negative_words_of_war():
    corpus = toolkit.load_corpus(ROOT / "corpus")
    drivers = sentiment_drivers(corpus, methods="vader", top=5)
    assert drivers["contribution"].iloc[0] < 0
    assert {"terrorist", "terrorists"} & set(drivers["word"].head(5))


def test_drivers_unknown_by():
    corpus = as_corpus(pd.DataFrame({"text": ["x"]}))
    with pytest.raises(KeyError, match="by='source'"):
        sentiment_drivers(corpus, by="source")
