# PA Books: `make run` opens the app, `make test` runs every check. Needs only python3 (3.11+) and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
STAMP_BUNDLE := $(VENV)/.installed-bundle

.PHONY: run test selftest bench bundle mutate clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "PA Books needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(STAMP_RUN)

$(STAMP_BUNDLE): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bundle]'
	@touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/pabooks $(FILE)

test: $(STAMP_TEST)
	$(BIN)/ruff check app tests benchmarks
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen PABOOKS_CHECK_CONTROLS=1 $(BIN)/python -m pytest

selftest: $(STAMP_RUN)
	$(BIN)/pabooks selftest

bench: $(STAMP_TEST)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/timesheets.py
	$(BIN)/python benchmarks/import_shifts.py
	$(BIN)/python benchmarks/pay_runs.py
	$(BIN)/python benchmarks/money.py
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/window.py

# Mutation testing of app/core, app/payroll and app/timesheets (about an hour; not part of `make test`).
mutate: $(STAMP_TEST)
	$(BIN)/python benchmarks/mutate.py $(MUTATE_ARGS)

# The Linux bundle (PyInstaller one-folder app in a tarball with its menu entry), smoke-tested when built.
bundle: $(STAMP_BUNDLE)
	PYTHON=$(BIN)/python sh installers/linux/build.sh

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info
