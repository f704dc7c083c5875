# Two commands: `make run` (demo site) and `make test` (whole suite). See README.md.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# The demo runs with DEBUG on unless the caller says otherwise.
MANAGE := DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py

.PHONY: run test lint format setup clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is required (found: $(PYTHON))."; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV). On Debian: apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@ $(VENV)/.runtime-installed

setup: $(VENV)/.runtime-installed
	@mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_localities
	@$(MANAGE) import_seeds seeds/ || echo "Some seed files could not be imported (see above); continuing."
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) create_demo_editor

run: setup
	@echo ""
	@echo "Site:  http://$(HOST):$(PORT)/"
	@echo "Admin: http://$(HOST):$(PORT)/quan-tri/  (login: see above, or var/demo-editor.txt)"
	@echo ""
	$(MANAGE) runserver $(HOST):$(PORT)

test: $(VENV)/.dev-installed
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-test-only-not-a-secret} $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .

format: $(VENV)/.dev-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
