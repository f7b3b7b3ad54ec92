"""Collect the pages of a URL list, politely: ``toolkit fetch URLS -o PAGES/``.

For each URL of a Media Cloud, GDELT or plain URL list (:func:`toolkit.urllists.
load_url_list`), :func:`fetch_pages`

* asks the site's ``robots.txt`` first (RFC 9309: a missing file allows everything, an
  unreachable one or a server error forbids everything) and honours its ``Crawl-delay``;
* waits ``delay`` seconds (default 2) between two requests to the same host;
* names itself in the ``User-Agent`` (the toolkit, its version, and your ``contact``);
* retries timeouts, 429 and 5xx answers ``retries`` times with exponential backoff,
  honouring ``Retry-After``;
* keeps only HTML answers, at most ``max_bytes`` each, saved as UTF-8 in ``PAGES/``;
* writes ``PAGES/fetched.csv`` after every URL: url, file, status (``ok``, ``failed``,
  ``disallowed``, ``not_html``), HTTP status, error and time, with the list's metadata.
  A second run skips the pages already fetched (resumable) and tries the others again.

:func:`toolkit.load_corpus` on ``PAGES/`` then reads the pages (:mod:`toolkit.webpages`),
joined to the list's metadata by URL, and reports every URL not fetched. Nothing is
fetched except the URLs of the list and their sites' ``robots.txt``.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
from tqdm.auto import tqdm

from toolkit._version import __version__
from toolkit.errors import check_count
from toolkit.urllists import URL_COLUMNS, load_url_list
from toolkit.webpages import FETCH_INDEX

__all__ = ["INDEX_COLUMNS", "fetch_pages", "user_agent"]

#: The columns of ``fetched.csv``, then the URL list's metadata.
INDEX_COLUMNS = ("url", "file", "status", "http_status", "error", "fetched_at")
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_\-]+)", re.IGNORECASE)


def user_agent(contact: str | None = None) -> str:
    """The User-Agent the fetcher sends: the toolkit, its version, what it is for, and
    how to reach whoever runs it.

    Examples
    --------
    >>> user_agent("me@uni.example").startswith("media-framing-toolkit/")
    True
    """
    reach = f"; contact: {contact}" if contact else ""
    return f"media-framing-toolkit/{__version__} (news research fetcher{reach})"


class _Hosts:
    """Per-host robots.txt rules and the time of the next allowed request."""

    def __init__(self, agent: str, delay: float, timeout: float, clock: Callable[[], float]):
        self.agent, self.delay, self.timeout, self.clock = agent, delay, timeout, clock
        self.rules: dict[str, urllib.robotparser.RobotFileParser | str] = {}
        self.next_time: dict[str, float] = {}

    def robots(self, url: str) -> urllib.robotparser.RobotFileParser | str:
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        if host not in self.rules:
            rules = urllib.robotparser.RobotFileParser()
            request = urllib.request.Request(
                f"{host}/robots.txt", headers={"User-Agent": self.agent}
            )
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                    rules.parse(answer.read(500_000).decode("utf-8", "replace").splitlines())
            except urllib.error.HTTPError as err:
                if 400 <= err.code < 500:
                    rules.parse([])  # no robots.txt: everything allowed
                else:
                    self.rules[host] = f"robots.txt answered {err.code}: the site is not fetched"
                    return self.rules[host]
            except (urllib.error.URLError, TimeoutError, OSError) as err:
                reason = getattr(err, "reason", err)
                self.rules[host] = f"robots.txt unreachable ({reason}): the site is not fetched"
                return self.rules[host]
            self.rules[host] = rules
        return self.rules[host]

    def wait(self, url: str, rules: urllib.robotparser.RobotFileParser) -> None:
        host = urlsplit(url).netloc
        pause = max(self.delay, float(rules.crawl_delay(self.agent) or 0))
        now = self.clock()
        ready = self.next_time.get(host, now)
        if ready > now:
            time.sleep(ready - now)
        self.next_time[host] = max(now, ready) + pause


def _decode(data: bytes, header_charset: str | None) -> str:
    found = _CHARSET.search(data[:4096])
    for charset in (header_charset, found.group(1).decode() if found else None, "utf-8"):
        if not charset:
            continue
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", "replace")


def _get(
    url: str, agent: str, timeout: float, retries: int, max_bytes: int, backoff: float
) -> tuple[str, int | None, str, str | None]:
    """(status, http status, error, page text) of one URL, after retries."""
    request = urllib.request.Request(
        url, headers={"User-Agent": agent, "Accept": "text/html,application/xhtml+xml"}
    )
    error, code = "", None
    for attempt in range(retries + 1):
        wait = backoff * 2**attempt
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                code = answer.status
                kind = answer.headers.get_content_type()
                if kind not in ("text/html", "application/xhtml+xml"):
                    return "not_html", code, f"content type {kind}, not a web page", None
                data = answer.read(max_bytes + 1)
                if len(data) > max_bytes:
                    return "failed", code, f"page larger than {max_bytes:,} bytes", None
                return "ok", code, "", _decode(data, answer.headers.get_content_charset())
        except urllib.error.HTTPError as err:
            code, error = err.code, f"HTTP {err.code} {err.reason}"
            if err.code not in _RETRY_STATUS:
                return "failed", code, error, None
            after = err.headers.get("Retry-After", "") if err.headers else ""
            if after.isdigit():
                wait = max(wait, float(after))
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            code, error = None, f"{getattr(err, 'reason', err)}"
        if attempt < retries:
            time.sleep(wait)
    return "failed", code, f"{error} (after {retries + 1} tries)", None


def _write_index(index: pd.DataFrame, folder: Path) -> None:
    temporary = folder / f".{FETCH_INDEX}.tmp"
    index.to_csv(temporary, index=False, quoting=csv.QUOTE_MINIMAL)
    os.replace(temporary, folder / FETCH_INDEX)


def _fetch_one(
    row: dict[str, Any], hosts: _Hosts, path: Path, retries: int, max_bytes: int
) -> None:
    """Fetch ``row["url"]`` into ``path`` if robots.txt allows it; its status, HTTP status,
    error and time go into ``row``."""
    url = row["url"]
    rules = hosts.robots(url)
    if isinstance(rules, str):
        row.update(status="disallowed", http_status=None, error=rules)
    elif not rules.can_fetch(hosts.agent, url):
        row.update(status="disallowed", http_status=None, error="robots.txt disallows it")
    else:
        hosts.wait(url, rules)
        status, code, error, text = _get(
            url, hosts.agent, hosts.timeout, retries, max_bytes, hosts.delay
        )
        row.update(status=status, http_status=code, error=error)
        if text is not None:
            path.write_text(text, encoding="utf-8")
    row["fetched_at"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if row["status"] != "ok":
        row["file"] = ""


def fetch_pages(
    urls: pd.DataFrame | str | Path,
    out: str | Path,
    *,
    delay: float = 2.0,
    retries: int = 3,
    timeout: float = 30.0,
    contact: str | None = None,
    max_bytes: int = 10_000_000,
    progress: bool = True,
) -> pd.DataFrame:
    """Fetch the pages of a URL list into a folder, politely (see the module's notes).

    Parameters
    ----------
    urls : DataFrame, str or Path
        A URL list file (Media Cloud, GDELT, any CSV with a ``url`` column, or a text
        file of URLs) or the table :func:`toolkit.urllists.load_url_list` gives.
    out : str or Path
        The folder for the pages and ``fetched.csv`` (created; an earlier run's pages are
        kept and not fetched again).
    delay : float, default 2.0
        Seconds between two requests to one host (more if robots.txt asks for it).
    retries : int, default 3
        Further tries after a timeout, a 429 or a 5xx answer.
    timeout : float, default 30.0
        Seconds to wait for an answer.
    contact : str, optional
        An e-mail address or web page for the User-Agent, so that a site can reach you.
    max_bytes : int, default 10,000,000
        The largest page kept.
    progress : bool, default True
        Show a progress bar.

    Returns
    -------
    pandas.DataFrame
        The index as written to ``fetched.csv``: a row per URL.
    """
    if delay < 0 or timeout <= 0:
        raise ValueError(f"delay={delay!r} must be >= 0 and timeout={timeout!r} > 0 (seconds)")
    check_count("retries", retries, hint="0: no retry; else further tries, e.g. 3")
    table = urls if isinstance(urls, pd.DataFrame) else load_url_list(urls)
    if "url" not in table.columns:
        raise KeyError(f"fetch_pages(): the URL table has no 'url' column: {list(table.columns)}")
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    meta = [c for c in URL_COLUMNS if c in table.columns and c != "url"]
    columns = [*INDEX_COLUMNS, *meta]
    done: dict[str, dict[str, Any]] = {}
    if (folder / FETCH_INDEX).is_file():
        earlier = pd.read_csv(folder / FETCH_INDEX, dtype=str, keep_default_na=False)
        # an interrupted run leaves a URL's earlier row and its newer one: the last wins
        done = {
            str(row["url"]): {str(k): v for k, v in row.items()}
            for row in earlier.to_dict("records")
        }
    # the earlier rows once, in this list's columns; then a line appended per URL, so that
    # an interrupted run loses nothing and a long list is not rewritten after every page
    _write_index(pd.DataFrame(list(done.values()), columns=columns), folder)
    agent = user_agent(contact)
    hosts = _Hosts(agent, delay, timeout, time.monotonic)
    rows: list[dict[str, Any]] = []
    with (folder / FETCH_INDEX).open("a", newline="", encoding="utf-8") as log:
        writer = csv.DictWriter(log, fieldnames=columns, extrasaction="ignore")
        for record in tqdm(
            table.to_dict("records"), desc="pages", unit="page", disable=not progress
        ):
            url = str(record["url"])
            name = hashlib.sha1(url.encode("utf-8")).hexdigest()[:20] + ".html"
            earlier_row = done.get(url)
            if earlier_row and earlier_row.get("status") == "ok" and (folder / name).is_file():
                rows.append({**earlier_row, **{c: record.get(c) for c in meta}})
                continue
            row: dict[str, Any] = {"url": url, "file": name, **{c: record.get(c) for c in meta}}
            _fetch_one(row, hosts, folder / name, retries, max_bytes)
            rows.append(row)
            writer.writerow(row)
            log.flush()
    index = pd.DataFrame(rows, columns=columns)
    _write_index(index, folder)  # the list's URLs, in order, one row each
    return index
