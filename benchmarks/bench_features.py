"""Benchmark features() and its families on FA-KES (a script, not a test).

Run with ``make bench`` or ``.venv/bin/python benchmarks/bench_features.py [--repeat N]``.
"""

from __future__ import annotations

import argparse

from _common import best_of, load_fakes

import toolkit
from toolkit._match import clear_text_caches
from toolkit._parallel import warm_engines
from toolkit.features import FEATURE_FAMILIES


def cold(func):
    """Time ``func`` without the per-text caches a previous step filled."""

    def run():
        clear_text_caches()
        return func()

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    corpus = load_fakes()
    warm_engines()  # lexicons load once per process; not part of any step
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


if __name__ == "__main__":
    main()
