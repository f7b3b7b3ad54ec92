"""The toolkit's VADER engine must give the reference implementation's scores exactly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
)

from toolkit._vader import vader_engine
from toolkit.text import split_sentences

REFERENCE = SentimentIntensityAnalyzer()
ENGINE = vader_engine()
RULE_WORDS = sorted(
    set(BOOSTER_DICT)
    | set(NEGATE)
    | {w for phrase in SPECIAL_CASES for w in phrase.split()}
    | {
        "but",
        "BUT",
        "no",
        "least",
        "at",
        "very",
        "never",
        "so",
        "this",
        "without",
        "doubt",
        "kind",
        "of",
        "or",
        "nor",
        "GOOD",
        "BAD",
        "good",
        "bad",
        "great",
        "killed",
        "war",
        "terrorists",
        "peace",
        ":)",
        ":(",
        "😀",
        "😡",
        "n't",
        "isn't",
        "!",
        "?",
        "the",
        "army",
    }
)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "The food is good.",
        "The food is not good.",
        "The food is very good!!",
        "It was GOOD but the rest was BAD",
        "good good but good bad bad but good",
        "no good",
        "no problem at all",
        "at least it was fine",
        "least good",
        "kind of bad",
        "never so happy",
        "without doubt wonderful",
        "the shit hit the fan",
        "I ❤️ peace 😀!",
        "Why??? Was it bad???",
        "Terrorists killed 19 civilians, but aid arrived safely.",
    ],
)
def test_engine_equals_reference_on_rule_cases(text):
    assert ENGINE.polarity_scores(text) == REFERENCE.polarity_scores(text)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(RULE_WORDS), max_size=30),
    st.sampled_from(["", ".", "!", "!!", "?", "???", "!?"]),
)
def test_engine_equals_reference_on_generated_text(words, end):
    text = " ".join(words) + end
    assert ENGINE.polarity_scores(text) == REFERENCE.polarity_scores(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_engine_equals_reference_on_any_text(text):
    assert ENGINE.polarity_scores(text) == REFERENCE.polarity_scores(text)


@pytest.mark.slow
def test_engine_equals_reference_on_fakes(fakes):
    for text in fakes["text"]:
        assert ENGINE.polarity_scores(text) == REFERENCE.polarity_scores(text)
        for sentence in split_sentences(text)[:5]:
            assert ENGINE.polarity_scores(sentence) == REFERENCE.polarity_scores(sentence)
