"""Generic news frames: the five of Semetko & Valkenburg (2000) and the Narrative Frames
Corpus's resolution frame.

Each of a frame's coding questions is approximated by cue words
(``lexicons/generic-frames.yaml``, the question kept beside its list) and, by default, by
the similarity of the article's sentences to the question and its examples; the frame's
score is the mean of its items, as a coder's frame score is the mean of the frame's yes/no
items. This approximates human coding and departs from it: validate against hand-coded
articles with :func:`toolkit.validate` before trusting a difference.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from toolkit._match import Runs, corpus_runs
from toolkit.dispatch import per_article
from toolkit.embeddings import embed
from toolkit.errors import LexiconError, check_count
from toolkit.lexicon import category_tallies
from toolkit.text import sentence_spans
from toolkit.wordlists import (
    PROVENANCE_FIELDS,
    Lexicon,
    load_lexicon,
)

__all__ = ["FRAMES", "frame_items", "frames", "frames_from_runs", "item_examples"]

FRAMES = ("conflict", "human_interest", "responsibility", "morality", "economic", "resolution")

#: Words of an article's lead (after its title): cues there weigh ``LEAD_WEIGHT`` times.
LEAD_WORDS = 100
#: How much a cue in the title or the lead counts, against 1 elsewhere.
LEAD_WEIGHT = 2.0
#: The sentences of an article, closest to an item's examples, whose similarity is averaged.
CLOSEST_SENTENCES = 3
#: Weight of that similarity (a cosine, -1 to 1) beside log(1 + cues): cosines spread about
#: a tenth as far as the cue scores across articles (standard deviations, median over the
#: frames, in climate and in war news alike), so 10 gives the two parts equal say.
SIMILARITY_WEIGHT = 10.0
METHODS = ("combined", "cues")


# ---------------------------------------------------------------------------- frames


@per_article("article")
def frames(
    corpus: pd.DataFrame,
    *,
    lexicon: Any = "generic-frames",
    items: bool = False,
    method: str = "combined",
    lead_words: int = LEAD_WORDS,
    lead_weight: float = LEAD_WEIGHT,
    n_jobs: int = 1,
) -> pd.DataFrame:
    """Score the generic news frames per article, one score per frame.

    Method: the generic frames of Semetko & Valkenburg (2000), whose coders answer yes/no
    questions (items) per story and score a frame by the mean of its items, and the
    resolution frame of the Narrative Frames Corpus (Frermann et al. 2023: a solution is
    suggested, or some entity could alleviate the problem). Each item is read two ways
    (``lexicons/generic-frames.yaml`` holds, per item, its question, cue words written from
    it for any topic, and three example sentences):

    * cues: ``log(1 + c)``, where ``c`` counts the item's cues and a cue in the title or
      the first ``lead_words`` words counts ``lead_weight`` times, since coders judge the
      title and lead first;
    * similarity (``method="combined"``, the default): the mean cosine similarity between
      the question or its closest example and the article's three closest sentences (title
      included), in a static word-embedding model shipped inside a PyPI package
      (:mod:`toolkit.embeddings`), times 10.

    An item's score is their sum; a frame's score is the mean of its items' scores. A
    higher score means a coder is more likely to say the frame is there.

    Departures: neither part reads meaning as a coder does ("cut" taxes and "cut"
    emissions are one cue; a sentence can resemble an example without answering the
    question); the log of a count replaces the coder's yes/no, so that a long article is
    not "yes" on every item while two cues still say more than one; the score ranks
    articles and has no fixed range (it is no probability). Matches inside proper names
    ("Human Rights Watch") and S&V's visual item are left out.

    Validity measured on the development half of the Narrative Frames Corpus (213 climate
    articles, the corpus's frame labels; ``make bench-validity``), ROC AUC, combined (cues
    alone): conflict .79 (.77), economic .89 (.89), human interest .76 (.72), morality .89
    (.81), resolution .70 (.71); mean .80 (.78), beside a supervised ceiling (5-fold TF-IDF
    + logistic regression trained on those labels) of mean .75. These are development
    figures on one topic (the cue lists and examples were read against it): validate on a
    hand-coded sample of your own corpus (:func:`toolkit.validate`, notebook 06) before you
    trust a difference between outlets. ``method="cues"`` is about twice as fast and says
    exactly which words made a score (``items=True``).

    Length: scores rise with an article's length, more than coders' answers do (Spearman's
    rho with word count .40 to .47 on the development data, where the labels' rho is .04 to
    .28; .53 to .75 on FA-KES): a long article has more cues, and more sentences to resemble
    the examples. Scoring only the first 300 words removes most of that on the development
    data but costs .04 of mean AUC, so the whole article is scored. An outlet that writes
    longer articles scores higher on every frame: read a comparison between outlets beside
    their lengths (``n_tokens``), against the length-free ``frame_<frame>_per_1k``, or
    within matched events (:func:`toolkit.match_events`).

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus. A ``title`` column, where present, is scored as part of the lead (unless
        the text already begins with it).
    lexicon : lexicon, default "generic-frames"
        A lexicon whose categories carry a ``frame`` field (a frame or a list of frames),
        or whose names are ``<frame>_<item>``.
    items : bool, default False
        Add each item's score ``item_<item>``, raw cue count ``item_<item>_count`` and (with
        ``method="combined"``) similarity ``item_<item>_similarity``, to validate item by
        item against coders' answers.
    method : {"combined", "cues"}, default "combined"
        Cues and sentence similarity, or cues alone.
    lead_words : int, default 100
        Words of the text that count as its lead.
    lead_weight : float, default 2.0
        Weight of a cue in the title or lead (1 weighs every cue alike).
    n_jobs : int, default 1
        {n_jobs}

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id``; for each frame ``frame_<frame>`` (the score, 0 without any cue)
        and ``frame_<frame>_per_1k`` (its cues per 1,000 tokens of title and text,
        unweighted); with ``items=True`` the item columns too.

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> corpus = toolkit.as_corpus(pd.DataFrame({"text": [
    ...     "Critics accused the council of failing to protect residents. The mayor could help."]}))
    >>> table = frames(corpus, items=True, method="cues")
    >>> table[["item_conflict_reproach_count", "item_conflict_reproach"]].round(4)
                item_conflict_reproach_count  item_conflict_reproach
    doc_id
    doc-000001                             2                  1.6094

    Both cues ("accused", "failing to") are in the lead: log(1 + 2 x 2). The resolution frame
    is the mean of its two items, log(1 + 1 x 2) for "protect" and log(1 + 2 x 2) for "to
    protect" and "could help":

    >>> round(float(table.loc["doc-000001", "frame_resolution"]), 4)
    1.354

    The default adds each item's similarity to its examples (times 10):

    >>> combined = frames(corpus, items=True).loc["doc-000001"]
    >>> bool(combined["item_conflict_reproach"] > 1.6094)
    True
    """
    if method not in METHODS:
        raise ValueError(f"method={method!r} is not valid: give one of {', '.join(METHODS)}")
    check_count("lead_words", lead_words)
    if (
        isinstance(lead_weight, bool)
        or not isinstance(lead_weight, int | float)
        or not (np.isfinite(lead_weight) and lead_weight >= 0)
    ):
        raise ValueError(
            f"lead_weight={lead_weight!r} is not valid: give a number >= 0 "
            "(1 weighs a cue in the lead like any other)"
        )
    return frames_from_runs(
        corpus,
        lexicon,
        None,
        items=items,
        method=method,
        lead_words=lead_words,
        lead_weight=float(lead_weight),
    )


def frame_items(lex: Any) -> dict[str, tuple[str, ...]]:
    """Each category of a frame lexicon and the frame(s) it belongs to: its ``frame``
    field (a name or a list), else the frame its name starts with."""
    lex = load_lexicon(lex)
    meta = lex.meta.get("categories", {}) or {}
    found: dict[str, tuple[str, ...]] = {}
    for cat in lex.categories:
        info = meta.get(cat) if isinstance(meta.get(cat), dict) else {}
        named = (info or {}).get("frame")
        if isinstance(named, str) and named:
            found[cat] = (named,)
        elif isinstance(named, list) and named and all(isinstance(f, str) for f in named):
            found[cat] = tuple(named)
        elif named is not None:
            raise LexiconError(
                f"lexicon {lex.name!r}: category {cat!r} has frame {named!r}; give a frame "
                "name or a list of names"
            )
        else:
            found[cat] = (next((f for f in FRAMES if cat.startswith(f)), cat.split("_")[0]),)
    return found


def _titles_apart(corpus: pd.DataFrame) -> list[str]:
    """Each article's title where it is not already the start of its text, else ""."""
    if "title" not in corpus.columns:
        return [""] * len(corpus)
    out = []
    for title, text in zip(corpus["title"].tolist(), corpus["text"].tolist(), strict=True):
        if not isinstance(title, str) or not title.strip():
            out.append("")
            continue
        head = text.lstrip()[: len(title) + 1].lower() if isinstance(text, str) else ""
        out.append("" if head.startswith(title.strip().lower()) else title)
    return out


