"""Cleaning: the outlet's prose without its page furniture.

News texts carry text no journalist wrote as framing: credit lines ("BEIRUT (Reuters) -",
"Source TRTWorld and agencies", "Reporting by ...; Editing by ..."), datelines, bylines,
time stamps and leading dates, the title repeated at the start, share/follow/cookie lines,
tag lists, URLs, and an outlet's own recurring footer or masthead. Counted as words they
top keyness, drive classifiers and fire frame cues. :func:`clean_corpus` removes them from
``text`` and records what it removed and why, per article.

Two kinds of rules, neither written for one outlet:

* **Patterns** (:func:`clean_text`): a date, time stamp, byline, dateline, credit or the
  title at the *head* of a text; a credit, update stamp, tag list, editors' initials or
  translation note at its *tail*; URLs and social handles anywhere; and any short segment
  (sentence or line, at most :data:`FURNITURE_WORDS` words) holding an unambiguous
  furniture phrase of ``lexicons/furniture.yaml`` ("subscribe", "all rights reserved",
  "follow us"), or made mostly of words that are furniture on a page but ordinary words in
  a sentence ("Facebook", "comment", "share": see ``_is_furniture``).
* **Learned boilerplate** (:func:`learn_boilerplate`): segments that recur, word for word
  (case, digits and white space aside), in at least :data:`MIN_SHARE` of one outlet's
  articles and at least :data:`MIN_ARTICLES` of them. A recurring segment is removed when it
  looks like furniture: short (at most :data:`FURNITURE_WORDS` words) and among the first
  or last two segments of the article, or describing the outlet itself (a masthead:
  "newspaper", "publication", "our readers", ...). Longer recurring segments in the body
  (a background paragraph an outlet repeats in every dispatch) are an editorial choice:
  they stay in the text and are counted in ``n_recurring``.

Learning reads at most :data:`SAMPLE_PER_OUTLET` articles per outlet (the first ones), so it
needs a bounded amount of memory on any corpus; a stream learns from its first chunks
(:func:`toolkit.stream.iter_corpus`), and the rules then apply to every article.

Validity: on FA-KES (804 articles, 15 outlets) the cleaned text opens with a date,
weekday or stamp in 0.25% of articles (as read: 60%) and repeats its title in the first
400 characters in 2.1% (as read: 61%), and no credit line, footer, masthead, time stamp,
tag label or embedded-post URL is among any outlet's top-20 keyness terms (as read: 42
such terms across 11 outlets); ``tests/test_clean.py`` checks all three, and
``benchmarks/validity_clean.py`` prints the before and after. Rules can remove an
article's own words where a sentence looks like furniture ("Follow us on Twitter" goes,
"Activists appealed for help on Facebook." stays): read ``removed``, and load with
``clean=False`` to compare.

Speed: about 3 MB/s of text on one core (FA-KES in 0.5 s), so loading a large corpus with
cleaning takes several times longer than without; the rules are per article and
learning reads a bounded sample.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

from toolkit.boilerplate import (
    Boilerplate,
    learn_boilerplate,
    learn_from_start,
    segment_key,
    text_segments,
)
from toolkit.cleanrules import (
    AFTER_TITLE,
    CLEAN_COLUMNS,
    FURNITURE_WORDS,
    HEAD_RULES,
    KIND_OF,
    LEARN_FROM,
    MIN_ARTICLES,
    MIN_SHARE,
    REMOVAL_KINDS,
    SAMPLE_PER_OUTLET,
    SPACE,
    TAIL_NEEDS,
    TAIL_RULES,
    TAIL_WINDOW,
    WORD_RUN,
    boilerplate_patterns,
)

__all__ = [
    "CLEAN_COLUMNS",
    "FURNITURE_WORDS",
    "LEARN_FROM",
    "MIN_ARTICLES",
    "MIN_SHARE",
    "REMOVAL_KINDS",
    "SAMPLE_PER_OUTLET",
    "Boilerplate",
    "clean_corpus",
    "clean_text",
    "learn_boilerplate",
    "learn_from_start",
    "removal_summary",
    "removed_pieces",
]

# ---------------------------------------------------------------------------- cleaning


def _is_furniture(segment: str, n_words: int, patterns: dict[str, re.Pattern[str]]) -> bool:
    """A short segment is furniture when it holds an unambiguous furniture phrase ("all
    rights reserved", "follow us", "subscribe"), or two words that are furniture on a page
    but also ordinary words ("Facebook", "comment", "share") in at most 8 words, or one
    of them in at most 3 words ("Twitter")."""
    if patterns["furniture"].search(segment) or segment.startswith(("Tags ", "TAGS ")):
        return True
    weak = len(patterns["furniture_weak"].findall(segment))
    return (weak >= 2 and n_words <= 8) or (weak >= 1 and n_words <= 3)


def _strip_tail(body: str, removed: list[tuple[str, str]], patterns: dict[str, Any]) -> str:
    """Credits, stamps, tag lists and initials at the end of ``body``, removed."""
    for _ in range(10):
        body = body.rstrip()
        # tail furniture lies in the last characters: searching only there keeps a pattern
        # anchored at the end from being tried at every position of a long text
        base = max(0, len(body) - TAIL_WINDOW)
        tail = body[base:]
        lowered = tail.lower()
        for name in TAIL_RULES:
            needed = TAIL_NEEDS.get(name)
            if needed is not None and not any(word in lowered for word in needed):
                continue  # the pattern cannot match: skip the regex
            m = patterns[name].search(tail)
            if m and base + m.start() > 0:
                removed.append((KIND_OF.get(name, "credit"), m.group().strip()))
                body = body[: base + m.start()]
                break
        else:
            break
    return body


def _title_prefix(text: str, title: str) -> int:
    """Characters at the start of ``text`` that repeat ``title`` (punctuation, case and
    spacing aside); 0 when it does not start with the title."""
    words = WORD_RUN.findall(title.lower())
    if len(words) < 3:
        return 0
    end = 0
    found = WORD_RUN.finditer(text)
    for word in words:
        m = next(found, None)
        if m is None or m.group().lower() != word:
            return 0
        end = m.end()
    rest = AFTER_TITLE.match(text, end)
    return rest.end() if rest else end


def clean_text(
    text: str,
    *,
    title: str | None = None,
    outlet: Any = None,
    boilerplate: Boilerplate | None = None,
) -> tuple[str, list[tuple[str, str]], int]:
    """One article's text without furniture.

    Parameters
    ----------
    text : str
    title : str, optional
        The article's title: removed where the text opens by repeating it.
    outlet : optional
        The article's outlet, for its learned boilerplate.
    boilerplate : Boilerplate, optional
        From :func:`learn_boilerplate`.

    Returns
    -------
    (str, list of (kind, text), int)
        The cleaned text; what was removed, in order, each with its kind (``date``,
        ``title``, ``dateline``, ``byline``, ``credit``, ``furniture``, ``url``,
        ``boilerplate``); and the number of recurring body segments kept.

    Examples
    --------
    >>> text, removed, _ = clean_text("BEIRUT (Reuters) - Jets struck Idlib on Monday. "
    ...                               "Reporting by Ann Lee; Editing by Tom Roe")
    >>> text
    'Jets struck Idlib on Monday.'
    >>> removed  # doctest: +NORMALIZE_WHITESPACE
    [('dateline', 'BEIRUT (Reuters) -'),
     ('credit', 'Reporting by Ann Lee; Editing by Tom Roe')]
    >>> clean_text("Wed 05 Apr 2017 Jets shell the town. Shelling hit the town. Follow us on "
    ...            "Twitter.", title="Jets shell the town")[0]
    'Shelling hit the town.'
    """
    patterns = boilerplate_patterns()
    removed: list[tuple[str, str]] = []
    body = text

    def cut_all(kind: str, pattern: re.Pattern[str]) -> None:
        nonlocal body
        found = [m.group() for m in pattern.finditer(body)]
        if found:
            removed.extend((kind, f.strip()) for f in found)
            body = pattern.sub("", body)

    if "http" in body or "www." in body or ".com" in body or ".org" in body:
        cut_all("url", patterns["url"])
    if "@" in body:
        cut_all("url", patterns["handle"])
    if "(" in body:
        cut_all("credit", patterns["paren_credit"])
    if "Tags" in body:
        cut_all("furniture", patterns["mid_tags"])
        cut_all("furniture", patterns["inline_tags"])

    block = patterns["related_block"].search(body, len(body) // 2)
    if block:  # a list of related headlines and what follows it: navigation, not prose
        removed.append(("furniture", block.group().strip()))
        body = body[: block.start()]
    stamp = patterns["short_url_head"].match(body)
    if stamp:  # a site's stamp (author, section, time, "Get short URL") before the text
        removed.append(("furniture", stamp.group().strip()))
        body = body[stamp.end() :]
    # the head: dates, stamps, the title, datelines, bylines, in any order
    for _ in range(8):
        body = body.lstrip(" \t\n\r-–—|:.,")
        if title:
            n = _title_prefix(body, title)
            if n and body[n:].strip():  # an article that is only its title keeps it
                removed.append(("title", body[:n].strip()))
                body = body[n:]
                continue
        for name in HEAD_RULES:
            m = patterns[name].match(body)
            if m and m.end() > 0 and m.end() < len(body):
                removed.append((KIND_OF.get(name, "dateline"), m.group().strip()))
                body = body[m.end() :]
                break
        else:
            break
    # the tail: credits, stamps, tag lists, initials
    body = _strip_tail(body, removed, patterns)
    # segments: short ones holding a furniture word, and learned boilerplate
    segments = text_segments(body)
    learned = boilerplate.recurring.get(outlet, {}) if boilerplate is not None else {}
    kinds: list[str | None] = []
    recurring: list[bool] = []
    for a, b in segments:
        segment = body[a:b]
        n_words = len(segment.split())
        short = n_words <= FURNITURE_WORDS
        furniture = short and len(segments) > 1 and _is_furniture(segment, n_words, patterns)
        kinds.append("furniture" if furniture else None)
        again = bool(learned) and segment_key(segment) in learned
        recurring.append(again)
        if again and not furniture:
            looks = short or bool(
                patterns["furniture"].search(segment)
                or patterns["furniture_weak"].search(segment)
                or patterns["self"].search(segment)
            )
            # furniture-like recurring segments go where they stand in a block at the head
            # or the tail (a footer); self-descriptions (a masthead) go anywhere
            kinds[-1] = "edge?" if looks else None
            if patterns["self"].search(segment):
                kinds[-1] = "boilerplate"
    last = len(segments) - 1
    while last >= 0 and kinds[last] in ("edge?", "boilerplate", "furniture"):
        kinds[last] = kinds[last] if kinds[last] == "furniture" else "boilerplate"
        last -= 1
    first = 0
    while first < last and kinds[first] in ("edge?", "boilerplate", "furniture"):
        kinds[first] = kinds[first] if kinds[first] == "furniture" else "boilerplate"
        first += 1
    drop: list[tuple[int, int, str]] = []
    n_recurring = 0
    for (a, b), kind, again in zip(segments, kinds, recurring, strict=True):
        if kind in ("furniture", "boilerplate"):
            drop.append((a, b, kind))
        elif again:
            n_recurring += 1
    if drop and len(drop) < len(segments):
        parts, pos = [], 0
        for a, b, kind in drop:
            parts.append(body[pos:a])
            removed.append((kind, body[a:b]))
            pos = b
        parts.append(body[pos:])
        body = " ".join(p.strip() for p in parts if p.strip())
    body = _strip_tail(body, removed, patterns)  # furniture segments may have hidden some
    if "Tags" in body:  # a tag list running into the text with no boundary: the label
        cut_all("furniture", patterns["lone_tags"])  # goes, the tags (topical nouns) stay
    if "YouTube" in body:  # an embedded video's source label
        cut_all("furniture", patterns["video_label"])
    cleaned = body.strip()  # the article's own white space is kept
    if not cleaned:  # everything looked like furniture: keep the text rather than lose it
        return text.strip(), [], n_recurring
    return cleaned, removed, n_recurring


def clean_corpus(
    corpus: pd.DataFrame, *, boilerplate: Boilerplate | None = None, by: str = "outlet"
) -> pd.DataFrame:
    """The corpus with furniture removed from ``text``, and what was removed.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (``text``; ``title`` and the ``by`` column when present).
    boilerplate : Boilerplate, optional
        Learned rules to apply; by default learned from this corpus
        (:func:`learn_boilerplate` over its ``by`` groups).
    by : str, default "outlet"
        The column whose groups have their own boilerplate.

    Returns
    -------
    pandas.DataFrame
        A copy with ``text`` cleaned and the columns ``removed`` (JSON text: a list of
        ``[kind, text]`` pairs, so that it survives Parquet, CSV and dask; the tidy table is
        :func:`removed_pieces`), ``n_chars_removed`` (characters of ``text`` removed) and
        ``n_recurring`` (recurring body segments kept; see the module docstring). The
        options and the model's size are in ``attrs["toolkit"]["clean"]``.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"text": ["Jets hit Homs. -- Reuters", "Rebels fled Hama."]},
    ...                  index=pd.Index(["a", "b"], name="doc_id"))
    >>> out = clean_corpus(c)
    >>> out["text"].tolist(), out.loc["a", "removed"]
    (['Jets hit Homs.', 'Rebels fled Hama.'], '[["credit", "-- Reuters"]]')
    """
    texts = corpus["text"].tolist()
    groups = corpus[by].tolist() if by in corpus.columns else [None] * len(texts)
    titles = corpus["title"].tolist() if "title" in corpus.columns else [None] * len(texts)
    model = boilerplate if boilerplate is not None else learn_boilerplate(texts, groups)
    cleaned: list[Any] = []
    removed: list[tuple[tuple[str, str], ...]] = []
    n_removed: list[int] = []
    n_recurring: list[int] = []
    for text, title, group in zip(texts, titles, groups, strict=True):
        if not isinstance(text, str):
            cleaned.append(text)
            removed.append(())
            n_removed.append(0)
            n_recurring.append(0)
            continue
        key = None if group is None or pd.isna(group) else group
        t = title if isinstance(title, str) else None
        new, what, recurring = clean_text(text, title=t, outlet=key, boilerplate=model)
        cleaned.append(new)
        removed.append(tuple(what))
        n_removed.append(len(text) - len(new))
        n_recurring.append(recurring)
    out = corpus.drop(columns=[c for c in CLEAN_COLUMNS if c in corpus.columns])
    out["text"] = pd.array(cleaned, dtype="string")
    # the new columns go before the provenance columns, where a load puts them
    at = out.columns.get_loc("source_file") if "source_file" in out.columns else len(out.columns)
    assert isinstance(at, int)
    out.insert(at, "n_recurring", np.asarray(n_recurring, dtype=np.int64))
    out.insert(at, "n_chars_removed", np.asarray(n_removed, dtype=np.int64))
    as_json = [
        json.dumps([list(pair) for pair in pieces], ensure_ascii=False) for pieces in removed
    ]
    out.insert(at, "removed", pd.Series(as_json, index=corpus.index, dtype="string"))
    out.attrs = {**corpus.attrs}
    info = {"by": by, "outlets_learned": len(model.recurring)}
    out.attrs["toolkit"] = {**corpus.attrs.get("toolkit", {}), "clean": info}
    return out


def removal_summary(corpus: pd.DataFrame, *, by: str = "outlet", top: int = 3) -> pd.DataFrame:
    """Per group and kind: the share of characters removed and the most frequent pieces.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A cleaned corpus (with ``removed`` and ``n_chars_removed``).
    by : str, default "outlet"
    top : int, default 3
        Most frequent removed pieces listed per group and kind.

    Returns
    -------
    pandas.DataFrame
        ``group, kind, n_articles`` (articles with a removal of that kind), ``n_chars``,
        ``share_chars`` (of the group's text before cleaning), ``examples`` (the most
        frequent pieces, `` | ``-separated).

    Examples
    --------
    >>> import pandas as pd
    >>> c = clean_corpus(pd.DataFrame({"text": ["Jets hit Homs. -- Reuters"],
    ...                                "outlet": ["Reuters"]}))
    >>> removal_summary(c)[["group", "kind", "n_chars", "examples"]]
         group    kind  n_chars    examples
    0  Reuters  credit       10  -- Reuters
    """
    columns = ["group", "kind", "n_articles", "n_chars", "share_chars", "examples"]
    if "removed" not in corpus.columns:
        return pd.DataFrame(columns=columns)
    groups = corpus[by].astype(object).where(corpus[by].notna(), "(missing)")
    before = (corpus["text"].str.len().fillna(0) + corpus["n_chars_removed"]).groupby(groups).sum()
    rows: dict[tuple[Any, str], list[Any]] = {}
    for group, pieces in zip(groups.tolist(), _parsed(corpus["removed"]), strict=True):
        seen_kinds = set()
        for kind, piece in pieces:
            entry = rows.setdefault((group, kind), [0, 0, Counter()])
            entry[1] += len(piece)
            entry[2][SPACE.sub(" ", piece)[:80]] += 1
            seen_kinds.add(kind)
        for kind in seen_kinds:
            rows[(group, kind)][0] += 1
    records = [
        (
            group,
            kind,
            n_art,
            n_chars,
            n_chars / before[group] if before[group] else 0.0,
            " | ".join(p for p, _ in examples.most_common(top)),
        )
        for (group, kind), (n_art, n_chars, examples) in rows.items()
    ]
    table = pd.DataFrame(records, columns=columns)
    return table.sort_values(
        ["group", "n_chars"], ascending=[True, False], kind="stable"
    ).reset_index(drop=True)


def _parsed(values: pd.Series) -> list[list[list[str]]]:
    return [json.loads(v) if isinstance(v, str) else [] for v in values.tolist()]


def removed_pieces(corpus: pd.DataFrame) -> pd.DataFrame:
    """What cleaning removed, one row per piece: ``doc_id, kind, text``.

    Examples
    --------
    >>> import pandas as pd
    >>> c = clean_corpus(pd.DataFrame({"text": ["Jets hit Homs. -- Reuters"]},
    ...                               index=pd.Index(["a"], name="doc_id")))
    >>> removed_pieces(c)
      doc_id    kind        text
    0      a  credit  -- Reuters
    """
    if "removed" not in corpus.columns:
        raise KeyError("removed_pieces(): the corpus has no 'removed' column (load it clean)")
    rows = [
        (doc, kind, text)
        for doc, pieces in zip(corpus.index.tolist(), _parsed(corpus["removed"]), strict=True)
        for kind, text in pieces
    ]
    return pd.DataFrame(rows, columns=["doc_id", "kind", "text"])
