"""Syndicated copy: articles that repeat most of another one, within and across outlets.

Agencies' wire copy runs in several outlets with a changed sentence or two; a comparison
that counts it once per outlet makes those outlets look alike (and each outlet's "own"
words include the agency's). :func:`near_duplicates` flags such articles, never removes
them: ``near_duplicate_of`` names the earliest article of the group (in corpus order) and
``near_duplicate_similarity`` the estimated Jaccard similarity of the article's word
5-gram shingles with its most similar earlier article.

Method: MinHash signatures of each article's set of word 5-grams (Broder 1997), indexed
with locality-sensitive hashing (banding; Leskovec, Rajaraman & Ullman, *Mining of
Massive Datasets*, ch. 3) by the datasketch library, so that each article is compared
only with the earlier articles that share a band: time grows with the corpus, not with
its square. Pairs whose estimated Jaccard similarity reaches ``threshold`` (0.5 by
default) are flagged. Estimates from 128 permutations have a standard error of about
0.04 near 0.5, so pairs close to the threshold may fall either side.

Validity: on FA-KES, 21 of the 22 cross-outlet pairs (95%) whose exact 5-shingle Jaccard
similarity is at least 0.5 are flagged, and no flagged article has an exact similarity
below 0.4 with every earlier article (``tests/test_copies.py`` checks 80% and 0.4).
Candidates come from a banding threshold 0.15 below ``threshold``, so that pairs just
above it whose estimate falls just below it are still compared.

Scale: FA-KES in about 0.5 s. 100,000 articles (193 MB, FA-KES copies in which every
article has about 120 near copies: a worst case for the candidate lists) in 117 s and
0.56 GB on one core; memory grows by about 1 KB per article (a 512-byte signature and
the LSH bands), time with the corpus and with how many copies each article has.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Literal

import numpy as np
import pandas as pd

from toolkit.config import CHUNK_SIZE

__all__ = ["DropCopies", "NearDuplicateIndex", "kept_articles", "near_duplicates", "shingles"]

#: What ``drop_duplicates=`` leaves out (keyness, discriminate): False nothing; True or
#: "exact" the exact copies (``is_duplicate``); "near" the near copies as well
#: (``near_duplicate_of``, from :func:`near_duplicates`).
DropCopies = bool | Literal["exact", "near"]

_WORDS = re.compile(r"[^\W_]+")


def shingles(text: str, k: int = 5) -> set[str]:
    """The word ``k``-grams of a text (lower-cased words; punctuation aside).

    Examples
    --------
    >>> sorted(shingles("Jets hit Homs, then Hama.", k=3))
    ['hit homs then', 'homs then hama', 'jets hit homs']
    """
    words = _WORDS.findall(text.lower())
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


class NearDuplicateIndex:
    """The articles seen so far, to find each new article's earlier near-duplicates.

    Keeps one MinHash signature per article (``num_perm`` 32-bit values: 512 bytes at
    128) and the LSH bands, so a stream or the partitions of a dask corpus can be checked in
    order against all earlier articles (:func:`toolkit.stream.iter_corpus` does so).
    """

    def __init__(self, *, threshold: float = 0.5, k: int = 5, num_perm: int = 128) -> None:
        from datasketch import MinHashLSH

        if not 0 < threshold <= 1:
            raise ValueError(f"threshold={threshold!r} must be in (0, 1]")
        self.threshold, self.k, self.num_perm = threshold, k, num_perm
        # candidates from a lower banding threshold, so that pairs just above
        # ``threshold`` whose estimate falls just below are still compared
        self.lsh = MinHashLSH(threshold=max(0.05, threshold - 0.15), num_perm=num_perm)
        self.signatures: dict[Any, np.ndarray] = {}
        self.root: dict[Any, Any] = {}

    def add(self, doc_ids: Iterable[Any], texts: Iterable[Any]) -> pd.DataFrame:
        """Check articles against all earlier ones, then add them; return their
        ``near_duplicate_of`` and ``near_duplicate_similarity`` (missing when none)."""
        from datasketch import MinHash

        ids = list(doc_ids)
        sets = [shingles(t, self.k) if isinstance(t, str) else set() for t in texts]
        hashes = MinHash.bulk(
            [[s.encode("utf-8") for s in sh] for sh in sets], num_perm=self.num_perm
        )
        of: list[Any] = []
        similarity: list[float] = []
        for doc, shingle_set, m in zip(ids, sets, hashes, strict=True):
            best, best_sim = None, 0.0
            signature = m.hashvalues.astype(np.uint32)  # the values are below 2**32
            if shingle_set:
                for other in self.lsh.query(m):
                    sim = float(np.mean(self.signatures[other] == signature))
                    if sim >= self.threshold and sim > best_sim:
                        best, best_sim = other, sim
                self.lsh.insert(doc, m, check_duplication=False)
                self.signatures[doc] = signature
            root = self.root.get(best, best) if best is not None else None
            self.root[doc] = root if root is not None else doc
            of.append(root)
            similarity.append(best_sim if best is not None else np.nan)
        return pd.DataFrame(
            {
                "near_duplicate_of": pd.array(of, dtype="string"),
                "near_duplicate_similarity": np.asarray(similarity, dtype=float),
            },
            index=doc_ids if isinstance(doc_ids, pd.Index) else pd.Index(ids, name="doc_id"),
        )


def near_duplicates(
    corpus: pd.DataFrame, *, threshold: float = 0.5, k: int = 5, num_perm: int = 128
) -> pd.DataFrame:
    """The corpus with its near-duplicate articles flagged (see the module docstring).

    Parameters
    ----------
    corpus : pandas.DataFrame or dask DataFrame
        A corpus (index ``doc_id``, ``text``); its order decides which copy is earliest.
        A dask corpus is read partition by partition, in order, through one index, and
        returned lazily with the flags joined.
    threshold : float, default 0.5
        Estimated Jaccard similarity of word ``k``-gram shingles from which two articles
        are copies.
    k : int, default 5
        Words per shingle.
    num_perm : int, default 128
        MinHash permutations (more: closer estimates, more memory and time).

    Returns
    -------
    pandas.DataFrame
        A copy with ``near_duplicate_of`` (doc_id of the earliest article of the group,
        missing for the first and for articles without a copy) and
        ``near_duplicate_similarity`` (estimated Jaccard with the most similar earlier
        article; missing when none reaches ``threshold``).

    Examples
    --------
    >>> import pandas as pd
    >>> base = "Government jets struck the town of Saraqeb on Monday killing nine people, "
    >>> texts = [base + "a monitor said.", base + "activists said.", "Rebels took a hill."]
    >>> c = pd.DataFrame({"text": texts}, index=pd.Index(["a", "b", "c"], name="doc_id"))
    >>> near_duplicates(c)["near_duplicate_of"].tolist()
    [<NA>, 'a', <NA>]
    """
    index = NearDuplicateIndex(threshold=threshold, k=k, num_perm=num_perm)
    if hasattr(corpus, "to_delayed") and hasattr(corpus, "map_partitions"):  # a dask corpus
        # partition by partition, in order, through one index (a pass over the data);
        # the flags then join each partition
        lazy: Any = corpus
        blocks = []
        for delayed in lazy.to_delayed():  # one partition in memory at a time
            part = delayed.compute()
            blocks.append(index.add(part.index, part["text"].tolist()))
        flags = pd.concat(blocks)
        meta = lazy._meta.join(flags.iloc[:0])
        result: pd.DataFrame = lazy.map_partitions(_join_flags, flags, meta=meta)
        return result
    texts = corpus["text"]
    # a block at a time: the shingles of the whole corpus are never held at once
    found = pd.concat(
        [
            index.add(corpus.index[i : i + CHUNK_SIZE], texts.iloc[i : i + CHUNK_SIZE].tolist())
            for i in range(0, max(len(corpus), 1), CHUNK_SIZE)
        ]
    )
    out = corpus.drop(columns=[c for c in found.columns if c in corpus.columns])
    return out.join(found)


def _join_flags(part: pd.DataFrame, flags: pd.DataFrame) -> pd.DataFrame:
    return part.drop(columns=[c for c in flags.columns if c in part.columns]).join(flags)


def kept_articles(corpus: pd.DataFrame, drop: DropCopies, func: str) -> np.ndarray:
    """Which articles a comparison keeps under ``drop_duplicates=drop`` (see
    :data:`DropCopies`); the first article of each group of copies is always kept.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"is_duplicate": [False, True, False],
    ...                   "near_duplicate_of": [None, "a", "a"]})
    >>> kept_articles(c, "exact", "f").tolist(), kept_articles(c, "near", "f").tolist()
    ([True, False, True], [True, False, False])
    """
    if drop not in (False, True, "exact", "near"):
        raise ValueError(
            f"{func}(): drop_duplicates={drop!r} is not valid; use False, True (or "
            "'exact': exact copies) or 'near' (near copies too)"
        )
    keep = np.ones(len(corpus), dtype=bool)
    if drop is False:
        return keep
    if "is_duplicate" not in corpus.columns:
        raise KeyError(
            f"{func}(drop_duplicates={drop!r}) needs the 'is_duplicate' column that "
            "toolkit.load_corpus adds"
        )
    keep &= ~corpus["is_duplicate"].fillna(False).to_numpy(dtype=bool)
    if drop == "near":
        if "near_duplicate_of" not in corpus.columns:
            raise KeyError(
                f"{func}(drop_duplicates='near') needs the 'near_duplicate_of' column: "
                "flag the copies first, corpus = toolkit.near_duplicates(corpus)"
            )
        keep &= corpus["near_duplicate_of"].isna().to_numpy(dtype=bool)
    return keep
