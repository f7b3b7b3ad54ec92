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
from toolkit.text import sentence_spans, split_sentences

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


def reference_with_sentences(text, spans):
    return REFERENCE.polarity_scores(text), [
        REFERENCE.polarity_scores(text[s:e])["compound"] for s, e in spans
    ]


@pytest.mark.parametrize(
    "text",
    [
        "It was kind. Of course it was bad.",  # "kind of" across a boundary
        "There was no. Good news came.",  # "no" before a lexicon word of the next sentence
        "The SHELLING WAS TERRIBLE. But the army was GOOD and the rest bad.",
        "ALL OF THIS IS BAD. ALL OF IT IS GOOD.",  # all capitals: no capitals rule
        "Never so. Happy were they.",  # a negation window across a boundary
        "It was good but bad. Then bad but good! Really?? Yes?",
        "the shit. Hit the fan. Kiss of. Death came",
        "They gave him the kiss of\n\ndeath today.",  # an idiom read two tokens ahead
        "Good 😀 news. Bad news.",  # an emoji: scored sentence by sentence
        "Bad.Good news. Fine",  # sentences not split at white space
        "  Leading space. And trailing.  ",
        "",
    ],
)
def test_with_sentences_equals_reference_cases(text):
    spans = sentence_spans(text)
    assert ENGINE.with_sentences(text, spans) == reference_with_sentences(text, spans)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(RULE_WORDS), max_size=12),
            st.sampled_from([".", "!", "?!", "...", ". ", "\n\n"]),
        ),
        max_size=6,
    )
)
def test_with_sentences_equals_reference_on_generated_text(sentences):
    text = " ".join(" ".join(words) + end for words, end in sentences)
    spans = sentence_spans(text)
    assert ENGINE.with_sentences(text, spans) == reference_with_sentences(text, spans)


def test_with_sentences_on_hand_spans():
    text = "no good. kind of bad! WAR IS BAD. never so good but bad"
    spans = [(0, 8), (9, 21), (22, 33), (34, len(text))]
    assert [text[s:e] for s, e in spans][-1] == "never so good but bad"
    assert ENGINE.with_sentences(text, spans) == reference_with_sentences(text, spans)
    # spans that cut a token, or leave text outside them, fall back to scoring each one
    for cut in ([(0, 5), (5, len(text))], [(0, 8), (12, len(text))]):
        assert ENGINE.with_sentences(text, cut) == reference_with_sentences(text, cut)


@pytest.mark.slow
def test_with_sentences_equals_reference_on_fakes(fakes):
    for text in fakes["text"].iloc[::4]:
        spans = sentence_spans(text)
        assert ENGINE.with_sentences(text, spans) == reference_with_sentences(text, spans)
