# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_OUT := demo-dossier

.PHONY: setup demo test lint typecheck unit bench clean chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall whenever pyproject.toml changes; otherwise `make setup` does nothing.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/indicia run examples/corpus --out $(DEMO_OUT) --db $(DEMO_OUT)/indicia.db; \
	  status=$$?; [ $$status -le 1 ] || exit $$status
	@echo "The dossier is in $(DEMO_OUT)/: dossier.html (open in a browser), dossier.md, dossier.json"

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/python -m pytest -q

test: lint typecheck unit

# The browser tests in tests/web drive Debian's Chromium (/usr/bin/chromium) through the
# playwright pip package (never `playwright install`); they skip without it, except under CI.
chromium:
	@[ -x /usr/bin/chromium ] || { apt-get update && apt-get install -y chromium; }

bench: setup
	$(BIN)/python bench/clean.py

clean:
	rm -rf $(VENV) $(DEMO_OUT) build *.egg-info src/*.egg-info
