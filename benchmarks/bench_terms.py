"""Benchmark the term-statistics stage on FA-KES (a script, not a test).

Run with ``make bench`` or ``.venv/bin/python benchmarks/bench_terms.py [--repeat N]``.
FA-KES is read from ../shared/datasets/fakes/ when present, else from the user cache
(``toolkit.load_fakes()``, which downloads it once). Prints, for each step, the best
wall-clock time of ``--repeat`` runs, MB/s of article text and articles/s.
"""

from __future__ import annotations

import argparse
import platform
import re
from collections.abc import Callable
from typing import Any

import pandas as pd
from _common import best_of, load_fakes
from sklearn.feature_extraction.text import CountVectorizer

import toolkit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--scale",
        type=int,
        default=10,
        help="also time the matrix on FA-KES repeated this many times",
    )
    args = parser.parse_args()

    corpus = load_fakes()
    mb = corpus["text"].str.len().sum() / 1e6
    n = len(corpus)
    print(
        f"FA-KES: {n} articles, {mb:.2f} MB of text; Python {platform.python_version()}, "
        f"toolkit {toolkit.__version__}, best of {args.repeat}"
    )
    toks = toolkit.tokens(corpus)
    dtm = toolkit.document_term_matrix(toks)
    big = pd.concat([corpus] * args.scale)
    big.index = [f"{i}-{j}" for j in range(args.scale) for i in corpus.index]
    big.index.name = "doc_id"
    texts = corpus["text"].tolist()
    word = re.compile(r"\w+")

    steps: list[tuple[str, float, Callable[[], Any]]] = [
        ("regex \\w+ findall (reference)", mb, lambda: [word.findall(t.lower()) for t in texts]),
        ("sklearn CountVectorizer (reference)", mb, lambda: CountVectorizer().fit_transform(texts)),
        ("toolkit.tokens", mb, lambda: toolkit.tokens(corpus)),
        ("document_term_matrix(tokens)", mb, lambda: toolkit.document_term_matrix(toks)),
        ("document_term_matrix(corpus)", mb, lambda: toolkit.document_term_matrix(corpus)),
        (
            f"document_term_matrix x{args.scale}",
            mb * args.scale,
            lambda: toolkit.document_term_matrix(big),
        ),
        ("dtm 1-3 grams", mb, lambda: toolkit.document_term_matrix(toks, ngram_range=(1, 3))),
        (
            "term_frequencies by outlet (dtm)",
            mb,
            lambda: toolkit.term_frequencies(corpus, by="outlet", dtm=dtm),
        ),
        (
            "keyness 15 outlets one-vs-rest (dtm)",
            mb,
            lambda: toolkit.keyness(corpus, by="outlet", dtm=dtm),
        ),
        (
            "keyness 105 pairs (dtm)",
            mb,
            lambda: toolkit.keyness(corpus, by="outlet", pairs=True, dtm=dtm),
        ),
        (
            "keyness SANA vs rest, n_boot=200",
            mb,
            lambda: toolkit.keyness(corpus, by="outlet", target="SANA", dtm=dtm, n_boot=200),
        ),
        (
            "keyness 15 outlets vs English",
            mb,
            lambda: toolkit.keyness(corpus, by="outlet", reference="english", dtm=dtm),
        ),
        ("kwic terror*", mb, lambda: toolkit.kwic(corpus, "terror*")),
        ("collocations", mb, lambda: toolkit.collocations(corpus, min_count=5)),
    ]
    print(f"{'step':42s} {'seconds':>9s} {'MB/s':>8s} {'articles/s':>11s}")
    for name, size, func in steps:
        seconds = best_of(args.repeat, func)
        articles = n * (args.scale if "x" + str(args.scale) in name else 1)
        print(f"{name:42s} {seconds:9.3f} {size / seconds:8.1f} {articles / seconds:11.0f}")


if __name__ == "__main__":
    main()
