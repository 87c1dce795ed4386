"""Keep-alive connections to one host:port, and the queue of requests waiting for one.

A request goes out at once on an idle connection; when every connection is busy it waits here, and a new
connection is opened if the pool is below ``max_connections``. A waiting request keeps its scheduled send
time, so the wait counts in its latency (see :mod:`loadtest.runner`). The pool counts nothing itself: it
reports each send, failure and timeout to its owner, the run.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from typing import Protocol

from loadtest.connection import HttpConnection, ResponseListener
from loadtest.target import Target

__all__ = ["ConnectionPool", "PoolOwner", "ScheduledRequest"]


class ScheduledRequest:
    """One scheduled request: the ticket a connection carries while it is in flight."""

    __slots__ = ("due", "endpoint", "origin", "payload")

    def __init__(self, endpoint: int, due: float, payload: bytes) -> None:
        self.endpoint = endpoint
        self.due = due  # perf_counter() time it is scheduled to leave
        self.origin = due  # what its latency is measured from: min(due, actual send)
        self.payload = payload


class PoolOwner(ResponseListener[ScheduledRequest], Protocol):
    """The run a pool belongs to: it hears every response on the pool's connections, and what the pool
    did with each request it could not answer for."""

    def record_sent(self, request: ScheduledRequest, now: float) -> None: ...

    def fail(self, request: ScheduledRequest, error: BaseException) -> None: ...

    def time_out(self, request: ScheduledRequest, now: float) -> None: ...


class ConnectionPool:
    """Keep-alive connections to one host:port; requests queue here when all are busy."""

    def __init__(
        self,
        target: Target,
        *,
        owner: PoolOwner,
        loop: asyncio.AbstractEventLoop,
        max_connections: int,
        timeout_s: float,
    ) -> None:
        self.target = target
        self._owner = owner
        self._loop = loop
        self._max_connections = max_connections
        self._timeout_s = timeout_s
        self._connections: set[HttpConnection[ScheduledRequest]] = set()
        self._idle: list[HttpConnection[ScheduledRequest]] = []
        self._waiting: deque[ScheduledRequest] = deque()
        self._connecting = 0
        self._tasks: set[asyncio.Task[None]] = set()
        self.max_open = 0  # the most connections open at once, for the generator-health report

    async def prewarm(self, count: int) -> None:
        """Open up to ``count`` connections before the run; stop quietly at the first refusal."""
        for _ in range(count):
            try:
                _, connection = await self._loop.create_connection(
                    lambda: HttpConnection[ScheduledRequest](self._owner), self.target.host, self.target.port
                )
            except OSError:
                return  # the run itself will count the refusals per request
            self._connections.add(connection)
            self._idle.append(connection)
        self.max_open = max(self.max_open, len(self._connections))

    def dispatch(self, request: ScheduledRequest) -> None:
        """Send ``request`` now on an idle connection, or queue it (opening a connection if allowed)."""
        while self._idle:
            connection = self._idle.pop()
            if not connection.closed:
                self._send(connection, request)
                return
        self._waiting.append(request)
        self.maybe_connect()

    def release(self, connection: HttpConnection[ScheduledRequest]) -> None:
        """A connection is free: give it the oldest waiting request that is still worth sending."""
        now = time.perf_counter()
        while self._waiting:
            request = self._waiting.popleft()
            if now - request.origin > self._timeout_s:
                self._owner.time_out(request, now)
                continue
            self._send(connection, request)
            return
        self._idle.append(connection)

    def retire(self, connection: HttpConnection[ScheduledRequest]) -> None:
        """Close a connection the server will not keep alive, and replace it if requests are waiting."""
        connection.close()
        self._connections.discard(connection)
        self.maybe_connect()

    def discard(self, connection: HttpConnection[ScheduledRequest]) -> None:
        """Forget a connection that failed; the caller reports its request, then calls maybe_connect."""
        self._connections.discard(connection)

    def discard_idle_closed(self, connection: HttpConnection[ScheduledRequest]) -> None:
        """Forget ``connection`` if it is one of ours, closed by the server while idle."""
        if connection in self._connections:
            self._connections.discard(connection)
            if connection in self._idle:
                self._idle.remove(connection)
            self.maybe_connect()

    def maybe_connect(self) -> None:
        """Open one more connection if requests are waiting and the pool is below its limit."""
        if self._waiting and len(self._connections) + self._connecting < self._max_connections:
            self._connecting += 1
            task = self._loop.create_task(self._connect())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    def sweep_timeouts(self, now: float) -> None:
        """Give up on every request, in flight or waiting, older than ``timeout_s`` at ``now``."""
        for connection in list(self._connections):
            ticket = connection.ticket
            if ticket is not None and now - ticket.origin > self._timeout_s:
                connection.abandon()
                self._connections.discard(connection)
                self._owner.time_out(ticket, now)
        while self._waiting and now - self._waiting[0].origin > self._timeout_s:
            self._owner.time_out(self._waiting.popleft(), now)
        self.maybe_connect()

    def close(self) -> None:
        """Close every connection and cancel connection attempts still under way."""
        for connection in self._connections:
            connection.close()
        self._connections.clear()
        self._idle.clear()
        for task in self._tasks:
            task.cancel()

    def _send(self, connection: HttpConnection[ScheduledRequest], request: ScheduledRequest) -> None:
        now = time.perf_counter()
        request.origin = min(request.due, now)
        self._owner.record_sent(request, now)
        connection.send(request.payload, request)

    async def _connect(self) -> None:
        try:
            _, connection = await self._loop.create_connection(
                lambda: HttpConnection[ScheduledRequest](self._owner), self.target.host, self.target.port
            )
        except OSError as exc:
            self._connecting -= 1
            if self._waiting:
                self._owner.fail(self._waiting.popleft(), exc)
            self.maybe_connect()
            return
        self._connecting -= 1
        self._connections.add(connection)
        self.max_open = max(self.max_open, len(self._connections))
        self.release(connection)
