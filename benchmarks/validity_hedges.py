"""How well the hedge rate tells uncertain sentences from certain ones.

Scores each sentence of a coded sheet with :func:`toolkit.epistemic` (each sentence one
"article") and prints, against the coders' 0/1 "uncertain" label: the ROC AUC of
``hedges_per_1k``, ``weasels_per_1k`` and ``boosters_per_1k``; precision and recall of
"at least one hedge"; and the supervised ceiling (5-fold TF-IDF + logistic regression
trained on the labels).

Sheets:

* default: ``benchmarks/data/fakes-uncertainty-dev.csv``, 150 sentences drawn at random
  (seed 17, 6 to 60 words) from FA-KES in ``../shared``, coded uncertain or not by one
  project developer, blind to the scores (a sentence is uncertain when it presents its
  claim as possible, estimated, alleged, unverified or from a vague source; "X said" alone
  is not). The file holds doc_ids, sentence numbers and codes, not FA-KES's text. One
  coder, one topic: a development check, not a validation.
* ``--sheet FILE --text COLUMN --label COLUMN``: any CSV of sentences with a 0/1 label, for
  instance the hand-labelled Wikipedia sentences of the CoNLL-2010 shared task (Farkas et
  al. 2010) converted to CSV.

Run: ``make bench-validity`` or ``.venv/bin/python benchmarks/validity_hedges.py``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from _common import SHARED_FAKES, load_fakes
from sklearn.metrics import precision_score, recall_score, roc_auc_score
from validity_frames import ceiling

import toolkit

DEV_CODES = Path(__file__).resolve().parent / "data" / "fakes-uncertainty-dev.csv"


def dev_sheet() -> pd.DataFrame | None:
    """The developer-coded FA-KES sentences with their text, or None without FA-KES."""
    if not SHARED_FAKES.is_file():
        return None
    codes = pd.read_csv(DEV_CODES)
    found = toolkit.sentences(load_fakes()).set_index(["doc_id", "sentence_index"])
    keys = list(zip(codes["doc_id"], codes["sentence_index"], strict=True))
    missing = [k for k in keys if k not in found.index]
    if missing:
        raise SystemExit(
            f"{DEV_CODES}: {len(missing)} coded sentences not in FA-KES, e.g. {missing[0]}"
        )
    return pd.DataFrame(
        {"text": found.loc[keys, "sentence"].to_numpy(), "label": codes["uncertain"]}
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sheet", help="a CSV of coded sentences (default: the FA-KES dev codes)")
    parser.add_argument("--text", default="text")
    parser.add_argument("--label", default="label")
    args = parser.parse_args(argv)
    if args.sheet:
        raw = pd.read_csv(args.sheet)
        for col in (args.text, args.label):
            if col not in raw.columns:
                print(
                    f"{args.sheet}: no column {col!r}; it has {list(raw.columns)}", file=sys.stderr
                )
                return 2
        sheet = pd.DataFrame({"text": raw[args.text], "label": raw[args.label].astype(int)})
        name = Path(args.sheet).name
    else:
        found = dev_sheet()
        if found is None:
            print(f"hedges: no FA-KES at {SHARED_FAKES}; pass --sheet (see the docstring)")
            return 0
        sheet, name = found, f"{DEV_CODES.name} (one developer's codes of FA-KES sentences)"
    corpus = toolkit.as_corpus(sheet[["text"]].reset_index(drop=True))
    scores = toolkit.epistemic(corpus)
    y = sheet["label"].to_numpy()
    print(f"{name}: {len(y)} sentences, {int(y.sum())} uncertain")
    rows = []
    for col in ("hedges_per_1k", "weasels_per_1k", "boosters_per_1k"):
        if col not in scores.columns:
            continue
        # a sentence in quotation marks: its hedges are quoted; count both voices
        value = scores[col].fillna(0).to_numpy()
        quoted = col.replace("_per_1k", "_quoted_per_1k")
        if quoted in scores.columns:
            value = value + scores[quoted].fillna(0).to_numpy()
        fires = (value > 0).astype(int)
        rows.append(
            {
                "measure": col,
                "auc": roc_auc_score(y, value),
                "fires": fires.mean(),
                "precision": precision_score(y, fires, zero_division=np.nan),
                "recall": recall_score(y, fires, zero_division=np.nan),
            }
        )
    print(pd.DataFrame(rows).to_string(index=False, float_format="%.3f"))
    print(f"supervised ceiling (5-fold TF-IDF + LR): AUC {ceiling(sheet['text'], y):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
