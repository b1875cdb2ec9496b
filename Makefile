# Open Aanbod — run `make help` for the targets.
# Every target sets up what it needs: a virtual environment in .venv with the pinned packages,
# and for the browser tests Debian's chromium.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUTPUT ?= output
CONTENT ?= content
PORT ?= 8000
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.DEFAULT_GOAL := help
.PHONY: help html serve validate test clean chromium

help: ## show this list
	@echo "Open Aanbod: make <target>"
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

validate: $(STAMP) ## check every file in content/ against schema/
	@$(BIN)/python -m aanbod validate --content $(CONTENT)

html: validate $(NODE_STAMP) ## build the site, the data files and the search index into output/
	$(BIN)/pelican $(CONTENT) --settings pelicanconf.py --output $(OUTPUT) --delete-output-directory --fatal errors

serve: html ## build, then serve the site on http://localhost:8000
	@echo "Open Aanbod draait op http://localhost:$(PORT)/ (stoppen: Ctrl+C)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory $(OUTPUT)

chromium: ## install Debian's chromium for the browser tests, if missing
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: $(STAMP) $(NODE_STAMP) chromium ## run all tests, browser tests included
	$(BIN)/python -m pytest

clean: ## remove output/, caches and the virtual environment
	rm -rf $(OUTPUT) $(VENV) node_modules .pytest_cache __pycache__ */__pycache__ *.egg-info
