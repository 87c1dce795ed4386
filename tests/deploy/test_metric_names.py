"""Every `intent_router_*` series the dashboard and the rules read is one the gateway exports, and
every metric the gateway exports is watched somewhere. The exported names come from the gateway's
own registry (service/metrics.py), not from a list kept here."""

from __future__ import annotations

import re
from pathlib import Path

import prometheus_client

import service.metrics  # noqa: F401  (registers the gateway's metrics in the default registry)

REPO_ROOT = Path(__file__).resolve().parents[2]
WATCHED_FILES = [
    REPO_ROOT / "deploy" / "grafana" / "dashboards" / "intent-router.json",
    *sorted((REPO_ROOT / "deploy" / "prometheus" / "rules").glob("*.yml")),
]
# The sample names each metric type produces in the exposition format.
SUFFIXES = {
    "counter": ("_total",),
    "gauge": ("",),
    "histogram": ("_bucket", "_sum", "_count"),
    "summary": ("_sum", "_count", ""),
}


def exported_series() -> dict[str, str]:
    """Sample name → metric family name, for every `intent_router_` family in the registry."""
    names: dict[str, str] = {}
    for family in prometheus_client.REGISTRY.collect():
        if family.name.startswith("intent_router_"):
            for suffix in SUFFIXES[family.type]:
                names[family.name + suffix] = family.name
    return names


def used_series() -> dict[str, set[str]]:
    """Series name → files using it. Recording-rule names (`level:metric:ops`) are not matched."""
    used: dict[str, set[str]] = {}
    for path in WATCHED_FILES:
        for name in re.findall(r"(?<![:\w])intent_router_\w+", path.read_text(encoding="utf-8")):
            used.setdefault(name, set()).add(path.name)
    return used


def test_the_gateway_registry_defines_metrics() -> None:
    assert "intent_router_requests_total" in exported_series()


def test_every_intent_router_series_used_is_exported_by_the_gateway() -> None:
    exported = exported_series()
    unknown = {name: files for name, files in used_series().items() if name not in exported}
    assert unknown == {}


def test_every_exported_metric_is_on_the_dashboard_or_in_a_rule() -> None:
    exported = exported_series()
    watched = {exported[name] for name in used_series() if name in exported}
    assert set(exported.values()) - watched == set()


def test_operations_guide_documents_every_exported_metric() -> None:
    guide = (REPO_ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    families = set(exported_series().values())
    named = set(re.findall(r"intent_router_\w+", guide))
    # A histogram is documented by its family name, a counter by its `_total` series.
    undocumented = {f for f in families if f not in named and f"{f}_total" not in named}
    assert undocumented == set()
