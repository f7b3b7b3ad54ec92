from __future__ import annotations

import pandas as pd
import pytest

import toolkit
from toolkit import as_corpus
from toolkit.quotes import quote_features, quote_spans, quotes

from .conftest import ROOT

# Hand-coded fixture: an article text and the quotes a human coder finds in it, as
# (kind, speaker) with the speaker resolved to a name where the text makes that possible.
CASES: list[tuple[str, list[tuple[str, str | None]]]] = [
    ('"We will retake every inch," Assad said.', [("direct", "Assad")]),
    ("“We will retake every inch,” Bashar al-Assad said.", [("direct", "Bashar al-Assad")]),
    ('"The strikes hit only militants," said Igor Konashenkov.', [("direct", "Igor Konashenkov")]),
    (
        'Sergei Lavrov told reporters: "There is no military solution."',
        [("direct", "Sergei Lavrov")],
    ),
    ('Staffan de Mistura said: "The talks will resume."', [("direct", "Staffan de Mistura")]),
    ('Rami Abdel Rahman spoke to AFP. "Forty people died," he said.', [("direct", None)]),
    (
        'Monitor head Rami Abdel Rahman said dozens were killed. "Most were children," he said.',
        [("indirect", "Rami Abdel Rahman"), ("direct", "Rami Abdel Rahman")],
    ),
    (
        'Spokesman Igor Konashenkov said sorties continued. "All targets were hit," the '
        "spokesman said.",
        [("indirect", "Igor Konashenkov"), ("direct", "Igor Konashenkov")],
    ),
    (
        '"The regime bombed the market," the Syrian Observatory for Human Rights said.',
        [("direct", "Syrian Observatory for Human Rights")],
    ),
    ('"We saw the planes at dawn," a resident told Reuters.', [("direct", "a resident")]),
    ('"The convoy was attacked," a UN official said.', [("direct", "a UN official")]),
    (
        "According to the Syrian Observatory, 20 civilians were killed in the raids.",
        [("according_to", "the Syrian Observatory")],
    ),
    (
        "Twenty civilians were killed in the raids, according to local activists.",
        [("according_to", "local activists")],
    ),
    (
        "The Defense Ministry said the strikes destroyed 40 targets near Palmyra.",
        [("indirect", "The Defense Ministry")],
    ),
    ("The army liberated three villages near Aleppo, SANA reported.", [("indirect", "SANA")]),
    (
        "Syrian President Bashar Assad said the goal was to cut supply routes.",
        [("indirect", "Bashar Assad")],
    ),
    (
        "Rebels claimed they had shot down a government helicopter over Hama.",
        [("indirect", "Rebels")],
    ),
    (
        "The opposition alleged that chlorine was used in the attack on Saraqeb.",
        [("indirect", "The opposition")],
    ),
    (
        "Moscow confirmed that its jets had struck targets in Idlib province.",
        [("indirect", "Moscow")],
    ),
    (
        'Turkish officials denied the report. "No shells were fired," Erdogan said.',
        [("indirect", "Turkish officials"), ("direct", "Erdogan")],
    ),
    (
        "“The situation is catastrophic.\n\n“Hospitals have run out of medicine,” said the "
        "WHO representative.",
        [("direct", "the WHO representative")],
    ),
    (
        'Army units liberated "over 100 square kilometers from militants, the ministry said.',
        [("direct", "the ministry")],
    ),
    # reported speech with a quoted word in it: the word is the group's partial quote
    (
        'The group described the attack as a "massacre".',
        [("indirect", "The group"), ("partial", "The group")],
    ),
    # a quoted phrase with no speaker and no cue is a scare quote, not speech
    ('Moscow backs so-called "moderate" rebels.', [("scare", None)]),
    (
        '"We are hungry," one woman said. "There is no bread," she added.',
        [("direct", "one woman"), ("direct", None)],
    ),
    (
        'Igor Konashenkov said the truce held. "There were 12 violations," he said. '
        '"All were repelled," he added.',
        [
            ("indirect", "Igor Konashenkov"),
            ("direct", "Igor Konashenkov"),
            ("direct", "Igor Konashenkov"),
        ],
    ),
    ("Fighting continued in the eastern districts on Monday.", []),
    ("The shelling killed six people and wounded dozens more.", []),
    ('Washington warned that "all options are on the table".', [("direct", "Washington")]),
    ("Sources said the talks had stalled over the fate of Assad.", [("indirect", "Sources")]),
    ("Witnesses said a barrel bomb hit the school in the morning.", [("indirect", "Witnesses")]),
    (
        "The spokesman admitted that two soldiers were killed in the clash.",
        [("indirect", "The spokesman")],
    ),
    (
        '"This is a war crime," Amnesty International said in a statement on Friday.',
        [("direct", "Amnesty International")],
    ),
]


