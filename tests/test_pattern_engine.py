"""The toolkit's TextBlob engine must give ``TextBlob(text).sentiment`` exactly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textblob import TextBlob
from textblob._text import ABBREVIATIONS, EMOTICONS

from toolkit._pattern import pattern_engine

ENGINE = pattern_engine()


def reference(text: str) -> tuple[float, float]:
    score = TextBlob(text).sentiment
    return (score.polarity, score.subjectivity)


#: Words and marks that each trigger one of the reference's rules.
RULE_TOKENS = sorted(
    {
        # lexicon words, adverbs (modifiers) and the adverbs made from adjectives
        "good",
        "bad",
        "great",
        "terrible",
        "terribly",
        "very",
        "really",
        "extremely",
        "horrible",
        "horribly",
        "happy",
        "sad",
        "most",
        "more",
        "only",
        "fine",
        "free",
        # negations, and words short enough to keep a negation or modifier pending
        "no",
        "not",
        "never",
        "n't",
        "isn't",
        "don't",
        "a",
        "I",
        "is",
        "an",
        "'",
        "it's",
        # punctuation at word edges, abbreviations, sentence ends, paragraph breaks
        "good.",
        "bad,",
        "(good)",
        "etc.",
        "U.S.",
        "Mr.",
        "T.",
        "e.g.",
        "...",
        "....",
        ".",
        "!",
        "!!",
        "?",
        "(!)",
        "( ! )",
        "(",
        ")",
        ":",
        "-",
        '"',
        "“",
        "”",
        "‘",
        "’",
        "'s",
        "\n\n",
        "\n",
        "END-OF-SENTENCE",
        "war.",
        "peace!",
        "(2008)",
        "8",
        "x",
        "D",
        "XD",
        *sorted(ABBREVIATIONS)[:10],
        # emoticons, whole and spaced out as the tokenizer leaves them
        *(form for forms in EMOTICONS.values() for form in sorted(forms)[:3]),
        ": )",
        ": - )",
        "> . >",
        ": ' (",
        "; )",
    }
)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "The food is good.",
        "The food is not good.",
        "The food is not a good one.",
        "It is very good!!",
        "really not good",
        "not really good",
        "never so terribly bad",
        "Good (!) idea.",
        "Nice :) and :-( and : ) and (8) and (2008).",
        "He said: 'it's not bad'. Then \"terrible\" ... really?",
        "Mr. Smith of the U.S. arrived, e.g. at 8 a.m. Great.\n\nBad news.",
        "END-OF-SENTENCE good",
        "> . > is worry only within one sentence",
        "Rebels were killed, terrorists shelled the town; it was a horrible, brutal war.",
    ],
)
def test_engine_equals_reference_on_rule_cases(text):
    assert ENGINE.sentiment(text) == reference(text)


@settings(max_examples=600, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(RULE_TOKENS), st.sampled_from([" ", "", "  ", "\n", "\n\n"])),
        max_size=40,
    )
)
def test_engine_equals_reference_on_generated_text(parts):
    text = "".join(token + sep for token, sep in parts)
    assert ENGINE.sentiment(text) == reference(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"aDoXx8 .!?()':;-\"\n“”’,=<>^*", " good", " not"])))
def test_engine_equals_reference_on_punctuation_heavy_text(chars):
    text = "".join(chars)
    assert ENGINE.sentiment(text) == reference(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_engine_equals_reference_on_any_text(text):
    assert ENGINE.sentiment(text) == reference(text)


def test_assessments_equal_the_reference():
    text = "Not a very good day, but a truly great victory (!) :) ... never bad!"
    ours = ENGINE.assessments(ENGINE.words(text))
    theirs = TextBlob(text).sentiment_assessments.assessments
    assert [(w, p, s) for w, p, s, _ in ours] == [(w, p, s) for w, p, s, _ in theirs]
    assert len(ours) >= 5


def test_engine_equals_reference_on_fakes(fakes):
    for text in list(fakes["text"]) + list(fakes["title"].dropna()):
        assert ENGINE.sentiment(text) == reference(text)


# ------------------------------------------------------------------ tagger


def test_tagger_equals_textblob_tag_on_rule_cases():
    from textblob.en import tag as reference_tag

    for text in [
        "Syrian troops shelled the town of Al-Bab on Monday, killing 12 civilians.",
        "The U.S.-led coalition said 1,000 and/or 3-4 strikes hit IBM's a/b site &slash; x.",
        "Running quickly, Rebels fled.\n\nISIS claimed it (!) :)",
        "",
    ]:
        assert ENGINE.tag(text) == reference_tag(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([*RULE_TOKENS, "The", "Syria", "1,000", "a/b", "Running", "ISIS"]),
            st.sampled_from([" ", "", "\n", "\n\n"]),
        ),
        max_size=30,
    )
)
def test_tagger_equals_textblob_tag_on_generated_text(parts):
    from textblob.en import tag as reference_tag

    text = "".join(token + sep for token, sep in parts)
    assert ENGINE.tag(text) == reference_tag(text)


@pytest.mark.slow
def test_tagger_equals_textblob_tag_on_fakes_sentences(fakes):
    from textblob.en import tag as reference_tag

    from toolkit.text import sentence_spans

    for text in fakes["text"].iloc[::4]:
        for s, e in sentence_spans(text):
            assert ENGINE.tag(text[s:e]) == reference_tag(text[s:e])
