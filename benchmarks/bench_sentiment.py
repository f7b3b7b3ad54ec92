"""Benchmark document-level sentiment on FA-KES against calling the libraries directly.

Run with ``make bench`` or ``.venv/bin/python benchmarks/bench_sentiment.py [--repeat N]``.
"Direct" is what a user would write: ``TextBlob(text).sentiment`` and one
``SentimentIntensityAnalyzer().polarity_scores(text)`` per article, in one process.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from _common import best_of, load_fakes
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import toolkit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus = load_fakes()
    texts = corpus["text"].tolist()
    mb = sum(map(len, texts)) / 1e6
    sia = SentimentIntensityAnalyzer()

    def direct() -> None:
        for text in texts:
            TextBlob(text).sentiment  # noqa: B018 - the property does the work
            sia.polarity_scores(text)

    steps: list[tuple[str, Callable[[], Any]]] = [
        ("direct TextBlob + VADER calls", direct),
        ("direct TextBlob only", lambda: [TextBlob(t).sentiment for t in texts]),
        ("direct VADER only", lambda: [sia.polarity_scores(t) for t in texts]),
        (
            "sentiment(): TextBlob only",
            lambda: toolkit.sentiment(corpus, headline=False, methods=("textblob",)),
        ),
        ("sentiment(headline=False)", lambda: toolkit.sentiment(corpus, headline=False)),
        ("sentiment() full", lambda: toolkit.sentiment(corpus)),
        ("sentiment() full, n_jobs=2", lambda: toolkit.sentiment(corpus, n_jobs=2)),
        ("sentiment(level='sentence')", lambda: toolkit.sentiment(corpus, level="sentence")),
        ("target_sentiment()", lambda: toolkit.target_sentiment(corpus)),
        ("sentiment_drivers(by='outlet')", lambda: toolkit.sentiment_drivers(corpus, by="outlet")),
    ]
    print(f"FA-KES: {len(texts)} articles, {mb:.2f} MB; best of {args.repeat}")
    print(f"{'step':36s} {'seconds':>8s} {'MB/s':>6s} {'vs direct':>9s}")
    base = None
    for name, func in steps:
        seconds = best_of(args.repeat, func)
        base = base or seconds
        print(f"{name:36s} {seconds:8.2f} {mb / seconds:6.2f} {base / seconds:8.2f}x")


if __name__ == "__main__":
    main()