def _key(kind: str, speaker: str | None) -> tuple[str, str | None]:
    return kind, speaker.lower().removeprefix("the ").strip() if speaker else None


def test_quotes_hand_coded_precision_and_recall():
    corpus = as_corpus(pd.DataFrame({"text": [t for t, _ in CASES]}))
    found = quotes(corpus)
    tp = fp = fn = 0
    misses = []
    for doc_id, (_, expected) in zip(corpus.index, CASES, strict=True):
        rows = found[found["doc_id"] == doc_id]
        got = [
            _key(
                k,
                r
                if isinstance(r, str)
                else (s if isinstance(s, str) and s.lower() not in {"he", "she"} else None),
            )
            for k, r, s in zip(rows["kind"], rows["speaker_resolved"], rows["speaker"], strict=True)
        ]
        want = [_key(k, s) for k, s in expected]
        remaining = list(got)
        for item in want:
            if item in remaining:
                remaining.remove(item)
                tp += 1
            else:
                fn += 1
                misses.append((doc_id, "missed", item))
        fp += len(remaining)
        misses.extend((doc_id, "extra", item) for item in remaining)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert tp + fn >= 30
    assert precision >= 0.9, misses
    assert recall >= 0.85, misses


def test_quote_spans_straight_curly_multi_paragraph_and_unclosed():
    text = (
        '“First part.\n\n“Second part,” he said. Then "a straight one," she said.\n\n'
        'Army units liberated "over 100 villages, the spokesman said.\n\nNext.'
    )
    spans = quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == [
        "“First part.\n\n“Second part,”",
        '"a straight one,"',
        '"over 100 villages',
    ]
    assert [s.closed for s in spans] == [True, True, False]


def test_quotes_seed_every_direct_quote_is_konashenkov():
    corpus = toolkit.load_corpus(ROOT / "corpus")
    table = quotes(corpus)
    direct = table[table["kind"].isin(["direct", "partial"])]
    # six passages in quotation marks on the page (one without its closing mark, inside
    # reported speech: a partial quote)
    assert len(direct) == 6
    assert (table["kind"] == "partial").sum() == 1
    assert set(direct["speaker_resolved"]) == {"Igor Konashenkov"}
    assert direct["quote"].iloc[0].startswith("Warplanes of the Russian aviation group")
    assert any(q.startswith("over 100 square kilometers") for q in direct["quote"])
    assert set(direct["source_type"]) == {"military"}


def test_quote_features_seed():
    corpus = toolkit.load_corpus(ROOT / "corpus")
    feats = quote_features(corpus)
    row = feats.iloc[0]
    assert row["n_quotes_direct"] == 6
    assert 0.05 < row["quoted_share"] < 0.2
    assert row["n_verb_distancing"] == 0
    assert row["n_anonymous"] == 0


def test_quote_features_by_hand():
    corpus = as_corpus(
        pd.DataFrame(
            {"text": ['"Go home," he said. Sources said the deal was off. Rebels claimed a win.']}
        )
    )
    feats = quote_features(corpus).iloc[0]
    # tokens: go home he said sources said the deal was off rebels claimed a win = 14
    assert feats["quoted_share"] == pytest.approx(2 / 14)
    assert feats["n_anonymous"] == 1
    assert feats["n_verb_distancing"] == 1 and feats["n_verb_neutral"] == 2


