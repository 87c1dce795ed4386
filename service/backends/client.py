"""One pooled HTTP client per model back-end, bounded by the request's deadline, behind a breaker.

Every failure becomes a typed :class:`service.errors.BackendError`; the caller decides how to degrade.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel

from service.breaker import CircuitBreaker
from service.errors import BackendBadResponse, BackendError, BackendTimeout, BackendUnavailable
from service.metrics import BACKEND_REQUESTS

__all__ = ["BackendClient", "CircuitOpen"]

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
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise self._count(BackendTimeout(self.name, "no budget left before the call"))
        if not self.breaker.allow():
            raise self._count(CircuitOpen(self.name, "circuit breaker open"))
        try:
            async with asyncio.timeout(remaining):
                response = await self._http.post(
                    path,
                    content=body.model_dump_json(exclude_none=True),
                    headers={"content-type": "application/json"},
                    timeout=httpx.Timeout(remaining, connect=min(self._connect_timeout_s, remaining)),
                )
        except (TimeoutError, httpx.TimeoutException) as exc:
            if isinstance(exc, httpx.ConnectTimeout):
                raise self._fail(BackendUnavailable(self.name, "connect timed out")) from exc
            raise self._fail(
                BackendTimeout(self.name, f"no answer within {remaining * 1000:.0f} ms")
            ) from exc
        except httpx.TransportError as exc:
            raise self._fail(BackendUnavailable(self.name, f"{type(exc).__name__}: {exc}")) from exc
        except asyncio.CancelledError:
            self.breaker.release()
            raise
        if response.status_code >= 500:
            raise self._fail(BackendUnavailable(self.name, f"HTTP {response.status_code}"))
        if response.status_code >= 400:
            raise self._fail(
                BackendBadResponse(self.name, f"HTTP {response.status_code}: {response.text[:200]}")
            )
        try:
            payload = response.json()
        except ValueError as exc:
            raise self._fail(BackendBadResponse(self.name, "response is not JSON")) from exc
        if not isinstance(payload, dict):
            raise self._fail(BackendBadResponse(self.name, "response is not a JSON object"))
        try:
            result = parse(payload)
        except ValueError as exc:
            raise self._fail(BackendBadResponse(self.name, f"unusable answer: {exc}"[:300])) from exc
        self.breaker.record_success()
        BACKEND_REQUESTS.labels(backend=self.name, outcome="ok").inc()
        return result

    def _fail(self, error: E) -> E:
        self.breaker.record_failure()
        return self._count(error)

    def _count(self, error: E) -> E:
        BACKEND_REQUESTS.labels(backend=self.name, outcome=error.outcome).inc()
        return error
