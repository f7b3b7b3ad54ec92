"""Split raw scraped article text into headline, lede, dateline, subheadings and body.

Text copied or scraped from a news web page carries more than the article: navigation
lines ("All news", "Home > World"), a headline and a standfirst, a dateline such as
``LATAKIA, February 16. /TASS/.`` that names place, date and agency, subheadings between
body paragraphs, and sometimes a credit line ("Source: SANA"). :func:`parse_article`
takes such text apart so that each part can be analysed on its own and so that debris
(and the outlet's own name in the dateline) does not leak into word counts.

The parser is a set of documented heuristics, not a learned model; every rule is listed in
the docstring of :func:`parse_article`. Nothing is invented: each part is a substring of the
input (after line-ending normalisation), and what is removed is kept in ``debris``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from toolkit.cleanrules import boilerplate_patterns

__all__ = ["DEFAULT_DEBRIS", "ParsedArticle", "parse_article"]

#: Whole-paragraph navigation and sharing debris, compared case-insensitively after
#: stripping punctuation at the ends. Users pass more with ``parse_article(debris=...)``.
DEFAULT_DEBRIS: frozenset[str] = frozenset(
    {
        "all news",
        "latest news",
        "top stories",
        "news",
        "home",
        "menu",
        "search",
        "skip to content",
        "skip to main content",
        "share",
        "share this",
        "share this article",
        "share on facebook",
        "share on twitter",
        "tweet",
        "email",
        "print",
        "advertisement",
        "sponsored",
        "subscribe",
        "follow us",
        "read more",
        "read also",
        "see also",
        "related",
        "related articles",
        "related news",
        "more",
        "comments",
        "leave a comment",
        "back to top",
        "twitter",
        "facebook",
        "whatsapp",
        "telegram",
    }
)

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE = rf"(?P<date>{_MONTH}\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?)"
# A place in capitals ("LATAKIA", "DEIR EZ-ZOR", "AL-HASAKAH"), optionally followed by a
# region or country in title case ("ALEPPO, Syria").
_CAPS_PLACE = r"[A-Z][A-Z'’.\-]{2,}(?:\s+[A-Z][A-Z'’.\-]+){0,3}"
_TITLE_WORDS = r"[A-Z][a-z'’.\-]+(?:\s+[A-Z][a-z'’.\-]+){0,3}"
_PLACE = rf"(?P<place>{_CAPS_PLACE}(?:,\s*{_TITLE_WORDS})?)"
_AGENCY = r"[A-Za-z][A-Za-z&.\- ]{0,30}?"
_DASH = r"[-–—:]+"

_DATELINE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # LATAKIA, February 16. /TASS/.      MOSCOW, June 5 /TASS/
    re.compile(rf"^{_PLACE},\s*{_DATE}\s*\.?\s*/\s*(?P<agency>{_AGENCY})\s*/\s*\.?\s*"),
    # ALEPPO, Syria, Feb 16 (Reuters) -    BEIRUT (AP) —    DAMASCUS, Syria (AFP):
    re.compile(rf"^{_PLACE}(?:,\s*{_DATE})?\s*\(\s*(?P<agency>{_AGENCY})\s*\)\s*{_DASH}\s*"),
    # Damascus, SANA –     Damascus, Feb 16, SANA -   (agency in capitals, place in any case)
    re.compile(
        rf"^(?P<place>{_CAPS_PLACE}|{_TITLE_WORDS}),\s*(?:{_DATE},?\s*)?"
        r"(?P<agency>[A-Z]{2,10})\s*[-–—:]+\s*"
    ),
    # BEIRUT —    ALEPPO, Syria, Feb. 16 —   (no agency; place must be in capitals)
    re.compile(rf"^{_PLACE}(?:,\s*{_DATE})?\s*[–—]+\s*"),
    re.compile(rf"^{_PLACE}(?:,\s*{_DATE})?\s+-\s+"),
)

_CREDIT = re.compile(
    r"^(?:\(?\s*(?:Source|Sources|Reporting|Additional reporting|Editing|Writing)\b.{0,200}"
    r"|[-–—]{1,2}\s*[A-Z][A-Za-z&.\- ]{1,30})$",
    re.DOTALL,
)
_BREADCRUMB = re.compile(r"^[^.!?]{1,120}(?:\s[>›»|/]\s[^.!?]{1,60})+$")
_TERMINAL = tuple(".!?:;\"”’'…)»")
_LEADING_QUOTE = tuple("\"“‘'«")
_HEADING_MAX_CHARS = 160
_HEADING_MAX_WORDS = 20
#: A paragraph of the article's prose: this many words at least, ending a sentence.
_PROSE_WORDS = 15
#: Paragraphs above the first prose paragraph from which on the text is taken for a page
#: pasted whole (menus, a headline, a standfirst, a byline and a date line above the body).
_PAGE_FRONT = 3
_DATEISH = re.compile(rf"(?:\b{_MONTH}\b.*\d|\d.*\b{_MONTH}\b)", re.IGNORECASE)
_PAGE_META = re.compile(
    r"^(?:by\s|published|updated|edited|last updated|posted|first published|"
    r"share\b|source\b|photo\b|image\b|file photo|\d{1,2}:\d{2})",
    re.IGNORECASE,
)
_COPYRIGHT_LINE = re.compile(r"(?:©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved)", re.I)
#: At most this many words in a closing line that the tail rules may drop.
_TAIL_WORDS = 25


@dataclass(frozen=True)
class ParsedArticle:
    """The parts of one article, as found by :func:`parse_article`.

    Attributes
    ----------
    headline : str
        The first paragraph after navigation debris; ``""`` when the text has one paragraph.
    lede : str
        Standfirst or summary paragraph(s) between headline and dateline; ``""`` if none.
    dateline : str
        The dateline as written (``"LATAKIA, February 16. /TASS/."``), or ``""``.
    dateline_place : str
        Its place, capitalised as a name (``"Latakia"``), or ``""``.
    dateline_date : str
        Its month and day as written (``"February 16"``); the year is rarely given.
    dateline_agency : str
        The agency named in it (``"TASS"``), or ``""``.
    subheadings : tuple of str
        Short unpunctuated paragraphs between body paragraphs.
    body : str
        Body paragraphs without the dateline and without subheadings, joined by blank lines.
    credit : str
        A closing credit paragraph ("Source: SANA", "(Reporting by ...)"), or ``""``.
    text : str
        The article without debris, dateline or credit: headline, lede, then the body with
        its subheadings in place, paragraphs joined by blank lines.
    debris : tuple of str
        The navigation or sharing paragraphs that were removed.
    """

    headline: str = ""
    lede: str = ""
    dateline: str = ""
    dateline_place: str = ""
    dateline_date: str = ""
    dateline_agency: str = ""
    subheadings: tuple[str, ...] = field(default_factory=tuple)
    body: str = ""
    credit: str = ""
    text: str = ""
    debris: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """Return the parts as a plain dict (tuples kept as tuples)."""
        return asdict(self)


def _paragraphs(raw: str) -> list[str]:
    """Split text into paragraphs: blank-line blocks, and lines within a block.

    Lines inside a block are separate paragraphs unless the text is hard-wrapped: a line
    with no terminal punctuation followed by a line starting in lower case is joined to it.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    paragraphs: list[str] = []
    for block in re.split(r"\n[ \t\u00a0]*\n", text):
        current = ""
        for line in block.split("\n"):
            line = line.strip()
            if not line:
                continue
            if current and not current.endswith(_TERMINAL) and line[:1].islower():
                current = f"{current} {line}"
            else:
                if current:
                    paragraphs.append(current)
                current = line
        if current:
            paragraphs.append(current)
    return paragraphs


