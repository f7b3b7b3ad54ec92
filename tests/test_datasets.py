from __future__ import annotations

import csv
import hashlib
import http.server
import socket
import threading
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit import datasets
from toolkit.datasets import FAKES_OUTLETS, DatasetError, load_fakes

# Outlet counts as published in the FA-KES description (../shared/datasets/fakes/README.md).
README_COUNTS = {
    "ahram": 149,
    "manar": 105,
    "alalam": 90,
    "alaraby": 84,
    "dailysabah": 74,
    "sana": 56,
    "sputnik": 53,
    "etilaf": 46,
    "trt": 42,
    "jordantimes": 28,
    "reuters": 26,
    "arabiya": 22,
    "nna": 13,
    "asharqalawsat": 11,
    "tass": 5,
}

TINY_CSV = (
    "unit_id,article_title,article_content,source,date,location,labels\r\n"
    '1,Strikes hit Idlib,"Air strikes hit Idlib, monitors said.",reuters,4/5/2017,idlib,1\r\n'
    '2,Army liberates town,"The army liberated the town from terrorists.",sana,12/13/2016,'
    "aleppo,0\r\n"
)


# ---------------------------------------------------------------- the shared copy


def test_load_fakes_schema_and_counts(fakes, fakes_csv):
    assert len(fakes) == 804
    assert fakes.index[0] == "fakes-000001" and fakes.index[-1] == "fakes-000804"
    assert fakes.index.is_unique
    expected = Counter({FAKES_OUTLETS[k]: v for k, v in README_COUNTS.items()})
    assert Counter(fakes["outlet"].value_counts().to_dict()) == expected
    assert pd.api.types.is_datetime64_any_dtype(fakes["date"])
    assert fakes["date"].notna().all()
    assert (fakes["date"].dt.year == 2016).sum() == 395  # README: "2016: 395 rows"
    assert set(fakes["credible"].unique()) == {True, False}
    assert {"title", "text", "place", "unit_id", "outlet_code"} <= set(fakes.columns)
    assert (fakes["place"] == "Aleppo").sum() == 308  # README: aleppo 308


def test_load_fakes_matches_the_csv_row_by_row(fakes_csv):
    fakes = toolkit.load_fakes(fakes_csv, clean=False)  # the text as read
    with fakes_csv.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["article_content"].strip() for r in rows] == fakes["text"].tolist()
    assert [r["article_title"].strip() for r in rows] == fakes["title"].tolist()
    assert [int(r["labels"]) == 1 for r in rows] == fakes["credible"].tolist()


def test_load_fakes_flags_wire_copy_exactly(fakes_csv):
    fakes = toolkit.load_fakes(fakes_csv, clean=False)  # copies of the text as read
    with fakes_csv.open(encoding="utf-8", newline="") as fh:
        texts = [" ".join(r["article_content"].split()) for r in csv.DictReader(fh)]
    seen: set[str] = set()
    expected = []
    for t in texts:
        expected.append(t in seen)
        seen.add(t)
    assert fakes["is_duplicate"].tolist() == expected
    # README: 11 rows duplicate another row exactly; same text under another title or outlet
    # counts as wire copy too, so there are at least 11.
    assert sum(expected) >= 11


def test_load_fakes_combines_with_shipped_tass(fakes):
    shipped = toolkit.load_corpus(toolkit.SHIPPED_CORPUS)
    both = pd.concat([fakes, shipped])
    assert both.index.is_unique
    assert (both["outlet"] == "TASS").sum() == README_COUNTS["tass"] + 1


# ---------------------------------------------------------------- download and cache


class _Server:
    """A one-file HTTP server on 127.0.0.1 that counts its requests."""

    def __init__(self, payload: bytes) -> None:
        self.payload = payload
        self.hits = 0
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.hits += 1
                self.send_response(200)
                self.send_header("Content-Length", str(len(outer.payload)))
                self.end_headers()
                self.wfile.write(outer.payload)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/FA-KES-Dataset.csv"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> _Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def tiny_known(monkeypatch):
    """Make the tiny CSV's digest a known-good one, so the download path runs without FA-KES."""
    payload = TINY_CSV.encode("utf-8")
    digest = hashlib.md5(payload, usedforsecurity=False).hexdigest()
    monkeypatch.setattr(datasets, "FAKES_MD5", frozenset({digest}))
    return payload


@pytest.mark.network
def test_load_fakes_downloads_verifies_and_caches(tmp_path, tiny_known):
    with _Server(tiny_known) as server:
        corpus = load_fakes(cache=tmp_path, url=server.url)
        again = load_fakes(cache=tmp_path, url=server.url)
    assert server.hits == 1  # the second call used the cache
    assert (tmp_path / "FA-KES-Dataset.csv").read_bytes() == tiny_known
    assert list(tmp_path.iterdir()) == [tmp_path / "FA-KES-Dataset.csv"]  # no partial files
    pd.testing.assert_frame_equal(corpus, again)
    assert corpus["outlet"].tolist() == ["Reuters", "SANA"]
    assert corpus["date"].tolist() == [pd.Timestamp("2017-04-05"), pd.Timestamp("2016-12-13")]
    assert corpus["credible"].tolist() == [True, False]


@pytest.mark.network
def test_load_fakes_rejects_wrong_digest(tmp_path, tiny_known):
    with _Server(tiny_known + b"tampered") as server, pytest.raises(DatasetError, match="MD5"):
        load_fakes(cache=tmp_path, url=server.url)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.network
def test_load_fakes_replaces_damaged_cache(tmp_path, tiny_known):
    (tmp_path / "FA-KES-Dataset.csv").write_bytes(b"half a file")
    with _Server(tiny_known) as server:
        corpus = load_fakes(cache=tmp_path, url=server.url)
    assert server.hits == 1 and len(corpus) == 2


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.network
def test_load_fakes_offline_says_where_to_put_the_file(tmp_path):
    url = f"http://127.0.0.1:{_closed_port()}/FA-KES-Dataset.csv"
    with pytest.raises(DatasetError) as err:
        load_fakes(cache=tmp_path, url=url, timeout=5)
    message = str(err.value)
    assert str(tmp_path / "FA-KES-Dataset.csv") in message
    assert "by hand" in message and "zenodo.org/records/2607278" in message


def test_load_fakes_local_path_with_unknown_digest_warns(tmp_path):
    path = tmp_path / "copy.csv"
    path.write_text(TINY_CSV, encoding="utf-8")
    with pytest.warns(UserWarning, match="not byte-identical"):
        corpus = load_fakes(path)
    assert corpus.index.tolist() == ["fakes-000001", "fakes-000002"]


def test_load_fakes_missing_path(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"nothere\.csv"):
        load_fakes(tmp_path / "nothere.csv")


def test_cache_dir_honours_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path))
    assert datasets.cache_dir() == Path(tmp_path)
