"""The gateway's own speed: /v1/route against /healthz of the same server, same rate, same run.

    .venv/bin/python -m loadtest.gateway_speed               # measure, print, write out/gateway-speed/
    .venv/bin/python -m loadtest.gateway_speed --write-docs  # … and refresh docs/benchmarks.md's section
    .venv/bin/python -m loadtest.gateway_speed --profile     # … with a py-spy profile of the server

What it does, in order:

1. pins itself (the generator) to one CPU and starts ``intent-router serve`` (embedded classifier, the
   default) under ``taskset`` on another, so the two never share a core;
2. points the gateway's fallback model at a dead loopback port (nothing leaves this machine; fallback
   requests take the degraded path, as on any machine without the big model) and its decision log at a
   temporary file;
3. warms up, then offers ``--rate`` req/s to *each* of /v1/route and /healthz in one interleaved run:
   /healthz is the trivial endpoint of the same server, so the difference is the pipeline's cost;
4. steps /v1/route alone up from ``--step`` to find the highest rate with p99 ≤ ``--limit-ms`` (a failing
   step is re-run once, ``--retries``, so one stall of another process does not end the search);
5. judges the goal (issue 7): p99(route) ≤ 1.5 × p99(healthz) at the rate, route p99 ≤ the limit, no
   errors; writes ``summary.json``, the full ``report.json``, ``latency.png`` and the Markdown section.

Numbers from a shared machine are noisy: the load average before and after is recorded with them.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from loadtest.benchmarks_doc import GOAL_P99_RATIO, GatewaySpeed, render_markdown, replace_docs_section
from loadtest.ceiling import measure_ceiling
from loadtest.http_request import build_requests
from loadtest.mix import find_default_mix, load_mix
from loadtest.plan import Endpoint, RunConfig
from loadtest.plot import write_latency_plot
from loadtest.report import LoadTestReport, describe_machine, write_report_json
from loadtest.result import RunResult
from loadtest.runner import run_load
from loadtest.step import find_max_rate, parse_step_rates
from loadtest.target import parse_target

__all__ = ["main", "measure_gateway_speed", "start_gateway"]

_READY_TIMEOUT_S = 60.0


def measure_gateway_speed(args: argparse.Namespace) -> tuple[GatewaySpeed, LoadTestReport]:
    """Start the gateway, run the comparison and the step search, stop it; see the module docstring."""
    os.sched_setaffinity(0, {args.generator_cpu})
    load_before = os.getloadavg()
    args.out.mkdir(parents=True, exist_ok=True)
    mix_path = args.mix if args.mix is not None else find_default_mix()
    texts = load_mix(mix_path)
    # Before the gateway starts, so the trivial server has the server CPU to itself.
    ceiling = measure_ceiling(build_requests(parse_target("http://127.0.0.1/v1/route"), texts, budget_ms=800))
    with _gateway(args) as (base_url, server_pid):
        route_target = parse_target(f"{base_url}/v1/route")
        health_target = parse_target(f"{base_url}/healthz")
        route = Endpoint("route", route_target, build_requests(route_target, texts, budget_ms=800))
        healthz = Endpoint("healthz", health_target, build_requests(health_target, texts, budget_ms=800))
        config = RunConfig(rate_per_s=args.rate, duration_s=args.duration, timeout_s=5.0)
        # Warm-up: first requests pay for lazy imports, JIT-less caches and new connections.
        run_load([route, healthz], dataclasses.replace(config, duration_s=args.warmup))
        profile = _start_profile(args, server_pid)
        comparison = run_load([route, healthz], config)
        profile_path = _finish_profile(profile)
        cpu_us: list[tuple[float, float, float]] = []
        for rate in args.cpu_rates:
            cpu_config = dataclasses.replace(config, rate_per_s=rate, duration_s=args.cpu_duration)
            route_us = _cpu_us_per_request(server_pid, route, cpu_config)
            cpu_us.append((rate, route_us, _cpu_us_per_request(server_pid, healthz, cpu_config)))
        search = find_max_rate(
            [route],
            dataclasses.replace(config, duration_s=args.step_duration),
            parse_step_rates(args.step),
            limit_ms=args.limit_ms,
            max_error_share=0.0,
            refine_steps=args.refine,
            retries=args.retries,
            on_step=lambda s: print(f"  step {s.rate_per_s:g}/s: p99 {s.p99_ms:.2f} ms", file=sys.stderr),
        )
    route_result, health_result = comparison.endpoints
    ratio = (
        route_result.latency.p99_ms / health_result.latency.p99_ms if health_result.latency.p99_ms else 0.0
    )
    no_errors = route_result.failed == 0 and health_result.failed == 0
    speed = GatewaySpeed(
        measured_at=datetime.now(UTC).isoformat(timespec="minutes"),
        command=" ".join([Path(sys.executable).name, "-m", "loadtest.gateway_speed", *sys.argv[1:]]),
        machine=describe_machine(),
        load_average_before=load_before,
        load_average_after=os.getloadavg(),
        server_cpu=args.server_cpu,
        generator_cpu=args.generator_cpu,
        rate_per_s=args.rate,
        duration_s=args.duration,
        limit_ms=args.limit_ms,
        route=route_result,
        healthz=health_result,
        p99_ratio=ratio,
        generator_ceiling_rps=ceiling.requests_per_s,
        cpu_us_per_request=tuple(cpu_us),
        max_rate_per_s=search.best_rate_per_s,
        steps=tuple((s.rate_per_s, s.p99_ms, s.holds) for s in search.steps),
        goal_met=no_errors and ratio <= GOAL_P99_RATIO and route_result.latency.p99_ms <= args.limit_ms,
        profile=str(profile_path) if profile_path else None,
    )
    runs: tuple[RunResult, ...] = (comparison, *search.runs)
    report = LoadTestReport(
        command=tuple(sys.argv),
        machine=speed.machine,
        mix=str(mix_path) if mix_path is not None else "built-in",
        ceiling=ceiling,
        runs=runs,
        step=search,
    )
    return speed, report


@contextmanager
def _gateway(args: argparse.Namespace) -> Iterator[tuple[str, int]]:
    with start_gateway({}, log_path=args.out / "gateway.log", cpu=args.server_cpu) as started:
        yield started


@contextmanager
def start_gateway(
    settings: Mapping[str, str], *, log_path: Path, cpu: int | None = None
) -> Iterator[tuple[str, int]]:
    """Run ``intent-router serve`` on a free loopback port, pinned to ``cpu`` when given; yields its base
    URL and PID once /healthz answers, and stops it afterwards.

    ``settings`` are ``INTENT_ROUTER_*`` variables on top of the defaults used here: the fallback model at
    a dead loopback port (fallback requests degrade at once and no traffic leaves this machine) and the
    decision log in a temporary directory.
    """
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="gateway-") as scratch:
        env = {
            **os.environ,
            "INTENT_ROUTER_FALLBACK_BASE_URL": f"http://127.0.0.1:{_free_port()}/v1",
            "INTENT_ROUTER_DECISION_LOG": str(Path(scratch) / "decisions.db"),
            **settings,
        }
        command = [sys.executable, "-m", "service.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
        pin = cpu is not None and shutil.which("taskset") is not None
        if pin:
            command = ["taskset", "-c", str(cpu), *command]
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with log_path.open("wb") as log, subprocess.Popen(command, env=env, stdout=log, stderr=log) as server:
            try:
                if cpu is not None and not pin:
                    os.sched_setaffinity(server.pid, {cpu})
                _wait_ready(port, server, log_path)
                yield f"http://127.0.0.1:{port}", server.pid
            finally:
                server.terminate()
                try:
                    server.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()


def _wait_ready(port: int, server: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + _READY_TIMEOUT_S
    request = f"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode()
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the gateway exited with {server.returncode}; see {log_path}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1.0) as sock:
                sock.sendall(request)
                if sock.recv(64).startswith(b"HTTP/1.1 200"):
                    return
        except OSError:
            pass
        # Polling against a deadline: the server offers no readiness signal but /healthz itself.
        time.sleep(0.2)
    raise RuntimeError(f"the gateway did not answer /healthz within {_READY_TIMEOUT_S:g} s; see {log_path}")


def _cpu_us_per_request(pid: int, endpoint: Endpoint, config: RunConfig) -> float:
    # Latency on a shared machine moves with everyone else's load; CPU time charged to the server process
    # (all its threads, from /proc) per answered request moves less, so it is the number to compare.
    # /proc counts in clock ticks (10 ms): the default 5 s at 200 req/s is ~1,000 requests and over a
    # second of CPU, so the tick costs ~1 %.
    before = _process_cpu_s(pid)
    result = run_load([endpoint], config)
    answered = result.endpoints[0].ok
    return (_process_cpu_s(pid) - before) / answered * 1e6 if answered else 0.0


def _process_cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of proc(5), counted after "comm"
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_profile(args: argparse.Namespace, pid: int) -> tuple[subprocess.Popen[bytes], Path] | None:
    if not args.profile:
        return None
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    path = args.out / "profile.speedscope.json"
    command = [py_spy, "record", "--pid", str(pid), "--duration", str(int(args.duration)), "--rate", "500",
               "--format", "speedscope", "--output", str(path), "--nonblocking"]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), path


def _finish_profile(profile: tuple[subprocess.Popen[bytes], Path] | None) -> Path | None:
    if profile is None:
        return None
    process, path = profile
    process.wait(timeout=60)
    return path if path.exists() else None


def _to_json(value: Any) -> Any:
    return (
        dataclasses.asdict(value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type)
        else value
    )


def _rates(text: str) -> tuple[float, ...]:
    try:
        rates = tuple(float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated req/s, got {text!r}") from None
    if not rates or min(rates) <= 0:
        raise argparse.ArgumentTypeError(f"rates must be positive, got {text!r}")
    return rates


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rate", type=float, default=200.0, help="req/s to each endpoint (default 200)")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of the comparison run")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of warm-up before measuring")
    parser.add_argument("--cpu-duration", type=float, default=5.0, help="seconds per CPU-per-request run")
    parser.add_argument(
        "--cpu-rates", type=_rates, default=(50.0, 200.0, 1000.0), help="rates of the CPU-per-request runs"
    )
    parser.add_argument("--step", default="100:2000:100", help="START:STOP:STEP req/s for the step search")
    parser.add_argument("--step-duration", type=float, default=10.0, help="seconds per step")
    parser.add_argument("--refine", type=int, default=2, help="bisection steps after the knee is bracketed")
    parser.add_argument("--retries", type=int, default=1, help="re-runs of a failing step before it counts")
    parser.add_argument("--limit-ms", type=float, default=5.0, help="route p99 the step search must hold")
    parser.add_argument("--server-cpu", type=int, default=1)
    parser.add_argument("--generator-cpu", type=int, default=0)
    parser.add_argument("--mix", type=Path, help="JSONL of {'text': ...}; default data/intents/test.jsonl")
    parser.add_argument("--out", type=Path, default=Path("out/gateway-speed"))
    parser.add_argument("--profile", action="store_true", help="py-spy the server during the comparison run")
    parser.add_argument("--write-docs", action="store_true", help="refresh the section in docs/benchmarks.md")
    parser.add_argument("--docs", type=Path, default=Path("docs/benchmarks.md"))
    args = parser.parse_args(argv)
    speed, report = measure_gateway_speed(args)
    write_report_json(report, args.out / "report.json")
    write_latency_plot(report.runs[:1], args.out / "latency.png", limit_ms=args.limit_ms)
    summary = {k: _to_json(v) for k, v in dataclasses.asdict(speed).items()}
    (args.out / "summary.json").write_text(
        json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    section = render_markdown(speed)
    (args.out / "benchmarks-section.md").write_text(section, encoding="utf-8")
    print(section)
    if args.write_docs:
        replace_docs_section(args.docs, section)
        print(f"updated {args.docs}", file=sys.stderr)
    return 0 if speed.goal_met else 1


if __name__ == "__main__":
    sys.exit(main())
