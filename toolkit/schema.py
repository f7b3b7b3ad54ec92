"""The corpus schema: its columns, the input formats and the limits every reader checks.

Base of the input layer (:mod:`toolkit.sources` reads files into batches,
:mod:`toolkit.corpus` makes a corpus of them, :mod:`toolkit.loading` is the entry point).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

Errors = Literal["raise", "collect"]
Format = Literal[
    "corpus", "txt", "csv", "tsv", "jsonl", "parquet", "nexis", "factiva", "html", "mediacloud"
]
#: Formats with many articles per file, read whole (an archive's export) or one article
#: per file (saved pages): :mod:`toolkit.nexis`, :mod:`toolkit.factiva`,
#: :mod:`toolkit.webpages`.
ARCHIVE_FORMATS: tuple[Format, ...] = ("nexis", "factiva", "html")
PathLike = str | Path

CORE_COLUMNS: tuple[str, ...] = ("text", "title", "outlet", "date", "place", "language")
PARSED_COLUMNS: tuple[str, ...] = (
    "headline",
    "lede",
    "dateline",
    "dateline_place",
    "dateline_date",
    "dateline_agency",
    "subheadings",
    "body",
    "credit",
    "debris",
)
PROVENANCE_COLUMNS: tuple[str, ...] = ("source_file", "source_row")
FLAG_COLUMNS: tuple[str, ...] = ("is_duplicate", "duplicate_of")

METADATA_FILE = "metadata.csv"
SUFFIXES: dict[str, Format] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".txt": "txt",
    ".docx": "nexis",
    ".rtf": "nexis",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "factiva",
}
COMPRESSIONS = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zst": "zstd"}
#: Columns that must hold text (and the doc_id), under their corpus names.
STRING_NAMES = frozenset({"doc_id", *CORE_COLUMNS})
#: Dates must lie in these years (inclusive); others are reported as likely typos.
DATE_RANGE: tuple[int, int] = (1800, 2100)
