"""The Prometheus rule files: valid, unit-tested per alert, documented, and mirrored into the
PrometheusRule that Kubernetes users apply."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
DEPLOY_DIR = REPO_ROOT / "deploy"
Run = Callable[..., subprocess.CompletedProcess[str]]

RULES_DIR = DEPLOY_DIR / "prometheus" / "rules"
TESTS_DIR = DEPLOY_DIR / "prometheus" / "tests"
RULE_FILES = sorted(RULES_DIR.glob("*.yml"))
TEST_FILES = sorted(TESTS_DIR.glob("*.yml"))


def _alerts() -> list[dict[str, object]]:
    return [
        rule
        for path in RULE_FILES
        for group in yaml.safe_load(path.read_text(encoding="utf-8"))["groups"]
        for rule in group["rules"]
        if "alert" in rule
    ]


def test_rule_files_pass_promtool_check(promtool: Path, run: Run) -> None:
    result = run(promtool, "check", "rules", *RULE_FILES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_rule_unit_tests_pass(promtool: Path, run: Run) -> None:
    result = run(promtool, "test", "rules", *TEST_FILES, cwd=TESTS_DIR)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_alert_has_a_firing_and_a_quiet_unit_test() -> None:
    fired: set[str] = set()
    quiet: set[str] = set()
    for path in TEST_FILES:
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["tests"]:
            for check in case.get("alert_rule_test", []):
                (fired if check.get("exp_alerts") else quiet).add(check["alertname"])
    names = {str(alert["alert"]) for alert in _alerts()}
    assert names - fired == set(), "alerts never shown firing"
    assert names - quiet == set(), "alerts never shown staying quiet"


def test_every_alert_has_severity_summary_and_a_runbook_section() -> None:
    operations = (REPO_ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    headings = {
        re.sub(r"[^a-z0-9]", "", line.lstrip("#").strip().lower())
        for line in operations.splitlines()
        if line.startswith("#")
    }
    for alert in _alerts():
        labels = alert["labels"]
        annotations = alert["annotations"]
        assert isinstance(labels, dict) and labels.get("severity") in {"page", "ticket"}, alert["alert"]
        assert isinstance(annotations, dict) and annotations.get("summary"), alert["alert"]
        anchor = str(annotations["runbook"]).split("#", 1)[1]
        assert anchor in headings, f"docs/operations.md has no section for {alert['alert']}"


def test_alert_jobs_match_the_compose_scrape_jobs() -> None:
    config = yaml.safe_load((DEPLOY_DIR / "prometheus" / "prometheus.yml").read_text(encoding="utf-8"))
    jobs = {job["job_name"] for job in config["scrape_configs"]}
    used = {m for alert in _alerts() for m in re.findall(r'job="([^"]+)"', str(alert["expr"]))}
    assert used <= jobs


def test_prometheusrule_manifest_is_generated_from_the_rule_files() -> None:
    script = DEPLOY_DIR / "tools" / "render_prometheusrule.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
