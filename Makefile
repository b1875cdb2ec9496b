# Open Aanbod — run `make help` for the targets.
# Every target sets up what it needs: a virtual environment in .venv with the pinned packages,
# and for the browser tests Debian's chromium.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUTPUT ?= output
CONTENT ?= content
SCHEMA ?= schema
PORT ?= 8000
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.DEFAULT_GOAL := help
.PHONY: help html serve validate test clean chromium spreadsheets translations

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
	@$(BIN)/python -m aanbod validate --content $(CONTENT) --schema $(SCHEMA)

# The build validates the content itself and stops with the same messages: html does not run validate first,
# so a build reads and checks every file once.
html: $(STAMP) $(NODE_STAMP) ## validate and build the site, the data files and the search index into output/
	$(BIN)/pelican $(CONTENT) --settings pelicanconf.py --output $(OUTPUT) --delete-output-directory --fatal errors

serve: html ## build, then serve the site on http://localhost:8000
	@echo "Open Aanbod draait op http://localhost:$(PORT)/ (stoppen: Ctrl+C)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory $(OUTPUT)

translations: $(STAMP) ## extract the interface texts and update the English catalogue (theme/translations)
	$(BIN)/pybabel extract --mapping-file babel.cfg --no-location --sort-output --omit-header --output-file theme/translations/messages.pot .
	$(BIN)/pybabel update --input-file theme/translations/messages.pot --output-dir theme/translations --locale en --no-fuzzy-matching --omit-header --ignore-obsolete

chromium: ## install Debian's chromium for the browser tests, if missing
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# LibreOffice stands in for Dutch Excel in tests/test_spreadsheets.py; installing it took 48 s here.
spreadsheets: ## install LibreOffice Calc (headless) for the spreadsheet tests, if missing
	@command -v soffice >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null; }

test: $(STAMP) $(NODE_STAMP) chromium spreadsheets hugo ## run all tests: the JavaScript unit tests, then pytest (browser tests included)
	node --test tests/js/
	$(BIN)/python -m pytest

# --- Accessibility and the phone budget (issue 6). Lighthouse is pinned in its own folder and
# installed only here, never by `make test` or CI.
LIGHTHOUSE_STAMP := scripts/lighthouse/node_modules/.installed
.PHONY: lighthouse budget

$(LIGHTHOUSE_STAMP): scripts/lighthouse/package.json scripts/lighthouse/package-lock.json
	npm ci --prefix scripts/lighthouse --no-audit --no-fund --loglevel=error
	@touch $@

lighthouse: html chromium $(LIGHTHOUSE_STAMP) ## Lighthouse scores (mobile) of the home, search and an offer page
	$(BIN)/python scripts/lighthouse/run.py --site $(OUTPUT)

budget: html chromium ## what a phone downloads per page type (raw and gzip), and layout shift
	$(BIN)/python scripts/bench_pages.py --site $(OUTPUT) --layout-shift

clean: ## remove output/, caches and the virtual environment
	rm -rf $(OUTPUT) $(VENV) node_modules .pytest_cache __pycache__ */__pycache__ *.egg-info .cache/build

# --- Contributing (issue 5): a new offer, editor schemas, CODEOWNERS, checking a change, the published build ---
BASE ?= origin/main
AUTHOR ?=
SITEURL ?=
.PHONY: install new schemas codeowners changed pages

install: $(STAMP) ## set up .venv with the pinned packages (the workflows start here)

new: $(STAMP) ## make a new offer file: asks a few questions (or give options: ARGS="--title ...")
	@$(BIN)/python -m aanbod new --content $(CONTENT) $(ARGS)

schemas: $(STAMP) ## write the editor JSON Schemas in schema/editor/ from schema/
	@$(BIN)/python -m aanbod schemas

codeowners: $(STAMP) ## write .github/CODEOWNERS from the maintainers in content/providers/
	@$(BIN)/python -m aanbod codeowners --content $(CONTENT)

changed: $(STAMP) ## check only what changed since BASE (origin/main), as a pull request is checked; AUTHOR=login checks ownership too
	@git rev-parse --verify --quiet "$(BASE)" >/dev/null || { echo "BASE=$(BASE) bestaat niet in git. Kies een andere, bijvoorbeeld: make changed BASE=main"; exit 2; }
	@list=$$(mktemp) && { git diff --name-only --no-renames $(BASE) -- && git ls-files --others --exclude-standard; } | sort -u > $$list && \
	$(BIN)/python -m aanbod validate --content $(CONTENT) --changed-list $$list && \
	{ [ -z "$(AUTHOR)" ] || $(BIN)/python -m aanbod owners --content $(CONTENT) --author "$(AUTHOR)" --changed-list $$list; }; \
	status=$$?; rm -f $$list; exit $$status

pages: $(STAMP) $(NODE_STAMP) ## build the site for publishing at SITEURL, as the GitHub Pages workflow does
	$(BIN)/pelican $(CONTENT) --settings pelicanconf.py --output $(OUTPUT) --delete-output-directory --fatal errors \
		--extra-settings SITEURL='"$(SITEURL)"' AANBOD_PUBLIC_URL='"$(SITEURL)"'

# --- Performance (issue 10): our whole build against Hugo + Pagefind on the same synthetic offers.
# Debian's hugo is installed here, never by hand; CI and `make test` need it for the benchmark's own test.
OFFERS ?= 1000 10000
REPEAT ?= 1
.PHONY: hugo bench

hugo: ## install Debian's hugo for the benchmark, if missing
	@command -v hugo >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo >/dev/null; }

bench: $(STAMP) $(NODE_STAMP) hugo ## time the whole build against Hugo + Pagefind, and a rebuild after one changed offer (OFFERS="1000 10000", REPEAT=1); see docs/performance.md
	$(BIN)/python scripts/bench.py --offers $(OFFERS) --repeat $(REPEAT) --rebuild
