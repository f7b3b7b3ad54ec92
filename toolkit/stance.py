"""Epistemic stance: hedges, boosters and weasel phrases (Hyland 1998, 2005; Farkas et al.
2010; Recasens et al. 2013) and numbers, per 1,000 words, in the outlet's voice and in
quotes (``lexicons/epistemic.yaml``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from toolkit._match import Runs
from toolkit.dispatch import per_article
from toolkit.lexicon import category_counts
from toolkit.text import tokens as corpus_tokens
from toolkit.wordlists import (
    PROVENANCE_FIELDS,
    Lexicon,
    load_lexicon,
)

__all__ = ["epistemic", "epistemic_from_runs"]

# ---------------------------------------------------------------------------- epistemic

_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred hundreds thousand thousands million millions billion billions dozen "
    "dozens".split()
)


@per_article("article")
def epistemic(corpus: pd.DataFrame, *, lexicon: Any = "epistemic", n_jobs: int = 1) -> pd.DataFrame:
    """Hedges, boosters and weasel phrases per 1,000 words, in the outlet's voice and in
    quotes, and numbers per 1,000 words.

    Method: the metadiscourse categories of Hyland (2005): hedges withhold commitment to a
    claim (modal verbs and adverbs such as may, possibly, likely; epistemic verbs such as
    suggest, appear, believe, claim; approximators; attribution hedges such as reportedly,
    allegedly, "could not be independently verified"), boosters close alternatives down
    (clearly, in fact, demonstrated); and the weasel phrases of Farkas et al. (2010), a
    vague or unnamed source ("some say", "it is believed", "critics argue", "many"),
    counted among the hedges and on their own. The lists and their departures from Hyland's
    (``lexicons/epistemic.yaml``): "about", "would", "should" and "must" are left out, whose
    usual sense in news is not a hedge or a booster. Cues do not read scope: "may" in "the
    month of May" is a hedge here.

    Validity: not measured on human codes in this project yet (its target is the
    hand-labelled uncertainty of Wikipedia sentences, Farkas et al. 2010: a sentence with a
    hedge should be uncertain more often than one without). Validate on your own corpus.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    lexicon : lexicon, default "epistemic"
        Categories ``hedge`` and ``booster`` and, optionally, ``weasel``
        (``lexicons/epistemic.yaml``).
    n_jobs : int, default 1
        {n_jobs}

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id``: ``hedges_per_1k``, ``boosters_per_1k``, ``weasels_per_1k``
        (outside direct quotes, per 1,000 words outside quotes; a weasel phrase is a hedge
        too), ``hedges_quoted_per_1k``, ``boosters_quoted_per_1k``,
        ``weasels_quoted_per_1k`` (inside quotes, per 1,000 quoted words; NaN without
        quotes), ``numbers_per_1k`` (words with a digit, and number words from "two" to
        "billion", per 1,000 words; military briefings are number-dense). Without a
        ``weasel`` category the weasel columns are left out.

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> corpus = toolkit.as_corpus(pd.DataFrame({"text": [
    ...     "Jets reportedly made 444 sorties. Some say dozens of targets were hit."]}))
    >>> table = epistemic(corpus)
    >>> table.iloc[0][["hedges_per_1k", "weasels_per_1k", "numbers_per_1k"]].tolist()
    [166.66666666666666, 83.33333333333333, 166.66666666666666]
    """
    return epistemic_from_runs(corpus, lexicon, None, None)


def epistemic_from_runs(
    corpus: pd.DataFrame, lexicon: Any, runs: Runs | None, toks: pd.Series | None
) -> pd.DataFrame:
    lex = load_lexicon(lexicon)
    cats = dict(lex.categories)
    for cat in ("hedge", "booster"):
        if cat not in cats:
            raise ValueError(
                f"epistemic(): lexicon {lex.name!r} has no {cat!r} category "
                f"(it has {', '.join(cats)})"
            )
    measured = {"hedges": cats["hedge"] + cats.get("weasel", ()), "boosters": cats["booster"]}
    kept = {
        name: lex.exceptions.get(cat, ())
        for name, cat in (("hedges", "hedge"), ("boosters", "booster"), ("weasels", "weasel"))
    }
    kept["hedges"] += lex.exceptions.get("weasel", ())
    if "weasel" in cats:
        measured["weasels"] = cats["weasel"]
    # a weasel phrase is a hedge: hedges are matched with the weasel phrases, once each
    counting = Lexicon(lex.name, dict(measured), lex.meta, {k: v for k, v in kept.items() if v})
    total, quoted, runs = category_counts(corpus, counting, runs)
    authorial_n = runs.n_tokens - runs.n_quoted
    out = pd.DataFrame(index=corpus.index)
    for c, name in enumerate(measured):
        authorial = total[:, c] - quoted[:, c]
        out[f"{name}_per_1k"] = np.where(
            authorial_n > 0, 1000.0 * authorial / np.maximum(authorial_n, 1), np.nan
        )
        out[f"{name}_quoted_per_1k"] = np.where(
            runs.n_quoted > 0, 1000.0 * quoted[:, c] / np.maximum(runs.n_quoted, 1), np.nan
        )
    if toks is None:
        toks = corpus_tokens(corpus)
    out["numbers_per_1k"] = _numbers_per_1k(toks).to_numpy()
    out.attrs["toolkit"] = {
        "function": "epistemic",
        "lexicon": lex.name,
        **{f: lex.meta.get(f) for f in PROVENANCE_FIELDS},
    }
    return out


@lru_cache(maxsize=1)
def _digit_line() -> re.Pattern[str]:
    """A whole line (one token per line) holding a character for which str.isdigit() is true:
    a decimal digit (regex ``\\d``, the same characters as str.isdecimal) or one of the
    other digits (superscripts, circled numbers), all below U+20000 in Python's Unicode
    data (``tests/test_match.py`` checks this against every code point)."""
    other = "".join(ch for ch in map(chr, range(0x20000)) if ch.isdigit() and not ch.isdecimal())
    return re.compile(f"^[^\n]*?[\\d{re.escape(other)}][^\n]*", re.MULTILINE)


def _numbers_per_1k(toks: pd.Series) -> pd.Series:
    """Tokens with a digit, and number words, per 1,000 tokens (NaN without tokens)."""
    lists = toks.tolist()
    # which distinct tokens are numbers, decided once per distinct token (tokens hold no
    # line break: one per line, a line with a digit is a number)
    distinct = set().union(*lists) if lists else set()
    numeric = set(_digit_line().findall("\n".join(distinct)))
    numeric |= _NUMBER_WORDS
    is_number = numeric.__contains__
    values = [
        1000.0 * sum(map(is_number, words)) / len(words) if words else np.nan for words in lists
    ]
    return pd.Series(values, index=toks.index, dtype=float)