def _is_debris(paragraph: str, debris: frozenset[str]) -> bool:
    key = paragraph.strip(" \t.:;|-–—•·»›>").casefold()
    return key in debris or bool(_BREADCRUMB.match(paragraph) and len(paragraph) < 160)


def _is_prose(paragraph: str) -> bool:
    return bool(match_dateline(paragraph)) or (
        len(paragraph.split()) >= _PROSE_WORDS and paragraph.endswith(_TERMINAL)
    )


def _headline_like(paragraph: str, debris: frozenset[str]) -> bool:
    """A headline of a page: 4 to 25 words, not ending in a full stop, not a date line,
    a byline or a menu entry."""
    n = len(paragraph.split())
    return (
        4 <= n <= 25
        and not paragraph.endswith((".", ":", ";"))
        and (paragraph[:1].isupper() or paragraph[:1].isdigit() or paragraph[:1] in "\"“‘'«")
        and not (n <= 8 and _DATEISH.search(paragraph))
        and not _PAGE_META.match(paragraph)
        and not _is_debris(paragraph, debris)
    )


def _page_front(paras: list[str], debris: frozenset[str]) -> tuple[list[str], list[str], int]:
    """A page pasted whole: the menus, date and byline lines above the first prose
    paragraph are debris; the headline is the last headline-like paragraph there, and
    sentence paragraphs after it (a standfirst) are kept: the paragraphs from the
    headline on, those removed, and how many standfirst paragraphs follow the headline."""
    first = next((i for i, p in enumerate(paras) if _is_prose(p)), None)
    if first is None or first < _PAGE_FRONT:
        return paras, [], 0
    front = paras[:first]
    candidates = [i for i, p in enumerate(front) if _headline_like(p, debris)]
    if not candidates:
        return paras, [], 0
    h = candidates[-1]
    kept = [
        p
        for p in front[h + 1 :]
        if p.endswith(_TERMINAL) and len(p.split()) >= 6 and not _PAGE_META.match(p)
    ]
    dropped = [p for i, p in enumerate(front) if i != h and p not in kept]
    return [front[h], *kept, *paras[first:]], dropped, len(kept)


