"""Reported speech, beliefs, stances and speakers: one hand-built sentence per construction,
with the kind, speaker, content and source type a coder gives it."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit import as_corpus, quotes
from toolkit.reported import reported_speech
from toolkit.speakers import abbreviations, initials, organisation_name, resolve_speakers

# text, then (kind, speaker as written, content, source type) for each attribution, in order
CONSTRUCTIONS: list[tuple[str, list[tuple[str, str | None, str, str | None]]]] = [
    # X said (that) ...
    (
        "The Defense Ministry said that 40 targets were destroyed near Palmyra.",
        [
            (
                "indirect",
                "The Defense Ministry",
                "40 targets were destroyed near Palmyra",
                "military",
            )
        ],
    ),
    # X told Y (on a day) that ...
    (
        "A UN official told reporters on Tuesday that the convoy was attacked.",
        [("indirect", "A UN official", "the convoy was attacked", "UN/NGO")],
    ),
    # according to X inside the sentence, between commas
    (
        "Since November, according to Human Rights Watch, forces have killed 40 protesters.",
        [
            (
                "according_to",
                "Human Rights Watch",
                "Since November forces have killed 40 protesters",
                "UN/NGO",
            )
        ],
    ),
    # X accused Y of ...
    (
        "Turkey accused Russia of bombing civilians in Aleppo.",
        [("indirect", "Turkey", "Russia of bombing civilians in Aleppo", None)],
    ),
    # warned / insisted / denied
    (
        "The rebels warned that the truce would collapse.",
        [("indirect", "The rebels", "the truce would collapse", "opposition")],
    ),
    (
        "Moscow denied that its jets had struck a hospital.",
        [("indirect", "Moscow", "its jets had struck a hospital", "government")],
    ),
    # an attributed belief
    (
        "Western diplomats believe the offensive will stall before winter.",
        [("indirect", "Western diplomats", "the offensive will stall before winter", "government")],
    ),
    # the cue between commas: the content is on both sides
    (
        "Still, he said, officials have to decide who gets extra scrutiny.",
        [("indirect", "he", "Still officials have to decide who gets extra scrutiny", None)],
    ),
    # the cue ends the sentence; the source after it, with an apposition
    (
        "The approach is made possible by money, said Katie Harbath, a Facebook director.",
        [("indirect", "Katie Harbath", "The approach is made possible by money", None)],
    ),
    # a relative clause: the source is the phrase before "who"
    (
        "Jim Smith, who said the vote was rigged, lost the primary.",
        [("indirect", "Jim Smith", "the vote was rigged", None)],
    ),
    # a participle after a comma: the sentence's subject
    (
        "Rebels shelled the town, saying it sheltered government troops.",
        [("indirect", "Rebels", "it sheltered government troops", "opposition")],
    ),
    # numbers of people as sources
    (
        "Six in 10 voters say the economy is their main concern.",
        [("indirect", "Six in 10 voters", "the economy is their main concern", None)],
    ),
    # an apposition without an article
    (
        "Chris Covert, state director for the campaign, said the office opened in May.",
        [("indirect", "Chris Covert", "the office opened in May", None)],
    ),
    # a stance taken: its own kind, the clause only
    (
        "The opposition coalition rejected the proposal, calling it a trap.",
        [
            ("stance", "The opposition coalition", "the proposal", "opposition"),
            ("indirect", "The opposition coalition", "it a trap", "opposition"),
        ],
    ),
    # the writer's inference with no source: evidential, not speech
    (
        "The ceasefire appears to be holding in most of the province.",
        [("evidential", None, "The ceasefire appears to be holding in most of the province", None)],
    ),
    # not attributions: a toll, a name, an event, a passive, a noun
    ("The war has claimed more than 300,000 lives.", []),
    ("Rebels launched an operation called Euphrates Shield.", []),
    ("Fighting continued in the eastern districts on Monday.", []),
    ("The convoy was told to turn back at the checkpoint.", []),
    ("Editor's note: the figures were corrected.", []),
]


@pytest.mark.parametrize(("text", "expected"), CONSTRUCTIONS)
def test_each_construction(text, expected):
    table = quotes(as_corpus(pd.DataFrame({"text": [text]})))
    table = table[table["kind"] != "scare"]
    got = [
        (
            row.kind,
            row.speaker if isinstance(row.speaker, str) else None,
            row.quote,
            row.source_type if isinstance(row.source_type, str) else None,
        )
        for row in table.itertuples()
    ]
    assert got == expected


def test_offsets_point_at_the_content():
    text = "Since November, according to HRW, forces have killed 40. The army said 9 died."
    for found in reported_speech(text):
        if found.kind == "indirect":
            assert text[found.start : found.end] == found.quote == "9 died"


def test_speakers_organisations_abbreviations_and_pronouns():
    assert organisation_name("the Syrian Observatory for Human Rights") == (
        "Syrian Observatory for Human Rights"
    )
    assert organisation_name("Defense Ministry spokesman Igor Konashenkov") is None
    assert initials("Organisation for the Prohibition of Chemical Weapons") == "OPCW"
    assert abbreviations("the Syrian Democratic Forces (SDF) and the YPG (People)") == {
        "SDF": "Syrian Democratic Forces"
    }
    text = (
        "The Syrian Observatory for Human Rights said 9 died.\n\n"
        "The Britain-based SOHR said more died.\n\n"
        "Foreign Minister Sergei Lavrov spoke.\n\nIt was cold.\n\nIt rained.\n\n"
        "Snow fell.\n\nThen he said no."
    )
    at = [text.index(p) for p in ("The Syrian", "The Britain", "Foreign", "he said")]
    spoken = ["The Syrian Observatory for Human Rights", "The Britain-based SOHR",
              "Foreign Minister Sergei Lavrov", "he"]  # fmt: skip
    resolved = resolve_speakers(list(zip(at, spoken, strict=True)), text)
    name = "Syrian Observatory for Human Rights"
    # the abbreviation is the organisation; "he" four paragraphs after the name is nobody
    assert resolved == [name, name, "Sergei Lavrov", None]
    # the same "he" right after the name is the minister; "it" is never a person
    assert resolve_speakers([(0, "Sergei Lavrov"), (20, "he"), (40, "it")]) == [
        "Sergei Lavrov",
        "Sergei Lavrov",
        None,
    ]


def test_sohr_typed_as_a_monitor_with_its_full_name():
    text = (
        "The Syrian Observatory for Human Rights (SOHR) said 20 people died. "
        "Britain-based SOHR said the toll would rise."
    )
    table = quotes(as_corpus(pd.DataFrame({"text": [text]})))
    assert table["speaker_resolved"].tolist() == ["Syrian Observatory for Human Rights"] * 2
    assert table["source_type"].tolist() == ["monitors", "monitors"]


@pytest.mark.parametrize(
    "text",
    [
        "Doctors treated victims of a suspected chemical attack in the town on Tuesday.",
        "Israel has held the disputed Golan Heights since 1967, the report noted in passing.",
        "The estimated 250,000 people still under siege in the east have little food left.",
        "Rescuers searched the scene of a reported air strike on the city of Idlib.",
        "Their calls intensified after the emails were released to the public last week.",
    ],
)
def test_a_cue_form_after_a_determiner_is_a_noun_or_adjective_not_a_cue(text):
    """'a suspected attack', 'the estimated 250,000', 'their calls': no attribution."""
    assert [a.kind for a in reported_speech(text) if a.verb != "noted"] == []


def test_the_same_verbs_as_cues_are_still_found():
    found = reported_speech("Officials suspected that the attack had been planned for weeks.")
    assert [(a.kind, a.verb, a.speaker) for a in found] == [("indirect", "suspected", "Officials")]
