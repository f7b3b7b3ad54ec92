"""URL lists and the polite fetcher, against a local HTTP server on 127.0.0.1 only."""

from __future__ import annotations

import itertools
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pandas as pd
import pytest

import toolkit
from toolkit.cli import main
from toolkit.fetch import fetch_pages
from toolkit.sources import format_of

from .test_archives import ARTICLES, _page


class _Site(BaseHTTPRequestHandler):
    """Eight article pages, a robots.txt that forbids /private, a page that fails once
    (503) before it answers, a missing page and a PDF."""

    hits: ClassVar[Counter] = Counter()
    agents: ClassVar[list] = []
    times: ClassVar[list] = []
    flaky_left = 1

    def do_GET(self):
        cls = type(self)
        cls.hits[self.path] += 1
        cls.agents.append(self.headers.get("User-Agent", ""))
        cls.times.append((self.path, time.monotonic()))
        if self.path == "/robots.txt":
            return self._send(200, "text/plain", "User-agent: *\nDisallow: /private\n")
        if self.path.startswith("/a/"):
            k = int(self.path.rsplit("/", 1)[1])
            return self._send(200, "text/html; charset=utf-8", _page(ARTICLES[k]))
        if self.path == "/flaky":
            if cls.flaky_left > 0:
                cls.flaky_left -= 1
                return self._send(503, "text/plain", "busy", {"Retry-After": "0"})
            return self._send(200, "text/html", _page(ARTICLES[0]))
        if self.path == "/report.pdf":
            return self._send(200, "application/pdf", "%PDF-1.4")
        return self._send(404, "text/plain", "not found")

    def _send(self, code, kind, body, headers=None):
        data = body.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture
def site():
    _Site.hits, _Site.agents, _Site.times, _Site.flaky_left = Counter(), [], [], 1
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _media_cloud(tmp_path, base):
    """A Media Cloud story list: the eight articles, then four URLs that cannot load."""
    rows = [
        {
            "id": 1000 + k,
            "publish_date": f"{art['date']} 08:00:00",
            "title": art["title"],
            "url": f"{base}/a/{k}",
            "media_name": art["outlet"],
            "language": "en",
        }
        for k, art in enumerate(ARTICLES)
    ]
    rows += [
        {"id": 2001, "publish_date": "2016-03-01", "title": "x", "url": f"{base}/private/1"},
        {"id": 2002, "publish_date": "2016-03-01", "title": "x", "url": f"{base}/missing"},
        {"id": 2003, "publish_date": "2016-03-01", "title": "x", "url": f"{base}/report.pdf"},
        {"id": 2004, "publish_date": "2016-03-01", "title": "x", "url": "ftp://elsewhere/x"},
    ]
    path = tmp_path / "mediacloud.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_fetch_then_load_joins_pages_to_the_list(tmp_path, site):
    listing = _media_cloud(tmp_path, site)
    assert format_of(listing) == "mediacloud"
    urls = toolkit.load_url_list(listing)
    assert len(urls) == 11  # the ftp URL is reported, not fetched
    assert urls.attrs["problems"]["problem"].str.contains("no http").tolist() == [True]
    index = fetch_pages(urls, tmp_path / "pages", delay=0, retries=1, progress=False)
    assert index["status"].value_counts().to_dict() == {
        "ok": 8,
        "disallowed": 1,
        "failed": 1,
        "not_html": 1,
    }
    assert _Site.hits["/private/1"] == 0  # robots.txt forbids it: never asked for
    assert _Site.hits["/robots.txt"] == 1  # asked once per site
    assert all(a.startswith("media-framing-toolkit/") for a in _Site.agents)
    with pytest.warns(toolkit.CorpusWarning):
        corpus = toolkit.load_corpus(tmp_path / "pages", errors="collect")
    problems = toolkit.corpus_problems(corpus)
    assert len(corpus) == 8 and len(problems) == 3  # URLs fetched = loaded + reported
    by_url = corpus.set_index("url")
    for k, art in enumerate(ARTICLES):
        row = by_url.loc[f"{site}/a/{k}"]
        assert row["outlet"] == art["outlet"] and row["date"] == pd.Timestamp(art["date"])
        assert row["title"] == art["title"] and art["body"][1] in row["text"]
        assert "cookies" not in row["text"] and "Related" not in row["text"]
    assert set(corpus["story_id"]) == {str(1000 + k) for k in range(8)}


