"""The ``toolkit`` command (also ``python -m toolkit``).

``toolkit validate PATH`` checks a corpus and prints articles per outlet, the date range and
every problem, exiting 1 when there are problems. ``toolkit report PATH -o DIR`` writes the
corpus report. Run ``toolkit --help`` for the options.
"""

from __future__ import annotations

import argparse
import re
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, get_args

from toolkit._version import __version__
from toolkit.config import CHUNK_SIZE
from toolkit.datasets import FAKES_FILE, open_corpus
from toolkit.errors import CorpusWarning, ToolkitError
from toolkit.fetch import fetch_pages
from toolkit.loading import load_corpus
from toolkit.report import run_report, write_report
from toolkit.schema import Format
from toolkit.stream import write_features
from toolkit.summary import corpus_problems, summarise_corpus
from toolkit.urllists import load_url_list

__all__ = ["main"]


def _columns(pairs: Sequence[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        old, sep, new = pair.partition("=")
        if not sep or not old or not new:
            raise argparse.ArgumentTypeError(f"--column expects OLD=NEW, got {pair!r}")
        mapping[old] = new
    return mapping


def _count(what: str, *, all_cores: bool = False) -> Any:
    """An argparse type: a whole number >= 1 (and -1 where ``all_cores``)."""

    def parse(value: str) -> int:
        number = int(value) if value.lstrip("-").isdigit() else 0
        if number < 1 and not (all_cores and number == -1):
            extra = ", or -1 for one per core" if all_cores else ""
            raise argparse.ArgumentTypeError(f"expects {what} >= 1{extra}; got {value!r}")
        return number

    return parse


def _add_loading(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path",
        nargs="+",
        help="corpus folder, folder of .txt or saved .html pages, table file(s), archive "
        "exports (Nexis Uni/LexisNexis .docx/.rtf/.txt, Factiva .html/.rtf/.xml), or "
        "'fakes' (FA-KES by name)",
    )
    parser.add_argument(
        "--format",
        choices=list(get_args(Format)),
        help="override the format guessed from the path",
    )
    parser.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="OLD=NEW",
        help="rename an input column, e.g. --column article_content=text",
    )
    parser.add_argument("--date-format", help="strftime format of dates, e.g. %%m/%%d/%%Y")
    parser.add_argument("--encoding", default="utf-8", help="text encoding (default utf-8)")
    parser.add_argument(
        "--max-decompressed",
        type=_count("a number of bytes"),
        help="bytes a compressed file may expand to (default 100x its size, at least 64 MiB)",
    )
    parser.add_argument("--by", default="outlet", help="column to summarise by (default outlet)")


def _load_options(args: argparse.Namespace) -> dict[str, Any]:
    """The loading flags as :func:`toolkit.load_corpus` options (only those given)."""
    options = {
        "format": args.format,
        "columns": _columns(args.column) or None,
        "date_format": args.date_format,
        "encoding": None if args.encoding == "utf-8" else args.encoding,
        "max_decompressed": args.max_decompressed,
    }
    return {k: v for k, v in options.items() if v is not None}


def _load(args: argparse.Namespace) -> Any:
    known = [p for p in args.path if p == "fakes" or Path(p).name == FAKES_FILE]
    options = _load_options(args)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        if known:  # datasets the toolkit knows how to read
            return open_corpus(args.path, errors="collect", **options)
        path = args.path if len(args.path) > 1 else args.path[0]
        return load_corpus(path, errors="collect", **options)


def _validate(args: argparse.Namespace) -> int:
    import pandas as pd

    corpus = _load(args)
    problems = corpus_problems(corpus)
    print(f"{len(corpus)} article(s) loaded from {', '.join(args.path)}")
    if len(corpus):
        if args.by not in corpus.columns:
            print(f"error: no column {args.by!r} to summarise by", file=sys.stderr)
            return 2
        dates = corpus["date"].dropna()
        if len(dates):
            print(
                f"dates: {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}"
                f" ({int(corpus['date'].isna().sum())} without a date)"
            )
        else:
            print("dates: none given")
        print(f"exact duplicate texts flagged: {int(corpus['is_duplicate'].sum())}")
        summary = summarise_corpus(corpus, by=args.by)
        table = summary[["group", "n_articles", "n_duplicates", "first_date", "last_date"]]
        table = table.rename(columns={"group": args.by})  # printed under its own name
        with pd.option_context("display.max_rows", 500, "display.width", 120):
            print(table.to_string(index=False))
    if problems.empty:
        print("no problems found")
        return 0
    print(f"\n{len(problems)} problem(s):")
    for line in problem_summary(problems):
        print(f"  - {line}")
    return 1


#: Keyword options of the Python API and the flags that set them on the command line.
_FLAGS = {"date_format": "--date-format", "encoding": "--encoding", "format": "--format"}
_KEYWORD = re.compile(r"\b(date_format|encoding|format)=(?:'([^']*)'|\.\.\.)")
_COLUMNS = re.compile(r"columns=\{'([^']*)': 'text'\}")
_MAX = re.compile(r"max_decompressed=BYTES")


def cli_words(message: str) -> str:
    """A message of the Python API with its keyword options as command-line flags.

    Examples
    --------
    >>> cli_words("pass date_format=... (e.g. '%m/%d/%Y'); or encoding='cp1252'")
    "pass --date-format (e.g. '%m/%d/%Y'); or --encoding cp1252"
    >>> cli_words("pass columns={'body': 'text'}.")
    'pass --column body=text.'
    """
    message = _KEYWORD.sub(
        lambda m: _FLAGS[m.group(1)] + (f" {m.group(2)}" if m.group(2) is not None else ""),
        message,
    )
    message = _COLUMNS.sub(lambda m: f"--column {m.group(1)}=text", message)
    return _MAX.sub("--max-decompressed BYTES", message)


_VALUE = re.compile(r"'[^']*'|\b\d+\b")
_DATE = re.compile(r"unparseable date '([^']*)'")
#: Date formats tried on dates that are not ISO 8601, to suggest --date-format.
_DATE_FORMATS = (
    "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y/%m/%d", "%m/%d/%y", "%d/%m/%y",
    "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y%m%d",
)  # fmt: skip


def _date_formats(values: Sequence[str]) -> list[str]:
    """The formats of :data:`_DATE_FORMATS` that read every value."""
    import pandas as pd

    series = pd.Series(list(values), dtype="string")
    fits = []
    for fmt in _DATE_FORMATS:
        parsed = pd.to_datetime(series, format=fmt, errors="coerce")
        if parsed.notna().all():
            fits.append(fmt)
    return fits


def problem_summary(problems: Any, examples: int = 3) -> list[str]:
    """Problems collapsed by kind (the message with its values taken out), largest kind
    first, each with its count, a few rows, one example and a command-line fix.

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"source_file": ["a.csv"] * 3, "source_row": [2, 5, 9],
    ...     "doc_id": [None] * 3, "problem": [f"unparseable date '5/{d}/2017': expected ISO "
    ...     "8601 (YYYY-MM-DD); pass date_format=... (e.g. '%m/%d/%Y') for other formats"
    ...     for d in (4, 13, 20)]})
    >>> line = problem_summary(p)[0]
    >>> line.split(": ")[0]
    '3 rows (a.csv rows 2, 5, 9)'
    >>> line.split("; ")[-1]
    'these dates read with --date-format %m/%d/%Y'
    """
    import pandas as pd

    records = problems.to_dict("records")
    kinds: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        kinds.setdefault(_VALUE.sub("…", str(record["problem"])), []).append(record)
    lines = []
    for group in sorted(kinds.values(), key=len, reverse=True):
        first = group[0]
        where = []
        for record in group[:examples]:
            row = record["source_row"]
            where.append("" if pd.isna(row) else str(int(row)))
        files = sorted({str(r["source_file"]) for r in group})
        rows = ", ".join(w for w in where if w)
        more = ", ..." if len(group) > examples else ""
        place = files[0] if len(files) == 1 else f"{len(files)} files"
        if rows:
            place += f" row{'s' if len(group) > 1 else ''} {rows}{more}"
        text = cli_words(str(first["problem"]))
        dates = [m.group(1) for r in group if (m := _DATE.search(str(r["problem"])))]
        if dates:
            fits = _date_formats(dates)
            if len(fits) == 1:
                text += f"; these dates read with --date-format {fits[0]}"
            elif fits:
                text += (
                    f"; these dates read with --date-format {fits[0]} or {fits[1]}: check "
                    "which one your source uses"
                )
        noun = "row" if len(group) == 1 else "rows"
        lines.append(f"{len(group)} {noun} ({place}): {text}")
    return lines


def _report(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")  # the command draws into files only (the notebooks' kernels show
    # their figures inline, in the executed notebooks and their HTML)
    if args.summary_only:
        corpus = _load(args)
        index = write_report(corpus, args.output, by=args.by)
    else:
        index = run_report(
            args.path,
            args.output,
            by=args.by,
            notebooks=args.notebook or None,
            n_jobs=args.n_jobs,
            load_options=_load_options(args),
        )
    problems = index.parent / ("problems.csv" if args.summary_only else "corpus/problems.csv")
    n_problems = max(0, len(problems.read_text(encoding="utf-8").splitlines()) - 1)
    print(f"report written; open {index.resolve()}")
    if n_problems:
        print(f"warning: {n_problems} input problem(s); see {problems}", file=sys.stderr)
    return 0


def _features(args: argparse.Namespace) -> int:
    if args.output.is_dir():
        raise ValueError(
            f"-o/--output {args.output} is a folder; name the Parquet file to write, "
            f"e.g. -o {args.output / 'features.parquet'}"
        )

    out = write_features(
        args.path,
        args.output,
        chunk_size=args.chunk_size,
        families=args.family or None,
        n_jobs=args.n_jobs,
        **_load_options(args),
    )
    print(f"features written to {out.resolve()}")
    return 0


def _fetch(args: argparse.Namespace) -> int:
    urls = load_url_list(args.urls)
    listed = urls.attrs["problems"]
    for _, p in listed.iterrows():
        print(f"skipped: {p['source_file']}, row {p['source_row']}: {p['problem']}")
    index = fetch_pages(
        urls,
        args.output,
        delay=args.delay,
        retries=args.retries,
        timeout=args.timeout,
        contact=args.contact,
    )
    counts = index["status"].value_counts()
    print(
        f"{len(index)} URL(s): "
        + ", ".join(f"{n} {status}" for status, n in counts.items())
        + f"; index: {Path(args.output) / 'fetched.csv'}"
    )
    for _, row in index[index["status"] != "ok"].iterrows():
        print(f"  - {row['url']}: {row['status']} ({row['error']})")
    print(f"load them with: toolkit validate {args.output}")
    return 0 if (counts.index == "ok").all() and listed.empty else 1


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``toolkit`` command."""
    parser = argparse.ArgumentParser(
        prog="toolkit", description="Compare how news outlets frame the same events."
    )
    parser.add_argument("--version", action="version", version=f"toolkit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check a corpus; exit 1 when it has problems")
    _add_loading(validate)
    validate.set_defaults(func=_validate)
    report = sub.add_parser(
        "report",
        help="run the notebooks on a corpus; write HTML, figures and tables with an index page",
    )
    _add_loading(report)
    report.add_argument("-o", "--output", type=Path, required=True, help="folder to write into")
    report.add_argument(
        "--notebook",
        action="append",
        default=[],
        metavar="NAME",
        help="run only this notebook (e.g. 01-corpus); repeatable",
    )
    report.add_argument(
        "--summary-only",
        action="store_true",
        help="write the corpus summary without executing the notebooks",
    )
    report.add_argument(
        "--n-jobs",
        type=_count("a number of processes", all_cores=True),
        default=1,
        help="processes for the slow steps (-1: one per core)",
    )
    report.set_defaults(func=_report)
    feats = sub.add_parser(
        "features",
        help="write features() of a corpus to Parquet, "
        "chunk by chunk (for corpora larger than memory)",
    )
    _add_loading(feats)
    feats.add_argument("-o", "--output", type=Path, required=True, help="the .parquet to write")
    feats.add_argument(
        "--chunk-size", type=_count("a whole number"), default=CHUNK_SIZE, help="articles per chunk"
    )
    feats.add_argument(
        "--family",
        action="append",
        default=[],
        help="feature family to compute (repeatable; default all)",
    )
    feats.add_argument(
        "--n-jobs",
        type=_count("a number of processes", all_cores=True),
        default=1,
        help="processes (-1: one per core)",
    )
    feats.set_defaults(func=_features)
    fetch = sub.add_parser(
        "fetch",
        help="collect the pages of a URL list (Media Cloud, GDELT, a CSV or text file of "
        "URLs) politely: robots.txt, a pause per site, retries; resumable",
    )
    fetch.add_argument("urls", type=Path, help="the URL list (.csv, .tsv or .txt)")
    fetch.add_argument("-o", "--output", type=Path, required=True, help="folder for the pages")
    fetch.add_argument(
        "--delay", type=float, default=2.0, help="seconds between requests to one site (2)"
    )
    fetch.add_argument("--retries", type=int, default=3, help="further tries after errors (3)")
    fetch.add_argument("--timeout", type=float, default=30.0, help="seconds per request (30)")
    fetch.add_argument("--contact", help="your e-mail or web page, sent in the User-Agent")
    fetch.set_defaults(func=_fetch)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``toolkit`` command; return its exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except (ToolkitError, OSError, ValueError, KeyError, argparse.ArgumentTypeError) as err:
        print(f"error: {_one_message(err)}", file=sys.stderr)
        return 2


def _one_message(err: BaseException) -> str:
    """The first line of an error (a CorpusError lists its problems on the lines after
    it: say how many, and how to see them)."""
    text = str(err.args[0]) if isinstance(err, KeyError) and err.args else str(err)
    text = cli_words(text)
    where = getattr(err, "where", None)
    if where is not None:  # a dataset the command could not download
        reason = text.split(". ", 1)[0]
        return (
            f"{reason}. Give the path of {Path(where).name} instead of 'fakes' (download it "
            f"by hand from https://zenodo.org/records/2607278), or put it at {where}"
        )
    first, _, rest = text.partition("\n")
    problems = getattr(err, "problems", None)
    if problems is not None and len(problems):
        p = problems.iloc[0]
        where = str(p["source_file"]) + (
            "" if _isna(p["source_row"]) else f", row {p['source_row']}"
        )
        first += f" First: {where}: {cli_words(str(p['problem']))}"
        if len(problems) > 1:
            first += " (toolkit validate PATH lists them all)"
    elif rest.strip():
        first += " " + " ".join(line.strip() for line in rest.splitlines() if line.strip())
    return first


def _isna(value: Any) -> bool:
    import pandas as pd

    return bool(pd.isna(value))
