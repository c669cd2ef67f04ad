# bilat-search: `make run` serves the web page, `make test` runs every test.
# `make run` installs only what running needs; the test tools (pytest, hypothesis,
# Playwright, ruff, ir-measures: the `test` extra) come with `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
INDEX_DIR ?= index
PORT ?= 8000

.PHONY: run test install lint bench clean

# The package and its dependencies. PyICU builds against the system ICU.
$(RUN_STAMP): pyproject.toml
	@command -v g++ >/dev/null && command -v pkg-config >/dev/null && pkg-config --exists icu-uc || { \
	  echo "PyICU needs the system ICU: apt-get install pkg-config libicu-dev g++"; \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq pkg-config libicu-dev g++; else exit 1; fi; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -e .
	touch $@

# The same, with the test tools.
$(TEST_STAMP): $(RUN_STAMP)
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

install: $(RUN_STAMP)

run: $(RUN_STAMP)
	$(BIN)/bilat-search serve --index-dir $(INDEX_DIR) --port $(PORT)

test: $(TEST_STAMP)
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq chromium; \
	  else echo "browser tests need Debian's chromium (apt-get install chromium): they will be skipped"; fi; }
	$(BIN)/ruff check src tests scripts
	$(BIN)/python -m pytest -q $(PYTEST_ARGS); status=$$?; \
	  if [ $$status -eq 5 ]; then echo "no tests collected"; exit 0; fi; exit $$status

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests scripts

bench: $(RUN_STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info
