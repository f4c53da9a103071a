# Two commands on a fresh machine with only Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HASH := $(shell $(PYTHON) -c "import hashlib;print(hashlib.sha256(open('pyproject.toml','rb').read()).hexdigest()[:16])")
RUN_STAMP := $(VENV)/.stamp-run-$(HASH)
TEST_STAMP := $(VENV)/.stamp-test-$(HASH)
PYTEST_ARGS ?=

.PHONY: run test lint clean

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

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
