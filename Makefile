# Two commands on a fresh machine (Python >= 3.11, pip, make):
#   make demo   load the demo article into a fresh embedded store, validate it, print every stored query
#   make test   ruff, mypy and pytest, in a .venv with the test extras
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STORE  := .demo-store
DEMO   := demo/kazan-drone-attack.id.json

.PHONY: demo test lint typecheck pytest install clean docs bench bench-queries eval services

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs the project itself (not editable), so the tests run against the package as shipped,
# package data included. Re-run on every call: it takes seconds once the dependencies are cached.
install: $(BIN)/python
	$(BIN)/python -m pip install --quiet ".[test]"

demo: $(BIN)/python
	$(BIN)/python -m pip install --quiet .
	rm -rf $(STORE)
	$(BIN)/conflictkg load --store $(STORE) $(DEMO)
	$(BIN)/conflictkg validate --store $(STORE)
	$(BIN)/conflictkg query --all --store $(STORE) --width 48

lint: install
	$(BIN)/ruff check src graph loaders ontology shapes queries tests benchmarks

# mypy cannot follow setuptools' package-dir mapping, so it checks a tree of links that has the
# installed layout (conflictkg/graph -> graph/, ...).
typecheck: install
	rm -rf build/typecheck && mkdir -p build/typecheck/conflictkg
	for f in src/conflictkg/*.py src/conflictkg/py.typed; do ln -s ../../../$$f build/typecheck/conflictkg/; done
	for d in graph loaders ontology shapes queries; do ln -s ../../../$$d build/typecheck/conflictkg/$$d; done
	cd build/typecheck && ../../$(BIN)/mypy -p conflictkg

# Virtuoso and Chromium for the endpoint and browser tests (Debian packages, installed when absent).
services:
	bash tools/install-test-services.sh

pytest: install services
	$(BIN)/pytest -q

test: lint typecheck pytest

# the dev set (tuning data), then the three held-out sets written blind (tests/heldout*/README.md)
eval: install
	$(BIN)/conflictkg evaluate tests/gold --articles ../shared/articles
	for s in heldout heldout-b heldout-c; do echo "== held-out $$s"; \
	  $(BIN)/conflictkg evaluate tests/$$s/gold --articles tests/$$s/articles --no-errors || exit 2; done

docs: install
	$(BIN)/python -m conflictkg.docs docs/html

# about 8 minutes; bench-queries (stores of 1M and 8.7M quads) about 15 more
bench: install
	$(BIN)/python -m pip install --quiet ".[bench]" || echo "reasonable not installed: bench.py skips it"
	cd benchmarks && ../$(BIN)/python seed.py && ../$(BIN)/python inference.py && ../$(BIN)/python bench.py

bench-queries: install
	cd benchmarks && ../$(BIN)/python queries_scale.py --no-rdflib --copies 0 15 160 --repeat 1

clean:
	rm -rf $(VENV) $(STORE) build dist *.egg-info
