"""Nexis Uni and LexisNexis Academic exports: many documents per file, one article each.

Two layouts, read from the paragraphs of a DOCX, RTF or TXT export
(:mod:`toolkit.archivetext`):

* **LexisNexis Academic** (the older interface): a request header, then each document
  opens with ``N of M DOCUMENTS``, the outlet, the date line (with edition lines), the
  headline, field lines (``BYLINE:``, ``SECTION:``, ``LENGTH:``, ``DATELINE:``), the body,
  closing fields (``LOAD-DATE:``, ``LANGUAGE:``, ``GRAPHIC:``, ``PUBLICATION-TYPE:``) and
  a copyright line.
* **Nexis Uni**: a cover page (date and time of the job, the number of documents, their
  titles and the search), then each document: the title, the outlet, the date line, a
  copyright line, fields (``Section:``, ``Length:``, ``Byline:``), ``Body``, the body,
  closing fields (``Load-Date:``, ``Language:``, ``Classification``...) and
  ``End of Document``.

Each document becomes one record: ``title, outlet, date`` (ISO, from the date line, in
the interface's language), ``text`` (the body alone), ``byline, section, length,
language`` (ISO 639-1), ``edition, dateline, load_date, publication_type, copyright``
when the export has them, and ``source_row``, the document's number in the file. A
document that cannot be read (no date line, no body) is a problem naming the file and
the document's number; documents found = records + problems.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from toolkit.archivetext import archive_date, date_and_rest, language_code, numbered_records
from toolkit.errors import CorpusError, problem

__all__ = ["NEXIS_FIELDS", "is_nexis", "nexis_records"]

#: Field lines before the body (any case) and after it; a field line is ``Name: value``
#: (``Body`` and ``Classification`` stand alone in Nexis Uni).
HEAD_FIELDS = frozenset({"byline", "section", "length", "dateline", "highlight", "body"})
TAIL_FIELDS = frozenset(
    {
        "load-date",
        "language",
        "publication-type",
        "graphic",
        "journal-code",
        "type",
        "document-type",
        "subject",
        "industry",
        "geographic",
        "person",
        "organization",
        "company",
        "ticker",
        "notes",
        "correction",
        "correction-date",
        "update",
        "series",
        "distribution",
        "classification",
        "url",
        "acc-no",
        "terms",
    }
)
#: The fields kept as metadata columns (the others, such as subject codes, are dropped).
NEXIS_FIELDS = (
    "byline",
    "section",
    "length",
    "dateline",
    "load_date",
    "publication_type",
    "edition",
    "copyright",
)

_FIELD = re.compile(r"^(?P<name>[A-Za-z][A-Za-z\-]*(?: [A-Za-z\-]+)?)\s*:\s*(?P<value>.*)$")
_ALONE = re.compile(r"^(?P<name>body|classification)$", re.IGNORECASE)
_OLD_MARK = re.compile(r"^(?P<n>\d+)\s+of\s+(?P<m>\d+)\s+DOCUMENTS?$", re.IGNORECASE)
_END = re.compile(r"^end of document$", re.IGNORECASE)
_COVER_COUNT = re.compile(r"^Documents\s*\((?P<m>\d+)\)$", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^(?:copyright\b|\(c\)|©)", re.IGNORECASE)
_WEEKDAY_TIME = re.compile(
    r"^(?:[^\W\d]+\b\.?)?[ ,;]*(?:\d{1,2}[:.]\d{2}(?:\s*[AP]M)?(?:\s+[A-Z]{2,5})?)?",
    re.IGNORECASE,
)
_LONG_TAIL = 400  # a closing field is never followed by a paragraph this long


def _field(paragraph: str) -> tuple[str, str] | None:
    alone = _ALONE.match(paragraph)
    if alone:
        return alone["name"].lower(), ""
    found = _FIELD.match(paragraph)
    if not found:
        return None
    name = found["name"].lower()
    if name in HEAD_FIELDS or name in TAIL_FIELDS:
        return name, found["value"].strip()
    return None


def is_nexis(paragraphs: Sequence[str]) -> bool:
    """Whether paragraphs read from a file are a Nexis Uni or LexisNexis export: a
    ``N of M DOCUMENTS`` line, or ``End of Document`` with field lines before it."""
    if any(_OLD_MARK.match(p) for p in paragraphs[:5000]):
        return True
    ends = [i for i, p in enumerate(paragraphs) if _END.match(p)]
    return bool(ends) and any(_field(p) for p in paragraphs[: ends[0]])


def _split(paragraphs: list[str]) -> tuple[list[list[str]], int | None]:
    """The documents' paragraphs, and the number of documents the export declares."""
    docs: list[list[str]]
    declared: int | None
    marks = [i for i, p in enumerate(paragraphs) if _OLD_MARK.match(p)]
    if marks:
        bounds = [*marks, len(paragraphs)]
        found = _OLD_MARK.match(paragraphs[marks[0]])
        docs = [paragraphs[a + 1 : b] for a, b in itertools.pairwise(bounds)]
        return docs, int(found["m"]) if found else None
    declared = None
    for p in paragraphs[:2000]:
        count = _COVER_COUNT.match(p)
        if count:
            declared = int(count["m"])
            break
    docs = []
    current: list[str] = []
    for p in paragraphs:
        if _END.match(p):
            docs.append(current)
            current = []
        else:
            current.append(p)
    if any(_field(p) for p in current):  # a last document without its closing line
        docs.append(current)
    return docs, declared


