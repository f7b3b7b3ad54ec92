"""``features()``: one row per article with every document-level feature, for comparison.

Families (each can be left out with ``families=``): ``sentiment`` (:func:`toolkit.sentiment`),
``frames``
(:func:`toolkit.frames`), ``labels`` (authorial label counts from :func:`toolkit.labels`),
``quotes`` (:func:`toolkit.quote_features`), ``agency``
(:func:`toolkit.agency_features`) and ``epistemic`` (:func:`toolkit.epistemic`), plus
``n_tokens``. :func:`feature_descriptions` documents every column; the README carries the
same table.

How the work is shared: each chunk of up to 2,000 articles is tokenised once (the token
counts, number rates and quote shares read the same tokens) and cut once into runs of word
characters, whose vocabulary the frame, label and epistemic dictionaries are looked up in
(:mod:`toolkit._match`); sentences are split once per article (cached); TextBlob's and
VADER's scores and TextBlob's part-of-speech tags come from the toolkit's own engines
(:mod:`toolkit._pattern`, :mod:`toolkit._vader`), tested to equal the libraries exactly.
Every value is the one the family's own function gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from toolkit._match import Runs, corpus_runs, shared_tokens
from toolkit.agency import agency_features
from toolkit.cache import cache_key, cached
from toolkit.dispatch import (
    CHUNK_SIZE,
    chunk_slices,
    concat_chunks,
    gc_paused,
    is_dask,
    per_article,
)
from toolkit.framing import frames_from_runs
from toolkit.labelling import labels_from_runs, load_label_sets
from toolkit.quotes import quote_features
from toolkit.sentiment import sentiment
from toolkit.stance import epistemic_from_runs
from toolkit.text import text_column

__all__ = ["FEATURE_FAMILIES", "feature_descriptions", "features"]

FEATURE_FAMILIES = ("sentiment", "frames", "labels", "quotes", "agency", "epistemic")
_USES_RUNS = {"frames", "labels", "epistemic"}

#: (column or pattern, family, description). ``<x>`` marks a part that varies.
_DOCS: list[tuple[str, str, str]] = [
    ("n_tokens", "text", "word tokens in the article (toolkit tokenizer)"),
    ("textblob_polarity", "sentiment", "TextBlob polarity of the text, -1 to 1"),
    ("textblob_subjectivity", "sentiment", "TextBlob subjectivity of the text, 0 to 1"),
    ("vader_compound", "sentiment", "VADER compound score of the text, -1 to 1"),
    ("vader_pos", "sentiment", "VADER share of positive valence"),
    ("vader_neu", "sentiment", "VADER share of neutral tokens"),
    ("vader_neg", "sentiment", "VADER share of negative valence"),
    ("n_sentences", "sentiment", "sentences (toolkit splitter)"),
    ("vader_compound_sentence_mean", "sentiment", "mean VADER compound over the sentences"),
    ("headline_<score>", "sentiment", "the score above for the headline (title) alone"),
    (
        "frame_<frame>",
        "frames",
        "the frame's score: mean over its items of log(1 + cues, title and lead x2) + 10 x "
        "similarity of the 3 closest sentences (conflict, economic, human_interest, "
        "morality, responsibility, resolution)",
    ),
    ("frame_<frame>_per_1k", "frames", "cue words of the frame per 1,000 tokens"),
    (
        "label_<referent>__<label>",
        "labels",
        "uses of the label for the referent in the outlet's own voice (outside quotation marks)",
    ),
    ("quoted_share", "quotes", "share of word tokens inside direct quotation marks"),
    (
        "n_quotes_direct",
        "quotes",
        "direct quotes, whole or partial (a quoted phrase inside reported speech)",
    ),
    ("n_quotes_indirect", "quotes", "reported (indirect) speech"),
    ("n_quotes_according_to", "quotes", "'according to' attributions"),
    ("n_speakers", "quotes", "distinct speakers (resolved names, or as written)"),
    ("n_anonymous", "quotes", "quotes from unnamed sources ('sources said', 'an official')"),
    (
        "n_verb_<class>",
        "quotes",
        "quotes introduced by a neutral, distancing, endorsing or belief reporting verb",
    ),
    (
        "n_source_<type>",
        "quotes",
        "quotes whose speaker is of the source type (military, monitors, UN/NGO, opposition, "
        "state_media, government, media, expert, witness; toolkit/inventories/actors.yaml)",
    ),
    ("n_violence", "agency", "mentions of violence verbs and nominals"),
    (
        "n_<construction>",
        "agency",
        "mentions that are active, passive_agent, agentless_passive, intransitive or nominal",
    ),
    ("agent_deletion_rate", "agency", "share of violence mentions with no agent in the clause"),
    (
        "hedges_per_1k",
        "epistemic",
        "hedges (weasel phrases among them) per 1,000 words outside quotes",
    ),
    ("hedges_quoted_per_1k", "epistemic", "hedges per 1,000 words inside quotes"),
    ("boosters_per_1k", "epistemic", "boosters per 1,000 words outside quotes"),
    ("boosters_quoted_per_1k", "epistemic", "boosters per 1,000 words inside quotes"),
    (
        "weasels_per_1k",
        "epistemic",
        "weasel phrases (some say, it is believed) per 1,000 words outside quotes",
    ),
    ("weasels_quoted_per_1k", "epistemic", "weasel phrases per 1,000 words inside quotes"),
    ("numbers_per_1k", "epistemic", "numbers (digits and number words) per 1,000 tokens"),
]


def feature_descriptions() -> pd.DataFrame:
    """The documentation of every :func:`features` column.

    Returns
    -------
    pandas.DataFrame
        ``column`` (a name, or a pattern with ``<...>`` parts), ``family``, ``description``.

    Examples
    --------
    >>> feature_descriptions().set_index("column").loc["agent_deletion_rate", "family"]
    'agency'
    """
    return pd.DataFrame(_DOCS, columns=["column", "family", "description"])


def _pattern(column: str) -> re.Pattern[str]:
    parts = re.split(r"<[^>]+>", column)
    return re.compile("^" + ".+".join(map(re.escape, parts)) + "$")


def documented(column: str) -> bool:
    """Whether a features() column is covered by :func:`feature_descriptions`."""
    return any(_pattern(c).match(column) for c, _, _ in _DOCS)


def _label_columns(corpus: pd.DataFrame, label_sets: Any, runs: Runs | None) -> pd.DataFrame:
    sets = load_label_sets("war" if label_sets is None else label_sets)
    table = labels_from_runs(corpus, sets, (), runs)
    table = table[table["voice"] == "authorial"]
    names = [
        f"label_{ref}__{re.sub(r'[^a-z0-9]+', '_', lab.lower()).strip('_')}"
        for ref, labs in sets.referents.items()
        for lab in labs
    ]
    keys = [(ref, lab) for ref, labs in sets.referents.items() for lab in labs]
    wide = table.pivot_table(
        index="doc_id", columns=["referent", "label"], values="count", aggfunc="sum", fill_value=0
    )
    out = pd.DataFrame(0, index=corpus.index, columns=names, dtype=np.int64)
    for name, key in zip(names, keys, strict=True):
        if key in wide.columns:
            out[name] = wide[key].reindex(corpus.index, fill_value=0).astype(np.int64)
    return out


# with cache=True the body looks the result up, and computes it with the caller's n_jobs
@per_article("article", serial=lambda a: a["cache"] and not is_dask(a["corpus"]))
def features(
    corpus: pd.DataFrame,
    *,
    families: Iterable[str] = FEATURE_FAMILIES,
    label_sets: Any = None,
    n_jobs: int = 1,
    cache: bool = False,
) -> pd.DataFrame:
    """Every document-level feature of the toolkit, one row per article.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    families : iterable of str
        The feature families to compute, any of :data:`FEATURE_FAMILIES` (``sentiment,
        frames, labels, quotes, agency, epistemic``); all by default. Leave one out to
        switch it off.
    label_sets : optional
        Contrast sets for the label columns (default: the shipped ``war`` set).
    n_jobs : int, default 1
        {n_jobs} Worth it from tens of thousands of articles (1.9x on two cores at 100
        MB); for a few thousand, starting the processes costs about what they save.
    cache : bool, default False
        Keep the result on disk (:mod:`toolkit.cache`), keyed by the articles' doc_ids,
        texts and titles, the options and the toolkit's code, so that re-running a notebook
        is instant; ``toolkit.cache.clear_cache()`` empties it.

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id`` (the corpus index, same order); ``n_tokens`` and the columns of
        each family, documented by :func:`feature_descriptions`. ``attrs`` records the
        families computed. For a dask DataFrame, a lazy dask DataFrame computed partition
        by partition with the same code (:func:`toolkit.dispatch.by_chunks`).

    Raises
    ------
    ValueError
        For an unknown family name (the message lists the valid ones).

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> corpus = toolkit.as_corpus(pd.DataFrame({"text": [
    ...     '"Rebels were killed," he said. Terrorists shelled the town.']}))
    >>> table = features(corpus)
    >>> table.loc["doc-000001", ["n_tokens", "n_quotes_direct", "n_violence",
    ...                          "label_armed_opposition__terrorists"]].tolist()
    [9, 1, 2, 1]
    >>> list(features(corpus, families=["epistemic"]).columns[:3])
    ['n_tokens', 'hedges_per_1k', 'hedges_quoted_per_1k']
    """
    text_column(corpus, "features", series_ok=False)
    chosen = [families] if isinstance(families, str) else list(families)
    unknown = [f for f in chosen if f not in FEATURE_FAMILIES]
    if unknown:
        raise ValueError(
            f"features(): unknown famil(ies) {unknown}; use any of {', '.join(FEATURE_FAMILIES)}"
        )
    if cache:
        # keyed on the label sets' content: an edited label-set file is a new key
        sets = load_label_sets("war" if label_sets is None else label_sets)
        options = {"families": chosen, "label_sets": sets.referents}
        result: pd.DataFrame = cached(
            cache_key(corpus, "features", options),
            lambda: features(corpus, families=chosen, label_sets=sets, n_jobs=n_jobs),
            rows=corpus.index,
        )
        return result
    if len(corpus) > CHUNK_SIZE:
        # chunk by chunk, so that tokens and runs never exist for the whole corpus at once
        # (every feature is per article: the result is the same)
        parts = [
            features(corpus.iloc[part], families=chosen, label_sets=label_sets)
            for part in chunk_slices(len(corpus), 1)
        ]
        return concat_chunks(parts, "article")
    with gc_paused():
        # one tokenisation and one cut into runs, shared by every family that needs them
        texts = corpus["text"].tolist()
        toks = pd.Series(shared_tokens(texts), index=corpus.index, name="tokens", dtype=object)
        n_tokens = np.fromiter(map(len, toks.tolist()), dtype=np.int64, count=len(toks))
        parts = [pd.DataFrame({"n_tokens": n_tokens}, index=corpus.index)]
        runs = corpus_runs(texts) if _USES_RUNS & set(chosen) else None
        compute = {
            "sentiment": lambda: sentiment(corpus),
            "frames": lambda: frames_from_runs(corpus, "generic-frames", runs),
            "labels": lambda: _label_columns(corpus, label_sets, runs),
            "quotes": lambda: quote_features(corpus),
            "agency": lambda: agency_features(corpus),
            "epistemic": lambda: epistemic_from_runs(corpus, "epistemic", runs, toks),
        }
        for family in FEATURE_FAMILIES:
            if family in chosen:
                parts.append(compute[family]())
    result = pd.concat(parts, axis=1)
    result.index.name = "doc_id"
    result.attrs["toolkit"] = {
        "function": "features",
        "families": [f for f in FEATURE_FAMILIES if f in chosen],
    }
    return result
