"""deploy/compose.yaml, validated offline with the real Compose binary (`docker compose config`
needs no daemon), and its references to the other deploy files."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
DEPLOY_DIR = REPO_ROOT / "deploy"
COMPOSE_FILE = DEPLOY_DIR / "compose.yaml"
Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def resolved(compose: Path, run: Run) -> dict[str, Any]:
    """The compose model after interpolation and normalisation, as Compose itself resolves it."""
    result = run(compose, "-f", COMPOSE_FILE, "config", "--format", "json", cwd=DEPLOY_DIR)
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def test_compose_file_passes_compose_config_quiet(compose: Path, run: Run) -> None:
    result = run(compose, "-f", COMPOSE_FILE, "config", "-q", cwd=DEPLOY_DIR)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_compose_rejects_an_invalid_file(compose: Path, run: Run, tmp_path: Path) -> None:
    broken = tmp_path / "compose.yaml"
    broken.write_text(
        'services:\n  gateway:\n    image: x\n    healthchek:\n      test: [CMD, "true"]\n', encoding="utf-8"
    )
    assert run(compose, "-f", broken, "config", "-q", cwd=tmp_path).returncode != 0


def test_compose_runs_gateway_vllm_prometheus_and_grafana(resolved: dict[str, Any]) -> None:
    assert set(resolved["services"]) == {"gateway", "vllm", "prometheus", "grafana"}


def test_vllm_gets_a_gpu_and_runs_a_serve_script_from_deploy_vllm(resolved: dict[str, Any]) -> None:
    vllm = resolved["services"]["vllm"]
    devices = vllm["deploy"]["resources"]["reservations"]["devices"]
    assert any("gpu" in d["capabilities"] for d in devices)
    script = Path(vllm["entrypoint"][-1])
    mount = next(v for v in vllm["volumes"] if v["target"] == str(script.parent))
    assert (Path(mount["source"]) / script.name).is_file()


def test_gateway_talks_to_vllm_by_service_name_and_keeps_its_decision_log_on_a_volume(
    resolved: dict[str, Any],
) -> None:
    gateway = resolved["services"]["gateway"]
    env = gateway["environment"]
    assert env["INTENT_ROUTER_VLLM_BASE_URL"].startswith("http://vllm:")
    log_dir = str(Path(env["INTENT_ROUTER_DECISION_LOG"]).parent)
    assert any(v["type"] == "volume" and v["target"] == log_dir for v in gateway["volumes"])


def test_every_file_mounted_from_the_repository_exists(resolved: dict[str, Any]) -> None:
    for name, service in resolved["services"].items():
        for volume in service.get("volumes", []):
            if volume["type"] == "bind" and Path(volume["source"]).is_relative_to(DEPLOY_DIR):
                if Path(volume["source"]).name == "models":
                    continue  # the model weights are the operator's, not the repository's
                assert Path(volume["source"]).exists(), (name, volume["source"])


def test_prometheus_in_compose_loads_the_alert_and_recording_rules(resolved: dict[str, Any]) -> None:
    mounts = {v["target"]: Path(v["source"]) for v in resolved["services"]["prometheus"]["volumes"]}
    assert mounts["/etc/prometheus/rules"] == DEPLOY_DIR / "prometheus" / "rules"
    assert mounts["/etc/prometheus/prometheus.yml"] == DEPLOY_DIR / "prometheus" / "prometheus.yml"
