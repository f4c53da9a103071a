# Two commands on a fresh machine with only Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HASH := $(shell $(PYTHON) -c "import hashlib;print(hashlib.sha256(open('pyproject.toml','rb').read()).hexdigest()[:16])")
RUN_STAMP := $(VENV)/.stamp-run-$(HASH)
TEST_STAMP := $(VENV)/.stamp-test-$(HASH)
PYTEST_ARGS ?=

.PHONY: run test lint bench clean dist wheelhouse

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	rm -f $(VENV)/.stamp-run-*
	touch $@

$(TEST_STAMP): | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.stamp-test-* $(VENV)/.stamp-run-*
	touch $@ $(RUN_STAMP)

run: $(RUN_STAMP)
	$(BIN)/workstation

test: $(TEST_STAMP)
	$(BIN)/ruff check workstation tests build
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(TEST_STAMP)
	$(BIN)/ruff check workstation tests build

BENCH_VENV := .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.stamp-bench-$(HASH)

$(BENCH_STAMP):
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet -e '.[test,convert]'
	rm -f $(BENCH_VENV)/.stamp-bench-*
	touch $@

# Benchmarks against peers (PyTorch/Transformers, textlint from npm); not part of `make test`.
bench: $(BENCH_STAMP)
	QT_QPA_PLATFORM=offscreen $(BENCH_VENV)/bin/python -m tests.benchmarks.run_all

# Packaging (see README "Packaging"): a one-folder application, and an offline wheelhouse for Linux and Windows.
dist: $(RUN_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[package]'
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/work/pyinstaller build/workstation.spec
	build/smoke_test.sh dist/workstation
	$(BIN)/python build/size_report.py dist/workstation

wheelhouse: $(RUN_STAMP)
	$(BIN)/python build/wheelhouse.py --out dist/wheelhouse

clean:
	rm -rf $(VENV) $(BENCH_VENV) .pytest_cache .ruff_cache .hypothesis
