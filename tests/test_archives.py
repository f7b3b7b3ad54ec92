"""Archive exports and saved pages: Nexis Uni DOCX, LexisNexis TXT, Factiva HTML, RTF and
XML, and a folder of saved pages, each built here in the archive's layout with text
written for the tests (no copyrighted text). The real samples in ../shared are read when
present."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd
import pytest

import toolkit
from toolkit.chunks import iter_corpus
from toolkit.errors import CorpusError
from toolkit.sources import format_of

from .conftest import SHARED

SAMPLES = SHARED / "datasets" / "format-samples"

OUTLETS = ["Reuters", "Al Jazeera English", "RT", "SANA", "TASS", "The Guardian", "AFP", "BBC"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August"]


def _article(k: int) -> dict:
    """The k-th test article: title, outlet, date and three body paragraphs."""
    return {
        "title": f"Convoy {k} reaches town after long wait",
        "outlet": OUTLETS[k],
        "date": f"2016-{k + 1:02d}-{k + 10:02d}",
        "date_line": f"{MONTHS[k]} {k + 10}, 2016",
        "body": [
            f"An aid convoy numbered {k} reached the town on the morning of the {k + 10}th, "
            "residents said, after weeks of waiting at the checkpoint.",
            f"Officials said the {k + 20} trucks carried flour, medicine and blankets for "
            "families who had fled the fighting in the north.",
            "Aid workers said more deliveries were planned for the coming days.",
        ],
    }


ARTICLES = [_article(k) for k in range(8)]
#: Words of the archives' fields and of page furniture: none may be left in a text.
FURNITURE = [
    "BYLINE",
    "Byline",
    "LENGTH",
    "Length:",
    "LOAD-DATE",
    "Load-Date",
    "LANGUAGE",
    "PUBLICATION-TYPE",
    "End of Document",
    "Copyright",
    "All Rights Reserved",
    "Classification",
    "Subject:",
    "cookies",
    "Skip to",
    "Read more",
    "Share",
    "Related",
    "Newsletter",
    "Sign up",
    "©",
    "Menu",
]


def _check(corpus: pd.DataFrame, *, n: int = 8) -> None:
    assert len(corpus) == n
    assert toolkit.corpus_problems(corpus).empty
    for (_, row), art in zip(corpus.iterrows(), ARTICLES, strict=False):
        assert row["title"] == art["title"]
        assert row["outlet"] == art["outlet"]
        assert row["date"] == pd.Timestamp(art["date"])
        for paragraph in art["body"]:
            assert paragraph in row["text"], (row.name, paragraph)
        for word in FURNITURE:
            assert word not in row["text"], (row.name, word)


# ------------------------------------------------------------------- LexisNexis TXT


def _lexisnexis_txt() -> str:
    lines = [
        "\ufeff",
        "",
        "Download Request: Selected Items: 1-8",
        "Time Of Request: Monday, March 7, 2016  10:01:02",
        "Send To:",
        "   UNIVERSITY LIBRARY",
        "",
        "Terms: (aid convoy)",
        "",
        "Source: All English Language News",
        "",
    ]
    for k, art in enumerate(ARTICLES, start=1):
        lines += ["", f"{'':30}{k} of 8 DOCUMENTS", "", "", f"{'':34}{art['outlet']}", ""]
        lines += [f"{'':28}{art['date_line']} Monday", f"{'':35}Final Edition", ""]
        lines += [art["title"], "", "BYLINE: Staff reporter", "", "SECTION: WORLD; Pg. 12", ""]
        lines += ["LENGTH: 61 words", "", "DATELINE: DAMASCUS", ""]
        for paragraph in art["body"]:  # hard-wrapped at about 70 characters
            words, line = paragraph.split(), ""
            for w in words:
                if len(line) + len(w) > 70:
                    lines.append(line.rstrip())
                    line = ""
                line += w + " "
            lines += [line.rstrip(), ""]
        lines += ["LOAD-DATE: March 7, 2016", "", "LANGUAGE: ENGLISH", ""]
        lines += ["GRAPHIC: A photograph of the convoy", "", "PUBLICATION-TYPE: Newspaper", ""]
        lines += [f"{'':20}Copyright 2016 {art['outlet']} Ltd", f"{'':30}All Rights Reserved"]
    return "\r\n".join(lines) + "\r\n"


def test_lexisnexis_txt_export_loads_eight_articles(tmp_path):
    path = tmp_path / "export.TXT"
    path.write_text(_lexisnexis_txt(), encoding="utf-8")
    assert format_of(path) == "nexis"
    corpus = toolkit.load_corpus(path)
    _check(corpus)
    first = corpus.iloc[0]
    assert (first["byline"], first["section"], first["length"]) == (
        "Staff reporter",
        "WORLD; Pg. 12",
        "61 words",
    )
    assert first["edition"] == "Final Edition" and first["language"] == "en"
    assert first["dateline"] == "DAMASCUS"
    assert corpus.index.tolist()[:2] == ["export-0001", "export-0002"]
    assert corpus["source_row"].tolist() == list(range(1, 9))


# ------------------------------------------------------------------- Nexis Uni DOCX

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(path: Path, paragraphs: list[str]) -> None:
    """A minimal Word file: one w:p per paragraph ("\\n" inside: a line break)."""
    body = []
    for p in paragraphs:
        runs = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(x)}</w:t>' for x in p.split("\n"))
        body.append(f"<w:p><w:r>{runs}</w:r></w:p>")
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}">'
        f"<w:body>{''.join(body)}</w:body></w:document>"
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("word/document.xml", document)


def _nexis_uni_paragraphs(month_names: list[str] | None = None) -> list[str]:
    paragraphs = ["Date and Time: Monday, 7. March 2016 10:01:00 CET", "Job Number: 1234"]
    paragraphs += ["Documents (8)"]
    for k, art in enumerate(ARTICLES, start=1):
        paragraphs += [f"{k}. {art['title']}", "Client/Matter: -None-", "Search Terms: aid"]
    paragraphs += ["Search Type: Natural Language", "Narrowed by: ", "Content Type", "News", ""]
    for k, art in enumerate(ARTICLES):
        date_line = f"{art['date_line']} Monday 9:20 AM GMT"
        if month_names:
            date_line = f"{k + 10}. {month_names[k]} 2016 Montag"
        paragraphs += ["", art["title"], art["outlet"], date_line, ""]
        paragraphs += [f"\nCopyright 2016 {art['outlet']} All Rights Reserved", "\n"]
        paragraphs += ["Section:\u00a0WORLD; Version:2", "Length:\u00a061 words"]
        paragraphs += ["Byline:\u00a0Staff reporter", "Body", "", ""]
        for paragraph in art["body"]:
            paragraphs += [paragraph, ""]
        paragraphs += ["Classification", "", "Language: ENGLISH", "", "Publication-Type: Web"]
        paragraphs += ["", "Subject: HUMANITARIAN ASSISTANCE (90%); WAR (78%)", ""]
        paragraphs += ["Load-Date: March 7, 2016", "", "\nEnd of Document", "", ""]
    return paragraphs


def test_nexis_uni_docx_export_loads_eight_articles(tmp_path):
    path = tmp_path / "Files (8).DOCX"
    _docx(path, _nexis_uni_paragraphs())
    assert format_of(path) == "nexis"
    corpus = toolkit.load_corpus(path)
    _check(corpus)
    first = corpus.iloc[0]
    assert first["section"] == "WORLD; Version:2" and first["length"] == "61 words"
    assert first["byline"] == "Staff reporter" and first["load_date"] == "March 7, 2016"
    assert first["copyright"].startswith("Copyright 2016 Reuters")


def test_nexis_uni_dates_in_the_interface_language(tmp_path):
    path = tmp_path / "export.docx"
    german = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August"]
    _docx(path, _nexis_uni_paragraphs(german))
    corpus = toolkit.load_corpus(path)
    assert corpus["date"].tolist() == [pd.Timestamp(a["date"]) for a in ARTICLES]


def test_nexis_rtf_export(tmp_path):
    body = []
    for p in _nexis_uni_paragraphs():
        text = p.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
        text = text.replace("\u00a0", "\\~").replace("\n", "\\line ")
        body.append(text + "\\par")
    path = tmp_path / "export.rtf"
    path.write_text("{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Arial;}}\n" + "\n".join(body) + "}")
    assert format_of(path) == "nexis"
    _check(toolkit.load_corpus(path))


def test_a_document_that_cannot_be_read_is_reported_and_the_rest_load(tmp_path):
    paragraphs = _nexis_uni_paragraphs()
    broken = paragraphs.index(ARTICLES[2]["date_line"] + " Monday 9:20 AM GMT")
    paragraphs[broken] = "no date here"
    path = tmp_path / "export.docx"
    _docx(path, paragraphs)
    with pytest.raises(CorpusError, match=r"export.docx.*document 3: no date line"):
        toolkit.load_corpus(path)
    with pytest.warns(toolkit.CorpusWarning):
        corpus = toolkit.load_corpus(path, errors="collect")
    problems = toolkit.corpus_problems(corpus)
    assert len(corpus) == 7 and len(problems) == 1  # found = loaded + reported
    assert problems.loc[0, "source_row"] == 3 and "no date line" in problems.loc[0, "problem"]


def test_a_truncated_export_reports_the_missing_documents(tmp_path):
    paragraphs = _nexis_uni_paragraphs()
    cut = [i for i, p in enumerate(paragraphs) if p == "\nEnd of Document"][5]
    path = tmp_path / "export.docx"
    _docx(path, paragraphs[: cut + 1])
    with pytest.warns(toolkit.CorpusWarning):
        corpus = toolkit.load_corpus(path, errors="collect")
    assert len(corpus) == 6
    assert "declares 8 documents but holds 6" in toolkit.corpus_problems(corpus)["problem"][0]


def test_a_word_file_that_is_not_an_export_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.docx"
    _docx(path, ["Meeting notes", "We talked about the corpus."])
    with pytest.raises(CorpusError, match=r"notes.docx: not a Nexis Uni or LexisNexis export"):
        toolkit.load_corpus(path)
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip file")
    with pytest.raises(CorpusError, match=r"broken.docx: not a Word"):
        toolkit.load_corpus(bad)


def test_streaming_reads_an_export_in_chunks(tmp_path):
    path = tmp_path / "export.TXT"
    path.write_text(_lexisnexis_txt(), encoding="utf-8")
    chunks = list(iter_corpus(path, chunk_size=3))
    assert [len(c) for c in chunks] == [3, 3, 2]
    whole = pd.concat(chunks)
    assert whole["title"].tolist() == [a["title"] for a in ARTICLES]


# ------------------------------------------------------------------------- Factiva


def _factiva_html() -> str:
    parts = ['<html><head><title>Factiva</title></head><body><div id="navcontainer">']
    parts += ['<h1>Factiva</h1></div><div id="contentWrapper">']
    for k, art in enumerate(ARTICLES):
        day = int(art["date"][-2:])
        rows = [
            ("HD", f"<b class='enHeadline'>{art['title']}</b>"),
            ("BY", "Staff reporter"),
            ("WC", "61 words"),
            ("PD", f"{day} {MONTHS[k]} 2016"),
            ("ET", "09:20"),
            ("SN", art["outlet"]),
            ("SC", f"SRC{k}"),
            ("LA", "English"),
            ("CY", f"(c) 2016 {art['outlet']}. All Rights Reserved."),
            ("LP", f'<p class="articleParagraph">{art["body"][0]}</p>'),
            ("TD", "".join(f'<p class="articleParagraph">{p}</p>' for p in art["body"][1:])),
            ("NS", "gcat : Political/General News"),
            ("RE", "syria : Syria"),
            ("AN", f"Document SRC{k}0020160307ec37000{k}"),
        ]
        cells = "".join(
            f'<tr><td class="index"><b>{code}</b>&nbsp;</td><td>{value}</td></tr>'
            for code, value in rows
        )
        parts.append(f'<div class="article enArticle"><table>{cells}</table></div>')
    parts.append("</div></body></html>")
    return "\n".join(parts)


def test_factiva_html_export_loads_eight_articles(tmp_path):
    path = tmp_path / "Factiva.html"
    path.write_text(_factiva_html(), encoding="utf-8")
    assert format_of(path) == "factiva"
    corpus = toolkit.load_corpus(path)
    _check(corpus)
    assert corpus.index[0] == "SRC00020160307ec370000"
    assert corpus.iloc[0]["byline"] == "Staff reporter" and corpus.iloc[0]["language"] == "en"
    lead, rest = ARTICLES[0]["body"][0], ARTICLES[0]["body"][1]
    assert corpus.iloc[0]["text"].index(lead) < corpus.iloc[0]["text"].index(rest)  # LP, TD


def test_factiva_rtf_export(tmp_path):
    lines = []
    for k, art in enumerate(ARTICLES):
        day = int(art["date"][-2:])
        lines += ["HD", art["title"], "WC", "61 words", "PD", f"{day} {MONTHS[k]} 2016"]
        lines += ["SN", art["outlet"], "LA", "English", "LP", art["body"][0], "TD"]
        lines += [*art["body"][1:], "AN", f"Document X{k}"]
    path = tmp_path / "factiva.rtf"
    path.write_text("{\\rtf1\\ansi " + "\\par\n".join(lines) + "\\par}", encoding="utf-8")
    assert format_of(path) == "factiva"
    corpus = toolkit.load_corpus(path)
    _check(corpus)
    assert corpus.index.tolist()[:2] == ["X0", "X1"]


# ------------------------------------------------------------------- saved web pages

_STYLES = {
    "Reuters": ("Reuters", "<nav><a href='/'>Skip to main content</a> World Markets</nav>"),
    "Al Jazeera English": ("Al Jazeera", "<header><a>Menu</a> News Features Opinion</header>"),
    "RT": ("RT International", "<div class='nav'>RT News Russia World Business</div>"),
    "SANA": ("SANA", "<ul class='menu'><li>Home</li><li>Syria</li><li>Politics</li></ul>"),
    "TASS": ("TASS", "<nav>Russian News Agency TASS Politics World Economy</nav>"),
}


def _page(art: dict) -> str:
    site = _STYLES.get(art["outlet"], (art["outlet"], "<nav>Home News Sport</nav>"))[1]
    body = "".join(f"<p>{p}</p>" for p in art["body"])
    return (
        "<!DOCTYPE html><html><head>"
        f"<title>{art['title']} | {art['outlet']}</title>"
        f'<meta property="og:site_name" content="{art["outlet"]}">'
        f'<meta property="og:title" content="{art["title"]}">'
        f'<meta property="article:published_time" content="{art["date"]}T08:00:00Z">'
        '<meta name="author" content="Staff reporter">'
        f'<link rel="canonical" href="https://news.example/{art["date"]}/convoy">'
        f"</head><body>{site}"
        "<div id='cookie-banner'>We use cookies to improve your experience. "
        "<button>Accept all cookies</button></div>"
        f"<main><article><h1>{art['title']}</h1><p class='byline'>By Staff reporter</p>"
        f"{body}<div class='share'>Share this story on Facebook Twitter</div>"
        "<a href='/more'>Read more</a></article>"
        "<aside><h2>Related stories</h2><ul><li><a href='/a'>Talks resume in Geneva</a></li>"
        "<li><a href='/b'>Winter storm closes roads</a></li></ul></aside></main>"
        "<div class='newsletter'>Sign up for our Newsletter</div>"
        f"<footer>© 2016 {art['outlet']}. All rights reserved. About us Contact</footer>"
        "</body></html>"
    )


def test_a_folder_of_saved_pages_loads_eight_articles(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for k, art in enumerate(ARTICLES):
        (folder / f"page{k}.html").write_text(_page(art), encoding="utf-8")
    assert format_of(folder) == "html"
    corpus = toolkit.load_corpus(folder)
    _check(corpus)
    assert corpus.iloc[0]["url"] == "https://news.example/2016-01-10/convoy"
    assert corpus.index.tolist()[0] == "page0"


def test_a_page_without_main_text_is_reported(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text(_page(ARTICLES[0]), encoding="utf-8")
    (folder / "empty.html").write_text("<html><body><nav>Home</nav></body></html>")
    with pytest.warns(toolkit.CorpusWarning):
        corpus = toolkit.load_corpus(folder, errors="collect")
    problems = toolkit.corpus_problems(corpus)
    assert len(corpus) == 1 and problems["source_file"].tolist() == ["empty.html"]
    assert "no main text" in problems.loc[0, "problem"]


# -------------------------------------------------------------- the real samples

needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared format samples absent")


@needs_samples
@pytest.mark.parametrize(
    ("name", "n"),
    [
        ("lexisnexis/sample.TXT", 10),
        ("lexisnexis/sample.DOCX", 10),
        ("factiva/factiva_test.html", 2),
        ("factiva/factiva_test.xml", 3),
    ],
)
def test_real_sample_exports(name, n):
    corpus = toolkit.load_corpus(SAMPLES / name)
    assert len(corpus) == n and toolkit.corpus_problems(corpus).empty
    assert corpus["date"].notna().all() and corpus["outlet"].notna().all()
    assert corpus["title"].notna().all()
    for text in corpus["text"]:
        for word in ("LOAD-DATE", "Load-Date", "BYLINE:", "End of Document", "Copyright"):
            assert word not in text


def test_nexis_uni_text_export_writes_a_paragraph_a_line(tmp_path):
    """A Nexis Uni .txt export is not hard-wrapped: title, outlet and date stand on lines
    of their own with no blank line between them, and a body paragraph is one long line."""
    lines = []
    for p in _nexis_uni_paragraphs():
        lines.extend(p.replace("\u00a0", " ").split("\n"))
    path = tmp_path / "Files (8).txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert format_of(path) == "nexis"
    _check(toolkit.load_corpus(path))
