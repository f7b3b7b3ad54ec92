"""Factiva exports: the article format's HTML and RTF (field codes) and the XML export.

In the article format each article is a list of fields under two- or three-letter codes
(``HD`` headline, ``BY`` byline, ``WC`` word count, ``PD`` publication date, ``ET`` time,
``SN`` source name, ``SC`` source code, ``LA`` language, ``CY`` copyright, ``LP`` lead
paragraphs, ``TD`` text, ``AN`` accession number, closing the article; ``NS``, ``RE``,
``IN``, ``CO``, ``IPC`` subject codes...). HTML exports put each article in a table of
code and value cells; RTF exports write the same rows as lines. Each article becomes one
record: ``title`` (HD), ``outlet`` (SN), ``date`` (PD, in the interface's language),
``text`` (LP then TD, paragraph by paragraph), ``byline, section, edition, word_count,
language, copyright, source_code`` and ``doc_id``, the accession number. An article
without a headline, a date or a text is a problem naming the file and the article's
number; articles found = records + problems.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import lxml.html
from lxml import etree

from toolkit.archivetext import archive_date, language_code, numbered_records, squeeze
from toolkit.errors import CorpusError

__all__ = ["FACTIVA_CODES", "factiva_html_records", "factiva_rtf_records", "factiva_xml_records"]

#: Field codes of Factiva's article format (those an importer must recognise as fields).
FACTIVA_CODES = frozenset(
    "SE HD BY CR WC PD ET SN SC ED PG VOL CLM LA CY LP TD CT RF ART CO IN NS RE IPD IPC PUB "
    "AN NGC GC".split()
)
_KEEP = {
    "HD": "title",
    "SN": "outlet",
    "BY": "byline",
    "SE": "section",
    "ED": "edition",
    "WC": "word_count",
    "CY": "copyright",
    "SC": "source_code",
}
_RTF_FIELD = re.compile(r"^(?P<code>[A-Z]{2,3})(?:\s*\|\s*|\s+|$)(?P<value>.*)$")


def _record(fields: list[tuple[str, list[str]]]) -> dict[str, Any] | str:
    """One article's record from its (code, paragraphs) fields, or why it cannot be read."""
    first: dict[str, list[str]] = {}
    for code, paragraphs in fields:
        first.setdefault(code, paragraphs)
    record: dict[str, Any] = {
        column: " ".join(first[code]) or None for code, column in _KEEP.items() if code in first
    }
    body = [p for code in ("LP", "TD") for p in first.get(code, []) if p]
    if not record.get("title"):
        return "no headline (HD)"
    date = archive_date(" ".join(first.get("PD", [])))
    if date is None:
        return f"no readable date (PD: {' '.join(first.get('PD', [])) or 'missing'!r})"
    if not body:
        return "no text (LP or TD)"
    record["date"] = date
    record["text"] = "\n\n".join(body)
    record["language"] = language_code(" ".join(first.get("LA", [])))
    accession = " ".join(first.get("AN", []))
    record["doc_id"] = re.sub(r"^Document\s+", "", accession).strip() or None
    return record


