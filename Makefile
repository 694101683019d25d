# discreteconv — set-up and checks. Needs only Python >= 3.11 and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint docs bench bench-symbolic bench-numeric clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# One stamp per install flavour, rebuilt when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,flint]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-docs: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[docs]'
	touch $@

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/python examples/tour.py

test: $(VENV)/.installed-test
	$(BIN)/python -m ruff check discreteconv tests examples benchmarks
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed-test
	$(BIN)/python -m ruff check discreteconv tests examples benchmarks

docs: $(VENV)/.installed-docs
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m mkdocs build --strict

bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/exact.py
	$(BIN)/python benchmarks/dice.py

bench-symbolic: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/symbolic.py

bench-numeric: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/numeric.py
	$(BIN)/python benchmarks/float_accuracy.py

clean:
	rm -rf $(VENV) site build *.egg-info
