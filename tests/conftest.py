"""Shared fixtures. Matplotlib draws off-screen; FA-KES comes from ../shared when present."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib.pyplot as plt
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FAKES_CSV = SHARED / "datasets" / "fakes" / "FA-KES-Dataset.csv"
SEED_NAME = "000_6f20bbf8b1b3e077"
SEED_FILE = ROOT / "corpus" / "articles" / f"{SEED_NAME}.txt"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Never touch the user's real dataset cache from the tests."""
    old = os.environ.get("TOOLKIT_CACHE_DIR")
    os.environ["TOOLKIT_CACHE_DIR"] = str(tmp_path_factory.mktemp("toolkit-cache"))
    yield
    if old is None:
        os.environ.pop("TOOLKIT_CACHE_DIR", None)
    else:
        os.environ["TOOLKIT_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def fakes_csv() -> Path:
    if not FAKES_CSV.is_file():
        pytest.skip("FA-KES is not in ../shared/datasets/fakes")
    return FAKES_CSV


@pytest.fixture(scope="session")
def fakes(fakes_csv):
    import toolkit

    return toolkit.load_fakes(fakes_csv)


@pytest.fixture(scope="session")
def seed_raw() -> str:
    return SEED_FILE.read_text(encoding="utf-8")
