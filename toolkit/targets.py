"""Sentiment toward named targets: the clause that holds each mention, by voice and by the
target's role toward the violence in it (METHODS.md section 5).

:func:`target_mentions` lists every mention (offsets, voice, clause, role);
:func:`target_sentiment` scores the clauses with :func:`toolkit.sentiment.sentiment` and
averages per article, target and voice.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from toolkit._match import term_regex
from toolkit.agency import role_of_mention, violence_roles
from toolkit.dispatch import per_article
from toolkit.quotemarks import quote_spans
from toolkit.sentiment import METHODS, SENTIMENT_COLUMNS, Method, check_methods, sentiment
from toolkit.text import normalise, normalise_offsets, sentence_spans, text_column
from toolkit.wordlists import inventory_lists

__all__ = [
    "DEFAULT_TARGETS",
    "TARGET_MENTION_COLUMNS",
    "target_mentions",
    "target_sentiment",
]

Window = Literal["clause", "sentence"]


#: Targets for reporting on the Syrian war (``inventories/targets.yaml``, with its
#: provenance): a name and the words or phrases that mention it, matched as whole tokens,
#: case-insensitively, with the toolkit's one glob dialect
#: (:data:`toolkit._match.GLOB_CHAR`: "russia*" matches "Russia", "Russia's", "Russian").
#: The armed-opposition aliases are the competing labels of METHODS.md section 6, so a
#: sentence calling fighters "terrorists" counts as mentioning the armed opposition in
#: every outlet. Extend or replace the mapping with ``targets=``.
DEFAULT_TARGETS: dict[str, tuple[str, ...]] = inventory_lists("targets", "targets")


# ---------------------------------------------------------------------------- targets


@per_article(
    "mention", serial=lambda a: a["window"] == "sentence" and a["sentence_scores"] is not None
)
def target_sentiment(
    corpus: pd.DataFrame,
    targets: Mapping[str, Iterable[str]] | None = None,
    *,
    window: Window = "clause",
    by_role: bool = False,
    sentence_scores: pd.DataFrame | None = None,
    methods: Sequence[Method] | Method = METHODS,
    n_jobs: int = 1,
) -> pd.DataFrame:
    """Sentiment of the text around each mention of a target, per article.

    Method: target-dependent sentiment in the simplest form that keeps two targets of one
    sentence apart (METHODS.md section 5): the score of the clause that holds the mention.
    A sentence is cut into clauses at commas, semicolons, colons, dashes and the
    conjunctions "but", "while", "whereas", "although", "though" and "yet"; each clause
    that mentions a target is scored on its own (TextBlob and VADER, exact engines), once
    per target. A mention inside quotation marks is in the quoted voice (the source's
    words), else in the authorial voice (the outlet's). Departures: a clause is cut by
    punctuation, not parsed, so "Turkey accused Russia of bombing" gives both targets the
    same clause; the scores are of the words around the target, not of the writer's
    stance toward it. Each mention also gets its role toward the nearest violence word of
    its clause (:func:`toolkit.agency.role_of_mention`): ``agent`` (who attacks: the
    subject of "shelled", the "by" agent, "Russian airstrikes") or ``patient`` (who is
    attacked or dies), so that "Russia" as bomber and as victim are not mixed.
    VALIDITY_PLACEHOLDER

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    targets : mapping of str to iterable of str, optional
        Target name -> aliases (whole words or phrases, case-insensitive; ``*`` matches
        within a word). Default :data:`DEFAULT_TARGETS` (the Syrian war). To extend it:
        ``from toolkit.targets import DEFAULT_TARGETS`` and pass
        ``{**DEFAULT_TARGETS, "Iran": ["iran*", "tehran"]}``.
    window : {"clause", "sentence"}, default "clause"
        Score the clause that holds each mention, by voice; or (``"sentence"``) the whole
        sentences that mention the target, both voices together.
    by_role : bool, default False
        With ``window="clause"``: one row per role too (``agent``, ``patient``, ``none``:
        no violence word in the clause, or no role found).
    sentence_scores : pandas.DataFrame, optional
        With ``window="sentence"``: the output of ``sentiment(corpus, level="sentence")``,
        to reuse.
    methods : sequence of {"textblob", "vader"}
        Methods to score with.
    n_jobs : int, default 1
        {n_jobs}

    Returns
    -------
    pandas.DataFrame
        ``window="clause"``: one row per (article, target, voice) the article has, with
        ``doc_id, target, voice`` (``authorial`` or ``quoted``), ``n_mentions``,
        ``n_clauses`` (distinct clauses scored), ``n_agent`` and ``n_patient`` (mentions
        in each role) and the mean of each score over those clauses; with ``by_role``,
        one row per (article, target, voice, role) without the role counts.
        ``window="sentence"``: one row per (article, target) with ``doc_id,
        target, n_sentences, share_sentences`` (of the article's sentences) and the mean of
        each score over the sentences that mention it. Articles that never mention a
        target have no row for it.

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> corpus = toolkit.as_corpus(pd.DataFrame({"text": [
    ...     "Brave Turkish soldiers helped, but Russian jets brutally killed civilians."]}))
    >>> table = target_sentiment(corpus, {"Turkey": ["turkish*"], "Russia": ["russia*"]})
    >>> table[["target", "voice", "n_clauses"]]
       target      voice  n_clauses
    0  Russia  authorial          1
    1  Turkey  authorial          1
    >>> bool(table.set_index("target").loc["Turkey", "vader_compound"] > 0)
    True
    >>> bool(table.set_index("target").loc["Russia", "vader_compound"] < 0)
    True
    """
    if window not in ("clause", "sentence"):
        raise ValueError(f"window={window!r} is not valid: give 'clause' or 'sentence'")
    if by_role and window != "clause":
        raise ValueError("by_role=True needs window='clause': a role is a clause's")
    if window == "clause":
        return _clause_sentiment(corpus, targets, methods, by_role)
    text = text_column(corpus, "target_sentiment", series_ok=False)
    regexes = _target_regexes(targets)
    if sentence_scores is None:
        sentence_scores = sentiment(corpus, level="sentence", methods=methods)
    score_cols = [
        c for cols in SENTIMENT_COLUMNS.values() for c in cols if c in sentence_scores.columns
    ]
    n_per_doc = sentence_scores.groupby("doc_id", sort=False).size()
    normalised = sentence_scores["sentence"].map(normalise).str.lower()
    tables = []
    for name, regex in regexes:
        hit = normalised.str.contains(regex, regex=True).to_numpy(dtype=bool)
        if not hit.any():
            continue
        sub = sentence_scores.loc[hit, ["doc_id", *score_cols]]
        agg = sub.groupby("doc_id", sort=False)
        table = agg[score_cols].mean()
        table.insert(0, "n_sentences", agg.size().astype(np.int64))
        table.insert(
            1, "share_sentences", table["n_sentences"] / n_per_doc.reindex(table.index).to_numpy()
        )
        table.insert(0, "target", name)
        tables.append(table.reset_index())
    columns = ["doc_id", "target", "n_sentences", "share_sentences", *score_cols]
    if not tables:
        return pd.DataFrame(columns=columns)
    result = pd.concat(tables, ignore_index=True)[columns]
    order = {doc: i for i, doc in enumerate(text.index)}
    result = result.sort_values(
        ["doc_id", "target"], key=lambda s: s.map(order) if s.name == "doc_id" else s, kind="stable"
    )
    return result.reset_index(drop=True)


#: Where a sentence is cut into clauses for target sentiment.
_CLAUSE_BREAK = re.compile(
    r"\s*[,;:—–]?\s+(?:but|while|whereas|although|though|yet)\s+|\s*[,;:—–]\s*|\s+-\s+",
    re.IGNORECASE,
)


def _target_regexes(targets: Mapping[str, Iterable[str]] | None) -> list[tuple[str, Any]]:
    targets = DEFAULT_TARGETS if targets is None else targets
    if isinstance(targets, str | list | tuple):
        raise TypeError(
            "targets= maps a target name to its aliases, e.g. {'Turkey': ['turkey', 'turkish*']}"
        )
    found = []
    for name, aliases in targets.items():
        try:
            found.append((name, term_regex([aliases] if isinstance(aliases, str) else aliases)))
        except ValueError:
            raise ValueError(f"target_sentiment(): target {name!r} has no usable alias") from None
    return found


TARGET_MENTION_COLUMNS = [
    "doc_id",
    "target",
    "start",
    "end",
    "voice",
    "clause_start",
    "clause_end",
    "role",
]


def target_mentions(
    corpus: pd.DataFrame, targets: Mapping[str, Iterable[str]] | None = None
) -> pd.DataFrame:
    """Every mention of a target: where it is, its voice, its clause and its role.

    The mentions :func:`target_sentiment` scores, one row each, to see what drives a
    target's score: the clause is the stretch of the sentence between breaks (commas,
    semicolons, colons, dashes, "but", "while", "whereas", "although", "though", "yet"),
    the voice is ``quoted`` inside quotation marks, else ``authorial``, and the role is the
    mention's toward the nearest violence word of its clause
    (:func:`toolkit.agency.role_of_mention`: ``agent``, ``patient`` or ``none``).

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    targets : mapping of str to iterable of str, optional
        As for :func:`target_sentiment` (default :data:`DEFAULT_TARGETS`).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, target, start, end`` (the mention's character offsets in ``text``),
        ``voice``, ``clause_start, clause_end`` and ``role``, in text order per target.

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> corpus = toolkit.as_corpus(pd.DataFrame({"text": [
    ...     'Russian jets bombed Aleppo, but Turkey said "Russia lies."']}))
    >>> targets = {"Russia": ["russia*"], "Aleppo": ["aleppo"]}
    >>> target_mentions(corpus, targets)[["target", "start", "voice", "role"]]
       target  start      voice     role
    0  Russia      0  authorial    agent
    1  Russia     45     quoted     none
    2  Aleppo     20  authorial  patient
    """
    text = text_column(corpus, "target_mentions", series_ok=False)
    regexes = _target_regexes(targets)
    rows: list[tuple[Any, str, int, int, str, int, int, str]] = []
    for doc_id, value in text.items():
        if not isinstance(value, str) or not value:
            continue
        lowered = normalise_offsets(value).lower()
        quoted = [(q.start, q.end) for q in quote_spans(value)]
        for s, e in sentence_spans(value):
            # clauses: the stretches between the breaks (a break's words belong to none)
            breaks = [(s + b.start(), s + b.end()) for b in _CLAUSE_BREAK.finditer(value[s:e])]
            starts = [s, *(b for _, b in breaks)]
            ends = [*(a for a, _ in breaks), e]
            violence: list[tuple[int, int, str]] | None = None  # tagged when needed
            for name, regex in regexes:
                for m in regex.finditer(lowered, s, e):
                    k = max(bisect.bisect_right(starts, m.start()) - 1, 0)
                    lo, hi = starts[k], max(ends[k], m.end())
                    voice = "quoted" if any(a <= m.start() < b for a, b in quoted) else "authorial"
                    if violence is None:
                        violence = violence_roles(value[s:e])
                    here = [(a, b, c) for a, b, c in violence if lo <= s + a and s + b <= hi]
                    role = role_of_mention(value[s:e], m.start() - s, m.end() - s, here)
                    rows.append((doc_id, name, m.start(), m.end(), voice, lo, hi, role or "none"))
    return pd.DataFrame(rows, columns=TARGET_MENTION_COLUMNS)


def _clause_sentiment(
    corpus: pd.DataFrame,
    targets: Mapping[str, Iterable[str]] | None,
    methods: Sequence[Method] | Method,
    by_role: bool = False,
) -> pd.DataFrame:
    text = text_column(corpus, "target_sentiment", series_ok=False)
    found = target_mentions(corpus, targets)
    clause_text = {
        (d, lo, hi): text[d][lo:hi].strip(" ,;:—–-")
        for d, lo, hi in zip(
            found["doc_id"], found["clause_start"], found["clause_end"], strict=True
        )
    }
    rows = list(
        zip(
            found["doc_id"],
            found["target"],
            found["voice"],
            found["clause_start"],
            found["clause_end"],
            found["start"],
            found["role"],
            strict=True,
        )
    )
    score_cols = [c for m in check_methods(methods) for c in SENTIMENT_COLUMNS[m]]
    keys3 = ["doc_id", "target", "voice", *(["role"] if by_role else [])]
    counts = [] if by_role else ["n_agent", "n_patient"]
    columns = [*keys3, "n_mentions", "n_clauses", *counts, *score_cols]
    if not rows:
        return pd.DataFrame(columns=columns)
    keys = list(clause_text)
    scored = sentiment(
        pd.DataFrame(
            {"text": [clause_text[k] for k in keys]},
            index=pd.Index([f"c{i}" for i in range(len(keys))], name="doc_id"),
        ),
        methods=methods,
    )
    scores = scored[score_cols].set_axis(pd.MultiIndex.from_tuples(keys), axis=0)
    mentions = pd.DataFrame(rows, columns=["doc_id", "target", "voice", "lo", "hi", "at", "role"])
    per_clause = mentions.drop_duplicates([*keys3, "lo", "hi"])
    values = scores.loc[list(zip(per_clause["doc_id"], per_clause["lo"], per_clause["hi"],
                                 strict=True))].to_numpy()  # fmt: skip
    per_clause = per_clause.assign(**{c: values[:, i] for i, c in enumerate(score_cols)})
    table = per_clause.groupby(keys3, sort=False)[score_cols].mean()
    for role in reversed(("agent", "patient") if not by_role else ()):
        n = (mentions["role"] == role).groupby([mentions[k] for k in keys3], sort=False).sum()
        table.insert(0, f"n_{role}", n.reindex(table.index).astype(np.int64))
    table.insert(0, "n_clauses", per_clause.groupby(keys3, sort=False).size().astype(np.int64))
    table.insert(0, "n_mentions", mentions.groupby(keys3, sort=False).size().astype(np.int64))
    result = table.reset_index()[columns]
    order = {doc: i for i, doc in enumerate(text.index)}
    return result.sort_values(
        keys3,
        key=lambda col: col.map(order) if col.name == "doc_id" else col,
        kind="stable",
    ).reset_index(drop=True)
