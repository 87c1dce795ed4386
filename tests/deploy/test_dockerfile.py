"""The gateway image, checked without a Docker engine: hadolint, the shape of the build, the build
context, and — in the integration test — the image's own command and healthcheck run against the
checkout, as the container would run them."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = REPO_ROOT / "Dockerfile"
Run = Callable[..., subprocess.CompletedProcess[str]]


@dataclass
class Stage:
    """One build stage: its FROM line and its instructions, in order, as (INSTRUCTION, arguments)."""

    base: str
    name: str | None
    instructions: list[tuple[str, str]] = field(default_factory=list)

    def args(self, instruction: str) -> list[str]:
        return [arguments for name, arguments in self.instructions if name == instruction]


def parse_dockerfile(text: str) -> list[Stage]:
    """Split a Dockerfile into stages; continuation lines are joined and comments dropped."""
    logical: list[str] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        logical.append(pending + line)
        pending = ""
    stages: list[Stage] = []
    for line in logical:
        instruction, _, arguments = line.partition(" ")
        instruction = instruction.upper()
        if instruction == "FROM":
            words = arguments.split()
            stages.append(Stage(base=words[0], name=words[2] if len(words) > 2 else None))
        elif stages:
            stages[-1].instructions.append((instruction, arguments.strip()))
    return stages


def env_of(stage: Stage) -> dict[str, str]:
    """The ENV values a stage sets (key=value form), with $VAR references to earlier ones expanded."""
    env: dict[str, str] = {}
    for arguments in stage.args("ENV"):
        for pair in shlex.split(arguments):
            key, _, value = pair.partition("=")
            env[key] = value.replace("$PATH", env.get("PATH", "$PATH"))
    return env


def runtime_stage() -> Stage:
    return parse_dockerfile(DOCKERFILE.read_text(encoding="utf-8"))[-1]


def test_dockerfile_passes_hadolint(hadolint: Path, run: Run) -> None:
    result = run(hadolint, "--failure-threshold", "style", DOCKERFILE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_image_is_built_in_stages_on_a_slim_base() -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    stages = parse_dockerfile(text)
    assert len(stages) >= 3
    base = text.split("ARG PYTHON_IMAGE=", 1)[1].split()[0]
    assert "slim" in base
    names = set()
    for stage in stages:
        assert stage.base == "${PYTHON_IMAGE}" or stage.base in names, stage.base
        names.add(stage.name)


def test_embedded_model_is_trained_at_build_time_and_copied_into_the_runtime() -> None:
    stages = parse_dockerfile(DOCKERFILE.read_text(encoding="utf-8"))
    trainer = next(s for s in stages if any("intent-router train embedded" in a for a in s.args("RUN")))
    assert trainer.name is not None
    copies = runtime_stage().args("COPY")
    assert any(f"--from={trainer.name}" in c and "data" in c for c in copies)
    # The train extra (scikit-learn) stays out of the runtime image.
    assert not any("[train]" in a for a in runtime_stage().args("RUN"))


def test_runtime_runs_as_a_numeric_non_root_user() -> None:
    users = runtime_stage().args("USER")
    assert users, "the runtime stage sets no USER"
    uid = users[-1].split(":")[0]
    assert uid.isdigit() and int(uid) != 0


def test_runtime_has_a_healthcheck_on_healthz_and_takes_workers_from_the_environment() -> None:
    stage = runtime_stage()
    assert stage.args("HEALTHCHECK"), "no HEALTHCHECK"
    command = json.loads(stage.args("CMD")[-1])
    assert command[:2] == ["intent-router", "serve"]
    assert "--workers" not in command  # the WORKERS setting decides, so the environment can
    assert "INTENT_ROUTER_WORKERS" in env_of(stage)


def test_build_context_includes_what_the_image_copies_and_nothing_else() -> None:
    rules = [
        line.strip()
        for line in (REPO_ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert rules[0] == "*", "start from an empty context, then re-include"
    included = {rule[1:].rstrip("/") for rule in rules if rule.startswith("!")}
    for stage in parse_dockerfile(DOCKERFILE.read_text(encoding="utf-8")):
        for arguments in stage.args("COPY"):
            if arguments.startswith("--from="):
                continue
            for source in arguments.split()[:-1]:
                assert source.rstrip("/") in included, f"COPY {source} is excluded by .dockerignore"
    assert "data/models/" in rules, "a local model artefact must not leak into the build"


# --- the image's command, run against the checkout --------------------------------------------------


def image_command(port: int) -> list[str]:
    """The runtime CMD with the container's listen address swapped for a loopback port."""
    command = json.loads(runtime_stage().args("CMD")[-1])
    return [part.replace("0.0.0.0", "127.0.0.1").replace("8080", str(port)) for part in command]


def healthcheck_command() -> list[str]:
    arguments = runtime_stage().args("HEALTHCHECK")[-1]
    command = json.loads(arguments.split("CMD", 1)[1])
    # The script sits at its image path; here it is run from the checkout.
    return [sys.executable, str(REPO_ROOT / "deploy" / "docker" / "healthcheck.py"), *command[2:]]


@pytest.mark.integration
def test_image_command_serves_and_its_healthcheck_tracks_it(tmp_path: Path, processes: Any) -> None:
    free_port = processes.free_port
    port = free_port()
    image_env = env_of(runtime_stage())
    env = {
        **os.environ,
        **image_env,
        # The image's paths, mapped onto the checkout: its venv is ours, its volume a temp dir.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "INTENT_ROUTER_DECISION_LOG": str(tmp_path / "decisions.db"),
        "INTENT_ROUTER_FALLBACK_BASE_URL": f"http://127.0.0.1:{free_port()}/v1",
        "HEALTHCHECK_URL": f"http://127.0.0.1:{port}/healthz",
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    log = tmp_path / "gateway.log"

    def healthy() -> bool:
        return (
            subprocess.run(healthcheck_command(), env=env, capture_output=True, check=False).returncode == 0
        )

    with processes.running(image_command(port), env=env, cwd=REPO_ROOT, log=log) as proc:
        processes.wait_until(healthy, proc=proc, timeout_s=60, what="the image command", log=log)
        answer = httpx.post(
            f"http://127.0.0.1:{port}/v1/route", json={"text": "望京附近有两居室吗"}, timeout=10
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["decision"] in {"routed", "fallback"}
    assert not healthy(), "the healthcheck must fail once the gateway is gone"
