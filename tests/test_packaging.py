"""The set-up promises: layout, dependencies in step, offline use without NLTK data."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib

import pytest
import yaml

from .conftest import ROOT

REQUIRED_TOP = {
    "toolkit",
    "notebooks",
    "corpus",
    "tests",
    "environment.yml",
    "pyproject.toml",
    "README.md",
    "LICENSE",
    "Makefile",
    ".ci",
}
ALLOWED_TOP = REQUIRED_TOP | {"benchmarks", "CONTRIBUTING.md", ".gitignore", ".gitattributes"}


def _norm(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*)$", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group(1)).lower(), match.group(2).replace(" ", "")


def test_environment_yml_lists_the_same_packages_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(_norm(r) for r in project["dependencies"])
    wanted |= dict(_norm(r) for r in project["optional-dependencies"]["notebooks"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = [d for d in env["dependencies"] if isinstance(d, dict)]
    assert "python=3.11" in conda
    listed = dict(_norm(d) for d in conda if not d.startswith(("python=", "pip")))
    # not on conda-forge: installed by pip with the toolkit (-e .[notebooks])
    pip_only = {"wordllama"}
    assert listed == {k: v for k, v in wanted.items() if k not in pip_only}
    assert pip == [{"pip": ["-e .[notebooks]"]}]


def test_pyproject_declares_the_promised_metadata():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())
    project = meta["project"]
    assert project["name"] == "media-framing-toolkit"
    assert project["requires-python"] == ">=3.11"
    assert project["scripts"] == {"toolkit": "toolkit.cli:main"}
    core = {_norm(r)[0] for r in project["dependencies"]}
    assert {
        "pandas",
        "numpy",
        "scipy",
        "scikit-learn",
        "textblob",
        "vadersentiment",
        "seaborn",
        "matplotlib",
        "pyyaml",
        "pyarrow",
        "tqdm",
    } <= core
    extras = project["optional-dependencies"]
    assert {"jupyterlab", "ipykernel", "nbclient", "nbconvert", "papermill"} <= {
        _norm(r)[0] for r in extras["notebooks"]
    }
    assert {"pytest", "hypothesis", "ruff", "mypy", "nbstripout"} <= {
        _norm(r)[0] for r in extras["dev"]
    }


def test_layout_at_the_top():
    try:
        files = subprocess.run(
            ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    if not files:
        pytest.skip("nothing committed yet")
    top = {f.split("/")[0] for f in files}
    assert REQUIRED_TOP <= top
    assert top <= ALLOWED_TOP, f"unexpected top-level entries: {sorted(top - ALLOWED_TOP)}"


def test_readme_gives_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


OFFLINE_SCRIPT = r"""
import os, socket, tempfile
def refuse(*args, **kwargs):
    raise OSError("network use is not allowed in this test")
socket.socket.connect = refuse
socket.create_connection = refuse
import nltk
nltk.data.path[:] = [os.environ["NLTK_DATA"]]
import toolkit
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
corpus = toolkit.load_corpus(toolkit.SHIPPED_CORPUS)
text = corpus["text"].iloc[0]
polarity = TextBlob(text).sentiment.polarity
compound = SentimentIntensityAnalyzer().polarity_scores(text)["compound"]
toolkit.report.write_report(corpus, tempfile.mkdtemp())
print("ok", round(polarity, 6), round(compound, 6))
"""


def test_works_offline_with_empty_nltk_data(tmp_path):
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    env = {
        **os.environ,
        "NLTK_DATA": str(empty),
        "HOME": str(tmp_path),
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": str(tmp_path / "mpl"),
    }
    done = subprocess.run(
        [sys.executable, "-c", OFFLINE_SCRIPT], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok ")
    assert list(empty.iterdir()) == []  # nothing was downloaded into it
