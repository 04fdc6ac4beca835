# Every target sets up .venv first, from uv.lock, so a fresh clone needs nothing but python3 and make
# and installs exactly what was tested.
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Two test workers per core: an app test spends half its time waiting (timers, pauses, child
# processes), so with one worker per core the suite kept only one of two cores busy.
PYTEST_WORKERS ?= $(shell $(PYTHON) -c 'import os; print(2 * (os.cpu_count() or 1))')

.PHONY: run test browser-test check bench format lock clean train-language

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# --compile-bytecode: the installed packages' .pyc are written once here, so that neither the
# app's start nor a test worker compiles Textual or pydantic again (some machines set
# PYTHONDONTWRITEBYTECODE, which otherwise makes every process compile them anew).
$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --quiet --frozen --extra dev --compile-bytecode
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/facilitator --demo

# --maxschedchunk 2: xdist otherwise hands each worker its first 70 tests in one block, so the
# slow tests, collected first (tests/conftest.py), would all go to one worker.
test: $(STAMP)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --maxschedchunk 2

# The room's view in a real browser (tests/browser): needs Debian's chromium, installed here when
# missing (as root, with apt-get); where it cannot be installed, the test says it is skipped.
browser-test: $(STAMP)
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
		echo "browser-test: could not install chromium (apt-get, as root); the test will be skipped"
	$(BIN)/python -m pytest -rs tests/browser

check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# The performance suite: one table of every figure against its baseline (bench/run.py); it fails
# only when a benchmark crashes, not on a missed goal.
bench: $(STAMP)
	$(BIN)/python -m bench.run
	$(BIN)/python bench/follow.py

# Retrain the language checks' models from tests/fixtures/language/*-train.tsv (deterministic:
# the same corpus gives the same agenda/checks/*_model.json); commit the corpus and the weights together.
train-language: $(STAMP)
	$(BIN)/python tools/train_language.py
	$(BIN)/python tools/train_language.py --heldout

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh uv.lock to the newest versions pyproject.toml allows; commit it with what it changed.
lock: | $(UV)
	$(UV) lock --upgrade

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache .mypy_cache .ruff_cache
