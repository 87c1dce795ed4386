"""A deliberately trivial HTTP/1.1 server, to measure the load generator's own ceiling.

It answers every request with the same canned body, shaped like a gateway ``/v1/route`` answer so the
generator does its full per-response work (parse, JSON, stage timings), and costs a few microseconds per
request: the generator, not this server, is the bottleneck when both get a core. Run it in its own
process: ``python -m loadtest.trivial_server --port 0`` prints ``PORT <n>`` once listening.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import cast

__all__ = ["CANNED_BODY", "TrivialHttpProtocol", "main", "serve"]

CANNED_BODY = json.dumps(
    {
        "request_id": "trivial",
        "decision": "routed",
        "intent": "find_listing",
        "label": "找房",
        "confidence": 0.97,
        "target": "listing_search",
        "reply": None,
        "sanitized_text": "我想在望京找两居",
        "pii": [],
        "guard": {"blocked": False, "score": 0.0, "reasons": []},
        "classifier": "trivial",
        "degraded": False,
        "degraded_reason": None,
        "timings_ms": {"sanitize": 0.0, "guard": 0.0, "classify": 0.0, "fallback": 0.0, "total": 0.0},
    },
    ensure_ascii=False,
).encode("utf-8")
_RESPONSE = (
    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: "
    + str(len(CANNED_BODY)).encode("ascii")
    + b"\r\n\r\n"
    + CANNED_BODY
)


class TrivialHttpProtocol(asyncio.Protocol):
    """Answers each complete request (headers plus Content-Length body) with the canned response."""

    def __init__(self) -> None:
        self._buffer = b""
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports implement asyncio.Transport's interface without subclassing it.
        self._transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        while True:
            end = self._buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            body_length = _content_length(self._buffer[:end])
            total = end + 4 + body_length
            if len(self._buffer) < total:
                return
            self._buffer = self._buffer[total:]
            assert self._transport is not None
            self._transport.write(_RESPONSE)


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip())
    return 0


async def serve(host: str, port: int, *, ready: asyncio.Future[int] | None = None) -> None:
    """Serve until cancelled; resolves ``ready`` with the bound port."""
    loop = asyncio.get_running_loop()
    server = await loop.create_server(TrivialHttpProtocol, host, port)
    bound = int(server.sockets[0].getsockname()[1])
    if ready is not None:
        ready.set_result(bound)
    else:
        print(f"PORT {bound}", flush=True)
    async with server:
        await server.serve_forever()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port (printed as PORT n)")
    args = parser.parse_args(argv)
    try:
        import uvloop

        uvloop.run(serve(args.host, args.port))
    except ImportError:
        asyncio.run(serve(args.host, args.port))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
