"""What one open-loop run measured: per endpoint, and about the generator itself."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from loadtest.histogram import LatencySummary
from loadtest.stages import ServerTimings

__all__ = ["EndpointResult", "GeneratorHealth", "RunResult"]


@dataclass(frozen=True, slots=True)
class EndpointResult:
    """One URL's outcome.

    ``latency`` covers every request that got an HTTP answer (any status) or timed out, measured from
    its scheduled send time; a timed-out request is recorded at the moment it was given up, a lower
    bound on its true latency, so giving up never improves the percentiles. Transport errors
    (refused, reset) have no latency and are only counted.
    ``over_budget_share`` is the share of scheduled requests that did *not* get a 2xx answer within
    the budget: slow, failed and timed-out requests all count against it.
    """

    name: str
    url: str
    method: str
    scheduled: int
    ok: int
    errors: Mapping[str, int]
    timeouts: int
    not_sent: int
    over_budget_share: float
    latency: LatencySummary
    percentile_curve: tuple[tuple[float, float], ...]
    server: ServerTimings
    histogram_hdr: str

    @property
    def failed(self) -> int:
        return sum(self.errors.values()) + self.timeouts + self.not_sent

    @property
    def error_share(self) -> float:
        return self.failed / self.scheduled if self.scheduled else 0.0


@dataclass(frozen=True, slots=True)
class GeneratorHealth:
    """Whether the numbers are the server's or the generator's.

    ``send_lag`` is how late requests left against their schedule: when its p99 is large the generator
    (or the machine) could not keep up, and latencies include that wait, which is honest but not the
    server's fault. ``cpu_share`` is the generator process's CPU time over wall time; near 1.0 it was
    the bottleneck.
    """

    send_lag: LatencySummary
    cpu_share: float
    max_connections_open: int
    event_loop: str


@dataclass(frozen=True, slots=True)
class RunResult:
    """One run at one rate; ``rate_per_s`` is per endpoint, so the offered total is rate × endpoints."""

    rate_per_s: float
    duration_s: float
    arrivals: str
    budget_ms: int
    timeout_s: float
    started_at: str
    wall_s: float
    endpoints: tuple[EndpointResult, ...]
    generator: GeneratorHealth

    def p99_holds(self, *, limit_ms: float, max_error_share: float) -> bool:
        """Whether every endpoint's p99 is within ``limit_ms`` and its failures within ``max_error_share``."""
        return all(
            e.latency.count > 0 and e.latency.p99_ms <= limit_ms and e.error_share <= max_error_share
            for e in self.endpoints
        )
