from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from toolkit.cli import main

from .conftest import ROOT


def test_cli_validate_clean_corpus(capsys):
    assert main(["validate", str(ROOT / "corpus")]) == 0
    out = capsys.readouterr().out
    assert "1 article(s) loaded" in out
    assert "dates: 2016-02-16 to 2016-02-16" in out
    assert "TASS" in out
    assert "no problems found" in out


def test_cli_validate_reports_problems_and_fails(tmp_path, capsys):
    path = tmp_path / "b.csv"
    pd.DataFrame(
        {"text": ["Good.", " "], "outlet": ["A", "B"], "date": ["2016-01-01", "2016-01-02"]}
    ).to_csv(path, index=False)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "1 article(s) loaded" in out
    assert "1 row (b.csv row 2): empty text" in out


def test_cli_validate_collapses_repeated_problems_and_suggests_flags(tmp_path, capsys):
    path = tmp_path / "d.csv"
    rows = [f"Text {i}.,A,5/{i}/2017" for i in range(1, 21)] + ["Fine.,A,2017-05-04", ",A,"]
    path.write_text("text,outlet,date\n" + "\n".join(rows) + "\n")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.startswith("  - ")]
    assert len(lines) == 2  # 20 date problems in one line, the empty text in another
    assert lines[0].startswith("  - 20 rows (d.csv rows 1, 2, 3, ...): unparseable date")
    assert "--date-format %m/%d/%Y" in lines[0] and "date_format=" not in out
    assert lines[1].startswith("  - 1 row (d.csv row 22): empty text")


def test_cli_missing_text_suggests_the_longest_column(tmp_path, capsys):
    path = tmp_path / "t.csv"
    path.write_text("id,body,src\n1,Rebels shelled the old city for a third day.,SANA\n")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "longest values is 'body'" in err and "--column body=text" in err


def test_cli_validate_column_mapping(tmp_path, capsys):
    path = tmp_path / "t.csv"
    pd.DataFrame({"body": ["x"], "source": ["SANA"], "d": ["3/1/2016"]}).to_csv(path, index=False)
    code = main(
        [
            "validate",
            str(path),
            "--column",
            "body=text",
            "--column",
            "source=outlet",
            "--column",
            "d=date",
            "--date-format",
            "%m/%d/%Y",
        ]
    )
    assert code == 0
    assert "SANA" in capsys.readouterr().out


def test_cli_missing_path(capsys):
    assert main(["validate", "no/such/dir"]) == 2
    assert "no/such/dir: no such file or folder" in capsys.readouterr().err


def test_cli_bad_column_argument(capsys):
    assert main(["validate", str(ROOT / "corpus"), "--column", "oops"]) == 2
    assert "--column expects OLD=NEW, got 'oops'" in capsys.readouterr().err


def test_cli_report_summary_only(tmp_path, capsys):
    out = tmp_path / "rep"
    assert main(["report", str(ROOT / "corpus"), "-o", str(out), "--summary-only"]) == 0
    assert (out / "index.html").is_file() and (out / "corpus_summary.csv").is_file()
    assert str((out / "index.html").resolve()) in capsys.readouterr().out


@pytest.mark.slow
def test_cli_report_runs_notebooks(tmp_path, capsys):
    out = tmp_path / "rep"
    code = main(["report", str(ROOT / "corpus"), "-o", str(out), "--notebook", "01-corpus"])
    assert code == 0
    page = (out / "index.html").read_text()
    assert 'href="01-corpus.html"' in page and "01-corpus/articles_per_group.png" in page
    assert (out / "01-corpus.html").is_file() and (out / "corpus" / "index.html").is_file()
    provenance = json.loads((out / "01-corpus" / "provenance.json").read_text())
    assert provenance["summary"]["parameters"]["BY"] == "outlet"
    assert "02-words.html" not in page


@pytest.mark.slow
def test_cli_report_passes_n_jobs_to_the_notebooks_that_take_it(tmp_path):
    out = tmp_path / "rep"
    args = ["report", str(ROOT / "corpus"), "-o", str(out), "--n-jobs", "2"]
    assert main([*args, "--notebook", "01-corpus", "--notebook", "04-framing"]) == 0

    def injected(name: str) -> str:
        cells = json.loads((out / f"{name}.ipynb").read_text())["cells"]
        tagged = [c for c in cells if "injected-parameters" in c["metadata"].get("tags", [])]
        return "".join(tagged[0]["source"])

    assert "N_JOBS = 2" in injected("04-framing")
    assert "N_JOBS" not in injected("01-corpus")  # it has no such parameter


