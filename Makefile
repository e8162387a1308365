# Torget: `make run` serves the demo, `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi

.PHONY: install install-test run test test-sqlite test-postgresql lint bench loadtest translations catalogue clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

PORT ?= 5000

run: install translations
	TORGET_ENV=development $(BIN)/flask db upgrade heads
	TORGET_ENV=development $(BIN)/flask demo load
	@echo "Torget: http://127.0.0.1:$(PORT)"
	TORGET_ENV=development PORT=$(PORT) $(BIN)/flask run --host 127.0.0.1 --port $(PORT)

translations: install
	$(BIN)/pybabel -q compile -d app/translations

# Re-extract every msgid and merge it into the catalogues; existing translations are kept,
# new msgids arrive empty (never fuzzy-guessed) for a translator to fill in.
catalogue: install
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output \
		-o app/translations/messages.pot .
	$(BIN)/pybabel -q update --no-fuzzy-matching --ignore-obsolete --width 100 \
		-i app/translations/messages.pot -d app/translations

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install-test translations lint test-sqlite test-postgresql

test-sqlite: install-test
	TEST_DATABASE=sqlite $(BIN)/pytest

test-postgresql: install-test
	TEST_DATABASE=postgresql $(BIN)/pytest -m "not browser and not nodb"

bench: install-test
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python -m bench

# Load and fault runs on 127.0.0.1 (about 15-25 min, as root: a private PostgreSQL and a
# tmpfs); prints one table, writes loadtest-results/; fails when a run fails its check.
loadtest: install-test translations
	$(BIN)/python -m loadtest

clean:
	rm -rf $(VENV) instance .pytest_cache
