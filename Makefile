# The commands people and CI share. `make run` and `make test` are the README's two set-up commands.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test lint bench browser install install-dev clean docs catalogues messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $(VENV)/.installed $@

# The web app's front-end libraries (htmx, uPlot, Swagger UI) from npm, served by the app itself.
# Reinstalled when package-lock.json changes; none needs an install script (and swagger-ui-dist's
# telemetry dependency must not run one).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

install: $(VENV)/.installed catalogues node_modules/.package-lock.json
install-dev: $(VENV)/.installed-dev catalogues node_modules/.package-lock.json

# Translations: each language's .po (committed) compiles to its .mo (built, git-ignored). pip's
# install compiles them too (hatch_build.py); this recompiles one whose .po changed since.
LOCALE   := src/chiso/locale
# two domains: chiso (the UI's strings) and errors (error messages, chiso/error_messages.py)
PO_FILES := $(wildcard $(LOCALE)/*/LC_MESSAGES/*.po)
# one list of gettext keywords; tests/test_catalogues.py extracts with the same
KEYWORDS := --no-default-keywords -k _ -k N_ -k ngettext:1,2

catalogues: $(PO_FILES:.po=.mo)

%.mo: %.po | $(VENV)/.installed
	$(BIN)/pybabel compile -i $< -o $@

## Extract the UI strings into chiso.pot, the error messages into errors.pot, and merge them into
## each .po (then translate and commit)
messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg $(KEYWORDS) --no-location --sort-output --no-wrap \
	  --project chiso --copyright-holder "chiso contributors" -o $(LOCALE)/chiso.pot .
	$(BIN)/pybabel update -D chiso -i $(LOCALE)/chiso.pot -d $(LOCALE) --no-wrap
	$(BIN)/pybabel extract --no-default-keywords -k N_ -k NC_:1c,2 --no-location --omit-header \
	  -o $(LOCALE)/errors.pot src/chiso/error_messages.py
	$(BIN)/pybabel update --no-fuzzy-matching -D errors -i $(LOCALE)/errors.pot -d $(LOCALE)

## Install, load the demo into a fresh database and serve it at http://$(HOST):$(PORT)
run: install
	$(BIN)/chiso demo --host $(HOST) --port $(PORT)

## Install the dev tools, lint, type-check and run the whole suite
test: install-dev lint browser
	$(BIN)/pytest

# Browser tests drive Debian's chromium through Playwright (never `playwright install`).
# Installed when missing and when we may (root, as in CI); otherwise those tests skip, saying why.
browser:
	@[ -x /usr/bin/chromium ] || [ "$$(id -u)" != 0 ] || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
	  echo "chromium could not be installed: the browser tests will skip"

lint: install-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src

## Regenerate docs/cli.md, the command reference, from the code (tests fail when it drifts)
docs: $(VENV)/.installed
	$(BIN)/python -m chiso.cli.reference --write docs/cli.md

## Speed and memory, side by side with a reference in the same run (results go in BENCHMARKS.md)
bench: install-dev
	$(BIN)/python -m bench.extract
	$(BIN)/python -m bench.ingest --reports 2000
	$(BIN)/python -m bench.web

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
