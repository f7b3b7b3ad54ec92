"""Labels for contested referents: "rebels" or "terrorists", "liberated" or "seized".

Competing labels for one referent (Gentzkow & Shapiro 2010; Recasens et al. 2013;
METHODS.md section 6), counted separately in the outlet's own voice and inside quotation
marks (:func:`labels`), and their shares per group with an article bootstrap and an
article permutation test (:func:`label_shares`). The label sets are YAML files with
provenance (``labelsets/``).
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
from toolkit._stats import bootstrap_interval
from toolkit.dispatch import per_article
from toolkit.errors import LexiconError, check_count
from toolkit.text import normalise
from toolkit.wordlists import (
    PROVENANCE_FIELDS,
    line_of,
    node_at,
    parse_yaml_file,
    read_word_list,
    string_terms,
)

__all__ = [
    "LabelSets",
    "article_permutation_p",
    "label_shares",
    "labels",
    "labels_from_runs",
    "load_label_sets",
]

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


@per_article("mention")
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
        {n_jobs}

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


def _label_share(counts: np.ndarray, axis: int = -1) -> np.ndarray:
    """Each label's share of the counts summed over articles (``axis``); labels are the
    first axis (the bootstrap's resamples may add one between)."""
    sums = counts.sum(axis=axis)
    with np.errstate(invalid="ignore", divide="ignore"):
        return sums / sums.sum(axis=0)


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
                lo, hi = bootstrap_interval(docs, _label_share, n_boot=n_boot, ci=ci, rng=rng)
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
