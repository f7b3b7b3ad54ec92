"""Framing features: generic news frames, labels for contested referents, epistemic markers.

``frames``
    The five generic news frames of Semetko & Valkenburg (2000): conflict, human interest,
    attribution of responsibility, morality, economic consequences. Each of the frame's
    coding questions is approximated by a list of cue words (``lexicons/generic-frames.yaml``,
    the question kept beside its list); an item counts as present when at least one cue
    occurs, and the frame's score is the share of its items present, as a coder's frame
    score is the mean of the frame's yes/no items. This approximates human coding and
    departs from it: cues do not read meaning. Validate against hand-coded articles with
    :func:`toolkit.validate` before trusting a difference.
``labels`` / ``label_shares``
    Competing labels for one referent (Gentzkow & Shapiro 2010; Recasens et al. 2013;
    METHODS.md section 6): "rebels" or "terrorists", "liberated" or "seized", counted
    separately in the outlet's own voice and inside quotation marks.
``epistemic``
    Hedges and boosters (Hyland 1998; Recasens et al. 2013) and numbers per 1,000 words.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml
from scipy.stats import chi2_contingency

from toolkit._match import Runs, corpus_runs, match_terms, term_regex
from toolkit.dispatch import by_chunks, is_dask
from toolkit.embeddings import embed
from toolkit.errors import LexiconError, check_count
from toolkit.lexicon import category_counts, category_tallies
from toolkit.text import normalise, sentence_spans
from toolkit.text import tokens as corpus_tokens
from toolkit.wordlists import (
    PROVENANCE_FIELDS,
    Lexicon,
    line_of,
    load_lexicon,
    node_at,
    parse_yaml_file,
    read_word_list,
    string_terms,
)

__all__ = [
    "FRAMES",
    "LabelSets",
    "article_permutation_p",
    "epistemic",
    "frames",
    "label_shares",
    "labels",
    "load_label_sets",
]

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
        Processes: the articles are cut into chunks computed in parallel (-1: one per
        CPU core); the result is identical. A dask corpus is computed partition by
        partition (:mod:`toolkit.distributed`).

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
    if n_jobs != 1 or is_dask(corpus):
        return by_chunks(
            frames,
            corpus,
            n_jobs,
            "article",
            lexicon=lexicon,
            items=items,
            method=method,
            lead_words=lead_words,
            lead_weight=float(lead_weight),
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


# ---------------------------------------------------------------------------- labels


@dataclass(frozen=True)
class LabelSets:
    """Referents, each with competing labels and their terms, and provenance."""

    name: str
    referents: dict[str, dict[str, tuple[str, ...]]]
    meta: dict[str, Any] = field(default_factory=dict)
    #: named actors: actor -> (its referent, its names). A label whose noun phrase names an
    #: actor ("the Lebanese terrorist group Hezbollah") counts for the actor's referent.
    actors: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)


def load_label_sets(source: str | Path | LabelSets | Mapping[str, Any] = "war") -> LabelSets:
    """Load contrast sets by name (``toolkit/labelsets/``), from a YAML file, or a mapping.

    The YAML holds ``name``, the provenance fields and ``referents``: each referent has
    ``labels``, a mapping of label -> terms. An optional ``actors`` mapping names actors
    (``hezbollah: {referent: hezbollah, names: [Hezbollah, Hizbollah]}``): a label whose
    noun phrase names one counts for that actor's referent (:func:`labels`). A mapping
    argument is ``{referent: {label: [terms]}}``.

    Examples
    --------
    >>> sets = load_label_sets()
    >>> sorted(sets.referents)
    ['air_war', 'armed_opposition', 'state_forces', 'territory', 'the_dead']
    >>> sets.referents["armed_opposition"]["rebels"][:2]
    ('rebel', 'rebels')
    """
    if isinstance(source, LabelSets):
        return source
    if isinstance(source, Mapping):
        given = {
            str(r): {str(lab): tuple([t] if isinstance(t, str) else t) for lab, t in labs.items()}
            for r, labs in source.items()
        }
        return LabelSets("custom", given, {f: None for f in PROVENANCE_FIELDS})
    shipped = resources.files("toolkit") / "labelsets" / f"{source}.yaml"
    if shipped.is_file():
        text, where = shipped.read_text("utf-8"), f"toolkit/labelsets/{source}.yaml"
    else:
        path = Path(source)
        if not path.is_file():
            raise FileNotFoundError(f"{source}: neither a shipped label set nor a file")
        text, where = read_word_list(path), str(path)
    parsed = _label_sets_from_yaml(text, where)
    return LabelSets(
        parsed.name,
        {r: dict(labs) for r, labs in parsed.referents.items()},
        copy.deepcopy(parsed.meta),
        dict(parsed.actors),
    )


@lru_cache(maxsize=32)
def _label_sets_from_yaml(text: str, where: str) -> LabelSets:
    """Label sets from YAML text, parsed once per text (callers copy the result). Every
    error is a LexiconError naming the file and line."""
    data, root = parse_yaml_file(text, where)
    refs_node = node_at(root, "referents")
    if not isinstance(data, dict) or not isinstance(data.get("referents"), dict):
        raise LexiconError(
            f"{where}, line {line_of(refs_node) or 1}: a label-set file needs 'referents' "
            "mapping each referent to its 'labels'"
        )
    missing = [f for f in ("name", *PROVENANCE_FIELDS) if f not in data]
    if missing:
        raise LexiconError(f"{where}, line 1: missing field(s) {missing}")
    refs: dict[str, dict[str, tuple[str, ...]]] = {}
    for referent, body in data["referents"].items():
        labs = body.get("labels") if isinstance(body, dict) else None
        line = line_of(node_at(root, "referents", str(referent)))
        if not isinstance(labs, dict) or not labs:
            raise LexiconError(
                f"{where}, line {line}: referent {referent!r} needs a non-empty 'labels' mapping"
            )
        refs[str(referent)] = {}
        for label in labs:
            node = node_at(root, "referents", str(referent), "labels", str(label))
            if not isinstance(node, yaml.SequenceNode) or not node.value:
                raise LexiconError(
                    f"{where}, line {line_of(node)}: label {label!r} of {referent!r} needs a "
                    "non-empty list of terms"
                )
            terms = string_terms(node.value, where, f"label {label!r} of {referent!r}")
            refs[str(referent)][str(label)] = tuple(terms)
    actors: dict[str, tuple[str, tuple[str, ...]]] = {}
    for actor, body in (data.get("actors") or {}).items():
        node = node_at(root, "actors", str(actor))
        names = node_at(root, "actors", str(actor), "names")
        if (
            not isinstance(body, dict)
            or not isinstance(body.get("referent"), str)
            or not isinstance(names, yaml.SequenceNode)
            or not names.value
        ):
            raise LexiconError(
                f"{where}, line {line_of(node)}: actor {actor!r} needs a 'referent' (a name) "
                "and a non-empty list of 'names'"
            )
        terms = string_terms(names.value, where, f"names of actor {actor!r}")
        actors[str(actor)] = (body["referent"], tuple(terms))
    meta = {k: v for k, v in data.items() if k not in ("name", "referents", "actors")}
    return LabelSets(str(data["name"]), refs, meta, actors)


def _referent_alternatives(labels: Mapping[str, Iterable[str]]) -> list[tuple[int, str]]:
    """A referent's terms as (label index, term), longer terms first (the order the
    matcher tries them; ties keep the order of the label set)."""
    terms = sorted(
        ((t, i) for i, ts in enumerate(labels.values()) for t in ts), key=lambda x: -len(x[0])
    )
    return [(i, " ".join(normalise(t).lower().split())) for t, i in terms]


def labels(
    corpus: pd.DataFrame,
    label_sets: str | Path | LabelSets | Mapping[str, Any] | None = None,
    *,
    metadata: Iterable[str] = ("outlet", "date"),
    n_jobs: int = 1,
) -> pd.DataFrame:
    """Count the competing labels of each referent per article, by voice.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus.
    label_sets : optional
        Contrast sets (:func:`load_label_sets`); default the shipped ``war`` set: armed
        opposition, state forces, the dead, territorial change, the air war.
    metadata : iterable of str
        Corpus columns copied onto each row (those present), for :func:`label_shares`.
    n_jobs : int, default 1
        Processes: the articles are cut into chunks computed in parallel (-1: one per
        CPU core); the result is identical. A dask corpus is computed partition by
        partition (:mod:`toolkit.distributed`).

    Returns
    -------
    pandas.DataFrame
        One row per (article, referent, label, voice) with a non-zero count:
        ``doc_id, referent, label, count, voice`` (``authorial`` or ``quoted``), then the
        metadata columns.

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> corpus = toolkit.as_corpus(pd.DataFrame({"text": [
    ...     'Terrorist groups shelled the city. "The rebels fled," a resident said.'],
    ...     "outlet": ["SANA"]}))
    >>> labels(corpus)[["referent", "label", "count", "voice"]]
               referent             label  count      voice
    0  armed_opposition  terrorist groups      1  authorial
    1  armed_opposition            rebels      1     quoted
    """
    if n_jobs != 1 or is_dask(corpus):
        options: dict[str, Any] = {"label_sets": label_sets, "metadata": tuple(metadata)}
        return by_chunks(labels, corpus, n_jobs, "mention", **options)
    return labels_from_runs(corpus, label_sets, metadata, None)


def labels_from_runs(
    corpus: pd.DataFrame, label_sets: Any, metadata: Iterable[str], runs: Runs | None
) -> pd.DataFrame:
    sets = load_label_sets("war" if label_sets is None else label_sets)
    if runs is None:
        runs = corpus_runs(corpus["text"].tolist())
    columns = ["doc_id", "referent", "label", "count", "voice"]
    parts = []
    for r, labs in enumerate(sets.referents.values()):
        found = match_terms(runs, _referent_alternatives(labs))
        found["referent"] = r
        parts.append(found)
    found = pd.concat(parts, ignore_index=True)
    refs = list(sets.referents)
    names = {(r, i): lab for r, ref in enumerate(refs) for i, lab in enumerate(sets.referents[ref])}
    found["name"] = [
        names[key] for key in zip(found["referent"].tolist(), found["label"].tolist(), strict=True)
    ]
    found["position"] = found["referent"]
    found["referent"] = [refs[r] for r in found["referent"].tolist()]
    if sets.actors and len(found):
        found["referent"] = _named_referents(runs, found, sets)
    # per article, referent by referent, labels in the order they first occur
    found["order"] = found["referent"].map(
        {
            r: i
            for i, r in enumerate(dict.fromkeys([*refs, *(ref for ref, _ in sets.actors.values())]))
        }
    )
    found = found.sort_values(["doc", "order", "start"], kind="stable")
    found["voice"] = np.where(found["quoted"], "quoted", "authorial")
    sizes = found.groupby(["doc", "referent", "name", "voice"], sort=False).size()
    counts: pd.DataFrame = sizes.reset_index(name="count")
    table = pd.DataFrame(
        {
            "doc_id": corpus.index.to_numpy()[counts["doc"].to_numpy()],
            "referent": counts["referent"].to_numpy(dtype=object),
            "label": counts["name"].to_numpy(dtype=object),
            "count": counts["count"].to_numpy(dtype=np.int64),
            "voice": counts["voice"].to_numpy(),
        },
        columns=columns,
    )
    for col in metadata:
        if col in corpus.columns:
            table[col] = corpus[col].reindex(table["doc_id"]).to_numpy()
    table.attrs["toolkit"] = {
        "function": "labels",
        "label_sets": sets.name,
        **{f: sets.meta.get(f) for f in PROVENANCE_FIELDS},
    }
    return table


#: What may stand between a label and the actor it names, inside one noun phrase: nothing,
#: one word ("Daesh Takfiri terrorists"), or "of"/"from" ("terrorists of Jabhat al-Nusra").
_BEFORE_LABEL = re.compile(r"[\s\-]+(?:[\w'\-]+\s+)?")
_ADJACENT = re.compile(r"[\s\-]+")
_AFTER_LABEL = re.compile(r"\s+(?:(?:of|from|called|named|known as)\s+)?(?:the\s+)?")


def _match_ends(
    lowered: list[str], docs: list[int], starts: list[int], regexes: list[Any]
) -> list[int]:
    """The end offset of each match: its regex (the terms it was found with) matched again
    where it starts."""
    ends = []
    for doc, start, regex in zip(docs, starts, regexes, strict=True):
        m = regex.match(lowered[doc], start)
        ends.append(m.end() if m else start)
    return ends


def _named_referents(runs: Runs, found: pd.DataFrame, sets: LabelSets) -> list[str]:
    """Each label match's referent: for a label of a referent that actors belong to
    (armed_opposition), the referent of the actor its noun phrase names (the actor's name
    right before the label, one word at most between them, or right after it, "of"/"from"
    at most between), else the referent of its label set. ``found`` holds the referent's
    position in ``sets.referents`` (column ``position``)."""
    actors = list(sets.actors.values())
    alternatives = [
        (a, " ".join(normalise(t).lower().split())) for a, (_, ts) in enumerate(actors) for t in ts
    ]
    alternatives.sort(key=lambda x: -len(x[1]))
    named = match_terms(runs, alternatives)
    referents = found["referent"].tolist()
    if named.empty:
        return referents
    actor_regex = term_regex(t for _, t in alternatives)
    named_ends = _match_ends(
        runs.lowered, named["doc"].tolist(), named["start"].tolist(), [actor_regex] * len(named)
    )
    by_doc: dict[int, list[tuple[int, int, int]]] = {}
    for doc, start, end, actor in zip(
        named["doc"].tolist(), named["start"].tolist(), named_ends, named["label"].tolist(),
        strict=True,
    ):  # fmt: skip
        by_doc.setdefault(doc, []).append((start, end, actor))
    label_regex = [
        term_regex(t for ts in labs.values() for t in ts) for labs in sets.referents.values()
    ]
    docs, starts = found["doc"].tolist(), found["start"].tolist()
    ends = _match_ends(
        runs.lowered, docs, starts, [label_regex[r] for r in found["position"].tolist()]
    )
    # only labels for actors are renamed (not "killed" or "captured" near a name)
    for_actors = {ref for ref, _ in actors}
    previous: tuple[int, int, str] | None = None  # doc, end, actor referent
    candidates = [j for j in range(len(docs)) if referents[j] in for_actors]
    for i in sorted(candidates, key=lambda j: (docs[j], starts[j])):
        doc, start, end = docs[i], starts[i], ends[i]
        text = runs.lowered[doc]
        for a_start, a_end, actor in by_doc.get(doc, ()):
            before = a_end <= start and _BEFORE_LABEL.fullmatch(text, a_end, start)
            after = a_start >= end and _AFTER_LABEL.fullmatch(text, end, a_start)
            if before or after:
                referents[i] = actors[actor][0]
                break
        else:
            # a label right after a label that names an actor names it too ("Daesh
            # terrorist group militants")
            if (
                previous is not None
                and previous[0] == doc
                and previous[1] <= start
                and _ADJACENT.fullmatch(text, previous[1], start)
            ):
                referents[i] = previous[2]
                previous = (doc, end, previous[2])
                continue
            previous = None
            continue
        previous = (doc, end, referents[i])
    return referents


def _pearson(tables: np.ndarray) -> np.ndarray:
    """Pearson's chi-square statistic of each contingency table (``..., rows, cols``)."""
    rows = tables.sum(axis=-1, keepdims=True)
    cols = tables.sum(axis=-2, keepdims=True)
    expected = rows * cols / tables.sum(axis=(-2, -1), keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        terms = np.where(expected > 0, (tables - expected) ** 2 / expected, 0.0)
    return np.asarray(terms.sum(axis=(-2, -1)))


def article_permutation_p(
    counts: np.ndarray, groups: np.ndarray, n_perm: int, rng: np.random.Generator
) -> float:
    """p-value of "the groups use the labels alike", with articles as the unit.

    ``counts`` holds each article's mentions per label (articles x labels) and ``groups``
    each article's group code. The statistic is Pearson's chi-square of the group x label
    table of mention counts; its null distribution comes from shuffling the articles'
    groups (``n_perm`` times), which keeps each article's mentions together. The p-value
    is ``(1 + #{permuted >= observed}) / (1 + n_perm)`` (Phipson & Smyth 2010); NaN for
    ``n_perm=0``.

    Examples
    --------
    >>> import numpy as np
    >>> counts = np.array([[5, 0], [4, 1], [0, 6], [1, 5]])
    >>> p = article_permutation_p(counts, np.array([0, 0, 1, 1]), 2000, np.random.default_rng(0))
    >>> round(p, 2)   # 2 of the 6 ways to split 4 articles into 2 + 2 are as extreme
    0.33
    """
    if n_perm == 0:
        return float("nan")
    counts = np.asarray(counts, dtype=float)
    codes = np.asarray(groups, dtype=np.int64)
    k, n_labels = int(codes.max()) + 1, counts.shape[1]

    def tables(assignments: np.ndarray) -> np.ndarray:
        # group x label sums for each row of assignments (permutations x articles)
        block = len(assignments)
        cell = (np.arange(block)[:, None] * k + assignments).ravel()
        sums = [
            np.bincount(cell, weights=np.tile(counts[:, j], block), minlength=block * k)
            for j in range(n_labels)
        ]
        return np.stack(sums, axis=-1).reshape(block, k, n_labels)

    observed = _pearson(tables(codes[None, :]))[0]
    hits = 0
    step = max(1, min(n_perm, 2_000_000 // max(len(codes), 1)))  # bounded memory
    for start in range(0, n_perm, step):
        size = min(step, n_perm - start)
        shuffled = np.stack([rng.permutation(codes) for _ in range(size)])
        hits += int(np.sum(_pearson(tables(shuffled)) >= observed - 1e-9 * abs(observed)))
    return float((1 + hits) / (1 + n_perm))


def label_shares(
    table: pd.DataFrame,
    *,
    by: str,
    voice: str | None = None,
    n_boot: int = 1000,
    n_perm: int = 999,
    ci: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Each label's share of its referent per group, with intervals and a test across groups.

    Parameters
    ----------
    table : pandas.DataFrame
        The output of :func:`labels` (with the ``by`` column among its metadata).
    by : str
        Grouping column, e.g. ``"outlet"``.
    voice : {"authorial", "quoted"}, optional
        Keep one voice only; both together when None.
    n_boot : int, default 1000
        Article resamples (within each group) for the percentile interval; 0 for none.
    n_perm : int, default 999
        Permutations of the articles' groups for the test's p-value; 0 for none.
    ci : float, default 0.95
        Interval coverage.
    seed : int, default 0
        Bootstrap seed.

    Returns
    -------
    pandas.DataFrame
        One row per (group, referent, label): ``group, referent, label, count, total``
        (the referent's count in the group), ``share``, ``ci_low, ci_high``,
        ``n_articles`` (articles of the group using the referent at all), and per referent
        a test of whether the groups use the labels alike: ``chi2, dof`` (Pearson's
        statistic on the mention counts, descriptive) and ``p`` from a permutation test
        with *articles* as the unit (:func:`article_permutation_p`). Mentions within one
        article are not independent, so the chi-square test's own p-value, which treats
        each mention as a sampled unit, is far too small (on FA-KES 1e-193); groups with
        no use of the referent are left out of the test.

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> corpus = toolkit.as_corpus(pd.DataFrame({
    ...     "text": ["Rebels fled.", "Rebels and terrorists fled.", "Terrorists fled."],
    ...     "outlet": ["Reuters", "Reuters", "SANA"]}))
    >>> shares = label_shares(labels(corpus), by="outlet", n_boot=0)
    >>> shares[["group", "label", "count", "total", "share"]]
         group       label  count  total     share
    0  Reuters      rebels      2      3  0.666667
    1  Reuters  terrorists      1      3  0.333333
    2     SANA  terrorists      1      1  1.000000
    """
    check_count("n_boot", n_boot, hint="0: no intervals; else resamples, e.g. 1000")
    check_count("n_perm", n_perm, hint="0: no test; else permutations, e.g. 999")
    if by not in table.columns:
        raise KeyError(
            f"label_shares(): by={by!r} is not a column of the labels table; pass "
            f"metadata=[{by!r}] to toolkit.labels(). Columns: "
            f"{', '.join(map(str, table.columns))}"
        )
    if voice is not None:
        if voice not in ("authorial", "quoted"):
            raise ValueError(f"voice={voice!r} is not valid; use 'authorial', 'quoted' or None")
        table = table[table["voice"] == voice]
    data = table.dropna(subset=[by])
    rng = np.random.default_rng(seed)
    out = []
    for referent, part in data.groupby("referent", sort=True):
        per_doc = part.pivot_table(
            index=["doc_id", by], columns="label", values="count", aggfunc="sum", fill_value=0
        )
        groups = per_doc.index.get_level_values(by)
        totals = per_doc.groupby(level=by, sort=True).sum()
        contingency = totals.to_numpy()
        if contingency.shape[0] >= 2 and contingency.shape[1] >= 2:
            chi2, _, dof, _ = chi2_contingency(contingency, correction=False)
            codes = pd.Index(totals.index).get_indexer(groups)
            p = article_permutation_p(per_doc.to_numpy(), codes, n_perm, rng)
        else:
            chi2, p, dof = np.nan, np.nan, 0
        for group, counts in totals.iterrows():
            docs = per_doc[groups == group].to_numpy(dtype=float)
            total = counts.sum()
            if n_boot and len(docs) > 0:
                idx = rng.integers(0, len(docs), size=(n_boot, len(docs)))
                sums = docs[idx].sum(axis=1)  # n_boot x labels
                denom = sums.sum(axis=1, keepdims=True)
                with np.errstate(invalid="ignore", divide="ignore"):
                    boot = sums / denom
                lo = np.nanquantile(boot, (1 - ci) / 2, axis=0)
                hi = np.nanquantile(boot, 1 - (1 - ci) / 2, axis=0)
            else:
                lo = hi = np.full(len(counts), np.nan)
            for j, (label, count) in enumerate(counts.items()):
                if count == 0:
                    continue
                out.append(
                    (
                        group,
                        referent,
                        label,
                        int(count),
                        int(total),
                        count / total,
                        lo[j],
                        hi[j],
                        len(docs),
                        chi2,
                        dof,
                        p,
                    )
                )
    result = pd.DataFrame(
        out,
        columns=[
            "group",
            "referent",
            "label",
            "count",
            "total",
            "share",
            "ci_low",
            "ci_high",
            "n_articles",
            "chi2",
            "dof",
            "p",
        ],
    )
    return result.sort_values(
        ["referent", "group", "count", "label"], ascending=[True, True, False, True], kind="stable"
    ).reset_index(drop=True)


# ---------------------------------------------------------------------------- epistemic

_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred hundreds thousand thousands million millions billion billions dozen "
    "dozens".split()
)


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
        Processes: the articles are cut into chunks computed in parallel (-1: one per
        CPU core); the result is identical. A dask corpus is computed partition by
        partition (:mod:`toolkit.distributed`).

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
    if n_jobs != 1 or is_dask(corpus):
        return by_chunks(epistemic, corpus, n_jobs, "article", lexicon=lexicon)
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
