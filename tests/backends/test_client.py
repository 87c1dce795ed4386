from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from service.backends import BackendClient, CircuitOpen
from service.backends.protocol import ChatCompletionRequest, ChatMessage
from service.breaker import CircuitBreaker
from service.errors import BackendBadResponse, BackendTimeout, BackendUnavailable

BODY = ChatCompletionRequest(messages=[ChatMessage(role="user", content="hi")], model="m")


def client_for(handler: Any, *, failures: int = 3) -> tuple[BackendClient, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    async def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        result = handler(request)
        return await result if asyncio.iscoroutine(result) else result

    breaker = CircuitBreaker("vllm", failure_threshold=failures, reset_s=60)
    client = BackendClient(
        "vllm", base_url="http://backend/v1", breaker=breaker, transport=httpx.MockTransport(record)
    )
    return client, seen


def in_ms(ms: float) -> float:
    return time.monotonic() + ms / 1000


def identity(payload: dict[str, Any]) -> dict[str, Any]:
    return payload


async def test_json_answer_is_parsed_and_the_body_sent_as_json() -> None:
    client, seen = client_for(lambda r: httpx.Response(200, json={"ok": 1}))
    assert await client.post("chat/completions", BODY, identity, deadline=in_ms(500)) == {"ok": 1}
    assert seen[0].url == "http://backend/v1/chat/completions"
    assert seen[0].headers["content-type"] == "application/json"


@pytest.mark.parametrize(
    ("response", "error"),
    [
        (httpx.Response(500, text="boom"), BackendUnavailable),
        (httpx.Response(503), BackendUnavailable),
        (httpx.Response(404, text="no such model"), BackendBadResponse),
        (httpx.Response(200, text="<html>"), BackendBadResponse),
        (httpx.Response(200, json=[1, 2]), BackendBadResponse),
    ],
)
async def test_failures_become_typed_errors(response: httpx.Response, error: type[Exception]) -> None:
    client, _ = client_for(lambda r: response)
    with pytest.raises(error):
        await client.post("chat/completions", BODY, identity, deadline=in_ms(500))


async def test_refused_connection_is_unavailable() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    client, _ = client_for(refuse)
    with pytest.raises(BackendUnavailable):
        await client.post("chat/completions", BODY, identity, deadline=in_ms(500))


async def test_parse_rejecting_the_answer_is_a_bad_response() -> None:
    def reject(payload: dict[str, Any]) -> None:
        raise ValueError("not a label")

    client, _ = client_for(lambda r: httpx.Response(200, json={}))
    with pytest.raises(BackendBadResponse, match="not a label"):
        await client.post("chat/completions", BODY, reject, deadline=in_ms(500))


async def test_hanging_backend_times_out_at_the_deadline() -> None:
    async def hang(request: httpx.Request) -> httpx.Response:
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    client, _ = client_for(hang)
    started = time.monotonic()
    with pytest.raises(BackendTimeout):
        await client.post("chat/completions", BODY, identity, deadline=in_ms(50))
    assert time.monotonic() - started < 0.5


async def test_no_call_is_made_once_the_deadline_has_passed() -> None:
    client, seen = client_for(lambda r: httpx.Response(200, json={}))
    with pytest.raises(BackendTimeout):
        await client.post("chat/completions", BODY, identity, deadline=time.monotonic() - 0.001)
    assert seen == []


async def test_open_breaker_skips_the_call() -> None:
    client, seen = client_for(lambda r: httpx.Response(500), failures=2)
    for _ in range(2):
        with pytest.raises(BackendUnavailable):
            await client.post("chat/completions", BODY, identity, deadline=in_ms(500))
    with pytest.raises(CircuitOpen):
        await client.post("chat/completions", BODY, identity, deadline=in_ms(500))
    assert len(seen) == 2


async def test_api_key_is_sent_as_bearer_token() -> None:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    client = BackendClient(
        "fallback",
        base_url="http://backend/v1",
        breaker=CircuitBreaker("fallback", failure_threshold=1, reset_s=1),
        api_key="sk-test",
        transport=httpx.MockTransport(record),
    )
    await client.post("chat/completions", BODY, identity, deadline=in_ms(500))
    assert seen[0].headers["authorization"] == "Bearer sk-test"


# --- streaming ------------------------------------------------------------------------------------------


def sse(*events: str) -> bytes:
    return "".join(f"data: {e}\n\n" for e in events).encode()


async def collect(client: BackendClient, deadline: float) -> list[dict[str, Any]]:
    return [item async for item in client.stream("chat/completions", BODY, identity, deadline=deadline)]


async def test_stream_yields_each_event_until_done() -> None:
    body = sse('{"n": 1}', '{"n": 2}', "[DONE]", '{"n": 3}')
    client, _ = client_for(lambda r: httpx.Response(200, content=body))
    assert await collect(client, in_ms(500)) == [{"n": 1}, {"n": 2}]
    assert client.breaker.state.value == "closed"


@pytest.mark.parametrize(
    ("response", "error"),
    [
        (httpx.Response(500, text="boom"), BackendUnavailable),
        (httpx.Response(400, text="bad"), BackendBadResponse),
        (httpx.Response(200, content=sse('{"n": 1}', "<html>")), BackendBadResponse),
        (httpx.Response(200, content=sse("[1, 2]")), BackendBadResponse),
    ],
)
async def test_stream_failures_become_typed_errors(response: httpx.Response, error: type[Exception]) -> None:
    client, _ = client_for(lambda r: response)
    with pytest.raises(error):
        await collect(client, in_ms(500))


async def test_stream_that_stops_mid_way_times_out_at_the_deadline() -> None:
    async def trickle() -> AsyncIterator[bytes]:
        yield sse('{"n": 1}')
        await asyncio.Event().wait()

    client, _ = client_for(lambda r: httpx.Response(200, content=trickle()))
    got: list[dict[str, Any]] = []
    started = time.monotonic()
    with pytest.raises(BackendTimeout):
        async for item in client.stream("chat/completions", BODY, identity, deadline=in_ms(100)):
            got.append(item)
    assert got == [{"n": 1}]
    assert time.monotonic() - started < 0.5


async def test_closing_a_stream_early_is_no_verdict_on_the_backend() -> None:
    now = [0.0]
    breaker = CircuitBreaker("fallback", failure_threshold=1, reset_s=60, clock=lambda: now[0])
    client = BackendClient(
        "fallback",
        base_url="http://backend/v1",
        breaker=breaker,
        transport=httpx.MockTransport(lambda r: httpx.Response(200, content=sse('{"n": 1}', '{"n": 2}'))),
    )
    breaker.record_failure()
    now[0] = 61.0  # half-open: the next call is the one probe
    items = client.stream("chat/completions", BODY, identity, deadline=in_ms(500))
    assert await anext(items) == {"n": 1}
    await items.aclose()
    assert breaker.allow()  # the probe slot was given back, not spent, and the breaker did not close
    assert breaker.state.value == "half_open"