def _closing_furniture(paragraph: str) -> bool:
    """A line after the body that belongs to the page: a short line without a sentence's
    end (share buttons, related headlines, editors' initials), a copyright line, or one
    naming sharing, subscribing or the outlet's standards."""
    n = len(paragraph.split())
    if n > _TAIL_WORDS or _CREDIT.match(paragraph):
        return False
    if not paragraph.endswith(_TERMINAL) or _COPYRIGHT_LINE.search(paragraph):
        return True
    return bool(boilerplate_patterns()["furniture"].search(paragraph))


def _page_tail(paras: list[str]) -> tuple[list[str], list[str]]:
    """Closing furniture after the last sentence of the article (a paragraph of five
    words or more ending a sentence that is not furniture itself; see
    :func:`_closing_furniture`), credit lines kept for the credit rule. Only a page with a
    prose paragraph (:func:`_is_prose`) is looked at."""
    if not any(_is_prose(p) for p in paras):
        return paras, []
    last = max(
        (
            i
            for i, p in enumerate(paras)
            if p.endswith(_TERMINAL) and len(p.split()) >= 5 and not _closing_furniture(p)
        ),
        default=None,
    )
    if last is None:
        return paras, []
    kept, dropped = paras[: last + 1], list[str]()
    for p in paras[last + 1 :]:
        (dropped if _closing_furniture(p) else kept).append(p)
    return kept, dropped


def _is_heading(paragraph: str) -> bool:
    return (
        not paragraph.endswith(_TERMINAL)
        and not paragraph.startswith(_LEADING_QUOTE)
        and len(paragraph) <= _HEADING_MAX_CHARS
        and len(paragraph.split()) <= _HEADING_MAX_WORDS
        and (paragraph[:1].isupper() or paragraph[:1].isdigit())
    )


def _place_name(place: str) -> str:
    """``"DEIR EZ-ZOR, Syria"`` -> ``"Deir Ez-Zor"``: the first comma part, capitalised."""
    first = place.split(",")[0].strip()
    if not first.isupper():
        return first
    return re.sub(r"[A-Za-z]+", lambda m: m.group(0).capitalize(), first.lower())


def match_dateline(paragraph: str) -> re.Match[str] | None:
    for pattern in _DATELINE_PATTERNS:
        match = pattern.match(paragraph)
        # A dateline is followed by text in the same paragraph.
        if match and match.end() < len(paragraph):
            return match
    return None


