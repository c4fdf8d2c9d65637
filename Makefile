# Two entry points for a fresh machine: `make run` and `make test`. Both create .venv and install
# what they need, idempotently (the stamp file is rebuilt only when pyproject.toml changes).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export FAULTLINE_CACHE_DIR ?= $(CURDIR)/.cache/faultline

.PHONY: install run test lint evaluate benchmark clean

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

# pytest exits 5 when it collects no test; make treats that (like any non-zero status) as a failure.
test: install
	$(VENV)/bin/ruff check faultline tests scripts benchmarks
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check faultline tests scripts benchmarks

evaluate: install
	$(VENV)/bin/faultline evaluate

benchmark: install
	$(PY) benchmarks/throughput.py

clean:
	rm -rf out .pytest_cache .hypothesis