def item_examples(lex: Any) -> dict[str, tuple[str, ...]]:
    """Each category's question (``item``) and ``examples``: the sentences an article's
    sentences are compared with. A category with neither is an error for
    ``method="combined"``."""
    lex = load_lexicon(lex)
    meta = lex.meta.get("categories", {}) or {}
    found = {}
    for cat in lex.categories:
        info = meta.get(cat) if isinstance(meta.get(cat), dict) else {}
        texts = [(info or {}).get("item"), *((info or {}).get("examples") or [])]
        texts = [t for t in texts if isinstance(t, str) and t.strip()]
        if not texts:
            raise LexiconError(
                f"lexicon {lex.name!r}: category {cat!r} has no 'item' question or "
                "'examples' to compare sentences with; add them, or use method='cues'"
            )
        found[cat] = tuple(texts)
    return found


@lru_cache(maxsize=8)
def _example_vectors(examples: tuple[tuple[str, ...], ...]) -> tuple[np.ndarray, np.ndarray]:
    """The vectors of every category's question and examples, and each row's category."""
    texts = [t for group in examples for t in group]
    owner = np.repeat(np.arange(len(examples)), [len(g) for g in examples])
    return embed(texts), owner


def _item_similarity(corpus: pd.DataFrame, titles: list[str], lex: Lexicon) -> np.ndarray:
    """Per article and category: the mean cosine similarity of the article's
    ``CLOSEST_SENTENCES`` sentences (its title one of them) closest to the category's
    question or examples (0 for an article without text)."""
    examples = item_examples(lex)
    vectors, owner = _example_vectors(tuple(examples.values()))
    sentences: list[str] = []
    counts: list[int] = []
    for title, text in zip(titles, corpus["text"].tolist(), strict=True):
        found = [title] if title else []
        if isinstance(text, str):
            found += [text[a:b] for a, b in sentence_spans(text)]
        sentences += found
        counts.append(len(found))
    # similarity of each sentence to each example, then the best example per category
    # (einsum, not a BLAS product, whose rounding can depend on the number of rows: an
    # article's score is the same whatever articles are computed with it)
    sims = np.einsum("ij,kj->ik", embed(sentences), vectors)
    best = np.full((len(sentences), len(examples)), -np.inf, dtype=np.float64)
    for c in range(len(examples)):
        best[:, c] = sims[:, owner == c].max(axis=1) if len(sentences) else 0
    out = np.zeros((len(counts), len(examples)), dtype=np.float64)
    ends = np.cumsum(counts)
    for d, (n, end) in enumerate(zip(counts, ends, strict=True)):
        if n:
            block = best[end - n : end]
            k = min(CLOSEST_SENTENCES, n)
            out[d] = np.partition(block, n - k, axis=0)[n - k :].mean(axis=0)
    return out


