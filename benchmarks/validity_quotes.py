"""How well quotes() finds attributions and their speakers, against hand annotations.

Reads PolNeAR's training split in ``../shared`` (Newell, Margolin & Ruths 2018: brat
annotations of every attribution's source, cue and content in political news), runs
:func:`toolkit.quotes` on each article as written (no cleaning, so that offsets agree) and
prints:

* recall by kind: the share of annotated attributions whose content the found quotes
  cover (at least half of the annotated content's characters, over its fragments, inside
  found spans), for direct ones (the
  content opens and closes with a quotation mark) and indirect ones (reported speech,
  beliefs, partial quotes inside reported speech);
* precision: the share of found quotes that cover half of some annotated content;
* speaker accuracy: of the found quotes matched to an annotation, the share whose speaker
  as written or as resolved shares a word with the annotated source (a pronoun must be
  the same pronoun), and the share that have a speaker at all.

One annotator per article (the first file in name order). Development data: the held-out
splits will judge. Run: ``make bench-validity`` or
``.venv/bin/python benchmarks/validity_quotes.py [--limit N]``.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

import toolkit

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "polnear-train" / "train"
_QUOTE_MARKS = '"“”„«»'
_STOP = {"the", "a", "an", "of", "and", "mr", "mrs", "ms", "dr", "'s", "’s"}


def read_attributions(path: Path) -> list[dict]:
    """The attributions of one brat file: the content's fragments (a content can be two
    quotes with their attribution between), its text, and the source's text."""
    spans: dict[str, tuple[list[tuple[int, int]], str]] = {}
    relations = []
    for line in path.read_text("utf-8").splitlines():
        fields = line.split("\t", 2)
        if re.fullmatch(r"T\d+", fields[0]) and len(fields) == 3:
            ident, middle, covered = fields
            _, offsets = middle.split(" ", 1)
            pieces = [tuple(map(int, p.split())) for p in offsets.split(";")]
            spans[ident] = ([(a, b) for a, b in pieces], covered)
        elif re.fullmatch(r"E\d+", fields[0]) and len(fields) >= 2:
            parts = dict(p.split(":", 1) for p in fields[1].split() if ":" in p)
            relations.append(parts)
    found = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        if content is None:
            continue
        source = spans.get(rel.get("Source", ""))
        found.append(
            {
                "fragments": content[0],
                "content": content[1],
                "source": source[1] if source else None,
                # direct: the content is a quotation (opens and closes with a mark);
                # a partial quote inside reported speech counts as indirect
                "direct": _quoted(content[1]),
            }
        )
    return found


def _quoted(content: str) -> bool:
    """Whether an annotated content is a quotation: it opens and closes with a mark
    (straight, curly, or two apostrophes)."""
    core = content.strip().rstrip(".,")
    opens = core[:1] in _QUOTE_MARKS or core.startswith(("''", "``"))
    closes = core[-1:] in _QUOTE_MARKS or core.endswith("''")
    return opens and closes


def words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[\w'’\-]+", (text or "").lower()) if w not in _STOP}


def speaker_right(found: str | None, gold: str | None) -> bool:
    if not found or not gold:
        return False
    return bool(words(found) & words(gold))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="first N articles only")
    args = parser.parse_args(argv)
    if not POLNEAR.is_dir():
        print(f"quotes: no PolNeAR training split at {POLNEAR}")
        return 0
    files: dict[str, Path] = {}
    for ann in sorted((POLNEAR / "attributions").glob("*.ann")):
        files.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    names = sorted(files)[: args.limit or None]
    texts = [(POLNEAR / "text" / f"{n}.txt").read_text("utf-8") for n in names]
    frame = pd.DataFrame({"text": texts})
    corpus = toolkit.as_corpus(frame, clean=False)
    # loading strips the text's ends; a change anywhere else would move the offsets
    changed = sum(a != b.rstrip() for a, b in zip(corpus["text"], texts, strict=True))
    if changed:
        print(f"note: {changed} texts changed on loading; their offsets may not agree")
    found = toolkit.quotes(corpus)
    n_scare = int((found["kind"] == "scare").sum())
    found = found[found["kind"] != "scare"]  # not claimed as speech
    by_doc = dict(tuple(found.groupby("doc_id")))
    rows = []
    n_found = n_matched_found = 0
    speakers = []
    for doc_id, name in zip(corpus.index, names, strict=True):
        gold = read_attributions(files[name])
        mine = by_doc.get(doc_id, found.iloc[:0])
        starts, ends = mine["start"].to_numpy(), mine["end"].to_numpy()
        n_found += len(mine)
        hit_found = np.zeros(len(mine), dtype=bool)
        for g in gold:
            # characters of the content's fragments inside each found span
            overlap = sum(
                np.clip(np.minimum(ends, b) - np.maximum(starts, a), 0, None)
                for a, b in g["fragments"]
            ) + np.zeros(len(mine))
            size = max(sum(b - a for a, b in g["fragments"]), 1)
            # found when the found spans together hold half the content (a content in two
            # quotes is found as two quotes)
            covers = overlap >= 0.5 * size
            together = overlap.sum() >= 0.5 * size
            rows.append({"direct": g["direct"], "found": bool(together)})
            hit_found |= overlap >= 0.5 * np.maximum(ends - starts, 1)
            covers = covers if covers.any() else (overlap > 0) & together
            if covers.any():
                best = int(np.argmax(overlap))
                q = mine.iloc[best]
                given = [v for v in (q["speaker"], q["speaker_resolved"]) if isinstance(v, str)]
                speakers.append(
                    {
                        "direct": g["direct"],
                        "has_speaker": bool(given),
                        # as written or as resolved: the annotation marks the mention
                        # (often a pronoun), the resolved name is the person
                        "right": any(speaker_right(v, g["source"]) for v in given),
                    }
                )
        n_matched_found += int(hit_found.sum())
    gold_table = pd.DataFrame(rows)
    spk = pd.DataFrame(speakers)
    print(
        f"PolNeAR train: {len(names)} articles, {len(gold_table)} annotated attributions, "
        f"{n_found} found by quotes() and {n_scare} scare quotes (not speech)"
    )
    for kind, direct in (("direct", True), ("indirect", False)):
        part = gold_table[gold_table["direct"] == direct]
        s = spk[spk["direct"] == direct] if len(spk) else spk
        print(
            f"  {kind:8s}: {len(part):5d} annotated, recall {part['found'].mean():.3f}; "
            f"speaker given {s['has_speaker'].mean():.3f}, right {s['right'].mean():.3f}"
        )
    print(
        f"  precision (found quotes covering half an annotated content): "
        f"{n_matched_found / max(n_found, 1):.3f}"
    )
    print(f"  speaker right, all matched attributions: {spk['right'].mean():.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
