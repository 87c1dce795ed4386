"""Why the gateway calls its back-ends with aiohttp: client CPU per call, httpx against aiohttp.

    .venv/bin/python loadtest/scripts/backend_client_cost.py [--calls 1000] [--rounds 5] [--cpu 0]

Starts ``loadtest.trivial_server`` in a child process, then makes sequential JSON POSTs to it, as the
gateway does to vLLM (one call per request), with (1) ``httpx.AsyncClient``, (2) a bare
``aiohttp.ClientSession`` and (3) the gateway's own ``BackendClient.post`` (aiohttp underneath, plus the
breaker, the deadline and the typed errors). It prints the client's CPU time per call (process time, best
of ``--rounds``), pinned to ``--cpu`` so the server runs elsewhere.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import httpx
import uvloop

from loadtest.trivial_server import spawn
from service.backends import BackendClient
from service.backends.protocol import ChatCompletionRequest, ChatMessage
from service.breaker import CircuitBreaker

_BODY = ChatCompletionRequest(messages=[ChatMessage(role="user", content="我想在望京找两居")], model="m")
_RAW = _BODY.model_dump_json(exclude_none=True).encode()
_HEADERS = {"content-type": "application/json"}


async def _best_us(call: Callable[[], Awaitable[Any]], calls: int, rounds: int) -> float:
    for _ in range(100):  # warm: connections open, code paths hot
        await call()
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        for _ in range(calls):
            await call()
        best = min(best, (time.process_time() - started) / calls * 1e6)
    return best


async def _httpx(url: str, calls: int, rounds: int) -> float:
    async with httpx.AsyncClient() as client:

        async def call() -> Any:
            return (await client.post(url, content=_RAW, headers=_HEADERS)).json()

        return await _best_us(call, calls, rounds)


async def _aiohttp(url: str, calls: int, rounds: int) -> float:
    async with aiohttp.ClientSession() as session:

        async def call() -> Any:
            async with session.post(url, data=_RAW, headers=_HEADERS) as response:
                return json.loads(await response.read())

        return await _best_us(call, calls, rounds)


async def _backend_client(url: str, calls: int, rounds: int) -> float:
    breaker = CircuitBreaker("bench", failure_threshold=1_000_000, reset_s=1)
    client = BackendClient("bench", base_url=url.rsplit("/", 1)[0], breaker=breaker)
    try:

        async def call() -> Any:
            return await client.post("route", _BODY, dict, deadline=time.monotonic() + 5)

        return await _best_us(call, calls, rounds)
    finally:
        await client.aclose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cpu", type=int, default=0, help="CPU for this client; the server gets the others")
    args = parser.parse_args()
    os.sched_setaffinity(0, {args.cpu})  # first: the server is then pinned to the other CPUs
    with spawn() as port:
        url = f"http://127.0.0.1:{port}/v1/route"
        print(f"client CPU per sequential call, best of {args.rounds} × {args.calls}, on uvloop:")
        for name, measure in (
            ("httpx.AsyncClient", _httpx),
            ("aiohttp.ClientSession", _aiohttp),
            ("BackendClient.post", _backend_client),
        ):
            with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
                print(f"  {name:22} {runner.run(measure(url, args.calls, args.rounds)):6.0f} µs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
