# packgen: the two set-up commands are `make demo` and `make test` (see README.md).
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-latest lock install runtime-deps system-deps bench clean

## demo: install packgen in a virtual environment and run the example hub end to end into ./out
demo: $(STAMP) runtime-deps
	$(BIN)/packgen demo -o out

## test: install packgen, its test tools and LibreOffice, then run the whole test suite
test: $(STAMP) system-deps
	$(BIN)/pytest

install: $(STAMP)

# The versions installed are the ones pinned in constraints.txt (made by `make lock`), so a new
# release of a dependency cannot change a fresh install unnoticed; `make test-latest` tries the newest.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip -c constraints.txt
	$(BIN)/python -m pip install --quiet -e '.[test]' -c constraints.txt
	touch $(STAMP)

## test-latest: the test suite against the newest release of every dependency (in .venv-latest)
test-latest: system-deps
	rm -rf .venv-latest
	$(PYTHON) -m venv .venv-latest
	.venv-latest/bin/python -m pip install --quiet --upgrade pip
	.venv-latest/bin/python -m pip install --quiet --upgrade -e '.[test]'
	.venv-latest/bin/pytest

## lock: pin in constraints.txt the newest versions that pyproject.toml allows (then run make test)
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet -e '.[test]'
	{ echo "# Made by 'make lock' from pyproject.toml: the versions 'make demo' and 'make test' install."; \
	  .venv-lock/bin/python -m pip freeze --all --exclude-editable | grep -v '^packgen'; } > constraints.txt
	rm -rf .venv-lock

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
	rm -rf $(VENV) .venv-latest .venv-lock out build dist .pytest_cache
