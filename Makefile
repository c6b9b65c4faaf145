# Two commands set everything up on a fresh machine: `make run` and `make test`.
# Each creates .venv from the package index when it is missing.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXAMPLE := records/examples/baoshan-emergency-2023

.PHONY: run test lint bench clean

$(BIN)/tui: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# The editor opens a working copy of the example under build/, so the shipped
# example (which the tests compare against) stays as it is. The copy sits as
# deep as the original, so its "#:schema ../../../schema/…" lines (which TOML
# editors follow to the schema) still find it.
WORKCOPY := build/examples/$(notdir $(EXAMPLE))

run: $(BIN)/tui
	@test -d $(WORKCOPY) || { mkdir -p $(dir $(WORKCOPY)) && cp -r $(EXAMPLE) $(dir $(WORKCOPY)); }
	$(BIN)/tui edit $(WORKCOPY)

test: $(BIN)/tui
	$(BIN)/python -m pytest -n auto -q

lint: $(BIN)/tui
	$(BIN)/lint-imports

bench: $(BIN)/tui
	for script in tests/benchmarks/bench_*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info
