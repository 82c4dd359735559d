# packgen: the two set-up commands are `make demo` and `make test` (see README.md).
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install system-deps bench clean

## demo: install packgen in a virtual environment and build the example hub's pack into ./out
demo: $(STAMP)
	$(BIN)/packgen demo -o out

## test: install packgen, its test tools and LibreOffice, then run the whole test suite
test: $(STAMP) system-deps
	$(BIN)/pytest

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## system-deps: LibreOffice headless, poppler and fonts, from Debian's packages (needs root or sudo)
system-deps:
	bash .ci/install-system-deps

bench: $(STAMP)
	@for script in benchmarks/*.py; do [ -e "$$script" ] && $(BIN)/python "$$script"; done; true

clean:
	rm -rf $(VENV) out build dist .pytest_cache