def test_quotes_continuations_modifiers_organisations_and_places():
    texts = [
        # a continuation quote takes the speaker of the quote it continues
        '"The town is surrounded," Peskov said. "Talks will go on."',
        # a modifier is never a speaker; the monitor is typed by its role word
        "The Britain-based Syrian Observatory for Human Rights said 12 people died.",
        # "It" is the organisation that spoke before
        "The Observatory said the strike hit a school. It said 12 children died.",
        # a place after a preposition is not the speaker's name
        "A source at Aleppo Police Command said two shells fell on the market.",
        # reporting verbs from the inventory: tweeted, insisted
        'Lavrov tweeted: "We will not give up." The minister insisted that the truce held.',
    ]
    table = quotes(as_corpus(pd.DataFrame({"text": texts})))
    by_doc = {d: g.reset_index(drop=True) for d, g in table.groupby("doc_id")}
    first = by_doc["doc-000001"]
    assert first["kind"].tolist() == ["direct", "direct"]
    assert first["speaker"].tolist() == ["Peskov", "Peskov"]
    monitor = by_doc["doc-000002"].iloc[0]
    assert monitor["kind"] == "indirect" and monitor["source_type"] == "monitors"
    assert monitor["speaker_resolved"] != "Britain-based"
    it = by_doc["doc-000003"]
    assert it["speaker"].tolist() == ["The Observatory", "It"]
    assert it["source_type"].tolist() == ["monitors", "monitors"]
    place = by_doc["doc-000004"].iloc[0]
    assert place["kind"] == "indirect" and pd.isna(place["speaker_resolved"])
    lavrov = by_doc["doc-000005"]
    assert lavrov["kind"].tolist() == ["direct", "indirect"]
    assert lavrov["verb_lemma"].tolist() == ["tweet", "insist"]
    assert lavrov["verb_class"].tolist() == ["neutral", "distancing"]
    assert lavrov["speaker_resolved"].tolist() == ["Lavrov", "Lavrov"]


def test_according_to_without_a_comma_and_doubled_apostrophes():
    texts = [
        "Twenty civilians were killed in the raids according to local activists.",
        "''We will not leave,'' the mayor said.",
    ]
    table = quotes(as_corpus(pd.DataFrame({"text": texts})))
    first = table[table["doc_id"] == "doc-000001"].iloc[0]
    assert (first["kind"], first["speaker"]) == ("according_to", "local activists")
    assert first["quote"] == "Twenty civilians were killed in the raids"
    second = table[table["doc_id"] == "doc-000002"].iloc[0]
    assert (second["kind"], second["speaker"], second["quote"]) == (
        "direct",
        "the mayor",
        "We will not leave,",
    )


def test_speech_verb_inventory_has_provenance_and_stances():
    import yaml

    from toolkit.quotes import SPEECH_VERBS, STANCES, VERB_CLASSES

    data = yaml.safe_load((ROOT / "toolkit" / "inventories" / "speech-verbs.yaml").read_text())
    for field in ("name", "source", "citation", "licence", "version", "author"):
        assert data.get(field), field
    assert set(VERB_CLASSES.values()) == set(STANCES)
    assert SPEECH_VERBS["insisted"] == "insist" and VERB_CLASSES["insist"] == "distancing"
    assert SPEECH_VERBS["tweeted"] == "tweet" and VERB_CLASSES["believe"] == "belief"
    assert "state" not in SPEECH_VERBS  # a noun far more often ("Syrian state media")


def test_source_types_come_from_the_actor_inventory():
    import yaml

    from toolkit.quotes import DEFAULT_SOURCE_TYPES

    data = yaml.safe_load((ROOT / "toolkit" / "inventories" / "actors.yaml").read_text())
    for field in ("name", "source", "citation", "licence", "version", "author"):
        assert data.get(field), field
    assert list(DEFAULT_SOURCE_TYPES) == list(data["types"])
    texts = [
        "SANA reported that the army liberated the village.",
        "An analyst at a think tank said the offensive would stall.",
        "The local police said two cars burned.",
        "Shopkeeper Ahmed Hamdan said he heard two blasts.",
    ]
    table = quotes(as_corpus(pd.DataFrame({"text": texts})))
    types = table.groupby("doc_id")["source_type"].first()
    assert types.tolist()[:3] == ["state_media", "expert", "government"]
    assert pd.isna(types.iloc[3])  # no type's word: unknown
    # a user's own type, tried first
    mine = quotes(
        as_corpus(pd.DataFrame({"text": texts[3:]})),
        source_types={"civilian": ("shopkeeper",), **DEFAULT_SOURCE_TYPES},
    )
    assert mine["source_type"].tolist() == ["civilian"]
