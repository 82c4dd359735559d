# packgen: the two set-up commands are `make demo` and `make test` (see README.md).
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install runtime-deps system-deps bench clean

## demo: install packgen in a virtual environment and run the example hub end to end into ./out
demo: $(STAMP) runtime-deps
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

## runtime-deps: fonts and Pango for the PDF reports, from Debian's packages (needs root or sudo)
runtime-deps:
	bash .ci/install-system-deps --runtime

## system-deps: the above, with LibreOffice headless and poppler for the tests
system-deps:
	bash .ci/install-system-deps

## bench: the speed benchmarks (figures for issue notes; nothing is asserted)
bench: $(STAMP) runtime-deps
	@for script in benchmarks/*.py; do $(BIN)/python "$$script" || exit 1; done

clean:
	rm -rf $(VENV) out build dist .pytest_cache
