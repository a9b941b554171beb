# Two commands for a fresh machine (Python 3.11 or 3.12 as python3):
#   make lab    installs the course into .venv and opens it in JupyterLab
#   make test   installs the course and its test tools into .venv and runs every test
# and three for instructors:
#   make site             builds the course website into site/ (Sphinx + MyST-NB; needs
#                         Node.js and npm for the pages' JavaScript); with
#                         COURSE_JUPYTERHUB_URL=https://your.hub make site, every notebook
#                         page also gets a launch button for your class's JupyterHub
#   make notebook NB=03_l2  updates notebooks/03_l2.ipynb from notebooks_src/03_l2.py
#                           (jupytext, outputs kept), then re-runs it in place
#   make links            rewrites the Binder and Colab links in README.md and notebook 0
#                         from [project.urls] Repository in pyproject.toml
#   make test-torch       adds PyTorch (CPU) to .venv and runs the tests that compare with it
#   make test-min         runs the notebooks and unit tests with the oldest versions
#                         requirements.txt allows, in .venv-min (make test runs it too)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

# The course's arrays are small: one BLAS thread is faster than two fighting over 2 cores
# (notebook 10 runs 3-7x faster), and results do not depend on it.
export OPENBLAS_NUM_THREADS ?= 1
export OMP_NUM_THREADS ?= 1

# Containers and cloud VMs run as root, and Jupyter refuses root without this flag.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: lab test test-min test-torch site notebook links

lab: $(VENV)/.course
	$(BIN)/jupyter lab $(ALLOW_ROOT) notebooks/00_start_here.ipynb

# Lint first (ruff, configured in pyproject.toml; it takes a second), then build the site,
# which executes every notebook once (two at a time) and keeps the executed copies in
# build/executed: tests/test_outputs.py checks their outputs, tests/test_site.py and
# tests/test_browser.py the site and the panels. make test-min runs beside those tests (the
# browser tests leave a core mostly idle, waiting on Chromium); its report is printed after
# theirs, and make test fails if either fails.
test: $(VENV)/.tests node_modules/.installed
	$(BIN)/ruff check .
	bash scripts/ensure-chromium
	rm -rf build/executed
	$(BIN)/python scripts/build_site.py --out site --executed build/executed
	mkdir -p build; $(MAKE) test-min > build/test-min.log 2>&1 & low=$$!; \
	$(BIN)/python -m pytest -n 2 --dist loadgroup; main=$$?; \
	wait $$low; min=$$?; \
	echo "=== make test-min (the oldest versions requirements.txt allows), run beside the above:"; \
	cat build/test-min.log; \
	test $$main -eq 0 && test $$min -eq 0

# The lower bounds in requirements.txt, tested: .venv-min holds exactly the oldest version
# each bound allows (scripts/min_requirements.py pins every name>=X to name==X) and the test
# tools, and runs nbval on every notebook plus the unit tests and doctests that need no
# browser, built site or docstring linter (this is the one second run of each notebook,
# on other versions); not tests/test_setup.py, which runs this Makefile's recipes, whose
# tools are .venv's, nor the checks of the repository's own files that run no course code
# (links, Binder files, the course's budgets, these pins), which make test runs once. It
# is rebuilt from scratch whenever a requirements file changes.
MIN       := .venv-min
MIN_TOOLS := pytest pytest-xdist nbval nbclient hypothesis
test-min: $(MIN)/.installed
	$(MIN)/bin/python -m pytest -n 2 --dist loadfile lessons_lib tests notebooks \
		--nbval-lax --nbval-sanitize-with tests/sanitize.cfg --nbval-cell-timeout=300 \
		--ignore=tests/test_browser.py --ignore=tests/test_controls_browser.py --ignore=tests/test_site.py \
		--ignore=tests/test_outputs.py --ignore=tests/test_docs.py --ignore=tests/test_setup.py \
		--ignore=tests/test_links.py --ignore=tests/test_binder.py --ignore=tests/test_course.py \
		--ignore=tests/test_min_requirements.py

# PyTorch is optional (the course runs without it). This installs the CPU build pinned here
# (a bare `torch` would pull a multi-GB CUDA build) and runs every test that uses it: the
# live torch.optim comparisons and the notebooks' optional torch cells. A CI job can run
# `make test-torch` after `make test`.
TORCH ?= torch==2.13.0
test-torch: $(VENV)/.tests
	$(BIN)/python -m pip install --quiet "$(TORCH)"
	$(BIN)/python -m pytest -p no:cacheprovider -k "torch" tests

site: $(VENV)/.site node_modules/.installed
	$(BIN)/python scripts/build_site.py --out site

# The script is the source (paired in jupytext.toml): --update keeps the notebook's outputs
# and cell ids. The script is then rewritten as jupytext writes it (same cells; only the
# cell headers' spelling may change), so JupyterLab opens the pair once the executed .ipynb
# is newer (tests/test_pairs.py). Executing stores outputs but not widget state (the site
# stores its own).
notebook: $(VENV)/.course
	@test -n "$(NB)" || { echo 'usage: make notebook NB=NN_name (or NB="03_l2 09_classic_ml")'; exit 2; }
	for nb in $(NB); do \
		$(BIN)/jupytext --update --to ipynb --output notebooks/$$nb.ipynb notebooks_src/$$nb.py && \
		$(BIN)/jupytext --quiet --to py:percent --output notebooks_src/$$nb.py notebooks/$$nb.ipynb && \
		$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
			--ExecutePreprocessor.timeout=600 --ExecutePreprocessor.store_widget_state=False \
			notebooks/$$nb.ipynb || exit 1; \
	done

# The repository's URL is set once, in pyproject.toml; scripts/links.py --check lists stale links.
links: $(VENV)/.course
	$(BIN)/python scripts/links.py --write

$(VENV)/.course: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -e .
	touch $@

# The site engine (Sphinx, MyST-NB, sphinx-book-theme): for make site, and make test builds it.
$(VENV)/.site: $(VENV)/.course requirements-site.txt
	$(BIN)/python -m pip install --quiet -r requirements-site.txt
	touch $@

$(VENV)/.tests: $(VENV)/.site requirements-test.txt
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@

$(MIN)/.installed: requirements.txt requirements-test.txt pyproject.toml scripts/min_requirements.py
	rm -rf $(MIN)
	$(PYTHON) -m venv $(MIN)
	$(MIN)/bin/python scripts/min_requirements.py --tools $(MIN_TOOLS) > $(MIN)/requirements.txt
	$(MIN)/bin/python -m pip install --quiet --upgrade pip
	$(MIN)/bin/python -m pip install --quiet -r $(MIN)/requirements.txt
	$(MIN)/bin/python -m pip install --quiet --no-deps -e .
	$(MIN)/bin/python -m pip list --format=freeze > $(MIN)/installed.txt
	touch $@

# The JavaScript the site's pages load, from the npm registry (versions in package-lock.json).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@
