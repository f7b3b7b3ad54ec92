from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit import parse_article


def test_parse_article_seed_parts(seed_raw):
    art = parse_article(seed_raw)
    assert art.debris == ("All news",)
    assert art.headline == (
        "Russian aircraft attack almost 1,600 terrorist facilities in Syria over past week"
    )
    assert art.lede.startswith("Terrorists in Syria’s provinces of Idlib and Aleppo")
    assert art.lede.endswith("the Russian Defense Ministry's spokesman says")
    assert art.dateline == "LATAKIA, February 16. /TASS/."
    assert (art.dateline_place, art.dateline_date, art.dateline_agency) == (
        "Latakia",
        "February 16",
        "TASS",
    )
    # The five subheadings of the page, counted by hand.
    assert art.subheadings == (
        "Syrian troops liberate 73 settlements with opposition’s support",
        "Militants in Syria continue to receive weapons, support from Turkey",
        "Terrorists evacuating their families from Aleppo to Turkish border",
        "Terrorists in Syria get more active after ceasefire agreements",
        "Russian military operation in Syria",
    )
    assert art.body.startswith("Aircraft of Russia’s aviation group in Syria have made 444 sorties")
    assert art.body.endswith(
        "Moscow has repeatedly said that Russia plans no ground operation in Syria."
    )
    assert art.credit == ""


def test_parse_article_seed_text_is_clean(seed_raw):
    art = parse_article(seed_raw)
    assert not art.text.startswith("All news")
    assert "/TASS/" not in art.text and "LATAKIA" not in art.text
    assert art.text.startswith(art.headline + "\n\n" + art.lede + "\n\n")
    # every paragraph of the cleaned text is a verbatim piece of the raw page
    for para in art.text.split("\n\n"):
        assert para in seed_raw
    # subheadings stay in text at their place, but not in body
    assert all(h in art.text and h not in art.body for h in art.subheadings)
    # The page has 30 non-empty lines (counted by hand): "All news" goes, the dateline
    # paragraph stays (without its dateline), so the text has 29 paragraphs.
    assert len(art.text.split("\n\n")) == 29


@pytest.mark.parametrize(
    ("first_para", "place", "date", "agency", "rest"),
    [
        (
            "BEIRUT (Reuters) - Syrian forces advanced.",
            "Beirut",
            "",
            "Reuters",
            "Syrian forces advanced.",
        ),
        (
            "ALEPPO, Syria, Feb 16 (Reuters) - Rebels said.",
            "Aleppo",
            "Feb 16",
            "Reuters",
            "Rebels said.",
        ),
        (
            "DAMASCUS, Syria (AP) — Shelling killed four.",
            "Damascus",
            "",
            "AP",
            "Shelling killed four.",
        ),
        (
            "Damascus, SANA – Army units restored security.",
            "Damascus",
            "",
            "SANA",
            "Army units restored security.",
        ),
        (
            "MOSCOW, June 5 /TASS/. The ministry said.",
            "Moscow",
            "June 5",
            "TASS",
            "The ministry said.",
        ),
        (
            "DEIR EZ-ZOR, March 3. /TASS/. Strikes continued.",
            "Deir Ez-Zor",
            "March 3",
            "TASS",
            "Strikes continued.",
        ),
        (
            "BEIRUT — The monitor reported clashes.",
            "Beirut",
            "",
            "",
            "The monitor reported clashes.",
        ),
    ],
)
def test_parse_article_datelines(first_para, place, date, agency, rest):
    art = parse_article(f"Headline here\n\n{first_para}\n\nSecond paragraph.")
    assert art.headline == "Headline here"
    assert (art.dateline_place, art.dateline_date, art.dateline_agency) == (place, date, agency)
    assert art.body.split("\n\n")[0] == rest
    assert art.dateline and art.dateline not in art.text


@pytest.mark.parametrize(
    "first_para",
    [
        "US forces said on Monday that the strikes hit targets.",
        "UN — the agency said aid was blocked.",
        "ISIS fighters withdrew from the town.",
        "Meanwhile, talks in Geneva stalled.",
    ],
)
def test_parse_article_no_false_dateline(first_para):
    art = parse_article(f"A headline\n\n{first_para}\n\nMore text.")
    assert art.dateline == ""
    assert art.text.split("\n\n")[1] == first_para


