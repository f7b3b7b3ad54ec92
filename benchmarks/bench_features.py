"""Benchmark features() and its families on FA-KES (a script, not a test).

Run with ``make bench`` or ``.venv/bin/python benchmarks/bench_features.py [--repeat N]``.
"""

from __future__ import annotations

import argparse

from _common import best_of, load_fakes

import toolkit
from toolkit._match import clear_text_caches, corpus_runs, prepare
from toolkit._pattern import pattern_engine
from toolkit._vader import vader_engine
from toolkit.features import FEATURE_FAMILIES
from toolkit.sentiment import ENGINES


def cold(func):
    """Time ``func`` without the per-text caches a previous step filled."""

    def run():
        clear_text_caches()
        return func()

    return run


def tokenising_passes(texts: list[str], repeat: int) -> list[tuple[str, float]]:
    """The passes that only cut text into pieces, each needed for exact scores: the toolkit's
    tokens, the runs the dictionaries are matched in, the sentences, pattern's tokenizer
    (TextBlob's sentiment and tagger) and VADER's tokens. Their sum is a floor under
    features() that no rule-level speed-up removes."""
    pattern, vader = pattern_engine(), vader_engine()
    steps = {
        "toolkit tokens (prepare)": lambda: [prepare(t) for t in texts],
        "runs for the dictionaries": lambda: corpus_runs(texts),
        "sentence spans": lambda: [toolkit.text.sentence_spans(t) for t in texts],
        "pattern's tokenizer": lambda: [pattern._joined(t) for t in texts],
        "VADER's tokens": lambda: [vader._words(t.strip()) for t in texts],
    }
    times = {name: best_of(repeat, cold(step)) for name, step in steps.items()}
    # corpus_runs reads prepare()'s tokens: its own share is the difference
    times["runs for the dictionaries"] -= times["toolkit tokens (prepare)"]
    return list(times.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    corpus = load_fakes()
    for load in ENGINES:  # lexicons load once per process; not part of any step
        load()
    mb = corpus["text"].str.len().sum() / 1e6
    print(
        f"FA-KES: {len(corpus)} articles, {mb:.2f} MB; best of {args.repeat}; each step "
        "includes the shared tokens and runs, with empty per-text caches"
    )
    print(f"{'step':28s} {'seconds':>8s} {'MB/s':>6s}")
    for family in FEATURE_FAMILIES:
        seconds = best_of(
            args.repeat, cold(lambda f=family: toolkit.features(corpus, families=[f]))
        )
        print(f"{'features: ' + family:28s} {seconds:8.2f} {mb / seconds:6.2f}")
    for name, kwargs in (("features() all", {}), ("features() all, n_jobs=2", {"n_jobs": 2})):
        seconds = best_of(args.repeat, cold(lambda k=kwargs: toolkit.features(corpus, **k)))
        print(f"{name:28s} {seconds:8.2f} {mb / seconds:6.2f}")
    passes = tokenising_passes(corpus["text"].tolist(), args.repeat)
    print("\ntokenising passes alone (a floor under features() with exact scores):")
    for name, seconds in passes:
        print(f"  {name:26s} {seconds:8.3f}")
    print(f"  {'sum':26s} {sum(s for _, s in passes):8.3f}")


if __name__ == "__main__":
    main()
