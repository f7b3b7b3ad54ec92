"""Benchmark the toolkit at scale: a corpus of at least 100 MB built by repeating FA-KES.

Each copy of an article ends with its own short paragraph ("Copy 7."), so that no two
texts are equal: the per-text caches the feature families share within a chunk
(:func:`toolkit._match.prepare`, sentence and quote spans) would otherwise serve the
repeats and flatter every step that reads them.

Run with ``make bench-scale`` or
``.venv/bin/python benchmarks/bench_scale.py [--size-mb 100] [--steps load,dtm,...]``.
Each step runs in a fresh process so that its peak memory is its own: the memory of that
process and of every worker it started, summed and sampled every 0.1 s (proportional set
size, so the pages forked workers share count once; without /proc, the largest single
process). Prints MB/s,
articles/s and peak memory per step, and the ratio of the toolkit's steps to the direct
library calls a user would otherwise chain (regex tokenising, CountVectorizer, TextBlob
sentiment, VADER, TextBlob's POS tagger). A script, not a test: the figures go into notes.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STEPS = (
    "load",
    "dtm",
    "sentiment",
    "features",
    "features_2jobs",
    "stream",
    "stream_2jobs",
    "direct_regex",
    "direct_countvectorizer",
    "direct_textblob",
    "direct_vader",
    "direct_tagger",
)

WORKER = r"""
import json, os, re, resource, sys, threading, time, warnings
warnings.simplefilter("ignore")
step, path = sys.argv[1], sys.argv[2]

def memory(pid):
    # proportional set size: pages shared with other processes (forked workers share the
    # lexicons and libraries) count by their share; resident size where it is not known
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    with open(f"/proc/{pid}/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

def tree_memory():
    # memory of this process and all its descendants, from /proc (Linux)
    children = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(name))
    total, stack = 0, [os.getpid()]
    while stack:
        pid = stack.pop()
        stack += children.get(pid, [])
        try:
            total += memory(pid)
        except OSError:
            pass
    return total

tree_peak = 0
def sample():
    global tree_peak
    while True:
        tree_peak = max(tree_peak, tree_memory())
        time.sleep(0.1)
if os.path.isdir("/proc"):
    threading.Thread(target=sample, daemon=True).start()

import toolkit
start = time.perf_counter()
if step == "load":
    corpus = toolkit.load_corpus(path)
elif step in ("stream", "stream_2jobs"):
    import tempfile, pandas as pd
    from toolkit.stream import write_features
    out = write_features(path, tempfile.mkdtemp() + "/f.parquet", chunk_size=2000,
                         n_jobs=2 if step == "stream_2jobs" else 1, progress=False)
    corpus = pd.read_parquet(out, columns=["n_tokens"])
else:
    corpus = toolkit.load_corpus(path)
    start = time.perf_counter()
    texts = corpus["text"].tolist()
    if step == "dtm":
        toolkit.document_term_matrix(corpus)
    elif step == "sentiment":
        toolkit.sentiment(corpus, headline=False)
    elif step == "features":
        toolkit.features(corpus)
    elif step == "features_2jobs":
        toolkit.features(corpus, n_jobs=2)
    elif step == "direct_regex":
        word = re.compile(r"\w+")
        [word.findall(t.lower()) for t in texts]
    elif step == "direct_countvectorizer":
        from sklearn.feature_extraction.text import CountVectorizer
        CountVectorizer().fit_transform(texts)
    elif step == "direct_textblob":
        from textblob import TextBlob
        [TextBlob(t).sentiment for t in texts]
    elif step == "direct_vader":
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
        sia = SentimentIntensityAnalyzer()
        [sia.polarity_scores(t) for t in texts]
    elif step == "direct_tagger":
        from textblob.en import tag
        [tag(t) for t in texts]
seconds = time.perf_counter() - start
mb = (corpus["text"].str.len().sum() if not step.startswith("stream") else
      sum(len(json.loads(line)["text"]) for line in open(path, encoding="utf-8"))) / 1e6
# the sampled sum over the process tree (workers included); without /proc, the largest
# single process
peak = (tree_peak / 2**20 if tree_peak else
        max(resource.getrusage(who).ru_maxrss / 1024
            for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))
print(json.dumps({"seconds": seconds, "mb": mb, "articles": len(corpus), "peak_mb": peak}))
"""


def build(size_mb: float, folder: Path) -> Path:
    sys.path.insert(0, str(Path(__file__).parent))
    from _common import load_fakes

    fakes = load_fakes()
    one = fakes["text"].str.len().sum() / 1e6
    copies = max(1, int(size_mb / one + 0.999))
    path = folder / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for k in range(copies):
            for doc_id, row in fakes[["text", "title", "outlet", "place"]].iterrows():
                record = {
                    "doc_id": f"{doc_id}-{k}",
                    **{c: row[c] for c in row.index},
                    "text": f"{row['text']}\n\nCopy {k}.",
                    "date": fakes.at[doc_id, "date"].strftime("%Y-%m-%d"),
                }
                fh.write(json.dumps(record) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size-mb", type=float, default=100.0)
    parser.add_argument("--steps", default=",".join(STEPS))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        path = build(args.size_mb, Path(tmp))
        print(
            f"built {path.stat().st_size / 1e6:.0f} MB of JSON Lines in "
            f"{time.perf_counter() - t0:.0f} s"
        )
        results = {}
        print(f"{'step':26s} {'seconds':>9s} {'MB/s':>7s} {'articles/s':>11s} {'peak MB':>8s}")
        for step in args.steps.split(","):
            done = subprocess.run(
                [sys.executable, "-c", WORKER, step, str(path)],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode:
                print(f"{step:26s} failed:\n{done.stderr[-2000:]}")
                continue
            r = json.loads(done.stdout.strip().splitlines()[-1])
            results[step] = r
            print(
                f"{step:26s} {r['seconds']:9.1f} {r['mb'] / r['seconds']:7.2f} "
                f"{r['articles'] / r['seconds']:11.0f} {r['peak_mb']:8.0f}"
            )
        direct = [
            s
            for s in ("direct_regex", "direct_textblob", "direct_vader", "direct_tagger")
            if s in results
        ]
        if "features" in results and direct:
            chain = sum(results[s]["seconds"] for s in direct)
            print(
                f"features() vs the chain of direct calls ({'+'.join(direct)}): "
                f"{chain / results['features']['seconds']:.2f}x"
            )
        if "sentiment" in results and {"direct_textblob", "direct_vader"} <= set(results):
            both = results["direct_textblob"]["seconds"] + results["direct_vader"]["seconds"]
            print(f"sentiment() vs TextBlob + VADER: {both / results['sentiment']['seconds']:.2f}x")


if __name__ == "__main__":
    main()
