"""Step mode: the highest rate whose p99 holds, found on a server of known capacity."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest

from loadtest.http_request import build_requests
from loadtest.plan import Endpoint, RunConfig
from loadtest.step import MAX_STEPS, find_max_rate, parse_step_rates
from loadtest.target import parse_target


def test_step_mode_finds_the_knee_of_a_server_with_known_capacity(
    serve_serial: Callable[..., AbstractContextManager[str]],
) -> None:
    # One request at a time, 10 ms each: capacity ~95 req/s (a 10 ms asyncio sleep takes a little more). At
    # 80 req/s there is no queue, and a 100 ms limit leaves room for a busy machine's hiccups; at 120 req/s
    # the queue grows by ~25 requests a second, ~375 ms of waiting by the end of a 1.5 s step.
    with serve_serial(service_s=0.01) as url:
        target = parse_target(f"{url}/v1/route", method="GET")
        endpoint = Endpoint("serial", target, build_requests(target, ("x",), budget_ms=800))
        search = find_max_rate(
            [endpoint],
            RunConfig(rate_per_s=1, duration_s=1.5, timeout_s=3.0),
            parse_step_rates("40:200:40"),
            limit_ms=100,
        )
    tried = [(s.rate_per_s, s.holds) for s in search.steps]
    assert tried == [(40, True), (80, True), (120, False)], search.steps
    assert search.best_rate_per_s == 80
    assert len(search.runs) == 3


def test_step_rates_run_from_start_to_stop_inclusive() -> None:
    assert parse_step_rates("100:500:100") == (100, 200, 300, 400, 500)
    assert parse_step_rates("50:60:25") == (50,)


@pytest.mark.parametrize(
    "spec", ["100:500", "a:b:c", "0:100:10", "100:50:10", "10:100:-5", f"1:{MAX_STEPS + 1}:1"]
)
def test_malformed_or_unbounded_step_specs_are_refused(spec: str) -> None:
    with pytest.raises(ValueError):
        parse_step_rates(spec)


def test_a_failing_rate_is_retried_before_the_search_stops(misbehaving_url: str) -> None:
    target = parse_target(f"{misbehaving_url}/error")
    endpoint = Endpoint("error", target, build_requests(target, ("x",), budget_ms=800))
    search = find_max_rate(
        [endpoint], RunConfig(rate_per_s=1, duration_s=0.1), (50.0, 100.0), limit_ms=1000, retries=1
    )
    assert [(s.rate_per_s, s.holds) for s in search.steps] == [(50, False), (50, False)]
    assert search.best_rate_per_s is None
