"""The Kubernetes manifests: every overlay renders with kustomize, passes kubernetes-validate
--strict against the API schemas, and its Prometheus Operator objects validate against pydantic
models of their CRDs."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
VALIDATE_CRDS = REPO_ROOT / "deploy" / "tools" / "validate_crds.py"
OVERLAYS = ("dev", "prod")
Run = Callable[..., subprocess.CompletedProcess[str]]
Rendered = dict[str, Any]  # overlay name -> conftest.RenderedOverlay
# kubernetes-validate has no schema for CRDs; that warning is expected and those objects are
# checked by validate_crds.py instead. Any other warning is a failure.
UNKNOWN_CRD_WARNING = "Couldn't find schema for kind"


# The oldest Kubernetes the manifests support (the preStop `sleep` action needs 1.30) and the newest
# schema kubernetes-validate ships.
KUBERNETES_VERSIONS = ("1.30.0", "1.37.0")


@pytest.fixture
def validate(run: Run, kubernetes_validate_bin: Path) -> Callable[..., tuple[int, list[str]]]:
    """`validate(path, version=...)`: kubernetes-validate --strict; its exit code and the warnings
    other than unknown CRDs."""
    return lambda path, version=KUBERNETES_VERSIONS[-1]: _kubernetes_validate(
        run, kubernetes_validate_bin, path, version
    )


def _kubernetes_validate(run: Run, binary: Path, path: Path, version: str) -> tuple[int, list[str]]:
    result = run(binary, "--strict", "--kubernetes-version", version, path)
    lines = (result.stdout + result.stderr).splitlines()
    problems = [
        line
        for line in lines
        if not line.startswith("INFO") and UNKNOWN_CRD_WARNING not in line and line.strip()
    ]
    return result.returncode, problems


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
@pytest.mark.parametrize("overlay", OVERLAYS)
def test_overlay_passes_strict_schema_validation(
    overlay: str, version: str, rendered: Rendered, validate: Callable[..., tuple[int, list[str]]]
) -> None:
    code, problems = validate(rendered[overlay].path, version=version)
    assert (code, problems) == (0, [])


def test_schema_validation_rejects_an_unknown_field(
    rendered: Rendered, validate: Callable[..., tuple[int, list[str]]], tmp_path: Path
) -> None:
    # Shows that --strict really bites: a misspelt field in the gateway Deployment is reported.
    deployment = rendered["dev"].named("Deployment", "intent-router")
    assert deployment is not None
    deployment["spec"]["template"]["spec"]["containers"][0]["readinessProbes"] = {}
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(deployment), encoding="utf-8")
    code, problems = validate(path)
    assert code != 0 or problems


@pytest.fixture(scope="module")
def crd_report(
    rendered: Rendered,
    run: Run,
    deploy_python: Path,
    missing_tool: Callable[[str], None],
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, dict[str, list[str]]]:
    """validate_crds.py over both overlays and a deliberately broken ServiceMonitor, in one process
    (importing the models takes seconds). Keys: overlay names and "broken"."""
    monitor = rendered["prod"].named("ServiceMonitor", "intent-router")
    assert monitor is not None
    monitor = json.loads(json.dumps(monitor))
    monitor["spec"]["endpoints"][0]["intervall"] = "15s"
    broken = tmp_path_factory.mktemp("crd") / "broken.yaml"
    broken.write_text(yaml.safe_dump(monitor), encoding="utf-8")
    files = {name: str(rendered[name].path) for name in OVERLAYS} | {"broken": str(broken)}
    result = run(deploy_python, VALIDATE_CRDS, "--json", *files.values())
    if result.returncode == 3:
        missing_tool(result.stderr.strip())
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    return {name: report[path] for name, path in files.items()}


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_prometheus_operator_objects_validate_against_their_models(
    overlay: str, crd_report: dict[str, dict[str, list[str]]]
) -> None:
    assert crd_report[overlay]["problems"] == []
    assert {"ServiceMonitor/intent-router", "ServiceMonitor/vllm", "PrometheusRule/intent-router"} <= set(
        crd_report[overlay]["checked"]
    )


def test_crd_validation_rejects_a_misspelt_field(crd_report: dict[str, dict[str, list[str]]]) -> None:
    assert crd_report["broken"]["problems"] == [
        "ServiceMonitor/intent-router: unknown field .spec.endpoints[0].intervall"
    ]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_overlay_renders_every_component(overlay: str, rendered: Rendered) -> None:
    kinds = {(d["kind"], d["metadata"]["name"]) for d in rendered[overlay].docs}
    expected = {
        ("Deployment", "intent-router"),
        ("Service", "intent-router"),
        ("HorizontalPodAutoscaler", "intent-router"),
        ("PodDisruptionBudget", "intent-router"),
        ("Deployment", "vllm"),
        ("Service", "vllm"),
        ("ServiceMonitor", "intent-router"),
        ("ServiceMonitor", "vllm"),
        ("PrometheusRule", "intent-router"),
    }
    assert expected <= kinds


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_object_lands_in_the_overlay_namespace(overlay: str, rendered: Rendered) -> None:
    namespace = rendered[overlay].of_kind("Namespace")[0]["metadata"]["name"]
    for doc in rendered[overlay].docs:
        if doc["kind"] != "Namespace":
            assert doc["metadata"].get("namespace") == namespace, (doc["kind"], doc["metadata"]["name"])


def test_prod_ships_no_secret_values(rendered: Rendered) -> None:
    assert rendered["prod"].of_kind("Secret") == []


def test_prod_pins_image_tags(rendered: Rendered) -> None:
    for deployment in rendered["prod"].of_kind("Deployment"):
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            image = container["image"]
            assert ":" in image and not image.endswith(":latest"), image


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_gateway_pods_run_unprivileged(overlay: str, rendered: Rendered) -> None:
    deployment = rendered[overlay].named("Deployment", "intent-router")
    assert deployment is not None
    pod = deployment["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    container = pod["containers"][0]
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    assert container["securityContext"]["capabilities"]["drop"] == ["ALL"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_gateway_probes_use_healthz_for_liveness_and_readyz_for_readiness(
    overlay: str, rendered: Rendered
) -> None:
    deployment = rendered[overlay].named("Deployment", "intent-router")
    assert deployment is not None
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_vllm_runs_on_a_gpu_with_readiness_on_health(overlay: str, rendered: Rendered) -> None:
    deployment = rendered[overlay].named("Deployment", "vllm")
    assert deployment is not None
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    assert container["resources"]["limits"]["nvidia.com/gpu"] == "1"
    assert container["readinessProbe"]["httpGet"]["path"] == "/health"
    assert container["command"][:1] == ["bash"] and container["command"][1].endswith("serve-generate.sh")


def test_hpa_scales_on_cpu_and_on_request_rate(rendered: Rendered) -> None:
    hpa = rendered["prod"].named("HorizontalPodAutoscaler", "intent-router")
    assert hpa is not None
    assert hpa["apiVersion"] == "autoscaling/v2"
    kinds = {
        (m["type"], m.get("resource", {}).get("name") or m["pods"]["metric"]["name"])
        for m in hpa["spec"]["metrics"]
    }
    assert kinds == {("Resource", "cpu"), ("Pods", "intent_router_requests_per_second")}
