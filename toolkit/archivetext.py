"""What the archive importers share: the paragraphs of a DOCX, RTF, HTML or plain-text
export, and the dates of the archives' date lines in the languages of their interfaces.

:mod:`toolkit.nexis` and :mod:`toolkit.factiva` cut the paragraphs into documents;
:mod:`toolkit.webpages` reads saved pages. Input floor: it reads files the user named and
nothing else (a DOCX is a zip file: only its ``word/document.xml`` is read, with a size
limit, and no external entity or link in it is followed).
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from lxml import etree
from striprtf.striprtf import rtf_to_text

from toolkit.errors import CorpusError, problem
from toolkit.files import read_text
from toolkit.wordlists import inventory_lists

__all__ = [
    "DOCX_LIMIT",
    "archive_date",
    "date_and_rest",
    "docx_paragraphs",
    "language_code",
    "numbered_records",
    "plain_paragraphs",
    "rtf_paragraphs",
    "squeeze",
]

T = TypeVar("T")

#: The most bytes of ``word/document.xml`` read from a DOCX export (a zip bomb guard):
#: 200 MB, far above the largest Nexis Uni export (about 100 documents, a few MB).
DOCX_LIMIT = 200_000_000

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def squeeze(text: str) -> str:
    """``text`` with runs of spaces (no-break spaces included) as one space, stripped.

    Examples
    --------
    >>> squeeze("  Length:\\u00a0 355 words ")
    'Length: 355 words'
    """
    return _SPACE.sub(" ", text).strip()


def _hard_wrapped(lines: list[str]) -> bool:
    """Whether a text's lines were cut at a fixed width (LexisNexis Academic wraps at about
    80 characters; a Nexis Uni text export writes a paragraph a line): most long lines
    end near one width, and none is much longer."""
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    long = [n for n in lengths if n >= 50]
    if len(long) < 5:
        return True  # too few to tell: joining lines is the safe reading of a short text
    widest = max(long)
    return widest <= 100 and sum(n >= widest - 20 for n in long) >= 0.8 * len(long)


def plain_paragraphs(text: str) -> list[str]:
    """The paragraphs of a plain-text export, each squeezed: in a hard-wrapped text
    (LexisNexis Academic), runs of non-blank lines joined with spaces, a blank line ending
    a paragraph; otherwise (Nexis Uni) every line is a paragraph.

    Examples
    --------
    >>> plain_paragraphs("BYLINE: A\\n\\nFirst line\\nwrapped.\\r\\n\\r\\nNext.")
    ['BYLINE: A', 'First line wrapped.', 'Next.']
    """
    all_lines = text.replace("\ufeff", "").splitlines()
    if not _hard_wrapped(all_lines):
        return [squeeze(line) for line in all_lines]
    paragraphs, lines = [], []
    for line in all_lines:
        if line.strip():
            lines.append(line.strip())
        elif lines:
            paragraphs.append(squeeze(" ".join(lines)))
            lines = []
    if lines:
        paragraphs.append(squeeze(" ".join(lines)))
    return paragraphs


def docx_paragraphs(path: Path) -> list[str]:
    """The paragraphs of a Word file's body, in order (tables' paragraphs included, as
    Word shows them), each squeezed; an empty paragraph is ``""``. A line break inside a
    paragraph becomes a paragraph break (Nexis Uni puts "End of Document" behind one).

    Raises
    ------
    CorpusError
        Naming the file, when it is not a Word file, is damaged or is too large.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > DOCX_LIMIT:
                raise CorpusError(
                    f"{path}: word/document.xml holds {info.file_size:,} bytes, over the "
                    f"limit of {DOCX_LIMIT:,}"
                )
            xml = archive.read(info)
    except KeyError:
        raise CorpusError(f"{path}: not a Word file (no word/document.xml inside)") from None
    except zipfile.BadZipFile as err:
        raise CorpusError(f"{path}: not a Word (.docx) file or damaged ({err})") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as err:
        raise CorpusError(f"{path}: the Word file's text is damaged ({err})") from None
    paragraphs: list[str] = []
    for para in root.iter(f"{_W}p"):
        parts: list[str] = []
        for node in para.iter(f"{_W}t", f"{_W}br", f"{_W}cr", f"{_W}tab"):
            if node.tag == f"{_W}t":
                parts.append(node.text or "")
            elif node.tag == f"{_W}tab":
                parts.append(" ")
            else:
                parts.append("\n")
        paragraphs.extend(squeeze(p) for p in "".join(parts).split("\n"))
    return paragraphs


def rtf_paragraphs(path: Path, encoding: str = "utf-8", limit: int | None = None) -> list[str]:
    """The paragraphs of an RTF export (its text by ``striprtf``), one per line, each
    squeezed; an empty line is ``""``."""
    raw = read_text(path, encoding, limit)
    if not raw.lstrip().startswith("{\\rtf"):
        raise CorpusError(f"{path}: not an RTF file (it does not start with '{{\\rtf')")
    try:
        text = rtf_to_text(raw, errors="replace")
    except Exception as err:  # striprtf raises bare errors on malformed input
        raise CorpusError(f"{path}: the RTF file cannot be read ({err})") from None
    return [squeeze(line) for line in text.splitlines()]


