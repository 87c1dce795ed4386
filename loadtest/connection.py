"""One keep-alive HTTP/1.1 client connection, written against ``asyncio.Protocol`` for speed.

Why not httpx: a load generator must cost far less per request than the server it measures. Against
the built-in trivial server on this 2-core machine, ``httpx.AsyncClient`` sustained about a fifteenth of
the rate of this protocol (about 1k vs 15k req/s; docs/benchmarks.md, "Gateway speed"): its per-request
machinery (request/response objects, header models, anyio streams, pool bookkeeping) is what
dominates when the server answers in 100 µs. Here a request is one ``transport.write`` of bytes
built before the run, and responses are parsed by ``httptools`` (llhttp, the C parser uvicorn uses).

One request is in flight per connection at a time (no pipelining): that is how real clients of the
gateway behave, and a timed-out request can be abandoned by closing its connection.
"""

from __future__ import annotations

import asyncio
from typing import Generic, Protocol, TypeVar, cast

import httptools

__all__ = ["HttpConnection", "ResponseListener"]

TicketT = TypeVar("TicketT")
ListenerTicketT = TypeVar("ListenerTicketT")


class ResponseListener(Protocol[ListenerTicketT]):
    """Told what happened to each request sent on a connection, identified by the caller's ticket."""

    def on_response(
        self,
        connection: HttpConnection[ListenerTicketT],
        ticket: ListenerTicketT,
        status: int,
        body: bytes,
        keep_alive: bool,
    ) -> None: ...

    def on_failure(
        self, connection: HttpConnection[ListenerTicketT], ticket: ListenerTicketT, error: BaseException
    ) -> None: ...

    def on_idle_closed(self, connection: HttpConnection[ListenerTicketT]) -> None: ...


class HttpConnection(asyncio.Protocol, Generic[TicketT]):
    """Sends prepared request bytes and reports each complete response to its listener."""

    def __init__(self, listener: ResponseListener[TicketT]) -> None:
        self._listener = listener
        self._transport: asyncio.Transport | None = None
        self._parser = httptools.HttpResponseParser(self)
        self._body: list[bytes] = []
        self._ticket: TicketT | None = None
        self.closed = False

    # asyncio.Protocol ------------------------------------------------------------------------------
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports implement asyncio.Transport's interface without subclassing it.
        self._transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError as exc:
            self._fail(exc)

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        ticket, self._ticket = self._ticket, None
        if ticket is not None:
            self._listener.on_failure(
                self, ticket, exc or ConnectionResetError("server closed the connection")
            )
        else:
            self._listener.on_idle_closed(self)

    # httptools callbacks ---------------------------------------------------------------------------
    def on_body(self, body: bytes) -> None:
        self._body.append(body)

    def on_message_complete(self) -> None:
        body = b"".join(self._body)
        self._body.clear()
        ticket, self._ticket = self._ticket, None
        if ticket is None:
            return  # an answer to a request already given up on; the connection is being closed
        self._listener.on_response(
            self, ticket, self._parser.get_status_code(), body, self._parser.should_keep_alive()
        )

    # ours ------------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._ticket is not None

    @property
    def ticket(self) -> TicketT | None:
        return self._ticket

    def send(self, request: bytes, ticket: TicketT) -> None:
        """Write one complete request; the listener hears about ``ticket`` exactly once."""
        assert self._transport is not None and self._ticket is None and not self.closed
        self._ticket = ticket
        self._transport.write(request)

    def abandon(self) -> TicketT | None:
        """Give up on the in-flight request and close; returns its ticket, never reported to the listener."""
        ticket, self._ticket = self._ticket, None
        self.close()
        return ticket

    def close(self) -> None:
        self.closed = True
        if self._transport is not None:
            # abort, not close: a half-read response must not be waited for.
            self._transport.abort()

    def _fail(self, error: BaseException) -> None:
        ticket, self._ticket = self._ticket, None
        self.close()
        if ticket is not None:
            self._listener.on_failure(self, ticket, error)
