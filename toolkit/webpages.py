"""Saved web pages: one article per HTML file, its main text found by trafilatura.

trafilatura (Barbaresi 2021) finds a page's main text and its metadata; navigation,
cookie banners, related links, share buttons and footers are left out. Each page becomes
one record: ``title``, ``text`` (the main text, paragraph by paragraph, without the
headline repeated at its top), ``outlet`` (the site's name, else its host), ``date``
(the publication date, ``YYYY-MM-DD``), ``author`` and ``url`` (the canonical URL, else
the one a browser noted when saving the page). A page with no main text is a problem
naming the file; so is one whose main text has fewer than :data:`MIN_WORDS` words.

Barbaresi, A. (2021). Trafilatura: A web scraping library and command-line tool for text
discovery and extraction. Proceedings of ACL-IJCNLP 2021: System Demonstrations, 122-131.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

from toolkit.archivetext import squeeze
from toolkit.errors import problem

__all__ = [
    "FETCH_INDEX",
    "MIN_WORDS",
    "PAGE_SUFFIXES",
    "join_fetch_index",
    "page_record",
    "page_records",
]

#: The index ``toolkit fetch`` writes beside the pages it collects (:mod:`toolkit.fetch`):
#: a row per URL with its file, status and the URL list's metadata.
FETCH_INDEX = "fetched.csv"

#: Main text of fewer words than this is not an article (a menu the extractor kept).
MIN_WORDS = 10

#: The suffixes of saved pages in a folder.
PAGE_SUFFIXES = (".html", ".htm", ".xhtml")

_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(?P<url>\S+?)\s*-->", re.IGNORECASE)


def _extract(html: str) -> Any:
    # trafilatura is imported only here: it is heavy, and importing it adds urllib3's
    # warning filters process-wide, which catch_warnings takes back
    with warnings.catch_warnings():
        import trafilatura

        return trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
        )


def page_record(html: str, *, url: str | None = None) -> dict[str, Any] | str:
    """The record of one saved page, or why it has none.

    Examples
    --------
    >>> page = ('<html><head><title>Aid arrives | Example</title>'
    ...         '<meta property="og:site_name" content="Example News"></head><body>'
    ...         '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
    ...         '<article><h1>Aid arrives</h1><p>An aid convoy reached the besieged town of '
    ...         'Madaya on Monday, bringing food and medicine for forty thousand people, the '
    ...         'Red Cross said.</p><p>It was the first convoy to reach the town since '
    ...         'October, aid workers said.</p></article>'
    ...         '<footer>Share this story. All rights reserved.</footer></body></html>')
    >>> record = page_record(page)
    >>> record["title"], record["outlet"]
    ('Aid arrives', 'Example News')
    >>> record["text"].splitlines()[0][:30]
    'An aid convoy reached the besi'
    >>> "Home" in record["text"] or "Share" in record["text"]
    False
    """
    found = _extract(html)
    if found is None:
        return "no main text found in the page"
    get = found.get if isinstance(found, dict) else lambda k: getattr(found, k, None)
    lines = [squeeze(line) for line in (get("text") or "").splitlines()]
    lines = [line for line in lines if line]
    title = squeeze(get("title") or "") or None
    if lines and title and lines[0] == title:
        lines = lines[1:]  # the headline, repeated at the top of the main text
    n_words = sum(len(line.split()) for line in lines)
    if n_words < MIN_WORDS:
        return (
            f"no main text found in the page (only {n_words} word(s): "
            f"{' '.join(lines)[:60]!r}); a page of navigation, or one the extractor misreads"
        )
    saved = _SAVED_FROM.search(html[:4096])
    return {
        "title": title,
        "text": "\n\n".join(lines),
        "outlet": get("sitename") or get("hostname") or None,
        "date": get("date") or None,
        "author": get("author") or None,
        "url": get("url") or url or (saved["url"] if saved else None),
    }


def page_records(
    files: list[Path], root: Path, read: Any
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Records of saved pages (``read(file)`` gives a file's text), doc_id the path below
    ``root`` without its suffix, and a problem for each page that has no main text."""
    records, problems = [], []
    for file in files:
        rel = file.relative_to(root).as_posix()
        doc_id = rel[: -len(file.suffix)] if file.suffix else rel
        record = page_record(read(file))
        if isinstance(record, str):
            problems.append(problem(rel, record, doc_id=doc_id))
            continue
        record.update(doc_id=doc_id, source_file=rel)
        records.append(record)
    return records, problems


#: Metadata of a URL list that replaces what the page says (the list's outlet names and
#: dates are the ones a researcher sampled on).
_LIST_FIRST = ("title", "outlet", "date", "language")


def join_fetch_index(
    records: list[dict[str, Any]], index: list[dict[Any, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Pages joined to the ``fetched.csv`` rows ``toolkit fetch`` wrote: each page gets
    its row's URL and story id, and the list's title, outlet, date and language where the
    list has them; a URL that was not fetched is a problem naming its row, so that the
    URLs of the list = pages + problems.

    Examples
    --------
    >>> pages = [{"doc_id": "ab", "source_file": "ab.html", "title": "T", "outlet": "x.org",
    ...           "date": None, "text": "..."}]
    >>> index = [{"url": "https://x.org/1", "file": "ab.html", "status": "ok", "error": "",
    ...           "outlet": "X News", "date": "2016-02-16"},
    ...          {"url": "https://x.org/2", "file": "", "status": "failed",
    ...           "error": "HTTP 404 Not Found", "outlet": "X News", "date": ""}]
    >>> joined, problems = join_fetch_index(pages, index)
    >>> joined[0]["url"], joined[0]["outlet"], joined[0]["date"]
    ('https://x.org/1', 'X News', '2016-02-16')
    >>> problems[0]["problem"]
    'https://x.org/2: not fetched (failed: HTTP 404 Not Found)'
    """
    by_file = {row.get("file"): row for row in index if row.get("file")}
    for record in records:
        row = by_file.get(record.get("source_file"))
        if row is None:
            continue
        record["url"] = row.get("url") or record.get("url")
        if row.get("story_id"):
            record["story_id"] = row["story_id"]
        for column in _LIST_FIRST:
            if row.get(column):
                record[column] = row[column]
    problems = [
        problem(
            FETCH_INDEX,
            f"{row.get('url')}: not fetched ({row.get('status')}: {row.get('error') or '-'})",
            number,
        )
        for number, row in enumerate(index, start=1)
        if row.get("status") != "ok"
    ]
    return records, problems
