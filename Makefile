# bilat-search: `make run` serves the web page, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
INDEX_DIR ?= index
PORT ?= 8000

.PHONY: run test install lint bench clean

$(STAMP): pyproject.toml
	@command -v g++ >/dev/null && command -v pkg-config >/dev/null && pkg-config --exists icu-uc || { \
	  echo "PyICU needs the system ICU: apt-get install pkg-config libicu-dev g++"; \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq pkg-config libicu-dev g++; else exit 1; fi; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/bilat-search serve --index-dir $(INDEX_DIR) --port $(PORT)

test: $(STAMP)
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq chromium; \
	  else echo "browser tests need Debian's chromium (apt-get install chromium): they will be skipped"; fi; }
	$(BIN)/ruff check src tests scripts
	$(BIN)/python -m pytest -q $(PYTEST_ARGS); status=$$?; \
	  if [ $$status -eq 5 ]; then echo "no tests collected"; exit 0; fi; exit $$status

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info
