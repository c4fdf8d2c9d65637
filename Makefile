# Two entry points for a fresh machine: `make run` and `make test`. Both create .venv and install
# what they need, idempotently (the stamp file is rebuilt only when pyproject.toml changes).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export FAULTLINE_CACHE_DIR ?= $(CURDIR)/.cache/faultline

.PHONY: install postgres run test lint evaluate benchmark clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

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

# The tests run against SQLite and against a real PostgreSQL server started on loopback for the run
# and stopped after it. pytest exits 5 when it collects no test; make treats that (like any non-zero
# status) as a failure.
test: install postgres
	$(VENV)/bin/ruff check faultline tests scripts benchmarks
	@scripts/pg.sh stop >/dev/null 2>&1 || true
	@eval "$$(scripts/pg.sh start)" && $(PY) -m pytest -q; status=$$?; scripts/pg.sh stop; exit $$status

lint: install
	$(VENV)/bin/ruff check faultline tests scripts benchmarks

evaluate: install
	$(VENV)/bin/faultline evaluate

benchmark: install
	$(PY) benchmarks/throughput.py

clean:
	rm -rf out .pytest_cache .hypothesis
