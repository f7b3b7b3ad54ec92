"""How well target sentiment and target roles agree with a developer's codes.

Reads FA-KES from ``../shared`` (loaded as :func:`toolkit.load_fakes` loads it) and
``benchmarks/data/fakes-target-dev.csv``: 130 mentions of the default targets, drawn at
random (seed 18) from all of FA-KES's mentions, each coded by one developer of this project
(codes and offsets only, no text) for

* ``stance``: how the mention's clause portrays the target: -1 (a perpetrator of harm or
  terror, accused, criticised, failing, a pejorative label), +1 (praised, achieving,
  helped, explicit sympathy), 0 otherwise;
* ``role``: the target's role toward the clause's violence (``agent``, ``patient``,
  ``none``).

Prints the Spearman correlation of each clause score (:func:`toolkit.target_mentions`,
scored by :func:`toolkit.sentiment`) and of the old whole-sentence score with the stance
codes, overall and by coded role, and the agreement of the found roles with the coded ones.
One coder, who also wrote the code: an optimistic development figure with no ceiling (no
second coder). Run: ``make bench-validity`` or
``.venv/bin/python benchmarks/validity_target_sentiment.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
from scipy.stats import spearmanr

import toolkit
from toolkit.text import sentence_spans

HERE = Path(__file__).resolve().parent
FAKES = HERE.parents[1] / "shared" / "datasets" / "fakes" / "FA-KES-Dataset.csv"
CODES = HERE / "data" / "fakes-target-dev.csv"


def main() -> int:
    if not FAKES.is_file():
        print(f"target sentiment: no FA-KES at {FAKES}")
        return 0
    corpus = toolkit.load_fakes(FAKES)
    codes = pd.read_csv(CODES)
    found = toolkit.target_mentions(corpus.loc[codes["doc_id"].unique()])
    items = codes.merge(found, on=["doc_id", "target", "start", "end"], how="left")
    missing = int(items["clause_start"].isna().sum())
    if missing:
        print(f"note: {missing} coded mentions not found (the corpus or the code changed)")
        items = items.dropna(subset=["clause_start"])
    texts = corpus["text"]
    clauses, sentences = [], []
    for d, lo, hi, at in zip(
        items["doc_id"], items["clause_start"], items["clause_end"], items["start"], strict=True
    ):
        value = texts[d]
        clauses.append(value[int(lo) : int(hi)])
        sentences.append(next(value[s:e] for s, e in sentence_spans(value) if s <= at < e))
    index = pd.Index([f"i{k}" for k in range(len(items))], name="doc_id")
    clause_scores = toolkit.sentiment(pd.DataFrame({"text": clauses}, index=index))
    sentence_scores = toolkit.sentiment(pd.DataFrame({"text": sentences}, index=index))
    print(
        f"FA-KES target mentions: {len(items)} developer-coded "
        f"(stance -1/0/+1: {(items['stance'] < 0).sum()}/{(items['stance'] == 0).sum()}/"
        f"{(items['stance'] > 0).sum()})"
    )
    for name, scores in (("clause", clause_scores), ("sentence", sentence_scores)):
        for column in ("vader_compound", "textblob_polarity"):
            rho = spearmanr(scores[column].to_numpy(), items["stance"].to_numpy()).statistic
            parts = []
            for role in ("agent", "patient", "none"):
                sub = (items["role_x"] == role).to_numpy()
                r = spearmanr(scores[column].to_numpy()[sub], items["stance"].to_numpy()[sub])
                parts.append(f"{role} {r.statistic:+.2f} (n={sub.sum()})")
            print(
                f"  {name:8s} {column:18s} Spearman {rho:+.2f}; by coded role: {', '.join(parts)}"
            )
    agree = (items["role_x"] == items["role_y"]).mean()
    print(f"  role found = role coded: {agree:.2f}")
    table = pd.crosstab(items["role_x"], items["role_y"], rownames=["coded"], colnames=["found"])
    print(table.to_string())
    for role in ("agent", "patient"):
        found_role = items["role_y"] == role
        coded_role = items["role_x"] == role
        precision = (found_role & coded_role).sum() / max(found_role.sum(), 1)
        recall = (found_role & coded_role).sum() / max(coded_role.sum(), 1)
        print(f"  {role}: precision {precision:.2f}, recall {recall:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
