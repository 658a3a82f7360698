# newsetl: `make run` sets everything up and runs the sample; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the dependency list changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/newsetl run

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

# LOAD_SIZES: the load-stage benchmark's sizes (1000000 takes about half an hour).
LOAD_SIZES ?= 10000,100000,1000000

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/load_bench.py --sizes $(LOAD_SIZES)

clean:
	rm -rf warehouse-data .pytest_cache
