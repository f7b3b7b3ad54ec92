"""What cleaning changes in the analyses: FA-KES read as it is against FA-KES cleaned.

Prints, for the text as read (``clean=False``) and cleaned (the default, with exact and
near copies left out where a function takes ``drop_duplicates``):

* each outlet's top key terms (one-vs-rest G2) and how many of its top 20 are page
  furniture (credit lines, footers, mastheads, time stamps: the list below);
* ``discriminate`` accuracy against its baseline, and each outlet's top terms;
* the outlets' mean sentiment (VADER, mean over sentences) and the ranks of Reuters and TRT
  (1 = least negative);
* the morality-frame mean of state media and of the other outlets (the case study's
  largest effect).

Run: ``.venv/bin/python benchmarks/validity_clean.py [path/to/FA-KES-Dataset.csv]``.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pandas as pd

import toolkit

FAKES = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "fakes" / "FA-KES-Dataset.csv"
STATE_MEDIA = ["SANA", "Sputnik", "TASS", "Al-Alam"]
#: Terms that are page furniture when they top an outlet's key terms (reported, not used
#: by the toolkit).
FURNITURE = {
    "thomson", "trust", "principles", "standards", "editing", "reporting", "facebookcomment",
    "url", "standardsdiscussion", "via", "follow", "subscribe", "youtube", "privacy",
    "pan-arab", "1978", "trtworld", "agencies", "copyright", "instagram", "tags", "comment",
    "twitter", "update", "gmt", "ksa", "published", "updated", "cookie", "spam", "careers",
    "android", "ios", "hotels", "corporate", "wed", "thu", "fri", "sat", "sun", "mon", "tue",
    "publication", "date", "category", "picture", "short",
}  # fmt: skip


def analyses(corpus: pd.DataFrame, drop: bool | str) -> dict[str, object]:
    key = toolkit.keyness(corpus, by="outlet", drop_duplicates=drop)
    top = key.sort_values("g2", ascending=False).groupby("target").head(20)
    found = top[top["term"].isin(FURNITURE)]
    result = toolkit.discriminate(corpus, by="outlet", drop_duplicates=drop)
    scores = result.scores.set_index("metric")
    table = toolkit.features(corpus, families=["sentiment", "frames"])
    data = corpus[["outlet"]].join(table)
    tone = data.groupby("outlet")["vader_compound_sentence_mean"].mean()
    ranks = tone.rank(ascending=False).astype(int)
    state = data["outlet"].isin(STATE_MEDIA)
    return {
        "top5": top.groupby("target")["term"].apply(lambda t: ", ".join(t.head(5))),
        "furniture_in_top20": found.groupby("target")["term"].apply(", ".join),
        "accuracy": (scores.loc["accuracy", "model"], scores.loc["accuracy", "baseline"]),
        "discriminating": result.terms[result.terms["rank"] <= 5]
        .groupby("group")["term"]
        .apply(", ".join),
        "ranks": {o: int(ranks[o]) for o in ("Reuters", "TRT")},
        "tone": {o: round(float(tone[o]), 3) for o in ("Reuters", "TRT")},
        "morality": (
            round(float(data.loc[state, "frame_morality"].mean()), 3),
            round(float(data.loc[~state, "frame_morality"].mean()), 3),
        ),
    }


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else FAKES
    warnings.simplefilter("ignore")
    raw = toolkit.load_fakes(path, clean=False)
    cleaned = toolkit.near_duplicates(toolkit.load_fakes(path))
    before, after = analyses(raw, True), analyses(cleaned, "near")
    pd.set_option("display.width", 200, "display.max_colwidth", 120)
    for name in ("top5", "furniture_in_top20", "discriminating"):
        print(f"\n== {name}")
        both = pd.DataFrame({"as read": before[name], "cleaned": after[name]}).fillna("")
        print(both.to_string())
    for name in ("accuracy", "ranks", "tone", "morality"):
        print(f"\n== {name}: as read {before[name]}  cleaned {after[name]}")


if __name__ == "__main__":
    main()
