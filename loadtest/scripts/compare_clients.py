"""Why the load generator has its own HTTP client: httpx's ceiling against ours, same trivial server.

    .venv/bin/python loadtest/scripts/compare_clients.py [--requests 10000] [--concurrency 64]

Starts ``loadtest.trivial_server`` in a child process, then drives it as fast as possible with
(1) ``httpx.AsyncClient`` (closed loop, ``concurrency`` tasks sharing one pooled client) and
(2) the load generator's own runner (open loop at an unreachable rate, same connection cap),
on the default asyncio loop and on uvloop, and prints requests per second for each.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Callable

import httpx

from loadtest.plan import Endpoint, RunConfig
from loadtest.runner import run_open_loop
from loadtest.target import parse_target
from loadtest.trivial_server import spawn

_BODY = {"text": "我想在望京找两居", "budget_ms": 800}


async def _httpx_rps(url: str, requests: int, concurrency: int) -> float:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=10.0) as client:
        remaining = requests

        async def worker() -> None:
            nonlocal remaining
            while remaining > 0:
                remaining -= 1
                response = await client.post(url, json=_BODY)
                response.json()

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return requests / (time.perf_counter() - start)


async def _runner_rps(url: str, requests: int, concurrency: int) -> float:
    target = parse_target(url)
    # Built by hand rather than with build_requests, so this script does not need the gateway importable.
    body = json.dumps(_BODY, ensure_ascii=False).encode("utf-8")
    head = f"POST {target.path} HTTP/1.1\r\nHost: {target.host_header}\r\nContent-Type: application/json\r\n"
    request = (head + f"Content-Length: {len(body)}\r\n\r\n").encode("ascii") + body
    endpoint = Endpoint("route", target, (request,))
    # An unreachable rate: the schedule is always due, so the runner sends as fast as it can.
    rate = 1_000_000.0
    result = await run_open_loop(
        [endpoint], RunConfig(rate_per_s=rate, duration_s=requests / rate, max_connections=concurrency)
    )
    return result.endpoints[0].ok / result.wall_s


def _loops() -> list[tuple[str, Callable[[], asyncio.AbstractEventLoop]]]:
    loops: list[tuple[str, Callable[[], asyncio.AbstractEventLoop]]] = [("asyncio", asyncio.new_event_loop)]
    try:
        import uvloop
    except ImportError:
        return loops
    return [*loops, ("uvloop", uvloop.new_event_loop)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=64)
    args = parser.parse_args()
    with spawn() as port:
        url = f"http://127.0.0.1:{port}/v1/route"
        for loop_name, factory in _loops():
            for client_name, measure in (("httpx.AsyncClient", _httpx_rps), ("loadtest runner", _runner_rps)):
                with asyncio.Runner(loop_factory=factory) as runner:
                    rps = runner.run(measure(url, args.requests, args.concurrency))
                print(f"{client_name:18} on {loop_name:8}: {rps:8.0f} req/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
