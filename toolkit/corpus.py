"""Load a corpus of news articles into a pandas DataFrame, and check it.

A *corpus* in this toolkit is a :class:`pandas.DataFrame` with one row per article, index
``doc_id`` (unique strings, stable across runs and machines) and at least the columns

=============== ==========================================================================
``text``        the article without navigation debris (str)
``title``       headline (str, missing when unknown)
``outlet``      outlet name (str)
``date``        publication date (``datetime64``; ``NaT`` when unknown)
``place``       place the article is about or datelined from (str)
``language``    ISO 639-1 code (str)
``source_file`` file the article came from, relative to the folder that was loaded
``source_row``  1-based data row (tables) or line (JSON Lines) in that file; missing for
                one-file-per-article input
``is_duplicate``  True when an earlier article has exactly the same text (wire copy)
``duplicate_of``  doc_id of that earlier article, else missing
=============== ==========================================================================

plus every other metadata column the input carries, unchanged. Articles read from raw text
files are split by :func:`toolkit.parse_article` and carry its parts as the columns
``headline, lede, dateline, dateline_place, dateline_date, dateline_agency, subheadings,
body, credit, debris``.

Nothing is dropped silently: with ``errors="raise"`` (the default) any bad input raises a
:class:`CorpusError` listing every problem found; with ``errors="collect"`` the good
articles are loaded and each bad one is reported in :func:`corpus_problems`.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from toolkit._version import __version__
from toolkit.articles import parse_article
from toolkit.boilerplate import Boilerplate
from toolkit.clean import clean_corpus
from toolkit.cleanrules import CLEAN_COLUMNS
from toolkit.errors import (
    CorpusError,
    CorpusWarning,
    format_problems,
    problem,
    problem_frame,
)
from toolkit.files import BLOCK
from toolkit.schema import (
    CORE_COLUMNS,
    DATE_RANGE,
    FLAG_COLUMNS,
    PARSED_COLUMNS,
    PROVENANCE_COLUMNS,
    Errors,
)
from toolkit.sources import Batch, is_missing

# --------------------------------------------------------------------------------------
# normalising rows into the corpus schema


def _by_blocks(values: pd.Series, func: Callable[[pd.Series], pd.Series]) -> pd.Series:
    if len(values) <= BLOCK:
        return func(values)
    return pd.concat([func(values.iloc[i : i + BLOCK]) for i in range(0, len(values), BLOCK)])


#: Characters that are never white space (by ``str.isspace`` or Unicode), so a text that
#: starts and ends with one is kept as it is.
_NOT_SPACE = re.compile(r"[^\W_]|[!-/:-@\[-`{-~]")


def _clean_text_column(values: pd.Series) -> pd.Series:
    """Empty or white-space-only texts to missing, other texts stripped, as a ``string``
    column. For a string column only the rows that can change (white space or another
    character at an edge, or an empty text) are read as Python strings: the rest keep
    their storage, and a large corpus is not copied."""
    if not isinstance(values.dtype, pd.StringDtype) or len(values) == 0:
        return _by_blocks(values, _clean_block)
    out = values.astype("string")
    ends = pd.concat([values.str[0], values.str[-1]], ignore_index=True)
    safe = [c for c in ends.dropna().unique().tolist() if _NOT_SPACE.fullmatch(c)]
    edge_ok = ends.isin(safe).to_numpy(dtype=bool, na_value=False)
    n = len(values)
    empty = ~(values.str.len() > 0).to_numpy(dtype=bool, na_value=False)  # missing too
    maybe = empty | ~edge_ok[:n] | ~edge_ok[n:]
    if maybe.any():
        pos = np.flatnonzero(maybe)
        out = out.copy()
        out.iloc[pos] = _clean_block(values.iloc[pos]).array
    return out


def _clean_block(values: pd.Series) -> pd.Series:
    out = values.astype("object").where(~is_missing(values), None)
    return out.map(lambda v: v.strip() if isinstance(v, str) else v).astype("string")


def check_date_format(date_format: str | None) -> None:
    """A ValueError naming ``date_format`` when it holds a directive strptime lacks."""
    if date_format is None:
        return
    if not isinstance(date_format, str) or "%" not in date_format:
        raise ValueError(
            f"date_format={date_format!r} is not a strftime format; use codes such as "
            "'%Y-%m-%d', '%m/%d/%Y' or '%d %B %Y'"
        )
    try:
        pd.to_datetime(pd.Series(["2016"]), format=date_format, errors="coerce")
    except ValueError as err:
        raise ValueError(
            f"date_format={date_format!r} is not valid ({err}); use strftime codes such as "
            "'%Y-%m-%d', '%m/%d/%Y' or '%d %B %Y'"
        ) from None


def _parse_dates(values: pd.Series, date_format: str | None) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        parsed = pd.to_datetime(values, utc=True)
    else:
        text = values.astype("string").str.strip()
        parsed = pd.to_datetime(text, format=date_format or "ISO8601", utc=True, errors="coerce")
    return parsed.dt.tz_localize(None)


def _apply_parse(frame: pd.DataFrame) -> pd.DataFrame:
    if len(frame) > BLOCK:
        return pd.concat(
            [_apply_parse(frame.iloc[i : i + BLOCK]) for i in range(0, len(frame), BLOCK)]
        )
    parts = [
        parse_article(t).to_dict() if isinstance(t, str) else {} for t in frame["text"].tolist()
    ]
    parsed = pd.DataFrame.from_records(parts, index=frame.index, columns=[*PARSED_COLUMNS, "text"])
    for col in ("subheadings", "debris"):
        parsed[col] = parsed[col].map(lambda v: "\n".join(v) if isinstance(v, tuple) else v)
    frame = frame.copy()
    frame["text"] = parsed["text"]
    for col in PARSED_COLUMNS:
        part = parsed[col].astype("string")
        frame[col] = part.where(part != "")
    fill = {"title": "headline", "place": "dateline_place", "outlet": "dateline_agency"}
    for target, source in fill.items():
        found = frame[source].where(frame[source].fillna("") != "")
        if target in frame.columns:
            frame[target] = frame[target].where(~is_missing(frame[target]), found)
        else:
            frame[target] = found
    return frame


def finalise(
    batches: Sequence[Batch],
    *,
    date_format: str | None,
    language: str | None,
    parse: bool | Literal["auto"],
    id_prefix: str | None,
    default_prefixes: Sequence[str],
    errors: Errors,
    options: Mapping[str, Any],
    allow_empty: bool = False,
    clean: bool | Boilerplate = False,
) -> pd.DataFrame:
    """The corpus checks and columns, applied to what the readers gave. ``allow_empty``:
    a chunk of a stream may hold no article; a whole input must hold one. ``clean``:
    remove furniture (:func:`toolkit.clean.clean_corpus`) with boilerplate learned from
    these articles (True) or the one given."""
    problems: list[dict[str, Any]] = [p for b in batches for p in b.problems]
    frames = []
    for batch, prefix in zip(batches, default_prefixes, strict=True):
        frame = batch.frame.copy()
        do_parse = batch.parsed if parse == "auto" else parse
        if do_parse and len(frame):
            frame = _apply_parse(frame)
        if "doc_id" not in frame.columns:
            frame["doc_id"] = pd.NA
        rows = frame["source_row"] if "source_row" in frame.columns else range(1, len(frame) + 1)
        generated = [f"{id_prefix or prefix}-{int(r):06d}" for r in rows]
        ids = frame["doc_id"].astype("string").str.strip()
        frame["doc_id"] = ids.where(
            ~is_missing(frame["doc_id"]), pd.Series(generated, index=frame.index)
        )
        if "source_file" not in frame.columns:
            frame["source_file"] = None
        frames.append(frame)
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if frame.empty and not problems:
        if allow_empty:
            return empty_corpus(options)
        raise CorpusError(nothing_loaded(options))

    for col in CORE_COLUMNS:
        if col not in frame.columns:
            frame[col] = pd.NA
    if "source_row" not in frame.columns:
        frame["source_row"] = pd.NA
    frame["source_row"] = frame["source_row"].astype("Int64")

    bad = pd.Series(False, index=frame.index)

    def report(mask: pd.Series, message: Any) -> None:
        nonlocal bad
        for i in frame.index[mask & ~bad]:
            msg = message(i) if callable(message) else message
            problems.append(
                problem(
                    str(frame.at[i, "source_file"]),
                    msg,
                    opt_int(frame.at[i, "source_row"]),
                    frame.at[i, "doc_id"],
                )
            )
        bad = bad | mask

    if frame["text"].dtype == object:
        kinds = frame["text"].map(
            lambda v: "" if v is None or isinstance(v, str) else type(v).__name__
        )
        report(kinds != "", lambda i: f"text is a {kinds.at[i]}, not a string")
        frame["text"] = frame["text"].where(kinds == "", None)
    text = _clean_text_column(frame["text"])
    report(text.isna(), "empty text: the article has no text (or only navigation debris)")
    frame["text"] = text

    raw_dates = frame["date"]
    dates = _parse_dates(raw_dates, date_format)
    unparsed = dates.isna() & ~is_missing(raw_dates)
    expected = f"format {date_format!r}" if date_format else "ISO 8601 (YYYY-MM-DD)"
    report(
        unparsed,
        lambda i: (
            f"unparseable date {raw_dates.at[i]!r}: expected {expected}; pass "
            "date_format=... (e.g. '%m/%d/%Y') for other formats"
        ),
    )
    if date_format is None and not pd.api.types.is_datetime64_any_dtype(raw_dates):
        coarse = raw_dates.astype("string").str.strip().str.fullmatch(r"[+-]?\d{4}(-\d{1,2})?")
        report(
            coarse.fillna(False).astype(bool),
            lambda i: (
                f"date {raw_dates.at[i]!r} gives no day: it is not put on the 1st of the "
                "year or month silently; give full dates, or pass date_format='%Y' (or "
                "'%Y-%m') to place such dates on the first day"
            ),
        )
    lo, hi = DATE_RANGE
    out_of_range = (dates.dt.year < lo) | (dates.dt.year > hi)
    report(
        out_of_range.fillna(False).astype(bool),
        lambda i: (
            f"date {raw_dates.at[i]!r} lies outside the years {lo}-{hi} (a typo?); "
            "correct it or leave the cell empty"
        ),
    )
    frame["date"] = dates

    for col in ("title", "outlet", "place", "language"):
        frame[col] = _clean_text_column(frame[col])
    if language is not None:
        frame["language"] = frame["language"].fillna(language)

    dup_id = frame["doc_id"].duplicated(keep="first") & ~bad
    first_at = frame.loc[~frame["doc_id"].duplicated(keep="first")].set_index("doc_id")
    report(
        dup_id,
        lambda i: (
            "duplicate doc_id: already used at "
            + str(first_at.at[frame.at[i, "doc_id"], "source_file"])
            + row_suffix(first_at.at[frame.at[i, "doc_id"], "source_row"])
        ),
    )

    problems.sort(key=lambda p: (str(p["source_file"]), opt_int(p["source_row"]) or 0))
    if problems and errors == "raise":
        raise CorpusError(
            f"{len(problems)} problem(s) in the input; fix them, or pass errors='collect' to load "
            f"the good articles and list the bad ones:\n{format_problems(problems)}",
            problem_frame(problems),
        )

    frame = frame.loc[~bad]
    if frame.empty and not allow_empty:
        raise CorpusError(
            f"{nothing_loaded(options, every_bad=True)}:\n{format_problems(problems)}",
            problem_frame(problems),
        )
    if clean is not False and len(frame):
        model = clean if isinstance(clean, Boilerplate) else None
        frame = clean_corpus(frame, boilerplate=model)
    frame = flag_duplicates(frame, frame["doc_id"])

    frame["source_file"] = frame["source_file"].astype("string")
    frame = frame.set_index("doc_id")
    frame.index = frame.index.astype("string")
    frame.index.name = "doc_id"
    frame = frame[column_order(frame.columns)]
    frame.attrs["toolkit"] = {"toolkit_version": __version__, **options}
    frame.attrs["problems"] = problems
    if problems:
        warnings.warn(
            f"{len(problems)} input article(s) or file(s) were not loaded; "
            f"see toolkit.corpus_problems(corpus):\n{format_problems(problems, limit=5)}",
            CorpusWarning,
            stacklevel=3,
        )
    return frame


def nothing_loaded(options: Mapping[str, Any], every_bad: bool = False) -> str:
    where = ", ".join(map(str, options.get("loaded_from", []))) or "the input"
    if every_bad:
        return f"no article could be loaded from {where}: each one has a problem"
    return (
        f"no article could be loaded from {where}: it is empty (no rows, a header only, or "
        "no .txt file in the folder)"
    )


def _in_blocks(values: pd.Series) -> Iterator[Any]:
    """The values as Python objects, :data:`BLOCK` at a time (a string column stored by
    Arrow is not turned into Python strings all at once)."""
    for i in range(0, len(values), BLOCK):
        yield from values.iloc[i : i + BLOCK].tolist()


def text_keys(texts: Iterable[Any]) -> list[bytes | None]:
    """The key duplicates are found by: a 128-bit BLAKE2 digest of the text with white
    space (``str.split``) normalised; None for a missing text. Streaming and lazy dask
    loads use the same key to flag duplicates across chunks and partitions."""
    return [
        hashlib.blake2b(
            " ".join(t.split()).encode("utf-8", "surrogatepass"), digest_size=16
        ).digest()
        if isinstance(t, str)
        else None
        for t in texts
    ]


def flag_duplicates(frame: pd.DataFrame, ids: pd.Series | pd.Index) -> pd.DataFrame:
    """The frame with ``is_duplicate`` and ``duplicate_of`` set: same text as an earlier
    row, white space (``str.split``) ignored. Texts are compared by a 128-bit BLAKE2
    digest of their normalised form, one text at a time, so no second copy of the corpus
    is made."""
    frame = frame.copy()
    norm = pd.Series(text_keys(_in_blocks(frame["text"])), index=frame.index, dtype=object)
    first_id = (
        pd.Series(np.asarray(ids), index=frame.index).groupby(norm.to_numpy()).transform("first")
    )
    frame["is_duplicate"] = norm.duplicated(keep="first").to_numpy(dtype=bool)
    frame["duplicate_of"] = first_id.where(frame["is_duplicate"]).astype("string")
    return frame


def combine_corpora(*corpora: pd.DataFrame) -> pd.DataFrame:
    """Stack corpora into one, checking doc_ids and flagging duplicates across them.

    Parameters
    ----------
    *corpora : pandas.DataFrame
        Corpora from :func:`load_corpus`, :func:`as_corpus` or :func:`toolkit.load_fakes`.

    Returns
    -------
    pandas.DataFrame
        One corpus; columns a corpus lacks are missing for its rows; ``is_duplicate`` and
        ``duplicate_of`` are recomputed over all rows (wire copy across sources is found).

    Raises
    ------
    CorpusError
        If a doc_id occurs in more than one corpus.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit import as_corpus
    >>> a = as_corpus(pd.DataFrame({"text": ["Same wire text."]}), id_prefix="a")
    >>> b = as_corpus(pd.DataFrame({"text": ["Same  wire text."]}), id_prefix="b")
    >>> combine_corpora(a, b)[["is_duplicate", "duplicate_of"]]
                is_duplicate duplicate_of
    doc_id
    a-000001           False         <NA>
    b-000001            True     a-000001
    """
    if not corpora:
        raise ValueError("combine_corpora() needs at least one corpus")
    frame = pd.concat(corpora)
    dup = frame.index[frame.index.duplicated()]
    if len(dup):
        raise CorpusError(
            f"combine_corpora(): doc_id(s) {sorted(set(dup))[:5]} occur in more "
            "than one corpus; give one of them another id_prefix"
        )
    frame = flag_duplicates(frame, frame.index)
    frame.attrs = {
        "toolkit": {
            "toolkit_version": __version__,
            "loaded_from": [
                src for c in corpora for src in c.attrs.get("toolkit", {}).get("loaded_from", [])
            ],
        },
        "problems": [p for c in corpora for p in c.attrs.get("problems", [])],
    }
    return frame


def opt_int(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def row_suffix(row: Any) -> str:
    return "" if row is None or pd.isna(row) else f", row {int(row)}"


def column_order(columns: Iterable[str]) -> list[str]:
    columns = list(columns)
    head = [c for c in CORE_COLUMNS if c in columns]
    parsed = [c for c in PARSED_COLUMNS if c in columns]
    tail = [c for c in (*CLEAN_COLUMNS, *PROVENANCE_COLUMNS, *FLAG_COLUMNS) if c in columns]
    fixed = set(head) | set(parsed) | set(tail)
    extra = [c for c in columns if c not in fixed]
    return head + parsed + extra + tail


def empty_corpus(options: Mapping[str, Any]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "text": pd.Series(dtype="string"),
            "title": pd.Series(dtype="string"),
            "outlet": pd.Series(dtype="string"),
            "date": pd.Series(dtype="datetime64[ns]"),
            "place": pd.Series(dtype="string"),
            "language": pd.Series(dtype="string"),
            "source_file": pd.Series(dtype="string"),
            "source_row": pd.Series(dtype="Int64"),
            "is_duplicate": pd.Series(dtype=bool),
            "duplicate_of": pd.Series(dtype="string"),
        },
        index=pd.Index([], dtype="string", name="doc_id"),
    )
    frame.attrs["toolkit"] = {"toolkit_version": __version__, **options}
    frame.attrs["problems"] = []
    return frame
