"""The ``## Gateway speed (embedded default)`` section of docs/benchmarks.md: its numbers and its text.

:mod:`loadtest.gateway_speed` measures a :class:`GatewaySpeed`; :func:`render_markdown` turns it into the
section and :func:`replace_docs_section` swaps it into the file without touching anyone else's section.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from loadtest.result import EndpointResult

__all__ = ["DOCS_SECTION", "GOAL_P99_RATIO", "GatewaySpeed", "render_markdown", "replace_docs_section"]

DOCS_SECTION = "## Gateway speed (embedded default)"
GOAL_P99_RATIO = 1.5  # issue 7: p99(route) ≤ 1.5 × p99(trivial endpoint of the same server)
_QUIET_LOAD_AVERAGE = 1.0  # above this (1-minute average, 2 cores) the section flags its numbers as noisy


@dataclasses.dataclass(frozen=True, slots=True)
class GatewaySpeed:
    """What :func:`loadtest.gateway_speed.measure_gateway_speed` found (every run in full: report.json)."""

    measured_at: str
    command: str
    machine: dict[str, str]
    load_average_before: tuple[float, float, float]
    load_average_after: tuple[float, float, float]
    server_cpu: int
    generator_cpu: int
    rate_per_s: float
    duration_s: float
    limit_ms: float
    route: EndpointResult
    healthz: EndpointResult
    p99_ratio: float
    generator_ceiling_rps: float
    # The server's CPU time per request at each rate, one endpoint at a time: (rate, route µs, healthz µs).
    cpu_us_per_request: tuple[tuple[float, float, float], ...]
    max_rate_per_s: float | None
    steps: tuple[tuple[float, float, bool], ...]  # (rate, route p99 ms, held)
    goal_met: bool
    profile: str | None


def render_markdown(speed: GatewaySpeed) -> str:
    """The ``## Gateway speed (embedded default)`` section of docs/benchmarks.md, numbers filled in."""
    r, h = speed.route.latency, speed.healthz.latency
    stages = speed.route.server.stages
    lines = [
        DOCS_SECTION,
        "",
        f"Measured {speed.measured_at} on {speed.machine['cpu']} ({speed.machine['cpus']} CPUs), Python "
        f"{speed.machine['python']}; gateway pinned to CPU {speed.server_cpu}, generator to CPU "
        f"{speed.generator_cpu}. Load average before/after: "
        f"{speed.load_average_before[0]:.2f} / {speed.load_average_after[0]:.2f} (1 min).",
        "",
        *_noise_warning(speed),
        "```",
        speed.command,
        "```",
        "",
        f"Load generator: its own ceiling against the built-in trivial server (`loadtest/trivial_server.py`) "
        f"was **{speed.generator_ceiling_rps:,.0f} req/s** in this run, far above the rates below; "
        "`loadtest/scripts/compare_clients.py` shows why it does not use httpx (about 1,000 req/s at best "
        "on this machine, against 11,000–16,000 for the generator's own HTTP/1.1 client).",
        "",
        f"Same run, {speed.rate_per_s:g} req/s offered to each endpoint for {speed.duration_s:g} s "
        "(open loop, latency from each request's scheduled send time):",
        "",
        "| endpoint | requests | errors | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for e in (speed.route, speed.healthz):
        s = e.latency
        lines.append(
            f"| {e.method} {_path(e.url)} | {e.scheduled} | {e.failed} | {s.p50_ms:.2f} | {s.p90_ms:.2f} "
            f"| {s.p99_ms:.2f} | {s.p999_ms:.2f} | {s.max_ms:.2f} |"
        )
    verdict = "met" if speed.goal_met else "NOT met"
    best = (
        f"{speed.max_rate_per_s:g} req/s" if speed.max_rate_per_s is not None else "none of the rates tried"
    )
    lines += [
        "",
        f"p99(route) / p99(healthz) = {r.p99_ms:.2f} / {h.p99_ms:.2f} = **{speed.p99_ratio:.2f}** "
        f"(goal ≤ {GOAL_P99_RATIO}); route p99 {r.p99_ms:.2f} ms (goal ≤ {speed.limit_ms:g} ms); "
        f"goal **{verdict}**.",
        "",
        f"Highest rate with route p99 ≤ {speed.limit_ms:g} ms (one endpoint, step search): **{best}**.",
        "",
        "| rate req/s | route p99 ms | held |",
        "| --- | --- | --- |",
        *(f"| {rate:g} | {p99:.2f} | {'yes' if held else 'no'} |" for rate, p99, held in speed.steps),
        "",
        "Server CPU time per request (all threads, from /proc), one endpoint at a time at each rate:",
        "",
        "| rate req/s | route µs | healthz µs | route − healthz µs |",
        "| --- | --- | --- | --- |",
        *(
            f"| {rate:g} | {route:.0f} | {healthz:.0f} | {route - healthz:.0f} |"
            for rate, route, healthz in speed.cpu_us_per_request
        ),
        "",
        "The same request costs more CPU the lower the rate: between requests the core goes idle, and "
        "each request then starts with cold caches (on a VM, also a wake-up of the virtual CPU). That is "
        "the machine's cost, paid by /healthz too; the route − healthz column is the pipeline's. CPU "
        "time moves less than latency with other processes' load, so compare it across runs.",
        "",
        "Per-stage cost inside the pipeline at the comparison rate (the gateway's own `timings_ms`):",
        "",
        "| stage | p50 ms | p99 ms | mean ms |",
        "| --- | --- | --- | --- |",
        *(f"| {name} | {s.p50_ms:.3f} | {s.p99_ms:.3f} | {s.mean_ms:.3f} |" for name, s in stages.items()),
        "",
    ]
    total = stages.get("total")
    if total is not None:
        lines.append(
            f"Outside the pipeline (HTTP, JSON, event loop, kernel; client p50 minus pipeline p50): "
            f"{max(r.p50_ms - total.p50_ms, 0.0):.2f} ms."
        )
    if speed.profile is not None:
        lines.append(
            f"py-spy profile of the server during the comparison run: `{speed.profile}` (speedscope format)."
        )
    decisions = ", ".join(f"{k} {v}" for k, v in speed.route.server.decisions.items())
    lines += [
        f"Decisions in the comparison run: {decisions}. The fallback model points at a dead loopback port, "
        "so `fallback` decisions take the degraded path (apology reply) without leaving the machine.",
        "",
    ]
    return "\n".join(lines)


def _noise_warning(speed: GatewaySpeed) -> list[str]:
    # Two cores, one for the gateway and one for the generator: any other runnable process takes CPU from
    # one of them, and latency percentiles show it long before the CPU-per-request figure does.
    busiest = max(speed.load_average_before[0], speed.load_average_after[0])
    if busiest <= _QUIET_LOAD_AVERAGE:
        return []
    return [
        f"**Noisy run**: the load average reached {busiest:.1f} on this 2-core machine (other processes were "
        "running), so the latency percentiles below are the machine's, not the gateway's; the CPU time per "
        "request is the more trustworthy figure. Rerun the command on a quiet machine.",
        "",
    ]


def _path(url: str) -> str:
    return "/" + url.split("//", 1)[1].split("/", 1)[1]


def replace_docs_section(docs: Path, section: str) -> None:
    """Replace only our section of docs/benchmarks.md (up to the next ``## ``), or append it."""
    text = docs.read_text(encoding="utf-8") if docs.exists() else "# Benchmarks\n"
    start = text.find(DOCS_SECTION)
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(DOCS_SECTION))
        rest = text[end + 1 :] if end >= 0 else ""
        text = text[:start] + section.rstrip("\n") + "\n" + ("\n" + rest if rest else "")
    docs.parent.mkdir(parents=True, exist_ok=True)
    docs.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
