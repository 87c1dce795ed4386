"""``report.json`` and the printed summary: the same numbers, for machines and for people.

The JSON is ``dataclasses.asdict`` of the results under a versioned ``schema`` key, so a reader can
check what it is parsing; the HDR histograms are embedded (base64) for re-analysis with any HDR tool.
"""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loadtest.ceiling import Ceiling
from loadtest.result import RunResult
from loadtest.step import StepSearch

__all__ = ["REPORT_SCHEMA", "LoadTestReport", "describe_machine", "format_summary", "write_report_json"]

REPORT_SCHEMA = "intent-router/loadtest-report/1"


@dataclass(frozen=True, slots=True)
class LoadTestReport:
    """Everything one ``intent-router loadtest`` invocation measured."""

    command: tuple[str, ...]
    machine: dict[str, str]
    mix: str
    ceiling: Ceiling | None
    runs: tuple[RunResult, ...]
    step: StepSearch | None

    def to_json_dict(self) -> dict[str, Any]:
        body = {
            "schema": REPORT_SCHEMA,
            "command": list(self.command),
            "machine": self.machine,
            "mix": self.mix,
            "ceiling": dataclasses.asdict(self.ceiling) if self.ceiling else None,
            "runs": [dataclasses.asdict(run) for run in self.runs],
            "step": None,
        }
        if self.step is not None:
            step = dataclasses.asdict(self.step)
            del step["runs"]  # already under "runs", in the same order
            body["step"] = step
        return body


def describe_machine() -> dict[str, str]:
    """Host facts a benchmark reader needs: CPU model, core count, affinity, Python, OS."""
    model = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": model,
        "cpus": str(os.cpu_count()),
        "generator_affinity": ",".join(str(c) for c in sorted(os.sched_getaffinity(0))),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
    }


def write_report_json(report: LoadTestReport, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report.to_json_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def format_summary(report: LoadTestReport) -> str:
    """A plain-text table: one row per run and endpoint, then the server's stage timings and the generator."""
    lines: list[str] = []
    if report.ceiling is not None:
        lines.append(
            f"generator ceiling: {report.ceiling.requests_per_s:,.0f} req/s against the built-in trivial "
            f"server ({report.ceiling.connections} connections)"
        )
    header = (
        f"{'endpoint':<10} {'rate/s':>8} {'sent':>7} {'ok':>7} {'errors':>6} {'t/o':>5} "
        f"{'p50':>8} {'p90':>8} {'p99':>8} {'p99.9':>8} {'max':>8} {'>budget':>8}"
    )
    lines += [
        "",
        "client-side latency, ms from each request's scheduled send time",
        header,
        "-" * len(header),
    ]
    for run in report.runs:
        for e in run.endpoints:
            s = e.latency
            lines.append(
                f"{e.name:<10.10} {run.rate_per_s:>8g} {e.scheduled:>7} {e.ok:>7} "
                f"{sum(e.errors.values()):>6} {e.timeouts:>5} {s.p50_ms:>8.2f} {s.p90_ms:>8.2f} "
                f"{s.p99_ms:>8.2f} {s.p999_ms:>8.2f} {s.max_ms:>8.2f} {e.over_budget_share:>7.2%}"
            )
            if e.errors:
                lines.append(f"{'':<10} errors: {', '.join(f'{k} {v}' for k, v in e.errors.items())}")
    last = report.runs[-1] if report.runs else None
    if last is not None:
        lines += _format_stages(last)
        g = last.generator
        lines += [
            "",
            f"generator ({g.event_loop}): send lag p99 {g.send_lag.p99_ms:.2f} ms, "
            f"max {g.send_lag.max_ms:.2f} ms; CPU {g.cpu_share:.0%} of one core; "
            f"up to {g.max_connections_open} connections",
        ]
        offered = last.rate_per_s * len(last.endpoints)
        if report.ceiling is not None and offered > 0.5 * report.ceiling.requests_per_s:
            lines.append(
                f"WARNING: offered {offered:g} req/s is over half the generator's ceiling; "
                "latencies may include the generator's own queueing"
            )
        if g.cpu_share > 0.8:
            lines.append("WARNING: the generator used over 80 % of a core; it may be the bottleneck")
    if report.step is not None:
        lines += _format_step(report.step)
    return "\n".join(lines)


def _format_stages(run: RunResult) -> list[str]:
    lines: list[str] = []
    for e in run.endpoints:
        if not e.server.stages:
            continue
        lines += ["", f"server-side stage timings for {e.name} at {run.rate_per_s:g}/s (ms, from timings_ms)"]
        lines.append(f"{'stage':<10} {'p50':>8} {'p99':>8} {'mean':>8} {'max':>8}")
        for stage, s in e.server.stages.items():
            lines.append(f"{stage:<10} {s.p50_ms:>8.3f} {s.p99_ms:>8.3f} {s.mean_ms:>8.3f} {s.max_ms:>8.3f}")
        if e.server.decisions:
            decided = ", ".join(f"{k} {v}" for k, v in e.server.decisions.items())
            lines.append(f"decisions: {decided}; degraded {e.server.degraded}")
    return lines


def _format_step(step: StepSearch) -> Sequence[str]:
    lines = ["", f"step search: p99 limit {step.limit_ms:g} ms, error share ≤ {step.max_error_share:.2%}"]
    for s in step.steps:
        verdict = "holds" if s.holds else "FAILS"
        lines.append(
            f"  {s.rate_per_s:>10g} req/s  p99 {s.p99_ms:>9.2f} ms  errors {s.error_share:>7.2%}  {verdict}"
        )
    best = (
        f"{step.best_rate_per_s:g} req/s"
        if step.best_rate_per_s is not None
        else "none (the first rate failed)"
    )
    lines.append(f"highest rate holding: {best}")
    return lines
