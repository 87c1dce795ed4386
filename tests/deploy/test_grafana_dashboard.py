"""The Grafana dashboard: well-formed, every query parses, and it covers what operators watch."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
GRAFANA_DIR = REPO_ROOT / "deploy" / "grafana"
DASHBOARD_PATH = GRAFANA_DIR / "dashboards" / "intent-router.json"
Run = Callable[..., subprocess.CompletedProcess[str]]

# What each template variable stands for when an expression is checked outside Grafana.
VARIABLE_VALUES = {
    "$__rate_interval": "1m",
    "$__interval": "1m",
    "$job": "intent-router",
    "$vllm_job": "vllm",
}


def _load() -> dict[str, Any]:
    return dict(json.loads(DASHBOARD_PATH.read_text(encoding="utf-8")))


def _panels(dashboard: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for panel in dashboard["panels"]:
        yield panel
        yield from panel.get("panels", [])


def _queries(dashboard: dict[str, Any]) -> list[tuple[str, str]]:
    """(panel title + refId, PromQL) for every target of every panel."""
    return [
        (f"{panel['title']} [{target['refId']}]", target["expr"])
        for panel in _panels(dashboard)
        for target in panel.get("targets", [])
    ]


def substitute_variables(expr: str) -> str:
    """Replace Grafana's variables with sample values; an unknown variable is an error."""
    for name in sorted(VARIABLE_VALUES, key=len, reverse=True):
        expr = expr.replace(name, VARIABLE_VALUES[name])
    leftover = re.findall(r"\$\{?\w+", expr)
    if leftover:
        raise ValueError(f"unknown dashboard variables {leftover} in {expr!r}")
    return expr


def test_dashboard_has_a_stable_uid_title_and_tags() -> None:
    dashboard = _load()
    assert dashboard["uid"] == "intent-router-overview"
    assert dashboard["title"] == "intent-router"
    assert "intent-router" in dashboard["tags"]
    assert dashboard.get("id") is None, "a provisioned dashboard must not carry a database id"


def test_panel_ids_are_unique() -> None:
    ids = [panel["id"] for panel in _panels(_load())]
    assert len(ids) == len(set(ids))


def test_panels_do_not_overlap_and_fit_the_24_column_grid() -> None:
    cells: dict[tuple[int, int], str] = {}
    for panel in _panels(_load()):
        pos = panel["gridPos"]
        assert pos["x"] >= 0 and pos["w"] > 0 and pos["x"] + pos["w"] <= 24, panel["title"]
        for x in range(pos["x"], pos["x"] + pos["w"]):
            for y in range(pos["y"], pos["y"] + pos["h"]):
                assert (x, y) not in cells, f"{panel['title']!r} overlaps {cells[(x, y)]!r}"
                cells[(x, y)] = panel["title"]


def test_every_query_goes_through_the_datasource_variable() -> None:
    dashboard = _load()
    variables = {v["name"]: v for v in dashboard["templating"]["list"]}
    assert variables["datasource"]["type"] == "datasource"
    assert variables["datasource"]["query"] == "prometheus"
    for panel in _panels(dashboard):
        if panel["type"] == "row":
            continue
        assert panel["datasource"] == {"type": "prometheus", "uid": "${datasource}"}, panel["title"]
        for target in panel["targets"]:
            assert target["datasource"]["uid"] == "${datasource}", panel["title"]


def test_every_variable_used_is_defined() -> None:
    dashboard = _load()
    defined = {f"${v['name']}" for v in dashboard["templating"]["list"]} | {"$__rate_interval", "$__interval"}
    used = {m for _, expr in _queries(dashboard) for m in re.findall(r"\$\w+", expr)}
    assert used <= defined
    assert {k for k in VARIABLE_VALUES if not k.startswith("$__")} <= defined


def test_every_query_parses_as_promql(promtool: Path, run: Run, tmp_path: Path) -> None:
    # promtool parses rule expressions, so each query becomes a recording rule of its own.
    rules = [
        {"record": f"dashboard:query_{index}", "expr": substitute_variables(expr)}
        for index, (_, expr) in enumerate(_queries(_load()))
    ]
    rule_file = tmp_path / "dashboard-queries.yml"
    rule_file.write_text(
        yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}), encoding="utf-8"
    )
    result = run(promtool, "check", "rules", rule_file)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("topic", "pattern"),
    [
        ("request rate by decision", r"sum by \(decision\) \(rate\(intent_router_requests_total"),
        ("request rate by intent", r"sum by \(intent\) \(rate\(intent_router_requests_total"),
        ("per-stage p99", r"histogram_quantile\(0\.99, sum by \(stage, le\)"),
        ("fallback share", r'decision="fallback"'),
        ("degraded share", r"intent_router_degraded_total"),
        ("confidence distribution", r"intent_router_classifier_confidence_bucket"),
        ("guard blocks by reason", r"sum by \(reason\) \(rate\(intent_router_guard_blocked_total"),
        ("PII masks by type", r"sum by \(type, source\) \(rate\(intent_router_pii_masked_total"),
        ("vLLM latency", r"vllm:e2e_request_latency_seconds_bucket"),
        ("vLLM prefix-cache hit rate", r"vllm:prefix_cache_hits_total.*vllm:prefix_cache_queries_total"),
    ],
)
def test_dashboard_shows(topic: str, pattern: str) -> None:
    assert any(re.search(pattern, expr) for _, expr in _queries(_load())), topic


def test_stage_latency_panel_draws_the_budget_as_a_line() -> None:
    panel = next(p for p in _panels(_load()) if p["title"].startswith("Stage latency"))
    defaults = panel["fieldConfig"]["defaults"]
    assert defaults["custom"]["thresholdsStyle"]["mode"] == "line"
    assert 0.8 in [step["value"] for step in defaults["thresholds"]["steps"]]


def test_provisioning_loads_the_dashboard_directory_compose_mounts() -> None:
    compose = yaml.safe_load((REPO_ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8"))
    mounts = compose["services"]["grafana"]["volumes"]
    provider = yaml.safe_load((GRAFANA_DIR / "provisioning" / "dashboards" / "intent-router.yml").read_text())
    path = provider["providers"][0]["options"]["path"]
    assert f"./grafana/dashboards:{path}:ro" in mounts
    datasource = yaml.safe_load((GRAFANA_DIR / "provisioning" / "datasources" / "prometheus.yml").read_text())
    assert datasource["datasources"][0]["type"] == "prometheus"
