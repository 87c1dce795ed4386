"""Small real servers for the load tester's tests, served by uvicorn on loopback (``support``)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from support import serve_in_thread

ROUTE_ANSWER = {
    "request_id": "r",
    "decision": "routed",
    "intent": "find_listing",
    "label": "找房",
    "confidence": 0.97,
    "target": "listing_search",
    "reply": None,
    "sanitized_text": "我想在望京找两居",
    "pii": [],
    "guard": {"blocked": False, "score": 0.0, "reasons": []},
    "classifier": "embedded",
    "degraded": False,
    "degraded_reason": None,
    "timings_ms": {"sanitize": 0.2, "guard": 0.1, "classify": 0.5, "fallback": 0.0, "total": 0.9},
}


class SerialServer:
    """Answers one request at a time (like a single-threaded worker), taking ``service_s`` for each;
    the ``stall_at``-th request (0-based) instead holds everything up for ``stall_s``. Capacity is
    1 / service_s requests per second."""

    def __init__(self, *, service_s: float = 0.0, stall_at: int | None = None, stall_s: float = 0.0) -> None:
        self.service_s = service_s
        self.stall_at = stall_at
        self.stall_s = stall_s
        self.seen = 0
        self._lock: asyncio.Lock | None = None

    async def _route(self, request: Request) -> Response:
        await request.body()
        if self._lock is None:
            self._lock = asyncio.Lock()  # made on the server's own loop
        async with self._lock:
            index = self.seen
            self.seen += 1
            if index == self.stall_at:
                await asyncio.sleep(self.stall_s)  # the simulated stall (a GC pause, a blocked loop)
            elif self.service_s:
                await asyncio.sleep(self.service_s)  # the simulated service time
        return JSONResponse(ROUTE_ANSWER)

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/v1/route", self._route, methods=["POST", "GET"])])


class MisbehavingServer:
    """``/hang`` answers only after the client has given up; ``/error`` answers 500; ``/healthz`` and
    ``/v1/route`` answer at once."""

    async def _hang(self, request: Request) -> Response:
        await request.body()
        # After the body, uvicorn's receive() returns only when the client disconnects.
        await request.receive()
        return PlainTextResponse("too late")

    async def _error(self, request: Request) -> Response:
        return PlainTextResponse("boom", status_code=500)

    async def _healthz(self, request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def _route(self, request: Request) -> Response:
        await request.body()
        return JSONResponse(ROUTE_ANSWER)

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/hang", self._hang),
                Route("/error", self._error),
                Route("/healthz", self._healthz),
                Route("/v1/route", self._route, methods=["POST"]),
            ]
        )


@pytest.fixture
def misbehaving_url() -> Iterator[str]:
    """Base URL of a running :class:`MisbehavingServer`."""
    with serve_in_thread(MisbehavingServer().app()) as url:
        yield url


@pytest.fixture
def serve_serial() -> Callable[..., AbstractContextManager[str]]:
    """``serve_serial(service_s=, stall_at=, stall_s=)`` serves a :class:`SerialServer`; yields its URL."""

    def start(
        *, service_s: float = 0.0, stall_at: int | None = None, stall_s: float = 0.0
    ) -> AbstractContextManager[str]:
        return serve_in_thread(SerialServer(service_s=service_s, stall_at=stall_at, stall_s=stall_s).app())

    return start