def test_fetch_resumes_and_retries(tmp_path, site):
    listing = tmp_path / "urls.txt"
    listing.write_text(f"{site}/a/1\n{site}/flaky\n\n{site}/a/2\n")
    index = fetch_pages(listing, tmp_path / "pages", delay=0, retries=2, progress=False)
    assert index["status"].tolist() == ["ok", "ok", "ok"]
    assert _Site.hits["/flaky"] == 2  # a 503, then the page
    again = fetch_pages(listing, tmp_path / "pages", delay=0, progress=False)
    assert again["status"].tolist() == ["ok", "ok", "ok"]
    assert _Site.hits["/a/1"] == 1 and _Site.hits["/flaky"] == 2  # nothing fetched twice


def test_fetch_waits_between_requests_to_one_site(tmp_path, site):
    listing = tmp_path / "urls.txt"
    listing.write_text("\n".join(f"{site}/a/{k}" for k in range(3)))
    fetch_pages(listing, tmp_path / "pages", delay=0.3, progress=False)
    times = [t for path, t in _Site.times if path.startswith("/a/")]
    assert len(times) == 3
    assert all(b - a >= 0.28 for a, b in itertools.pairwise(times))


def test_unreachable_site_is_reported_per_url(tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text("http://127.0.0.1:9/a\nhttp://127.0.0.1:9/b\n")  # the discard port
    index = fetch_pages(listing, tmp_path / "pages", delay=0, timeout=2, progress=False)
    assert index["status"].tolist() == ["disallowed", "disallowed"]
    assert index["error"].str.contains("robots.txt unreachable").all()


def test_cli_fetch_reports_and_exits_1_when_some_urls_fail(tmp_path, site, capsys):
    listing = _media_cloud(tmp_path, site)
    code = main(["fetch", str(listing), "-o", str(tmp_path / "pages"), "--delay", "0"])
    out = capsys.readouterr().out
    assert code == 1
    assert "11 URL(s): 8 ok" in out and "robots.txt disallows it" in out
    assert "skipped:" in out and "ftp://elsewhere/x" in out


def test_loading_a_url_list_as_a_corpus_says_how_to_fetch(tmp_path, site):
    listing = _media_cloud(tmp_path, site)
    with pytest.raises(toolkit.CorpusError, match=r"URL list .*toolkit fetch"):
        toolkit.load_corpus(listing)


def test_a_folder_where_no_page_came_is_an_error_listing_why(tmp_path, site):
    listing = tmp_path / "urls.txt"
    listing.write_text(f"{site}/missing\n{site}/private/2\n")
    fetch_pages(listing, tmp_path / "pages", delay=0, retries=0, progress=False)
    assert format_of(tmp_path / "pages") == "html"
    with pytest.raises(toolkit.CorpusError) as err:
        toolkit.load_corpus(tmp_path / "pages", errors="collect")
    assert "not fetched" in str(err.value) and "robots.txt disallows it" in str(err.value)


def test_an_interrupted_run_leaves_the_latest_row_of_a_url_to_count(tmp_path, site):
    """A run appends a line per URL; a URL that failed in one run and came in the next has
    two rows until a run completes: the later one counts, for loading and for resuming."""
    listing = tmp_path / "urls.txt"
    listing.write_text(f"{site}/a/1\n{site}/a/2\n")
    pages = tmp_path / "pages"
    index = fetch_pages(listing, pages, delay=0, progress=False)
    earlier = index.iloc[[0]].assign(status="failed", file="", error="HTTP 503")
    both = pd.concat([earlier, pd.read_csv(pages / "fetched.csv", dtype=str)])
    both.to_csv(pages / "fetched.csv", index=False)  # as an interrupted retry leaves it
    assert len(toolkit.load_corpus(pages)) == 2  # no problem: the later row counts
    again = fetch_pages(listing, pages, delay=0, progress=False)
    assert again["status"].tolist() == ["ok", "ok"] and _Site.hits["/a/1"] == 1
    assert len(pd.read_csv(pages / "fetched.csv")) == 2  # one row a URL after a whole run
