"""One pooled HTTP client per model back-end, bounded by the request's deadline, behind a breaker.

Every failure becomes a typed :class:`service.errors.BackendError`; the caller decides how to degrade.

aiohttp rather than httpx: one call to a loopback server costs about 185 µs of client CPU with aiohttp
and 870 µs with httpx on this machine (docs/benchmarks.md), more than the whole pipeline, on every
request that asks vLLM.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import Any, TypeVar

import aiohttp
from pydantic import BaseModel

from service.breaker import CircuitBreaker
from service.errors import BackendBadResponse, BackendError, BackendTimeout, BackendUnavailable
from service.metrics import BACKEND_REQUESTS

__all__ = ["BackendClient", "CircuitOpen"]

_JSON = {"content-type": "application/json"}


def _encode(body: BaseModel) -> bytes:
    return body.model_dump_json(exclude_none=True).encode()


T = TypeVar("T")
E = TypeVar("E", bound=BackendError)


class CircuitOpen(BackendUnavailable):
    outcome = "circuit_open"


class BackendClient:
    """POSTs JSON to an OpenAI-compatible server over a pooled aiohttp session.

    The pool keeps connections warm (a fresh TCP+TLS handshake would eat the budget). The session is
    made on first use, inside the running event loop, as aiohttp requires.
    """

    def __init__(
        self,
        name: str,
        *,
        base_url: str,
        breaker: CircuitBreaker,
        api_key: str | None = None,
        connect_timeout_s: float = 0.2,
        max_connections: int = 100,
        health_url: str | None = None,
    ) -> None:
        self.name = name
        self.base_url = base_url.rstrip("/")
        self.breaker = breaker
        self.health_url = health_url
        self._headers = {"authorization": f"Bearer {api_key}"} if api_key else {}
        self._connect_timeout_s = connect_timeout_s
        self._max_connections = max_connections
        self._http: aiohttp.ClientSession | None = None

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.close()
            self._http = None

    async def check(self, timeout_s: float = 0.5) -> bool | None:
        """GET ``health_url``: whether it answered 2xx in time; ``None`` when there is nothing to probe
        (a paid external API is not polled). Does not touch the breaker: a probe is not traffic."""
        if self.health_url is None:
            return None
        try:
            async with asyncio.timeout(timeout_s), self._session().get(self.health_url) as response:
                return 200 <= response.status < 300
        except (TimeoutError, aiohttp.ClientError):
            return False

    async def post(
        self, path: str, body: BaseModel, parse: Callable[[dict[str, Any]], T], *, deadline: float
    ) -> T:
        """POST ``body`` to ``path`` and return ``parse(decoded JSON object)``.

        ``parse`` raises ``ValueError`` (pydantic's ``ValidationError`` is one) when the answer is
        unusable — wrong shape, a label outside the taxonomy — which counts as a failed call.

        Raises :class:`BackendTimeout` if ``deadline`` (monotonic seconds) passes first — the request is
        cancelled, which closes its connection so the server can abort the work —
        :class:`CircuitOpen` without calling when the breaker is open, :class:`BackendUnavailable` on
        refused connections and 5xx, :class:`BackendBadResponse` on 4xx, a body that is not a JSON
        object, or ``parse`` failing.
        """
        remaining = self._admit(deadline)
        try:
            # Cancelled at the deadline, aiohttp drops the connection, so the server can abort the work.
            async with (
                asyncio.timeout(remaining),
                self._session().post(
                    self._url(path), data=_encode(body), headers=_JSON, timeout=self._timeout(remaining)
                ) as response,
            ):
                status, raw = response.status, await response.read()
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise self._fail(self._transport_error(exc, remaining)) from exc
        except asyncio.CancelledError:
            self.breaker.release()
            raise
        self._check_status(status, raw)
        result = self._parse(parse, self._json_object(raw, what="response"))
        self._succeed()
        return result

    async def stream(
        self, path: str, body: BaseModel, parse: Callable[[dict[str, Any]], T], *, deadline: float
    ) -> AsyncGenerator[T, None]:
        """POST ``body`` and yield ``parse(event)`` for each server-sent ``data:`` event until
        ``data: [DONE]`` or the end of the body.

        The same errors as :meth:`post`, raised from the iteration: before the first item when the
        call fails outright, later when the stream breaks off or ``deadline`` passes mid-way. Closing
        the iterator early closes the connection, so the server stops generating.
        """
        remaining = self._admit(deadline)
        try:
            async with asyncio.timeout(remaining):
                response = await self._session().post(
                    self._url(path), data=_encode(body), headers=_JSON, timeout=self._timeout(remaining)
                )
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise self._fail(self._transport_error(exc, remaining)) from exc
        except asyncio.CancelledError:
            self.breaker.release()
            raise
        finished = False
        try:
            if response.status >= 400:
                self._check_status(response.status, await self._read_within(response.read(), deadline))
            while line := await self._read_within(response.content.readline(), deadline):
                text = line.decode("utf-8", errors="replace").strip()
                data = text.removeprefix("data:").strip() if text.startswith("data:") else None
                if data == "[DONE]":
                    break
                if data:
                    yield self._parse(parse, self._json_object(data.encode(), what="event"))
            finished = True
        except (GeneratorExit, asyncio.CancelledError):
            self.breaker.release()  # closed early by the consumer: no verdict on the back-end
            raise
        finally:
            # Released to the pool only when read to the end; otherwise the connection is dropped,
            # which tells the server to stop generating.
            if finished:
                response.release()
            else:
                response.close()
        self._succeed()

    def _admit(self, deadline: float) -> float:
        """Seconds left for the call; raises before calling when there are none or the breaker is open."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise self._count(BackendTimeout(self.name, "no budget left before the call"))
        if not self.breaker.allow():
            raise self._count(CircuitOpen(self.name, "circuit breaker open"))
        return remaining

    def _session(self) -> aiohttp.ClientSession:
        if self._http is None:
            self._http = aiohttp.ClientSession(
                headers=self._headers,
                connector=aiohttp.TCPConnector(limit=self._max_connections),
                # Deadlines come from the request's budget (asyncio.timeout around each call).
                timeout=aiohttp.ClientTimeout(total=None, sock_connect=self._connect_timeout_s),
            )
        return self._http

    def _url(self, path: str) -> str:
        return path if "://" in path else f"{self.base_url}/{path.lstrip('/')}"

    def _timeout(self, remaining: float) -> aiohttp.ClientTimeout:
        return aiohttp.ClientTimeout(total=None, sock_connect=min(self._connect_timeout_s, remaining))

    def _transport_error(self, exc: Exception, remaining: float) -> BackendError:
        if isinstance(exc, aiohttp.ConnectionTimeoutError):
            return BackendUnavailable(self.name, "connect timed out")
        if isinstance(exc, TimeoutError):
            return BackendTimeout(self.name, f"no answer within {remaining * 1000:.0f} ms")
        return BackendUnavailable(self.name, f"{type(exc).__name__}: {exc}")

    async def _read_within(self, step: Awaitable[T], deadline: float) -> T:
        # One read at a time under the deadline: a timeout scope must not span the generator's yield,
        # or it would fire inside the consumer's code.
        try:
            async with asyncio.timeout(max(deadline - time.monotonic(), 0.0)):
                return await step
        except TimeoutError as exc:
            raise self._fail(BackendTimeout(self.name, "the answer did not finish in time")) from exc
        except aiohttp.ClientError as exc:
            raise self._fail(BackendUnavailable(self.name, f"{type(exc).__name__}: {exc}")) from exc

    def _check_status(self, status: int, raw: bytes) -> None:
        if status >= 500:
            raise self._fail(BackendUnavailable(self.name, f"HTTP {status}"))
        if status >= 400:
            detail = raw[:200].decode("utf-8", errors="replace")
            raise self._fail(BackendBadResponse(self.name, f"HTTP {status}: {detail}"))

    def _json_object(self, raw: bytes, *, what: str) -> dict[str, Any]:
        try:
            payload = json.loads(raw)
        except ValueError as exc:
            raise self._fail(BackendBadResponse(self.name, f"{what} is not JSON")) from exc
        if not isinstance(payload, dict):
            raise self._fail(BackendBadResponse(self.name, f"{what} is not a JSON object"))
        return payload

    def _parse(self, parse: Callable[[dict[str, Any]], T], payload: dict[str, Any]) -> T:
        try:
            return parse(payload)
        except ValueError as exc:
            raise self._fail(BackendBadResponse(self.name, f"unusable answer: {exc}"[:300])) from exc

    def _succeed(self) -> None:
        self.breaker.record_success()
        BACKEND_REQUESTS.labels(backend=self.name, outcome="ok").inc()

    def _fail(self, error: E) -> E:
        self.breaker.record_failure()
        return self._count(error)

    def _count(self, error: E) -> E:
        BACKEND_REQUESTS.labels(backend=self.name, outcome=error.outcome).inc()
        return error
