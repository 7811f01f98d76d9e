# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
BENCH_STAMP := $(VENV)/.installed-bench
DEMO_OUT := demo-dossier

.PHONY: setup demo test lint typecheck unit bench clean chromium postgresql

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall whenever pyproject.toml changes; otherwise `make setup` does nothing.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

# Tests also cover the optional spaCy NER path, the Dask engine and the PostgreSQL store,
# so they install those extras (the PostgreSQL tests start their own throwaway server).
$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,ner,dask,postgres]'
	touch $(TEST_STAMP)

$(BENCH_STAMP): $(TEST_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,ner,dask,postgres,bench]'
	touch $(BENCH_STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/indicia run examples/corpus --out $(DEMO_OUT) --db $(DEMO_OUT)/indicia.db; \
	  status=$$?; [ $$status -le 1 ] || exit $$status
	@echo "The dossier is in $(DEMO_OUT)/: dossier.html (open in a browser), dossier.md, dossier.json"

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(TEST_STAMP)
	$(BIN)/mypy

unit: $(TEST_STAMP)
	$(BIN)/python -m pytest -q

# `make test` installs what its tests need, Chromium and PostgreSQL included, on a fresh machine.
test: chromium postgresql lint typecheck unit

# The browser tests in tests/web drive Debian's Chromium (/usr/bin/chromium) through the
# playwright pip package (never `playwright install`); they skip without it, except under CI.
# Installing it needs root: sudo is used when make runs as another user.
chromium:
	@[ -x /usr/bin/chromium ] || { \
	  if [ "$$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update && $$SUDO apt-get install -y chromium; }

# The PostgreSQL store tests start a throwaway server of their own with the Debian package's
# initdb and pg_ctl (as the `postgres` user the package creates, when run as root).
postgresql:
	@command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update && $$SUDO apt-get install -y postgresql; }

# Each script compares indicia with its anchor tool and rewrites its section of bench/RESULTS.md.
bench: $(BENCH_STAMP)
	$(BIN)/python bench/clean.py
	$(BIN)/python bench/site_chrome.py
	$(BIN)/python bench/link.py
	$(BIN)/python bench/indicators.py
	$(BIN)/python bench/claims.py
	$(BIN)/python bench/entities.py

clean:
	rm -rf $(VENV) $(DEMO_OUT) build *.egg-info src/*.egg-info
