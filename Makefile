# The kit's two commands: `make serve` (the main job) and `make test`. See README.md.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LINKED := $(VENV)/share/jupyter/labextensions/ickit-charts

.PHONY: serve test lab bench browser labextension

## serve: set up (first run only) and start the kit
serve: $(VENV)/.installed $(LINKED)
	$(BIN)/ickit serve $(ARGS)

## test: set up with test tools, install Debian's chromium and postgresql where possible, run every test
test: $(VENV)/.installed-test $(LINKED) browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## lab: JupyterLab on the learner notebooks
lab: $(VENV)/.installed $(LINKED)
	$(BIN)/jupyter lab notebooks/

## bench: the speed and memory benchmarks (print a table)
bench: $(VENV)/.installed-test $(LINKED) browser
	$(BIN)/python bench/run.py $(ARGS)

## labextension: rebuild the chart widget's front end from widgets/labextension (needs Node.js
## and npm; the built files in widgets/ickit/share/labextensions are committed, so only after a change)
LABEXT := widgets/labextension
labextension: $(VENV)/.installed
	cd $(LABEXT) && npm ci --no-audit --no-fund && PATH="$(CURDIR)/$(BIN):$$PATH" jupyter-builder build .
	$(BIN)/python $(LABEXT)/fingerprint.py > widgets/ickit/share/labextensions/ickit-charts/sources.sha256

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit("the kit needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $@ $(VENV)/.installed

# the chart widget's front end (widgets/ickit/share/labextensions/ickit-charts), linked into the
# environment for JupyterLab: an editable install leaves it out
$(LINKED): | $(VENV)/.installed
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/jupyter labextension develop --overwrite .

## the Debian packages the tests use: Chromium (browser tests, PNG export), pango (PDFs) and
## PostgreSQL (workshop rooms shared by several servers; the tests start their own server)
DEBIAN_PACKAGES := chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core postgresql
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! $(PYTHON) -c 'import ctypes.util, sys; sys.exit(not ctypes.util.find_library("pangoft2-1.0"))'; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(DEBIAN_PACKAGES); \
	  else \
	    echo "note: missing Debian packages (sudo apt-get install $(DEBIAN_PACKAGES)); without them the browser and PostgreSQL tests are skipped and the PDF tests fail"; \
	  fi; \
	fi
