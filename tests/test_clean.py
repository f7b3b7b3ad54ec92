"""Cleaning removes page furniture, exactly, and nothing of an article's own sentences."""

from __future__ import annotations

import json
import re
import warnings

import pandas as pd
import pytest

import toolkit
from toolkit.clean import (
    clean_corpus,
    clean_text,
    learn_boilerplate,
    removal_summary,
    removed_pieces,
)

from .conftest import ROOT


@pytest.mark.parametrize(
    ("text", "kept", "kinds"),
    [
        ("BEIRUT (Reuters) - Jets struck Idlib.", "Jets struck Idlib.", ["dateline"]),
        ("DAMASCUS - Jets struck Idlib.", "Jets struck Idlib.", ["dateline"]),
        ("Aleppo SANA-Terrorists fired shells.", "Terrorists fired shells.", ["dateline"]),
        ("Jets struck Idlib. --Reuters", "Jets struck Idlib.", ["credit"]),
        ("Jets struck Idlib. (AFP)", "Jets struck Idlib.", ["credit"]),
        ("Jets struck Idlib. Source TRTWorld and agencies", "Jets struck Idlib.", ["credit"]),
        ("Jets struck Idlib. (Source: Syrian Coalition)", "Jets struck Idlib.", ["credit"]),
        ("Jets struck Idlib. via Sputnik", "Jets struck Idlib.", ["credit"]),
        (
            "Jets struck Idlib. Reporting by Ann Lee; Editing by Tom Roe Our Standards:The "
            "Thomson Reuters Trust Principles.",
            "Jets struck Idlib.",
            ["credit"],
        ),
        ("Wed 05 Apr 2017 at 0914 Jets struck Idlib.", "Jets struck Idlib.", ["date"]),
        ("Published February 18 2015 Jets struck Idlib.", "Jets struck Idlib.", ["date"]),
        ("Last updated at Apr 232017 Jets struck Idlib.", "Jets struck Idlib.", ["date"]),
        ("24.08.2013 Jets struck Idlib.", "Jets struck Idlib.", ["date"]),
        (
            "(updated 1935 05.10.2017) Get short URL 101 Jets struck Idlib.",
            "Jets struck Idlib.",
            ["furniture"],
        ),
        ("By John Smith Jets struck Idlib.", "Jets struck Idlib.", ["byline"]),
        (
            "Jets struck Idlib. Read more at https://example.com/x and @SyriaNews.",
            "Jets struck Idlib.",
            ["url", "url", "furniture"],
        ),
        (
            "Jets struck Idlib. Follow us on Instagram. Talks went on.",
            "Jets struck Idlib. Talks went on.",
            ["furniture"],
        ),
        (
            "Jets struck Idlib. Tags Daesh airstrikes Syria Community standardsDiscussion "
            "Comment via FacebookComment via Sputnik News",
            "Jets struck Idlib.",
            ["furniture", "furniture"],
        ),
        (
            "Jets struck Idlib. Last Update: Saturday 7 October 2017 KSA 16:06 - GMT 13:06",
            "Jets struck Idlib.",
            ["date"],
        ),
        ("Jets struck Idlib. Manar al-Freih / Hazem Sabbagh", "Jets struck Idlib.", ["byline"]),
    ],
)
def test_clean_text_removes_each_kind_of_furniture(text, kept, kinds):
    cleaned, removed, _ = clean_text(text)
    assert cleaned == kept
    assert [kind for kind, _ in removed] == kinds


@pytest.mark.parametrize(
    "text",
    [
        "Activists appealed for help on Facebook.",  # furniture words in a real sentence
        "The ministry was not immediately available for comment.",
        "He published a video of the patients on his Twitter account.",
        "U.S.-led coalition jets struck Raqqa on Monday.",  # not a dateline
        "Syria-backed forces advanced on Monday.",
        "Rebels shelled the city on day 5",  # a number ending a sentence is not furniture
        "Reuters reported that jets struck Idlib.",  # an agency as subject
        "One\u2028two.  Spaces  kept.",
    ],
)
def test_clean_text_keeps_an_articles_own_sentences(text):
    assert clean_text(text) == (text, [], 0)


