"""Dictionary matching for a whole corpus at once: words, globs and phrases at token bounds.

A term matches where the regular expression ``TOKEN_START term TOKEN_END`` of
:func:`term_regex` would match in the article's lower-cased text (words joined by
whitespace, ``*`` standing for any word characters, hyphens and apostrophes). Such a match
always starts at the first character of a *run*, a maximal stretch of word characters,
hyphens and apostrophes, and each word of a term covers one run. So the corpus is cut into
runs once (:func:`corpus_runs`), every distinct run gets an id, and a term's words are
looked up in the vocabulary of runs instead of in the text:

* a word without ``*`` is a dictionary look-up (a final word also matches a run that goes
  on with an apostrophe not followed by a letter, ``rebels'``, as ``TOKEN_END`` allows);
* a word ending in ``*`` is a prefix range of the sorted vocabulary;
* any other glob (``*`` inside, ``?``: :data:`GLOB_CHAR`) is one regular expression over
  the vocabulary, not over the text;
* a phrase is a chain of such words on consecutive runs separated by whitespace only.

The terms of one set (a lexicon category, or the labels of one referent) are tried in the
order :func:`term_regex` writes them, longest first, and matches do not overlap, as
``finditer`` reports them. A set with a term this scheme cannot express (a character
outside words, hyphens and apostrophes, such as ``$``) is matched with the regular
expression itself, article by article. Tests check both paths give the regex's matches on
FA-KES and on generated text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

import numpy as np
import pandas as pd

from toolkit.memo import per_text
from toolkit.quotemarks import clear_cache as clear_quote_cache
from toolkit.quotemarks import quote_spans
from toolkit.text import (
    TOKEN_PATTERN,
    clear_sentence_cache,
    name_spans,
    normalise,
    normalise_offsets,
    tokenize,
)

TOKEN_START = r"(?<![\w'\-])"
TOKEN_END = r"(?![\w\-]|'\w)"

_RUN = re.compile(r"([\w'\-]+)")
_TOKEN_SPLIT = re.compile(f"({TOKEN_PATTERN.pattern})", TOKEN_PATTERN.flags)
_WORD_CHAR = re.compile(r"\w")
_REGULAR_WORD = re.compile(r"[\w'\-*?]+")


#: The toolkit's one glob dialect, for every function that takes terms (lexicons, label
#: sets, targets, :func:`toolkit.kwic`, :func:`toolkit.term_trends`): within one token,
#: ``*`` stands for any number of word characters, hyphens and apostrophes (``terror*``:
#: terror, terrorist, terror-related), ``?`` for exactly one (``civilian?``: civilians);
#: every other character is itself. A glob never crosses a space; a phrase is words or
#: globs separated by spaces.
GLOB_CHAR = r"[\w'\-]"
GLOB_CHARS = "*?"


def word_pattern(word: str) -> str:
    """The regex source of one word or glob of the dialect (:data:`GLOB_CHAR`).

    Examples
    --------
    >>> bool(re.fullmatch(word_pattern("civilian?"), "civilians"))
    True
    >>> bool(re.fullmatch(word_pattern("terror*"), "terror-related"))
    True
    >>> bool(re.fullmatch(word_pattern("u.s."), "uxsx"))
    False
    """
    return re.escape(word).replace(r"\*", GLOB_CHAR + "*").replace(r"\?", GLOB_CHAR)


def term_pattern(term: str) -> str:
    """The regex source of one term (word, glob or phrase), without token boundaries."""
    words = normalise(term).lower().split()
    return r"\s+".join(map(word_pattern, words))


def term_order(terms: Iterable[str]) -> list[str]:
    """The distinct normalised terms in the order :func:`term_regex` tries them."""
    # longest first; equal lengths alphabetically, so the order does not depend on hashing
    unique = sorted({normalise(t).lower().strip() for t in terms if t.strip()})
    return sorted(unique, key=len, reverse=True)


def term_regex(terms: Iterable[str]) -> re.Pattern[str]:
    """One regex matching any of the terms at token boundaries (lower-case text)."""
    unique = term_order(terms)
    if not unique:
        raise ValueError("no usable term")
    return re.compile(f"{TOKEN_START}(?:{'|'.join(map(term_pattern, unique))}){TOKEN_END}")


@per_text()
def prepare(
    text: str,
) -> tuple[str, tuple[tuple[int, int], ...], np.ndarray, tuple[str, ...] | None]:
    """Lower-cased text with the same offsets, direct-quote spans, token start offsets,
    and the tokens of :func:`toolkit.text.tokenize` when they can be read from the same
    pass (None otherwise: a character that lower-casing lengthens, or that the tokenizer's
    normalisation removes).

    Cached per text within a byte budget (:mod:`toolkit.memo`: frames, labels and
    epistemic markers read the same article); the results are read-only (tuples, and an
    array whose ``writeable`` flag is off).
    """
    same_length = normalise_offsets(text)
    lowered = same_length.lower()
    shareable = len(lowered) == len(text)
    if not shareable:  # a few characters change length when lower-cased
        lowered = same_length
    else:
        shareable = normalise(text) == same_length
    spans = tuple((q.start, q.end) for q in quote_spans(text))
    # token starts from the lengths of the gaps and tokens: one C-level split, which
    # returns the tokens too (the pattern in one capturing group), instead of a Python
    # object per match
    parts = _TOKEN_SPLIT.split(lowered)
    found = parts[1::2]
    ends = np.fromiter(accumulate(map(len, parts)), dtype=np.int64, count=len(parts))
    starts = ends[0:-1:2]
    return lowered, spans, starts, tuple(found) if shareable else None


def shared_tokens(texts: Sequence[Any]) -> list[list[str]]:
    """:func:`toolkit.text.tokenize` of each text (non-strings: no tokens), read from
    :func:`prepare` where possible."""
    out: list[list[str]] = []
    for text in texts:
        if not isinstance(text, str):
            out.append([])
            continue
        found = prepare(text)[3]
        out.append(list(found) if found is not None else tokenize(text))
    return out


def clear_text_caches() -> None:
    """Empty the per-text caches (sentence spans, quote spans, :func:`prepare`), for
    timing from scratch or freeing their memory."""
    prepare.cache_clear()
    clear_quote_cache()
    clear_sentence_cache()


def in_quote(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether a character offset lies inside one of the (sorted) spans."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def quoted_tokens(starts: np.ndarray, spans: Sequence[tuple[int, int]]) -> int:
    """Number of tokens whose start lies inside a quote span."""
    inside = np.zeros(len(starts), dtype=bool)
    for s, e in spans:
        inside |= (starts >= s) & (starts < e)
    return int(inside.sum())


# ---------------------------------------------------------------------------- runs


@dataclass
class Runs:
    """The runs of a corpus: one entry per run, in article and text order."""

    doc: np.ndarray  #: position of the article (0..n_docs-1)
    start: np.ndarray  #: character offset of the run in the article's lowered text
    ids: np.ndarray  #: vocabulary id
    ws_before: np.ndarray  #: only whitespace between this run and the previous one
    quoted: np.ndarray  #: the run starts inside a direct quote
    named: np.ndarray  #: the run starts inside a proper name (:func:`toolkit.text.name_spans`)
    vocab: np.ndarray  #: object array of the distinct runs
    lowered: list[str]  #: each article's lowered text (for the regex path)
    spans: list[Sequence[tuple[int, int]]]  #: each article's quote spans
    names: list[list[tuple[int, int]]]  #: each article's name spans
    n_tokens: np.ndarray  #: tokens per article (toolkit tokenizer)
    n_quoted: np.ndarray  #: of which inside direct quotes
    _lookup: dict[str, Any] = field(default_factory=dict)

    @property
    def n_docs(self) -> int:
        return len(self.lowered)

    def index(self) -> dict[str, int]:
        """Run -> vocabulary id."""
        if "index" not in self._lookup:
            self._lookup["index"] = {w: i for i, w in enumerate(self.vocab.tolist())}
        index: dict[str, int] = self._lookup["index"]
        return index

    def apostrophe_index(self) -> dict[str, list[int]]:
        """Word -> ids of runs that are the word followed by an apostrophe that is not
        followed by a word character (``rebels'``), which a final word matches too."""
        if "apostrophe" not in self._lookup:
            found: dict[str, list[int]] = {}
            for i, w in enumerate(self.vocab.tolist()):
                if "'" not in w:
                    continue
                for p, ch in enumerate(w):
                    if ch == "'" and p and (p + 1 == len(w) or not _WORD_CHAR.match(w[p + 1])):
                        found.setdefault(w[:p], []).append(i)
            self._lookup["apostrophe"] = found
        apostrophe: dict[str, list[int]] = self._lookup["apostrophe"]
        return apostrophe

    def sorted_vocab(self) -> tuple[list[str], np.ndarray]:
        """The vocabulary sorted (code point order) and the ids in that order. (A list,
        not a fixed-width unicode array, which one very long run would make huge.)"""
        if "sorted" not in self._lookup:
            words = self.vocab.tolist()
            order = sorted(range(len(words)), key=words.__getitem__)
            self._lookup["sorted"] = ([words[i] for i in order], np.asarray(order, np.int64))
        result: tuple[list[str], np.ndarray] = self._lookup["sorted"]
        return result

    def joined_vocab(self) -> tuple[str, np.ndarray]:
        """The vocabulary joined by newlines and the offset where each entry starts."""
        if "joined" not in self._lookup:
            words = self.vocab.tolist()
            offsets = np.fromiter(
                accumulate((len(w) + 1 for w in words), initial=0), dtype=np.int64
            )[:-1]
            self._lookup["joined"] = ("\n".join(words), offsets)
        result: tuple[str, np.ndarray] = self._lookup["joined"]
        return result


def corpus_runs(texts: Sequence[Any]) -> Runs:
    """Cut every text into runs (non-strings count as empty texts)."""
    words: list[str] = []
    starts: list[int] = []
    ws: list[bool] = []
    counts: list[int] = []
    lowered_all: list[str] = []
    spans_all: list[Sequence[tuple[int, int]]] = []
    n_tokens: list[int] = []
    n_quoted: list[int] = []
    quoted_parts: list[np.ndarray] = []
    named_parts: list[np.ndarray] = []
    names_all: list[list[tuple[int, int]]] = []
    for text in texts:
        lowered, spans, token_starts, _ = prepare(text if isinstance(text, str) else "")
        names = name_spans(text, lowered) if isinstance(text, str) else []
        lowered_all.append(lowered)
        spans_all.append(spans)
        n_tokens.append(len(token_starts))
        n_quoted.append(quoted_tokens(token_starts, spans) if spans else 0)
        parts = _RUN.split(lowered)
        runs = parts[1::2]
        ends = list(accumulate(map(len, parts)))
        run_starts = ends[0:-1:2]
        words += runs
        starts += run_starts
        counts.append(len(runs))
        if runs:
            ws.append(False)
            ws += map(str.isspace, parts[2:-1:2])
        quoted_parts.append(_inside(run_starts, spans))
        named_parts.append(_inside(run_starts, names))
        names_all.append(names)
    ids, vocab = pd.factorize(np.asarray(words, dtype=object))
    return Runs(
        doc=np.repeat(np.arange(len(counts), dtype=np.int64), counts),
        start=np.asarray(starts, dtype=np.int64),
        ids=ids.astype(np.int64),
        ws_before=np.asarray(ws, dtype=bool),
        quoted=np.concatenate(quoted_parts) if quoted_parts else np.zeros(0, dtype=bool),
        named=np.concatenate(named_parts) if named_parts else np.zeros(0, dtype=bool),
        names=names_all,
        vocab=np.asarray(vocab, dtype=object),
        lowered=lowered_all,
        spans=spans_all,
        n_tokens=np.asarray(n_tokens, dtype=np.int64),
        n_quoted=np.asarray(n_quoted, dtype=np.int64),
    )


def _inside(positions: Sequence[int], spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """Whether each position lies inside one of the sorted, disjoint ``spans``."""
    if not spans or not len(positions):
        return np.zeros(len(positions), dtype=bool)
    pos = np.asarray(positions, dtype=np.int64)
    s = np.asarray([a for a, _ in spans], dtype=np.int64)
    e = np.asarray([b for _, b in spans], dtype=np.int64)
    k = np.searchsorted(s, pos, side="right") - 1
    return np.asarray((k >= 0) & (pos < e[np.maximum(k, 0)]), dtype=bool)


# ---------------------------------------------------------------------------- matching


def _regular(term: str) -> bool:
    words = term.split()
    return bool(words) and all(_REGULAR_WORD.fullmatch(w) and w != "*" for w in words)


def _word_ids(runs: Runs, word: str, final: bool) -> np.ndarray:
    """Boolean mask over the vocabulary: the runs one word of a term matches."""
    mask = np.zeros(len(runs.vocab), dtype=bool)
    if not any(ch in word for ch in GLOB_CHARS):
        i = runs.index().get(word)
        if i is not None:
            mask[i] = True
        if final:
            mask[runs.apostrophe_index().get(word, [])] = True
        return mask
    if word.endswith("*") and not any(ch in word[:-1] for ch in GLOB_CHARS):
        # the glob runs greedily to the end of the run, where TOKEN_END always holds
        ordered, order = runs.sorted_vocab()
        prefix = word[:-1]
        # runs hold no U+10FFFF (not a word character): every run with the prefix sorts
        # between the prefix and the prefix followed by it
        lo = bisect.bisect_left(ordered, prefix)
        hi = bisect.bisect_left(ordered, prefix + "\U0010ffff")
        mask[order[lo:hi]] = True
        return mask
    joined, offsets = runs.joined_vocab()
    body = word_pattern(word)
    tail = TOKEN_END if final else "$"
    regex = re.compile(f"^{body}{tail}", re.MULTILINE)
    found = [m.start() for m in regex.finditer(joined)]
    mask[np.searchsorted(offsets, np.asarray(found, dtype=np.int64), side="right") - 1] = True
    return mask


def match_terms(runs: Runs, alternatives: Sequence[tuple[int, str]]) -> pd.DataFrame:
    """Non-overlapping matches of one set of terms in every article.

    Parameters
    ----------
    runs : Runs
        From :func:`corpus_runs`.
    alternatives : sequence of (label, term)
        Normalised, lower-cased terms in the order the equivalent regex tries them; the
        label (an int) says which alternative matched.

    Returns
    -------
    pandas.DataFrame
        ``doc`` (article position), ``start`` (character offset), ``label``, ``quoted``,
        ``named`` (the match starts inside a proper name), sorted by article and offset.
    """
    irregular = [term for _, term in alternatives if not _regular(term)]
    if irregular:
        # Such a term needs a character outside runs ("$"); an article without any of
        # those characters is matched by the other terms alone, the rest by the regex.
        special = [set(re.sub(r"[\w'\-*\s]", "", t)) for t in irregular]
        if not all(special):
            return _match_regex(runs, alternatives, range(runs.n_docs))
        chars = set().union(*special)
        docs = [d for d, low in enumerate(runs.lowered) if any(c in low for c in chars)]
        regular = [(label, term) for label, term in alternatives if _regular(term)]
        found = match_terms(runs, regular) if regular else _match_regex(runs, [], [])
        if docs:
            found = found[~found["doc"].isin(docs)]
            found = pd.concat([found, _match_regex(runs, alternatives, docs)], ignore_index=True)
            found = found.sort_values(["doc", "start"], kind="stable", ignore_index=True)
        return found
    n_runs = len(runs.ids)
    n_vocab = len(runs.vocab)
    big = len(alternatives) + 1
    # for one-word terms: the first alternative (in order) matching each vocabulary entry
    first_single = np.full(n_vocab, big, dtype=np.int64)
    phrases: list[tuple[int, list[str]]] = []
    for order, (_, term) in reversed(list(enumerate(alternatives))):
        words = term.split()
        if len(words) == 1:
            first_single[_word_ids(runs, words[0], final=True)] = order
        else:
            phrases.append((order, words))
    best = first_single[runs.ids] if n_runs else np.zeros(0, dtype=np.int64)
    length = np.ones(n_runs, dtype=np.int64)
    # the runs where a phrase's first words match, shared by the phrases that begin with
    # them ("{can,could} {help,reduce}": four phrases, two first words), in this call and
    # in later calls on the same runs (the categories of a lexicon, other lexicons)
    prefixes: dict[tuple[str, ...], np.ndarray] = runs._lookup.setdefault("prefixes", {})

    def starts(words: tuple[str, ...]) -> np.ndarray:
        """The runs where ``words`` (not a term's last words) match in sequence."""
        if words not in prefixes:
            if len(words) == 1:
                cand = np.flatnonzero(_word_ids(runs, words[0], final=False)[runs.ids])
            else:
                cand = starts(words[:-1])
                j = len(words) - 1
                cand = cand[cand < n_runs - j]
                nxt = cand + j
                ok = (
                    runs.ws_before[nxt]
                    & (runs.doc[nxt] == runs.doc[cand])
                    & _word_ids(runs, words[-1], final=False)[runs.ids[nxt]]
                )
                cand = cand[ok]
            prefixes[words] = cand
        return prefixes[words]

    # The match at a run is the first alternative (in order) starting there, so each
    # phrase lowers ``best`` where it matches: a minimum, the same in any order. Phrases
    # that differ only in their last word are matched together.
    groups: dict[tuple[str, ...], list[tuple[int, str]]] = {}
    for order, words in phrases:
        groups.setdefault(tuple(words[:-1]), []).append((order, words[-1]))
    for head, tails in groups.items():
        k = len(head) + 1
        if n_runs < k:
            continue
        last = np.full(n_vocab, big, dtype=np.int64)
        for order, word in sorted(tails, reverse=True):
            last[_word_ids(runs, word, final=True)] = order
        cand = starts(head)
        cand = cand[cand < n_runs - (k - 1)]
        nxt = cand + (k - 1)
        here = np.where(
            runs.ws_before[nxt] & (runs.doc[nxt] == runs.doc[cand]), last[runs.ids[nxt]], big
        )
        take = here < best[cand]
        best[cand[take]] = here[take]
        length[cand[take]] = k
    hit = np.flatnonzero(best < big)
    span = length[hit]
    if (span > 1).any():
        # a phrase match hides matches starting on its later runs (finditer goes on
        # after the end of a match); only phrases can hide anything
        keep = np.ones(len(hit), dtype=bool)
        covered_until = -1
        for p in np.flatnonzero(span > 1).tolist():
            if hit[p] < covered_until:
                keep[p] = False
                continue
            end = hit[p] + span[p]
            lo = p + 1
            hi = np.searchsorted(hit, end, side="left")
            keep[lo:hi] = False
            covered_until = end
        hit = hit[keep]
    labels = np.asarray([label for label, _ in alternatives], dtype=np.int64)
    return pd.DataFrame(
        {
            "doc": runs.doc[hit],
            "start": runs.start[hit],
            "label": labels[best[hit]] if len(hit) else np.zeros(0, dtype=np.int64),
            "quoted": runs.quoted[hit],
            "named": runs.named[hit],
        }
    )


def _match_regex(
    runs: Runs, alternatives: Sequence[tuple[int, str]], docs: Iterable[int]
) -> pd.DataFrame:
    """The same matches found with the regex itself, in the given articles."""
    rows: list[tuple[int, int, int, bool, bool]] = []
    groups = "|".join(f"(?P<A{i}>{term_pattern(t)})" for i, (_, t) in enumerate(alternatives))
    regex = re.compile(f"{TOKEN_START}(?:{groups}){TOKEN_END}")
    for doc in docs if alternatives else ():
        lowered, spans = runs.lowered[doc], runs.spans[doc]
        for m in regex.finditer(lowered):
            label = alternatives[int(str(m.lastgroup)[1:])][0]
            named = bool(_inside([m.start()], runs.names[doc])[0])
            rows.append((doc, m.start(), label, in_quote(m.start(), spans), named))
    table = pd.DataFrame(rows, columns=["doc", "start", "label", "quoted", "named"])
    types = {"doc": np.int64, "start": np.int64, "label": np.int64, "quoted": bool}
    return table.astype(types | {"named": bool})