def factiva_html_records(
    html: str, path: Path
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Records of the articles of a Factiva HTML export (one ``div.article`` each, a table
    of code and value cells), and a problem for each article that cannot be read.

    Examples
    --------
    >>> page = ('<div class="article enArticle"><table>'
    ...         '<tr><td class="index"><b>HD</b></td><td><b>Aid arrives</b></td></tr>'
    ...         '<tr><td class="index"><b>PD</b></td><td>16 February 2016</td></tr>'
    ...         '<tr><td class="index"><b>SN</b></td><td>TASS</td></tr>'
    ...         '<tr><td class="index"><b>TD</b></td><td><p>Trucks came.</p><p>More.</p></td></tr>'
    ...         '<tr><td class="index"><b>AN</b></td><td>Document TASS000020160216ec2g</td></tr>'
    ...         '</table></div>')
    >>> records, problems = factiva_html_records(page, Path("export.html"))
    >>> [records[0][k] for k in ("title", "outlet", "date", "text", "doc_id")]
    ['Aid arrives', 'TASS', '2016-02-16', 'Trucks came.\\n\\nMore.', 'TASS000020160216ec2g']
    """
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as err:
        raise CorpusError(f"{path}: not a readable HTML file ({err})") from None
    divs = root.xpath('//div[contains(concat(" ", normalize-space(@class), " "), " article ")]')
    if not divs:
        raise CorpusError(
            f'{path}: no Factiva article in it (no <div class="article">); export the '
            "articles from Factiva in 'Article Format' as HTML"
        )
    articles = []
    for div in divs:
        fields: list[tuple[str, list[str]]] = []
        for row in div.xpath(".//tr"):
            cells = row.xpath("./td")
            if len(cells) != 2:
                continue
            code = squeeze(cells[0].text_content())
            if code not in FACTIVA_CODES:
                continue
            paragraphs = cells[1].xpath(".//p")
            texts = [squeeze(p.text_content()) for p in paragraphs] if paragraphs else []
            if not texts:
                texts = [squeeze(cells[1].text_content())]
            fields.append((code, [t for t in texts if t]))
        articles.append(fields)
    return numbered_records(articles, _record, path, "article")


def factiva_rtf_records(
    lines: list[str], path: Path
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Records of the articles of a Factiva RTF export (its lines: a field code, alone or
    before its value, then the value's paragraphs; ``AN`` closes an article).

    Examples
    --------
    >>> lines = ["HD", "Aid arrives", "PD", "16 February 2016", "SN", "TASS", "LA",
    ...          "English", "TD", "Trucks came.", "", "More.", "AN", "Document X1"]
    >>> records, problems = factiva_rtf_records(lines, Path("export.rtf"))
    >>> [records[0][k] for k in ("title", "date", "language", "text", "doc_id")]
    ['Aid arrives', '2016-02-16', 'en', 'Trucks came.\\n\\nMore.', 'X1']
    """
    articles: list[list[tuple[str, list[str]]]] = []
    fields: list[tuple[str, list[str]]] = []
    for line in lines:
        found = _RTF_FIELD.match(line)
        if found and found["code"] in FACTIVA_CODES:
            value = found["value"].strip(" |")
            fields.append((found["code"], [value] if value else []))
            continue
        if fields and line.strip(" |"):
            fields[-1][1].append(line.strip(" |"))
        if fields and fields[-1][0] == "AN" and fields[-1][1]:
            articles.append(fields)
            fields = []
    if fields and any(code == "AN" for code, _ in fields):
        articles.append(fields)
    elif fields:
        articles.append(fields)  # an article cut off before its AN line: reported if unreadable
    if not articles:
        raise CorpusError(f"{path}: no Factiva article in it (no field lines such as HD, PD, AN)")
    return numbered_records(articles, _record, path, "article")


_NS = re.compile(r"^\{[^}]*\}")


def _local(tag: Any) -> str:
    return _NS.sub("", tag) if isinstance(tag, str) else ""


def factiva_xml_records(
    data: bytes, path: Path
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Records of the articles of a Factiva XML export (``<article>`` elements with
    ``headline``, ``leadParagraph``, ``tailParagraphs``, ``publicationDate``,
    ``sourceName``, ``baseLanguage``, ``accessionNo``...)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise CorpusError(f"{path}: not a readable XML file ({err})") from None
    articles = []
    for article in root.iter():
        if _local(article.tag) != "article":
            continue
        children = {_local(c.tag): c for c in article}

        def text_of(name: str, children: dict[str, Any] = children) -> list[str]:
            node = children.get(name)
            if node is None:
                return []
            paras = [c for c in node.iter() if _local(c.tag) == "paragraph"]
            found = [squeeze("".join(p.itertext())) for p in paras] or [
                squeeze("".join(node.itertext()))
            ]
            return [t for t in found if t]

        fields = [
            ("HD", text_of("headline")),
            ("SN", text_of("sourceName")),
            ("BY", text_of("byline")),
            ("SE", text_of("sectionName")),
            ("WC", text_of("wordCount")),
            ("CY", text_of("copyright")),
            ("PD", [d[:10] for d in text_of("publicationDate")]),
            ("LA", text_of("baseLanguage")),
            ("LP", text_of("leadParagraph")),
            ("TD", text_of("tailParagraphs")),
            ("AN", text_of("accessionNo")),
        ]
        articles.append(fields)
    if not articles:
        raise CorpusError(f"{path}: no Factiva <article> element in it")
    return numbered_records(articles, _record, path, "article")