def test_title_at_the_start_is_removed_but_a_title_only_article_kept():
    text = "Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent. Victims died."
    cleaned, removed, _ = clean_text(
        text, title="Syria attack symptoms consistent with nerve agent"
    )
    assert cleaned == "Victims died."
    assert [k for k, _ in removed] == ["date", "title"]
    only = "30 October 2016 35 cases of suffocation in Aleppo"
    assert clean_text(only, title="35 cases of suffocation in Aleppo")[0] == (
        "35 cases of suffocation in Aleppo"
    )


def _outlet_corpus() -> pd.DataFrame:
    towns = ["Homs", "Hama", "Idlib", "Deraa", "Raqqa", "Aleppo"]
    background = (
        "Russia's warplanes began strikes in Syria in September 2015 at the request of the "
        "Syrian president, and they have hit thousands of targets since."
    )
    texts = [
        f"Jets struck {town} on Monday. Smoke rose over {town}. Residents fled. {background} "
        "Editor note: A/B"
        for town in towns
    ] + [f"Rebels took {town}. Fighting went on." for town in towns]
    outlets = ["TASS"] * 6 + ["Other"] * 6
    return pd.DataFrame({"text": texts, "outlet": outlets})


def test_learned_boilerplate_removes_short_edge_segments_and_keeps_body_ones():
    corpus = clean_corpus(_outlet_corpus())
    tass = corpus[corpus["outlet"] == "TASS"]
    assert tass["text"].iloc[0].startswith("Jets struck Homs on Monday.")
    assert "Editor note" not in " ".join(tass["text"])  # short, recurring, at the tail
    assert all("Russia's warplanes" in t for t in tass["text"])  # long: an editorial choice
    assert tass["n_recurring"].tolist() == [2] * 6  # "Residents fled." and the background
    assert all("Residents fled." in t for t in tass["text"])  # short, but in the body
    other = corpus[corpus["outlet"] == "Other"]
    # a short sentence closing every article of an outlet is its sign-off: removed
    assert other["text"].tolist() == [
        f"Rebels took {t}." for t in ["Homs", "Hama", "Idlib", "Deraa", "Raqqa", "Aleppo"]
    ]


def test_boilerplate_is_learned_per_outlet_with_documented_thresholds():
    texts = ["A b c d e f. Share on Facebook now please."] * 2 + ["X y z."] * 40
    model = learn_boilerplate(texts, ["A"] * 2 + ["B"] * 40)
    assert model.recurring["A"] == {}  # two articles: under the minimum of three
    assert len(model.recurring["B"]) == 1
    sample = learn_boilerplate([f"T {i}." for i in range(10)], ["C"] * 10, sample=4)
    assert sample.n_articles["C"] == 4


def test_removed_is_recorded_and_summarised():
    corpus = toolkit.as_corpus(
        pd.DataFrame(
            {
                "text": ["BEIRUT (Reuters) - Jets hit Homs. --Reuters", "Rebels fled Hama."],
                "outlet": ["Reuters", "SANA"],
            }
        )
    )
    pieces = removed_pieces(corpus)
    assert pieces.to_dict("records") == [
        {"doc_id": "doc-000001", "kind": "dateline", "text": "BEIRUT (Reuters) -"},
        {"doc_id": "doc-000001", "kind": "credit", "text": "--Reuters"},
    ]
    assert json.loads(corpus.loc["doc-000001", "removed"])[0] == ["dateline", "BEIRUT (Reuters) -"]
    assert corpus["n_chars_removed"].tolist() == [len("BEIRUT (Reuters) - ") + len(" --Reuters"), 0]
    summary = removal_summary(corpus)
    assert summary["kind"].tolist() == ["dateline", "credit"]
    as_read = toolkit.as_corpus(
        pd.DataFrame({"text": ["BEIRUT (Reuters) - Jets hit Homs."]}), clean=False
    )
    assert as_read["text"].tolist() == ["BEIRUT (Reuters) - Jets hit Homs."]
    assert "removed" not in as_read.columns


def test_stream_cleans_as_a_whole_load(tmp_path):
    frame = _outlet_corpus()
    path = tmp_path / "c.jsonl"
    frame.to_json(path, orient="records", lines=True)
    whole = toolkit.load_corpus(path)
    streamed = pd.concat(toolkit.stream.iter_corpus(path, chunk_size=5))
    pd.testing.assert_series_equal(streamed["text"], whole["text"])
    pd.testing.assert_series_equal(streamed["removed"], whole["removed"])


