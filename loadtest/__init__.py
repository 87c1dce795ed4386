"""Open-loop load generator and latency report for the gateway (``intent-router loadtest``), and the
cost comparison (``intent-router cost``, in :mod:`loadtest.cost`).

Library use::

    target = parse_target("http://127.0.0.1:8000/v1/route")
    endpoint = Endpoint("route", target, build_requests(target, load_mix(None), budget_ms=800))
    result = run_load([endpoint], RunConfig(rate_per_s=200, duration_s=10))
    print(result.endpoints[0].latency.p99_ms)
"""

from loadtest.arrivals import (
    MAX_REQUESTS_PER_RUN,
    ArrivalProcess,
    iter_arrival_offsets,
    iter_endpoint_arrivals,
)
from loadtest.ceiling import Ceiling, measure_ceiling
from loadtest.errors import LoadTestError, MixError, RemoteTargetRefused, UnsupportedTarget
from loadtest.histogram import LatencyHistogram, LatencySummary
from loadtest.http_request import TEXT_PLACEHOLDER, build_requests, build_templated_requests
from loadtest.mix import BUILTIN_UTTERANCES, find_default_mix, load_mix
from loadtest.plan import Endpoint, RunConfig
from loadtest.result import EndpointResult, GeneratorHealth, RunResult
from loadtest.runner import Progress, run_load, run_open_loop
from loadtest.stages import ServerTimings
from loadtest.step import StepOutcome, StepSearch, find_max_rate, parse_step_rates
from loadtest.target import Target, is_loopback_host, parse_target

__all__ = [
    "BUILTIN_UTTERANCES",
    "MAX_REQUESTS_PER_RUN",
    "TEXT_PLACEHOLDER",
    "ArrivalProcess",
    "Ceiling",
    "Endpoint",
    "EndpointResult",
    "GeneratorHealth",
    "LatencyHistogram",
    "LatencySummary",
    "LoadTestError",
    "MixError",
    "Progress",
    "RemoteTargetRefused",
    "RunConfig",
    "RunResult",
    "ServerTimings",
    "StepOutcome",
    "StepSearch",
    "Target",
    "UnsupportedTarget",
    "build_requests",
    "build_templated_requests",
    "find_default_mix",
    "find_max_rate",
    "is_loopback_host",
    "iter_arrival_offsets",
    "iter_endpoint_arrivals",
    "load_mix",
    "measure_ceiling",
    "parse_step_rates",
    "parse_target",
    "run_load",
    "run_open_loop",
]
