"""The toolkit's exceptions and warnings, and the table of input problems.

Every error the toolkit raises about its input derives from :class:`ToolkitError`, so a
program (or the ``toolkit`` command) can catch them all in one place. Each also derives
from the built-in exception it refines (``ValueError`` for bad content, ``OSError`` for
a dataset that cannot be had), so existing ``except ValueError`` code keeps working.

A *problem* is one input article, row, line or file that could not be loaded: a dict
with the keys of :data:`PROBLEM_COLUMNS`. :func:`problem_frame` makes the table that
:func:`toolkit.corpus_problems` and ``CorpusError.problems`` return.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "PROBLEM_COLUMNS",
    "CorpusError",
    "CorpusWarning",
    "DatasetError",
    "LexiconError",
    "ToolkitError",
    "check_count",
    "format_problems",
    "problem",
    "problem_frame",
]

PROBLEM_COLUMNS: tuple[str, ...] = ("source_file", "source_row", "doc_id", "problem")


class ToolkitError(Exception):
    """Base of every error the toolkit raises about its input or data."""


class CorpusError(ToolkitError, ValueError):
    """Raised when input cannot be loaded as a corpus.

    Attributes
    ----------
    problems : pandas.DataFrame
        Every problem found, with columns ``source_file, source_row, doc_id, problem``.
    """

    def __init__(self, message: str, problems: pd.DataFrame | None = None) -> None:
        super().__init__(message)
        self.problems = problems if problems is not None else problem_frame([])


class LexiconError(ToolkitError, ValueError):
    """A lexicon or label-set file is malformed; the message names the file and line."""


class DatasetError(ToolkitError, OSError):
    """A dataset could not be downloaded or failed its checksum.

    Attributes
    ----------
    where : pathlib.Path or None
        Where the toolkit looks for the dataset's file (put a copy there to work offline).
    """

    def __init__(self, message: str, *, where: Any = None) -> None:
        super().__init__(message)
        self.where = where


class CorpusWarning(UserWarning):
    """Warns that ``errors="collect"`` left some input articles out (see the problems)."""


def problem(source_file: str, what: str, row: int | None = None, doc_id: Any = None) -> dict:
    """One problem record: the file, the 1-based row or line (if any), the doc_id (if
    known) and what is wrong.

    Examples
    --------
    >>> problem("a.csv", "empty text", 3)
    {'source_file': 'a.csv', 'source_row': 3, 'doc_id': None, 'problem': 'empty text'}
    """
    return {"source_file": source_file, "source_row": row, "doc_id": doc_id, "problem": what}


def problem_frame(records: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """The problems as a table with the columns of :data:`PROBLEM_COLUMNS`.

    Examples
    --------
    >>> problem_frame([problem("a.csv", "empty text", 3)]).loc[0, "source_row"]
    np.int64(3)
    """
    frame = pd.DataFrame(list(records), columns=list(PROBLEM_COLUMNS))
    frame["source_row"] = frame["source_row"].astype("Int64")
    return frame


def format_problems(problems: Sequence[Mapping[str, Any]], limit: int = 10) -> str:
    """The first ``limit`` problems as indented lines for an error message.

    Examples
    --------
    >>> print(format_problems([problem("a.csv", "empty text", 3, "a-000003")]))
      - a.csv, row 3 (doc_id 'a-000003'): empty text
    """
    lines = []
    for p in problems[:limit]:
        where = str(p["source_file"])
        if p["source_row"] is not None and not pd.isna(p["source_row"]):
            where += f", row {p['source_row']}"
        if p["doc_id"] is not None and not pd.isna(p["doc_id"]):
            where += f" (doc_id {p['doc_id']!r})"
        lines.append(f"  - {where}: {p['problem']}")
    if len(problems) > limit:
        lines.append(f"  ... and {len(problems) - limit} more (see the error's .problems table)")
    return "\n".join(lines)


def check_count(name: str, value: Any, *, minimum: int = 0, hint: str = "") -> int:
    """``value`` if it is a whole number >= ``minimum``; else a ValueError naming the
    argument and what is valid.

    Examples
    --------
    >>> check_count("n_boot", 200)
    200
    >>> check_count("bootstrap", -1)
    Traceback (most recent call last):
    ValueError: bootstrap=-1 is not valid: give a whole number >= 0
    """
    ok = isinstance(value, int | np.integer) and not isinstance(value, bool)
    if not ok or value < minimum:
        raise ValueError(
            f"{name}={value!r} is not valid: give a whole number >= {minimum}"
            + (f" ({hint})" if hint else "")
        )
    return int(value)


def check_choice(name: str, value: Any, allowed: Iterable[Any]) -> None:
    """The one check of an option against its allowed values: a ValueError naming the
    argument, the value given and the values that are valid.

    Examples
    --------
    >>> check_choice("errors", "ignore", ("raise", "collect"))
    Traceback (most recent call last):
    ...
    ValueError: errors='ignore' is not valid; use one of: 'raise', 'collect'
    """
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValueError(
            f"{name}={value!r} is not valid; use one of: {', '.join(repr(a) for a in allowed)}"
        )


def renamed(func: str, old: str, old_value: Any, new: str, new_value: Any, default: Any) -> Any:
    """The value of an argument that was renamed: ``new_value``, or ``old_value`` given under
    the old name with a DeprecationWarning (the old names keep working for one release).
    Both given (the new one not at its default) is a TypeError.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     renamed("keyness", "bootstrap", 200, "n_boot", 0, 0)
    200
    >>> str(caught[0].message)
    'keyness(bootstrap=...) is deprecated: use n_boot=...'
    """
    if old_value is None:
        return new_value
    if new_value != default:
        raise TypeError(f"{func}(): give {new}= only ({old}= is its old name)")
    warnings.warn(
        f"{func}({old}=...) is deprecated: use {new}=...", DeprecationWarning, stacklevel=3
    )
    return old_value
