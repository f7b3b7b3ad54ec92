# Two commands set everything up on a machine with Python 3.11+ and make:
#   make demo   creates .venv, installs the toolkit, writes a report on corpus/ under reports/
#   make test   creates .venv, installs with the dev extras, runs lint, type check and tests
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
REPORT ?= reports/corpus

.PHONY: help demo test bench bench-scale bench-validity lint typecheck imports check-notebooks pytest clean

help:
	@echo "make demo   - install into $(VENV); run the notebooks on corpus/ into $(REPORT)/"
	@echo "make test   - install with dev extras and run ruff, mypy, notebook checks and pytest"
	@echo "make bench  - time term statistics and sentiment on FA-KES (benchmarks/)"
	@echo "make bench-scale - a 100 MB corpus: MB/s and peak memory per step (about 30 min)"
	@echo "make bench-validity - frames, hedges, quotes and target sentiment against codes in ../shared and benchmarks/data"
	@echo "make clean  - remove $(VENV), reports/ and caches"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "error: Python 3.11 or newer is needed, found " + sys.version.split()[0] + "; run make PYTHON=/path/to/python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[notebooks]'
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[notebooks,dev]'
	@touch $@ $(VENV)/.installed-run

demo: $(VENV)/.installed-run
	$(BIN)/toolkit validate corpus
	$(BIN)/toolkit report corpus -o $(REPORT)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check --no-cache toolkit tests benchmarks
	$(BIN)/ruff format --check toolkit tests benchmarks

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

imports: $(VENV)/.installed-dev
	$(BIN)/lint-imports

check-notebooks: $(VENV)/.installed-dev
	@nbs="$$(ls notebooks/*.ipynb 2>/dev/null)"; \
	if [ -n "$$nbs" ]; then $(BIN)/nbstripout --verify $$nbs || { echo "notebooks have outputs: run $(BIN)/nbstripout notebooks/*.ipynb"; exit 1; }; fi

pytest: $(VENV)/.installed-dev
	MPLBACKEND=Agg $(PY) -m pytest

test: lint typecheck imports check-notebooks pytest

bench: $(VENV)/.installed-dev
	$(PY) benchmarks/bench_terms.py
	$(PY) benchmarks/bench_sentiment.py
	$(PY) benchmarks/bench_features.py

bench-validity: $(VENV)/.installed-dev
	$(PY) benchmarks/validity_frames.py
	$(PY) benchmarks/validity_hedges.py
	$(PY) benchmarks/validity_quotes.py
	$(PY) benchmarks/validity_target_sentiment.py

bench-scale: $(VENV)/.installed-dev
	$(PY) benchmarks/bench_scale.py --size-mb 100

clean:
	rm -rf $(VENV) reports .pytest_cache .mypy_cache .ruff_cache
