# Two entry points for a fresh machine: `make run` and `make test`. Both create .venv and install
# what they need, idempotently (the stamp file is rebuilt only when pyproject.toml changes).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export FAULTLINE_CACHE_DIR ?= $(CURDIR)/.cache/faultline

ASSETS := faultline/web/static/vendor/.installed

.PHONY: install assets postgres chromium run test lint evaluate benchmark clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The map's files (leaflet, markercluster, topojson-client, world-atlas, swagger-ui) from the npm
# registry, pinned by package-lock.json, copied into faultline/web/static/vendor/ (ignored by git)
# for `faultline serve` to serve itself. npm runs no package script. Debian's nodejs+npm are
# installed once when npm is missing (needs root, as CI is).
$(ASSETS): package.json package-lock.json $(STAMP)
	@command -v npm >/dev/null 2>&1 || { \
		echo "installing Debian's nodejs and npm (once)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	$(PY) -m faultline.web.assets node_modules
	touch $@

assets: $(ASSETS)

install: $(STAMP) $(ASSETS)

run: install
	@mkdir -p out
	$(VENV)/bin/faultline extract --summary --published 2023-11-16 --format jsonl \
		-o out/example.jsonl examples/article.txt
	@echo "wrote out/example.jsonl"

# PostgreSQL's server for the store tests: Debian's package, installed once (needs root, as CI is).
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
		echo "installing Debian's postgresql (once)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }

# Headless Chromium for the web view's browser test: Debian's package, installed once (needs root).
chromium:
	@test -x /usr/bin/chromium || { \
		echo "installing Debian's chromium (once)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The tests run against SQLite and against a real PostgreSQL server started on loopback for the run
# and stopped after it. pytest exits 5 when it collects no test; make treats that (like any non-zero
# status) as a failure.
# Under `make test` the browser test must run (FAULTLINE_REQUIRE_BROWSER): it never skips.
test: export FAULTLINE_REQUIRE_BROWSER = 1
test: install postgres chromium
	$(VENV)/bin/ruff check --no-cache faultline tests scripts benchmarks
	@scripts/pg.sh stop >/dev/null 2>&1 || true
	@eval "$$(scripts/pg.sh start)" && $(PY) -m pytest -q; status=$$?; scripts/pg.sh stop; exit $$status

lint: install
	$(VENV)/bin/ruff check --no-cache faultline tests scripts benchmarks

evaluate: install
	$(VENV)/bin/faultline evaluate

benchmark: install
	$(PY) benchmarks/throughput.py

clean:
	rm -rf out .pytest_cache .hypothesis