# ------------------------------------------------------------------------------- dates


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word.lower().rstrip("."))


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    months: dict[str, int] = {}
    for names in inventory_lists("months", "months").values():
        for number, name in enumerate(names, start=1):
            months[_fold(name)] = number
    return months


@lru_cache(maxsize=1)
def _date_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    names = "|".join(sorted(map(re.escape, _months()), key=len, reverse=True))
    month_first = re.compile(
        rf"(?<![\w])(?P<month>{names})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
        rf"(?P<year>\d{{4}})(?!\d)",
        re.IGNORECASE,
    )
    day_first = re.compile(
        rf"(?<![\w\d])(?P<day>\d{{1,2}})(?:\.|er|º)?\s+(?:de\s+)?(?P<month>{names})\.?\s+"
        rf"(?:de\s+)?(?P<year>\d{{4}})(?!\d)",
        re.IGNORECASE,
    )
    iso = re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)")
    return month_first, day_first, iso


def archive_date(line: str, *, at_start: bool = False) -> str | None:
    """The date of an archive's date line as ``YYYY-MM-DD``, or None when the line holds
    no date. Month names of the archives' interface languages (``inventories/months.yaml``)
    are read in either order; a weekday, a time or an edition after the date is ignored.
    With ``at_start``, only a date that opens the line counts (a date line, not a title
    that mentions a date).

    Examples
    --------
    >>> archive_date("January 11, 2010 Monday")
    '2010-01-11'
    >>> archive_date("July 1, 2019 Monday 9:20 AM GMT")
    '2019-07-01'
    >>> archive_date("29 décembre 2011"), archive_date("1. Juli 2019 Montag")
    ('2011-12-29', '2019-07-01')
    >>> archive_date("11 de enero de 2010"), archive_date("2016-02-16")
    ('2010-01-11', '2016-02-16')
    >>> archive_date("Lorem ipsum dolor sit amet") is None
    True
    >>> archive_date("Talks on January 11, 2010 fail", at_start=True) is None
    True
    """
    found = date_and_rest(line, at_start=at_start)
    return found[0] if found else None


def date_and_rest(line: str, *, at_start: bool = False) -> tuple[str, str] | None:
    """The date of a date line (as :func:`archive_date`) and what follows it on the line
    (weekday, time, edition), or None.

    Examples
    --------
    >>> date_and_rest("January 11, 2010 Monday Edition 1; Scotland")
    ('2010-01-11', 'Monday Edition 1; Scotland')
    """
    month_first, day_first, iso = _date_patterns()
    for pattern in (month_first, day_first, iso):
        found = pattern.search(line)
        if not found or (at_start and line[: found.start()].strip()):
            continue
        month = found["month"]
        number = int(month) if month.isdigit() else _months()[_fold(month)]
        day, year = int(found["day"]), int(found["year"])
        if 1 <= number <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{number:02d}-{day:02d}", line[found.end() :].strip()
    return None


@lru_cache(maxsize=1)
def _languages() -> dict[str, str]:
    return {
        _fold(name): code
        for code, names in inventory_lists("languages", "languages").items()
        for name in names
    }


def language_code(name: str | None) -> str | None:
    """The ISO 639-1 code of a language as an archive names it (``inventories/
    languages.yaml``); a two-letter code is kept; None for a name not listed.

    Examples
    --------
    >>> language_code("ENGLISH"), language_code("Français"), language_code("de")
    ('en', 'fr', 'de')
    >>> language_code("Klingon") is None
    True
    """
    if not name:
        return None
    folded = _fold(name.strip().split(";")[0].split(",")[0].strip())
    if re.fullmatch(r"[a-z]{2}", folded):
        return folded
    return _languages().get(folded)


def numbered_records(
    parts: Sequence[T], read: Callable[[T], dict[str, Any] | str], path: Path, noun: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The records of an export's documents, numbered from 1 in file order: ``read``
    gives a document's record or why it cannot be read (a problem naming the file and
    the ``noun`` and number). A record keeps its own doc_id, else gets
    ``<file stem>-<number>``; ``source_row`` is its number.

    Examples
    --------
    >>> read = lambda part: {"text": part} if part else "empty"
    >>> records, problems = numbered_records(["a", ""], read, Path("x.docx"), "document")
    >>> records, problems[0]["problem"]
    ([{'text': 'a', 'source_row': 1, 'doc_id': 'x-0001'}], 'document 2: empty')
    """
    records, problems = [], []
    for number, part in enumerate(parts, start=1):
        record = read(part)
        if isinstance(record, str):
            problems.append(problem(path.name, f"{noun} {number}: {record}", number))
            continue
        record["source_row"] = number
        if not record.get("doc_id"):
            record["doc_id"] = f"{path.stem}-{number:04d}"
        records.append(record)
    return records, problems
