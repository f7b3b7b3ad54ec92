"""Agency: who did it, grammatically, when news reports violence.

Passive voice and nominalisation can delete the perpetrator ("civilians were killed", "the
shelling of Aleppo") and lower perceived responsibility (Trew 1979; Fowler 1991; Henley,
Miller & Beazley 1995; Greene & Resnik 2009; METHODS.md section 8). Every mention of a
violence verb or nominal in an article is classed as

``active``             a verb with its subject in place ("Rebels shelled the city")
``passive_agent``      passive with a "by" agent ("were killed by regime shelling")
``agentless_passive``  passive without agent ("civilians were killed", headline
                       "19 civilians killed in raids")
``intransitive``       the victims as subject of an intransitive verb ("three children died")
``nominal``            a nominalisation ("the shelling of Aleppo", "the attack", "airstrikes"),
                       with ``agent`` set when a "by" phrase or a modifier names one
                       ("Russian airstrikes")

The part-of-speech tags are those of TextBlob's bundled offline tagger (``textblob.en.tag``:
the pattern library's lexicon, with title case, number and suffix rules for unknown
words), computed by the toolkit's engine (``toolkit._pattern``, tested to give the same
tags); only sentences with a violence word are tagged.
The tagger often labels simple past as a participle, so voice is decided from structure
(a form of "be" or "get" before the participle; an object after it), not from the tag
alone. The agent-deletion rate is the share of mentions with no agent in the clause:
agentless passives, intransitives and nominals without an agent (a departure from counting
passives only, since nominals hide the agent too).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from itertools import compress
from operator import itemgetter
from typing import Any

import numpy as np
import pandas as pd

from toolkit._pattern import pattern_engine
from toolkit.dispatch import per_article
from toolkit.text import sentence_spans
from toolkit.wordlists import load_inventory, trie_pattern

__all__ = [
    "AGENCY_COLUMNS",
    "CONSTRUCTIONS",
    "VIOLENCE_VERBS",
    "agency",
    "agency_features",
    "role_of_mention",
    "violence_roles",
]

CONSTRUCTIONS = ("active", "passive_agent", "agentless_passive", "intransitive", "nominal")
AGENCY_COLUMNS = ["doc_id", "sentence_index", "word", "lemma", "construction", "agent"]

_VIOLENCE = load_inventory("violence")[0]
#: Violence verbs (METHODS.md section 8) by lemma: base, 3rd person, past, participle, -ing
#: (``inventories/violence.yaml``).
VIOLENCE_VERBS: dict[str, tuple[str, ...]] = {
    str(k): tuple(v) for k, v in _VIOLENCE["verbs"].items()
}
_INTRANSITIVE = {str(k): tuple(v) for k, v in _VIOLENCE["intransitive"].items()}
_NOMINALS = {str(k): str(v) for k, v in _VIOLENCE["nominals"].items()}
_FORMS: dict[str, tuple[str, str]] = {}
for _lemma, _forms in VIOLENCE_VERBS.items():
    for _i, _form in enumerate(_forms):
        _FORMS[_form] = (
            _lemma,
            ("base", "3rd", "past", "ing")[min(_i, 3)]
            if _form not in ("targetted", "targetting")
            else ("past" if _form.endswith("ed") else "ing"),
        )
_FORMS["killed"] = ("kill", "past")
for _lemma, _forms in _INTRANSITIVE.items():
    for _form in _forms:
        _FORMS[_form] = (_lemma, "intransitive")
for _form, _lemma in _NOMINALS.items():
    _FORMS[_form] = (_lemma, "noun")


# A violence word as a whole run of word characters and hyphens. The order of the
# alternatives does not matter: at a given start only the word that runs to the end of
# the run can match.
_PREFILTER = re.compile(rf"(?<![\w-]){trie_pattern(list(_FORMS))}(?![\w-])", re.IGNORECASE)
_WORD_OR_HYPHEN = re.compile(r"[\w-]")
_BE = {
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "'s",
    "get",
    "gets",
    "got",
    "gotten",
    "getting",
}
_HAVE = {"has", "have", "had", "having"}
_OBJECT_TAGS = ("DT", "CD", "NN", "NNS", "NNP", "NNPS", "PRP", "PRP$", "JJ", "JJR", "JJS")
_NOUN_TAGS = ("NN", "NNS", "NNP", "NNPS", "PRP", "CD")
_AGENT_MODIFIERS = frozenset(_VIOLENCE["agent_modifiers"])


def _tag(sentence: str) -> list[tuple[str, str]]:
    return pattern_engine().tag(sentence)


def _agent_after_by(tokens: list[tuple[str, str]], start: int) -> str | None:
    words = []
    for w, t in tokens[start:]:
        if t in (".", ",", ":", "CC", "IN", "TO", "WDT") or w in (";", "(", ")"):
            break
        words.append(w)
    return " ".join(words) or None


def _subject_before(tokens: list[tuple[str, str]], i: int) -> str | None:
    words: list[str] = []
    j = i - 1
    while (j >= 0 and tokens[j][1] in ("RB", "MD")) or (j >= 0 and tokens[j][0].lower() in _HAVE):
        j -= 1
    while j >= 0 and (tokens[j][1] in _NOUN_TAGS or tokens[j][1] in ("JJ", "DT", "PRP$", "POS")):
        words.insert(0, tokens[j][0])
        j -= 1
    while words and words[0].lower() in ("the", "a", "an"):
        words.pop(0)
    return " ".join(words) or None


def _classify(tokens: list[tuple[str, str]], i: int) -> tuple[str, str | None] | None:
    word, tag = tokens[i]
    low = word.lower()
    form = _FORMS[low][1]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ("", "")
    prev = [(w.lower(), t) for w, t in tokens[max(0, i - 4) : i]]
    # skip adverbs between an auxiliary and the verb ("were reportedly killed")
    aux = [w for w, t in prev if t not in ("RB",)]
    last_aux = aux[-1] if aux else ""
    before_two = aux[-2] if len(aux) > 1 else ""
    by_at = next(
        (k for k in range(i + 1, min(len(tokens), i + 8)) if tokens[k][0].lower() == "by"), None
    )
    stop = next(
        (k for k in range(i + 1, min(len(tokens), i + 8)) if tokens[k][1] in (".", ",", ":")),
        len(tokens),
    )
    by_here = by_at is not None and by_at < stop
    if form == "intransitive":
        return "intransitive", None
    if form == "noun" or (
        tag in ("NN", "NNS") and form in ("base", "3rd", "ing") and last_aux not in _BE
    ):
        agent = _agent_after_by(tokens, by_at + 1) if by_here and by_at is not None else None
        if agent is None and i > 0:
            mod_word, mod_tag = tokens[i - 1]
            if (
                mod_tag in ("NNP", "NNPS")
                or mod_word.lower() in _AGENT_MODIFIERS
                or (mod_tag == "JJ" and mod_word[:1].isupper())
            ):
                agent = mod_word
        return "nominal", agent
    if form == "ing":
        if last_aux in _BE:
            return "active", _subject_before(
                tokens, i - 1 - sum(1 for w, t in prev[-2:] if t == "RB")
            )
        if (
            nxt[1] in _OBJECT_TAGS
            and (i == 0 or tokens[i - 1][1] not in ("DT", "PRP$"))
            and nxt[0].lower() != "of"
        ):
            return "active", None
        agent = _agent_after_by(tokens, by_at + 1) if by_here and by_at is not None else None
        return "nominal", agent
    if form == "past":
        if last_aux in _BE or (last_aux in {"dead", "and"} and before_two in _BE):
            if by_here and by_at is not None:
                return "passive_agent", _agent_after_by(tokens, by_at + 1)
            return "agentless_passive", None
        if last_aux in _HAVE or (before_two in _HAVE and last_aux in _BE):
            return "active", _subject_before(tokens, i)
        if nxt[0].lower() == "by":
            return "passive_agent", _agent_after_by(tokens, i + 2)
        if nxt[1] in _OBJECT_TAGS and nxt[0].lower() not in ("dead",):
            return "active", _subject_before(tokens, i)
        if i > 0 and tokens[i - 1][1] in _NOUN_TAGS:
            if by_here and by_at is not None:
                return "passive_agent", _agent_after_by(tokens, by_at + 1)
            return "agentless_passive", None
        return "active", _subject_before(tokens, i)
    # base or 3rd-person verb forms
    if last_aux in _BE and form == "base":  # "will be target" is rare; treat as passive
        return "agentless_passive", None
    return "active", _subject_before(tokens, i)


def _mentions(tokens: list[tuple[str, str]]) -> list[tuple[int, str, str, str, str | None]]:
    """The violence mentions of a tagged sentence: (token index, word, lemma, construction,
    agent)."""
    out = []
    # the violence words among the tokens, found without a Python step per token
    words = map(itemgetter(0), tokens)
    for i in compress(range(len(tokens)), map(_FORMS.__contains__, map(str.lower, words))):
        word = tokens[i][0]
        low = word.lower()
        # "air strike(s)" is one nominal
        if low in ("strike", "strikes") and i > 0 and tokens[i - 1][0].lower() == "air":
            agent = (
                tokens[i - 2][0]
                if i > 1
                and (
                    tokens[i - 2][1] in ("NNP", "NNPS")
                    or tokens[i - 2][0].lower() in _AGENT_MODIFIERS
                )
                else None
            )
            out.append((i, word, "strike", "nominal", agent))
            continue
        found = _classify(tokens, i)
        if found:
            out.append((i, word, _FORMS[low][0], found[0], found[1]))
    return out


def _sentence_mentions(sentence: str) -> list[tuple[str, str, str, str | None]]:
    return [m[1:] for m in _mentions(_tag(sentence))]


def violence_roles(sentence: str) -> list[tuple[int, int, str]]:
    """Where a sentence mentions violence, and how: ``(start, end, construction)`` of each
    violence word (character offsets in ``sentence``; constructions as in
    :func:`agency`). A sentence without a violence word is not tagged.

    Examples
    --------
    >>> violence_roles("Rebels shelled the city and civilians were killed.")
    [(7, 14, 'active'), (43, 49, 'agentless_passive')]
    """
    if _PREFILTER.search(sentence) is None:
        return []
    tokens = _tag(sentence)
    found = _mentions(tokens)
    if not found:
        return []
    # the tokens' offsets: the tagger keeps each token's characters, in order
    offsets: list[tuple[int, int]] = []
    pos = 0
    for word, _ in tokens:
        at = sentence.find(word, pos)
        if at < 0:  # a token the tokenizer rewrote (a contraction): no offset of its own
            offsets.append((pos, pos))
            continue
        offsets.append((at, at + len(word)))
        pos = at + len(word)
    return [(*offsets[i], construction) for i, _, _, construction, _ in found]


def role_of_mention(
    sentence: str, start: int, end: int, roles: Sequence[tuple[int, int, str]]
) -> str | None:
    """The role of the words ``start:end`` of a sentence toward its nearest violence word
    (``roles`` from :func:`violence_roles`, restricted by the caller to one clause):
    ``agent`` (the subject of an active verb, a "by" agent, the modifier of a nominal:
    "Russian airstrikes") or ``patient`` (the object of an active verb, the subject of a
    passive or of "died", the "of"/"on" object of a nominal), else None.

    Examples
    --------
    >>> s = "Rebels shelled the city."
    >>> role_of_mention(s, 0, 6, violence_roles(s)), role_of_mention(s, 19, 23, violence_roles(s))
    ('agent', 'patient')
    """
    if not roles:
        return None
    vs, ve, construction = min(roles, key=lambda r: min(abs(r[0] - end), abs(start - r[1])))
    if end <= vs:  # before the violence word
        if construction == "active":
            return "agent"
        if construction in ("passive_agent", "agentless_passive", "intransitive"):
            return "patient"
        if construction == "nominal" and not sentence[end:vs].strip(" -"):
            return "agent"  # "Russian airstrikes"
        return None
    if start >= ve:  # after it
        between = sentence[ve:start].lower()
        if construction == "active":
            return "patient"
        if construction in ("passive_agent", "nominal") and re.search(r"\bby\b", between):
            return "agent"
        if construction == "nominal" and re.match(r"\s+(?:of|on|against)\b", between):
            return "patient"
    return None


#: The non-ASCII characters that match an ASCII letter when case is ignored (dotted and
#: dotless i, long s, Kelvin sign); tests check the list against every code point.
_CASE_SPECIAL = frozenset("\u0130\u0131\u017f\u212a")
_PREFILTER_LOWER = re.compile(_PREFILTER.pattern)


def _violence_spans(text: str) -> list[tuple[int, int]]:
    """``[m.span() for m in _PREFILTER.finditer(text)]``, faster: the case-sensitive
    pattern on the lower-cased text gives the same matches unless the text has a
    character that lower-casing lengthens or one of :data:`_CASE_SPECIAL`."""
    lowered = text.lower()
    if len(lowered) != len(text) or not _CASE_SPECIAL.isdisjoint(text):
        return [m.span() for m in _PREFILTER.finditer(text)]
    return [m.span() for m in _PREFILTER_LOWER.finditer(lowered)]


def _has_violence_word(text: str, s: int, e: int, hits: list[tuple[int, int]]) -> bool:
    """Whether ``_PREFILTER.search(text[s:e])`` finds a word, from the matches of the whole
    text: the same when the sentence is bounded by characters the pattern's boundaries
    accept and no match crosses its edges; otherwise the sentence is searched itself."""
    i = bisect.bisect_left(hits, (s, -1))
    # a match crossing the start begins before it; one crossing the end begins inside
    before_end = bisect.bisect_left(hits, (e, -1)) - 1
    crosses = (i > 0 and hits[i - 1][1] > s) or (before_end >= 0 and hits[before_end][1] > e)
    if (
        crosses
        or (s > 0 and _WORD_OR_HYPHEN.match(text, s - 1))
        or (e < len(text) and _WORD_OR_HYPHEN.match(text, e))
    ):
        return _PREFILTER.search(text[s:e]) is not None
    return i < len(hits) and hits[i][1] <= e


@per_article("mention")
def agency(corpus: pd.DataFrame, *, n_jobs: int = 1) -> pd.DataFrame:
    """Class every mention of violence in every article by its grammatical agency.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    n_jobs : int, default 1
        {n_jobs}

    Returns
    -------
    pandas.DataFrame
        One row per mention: ``doc_id, sentence_index, word`` (as written), ``lemma``,
        ``construction`` (one of :data:`CONSTRUCTIONS`) and ``agent`` (the words naming the
        perpetrator when the clause has them, else None).

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> corpus = toolkit.as_corpus(pd.DataFrame({"text": [
    ...     "Rebels shelled the city. Civilians were killed. Three children died."]}))
    >>> agency(corpus)[["word", "construction", "agent"]]
          word       construction   agent
    0  shelled             active  Rebels
    1   killed  agentless_passive     NaN
    2     died       intransitive     NaN
    """
    rows: list[tuple[Any, ...]] = []
    for doc_id, text in zip(corpus.index, corpus["text"].tolist(), strict=True):
        if not isinstance(text, str):
            continue
        hits = _violence_spans(text)
        if not hits:
            continue
        for k, (s, e) in enumerate(sentence_spans(text)):
            if _has_violence_word(text, s, e, hits):
                rows.extend((doc_id, k, *m) for m in _sentence_mentions(text[s:e]))
    return pd.DataFrame(rows, columns=AGENCY_COLUMNS)


@per_article("article", serial=lambda a: a["table"] is not None)
def agency_features(
    corpus: pd.DataFrame, table: pd.DataFrame | None = None, *, n_jobs: int = 1
) -> pd.DataFrame:
    """Per-article counts of each construction and the agent-deletion rate.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    table : pandas.DataFrame, optional
        The output of ``agency(corpus)``, to reuse.
    n_jobs : int, default 1
        Used to compute ``agency(corpus)`` when ``table`` is not given.
        {n_jobs}

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id``: ``n_violence`` (mentions), ``n_<construction>`` for each of
        :data:`CONSTRUCTIONS`, and ``agent_deletion_rate`` (mentions without an agent in
        the clause / all mentions; NaN for an article without a violence mention).
    """
    table = agency(corpus) if table is None else table
    out = pd.DataFrame(index=corpus.index)
    counts = table.groupby(["doc_id", "construction"]).size().unstack(fill_value=0)
    out["n_violence"] = (
        table.groupby("doc_id").size().reindex(corpus.index, fill_value=0).astype(np.int64)
    )
    for c in CONSTRUCTIONS:
        col = counts[c] if c in counts.columns else pd.Series(dtype=float)
        out[f"n_{c}"] = col.reindex(corpus.index, fill_value=0).astype(np.int64)
    agentless = table["construction"].isin(["agentless_passive", "intransitive"]) | (
        (table["construction"] == "nominal") & table["agent"].isna()
    )
    deleted = agentless.groupby(table["doc_id"]).sum().reindex(corpus.index, fill_value=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["agent_deletion_rate"] = np.where(
            out["n_violence"] > 0, deleted / out["n_violence"].clip(lower=1), np.nan
        )
    return out
