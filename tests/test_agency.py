from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import toolkit
from toolkit import as_corpus
from toolkit.agency import CONSTRUCTIONS, agency, agency_features

from .conftest import ROOT

# Hand-coded fixture: one sentence, the violence word in it, and its construction as a
# human coder classes it (METHODS.md section 8).
CASES: list[tuple[str, str, str]] = [
    ("Russian airstrikes killed 19 civilians in Idlib.", "killed", "active"),
    ("Rebels shelled the city overnight.", "shelled", "active"),
    ("Government forces besieged the town.", "besieged", "active"),
    ("Militants attacked two army checkpoints.", "attacked", "active"),
    ("The army has destroyed a terrorist base near Hama.", "destroyed", "active"),
    ("Jets bombed the market on Sunday.", "bombed", "active"),
    ("Islamic State executed 12 prisoners.", "executed", "active"),
    ("A sniper shot a boy near the bridge.", "shot", "active"),
    (
        "Regime helicopters were dropping barrel bombs and targeting the hospital.",
        "targeting",
        "active",
    ),
    ("Nineteen civilians were killed in Idlib.", "killed", "agentless_passive"),
    ("The hospital was targeted twice.", "targeted", "agentless_passive"),
    ("The town has been besieged for months.", "besieged", "agentless_passive"),
    ("Several houses were destroyed overnight.", "destroyed", "agentless_passive"),
    ("Dozens were reportedly killed in the raids.", "killed", "agentless_passive"),
    ("19 civilians killed in regime raids", "killed", "agentless_passive"),
    ("Four people were wounded in the blast.", "wounded", "agentless_passive"),
    ("Civilians were killed by regime shelling.", "killed", "passive_agent"),
    ("Two soldiers were shot dead by snipers.", "shot", "passive_agent"),
    ("The convoy was attacked by unknown gunmen.", "attacked", "passive_agent"),
    ("The school was bombed by Russian jets.", "bombed", "passive_agent"),
    ("Five civilians killed by regime barrel bombs in Daraa", "killed", "passive_agent"),
    ("Three children died in the attack.", "died", "intransitive"),
    ("Dozens of people died overnight.", "died", "intransitive"),
    ("A woman died of her wounds on Monday.", "died", "intransitive"),
    ("Many are dying of hunger in the besieged town.", "dying", "intransitive"),
    ("The shelling of Aleppo continued overnight.", "shelling", "nominal"),
    ("The attack came at dawn.", "attack", "nominal"),
    ("Airstrikes hit the eastern districts.", "Airstrikes", "nominal"),
    ("The bombardment lasted three days.", "bombardment", "nominal"),
    ("The killings drew condemnation.", "killings", "nominal"),
    ("Residents fled the bombing.", "bombing", "nominal"),
    ("The massacre shocked the world.", "massacre", "nominal"),
]


def test_agency_hand_coded_fixture():
    corpus = as_corpus(pd.DataFrame({"text": [s for s, _, _ in CASES]}))
    table = agency(corpus)
    got = {}
    for doc_id, (_, word, _) in zip(corpus.index, CASES, strict=True):
        rows = table[(table.doc_id == doc_id) & (table.word == word)]
        got[doc_id] = rows["construction"].iloc[0] if len(rows) else "missed"
    expected = {d: c for d, (_, _, c) in zip(corpus.index, CASES, strict=True)}
    correct = sum(got[d] == expected[d] for d in expected)
    assert len(CASES) >= 30
    assert correct / len(CASES) >= 0.85, {
        d: (expected[d], got[d]) for d in expected if got[d] != expected[d]
    }
    # precision and recall per construction
    for construction in CONSTRUCTIONS:
        tp = sum(got[d] == expected[d] == construction for d in expected)
        predicted = sum(got[d] == construction for d in expected)
        actual = sum(expected[d] == construction for d in expected)
        assert tp / actual >= 0.75, construction
        assert tp / predicted >= 0.75, construction


def test_agency_agents():
    corpus = as_corpus(
        pd.DataFrame(
            {"text": ["Civilians were killed by regime shelling. Russian airstrikes hit Idlib."]}
        )
    )
    table = agency(corpus).set_index("word")
    assert table.loc["killed", "agent"] == "regime shelling"
    assert table.loc["airstrikes", "agent"] == "Russian"


def test_agency_features_by_hand():
    corpus = as_corpus(
        pd.DataFrame(
            {
                "text": [
                    "Rebels shelled the city. Civilians were killed. Three children died.",
                    "The meeting ended.",
                ]
            }
        )
    )
    feats = agency_features(corpus)
    first = feats.iloc[0]
    assert first["n_violence"] == 3 and first["n_active"] == 1
    assert first["agent_deletion_rate"] == pytest.approx(2 / 3)
    assert feats.iloc[1]["n_violence"] == 0
    assert pd.isna(feats.iloc[1]["agent_deletion_rate"])


