# ecobridge — `make run` to try it, `make test` to check it.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
export ECOBRIDGE_DATA_DIR ?= $(CURDIR)/var

.PHONY: install run test test-postgres lint fmt bench translations lock clean screenshots

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP) translations

translations: $(STAMP)
	$(BIN)/ecobridge manage compiletranslations

run: install
	$(BIN)/ecobridge manage migrate --noinput
	$(BIN)/ecobridge manage collectstatic --noinput --verbosity 0
	$(BIN)/ecobridge demo load
	$(BIN)/ecobridge serve

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: install
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/test CELERY_BROKER_URL=redis://127.0.0.1:6379/0 \
		$(BIN)/python -m pytest $(PYTEST_ARGS)

# Refresh the user guide's screenshots (docs/screenshots) from the browser tests.
screenshots: install
	ECOBRIDGE_SCREENSHOTS=1 $(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

fmt: $(STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

bench: install
	$(BIN)/python benchmarks/scheduling/run.py
	$(BIN)/python benchmarks/matching/run.py

# Re-pin every dependency (needs network access to the package index).
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
