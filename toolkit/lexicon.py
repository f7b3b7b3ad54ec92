"""Dictionaries: lexicon files with provenance, and counting their categories per article.

A lexicon is a YAML file::

    name: epistemic-markers
    version: "1.0"
    source: where the words come from
    citation: the publication to cite
    licence: the licence of the list
    author: who wrote the list
    categories:
      hedge:
        description: words that distance the writer from a claim
        terms: [reportedly, allegedly, "it is believed", "unconfirm*"]

Terms are whole words (``reportedly``), globs (``unconfirm*``, ``civilian?``: the toolkit's
one dialect, :data:`toolkit._match.GLOB_CHAR`) or phrases of several words (``it is
believed``); matching ignores case and treats curly and
straight apostrophes alike, with the toolkit's token boundaries (:mod:`toolkit.text`).
LIWC-style ``.dic`` files (a ``%``-delimited category header, then one term per line with
its category numbers) are read too. The toolkit's own lexicons live in
``toolkit/lexicons/`` and are loaded by name (:func:`load_lexicon`).

Matches inside direct quotation marks (:func:`toolkit.quotes.quote_spans`) are counted
apart from the outlet's own voice: ``voice`` is ``quoted`` or ``authorial``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit._match import Runs, corpus_runs, match_terms, term_order
from toolkit.dispatch import per_article
from toolkit.errors import LexiconError
from toolkit.wordlists import PROVENANCE_FIELDS, Lexicon, available_lexicons, load_lexicon

__all__ = [
    "PROVENANCE_FIELDS",
    "Lexicon",
    "LexiconError",
    "available_lexicons",
    "lexicon_counts",
    "load_lexicon",
]

# ---------------------------------------------------------------------------- matching


def category_matches(runs: Runs, lex: Lexicon) -> Iterator[tuple[int, pd.DataFrame]]:
    """Each category's position and its matches (``doc, start, label, quoted, named``,
    :func:`toolkit._match.match_terms`) in the runs. Not counted: a match inside a proper
    name (:func:`toolkit.text.name_spans`: "Syrian Observatory for *Human Rights*", "*Party
    of God*": the word names an organisation there), and a term inside one of the
    category's exceptions (``lex.exceptions``: "claimed responsibility" is no hedge), which
    are matched with the terms, the longer match winning."""
    for c, (cat, terms) in enumerate(lex.categories.items()):
        order = term_order(terms)
        if not order:
            raise ValueError(f"lexicon {lex.name!r}: category {cat!r} has no usable term")
        excepted = set(term_order(lex.exceptions.get(cat, ())))
        alternatives = [(int(t in excepted), t) for t in term_order([*order, *excepted])]
        found = match_terms(runs, alternatives)
        keep = ~found["named"].to_numpy()  # a cue inside a name names, not frames
        if excepted:
            keep &= found["label"].to_numpy() == 0
        yield c, found[keep]


@dataclass(frozen=True)
class Tallies:
    """Matches of each category per article, arrays of shape (articles, categories)."""

    total: np.ndarray  #: every match
    quoted: np.ndarray  #: inside direct quotation marks
    lead: np.ndarray  #: in the first ``lead_words`` runs of the text (:func:`lead_offsets`)


def category_tallies(runs: Runs, lex: Lexicon, lead_words: int = 0) -> Tallies:
    """Count each category's matches per article in the runs: all, quoted, in the lead.
    Matches inside proper names and exceptions are not counted (:func:`category_matches`)."""
    ends = lead_offsets(runs, lead_words)
    shape = (runs.n_docs, len(lex.categories))
    total, quoted, lead = (np.zeros(shape, dtype=np.int64) for _ in range(3))
    for c, found in category_matches(runs, lex):
        doc = found["doc"].to_numpy()
        total[:, c] = np.bincount(doc, minlength=runs.n_docs)
        quoted[:, c] = np.bincount(doc[found["quoted"].to_numpy()], minlength=runs.n_docs)
        early = found["start"].to_numpy() < ends[doc]
        lead[:, c] = np.bincount(doc[early], minlength=runs.n_docs)
    return Tallies(total, quoted, lead)


def category_counts(
    corpus: pd.DataFrame, lex: Lexicon, runs: Runs | None = None
) -> tuple[np.ndarray, np.ndarray, Runs]:
    """Matches of each category per article: (all, quoted) arrays of shape
    (articles, categories), and the corpus runs (computed unless given)."""
    if runs is None:
        runs = corpus_runs(corpus["text"].tolist())
    tallies = category_tallies(runs, lex)
    return tallies.total, tallies.quoted, runs


def lead_offsets(runs: Runs, n_words: int) -> np.ndarray:
    """Per article, the character offset where its lead of ``n_words`` runs of word
    characters ends (the end of the text, as a large number, when it is shorter; 0 for
    ``n_words=0``)."""
    first = np.searchsorted(runs.doc, np.arange(runs.n_docs + 1))
    after = first[:-1] + n_words
    inside = after < first[1:]
    ends = np.full(runs.n_docs, np.iinfo(np.int64).max, dtype=np.int64)
    ends[inside] = runs.start[after[inside]]
    return ends


@per_article("mention")
def lexicon_counts(
    corpus: pd.DataFrame,
    lexicon: str | Path | Lexicon | Mapping[str, Iterable[str]],
    *,
    n_jobs: int = 1,
) -> pd.DataFrame:
    """Count each category of a lexicon in each article, by voice.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    lexicon : str, Path, Lexicon or mapping
        Anything :func:`load_lexicon` accepts.
    n_jobs : int, default 1
        {n_jobs}

    Returns
    -------
    pandas.DataFrame
        Long table, one row per (article, category, voice) for voices ``all``,
        ``authorial`` (outside direct quotation marks) and ``quoted``: ``doc_id, category,
        voice, count, n_tokens`` (word tokens in that voice), ``per_1k``
        (``1000 * count / n_tokens``; NaN when the voice has no tokens). Every article and
        category appears, with zero counts.

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> corpus = toolkit.as_corpus(pd.DataFrame({"text": [
    ...     'The town was reportedly hit. "It was allegedly a drone," he said.']}))
    >>> counts = lexicon_counts(corpus, {"hedge": ["reportedly", "allegedly"]})
    >>> counts[["voice", "count", "n_tokens", "per_1k"]]
           voice  count  n_tokens      per_1k
    0        all      2        12  166.666667
    1  authorial      1         7  142.857143
    2     quoted      1         5  200.000000
    """
    lex = load_lexicon(lexicon)
    total, quoted, runs = category_counts(corpus, lex)
    n_docs, n_cats = total.shape
    counts = np.stack([total, total - quoted, quoted], axis=2)  # doc, category, voice
    n_all, n_quoted = runs.n_tokens, runs.n_quoted
    sizes = np.stack([n_all, n_all - n_quoted, n_quoted], axis=1)[:, None, :]
    table = pd.DataFrame(
        {
            "doc_id": np.repeat(corpus.index.to_numpy(), n_cats * 3),
            "category": np.tile(np.repeat(np.asarray(list(lex.categories)), 3), n_docs),
            "voice": np.tile(np.asarray(["all", "authorial", "quoted"]), n_docs * n_cats),
            "count": counts.ravel(),
            "n_tokens": np.broadcast_to(sizes, counts.shape).ravel(),
        }
    )
    table["per_1k"] = np.where(
        table["n_tokens"] > 0, 1000.0 * table["count"] / table["n_tokens"].clip(lower=1), np.nan
    )
    table.attrs["toolkit"] = {
        "function": "lexicon_counts",
        "lexicon": lex.name,
        **{f: lex.meta.get(f) for f in PROVENANCE_FIELDS},
    }
    return table
