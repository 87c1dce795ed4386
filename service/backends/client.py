"""One pooled HTTP client per model back-end, bounded by the request's deadline, behind a breaker.

Every failure becomes a typed :class:`service.errors.BackendError`; the caller decides how to degrade.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel

from service.breaker import CircuitBreaker
from service.errors import BackendBadResponse, BackendError, BackendTimeout, BackendUnavailable
from service.metrics import BACKEND_REQUESTS

__all__ = ["BackendClient", "CircuitOpen"]

_JSON = {"content-type": "application/json"}

T = TypeVar("T")
E = TypeVar("E", bound=BackendError)


class CircuitOpen(BackendUnavailable):
    outcome = "circuit_open"


class BackendClient:
    """POSTs JSON to an OpenAI-compatible server.

    ``transport`` is injectable so tests can put ``httpx.MockTransport`` underneath; in production
    httpx's pooled transport keeps connections warm (a fresh TCP+TLS handshake would eat the budget).
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
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        headers = {"authorization": f"Bearer {api_key}"} if api_key else {}
        self.name = name
        self.base_url = base_url
        self.breaker = breaker
        self.health_url = health_url
        self._connect_timeout_s = connect_timeout_s
        self._http = httpx.AsyncClient(
            base_url=base_url,
            headers=headers,
            limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
            timeout=httpx.Timeout(5.0, connect=connect_timeout_s),
            transport=transport,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def check(self, timeout_s: float = 0.5) -> bool | None:
        """GET ``health_url``: whether it answered 2xx in time; ``None`` when there is nothing to probe
        (a paid external API is not polled). Does not touch the breaker: a probe is not traffic."""
        if self.health_url is None:
            return None
        try:
            response = await self._http.get(self.health_url, timeout=timeout_s)
        except httpx.HTTPError:
            return False
        return response.is_success

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
            async with asyncio.timeout(remaining):
                response = await self._http.post(
                    path,
                    content=body.model_dump_json(exclude_none=True),
                    headers=_JSON,
                    timeout=self._timeout(remaining),
                )
        except (TimeoutError, httpx.TransportError) as exc:
            raise self._fail(self._transport_error(exc, remaining)) from exc
        except asyncio.CancelledError:
            self.breaker.release()
            raise
        self._check_status(response)
        try:
            payload = response.json()
        except ValueError as exc:
            raise self._fail(BackendBadResponse(self.name, "response is not JSON")) from exc
        if not isinstance(payload, dict):
            raise self._fail(BackendBadResponse(self.name, "response is not a JSON object"))
        result = self._parse(parse, payload)
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
        request = self._http.build_request(
            "POST",
            path,
            content=body.model_dump_json(exclude_none=True),
            headers=_JSON,
            timeout=self._timeout(remaining),
        )
        try:
            async with asyncio.timeout(remaining):
                response = await self._http.send(request, stream=True)
        except (TimeoutError, httpx.TransportError) as exc:
            raise self._fail(self._transport_error(exc, remaining)) from exc
        except asyncio.CancelledError:
            self.breaker.release()
            raise
        try:
            if response.status_code >= 400:
                await self._read_within(response.aread(), deadline)
                self._check_status(response)
            lines = response.aiter_lines()
            while (line := await self._read_within(anext(lines, None), deadline)) is not None:
                data = line.removeprefix("data:").strip() if line.startswith("data:") else None
                if data == "[DONE]":
                    break
                if data:
                    yield self._parse(parse, self._json_object(data))
        except (GeneratorExit, asyncio.CancelledError):
            self.breaker.release()  # closed early by the consumer: no verdict on the back-end
            raise
        else:
            self._succeed()
        finally:
            await response.aclose()

    def _admit(self, deadline: float) -> float:
        """Seconds left for the call; raises before calling when there are none or the breaker is open."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise self._count(BackendTimeout(self.name, "no budget left before the call"))
        if not self.breaker.allow():
            raise self._count(CircuitOpen(self.name, "circuit breaker open"))
        return remaining

    def _timeout(self, remaining: float) -> httpx.Timeout:
        return httpx.Timeout(remaining, connect=min(self._connect_timeout_s, remaining))

    def _transport_error(self, exc: Exception, remaining: float) -> BackendError:
        if isinstance(exc, httpx.ConnectTimeout):
            return BackendUnavailable(self.name, "connect timed out")
        if isinstance(exc, TimeoutError | httpx.TimeoutException):
            return BackendTimeout(self.name, f"no answer within {remaining * 1000:.0f} ms")
        return BackendUnavailable(self.name, f"{type(exc).__name__}: {exc}")

    async def _read_within(self, step: Awaitable[T], deadline: float) -> T:
        # One read at a time under the deadline: a timeout scope must not span the generator's yield,
        # or it would fire inside the consumer's code.
        try:
            async with asyncio.timeout(max(deadline - time.monotonic(), 0.0)):
                return await step
        except (TimeoutError, httpx.TimeoutException) as exc:
            raise self._fail(BackendTimeout(self.name, "the answer did not finish in time")) from exc
        except httpx.TransportError as exc:
            raise self._fail(BackendUnavailable(self.name, f"{type(exc).__name__}: {exc}")) from exc

    def _check_status(self, response: httpx.Response) -> None:
        if response.status_code >= 500:
            raise self._fail(BackendUnavailable(self.name, f"HTTP {response.status_code}"))
        if response.status_code >= 400:
            raise self._fail(
                BackendBadResponse(self.name, f"HTTP {response.status_code}: {response.text[:200]}")
            )

    def _json_object(self, data: str) -> dict[str, Any]:
        try:
            payload = json.loads(data)
        except ValueError as exc:
            raise self._fail(BackendBadResponse(self.name, "event is not JSON")) from exc
        if not isinstance(payload, dict):
            raise self._fail(BackendBadResponse(self.name, "event is not a JSON object"))
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
