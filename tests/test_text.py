from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.text import (
    ENGLISH_STOP_WORDS,
    SYRIA_PHRASES,
    sentences,
    split_sentences,
    stop_words,
    tokenize,
    tokens,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkish-Syrian border", ["turkish-syrian", "border"]),
        ("dusk-to-dawn hours", ["dusk-to-dawn", "hours"]),
        ("Syria’s army", ["syria's", "army"]),  # curly apostrophe
        ("Syria's army", ["syria's", "army"]),
        ("Jabhat al‑Nusra", ["jabhat", "al-nusra"]),  # non-breaking hyphen
        ("terrorists’ tankers", ["terrorists", "tankers"]),  # trailing apostrophe
        ("“pinpoint strikes”", ["pinpoint", "strikes"]),  # curly quotes
        ("1,593 facilities, 7.62 mm", ["1,593", "facilities", "7.62", "mm"]),
        ("the U.S. and U.N. said", ["the", "u.s.", "and", "u.n.", "said"]),
        ("Su-24M and Su-34 jets", ["su-24m", "and", "su-34", "jets"]),
        ("war – and peace — now", ["war", "and", "peace", "now"]),  # dashes are punctuation
        ("-leading and trailing-", ["leading", "and", "trailing"]),
        ("Дамаск и Алеппо", ["дамаск", "и", "алеппо"]),  # any script
        ("snake_case", ["snake", "case"]),  # "_" is reserved for phrases
        ("", []),
    ],
)
def test_tokenize_rules(text, expected):
    assert tokenize(text) == expected


def test_tokenize_keeps_case_when_asked():
    assert tokenize("Islamic State", lowercase=False) == ["Islamic", "State"]


def test_tokenize_phrases():
    text = "Strikes on the Islamic  State and Jabhat al-Nusra; the islamic state group."
    got = tokenize(text, phrases=SYRIA_PHRASES)
    assert got.count("islamic_state") == 2
    assert "jabhat_al-nusra" in got
    assert "islamic" not in got


def test_tokenize_phrase_needs_whole_words():
    assert tokenize("the Islamic Statehood", phrases=["Islamic State"]) == [
        "the",
        "islamic",
        "statehood",
    ]


def test_tokenize_rejects_non_text():
    with pytest.raises(TypeError, match="expects a str"):
        tokenize(None)  # type: ignore[arg-type]


def test_tokens_of_corpus_keep_index_and_handle_missing():
    s = pd.Series(["A b.", None], index=pd.Index(["x", "y"], name="doc_id"))
    out = tokens(s)
    assert out.name == "tokens" and list(out.index) == ["x", "y"]
    assert out.tolist() == [["a", "b"], []]


def test_tokens_rejects_a_path_string():
    with pytest.raises(TypeError, match="load_corpus"):
        tokens("corpus/")  # type: ignore[arg-type]


def test_stop_words_add_remove():
    words = stop_words(add=["Said"], remove=["the"])
    assert "said" in words and "the" not in words and "of" in words
    assert "the" in ENGLISH_STOP_WORDS
    # content words that carry framing are not stop words
    assert not {"fire", "killed", "said", "forces", "against"} & ENGLISH_STOP_WORDS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Lavrov spoke. Gen. Smith did not.", ["Mr. Lavrov spoke.", "Gen. Smith did not."]),
        (
            "It happened on Feb. 16 in Aleppo. Then calm.",
            ["It happened on Feb. 16 in Aleppo.", "Then calm."],
        ),
        ("George W. Bush spoke. Obama too.", ["George W. Bush spoke.", "Obama too."]),
        ("The U.S. Navy moved. It waited.", ["The U.S. Navy moved.", "It waited."]),
        ("Troops left the U.S. The war went on.", ["Troops left the U.S.", "The war went on."]),
        ('"We will win." Then he left.', ['"We will win."', "Then he left."]),
        ("“We will win,” he said. Next.", ["“We will win,” he said.", "Next."]),
        ("Is it over? No! Not yet.", ["Is it over?", "No!", "Not yet."]),
        ("Headline\n\nBody one. Body two.", ["Headline", "Body one.", "Body two."]),
        (
            "LATAKIA, February 16. /TASS/. Jets flew. They struck.",
            ["LATAKIA, February 16. /TASS/. Jets flew.", "They struck."],
        ),
        ("1,600 sites hit. 73 towns taken.", ["1,600 sites hit.", "73 towns taken."]),
        ("", []),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_split_sentences_seed(seed_raw):
    got = split_sentences(seed_raw)
    # Read by hand: the dateline stays with the first body sentence, and paragraphs with
    # two sentences are split between them.
    assert got[0] == "All news"
    assert got[3].startswith("LATAKIA, February 16. /TASS/. Aircraft of Russia’s aviation")
    assert (
        "Syrian President Bashar Assad said the key goal of this operation is not to take "
        "full control of the city but to block logistics routes used by terrorists to "
        "replenish their reserves from Turkey." in got
    )
    assert "On October 8, the Syrian army passed to a large-scale offensive." in got
    assert all(s == s.strip() and s for s in got)


def test_sentences_table_offsets():
    s = pd.Series(["One. Two.\n\nThree"], index=pd.Index(["d"], name="doc_id"))
    table = sentences(s)
    assert table["sentence"].tolist() == ["One.", "Two.", "Three"]
    text = s.iloc[0]
    assert [text[a:b] for a, b in zip(table["start"], table["end"], strict=True)] == table[
        "sentence"
    ].tolist()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_sentence_spans_cover_all_words(text):
    got = split_sentences(text)
    assert " ".join(" ".join(got).split()) == " ".join(text.split())


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Fighting went on, the Syrian Observatory for Human Rights said.",
            ["Syrian Observatory for Human Rights"],
        ),
        ("Human Rights Watch said civilians died.", ["Human Rights Watch"]),
        ("Human rights groups said civilians died.", []),  # opens the sentence: no name
        ("He met Free Syrian Army commanders.", ["Free Syrian Army"]),
        ("Hezbollah, or the party of god, fought.", ["party of god"]),  # the names list
        ("It is islamic state propaganda.", ["islamic state"]),
        (
            "The Ministry of Defence said so. Amnesty International agreed.",
            ["The Ministry of Defence", "Amnesty International"],
        ),
        ("REBELS SHELLED THE CITY ON MONDAY, OFFICIALS SAID.", []),  # capitals throughout
    ],
)
def test_name_spans(text, names):
    from toolkit.text import name_spans

    assert [text[a:b] for a, b in name_spans(text)] == names
