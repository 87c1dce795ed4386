"""Fixtures for the deploy checks: where the tools are, the rendered Kubernetes overlays, and real
processes (the gateway, Prometheus) on loopback.

The tools come from ``deploy/tools/install.sh``: promtool and prometheus (Debian package), kubectl
(on the machine), and hadolint, kubernetes-validate, docker-compose and the Prometheus Operator models
in ``.venv-deploy``. A missing tool skips its tests with the reason locally and fails them under CI
(``CI=true``), so a CI machine that lost a tool cannot pass by running nothing.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
DEPLOY_DIR = REPO_ROOT / "deploy"
DEPLOY_VENV = Path(os.environ.get("INTENT_ROUTER_DEPLOY_VENV", REPO_ROOT / ".venv-deploy"))
OVERLAYS = ("dev", "prod")
INSTALL_HINT = "bash deploy/tools/install.sh"


def tool_missing(reason: str) -> None:
    """Fail under CI, skip elsewhere: a developer without the tools still gets the other checks."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true, so this is a failure: run `{INSTALL_HINT}` first)")
    pytest.skip(f"{reason}; install with `{INSTALL_HINT}`")


def find_tool(name: str) -> Path:
    """The tool's path from .venv-deploy/bin, else from PATH; fails or skips when neither has it."""
    candidate = DEPLOY_VENV / "bin" / name
    if candidate.is_file() and os.access(candidate, os.X_OK):
        return candidate
    found = shutil.which(name)
    if found is None:
        tool_missing(f"{name} not found in {DEPLOY_VENV / 'bin'} or on PATH")
    return Path(str(found))


def run_tool(
    *argv: str | Path, cwd: Path = REPO_ROOT, timeout_s: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run a command to completion and return it (stdout and stderr as text); never raises on rc."""
    return subprocess.run(
        [str(a) for a in argv], cwd=cwd, capture_output=True, text=True, timeout=timeout_s, check=False
    )


@pytest.fixture(scope="session")
def run() -> Callable[..., subprocess.CompletedProcess[str]]:
    """`run(*argv, cwd=REPO_ROOT, timeout_s=60)`: run a command to completion, output as text."""
    return run_tool


@pytest.fixture(scope="session")
def promtool() -> Path:
    return find_tool("promtool")


@pytest.fixture(scope="session")
def missing_tool() -> Callable[[str], None]:
    """`missing_tool(reason)`: fail under CI, skip elsewhere (for tools found missing mid-test)."""
    return tool_missing


@pytest.fixture(scope="session")
def prometheus_bin() -> Path:
    return find_tool("prometheus")


@pytest.fixture(scope="session")
def kubernetes_validate_bin() -> Path:
    return find_tool("kubernetes-validate")


@pytest.fixture(scope="session")
def hadolint() -> Path:
    return find_tool("hadolint")


@pytest.fixture(scope="session")
def shellcheck() -> Path:
    return find_tool("shellcheck")


@pytest.fixture(scope="session")
def compose() -> Path:
    """The static Compose binary (standalone `docker-compose`, the same code as `docker compose`)."""
    return find_tool("docker-compose")


@pytest.fixture(scope="session")
def kubectl() -> Path:
    return find_tool("kubectl")


@pytest.fixture(scope="session")
def deploy_python() -> Path:
    """The interpreter of .venv-deploy, which holds the Prometheus Operator pydantic models."""
    python = DEPLOY_VENV / "bin" / "python"
    if not python.is_file():
        tool_missing(f"{python} not found")
    return python


@dataclass(frozen=True, slots=True)
class RenderedOverlay:
    """One overlay as `kubectl kustomize` renders it: the YAML file and its parsed documents."""

    name: str
    path: Path
    docs: tuple[dict[str, Any], ...]

    def of_kind(self, kind: str) -> list[dict[str, Any]]:
        return [d for d in self.docs if d["kind"] == kind]

    def named(self, kind: str, name: str) -> dict[str, Any] | None:
        return next((d for d in self.of_kind(kind) if d["metadata"]["name"] == name), None)


@pytest.fixture(scope="session")
def rendered(kubectl: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, RenderedOverlay]:
    """Every overlay rendered once per session (kustomize errors fail here, naming the overlay)."""
    out_dir = tmp_path_factory.mktemp("kustomize")
    overlays: dict[str, RenderedOverlay] = {}
    for name in OVERLAYS:
        result = run_tool(kubectl, "kustomize", DEPLOY_DIR / "k8s" / "overlays" / name)
        assert result.returncode == 0, f"kubectl kustomize overlays/{name} failed:\n{result.stderr}"
        path = out_dir / f"{name}.yaml"
        path.write_text(result.stdout, encoding="utf-8")
        docs = tuple(d for d in yaml.safe_load_all(result.stdout) if d)
        overlays[name] = RenderedOverlay(name=name, path=path, docs=docs)
    return overlays


def free_port() -> int:
    """A TCP port nothing listens on right now, on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(
    ready: Callable[[], bool], *, proc: subprocess.Popen[bytes], timeout_s: float, what: str, log: Path
) -> None:
    """Poll `ready` against a deadline. The pause between polls is a wait on the process itself, so
    a process that dies is reported at once, with the tail of its log, instead of at the deadline."""
    deadline = time.monotonic() + timeout_s
    while not ready():
        try:
            proc.wait(timeout=0.1)
        except subprocess.TimeoutExpired:
            if time.monotonic() > deadline:
                raise AssertionError(f"{what} not ready in {timeout_s:.0f} s:\n{_tail(log)}") from None
            continue
        raise AssertionError(f"{what} exited with {proc.returncode}:\n{_tail(log)}")


def _tail(log: Path, chars: int = 3000) -> str:
    return log.read_text(encoding="utf-8", errors="replace")[-chars:] if log.exists() else "(no log)"


@contextmanager
def running(
    argv: list[str], *, env: dict[str, str], cwd: Path, log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """Start `argv` with its output in `log`; terminate it (then kill) on exit."""
    with log.open("wb") as out:
        proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@dataclass(frozen=True, slots=True)
class ProcessTools:
    """Helpers for tests that run real servers; a fixture, since test modules cannot import conftest."""

    free_port: Callable[[], int]
    running: Callable[..., Any]
    wait_until: Callable[..., None]


@pytest.fixture(scope="session")
def processes() -> ProcessTools:
    return ProcessTools(free_port=free_port, running=running, wait_until=wait_until)
