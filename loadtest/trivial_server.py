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
import os
import selectors
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import cast

__all__ = ["CANNED_BODY", "TrivialHttpProtocol", "main", "serve", "spawn"]

_START_TIMEOUT_S = 15.0
_RUN_MAIN = "import sys; from loadtest.trivial_server import main; sys.exit(main())"

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


@contextmanager
def spawn() -> Iterator[int]:
    """Run the trivial server in a child process on a free loopback port; yield the port; stop it.

    The child is pinned to the CPUs this process is not pinned to, when there are any, so the two do
    not share a core (with ``taskset -c 0`` on the caller, the server gets core 1). Raises
    ``RuntimeError`` if it does not report its port within 15 s.
    """
    # Not "-m loadtest.trivial_server": the package's __init__ imports this module (through ceiling),
    # and runpy warns when the module it is about to run is already imported.
    with subprocess.Popen(
        [sys.executable, "-c", _RUN_MAIN, "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    ) as server:
        try:
            port = _read_port(server)
            others = set(range(os.cpu_count() or 1)) - os.sched_getaffinity(0)
            if others:
                os.sched_setaffinity(server.pid, others)
            yield port
        finally:
            server.terminate()
            server.wait(timeout=10)


def _read_port(server: subprocess.Popen[str]) -> int:
    assert server.stdout is not None
    deadline = time.monotonic() + _START_TIMEOUT_S
    with selectors.DefaultSelector() as selector:
        selector.register(server.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if selector.select(timeout=deadline - time.monotonic()):
                line = server.stdout.readline()
                if line.startswith("PORT "):
                    return int(line.split()[1])
                if not line:
                    break
    raise RuntimeError("the trivial server did not report its port in time")


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
