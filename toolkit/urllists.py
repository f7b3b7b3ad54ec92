"""URL lists: a Media Cloud export, a GDELT file, or any table or text file of URLs.

Media Cloud exports story lists as CSV (``id, publish_date, title, url, media_name,
media_url, language``...); GDELT's event and GKG files name each article's URL in
``SOURCEURL`` or ``DocumentIdentifier``; a plain ``.txt`` file may hold one URL a line.
:func:`load_url_list` reads any of them into one table of metadata, a row per URL:
``url``, and where the list has them ``title, outlet, date, language, story_id``.
``toolkit fetch`` (:mod:`toolkit.fetch`) collects the pages, which then load with their
metadata (:func:`toolkit.load_corpus` on the folder). A row without an ``http(s)`` URL,
or repeating one, is a problem naming the file and row: rows = URLs + problems.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from toolkit.errors import CorpusError, problem, problem_frame
from toolkit.files import read_text
from toolkit.readers import concat_batches, csv_batches

__all__ = ["URL_COLUMNS", "is_url_list", "load_url_list"]

#: The columns of a URL list, in order (``url`` always; the others where the list has them).
URL_COLUMNS = ("url", "story_id", "title", "outlet", "date", "language")

#: Input column -> URL-list column, for Media Cloud, GDELT and generic lists (first found).
_ALIASES: dict[str, tuple[str, ...]] = {
    "url": ("url", "sourceurl", "documentidentifier", "link", "story_url"),
    "story_id": ("stories_id", "id", "story_id", "globaleventid", "gkgrecordid"),
    "title": ("title", "headline"),
    "outlet": ("media_name", "source", "outlet", "sourcecommonname", "domain"),
    "date": ("publish_date", "date", "dateadded", "sqldate", "published"),
    "language": ("language", "lang"),
}


def _is_url(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def is_url_list(columns: list[str]) -> bool:
    """Whether a table's header is a URL list's: a URL column and no ``text`` column.

    Examples
    --------
    >>> is_url_list(["id", "publish_date", "title", "url", "media_name"])
    True
    >>> is_url_list(["doc_id", "text", "url"])
    False
    """
    lowered = {c.strip().lower() for c in columns}
    return "text" not in lowered and any(a in lowered for a in _ALIASES["url"])


def load_url_list(path: str | Path) -> pd.DataFrame:
    """Read a URL list (Media Cloud or GDELT CSV/TSV, any CSV with a ``url`` column, or a
    text file of one URL a line) into a table of metadata, a row per distinct URL.

    Parameters
    ----------
    path : str or Path
        The list. ``.csv`` and ``.tsv`` are tables with a header (Media Cloud's story
        lists; GDELT exports with ``SOURCEURL``, ``DocumentIdentifier`` or ``URL``);
        ``.txt`` holds one URL a line.

    Returns
    -------
    pandas.DataFrame
        Columns of :data:`URL_COLUMNS` (those the list has), ``source_row`` (the 1-based
        data row or line); ``attrs["problems"]``: a table of the rows left out (no http(s)
        URL, or a URL already listed), naming file and row.

    Raises
    ------
    CorpusError
        When the file has no URL column, naming the columns it has.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "mc.csv"
    >>> _ = p.write_text("id,publish_date,title,url,media_name,language\\n"
    ...                  "1,2016-02-16 10:00:00,Strikes,https://a.example/1,Example,en\\n"
    ...                  "2,2016-02-17,Talks,not a url,Example,en\\n")
    >>> urls = load_url_list(p)
    >>> urls[["url", "outlet", "date"]].to_dict("records")
    [{'url': 'https://a.example/1', 'outlet': 'Example', 'date': '2016-02-16'}]
    >>> urls.attrs["problems"]["problem"].tolist()
    ["no http(s) URL in the url column ('not a url')"]
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".txt":
        lines = read_text(path, "utf-8").splitlines()
        frame = pd.DataFrame({"url": lines, "source_row": range(1, len(lines) + 1)})
        frame = frame[frame["url"].str.strip() != ""]
    else:
        sep = "\t" if suffix in (".tsv", ".tab") else ","
        raw = concat_batches(csv_batches(path, sep=sep, encoding="utf-8"))
        frame = raw.frame
        if raw.problems:
            first = raw.problems[0]
            raise CorpusError(f"{path}, row {first['source_row']}: {first['problem']}")
    lowered = {c.strip().lower(): c for c in frame.columns}
    chosen: dict[str, str] = {}
    for name, aliases in _ALIASES.items():
        found = next((lowered[a] for a in aliases if a in lowered), None)
        if found is not None:
            chosen[name] = found
    if "url" not in chosen:
        raise CorpusError(
            f"{path}: no URL column; a URL list needs one of {', '.join(_ALIASES['url'])} "
            f"(columns: {', '.join(map(str, frame.columns))})"
        )
    table = pd.DataFrame({name: frame[column] for name, column in chosen.items()})
    table["url"] = table["url"].astype("string").str.strip()
    table["source_row"] = frame["source_row"].to_numpy()
    if "date" in table:
        dates = pd.to_datetime(table["date"], errors="coerce", format="mixed", utc=True)
        table["date"] = dates.dt.strftime("%Y-%m-%d").where(dates.notna(), None)
    problems = []
    seen: set[str] = set()
    keep = []
    for url, row in zip(table["url"].tolist(), table["source_row"].tolist(), strict=True):
        if not _is_url(url):
            problems.append(problem(path.name, f"no http(s) URL in the url column ({url!r})", row))
            keep.append(False)
        elif url in seen:
            problems.append(problem(path.name, f"URL listed again ({url})", row))
            keep.append(False)
        else:
            seen.add(url)
            keep.append(True)
    table = table[keep].reset_index(drop=True)
    columns = [c for c in URL_COLUMNS if c in table] + ["source_row"]
    table = table[columns]
    table.attrs["problems"] = problem_frame(problems)
    table.attrs["source"] = str(path)
    return table
