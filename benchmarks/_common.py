"""Shared helpers of the benchmark scripts: where FA-KES is, and best-of-N timing."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

import toolkit

SHARED_FAKES = (
    Path(__file__).resolve().parents[2] / "shared" / "datasets" / "fakes" / "FA-KES-Dataset.csv"
)


def load_fakes() -> pd.DataFrame:
    """FA-KES from ../shared when present, else from the user cache (downloaded once)."""
    return toolkit.load_fakes(SHARED_FAKES if SHARED_FAKES.is_file() else None)


def best_of(repeat: int, func: Callable[[], Any]) -> float:
    """The shortest wall-clock time of ``repeat`` calls, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)
