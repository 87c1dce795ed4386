"""BackendClient against a stub server on loopback: bodies, typed errors, deadlines, breaker, streaming."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest
from aiohttp import web
from support import Handler, Seen, StubBackend, free_port

from service.backends import BackendClient, CircuitOpen
from service.backends.protocol import ChatCompletionRequest, ChatMessage
from service.breaker import CircuitBreaker
from service.errors import BackendBadResponse, BackendTimeout, BackendUnavailable

BODY = ChatCompletionRequest(messages=[ChatMessage(role="user", content="hi")], model="m")


@asynccontextmanager
async def client_for(
    handler: Handler, *, failures: int = 3, **options: Any
) -> AsyncIterator[tuple[BackendClient, list[Seen]]]:
    async with StubBackend(handler) as stub:
        breaker = options.pop("breaker", None) or CircuitBreaker(
            "vllm", failure_threshold=failures, reset_s=60
        )
        client = BackendClient("vllm", base_url=f"{stub.url}/v1", breaker=breaker, **options)
        try:
            yield client, stub.seen
        finally:
            await client.aclose()


def answer(response: Callable[[], web.StreamResponse]) -> Handler:
    # aiohttp responses are single-use: build a fresh one per request.
    return lambda request: response()


def in_ms(ms: float) -> float:
    return time.monotonic() + ms / 1000


def identity(payload: dict[str, Any]) -> dict[str, Any]:
    return payload


async def test_json_answer_is_parsed_and_the_body_sent_as_json() -> None:
    async with client_for(answer(lambda: web.json_response({"ok": 1}))) as (client, seen):
        assert await client.post("chat/completions", BODY, identity, deadline=in_ms(500)) == {"ok": 1}
    assert seen[0].path == "/v1/chat/completions"
    assert seen[0].headers["content-type"] == "application/json"
    assert seen[0].content == BODY.model_dump_json(exclude_none=True).encode()


async def test_an_absolute_url_is_used_as_it_is() -> None:
    async with StubBackend(answer(lambda: web.json_response({}))) as stub:
        breaker = CircuitBreaker("vllm", failure_threshold=1, reset_s=1)
        client = BackendClient("vllm", base_url=f"{stub.url}/v1", breaker=breaker)
        await client.post(f"{stub.url}/classify", BODY, identity, deadline=in_ms(500))
        await client.aclose()
    assert stub.seen[0].path == "/classify"


@pytest.mark.parametrize(
    ("response", "error"),
    [
        (lambda: web.Response(status=500, text="boom"), BackendUnavailable),
        (lambda: web.Response(status=503), BackendUnavailable),
        (lambda: web.Response(status=404, text="no such model"), BackendBadResponse),
        (lambda: web.Response(text="<html>"), BackendBadResponse),
        (lambda: web.json_response([1, 2]), BackendBadResponse),
    ],
)
async def test_failures_become_typed_errors(
    response: Callable[[], web.StreamResponse], error: type[Exception]
) -> None:
    async with client_for(answer(response)) as (client, _):
        with pytest.raises(error):
            await client.post("chat/completions", BODY, identity, deadline=in_ms(500))


async def test_refused_connection_is_unavailable() -> None:
    client = BackendClient(
        "vllm",
        base_url=f"http://127.0.0.1:{free_port()}/v1",
        breaker=CircuitBreaker("vllm", failure_threshold=3, reset_s=60),
    )
    with pytest.raises(BackendUnavailable):
        await client.post("chat/completions", BODY, identity, deadline=in_ms(500))
    await client.aclose()


async def test_parse_rejecting_the_answer_is_a_bad_response() -> None:
    def reject(payload: dict[str, Any]) -> None:
        raise ValueError("not a label")

    async with client_for(answer(lambda: web.json_response({}))) as (client, _):
        with pytest.raises(BackendBadResponse, match="not a label"):
            await client.post("chat/completions", BODY, reject, deadline=in_ms(500))


async def hang(request: web.Request) -> web.StreamResponse:
    await asyncio.Event().wait()
    raise AssertionError("unreachable")


async def test_hanging_backend_times_out_at_the_deadline() -> None:
    async with client_for(hang) as (client, _):
        started = time.monotonic()
        with pytest.raises(BackendTimeout):
            await client.post("chat/completions", BODY, identity, deadline=in_ms(50))
        assert time.monotonic() - started < 0.5


async def test_no_call_is_made_once_the_deadline_has_passed() -> None:
    async with client_for(answer(lambda: web.json_response({}))) as (client, seen):
        with pytest.raises(BackendTimeout):
            await client.post("chat/completions", BODY, identity, deadline=time.monotonic() - 0.001)
    assert seen == []


async def test_open_breaker_skips_the_call() -> None:
    async with client_for(answer(lambda: web.Response(status=500)), failures=2) as (client, seen):
        for _ in range(2):
            with pytest.raises(BackendUnavailable):
                await client.post("chat/completions", BODY, identity, deadline=in_ms(500))
        with pytest.raises(CircuitOpen):
            await client.post("chat/completions", BODY, identity, deadline=in_ms(500))
    assert len(seen) == 2


async def test_api_key_is_sent_as_bearer_token() -> None:
    async with client_for(answer(lambda: web.json_response({})), api_key="sk-test") as (client, seen):
        await client.post("chat/completions", BODY, identity, deadline=in_ms(500))
    assert seen[0].headers["authorization"] == "Bearer sk-test"


async def test_health_probe_reports_2xx_and_anything_else() -> None:
    async with StubBackend(answer(lambda: web.Response(status=200))) as up:
        breaker = CircuitBreaker("vllm", failure_threshold=1, reset_s=1)
        client = BackendClient("vllm", base_url=up.url, breaker=breaker, health_url=f"{up.url}/health")
        assert await client.check() is True
        await client.aclose()
    dead = BackendClient(
        "vllm", base_url="http://127.0.0.1:1", breaker=breaker, health_url=f"http://127.0.0.1:{free_port()}/h"
    )
    assert await dead.check() is False
    assert await BackendClient("x", base_url="http://127.0.0.1:1", breaker=breaker).check() is None
    await dead.aclose()


# --- streaming ------------------------------------------------------------------------------------------


def sse(*events: str) -> bytes:
    return "".join(f"data: {e}\n\n" for e in events).encode()


def events(*events: str) -> Handler:
    return answer(lambda: web.Response(body=sse(*events), content_type="text/event-stream"))


async def collect(client: BackendClient, deadline: float) -> list[dict[str, Any]]:
    return [item async for item in client.stream("chat/completions", BODY, identity, deadline=deadline)]


async def test_stream_yields_each_event_until_done() -> None:
    async with client_for(events('{"n": 1}', '{"n": 2}', "[DONE]", '{"n": 3}')) as (client, _):
        assert await collect(client, in_ms(500)) == [{"n": 1}, {"n": 2}]
        assert client.breaker.state.value == "closed"


@pytest.mark.parametrize(
    ("handler", "error"),
    [
        (answer(lambda: web.Response(status=500, text="boom")), BackendUnavailable),
        (answer(lambda: web.Response(status=400, text="bad")), BackendBadResponse),
        (events('{"n": 1}', "<html>"), BackendBadResponse),
        (events("[1, 2]"), BackendBadResponse),
    ],
)
async def test_stream_failures_become_typed_errors(handler: Handler, error: type[Exception]) -> None:
    async with client_for(handler) as (client, _):
        with pytest.raises(error):
            await collect(client, in_ms(500))


async def test_stream_that_stops_mid_way_times_out_at_the_deadline() -> None:
    async def first_then_hang(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"content-type": "text/event-stream"})
        await response.prepare(request)
        await response.write(sse('{"n": 1}'))
        await asyncio.Event().wait()
        return response

    async with client_for(first_then_hang) as (client, _):
        got: list[dict[str, Any]] = []
        started = time.monotonic()
        with pytest.raises(BackendTimeout):
            async for item in client.stream("chat/completions", BODY, identity, deadline=in_ms(150)):
                got.append(item)
        assert got == [{"n": 1}]
        assert time.monotonic() - started < 0.5


async def test_closing_a_stream_early_is_no_verdict_on_the_backend() -> None:
    now = [0.0]
    breaker = CircuitBreaker("fallback", failure_threshold=1, reset_s=60, clock=lambda: now[0])
    async with client_for(events('{"n": 1}', '{"n": 2}'), breaker=breaker) as (client, _):
        breaker.record_failure()
        now[0] = 61.0  # half-open: the next call is the one probe
        items = client.stream("chat/completions", BODY, identity, deadline=in_ms(500))
        assert await anext(items) == {"n": 1}
        await items.aclose()
    assert breaker.allow()  # the probe slot was given back, not spent, and the breaker did not close
    assert breaker.state.value == "half_open"
