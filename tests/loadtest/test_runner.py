"""The open-loop runner against real uvicorn servers on loopback."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import pytest

from loadtest.histogram import LatencyHistogram
from loadtest.http_request import build_requests
from loadtest.plan import Endpoint, RunConfig
from loadtest.runner import run_load
from loadtest.target import parse_target


def get_endpoint(url: str, name: str = "e") -> Endpoint:
    target = parse_target(url, method="GET")
    return Endpoint(name, target, build_requests(target, ("unused",), budget_ms=800))


def route_endpoint(url: str) -> Endpoint:
    target = parse_target(url)
    return Endpoint(
        "route", target, build_requests(target, ("我想在望京找两居", "押金怎么算"), budget_ms=800)
    )


@pytest.fixture
def refusing_url() -> Iterator[str]:
    # Bound but not listening: connections to it are refused, and no other test can take the port meanwhile.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/healthz"


def test_stalled_server_delay_shows_in_latencies_of_requests_scheduled_during_the_pause(
    serve_serial: Callable[..., AbstractContextManager[str]],
) -> None:
    rate, pause_s = 200.0, 0.3
    with serve_serial(stall_at=40, stall_s=pause_s) as url:  # request 40 is due at 0.2 s
        result = run_load([get_endpoint(f"{url}/v1/route")], RunConfig(rate_per_s=rate, duration_s=1.2))
    endpoint = result.endpoints[0]
    histogram = LatencyHistogram.from_encoded(endpoint.histogram_hdr)
    # Requests due in the first half of the pause waited more than half of it: about rate × pause / 2 = 30
    # (more on a busy machine, where draining the queue after the pause takes a while). A closed-loop
    # client would have sent none of them until the stall ended, and recorded one slow request.
    waited = histogram.count_above_ms(pause_s * 1e3 / 2)
    assert waited >= 24, waited
    assert endpoint.latency.max_ms >= pause_s * 1e3 * 0.95
    # …while the requests due outside the pause (most of them) are not charged for it.
    assert endpoint.latency.p50_ms < pause_s * 1e3 / 6
    assert endpoint.ok == endpoint.scheduled == 240


def test_requests_past_the_timeout_are_counted_as_timeouts_and_the_run_still_ends(
    misbehaving_url: str,
) -> None:
    result = run_load(
        [get_endpoint(f"{misbehaving_url}/hang")], RunConfig(rate_per_s=50, duration_s=0.2, timeout_s=0.1)
    )
    endpoint = result.endpoints[0]
    assert (endpoint.scheduled, endpoint.timeouts, endpoint.ok) == (10, 10, 0)
    assert endpoint.latency.count == 10
    assert endpoint.latency.p50_ms >= 100  # recorded when given up: never less than the timeout
    assert endpoint.over_budget_share == 1.0


def test_refused_connections_are_counted_as_errors(refusing_url: str) -> None:
    result = run_load([get_endpoint(refusing_url)], RunConfig(rate_per_s=50, duration_s=0.1))
    endpoint = result.endpoints[0]
    assert endpoint.errors == {"ConnectionRefusedError": 5}
    assert endpoint.ok == 0 and endpoint.latency.count == 0
    assert endpoint.error_share == 1.0


def test_error_statuses_are_counted_by_code_and_keep_their_latency(misbehaving_url: str) -> None:
    result = run_load([get_endpoint(f"{misbehaving_url}/error")], RunConfig(rate_per_s=100, duration_s=0.2))
    endpoint = result.endpoints[0]
    assert endpoint.errors == {"http_500": 20}
    assert endpoint.latency.count == 20
    assert endpoint.over_budget_share == 1.0


def test_server_stage_timings_and_decisions_are_summarised_from_responses(misbehaving_url: str) -> None:
    result = run_load(
        [route_endpoint(f"{misbehaving_url}/v1/route")], RunConfig(rate_per_s=100, duration_s=0.3)
    )
    server = result.endpoints[0].server
    assert list(server.stages) == ["sanitize", "guard", "classify", "fallback", "total"]
    assert server.stages["classify"].p99_ms == pytest.approx(0.5, rel=1e-3)
    assert server.stages["fallback"].max_ms == 0.0
    assert server.decisions == {"routed": 30}
    assert server.responses_read == 30


def test_each_endpoint_gets_the_full_rate_in_the_same_run(misbehaving_url: str) -> None:
    endpoints = [
        get_endpoint(f"{misbehaving_url}/healthz", "healthz"),
        route_endpoint(f"{misbehaving_url}/v1/route"),
    ]
    result = run_load(endpoints, RunConfig(rate_per_s=100, duration_s=0.5))
    assert [(e.name, e.scheduled, e.ok) for e in result.endpoints] == [("healthz", 50, 50), ("route", 50, 50)]
    assert result.endpoints[0].server.stages == {}


def test_progress_is_reported_while_running(misbehaving_url: str) -> None:
    seen = []
    run_load(
        [get_endpoint(f"{misbehaving_url}/healthz")],
        RunConfig(rate_per_s=50, duration_s=1.2),
        on_progress=seen.append,
    )
    assert seen and seen[0].sent > 0 and seen[0].duration_s == 1.2
