"""The entry points of the input layer: :func:`load_corpus` reads files and folders,
:func:`as_corpus` checks a DataFrame the user already has."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal, get_args

import numpy as np
import pandas as pd

from toolkit.corpus import check_date_format, finalise
from toolkit.distributed import read_dask, to_dask
from toolkit.errors import CorpusError, check_choice, problem
from toolkit.schema import Errors, Format, PathLike
from toolkit.sources import (
    Batch,
    format_of,
    read_source,
    rename_columns,
    require_text,
)

# --------------------------------------------------------------------------------------
# public API


def load_corpus(
    path: PathLike | Sequence[PathLike],
    *,
    format: Format | None = None,
    columns: Mapping[str, str] | None = None,
    date_format: str | None = None,
    encoding: str = "utf-8",
    language: str | None = "en",
    parse: bool | Literal["auto"] = "auto",
    id_prefix: str | None = None,
    errors: Errors = "raise",
    engine: Literal["pandas", "dask"] = "pandas",
    max_decompressed: int | None = None,
    clean: bool = True,
) -> pd.DataFrame:
    """Load news articles from files into a corpus DataFrame.

    Parameters
    ----------
    path : str, Path, or a sequence of them
        One of: a corpus folder (a ``metadata.csv`` whose ``file`` column names one text file
        per article; see ``corpus/README.md``); a folder of ``.txt`` files (searched
        recursively, one article per file); a ``.txt`` file; a ``.csv``/``.tsv`` table; a
        JSON Lines file (``.jsonl``/``.ndjson``, one object per line); a Parquet file.
        Tables and JSON Lines may be compressed (``.gz``, ``.bz2``, ``.xz``). Several paths
        are loaded into one corpus.
    format : {"corpus", "txt", "csv", "tsv", "jsonl", "parquet", "nexis", "factiva", \
"html"}, optional
        Override the format guessed from the path and its content. ``"nexis"``: a Nexis
        Uni or LexisNexis export (DOCX, RTF or TXT, many articles a file); ``"factiva"``:
        a Factiva export (HTML or RTF in article format, or XML); ``"html"``: saved web
        pages (a folder of them, or one), their main text found by trafilatura. Each
        article of an export is a row; one that cannot be read is a problem naming the
        file and its number (see ``errors``). ``"mediacloud"``: a URL list (Media Cloud,
        GDELT) has no text: the error says how to fetch its pages
        (:func:`toolkit.load_url_list`, ``toolkit fetch``).
    columns : mapping, optional
        Input column name -> corpus column name, e.g.
        ``{"article_content": "text", "source": "outlet"}``. Names not mentioned are kept.
    date_format : str, optional
        ``strftime`` format of the ``date`` column (``"%m/%d/%Y"``). By default dates must be
        ISO 8601 (``2016-02-16``, optionally with a time and UTC offset); ambiguous formats
        are never guessed. Dates with an offset are converted to UTC; the time zone is dropped.
    encoding : str, default "utf-8"
        Text encoding of the files (a UTF-8 byte-order mark is accepted).
    language : str or None, default "en"
        Language code for articles whose input has none.
    parse : bool or "auto", default "auto"
        Split raw text with :func:`toolkit.parse_article`. ``"auto"`` parses text files and
        corpus folders (scraped pages) but not tables (whose text is usually clean).
    id_prefix : str, optional
        Prefix of generated doc_ids for tables without a ``doc_id`` column (default: the file
        name without suffix), giving ``PREFIX-000001`` for data row 1.
    errors : {"raise", "collect"}, default "raise"
        ``"raise"``: any problem raises :class:`CorpusError` listing all of them.
        ``"collect"``: load the good articles, warn, and report each bad one in
        :func:`corpus_problems`.
    engine : {"pandas", "dask"}, default "pandas"
        ``"dask"`` returns a dask DataFrame partitioned by articles (2,000 per partition)
        for :func:`toolkit.features` and :func:`toolkit.term_frequencies` on a cluster. One
        uncompressed JSON Lines file, Parquet file or folder of text files is read lazily,
        partition by partition, when computed (a first pass over the file finds duplicate
        doc_ids and texts across partitions); other inputs, several paths, or
        ``errors="collect"`` are read and checked here, as for pandas, then partitioned.
    max_decompressed : int, optional
        Bytes a compressed file may expand to before loading stops with a
        :class:`CorpusError` (a guard against decompression bombs). Default: 100 times the
        compressed size, at least 64 MiB.
    clean : bool, default True
        Remove page furniture from ``text``: credit lines, datelines, bylines, leading
        dates, the repeated title, share/footer lines and each outlet's recurring
        boilerplate (:mod:`toolkit.clean`), recording what was removed in ``removed``.
        ``False`` gives the text as read.

    Returns
    -------
    pandas.DataFrame
        The corpus: index ``doc_id``; columns ``text, title, outlet, date, place, language``,
        the parsed parts when parsed, the input's other metadata, then ``source_file,
        source_row, is_duplicate, duplicate_of`` (see the module docstring). ``attrs``
        records the toolkit version and the options used.

    Raises
    ------
    FileNotFoundError
        If a path does not exist.
    CorpusError
        For bad input: unsupported file type, an empty input, a damaged or over-large
        compressed file, a column named twice, no text column, and (per row) undecodable
        bytes, a wrong number of fields, an unclosed quote, JSON that is not an object of
        strings, empty text, unparseable or day-less dates or years outside
        :data:`DATE_RANGE`, duplicate doc_ids, files missing from or missing in the
        metadata, or named outside the corpus folder. Its ``problems`` attribute lists every
        problem with file and row. With ``errors="collect"`` only the first kinds (the whole
        input or file) raise; each bad row is reported and the good ones are loaded.
    ValueError
        For an invalid option.

    See Also
    --------
    as_corpus : the same checks for a DataFrame already in memory.
    corpus_problems : what ``errors="collect"`` left out.
    toolkit.datasets.load_fakes : the FA-KES Syrian-war corpus.

    Notes
    -----
    doc_ids are stable across runs and machines: taken from a ``doc_id`` column when the
    input has one; for text files, the path relative to the folder without ``.txt``; for
    tables, the prefix and the 1-based data row. Exact duplicate texts (whitespace
    ignored) are flagged with ``is_duplicate`` and ``duplicate_of``, never removed.

    Every input article is loaded or reported: for a table, loaded + reported = data rows.
    Only an empty cell (or JSON ``null``) is missing: ``NA``, ``null`` or ``None`` written
    in a cell are kept as written. Only files inside the folder given are read (a
    ``metadata.csv`` row or a link that leads outside it is a problem); in a folder of
    text files, ``.txt`` matches any case and names starting with a dot are passed over.

    Examples
    --------
    >>> import toolkit
    >>> corpus = toolkit.load_corpus(toolkit.SHIPPED_CORPUS)
    >>> corpus.loc["000_6f20bbf8b1b3e077", ["outlet", "place", "language"]].tolist()
    ['TASS', 'Latakia', 'en']
    >>> corpus.loc["000_6f20bbf8b1b3e077", "date"]
    Timestamp('2016-02-16 00:00:00')
    >>> corpus.loc["000_6f20bbf8b1b3e077", "dateline"]
    'LATAKIA, February 16. /TASS/.'
    """
    check_choice("errors", errors, get_args(Errors))
    check_choice("parse", parse, ("auto", True, False))
    check_date_format(date_format)
    check_choice("engine", engine, ("pandas", "dask"))
    if format is not None:
        check_choice("format", format, get_args(Format))
    if isinstance(path, pd.DataFrame):
        raise TypeError(
            "load_corpus() takes a path; for a DataFrame already in memory use "
            "toolkit.as_corpus(frame)"
        )
    paths = [Path(path)] if isinstance(path, str | Path) else [Path(p) for p in path]
    if not paths:
        raise ValueError("load_corpus() was given no path")
    if engine == "dask" and len(paths) == 1 and errors == "raise" and paths[0].exists():
        lazy_read = read_dask(
            paths[0],
            format or format_of(paths[0]),
            columns=dict(columns) if columns else None,
            date_format=date_format,
            encoding=encoding,
            language=language,
            id_prefix=id_prefix,
            errors=errors,
            parse=parse,
            clean=clean,
        )
        if lazy_read is not None:
            result: pd.DataFrame = lazy_read
            return result
    batches: list[Batch] = []
    prefixes: list[str] = []
    for p in paths:
        if not p.exists():
            raise FileNotFoundError(
                f"{p}: no such file or folder (working directory: {Path.cwd()})"
            )
        fmt = format or format_of(p)
        try:
            batch = read_source(p, fmt, encoding, columns, max_decompressed)
        except CorpusError as err:
            if errors == "raise":
                raise
            batch = Batch(pd.DataFrame(), [problem(str(p), str(err))])
        if fmt not in ("corpus", "txt") and "source_file" not in batch.frame.columns:
            batch.frame["source_file"] = p.name
        batches.append(batch)
        stem = p.name.split(".")[0] if p.is_file() else p.name
        prefixes.append(stem)
    options = {
        "loaded_from": [str(p) for p in paths],
        "format": format,
        "columns": dict(columns or {}),
        "date_format": date_format,
        "encoding": encoding,
        "language": language,
        "parse": parse,
        "id_prefix": id_prefix,
        "errors": errors,
        "clean": clean,
    }
    corpus = finalise(
        batches,
        date_format=date_format,
        language=language,
        parse=parse,
        id_prefix=id_prefix,
        default_prefixes=prefixes,
        errors=errors,
        options=options,
        clean=clean,
    )
    if engine == "dask":
        lazy: pd.DataFrame = to_dask(corpus)
        return lazy
    return corpus


def as_corpus(
    frame: pd.DataFrame,
    *,
    columns: Mapping[str, str] | None = None,
    date_format: str | None = None,
    language: str | None = "en",
    parse: bool = False,
    id_prefix: str = "doc",
    errors: Errors = "raise",
    clean: bool = True,
) -> pd.DataFrame:
    """Check a DataFrame already in memory and return it as a corpus.

    Applies the same schema and checks as :func:`load_corpus`; the caller's frame is not
    changed. A ``doc_id`` column (or a named, non-range index) becomes the index; otherwise
    doc_ids are ``PREFIX-000001`` by row position.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per article with a text column.
    columns, date_format, language, errors, clean
        As in :func:`load_corpus`.
    parse : bool, default False
        Split each text with :func:`toolkit.parse_article`.
    id_prefix : str, default "doc"
        Prefix of generated doc_ids.

    Returns
    -------
    pandas.DataFrame
        The corpus, as :func:`load_corpus` returns it; ``source_file`` is ``"<memory>"``.

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> df = pd.DataFrame({"body": ["Rebels shelled the city.", "Terrorists shelled the city."],
    ...                    "source": ["Reuters", "SANA"], "date": ["2016-02-01", "2016-02-02"]})
    >>> corpus = toolkit.as_corpus(df, columns={"body": "text", "source": "outlet"})
    >>> corpus[["outlet", "date"]]
                 outlet       date
    doc_id
    doc-000001  Reuters 2016-02-01
    doc-000002     SANA 2016-02-02
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"as_corpus() expects a pandas DataFrame, got {type(frame).__name__}")
    check_choice("errors", errors, get_args(Errors))
    check_date_format(date_format)
    data = frame.copy()
    if "doc_id" not in data.columns and not isinstance(data.index, pd.RangeIndex):
        data = data.reset_index(names="doc_id" if data.index.name is None else None)
        if "doc_id" not in data.columns and data.columns[0] != "doc_id":
            data = data.rename(columns={data.columns[0]: "doc_id"})
    else:
        data = data.reset_index(drop=True)
    data = rename_columns(data, columns, Path("<memory>"))
    require_text(data, Path("<memory>"))
    data["source_file"] = "<memory>"
    data["source_row"] = np.arange(1, len(data) + 1)
    options = {
        "loaded_from": ["<memory>"],
        "columns": dict(columns or {}),
        "date_format": date_format,
        "language": language,
        "parse": parse,
        "id_prefix": id_prefix,
        "errors": errors,
        "clean": clean,
    }
    return finalise(
        [Batch(data, parsed=parse)],
        date_format=date_format,
        language=language,
        parse=parse,
        id_prefix=id_prefix,
        default_prefixes=[id_prefix],
        errors=errors,
        options=options,
        clean=clean,
    )