_DATE = re.compile(
    r"^\W*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|"
    r"aug|sep|oct|nov|dec)[a-z]*\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
    r"\s+\d{1,2}\b|\d{1,2}[./]\d{1,2}[./]\d{2,4}|(?:published|last updated|updated)\b)",
    re.IGNORECASE,
)


def _title_in_head(row: pd.Series) -> bool:
    words = re.findall(r"\w+", str(row["title"]).lower())
    head = " ".join(re.findall(r"\w+", row["text"][:400].lower()))
    return len(words) >= 3 and " ".join(words) in head


@pytest.mark.slow
def test_fakes_opens_with_prose_not_dates_or_titles(fakes, fakes_csv):
    raw = toolkit.load_fakes(fakes_csv, clean=False)
    assert raw["text"].str.match(_DATE).mean() > 0.3  # the problem is real
    assert fakes["text"].str.match(_DATE).mean() <= 0.02
    assert raw.apply(_title_in_head, axis=1).mean() > 0.5
    assert fakes.apply(_title_in_head, axis=1).mean() <= 0.05


@pytest.mark.slow
def test_fakes_comes_out_clean(fakes, fakes_csv):
    raw = toolkit.load_fakes(fakes_csv, clean=False)
    assert raw["text"].str.match(_DATE).mean() > 0.3  # the problem is real
    assert fakes["text"].str.match(_DATE).mean() <= 0.02
    assert raw.apply(_title_in_head, axis=1).mean() > 0.5
    assert fakes.apply(_title_in_head, axis=1).mean() <= 0.05
    # no credit line, footer, masthead or time stamp among any outlet's top-20 key terms
    key = toolkit.keyness(fakes, by="outlet", drop_duplicates=True)
    top = key.sort_values("g2", ascending=False).groupby("target").head(20)
    furniture = {
        "thomson", "trust", "principles", "standards", "editing", "reporting", "facebookcomment",
        "url", "standardsdiscussion", "via", "follow", "subscribe", "youtube", "privacy",
        "pan-arab", "1978", "trtworld", "agencies", "copyright", "instagram", "tags",
        "comment", "twitter", "update", "gmt", "ksa", "published", "updated",
    }  # fmt: skip
    found = top[top["term"].isin(furniture)][["target", "term"]].values.tolist()
    assert found == []


@pytest.mark.slow
def test_fakes_cleaning_keeps_every_sentence_no_rule_matches(fakes_csv):
    raw = toolkit.load_fakes(fakes_csv, clean=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cleaned = toolkit.load_fakes(fakes_csv)
    from toolkit.text import split_sentences

    def norm(text: str) -> str:
        return " ".join(re.findall(r"\w+", text))

    def grams(text: str) -> set[str]:
        words = text.split()
        return {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}

    lost = []
    for doc in raw.index:
        removed = [norm(t) for _, t in json.loads(cleaned.loc[doc, "removed"])]
        pieces = set().union(*(grams(p) for p in removed if p)) if removed else set()
        kept = norm(cleaned.loc[doc, "text"])
        for sentence in map(norm, split_sentences(raw.loc[doc, "text"])):
            if sentence in kept:
                continue
            # a sentence may lose words only where a removed piece overlaps it
            if not any(p in sentence or sentence in p for p in removed if p) and not (
                grams(sentence) & pieces
            ):
                lost.append(sentence)
    assert lost == []


def test_shipped_seed_loses_only_its_repeated_headline():
    raw = toolkit.load_corpus(ROOT / "corpus", clean=False)
    cleaned = toolkit.load_corpus(ROOT / "corpus")
    assert json.loads(cleaned["removed"].iloc[0]) == [["title", raw["title"].iloc[0]]]
    assert raw["text"].iloc[0].endswith(cleaned["text"].iloc[0])


def test_a_hyphenated_word_is_not_a_furniture_word():
    """ "Terror-related" is not the furniture word "related": the short sentence stays."""
    corpus = toolkit.as_corpus(
        pd.DataFrame(
            {"text": ["Civilians fled. A civilian stayed. Terror-related arrests followed."]}
        )
    )
    assert corpus["text"].iloc[0].endswith("Terror-related arrests followed.")
    assert corpus["n_chars_removed"].iloc[0] == 0