def test_parse_article_debris_breadcrumb_and_credit():
    raw = (
        "Home > World > Middle East\n\nShare\n\nAleppo truce collapses\n\n"
        "BEIRUT (Reuters) - Fighting resumed.\n\nThe monitor said dozens died.\n\n"
        "Source: SANA\n\nRead more"
    )
    art = parse_article(raw)
    assert art.headline == "Aleppo truce collapses"
    assert art.debris == ("Home > World > Middle East", "Share", "Read more")
    assert art.credit == "Source: SANA"
    assert "SANA" not in art.text and "Read more" not in art.text


def test_parse_article_user_debris():
    art = parse_article("Breaking Bulletin\n\nHeadline\n\nBody text.", debris=["breaking bulletin"])
    assert art.debris == ("Breaking Bulletin",)
    assert art.headline == "Headline"


def test_parse_article_line_endings_do_not_matter(seed_raw):
    assert parse_article(seed_raw.replace("\n", "\r\n")) == parse_article(seed_raw)


def test_parse_article_joins_hard_wrapped_lines():
    raw = "Headline\n\nThe army said the town\nwas retaken on Monday.\nIt gave no figures."
    art = parse_article(raw)
    assert art.body == "The army said the town was retaken on Monday.\n\nIt gave no figures."


def test_parse_article_single_paragraph_has_no_headline():
    art = parse_article("Just one paragraph of text, no headline.")
    assert art.headline == ""
    assert art.text == "Just one paragraph of text, no headline."


@pytest.mark.parametrize("raw", ["", "   \n\n  ", "All news"])
def test_parse_article_empty_input(raw):
    assert parse_article(raw).text == ""


def test_parse_article_rejects_bytes():
    with pytest.raises(TypeError, match="expects the article text as str"):
        parse_article(b"bytes")  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=400))
def test_parse_article_only_removes_words(raw):
    art = parse_article(raw)
    assert set(art.text.split()) <= set(raw.split())
    for part in (art.headline, art.lede, art.body):
        assert set(part.split()) <= set(art.text.split())


# ------------------------------------------------------------ pages pasted as text
# Pages as a reader copies them from the sites of Reuters, Al Jazeera, RT, SANA and TASS
# (tests/data/pasted-pages, written for these tests): menus, headline, standfirst, byline
# and dates, the article, then sharing, related links and copyright lines.

PASTED = Path(__file__).parent / "data" / "pasted-pages"
PASTED_PAGES = {
    "reuters": "Syrian army pushes into rebel-held district of Aleppo",
    "aljazeera": "Air raids kill dozens in Idlib market, monitors say",
    "rt": "Russian jets hit terrorist targets near Palmyra – MoD",
    "sana": "Army units restore security to villages in Aleppo countryside",
    "tass": "Russian Aerospace Forces deliver strikes on terrorists in Syria",
}
PAGE_FURNITURE = (
    "Skip",
    "Read more",
    "Share",
    "Tweet",
    "Facebook",
    "©",
    "Copyright",
    "Subscribe",
    "Newsletter",
    "Sign up",
    "Related",
    "Navigation",
    "Our Standards",
    "Show more",
    "Published",
    "Edited time",
)


@pytest.mark.parametrize("site", sorted(PASTED_PAGES))
def test_a_pasted_page_gives_its_headline_and_body_without_furniture(site):
    headline = PASTED_PAGES[site]
    raw = (PASTED / f"{site}.txt").read_text("utf-8")
    art = parse_article(raw)
    assert art.headline == headline
    first_sentence = next(p for p in raw.split("\n") if len(p.split()) >= 15)
    assert art.body.split("\n\n")[0] in first_sentence
    paragraphs = art.text.split("\n\n")
    assert paragraphs[0] == headline
    for word in PAGE_FURNITURE:
        assert not any(p.startswith(word) or word in p for p in paragraphs[1:]), word
    for menu in ("World", "Business", "Politics", "Home", "News", "Russia", "Syria"):
        assert menu not in paragraphs  # no menu entry is a paragraph of the article
    # nothing is lost: each line is in the text, the debris, the credit or the dateline
    for line in (x.strip() for x in raw.split("\n")):
        if line and not (art.dateline and line.startswith(art.dateline)):
            assert line in art.debris or line == art.credit or line in art.text, line
