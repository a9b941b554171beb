# Two commands for a fresh machine (Python 3.11 or 3.12 as python3):
#   make lab    installs the course into .venv and opens it in JupyterLab
#   make test   installs the course and its test tools into .venv and runs every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

# The course's arrays are small: one BLAS thread is faster than two fighting over 2 cores
# (notebook 10 runs 3-7x faster), and results do not depend on it.
export OPENBLAS_NUM_THREADS ?= 1
export OMP_NUM_THREADS ?= 1

.PHONY: lab test

lab: $(VENV)/.course
	$(BIN)/jupyter lab notebooks/00_start_here.ipynb

test: $(VENV)/.tests
	bash scripts/ensure-chromium
	$(BIN)/python -m pytest

$(VENV)/.course: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -e .
	touch $@

$(VENV)/.tests: $(VENV)/.course requirements-test.txt
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@
