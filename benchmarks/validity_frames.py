"""How well the frame scores agree with human codes, beside what a supervised model reaches.

For a coded sheet (a CSV with a text column, 0/1 or True/False columns named after frames,
and optionally coders' item answers ``i_<item>``), prints:

* per frame: n, positives, the ROC AUC of ``toolkit.frames``' score against the code
  (:func:`toolkit.validate`), and the supervised ceiling: the cross-validated ROC AUC of a
  TF-IDF + logistic regression model trained on the same codes (5 folds, stratified; the
  model sees the labels, the toolkit's score never does);
* per item of the lexicon that names a coded item (``nfc_items`` in the YAML): how often the
  coders said yes, how often a cue fires, Cohen's kappa between "a cue fires" and the
  coders' agreed answer, and the ROC AUC of the item score.

Default sheet: the development half of the Narrative Frames Corpus in ``../shared``
(Frermann et al. 2023; 213 climate articles). Its figures are development figures: the
cue lists were read against it; they say nothing of other topics.

Run: ``make bench-validity`` or
``.venv/bin/python benchmarks/validity_frames.py [sheet.csv] [--text text] [--lead-words 100]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import cohen_kappa_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline

import toolkit
from toolkit.framing import FRAMES, LEAD_WEIGHT, LEAD_WORDS

NFC_DEV = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "nfc-dev" / "nfc-dev.csv"


def ceiling(texts: pd.Series, y: np.ndarray, seed: int = 0) -> float:
    """Cross-validated ROC AUC of TF-IDF + logistic regression trained on the codes."""
    folds = min(5, int(y.sum()), int(len(y) - y.sum()))
    if folds < 2:
        return float("nan")
    model = make_pipeline(
        TfidfVectorizer(sublinear_tf=True, min_df=2, ngram_range=(1, 2)),
        LogisticRegression(max_iter=2000, class_weight="balanced"),
    )
    cv = StratifiedKFold(folds, shuffle=True, random_state=seed)
    scores = cross_val_predict(model, texts.tolist(), y, cv=cv, method="decision_function")
    return float(roc_auc_score(y, scores))


def frame_table(
    sheet: pd.DataFrame, methods: dict[str, pd.DataFrame], text: pd.Series
) -> pd.DataFrame:
    """Per frame coded in the sheet: n, n_yes, the AUC of each method's score, the ceiling."""
    rows = []
    for frame in FRAMES:
        if frame not in sheet.columns:
            continue
        gold = sheet[frame].astype(float)
        known = gold.notna()
        if gold[known].nunique() < 2:
            continue
        row: dict[str, object] = {
            "frame": frame,
            "n": int(known.sum()),
            "n_yes": int(gold[known].sum()),
        }
        for method, scores in methods.items():
            check = toolkit.validate(
                scores.loc[known, f"frame_{frame}"].rename(frame), gold[known].astype(int)
            )
            row[f"auc_{method}"] = float(check["roc_auc"].iloc[0])
        row["ceiling_auc"] = ceiling(text[known], gold[known].astype(int).to_numpy())
        rows.append(row)
    table = pd.DataFrame(rows)
    if len(table):
        mean = {"frame": "mean", "n": np.nan, "n_yes": np.nan}
        table.loc[len(table)] = mean | table.drop(columns=["frame", "n", "n_yes"]).mean().to_dict()
    return table


def item_table(sheet: pd.DataFrame, scores: pd.DataFrame, lexicon: str) -> pd.DataFrame:
    meta = toolkit.load_lexicon(lexicon).meta.get("categories", {})
    rows = []
    for cat, info in meta.items():
        for code in (info or {}).get("nfc_items", []) or []:
            col = f"i_{code}"
            if col not in sheet.columns:
                continue
            gold = sheet[col].astype(float)
            known = gold.notna().to_numpy()
            y = gold[known].astype(int).to_numpy()
            count = scores[f"item_{cat}_count"].to_numpy()[known]
            fires = (count > 0).astype(int)
            score = scores[f"item_{cat}"].to_numpy()[known]  # combined
            two = len(set(y)) == 2
            rows.append(
                {
                    "item": code,
                    "category": cat,
                    "n": int(known.sum()),
                    "coders_yes": y.mean(),
                    "cue_fires": fires.mean(),
                    "kappa": cohen_kappa_score(y, fires) if two else np.nan,
                    "auc": roc_auc_score(y, score) if two else np.nan,
                }
            )
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sheet", nargs="?", default=str(NFC_DEV), help="coded sheet (CSV)")
    parser.add_argument("--text", default="text", help="the text column (default: text)")
    parser.add_argument("--lexicon", default="generic-frames")
    parser.add_argument("--lead-words", type=int, default=LEAD_WORDS)
    parser.add_argument("--lead-weight", type=float, default=LEAD_WEIGHT)
    args = parser.parse_args(argv)
    path = Path(args.sheet)
    if not path.is_file():
        print(f"no coded sheet at {path}: pass one (see the module docstring)", file=sys.stderr)
        return 2
    sheet = pd.read_csv(path)
    if args.text not in sheet.columns:
        print(f"{path}: no column {args.text!r}; it has {list(sheet.columns)}", file=sys.stderr)
        return 2
    sheet.index = pd.Index([f"doc-{i + 1:06d}" for i in range(len(sheet))], name="doc_id")
    corpus = toolkit.as_corpus(sheet[[args.text]].rename(columns={args.text: "text"}))
    corpus.index = sheet.index
    methods = {
        method: toolkit.frames(
            corpus,
            lexicon=args.lexicon,
            items=True,
            method=method,
            lead_words=args.lead_words,
            lead_weight=args.lead_weight,
        )
        for method in ("combined", "cues")
    }
    scores = methods["combined"]
    pd.set_option("display.width", 120)
    print(
        f"{path.name}: {len(sheet)} articles; lexicon {args.lexicon!r}, lead "
        f"{args.lead_words} words x{args.lead_weight:g}"
    )
    print("\nFrames: ROC AUC of the frame score (the default 'combined', and 'cues' alone),")
    print("and the supervised ceiling (5-fold TF-IDF + LR trained on the codes)")
    table = frame_table(sheet, methods, sheet[args.text])
    print(table.to_string(index=False, float_format="%.3f"))
    items = item_table(sheet, scores, args.lexicon)
    if len(items):
        print(
            "\nItems: coders' agreed answer against 'a cue fires' (kappa) and the item score (AUC)"
        )
        print(items.to_string(index=False, float_format="%.2f"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
