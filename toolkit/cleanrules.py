"""The rules of boilerplate removal: the word lists of credit lines, navigation and
footers (``lexicons/boilerplate.yaml``), their patterns, and the thresholds of
:mod:`toolkit.boilerplate` and :mod:`toolkit.clean`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from toolkit.wordlists import load_lexicon

__all__ = [
    "AFTER_TITLE",
    "CLEAN_COLUMNS",
    "DIGITS",
    "FURNITURE_WORDS",
    "HEAD_RULES",
    "KIND_OF",
    "LEARN_FROM",
    "MIN_ARTICLES",
    "MIN_SHARE",
    "NOT_WORD",
    "REMOVAL_KINDS",
    "SAMPLE_PER_OUTLET",
    "SPACE",
    "TAIL_NEEDS",
    "TAIL_RULES",
    "TAIL_WINDOW",
    "WORD_RUN",
    "alternation",
    "boilerplate_patterns",
    "word_lists",
]

#: The kinds of removal, in the order tables and figures list them.
REMOVAL_KINDS: tuple[str, ...] = (
    "date", "title", "dateline", "byline", "credit", "url", "furniture", "boilerplate",
)  # fmt: skip
#: Columns :func:`clean_corpus` adds.
CLEAN_COLUMNS: tuple[str, ...] = ("removed", "n_chars_removed", "n_recurring")
#: A segment of at most this many words can be furniture.
FURNITURE_WORDS = 14
#: A learned segment recurs in at least this share of an outlet's articles ...
MIN_SHARE = 0.05
#: ... and in at least this many of them.
MIN_ARTICLES = 3
#: Articles per outlet read to learn its boilerplate.
SAMPLE_PER_OUTLET = 2000
#: A stream (or a lazy dask corpus) learns from this many articles at its start.
LEARN_FROM = 20_000


# ---------------------------------------------------------------------------- word lists


@lru_cache(maxsize=1)
def word_lists() -> dict[str, tuple[str, ...]]:
    return dict(load_lexicon("furniture").categories)


def alternation(terms: Iterable[str]) -> str:
    ordered = sorted({t for t in terms}, key=len, reverse=True)
    return "|".join(re.escape(t).replace(r"\ ", r"\s*") for t in ordered)


@lru_cache(maxsize=1)
def boilerplate_patterns() -> dict[str, re.Pattern[str]]:
    words = word_lists()
    agency = rf"(?<![\w])(?:{alternation(words['agency'])})(?![\w])"
    furniture = alternation(words["furniture"])
    weak = alternation(words["furniture_weak"])
    weekday = (
        r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
        r"|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)\b\.?"
    )
    month = (
        r"(?:january|february|march|april|may|june|july|august|september|october|november"
        r"|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?![a-z])\.?"
    )
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    year = r"(?:19|20)\d{2}"
    clock = r"\d{1,2}[:.]?\d{2}(?:\s*(?:am|pm|gmt|utc|ast|ksa|local time))?"
    stamp_words = (
        r"(?:last\s+updated?|updated|published|posted|first\s+published|publication\s+date"
        r"|date\s+of\s+publication|date)"
    )
    date = (
        rf"(?:{weekday}\s*,?\s*)?"
        rf"(?:{day}\s+{month}\s*,?\s*(?:{year})?|{month}\s+{day}\s*,?\s*(?:{year})?"
        rf"|{month}\s+{year}|{day}[./-]\d{{1,2}}[./-]{year}|{year}[./-]\d{{1,2}}[./-]\d{{1,2}}"
        rf"|{month}\s+\d{{3,6}}|{weekday})"
    )
    head_stamp = (
        rf"^(?:{stamp_words}\s*(?:at|on)?\s*:?\s*)?{date}"
        rf"(?:\s*(?:at|,|-|\|)?\s*{clock})?(?:\s*(?:[-|]\s*)?(?:ksa|gmt|utc)\s*{clock})*"
        rf"(?:\s*get\s+short\s+url(?:\s+\d+)*)?\s*[-|:.,]?\s*"
    )
    name = r"[A-Z][\w'’.-]+(?:\s+(?:al|el|de|van|von|bin|ibn|abu)-?\s*[A-Z]?[\w'’-]+)?"
    names = rf"{name}(?:\s+{name})?"
    return {
        "head_stamp": re.compile(head_stamp, re.IGNORECASE),
        "head_stamp_word": re.compile(
            rf"^{stamp_words}\s*(?:at|on)?\s*:?\s*(?={date})", re.IGNORECASE
        ),
        "head_short_url": re.compile(r"^get\s+short\s+url(?:\s+\d+)*\s*", re.IGNORECASE),
        "head_paren_stamp": re.compile(rf"^\(\s*{stamp_words}\b[^)]{{0,40}}\)\s*", re.IGNORECASE),
        "head_marker": re.compile(
            r"^(?:UPDATED|UPDATE|BREAKING(?:\s+NEWS)?|EXCLUSIVE|WATCH|VIDEO|PHOTOS?|LIVE)\b\s*:?\s*"
        ),
        "head_agency": re.compile(rf"^[(/]?\s*(?:{agency})\s*[)/]?\s+(?={date})", re.IGNORECASE),
        "head_byline": re.compile(
            rf"^[Bb]y\s+{names}(?:\s*(?:,|and|&)\s*{names}){{0,4}}\s*[-|:.,]?\s*(?=\S)"
        ),
        "head_dateline": re.compile(
            rf"^(?:[A-Z][A-Za-z'’.-]+(?:[ -][A-Z][A-Za-z'’.-]+){{0,3}}\s*,?\s*)?"
            rf"(?:{month}\s+{day}\s*,?\s*(?:{year})?\s*[.,]?\s*)?"
            rf"[(/]?\s*(?:{agency})\s*[)/]?\s*(?:[-–—:]+|\.\s)\s*",
            re.IGNORECASE,
        ),
        "head_caps_dateline": re.compile(
            r"^[A-Z][A-Z'’.-]{2,}(?:[ ,/]+[A-Z][A-Z'’.-]{2,}){0,3}\s*,?\s*"
            rf"(?:{month}\s+{day}\s*[.,]?\s*)?(?:[(/]\s*(?:{agency})\s*[)/]\s*)?[-–—:]+\s+"
        ),
        "tail_credit": re.compile(
            rf"\s*(?:[-–—]+\s*|\(\s*)(?:{agency})(?:\s*(?:and|/|,)\s*(?:{agency}))*\s*\)?\s*\.?$",
            re.IGNORECASE,
        ),
        "tail_source": re.compile(
            rf"\s*\(?\s*(?i:sources?)\s*:?\s*(?:[A-Z][\w'’.-]*\s*){{1,6}}"
            rf"(?:\s*(?:and|&)\s*(?:{agency}))?\s*\)?\s*\.?$"
        ),
        "tail_agencies": re.compile(
            rf"\s*(?:\(?\s*sources?\s*:?\s*)?(?:{agency})\s+(?:and|&)\s+agencies\s*\)?\s*\.?$",
            re.IGNORECASE,
        ),
        "tail_via": re.compile(rf"\s*via\s+(?:{agency})\s*\.?$", re.IGNORECASE),
        "tail_reporting": re.compile(
            r"\s*(?:\(?\s*(?:additional\s+)?reporting\s+by\b|\(?\s*(?:writing|editing)\s+by\b)"
            r"[^.]{0,300}?(?:\.|$)(?:\s*our\s+standards\s*:?.*)?$",
            re.IGNORECASE,
        ),
        "tail_standards": re.compile(
            r"\s*(?:our\s+standards\s*:?\s*)?the\s+thomson\s+reuters\s+trust\s+principles\.?$",
            re.IGNORECASE,
        ),
        "tail_update": re.compile(
            rf"\s*(?:last\s+update[d]?|updated|published)\s*:?\s*(?:{date}).{{0,60}}$",
            re.IGNORECASE,
        ),
        "tail_tags": re.compile(r"\s*(?:\d+\s+)*tags\b(?:\s+\S+){0,25}\s*$", re.IGNORECASE),
        "tail_comment": re.compile(
            rf"\s*(?:community\s+standards\s*)?(?:discussion\s*)?"
            rf"(?:comment\s+via\s+(?:facebook|{agency})\s*)+\s*(?:news)?\s*$",
            re.IGNORECASE,
        ),
        "tail_social": re.compile(
            r"(?<=[.!?\"”)])\s*\b(?:twitter|facebook|also|share|comments?|print|email|whatsapp)"
            r"\s*\.?$",
            re.IGNORECASE,
        ),
        "tail_translation": re.compile(
            r"\s*this\s+(?:article|report)\s+is\s+an?\s+(?:edited\s+)?translation\b[^.]*"
            r"(?:\.\s*)?(?:also)?\s*$",
            re.IGNORECASE,
        ),
        "tail_initials": re.compile(
            r"\s+[A-Z][\w'’-]+(?:\s+(?:al|el)-?[A-Z]?[\w'’-]+)?\s*/\s*"
            r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s*\.?$"
        ),
        "tail_number": re.compile(r"(?<=[.!?\"”)])\s+\d{1,6}\s*$"),
        # URLs, also as exports that lost their punctuation write them ("httpst.co5rT6",
        # "pic.twitter.com0Zw6")
        "url": re.compile(
            r"[ \t]*(?:https?:?/*|www\.|pic\.twitter\.com)\S*"
            r"|[ \t]*\b[\w-]+\.(?:com|org|net|co|gov|int)(?:/\S*|\b)",
            re.IGNORECASE,
        ),
        "paren_credit": re.compile(
            rf"[ \t]*\(\s*(?:{agency})(?:\s*(?:and|&|/)\s*(?:agencies|{agency}))?\s*\)(?!\s*[-–—])",
            re.IGNORECASE,
        ),
        "short_url_head": re.compile(r"^.{0,200}?get\s+short\s+url(?:\s+\d+)*\s*", re.I | re.S),
        "inline_tags": re.compile(r"(?<=[a-z,])\s+Tags(?:\s+[\w'’().-]+){1,20}?(?=\.\s+[A-Z\"“])"),
        "video_label": re.compile(r"\s+[-–—|]\s+YouTube\b"),
        "lone_tags": re.compile(r"(?<=[.!?\"”a-z,])\s+Tags(?=\s+[A-Z])"),
        "related_block": re.compile(
            r"\s*\b(?:Category\s+News|Related\s+(?:News|Articles|Stories|Posts|Coverage)|"
            r"You\s+may\s+also\s+like|Most\s+(?:Read|Popular)|Recommended\s+for\s+you|"
            r"More\s+(?:on|from)\s+this\s+(?:story|topic))\b.*$",
            re.S,
        ),
        "mid_tags": re.compile(
            r"(?<=[.!?\"”])\s+Tags\b(?:\s+(?!(?:The|A|An|In|On|At|After|As|Some|This|It|"
            r"Syrian\s+(?:army|troops|forces|government)|More|Dozens|Several)\b)\S+){1,20}?"
            r"(?=\s+(?:The|A|An|In|On|At|After|As|Some|This|It)\b)"
        ),
        "handle": re.compile(r"[ \t]*(?<![\w@])@[A-Za-z_]\w{1,30}"),
        "furniture": re.compile(rf"(?<![\w])(?:{furniture})(?![\w])", re.IGNORECASE),
        "furniture_weak": re.compile(rf"(?<![\w\-])(?:{weak})(?![\w\-])", re.IGNORECASE),
        "self": re.compile(
            rf"(?<![\w])(?:{alternation(words['self_description'])})(?![\w])", re.IGNORECASE
        ),
    }


HEAD_RULES = (
    "head_stamp",
    "head_paren_stamp",
    "head_marker",
    "head_short_url",
    "head_agency",
    "head_byline",
    "head_dateline",
    "head_caps_dateline",
)
TAIL_RULES = (
    "tail_reporting",
    "tail_standards",
    "tail_comment",
    "tail_tags",
    "tail_update",
    "tail_translation",
    "tail_agencies",
    "tail_via",
    "tail_source",
    "tail_credit",
    "tail_initials",
    "tail_social",
    "tail_number",
)
KIND_OF = {
    "head_stamp": "date",
    "head_short_url": "furniture",
    "head_paren_stamp": "date",
    "head_marker": "furniture",
    "head_agency": "credit",
    "head_byline": "byline",
    "head_dateline": "dateline",
    "head_caps_dateline": "dateline",
    "tail_update": "date",
    "tail_tags": "furniture",
    "tail_comment": "furniture",
    "tail_social": "furniture",
    "tail_translation": "furniture",
    "tail_initials": "byline",
    "tail_number": "furniture",
}
SPACE = re.compile(r"\s+")
WORD_RUN = re.compile(r"[^\W_]+")
AFTER_TITLE = re.compile(r"[\s.:;,|-]*")
#: Characters at the end of a text in which tail furniture is looked for.
TAIL_WINDOW = 600
#: Words without which a tail pattern cannot match (a cheap test before the regex).
TAIL_NEEDS: dict[str, tuple[str, ...]] = {
    "tail_reporting": ("reporting by", "writing by", "editing by"),
    "tail_standards": ("trust principles",),
    "tail_comment": ("comment via",),
    "tail_tags": ("tags",),
    "tail_update": ("update", "published"),
    "tail_translation": ("translation",),
    "tail_agencies": ("agencies",),
    "tail_via": ("via ",),
    "tail_source": ("source",),
    "tail_initials": ("/",),
}
NOT_WORD = re.compile(r"[^\w]+")
DIGITS = re.compile(r"\d+")
