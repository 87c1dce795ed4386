"""The ``intent-router`` command: the real CLI in a subprocess, real uvicorn, real HTTP."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from support import ROOT, gateway_process, post_json

pytestmark = pytest.mark.integration


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "service.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_classify_prints_the_decision() -> None:
    result = run_cli("classify", "帮我找个望京的两居室")
    assert result.returncode == 0, result.stderr
    assert "find_listing" in result.stdout and "找房" in result.stdout


def test_classify_json_is_the_api_body() -> None:
    result = run_cli("classify", "--json", "我电话13800138000想约明天看房")
    body = json.loads(result.stdout)
    assert body["intent"] == "book_viewing"
    assert "<PHONE_1>" in body["sanitized_text"]


def test_invalid_setting_stops_serve_with_a_message_naming_it() -> None:
    result = run_cli("serve", "--port", "0", env={"INTENT_ROUTER_CONFIDENCE_THRESHOLD": "2"})
    assert result.returncode == 2
    assert "confidence_threshold" in result.stderr


def test_serve_reads_a_yaml_config_file(tmp_path: Path) -> None:
    config = tmp_path / "router.yaml"
    config.write_text(f"api_keys: secret-key\ndecision_log: {tmp_path / 'd.db'}\n")
    with gateway_process("--config", str(config), log=tmp_path / "log") as url:
        assert post_json(f"{url}/v1/route", {"text": "找房"}).status_code == 401


def test_several_workers_share_one_metrics_view(tmp_path: Path) -> None:
    env = {"INTENT_ROUTER_DECISION_LOG": str(tmp_path / "d.db")}
    with gateway_process("--workers", "2", env=env, log=tmp_path / "log") as url:
        with httpx.Client() as client:
            for _ in range(40):
                # A new connection each time, so the kernel spreads them over both workers.
                client.post(
                    f"{url}/v1/classify", json={"text": "帮我找个两居"}, headers={"connection": "close"}
                )
        text = httpx.get(f"{url}/metrics").text
    counts = re.findall(r'^intent_router_requests_total\{.*endpoint="classify".*\} (\S+)$', text, re.M)
    assert sum(float(c) for c in counts) == 40
    assert 'intent_router_stage_duration_seconds_count{stage="total"} 40.0' in text


def test_logs_are_json_lines_without_the_utterance(tmp_path: Path) -> None:
    log = tmp_path / "log"
    # DEBUG: the per-request "decision" line is logged at that level, off the default hot path.
    env = {"INTENT_ROUTER_DECISION_LOG": str(tmp_path / "d.db"), "INTENT_ROUTER_LOG_LEVEL": "DEBUG"}
    with gateway_process(env=env, log=log) as url:
        post_json(
            f"{url}/v1/route", {"text": "我电话13800138000身份证11010519491231002X", "request_id": "abc"}
        )
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    decision = next(line for line in lines if line.get("msg") == "decision")
    assert decision["request_id"] == "abc"
    text = log.read_text()
    assert "13800138000" not in text and "11010519491231002X" not in text
