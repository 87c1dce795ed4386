"""``intent-router loadtest`` through its registered handler: report, plot, exit status, refusals."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from loadtest.cli import register
from loadtest.report import REPORT_SCHEMA


def run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="intent-router")
    register(parser.add_subparsers())
    args = parser.parse_args(["loadtest", *argv])
    return int(args.handler(args))


def test_a_run_writes_a_report_with_the_documented_schema_and_a_plot(
    misbehaving_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = run_cli(
        "--url", f"{misbehaving_url}/v1/route", "--url", f"{misbehaving_url}/healthz",
        "--rate", "50", "--duration", "0.4", "--out", str(tmp_path), "--no-ceiling", "--quiet",
    )  # fmt: skip
    assert status == 0
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["schema"] == REPORT_SCHEMA
    assert set(report) == {"schema", "command", "machine", "mix", "ceiling", "runs", "step"}
    (run,) = report["runs"]
    assert {
        "rate_per_s",
        "duration_s",
        "arrivals",
        "budget_ms",
        "timeout_s",
        "wall_s",
        "endpoints",
        "generator",
    } <= set(run)
    route, healthz = run["endpoints"]
    assert (route["name"], healthz["name"]) == ("route", "healthz")
    assert set(route["latency"]) == {"count", "mean_ms", "p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms"}
    assert {"scheduled", "ok", "errors", "timeouts", "over_budget_share", "server", "histogram_hdr"} <= set(
        route
    )
    assert list(route["server"]["stages"]) == ["sanitize", "guard", "classify", "fallback", "total"]
    assert route["ok"] == healthz["ok"] == 20
    assert set(run["generator"]) == {"send_lag", "cpu_share", "max_connections_open", "event_loop"}
    assert (tmp_path / "latency.png").read_bytes().startswith(b"\x89PNG")
    out = capsys.readouterr().out
    assert "p99" in out and "server-side stage timings for route" in out


def test_a_run_over_the_p99_limit_exits_1(misbehaving_url: str, tmp_path: Path) -> None:
    status = run_cli(
        "--url", f"{misbehaving_url}/error", "--rate", "20", "--duration", "0.2",
        "--out", str(tmp_path), "--no-ceiling", "--quiet",
    )  # fmt: skip
    assert status == 1


def test_a_non_loopback_url_is_refused_before_anything_is_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = run_cli(
        "--url", "http://10.1.2.3:8000/v1/route", "--rate", "10", "--duration", "1", "--out", str(tmp_path)
    )
    assert status == 2
    assert "only loopback targets" in capsys.readouterr().err
    assert not (tmp_path / "report.json").exists()


def test_neither_rate_nor_step_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli("--url", "http://127.0.0.1:9/v1/route", "--duration", "1", "--out", str(tmp_path)) == 2
    assert "--rate" in capsys.readouterr().err


def test_the_cli_plugins_are_where_pyproject_says() -> None:
    from loadtest.cli import register as register_loadtest
    from loadtest.cost import register as register_cost

    assert callable(register_loadtest) and callable(register_cost)
