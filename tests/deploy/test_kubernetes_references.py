"""Cross-references inside each rendered overlay, which no schema check sees: selectors match pod
labels, named ports exist, and every ConfigMap, Secret, key, volume and claim a pod uses is there
(or, for production's Secret, is documented as created outside git)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from service.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[2]
OVERLAYS = ("dev", "prod")
Rendered = dict[str, Any]  # overlay name -> conftest.RenderedOverlay
# Objects an overlay expects to exist in the cluster already, with the keys pods read from them.
# Production's Secret is created by the operators (docs/operations.md, "Secrets"), never from git.
EXTERNAL = {"prod": {("Secret", "intent-router-secrets"): {"api-keys", "fallback-api-key"}}}


def _pod_templates(overlay: Any) -> list[tuple[str, dict[str, Any]]]:
    return [(d["metadata"]["name"], d["spec"]["template"]) for d in overlay.of_kind("Deployment")]


def _matches(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return all(labels.get(key) == value for key, value in selector.items())


def _keys(overlay: Any, overlay_name: str, kind: str, name: str) -> set[str] | None:
    """Keys of a ConfigMap/Secret in the overlay or declared external; None when it is nowhere."""
    doc = overlay.named(kind, name)
    if doc is not None:
        return set(doc.get("data", {})) | set(doc.get("stringData", {}))
    return EXTERNAL.get(overlay_name, {}).get((kind, name))


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_deployment_selectors_match_their_pod_labels(overlay: str, rendered: Rendered) -> None:
    for deployment in rendered[overlay].of_kind("Deployment"):
        selector = deployment["spec"]["selector"]["matchLabels"]
        assert _matches(selector, deployment["spec"]["template"]["metadata"]["labels"]), deployment[
            "metadata"
        ]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_service_selects_pods_and_targets_a_named_port_they_have(
    overlay: str, rendered: Rendered
) -> None:
    templates = _pod_templates(rendered[overlay])
    for service in rendered[overlay].of_kind("Service"):
        selected = [t for _, t in templates if _matches(service["spec"]["selector"], t["metadata"]["labels"])]
        assert selected, f"Service {service['metadata']['name']} selects no pods"
        for port in service["spec"]["ports"]:
            for template in selected:
                names = {p.get("name") for c in template["spec"]["containers"] for p in c.get("ports", [])}
                assert port["targetPort"] in names, (service["metadata"]["name"], port)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_probes_use_named_ports_the_container_declares(overlay: str, rendered: Rendered) -> None:
    for name, template in _pod_templates(rendered[overlay]):
        for container in template["spec"]["containers"]:
            ports = {p["name"] for p in container.get("ports", [])}
            for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                if probe in container:
                    assert container[probe]["httpGet"]["port"] in ports, (name, probe)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_hpa_and_pdb_target_the_gateway_pods(overlay: str, rendered: Rendered) -> None:
    gateway = rendered[overlay].named("Deployment", "intent-router")
    assert gateway is not None
    labels = gateway["spec"]["template"]["metadata"]["labels"]
    hpa = rendered[overlay].named("HorizontalPodAutoscaler", "intent-router")
    assert hpa is not None
    target = hpa["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", "intent-router")
    pdb = rendered[overlay].named("PodDisruptionBudget", "intent-router")
    assert pdb is not None
    assert _matches(pdb["spec"]["selector"]["matchLabels"], labels)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_service_monitors_select_a_service_and_its_named_port(overlay: str, rendered: Rendered) -> None:
    services = rendered[overlay].of_kind("Service")
    for monitor in rendered[overlay].of_kind("ServiceMonitor"):
        selector = monitor["spec"]["selector"]["matchLabels"]
        selected = [s for s in services if _matches(selector, s["metadata"].get("labels", {}))]
        assert len(selected) == 1, monitor["metadata"]["name"]
        # The job label is the Service name; the alert rules select job="intent-router" and job="vllm".
        assert selected[0]["metadata"]["name"] == monitor["metadata"]["name"]
        ports = {p["name"] for p in selected[0]["spec"]["ports"]}
        for endpoint in monitor["spec"]["endpoints"]:
            assert endpoint["port"] in ports


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_config_map_secret_and_key_a_pod_reads_exists(overlay: str, rendered: Rendered) -> None:
    doc = rendered[overlay]
    for name, template in _pod_templates(doc):
        for container in template["spec"]["containers"]:
            for source in container.get("envFrom", []):
                for kind, field in (("ConfigMap", "configMapRef"), ("Secret", "secretRef")):
                    if field in source:
                        assert _keys(doc, overlay, kind, source[field]["name"]) is not None, (name, source)
            for env in container.get("env", []):
                ref = env.get("valueFrom", {})
                for kind, field in (("ConfigMap", "configMapKeyRef"), ("Secret", "secretKeyRef")):
                    if field in ref:
                        keys = _keys(doc, overlay, kind, ref[field]["name"])
                        assert keys is not None and ref[field]["key"] in keys, (name, env["name"])


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_volume_source_exists_and_every_mount_has_a_volume(overlay: str, rendered: Rendered) -> None:
    doc = rendered[overlay]
    for name, template in _pod_templates(doc):
        volumes = {v["name"]: v for v in template["spec"].get("volumes", [])}
        for container in template["spec"]["containers"]:
            for mount in container.get("volumeMounts", []):
                assert mount["name"] in volumes, (name, mount)
        for volume in volumes.values():
            if "configMap" in volume:
                assert doc.named("ConfigMap", volume["configMap"]["name"]) is not None, (name, volume)
            if "persistentVolumeClaim" in volume:
                claim = volume["persistentVolumeClaim"]["claimName"]
                assert doc.named("PersistentVolumeClaim", claim) is not None, (name, volume)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_vllm_command_runs_a_script_its_config_map_ships(overlay: str, rendered: Rendered) -> None:
    doc = rendered[overlay]
    deployment = doc.named("Deployment", "vllm")
    assert deployment is not None
    pod = deployment["spec"]["template"]["spec"]
    container = pod["containers"][0]
    script = Path(container["command"][1])
    mount = next(m for m in container["volumeMounts"] if Path(m["mountPath"]) == script.parent)
    volume = next(v for v in pod["volumes"] if v["name"] == mount["name"])
    config_map = doc.named("ConfigMap", volume["configMap"]["name"])
    assert config_map is not None
    assert {script.name, "common.sh"} <= set(config_map["data"])
    assert config_map["data"][script.name] == (REPO_ROOT / "deploy" / "vllm" / script.name).read_text()


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_gateway_config_keys_are_settings_the_gateway_knows(overlay: str, rendered: Rendered) -> None:
    fields = {f"INTENT_ROUTER_{name.upper()}" for name in Settings.model_fields}
    for config_map in rendered[overlay].of_kind("ConfigMap"):
        if config_map["metadata"]["name"].startswith("intent-router-config"):
            unknown = {key for key in config_map["data"] if key not in fields}
            assert unknown == set()


def test_served_model_name_matches_the_gateway_setting(rendered: Rendered) -> None:
    doc = rendered["prod"]
    config = next(
        c for c in doc.of_kind("ConfigMap") if c["metadata"]["name"].startswith("intent-router-config")
    )
    vllm = doc.named("Deployment", "vllm")
    assert vllm is not None
    env = {e["name"]: e.get("value") for e in vllm["spec"]["template"]["spec"]["containers"][0]["env"]}
    assert env["VLLM_SERVED_MODEL_NAME"] == config["data"]["INTENT_ROUTER_VLLM_MODEL"]
    assert config["data"]["INTENT_ROUTER_VLLM_BASE_URL"] == f"http://vllm:{env['VLLM_PORT']}/v1"
