"""The package's shape: imports run one way (the floors are checked by ``lint-imports``,
run by ``make test``), no import cycle, no private name taken from another module, no
toolkit import hidden inside a function, and modules of a readable size."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp

PACKAGE = Path(__file__).resolve().parents[1] / "toolkit"

MAX_LINES = 600


def _modules() -> list[Path]:
    return sorted(PACKAGE.glob("*.py"))


def test_no_import_cycle():
    graph = grimp.build_graph("toolkit")
    modules = sorted(m for m in graph.modules if m.startswith("toolkit"))
    cycles = []
    for a in modules:
        for b in graph.find_modules_directly_imported_by(a):
            if graph.chain_exists(importer=b, imported=a):
                cycles.append((a, b))
    assert cycles == []


def test_no_private_name_from_another_module():
    crossings = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("toolkit"):
                for alias in node.names:
                    if alias.name.startswith("_") and alias.name != "__version__":
                        crossings.append(f"{path.name}: {node.module}.{alias.name}")
    assert crossings == []


def test_no_toolkit_import_inside_a_function():
    hidden = []
    for path in _modules():
        tree = ast.parse(path.read_text("utf-8"))
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(func):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("toolkit"):
                    hidden.append(f"{path.name}:{node.lineno} {node.module}")
    assert hidden == []


def test_module_size():
    long = {p.name for p in _modules() if len(p.read_text("utf-8").splitlines()) > MAX_LINES}
    assert long == set()


def test_benchmark_scripts_import():
    """Benchmarks are scripts, not tests, so nothing else would notice one importing a name
    the package no longer has; importing each runs none of its timing (``main`` is guarded)."""
    import importlib.util
    import sys

    folder = PACKAGE.parent / "benchmarks"
    sys.path.insert(0, str(folder))
    try:
        for path in sorted(folder.glob("*.py")):
            spec = importlib.util.spec_from_file_location(f"bench_{path.stem}", path)
            assert spec is not None and spec.loader is not None
            spec.loader.exec_module(importlib.util.module_from_spec(spec))
    finally:
        sys.path.remove(str(folder))


def test_every_word_list_file_states_its_provenance():
    """Lexicons, label sets and inventories are data with provenance, not bare lists."""
    import yaml

    fields = ("name", "version", "source", "citation", "licence", "author")
    missing = {}
    for folder in ("lexicons", "labelsets", "inventories"):
        for path in sorted((PACKAGE / folder).glob("*.yaml")):
            data = yaml.safe_load(path.read_text("utf-8"))
            lacking = [f for f in fields if not str(data.get(f) or "").strip()]
            if lacking:
                missing[f"{folder}/{path.name}"] = lacking
    assert missing == {}
    assert (PACKAGE / "inventories" / "speakers.yaml").exists()