def test_agency_seed_counts():
    corpus = toolkit.load_corpus(ROOT / "corpus")
    table = agency(corpus)
    mix = Counter(table["construction"])
    # TASS writes of strikes as nominals ("pinpoint strikes", "strikes at militants")
    assert mix["nominal"] >= 4
    assert set(mix) <= set(CONSTRUCTIONS)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "killed",
                "Shelling",
                "air strikes",
                "over-killed",
                "kill-",
                "-bombed",
                "died.",
                "the",
                "town",
                ". ",
                "! ",
                "\n\n",
                " ",
                "-",
                "Mr.",
                "3.",
                '"',
                "attacked,",
            ]
        ),
        max_size=40,
    )
)
def test_sentence_prefilter_equals_searching_each_sentence(words):
    from toolkit.agency import _PREFILTER, _has_violence_word
    from toolkit.text import sentence_spans

    text = " ".join(words)
    hits = [m.span() for m in _PREFILTER.finditer(text)]
    for s, e in sentence_spans(text):
        assert _has_violence_word(text, s, e, hits) == bool(_PREFILTER.search(text[s:e]))


def test_case_special_characters_are_all_listed():
    import re
    import sys

    from toolkit.agency import _CASE_SPECIAL

    letter = re.compile("[a-z]", re.IGNORECASE)
    found = set()
    for code in range(128, sys.maxunicode + 1):
        ch = chr(code)
        low = ch.lower()
        if letter.fullmatch(ch) or (len(low) == 1 and low.isascii() and low.isalpha()):
            found.add(ch)
    assert found <= _CASE_SPECIAL


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*"KILLED killed-Shelled\u212a\u017f\u0130 .x", "Killed"])))
def test_violence_spans_equal_the_case_insensitive_pattern(parts):
    text = "".join(parts)
    from toolkit.agency import _PREFILTER, _violence_spans

    assert _violence_spans(text) == [m.span() for m in _PREFILTER.finditer(text)]


def flat_prefilter():
    import re

    from toolkit.agency import _FORMS

    words = "|".join(sorted(_FORMS, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.IGNORECASE)


def test_trie_pattern_matches_exactly_its_words():
    import re

    from toolkit.agency import _FORMS
    from toolkit.wordlists import trie_pattern as _trie_pattern

    words = ["kill", "killed", "kills", "killing", "a", "ab", "b.c", "shell"]
    pattern = re.compile(_trie_pattern(words))
    assert all(pattern.fullmatch(w) for w in words)
    for other in ["", "kil", "killer", "killedx", "abc", "bxc", "shel", "shells", "k"]:
        assert not pattern.fullmatch(other), other
    every = re.compile(_trie_pattern(list(_FORMS)))
    assert all(every.fullmatch(w) for w in _FORMS)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *("kill", "killed", "KILLING", "kills", "shell", "shelled", "bomb"),
                *("bombardment", "die", "died", "dies", "dying", "attack", "air", "strike"),
                *("x", "-", "'", "_", " ", ". ", "\u212a", "\u0130", "é"),
            ]
        ),
        max_size=30,
    )
)
def test_violence_pattern_equals_the_flat_alternation(parts):
    from toolkit.agency import _PREFILTER

    text = "".join(parts)
    flat = flat_prefilter()
    assert [m.span() for m in _PREFILTER.finditer(text)] == [m.span() for m in flat.finditer(text)]


@pytest.mark.slow
def test_violence_pattern_equals_the_flat_alternation_on_fakes(fakes):
    from toolkit.agency import _PREFILTER

    flat = flat_prefilter()
    for text in fakes["text"]:
        assert [m.span() for m in _PREFILTER.finditer(text)] == [
            m.span() for m in flat.finditer(text)
        ]


def test_violence_words_are_data_with_provenance():
    import yaml

    from toolkit.agency import VIOLENCE_VERBS
    from toolkit.wordlists import PROVENANCE_FIELDS

    from .conftest import ROOT

    data = yaml.safe_load((ROOT / "toolkit" / "inventories" / "violence.yaml").read_text())
    for field in ("name", *PROVENANCE_FIELDS):
        assert data.get(field), field
    assert VIOLENCE_VERBS == {k: tuple(v) for k, v in data["verbs"].items()}
    assert {"die", "perish"} == set(data["intransitive"])