@pytest.mark.slow
def test_cli_report_honours_loading_options(tmp_path, capsys):
    data = tmp_path / "mine.csv"
    rows = [
        f"{i},Rebels shelled the town of {town} on a Monday.,{outlet},5/{i + 1}/2016"
        for i, (town, outlet) in enumerate(
            [("Homs", "SANA"), ("Idlib", "Reuters"), ("Hama", "SANA"), ("Daraa", "Reuters")]
        )
    ]
    data.write_text("id,body,source,d\n" + "\n".join(rows) + "\n")
    out = tmp_path / "rep"
    options = ["--column", "body=text", "--column", "source=outlet", "--column", "d=date"]
    args = ["report", str(data), "-o", str(out), *options, "--date-format", "%m/%d/%Y"]
    assert main([*args, "--notebook", "01-corpus"]) == 0
    executed = json.loads((out / "01-corpus.ipynb").read_text())
    injected = [
        c for c in executed["cells"] if "injected-parameters" in c["metadata"].get("tags", [])
    ]
    source = "".join(injected[0]["source"])
    assert '"date_format": "%m/%d/%Y"' in source and '"body": "text"' in source
    assert '"/' not in source  # paths relative to the notebooks, no machine's absolute paths
    summary = (out / "01-corpus" / "summary.csv").read_text()
    assert "SANA,2" in summary and "Reuters,2" in summary
    page = (out / "index.html").read_text()
    assert str(tmp_path) not in page and 'width="360"' in page and 'src="/' not in page
    assert "<figcaption>Articles per outlet</figcaption>" in page
    # without the options nothing loads: one sentence, exit 2, no notebook run
    capsys.readouterr()
    assert main(["report", str(data), "-o", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--column body=text" in err
    assert not (tmp_path / "none" / "01-corpus.ipynb").exists()


def test_importing_the_toolkit_changes_no_backend():
    code = (
        "import matplotlib, importlib, pkgutil, toolkit\n"
        "for m in pkgutil.iter_modules(toolkit.__path__):\n"
        "    if m.name != '__main__':\n"
        "        importlib.import_module('toolkit.' + m.name)\n"
        "print(matplotlib.rcParams._get_backend_or_none())"
    )
    env = {k: v for k, v in __import__("os").environ.items() if k != "MPLBACKEND"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert done.stdout.strip() == "None"  # no module chose a backend


def test_python_dash_m_toolkit_version():
    done = subprocess.run(
        [sys.executable, "-m", "toolkit", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("toolkit ")


def test_cli_validate_reads_fakes_by_name(fakes_csv, capsys):
    assert main(["validate", str(ROOT / "corpus"), str(fakes_csv)]) == 0
    out = capsys.readouterr().out
    # 15 exact copies as read; 23 once dates, credit lines and footers are cleaned away
    assert "805 article(s) loaded" in out and "exact duplicate texts flagged: 23" in out


def test_cli_features_reads_fakes_through_its_loader(fakes_csv, tmp_path, capsys):
    import pandas as pd

    out = tmp_path / "fakes.parquet"
    args = ["features", str(fakes_csv), "-o", str(out), "--family", "epistemic"]
    assert main([*args, "--chunk-size", "300"]) == 0
    table = pd.read_parquet(out)
    assert len(table) == 804 and table["doc_id"].is_unique
    assert not (tmp_path / "fakes.parquet.partial").exists()


def test_cli_errors_are_one_line_with_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.yaml.csv"
    bad.write_text("body\nOne.\n")
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert "no 'text' column" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--chunk-size", "0"], "argument --chunk-size: expects a whole number >= 1"),
        (["--n-jobs", "-5"], "argument --n-jobs: expects a number of processes >= 1"),
    ],
)
def test_cli_bad_numbers_name_the_argument(tmp_path, capsys, argv, message):
    with pytest.raises(SystemExit) as exit_:
        main(["features", str(ROOT / "corpus"), "-o", str(tmp_path / "f.parquet"), *argv])
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err


def test_cli_features_into_a_folder_names_the_option(tmp_path, capsys):
    assert main(["features", str(ROOT / "corpus"), "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "-o/--output" in err and "is a folder" in err
    assert main(["validate", str(ROOT / "corpus"), "--date-format", "%Q"]) == 2
    assert "--date-format %Q is not valid" in capsys.readouterr().err