def parse_article(
    raw: str,
    *,
    debris: Iterable[str] | None = None,
    max_front_paragraphs: int = 6,
) -> ParsedArticle:
    """Split raw scraped article text into its parts.

    Parameters
    ----------
    raw : str
        The article as scraped or copied from its web page. Any line endings.
    debris : iterable of str, optional
        Extra whole-paragraph navigation strings to remove (case-insensitive), added to
        :data:`DEFAULT_DEBRIS`.
    max_front_paragraphs : int, default 6
        How many paragraphs after the headline are searched for the dateline.

    Returns
    -------
    ParsedArticle
        Headline, lede, dateline (with place, month/day and agency), subheadings, body,
        credit, the cleaned ``text`` and the removed ``debris``.

    Raises
    ------
    TypeError
        If ``raw`` is not a string.

    Notes
    -----
    The rules, in order:

    1. Paragraphs are blank-line blocks; lines inside a block are paragraphs of their own
       unless hard-wrapped (see ``_paragraphs``).
    2. Leading and trailing paragraphs that are navigation debris (a known phrase such as
       "All news" or "Read more", or a breadcrumb "Home > World") are removed.
       A page pasted whole has three paragraphs or more above its first prose paragraph
       (a dateline, or 15 words or more ending a sentence): there the headline is the
       last headline-like paragraph (4 to 25 words, no final full stop, not a date line,
       byline or menu entry), sentence paragraphs after it form the lede (standfirst),
       and the menus, dates and bylines above the prose are debris. After the article's
       last sentence, short lines without a sentence's end (share buttons, related
       headlines), copyright lines and lines naming sharing, subscribing or the outlet's
       standards (``lexicons/furniture.yaml``) are debris; credit lines stay for rule 6.
    3. The dateline is looked for at the start of the first ``max_front_paragraphs``
       paragraphs after the first. Recognised forms: ``PLACE, Month D. /AGENCY/.``,
       ``PLACE[, Country][, Month D] (Agency) -``, ``Place, AGENCY -`` and
       ``PLACE[, Country] —``. The rest of that paragraph is the first body paragraph.
    4. The first paragraph is the headline. Paragraphs between it and the dateline form
       the lede. Without a dateline, the second paragraph is the lede only when it is a
       standfirst: no terminal punctuation and longer than 60 characters.
    5. After that, a paragraph is a subheading when it has no terminal punctuation, does not
       open with a quotation mark, has at most 20 words and 160 characters, and is not the
       last paragraph.
    6. A last paragraph that is a credit ("Source: SANA", "(Reporting by ...)", "-- Reuters")
       is moved to ``credit``.

    Examples
    --------
    >>> raw = ("All news\\n\\nRussian jets strike targets in Syria\\n\\n"
    ...        "DAMASCUS, March 3. /TASS/. Aircraft made 40 sorties, the ministry said.\\n\\n"
    ...        "Ceasefire holds\\n\\nThe truce held in the south, it added.")
    >>> art = parse_article(raw)
    >>> art.headline
    'Russian jets strike targets in Syria'
    >>> art.dateline, art.dateline_place, art.dateline_date, art.dateline_agency
    ('DAMASCUS, March 3. /TASS/.', 'Damascus', 'March 3', 'TASS')
    >>> art.subheadings
    ('Ceasefire holds',)
    >>> print(art.body)
    Aircraft made 40 sorties, the ministry said.
    <BLANKLINE>
    The truce held in the south, it added.
    >>> art.debris
    ('All news',)
    """
    if not isinstance(raw, str):
        raise TypeError(
            f"parse_article() expects the article text as str, got {type(raw).__name__}"
        )
    debris_set = DEFAULT_DEBRIS | {d.strip().casefold() for d in (debris or ())}
    paras = _paragraphs(raw)
    removed: list[str] = []
    while paras and _is_debris(paras[0], debris_set):
        removed.append(paras.pop(0))
    trailing: list[str] = []
    while len(paras) > 1 and _is_debris(paras[-1], debris_set):
        trailing.insert(0, paras.pop())
    removed.extend(trailing)
    paras, front, standfirst = _page_front(paras, debris_set)
    paras, tail = _page_tail(paras)
    removed.extend(front + tail)
    if not paras:
        return ParsedArticle(debris=tuple(removed))

    credit = ""
    if len(paras) > 2 and _CREDIT.match(paras[-1]) and len(paras[-1]) <= 200:
        credit = paras.pop()

    headline = paras[0] if len(paras) > 1 else ""
    rest = paras[1:] if len(paras) > 1 else paras[:]

    dateline_idx = None
    match = None
    for i, para in enumerate(rest[:max_front_paragraphs]):
        match = match_dateline(para)
        if match:
            dateline_idx = i
            break

    dateline = place = date = agency = ""
    if dateline_idx is not None and match is not None:
        lede_paras = rest[:dateline_idx]
        first_body = rest[dateline_idx][match.end() :].strip()
        dateline = match.group(0).strip()
        dateline = dateline.rstrip(" -–—:")
        place = _place_name(match.group("place"))
        date = (match.groupdict().get("date") or "").strip()
        agency = (match.groupdict().get("agency") or "").strip()
        body_paras = [first_body, *rest[dateline_idx + 1 :]]
    elif headline and standfirst and len(rest) > standfirst:
        lede_paras = rest[:standfirst]
        body_paras = rest[standfirst:]
    elif headline and len(rest) > 1 and not rest[0].endswith(_TERMINAL) and len(rest[0]) > 60:
        lede_paras = rest[:1]
        body_paras = rest[1:]
    else:
        lede_paras = []
        body_paras = rest

    subheadings: list[str] = []
    plain: list[str] = []
    for i, para in enumerate(body_paras):
        if 0 < i < len(body_paras) - 1 and _is_heading(para):
            subheadings.append(para)
        else:
            plain.append(para)

    lede = "\n\n".join(lede_paras)
    parts = [p for p in (headline, lede) if p] + body_paras
    return ParsedArticle(
        headline=headline,
        lede=lede,
        dateline=dateline,
        dateline_place=place,
        dateline_date=date,
        dateline_agency=agency,
        subheadings=tuple(subheadings),
        body="\n\n".join(plain),
        credit=credit,
        text="\n\n".join(parts),
        debris=tuple(removed),
    )