def _tail_start(items: list[str], start: int) -> int:
    """Where the closing fields begin: the first closing field after which no long
    non-field paragraph follows (a body paragraph may begin like a field)."""
    for i in range(start, len(items)):
        field = _field(items[i])
        if field and field[0] in TAIL_FIELDS:
            rest = items[i + 1 :]
            if all(_field(p) or len(p) < _LONG_TAIL for p in rest):
                return i
    return len(items)


def _document(paragraphs: list[str]) -> dict[str, Any] | str:
    """One document's record, or why it cannot be read."""
    items = [p for p in paragraphs if p]
    first = next((i for i, p in enumerate(items) if _field(p)), None)
    if first is None:
        return "no field lines (Byline, Section, Length or Body): not a document of the export"
    header = items[:first]
    d = next((i for i, p in enumerate(header) if archive_date(p, at_start=True)), None)
    if d is None:
        return "no date line before the field lines"
    record: dict[str, Any] = {"date": archive_date(header[d], at_start=True)}
    after = [p for p in header[d + 1 :] if not _COPYRIGHT.match(p)]
    copyright_lines = [p for p in header[d + 1 :] if _COPYRIGHT.match(p)]
    if d >= 2:  # Nexis Uni: title, outlet, date (what comes before is the cover page)
        record["title"], record["outlet"] = header[d - 2], header[d - 1]
        after_title = after
    else:  # LexisNexis Academic: outlet, date (and edition), title
        record["outlet"] = header[0] if d == 1 else None
        record["title"] = " ".join(after) or None
        after_title = []
    rest = (date_and_rest(header[d], at_start=True) or ("", ""))[1]
    edition = _WEEKDAY_TIME.sub("", rest).strip(" ;,")
    if edition:
        record["edition"] = edition
    body: list[str] = []
    tail = _tail_start(items, first)
    in_body = False
    for p in items[first:tail]:
        field = None if in_body else _field(p)
        if field is None:
            in_body = True
            body.append(p)
        elif field[0] == "body":
            in_body = True
        elif field[0] != "classification":
            record.setdefault(field[0].replace("-", "_"), field[1])
    for p in items[tail:]:
        field = _field(p)
        if field:
            record.setdefault(field[0].replace("-", "_"), field[1])
        elif _COPYRIGHT.match(p):
            copyright_lines.append(p)
    if copyright_lines:
        record["copyright"] = " ".join(copyright_lines)
    body = after_title + body
    if not body:
        return "no body text after the field lines"
    record["text"] = "\n\n".join(body)
    record["language"] = language_code(record.get("language"))
    return {k: v for k, v in record.items() if k in _COLUMNS}


_COLUMNS = frozenset({"title", "outlet", "date", "text", "language", *NEXIS_FIELDS})


def nexis_records(
    paragraphs: list[str], path: Path
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Records of the documents of a Nexis Uni or LexisNexis export (its paragraphs, as
    read by :mod:`toolkit.archivetext`), and a problem for each document that cannot be
    read or that the export declares but does not hold.

    Examples
    --------
    >>> paragraphs = ["1 of 1 DOCUMENT", "The Times (London)", "January 11, 2010 Monday",
    ...               "Troops return", "BYLINE: Tom Coghlan", "LENGTH: 4 words",
    ...               "Troops came home today.", "LOAD-DATE: January 11, 2010",
    ...               "LANGUAGE: ENGLISH"]
    >>> records, problems = nexis_records(paragraphs, Path("export.TXT"))
    >>> {k: records[0][k] for k in ("title", "outlet", "date", "byline", "language")}
    {'title': 'Troops return', 'outlet': 'The Times (London)', 'date': '2010-01-11', \
'byline': 'Tom Coghlan', 'language': 'en'}
    >>> records[0]["text"], problems
    ('Troops came home today.', [])
    """
    docs, declared = _split(paragraphs)
    if not docs:
        raise CorpusError(
            f"{path}: no document found: a Nexis Uni export ends each with 'End of "
            "Document', a LexisNexis one opens each with 'N of M DOCUMENTS'"
        )
    records, problems = numbered_records(docs, _document, path, "document")
    if declared is not None and declared > len(docs):
        problems.append(
            problem(
                path.name,
                f"the export declares {declared} documents but holds {len(docs)}: "
                f"documents {len(docs) + 1}-{declared} are missing (a truncated file?)",
            )
        )
    return records, problems