def frames_from_runs(
    corpus: pd.DataFrame,
    lexicon: Any,
    runs: Runs | None,
    *,
    items: bool = False,
    method: str = "combined",
    lead_words: int = LEAD_WORDS,
    lead_weight: float = LEAD_WEIGHT,
) -> pd.DataFrame:
    lex = load_lexicon(lexicon)
    frame_of = frame_items(lex)
    if runs is None:
        runs = corpus_runs(corpus["text"].tolist())
    tallies = category_tallies(runs, lex, lead_words)
    total, lead = tallies.total, tallies.lead
    n_tokens = runs.n_tokens.astype(float)
    titles = _titles_apart(corpus)
    if any(titles):
        title_runs = corpus_runs(titles)
        in_title = category_tallies(title_runs, lex).total
        total = total + in_title
        lead = lead + in_title
        n_tokens = n_tokens + title_runs.n_tokens
    weighted = total + (lead_weight - 1.0) * lead
    item_scores = np.log1p(weighted)
    cats = list(lex.categories)
    similarity = None
    if method == "combined":
        similarity = _item_similarity(corpus, titles, lex)
        item_scores = item_scores + SIMILARITY_WEIGHT * similarity
    out = pd.DataFrame(index=corpus.index)
    for frame in dict.fromkeys(f for fs in frame_of.values() for f in fs):
        cols = [i for i, cat in enumerate(cats) if frame in frame_of[cat]]
        out[f"frame_{frame}"] = item_scores[:, cols].mean(axis=1)
        out[f"frame_{frame}_per_1k"] = np.where(
            n_tokens > 0, 1000.0 * total[:, cols].sum(axis=1) / np.maximum(n_tokens, 1), np.nan
        )
    if items:
        for i, cat in enumerate(cats):
            out[f"item_{cat}"] = item_scores[:, i]
            out[f"item_{cat}_count"] = total[:, i]
            if similarity is not None:
                out[f"item_{cat}_similarity"] = similarity[:, i]
    out.attrs["toolkit"] = {
        "function": "frames",
        "method": method,
        "lexicon": lex.name,
        **{f: lex.meta.get(f) for f in PROVENANCE_FIELDS},
        "lead_words": lead_words,
        "lead_weight": lead_weight,
    }
    return out
