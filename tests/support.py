"""Test support: real uvicorn servers on loopback (in a thread, or the real CLI in a subprocess) and a
small misbehaving OpenAI-compatible server for fault injection. Importable as ``support`` (pytest's
``pythonpath`` setting puts tests/ on the path)."""

from __future__ import annotations

import asyncio
import inspect
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from aiohttp import web
from aiohttp.test_utils import TestServer
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ThreadServer(uvicorn.Server):
    """uvicorn in a background thread, for ASGI apps built in the test process."""

    def install_signal_handlers(self) -> None:  # the main thread owns signals
        pass

    @contextmanager
    def running(self) -> Iterator[str]:
        thread = threading.Thread(target=self.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not self.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.005)
        try:
            yield f"http://127.0.0.1:{self.config.port}"
        finally:
            self.should_exit = True
            thread.join(10)


@contextmanager
def serve_in_thread(app: Any) -> Iterator[str]:
    """Serve ``app`` on a free loopback port; yields its base URL."""
    config = uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning", lifespan="on")
    with ThreadServer(config).running() as url:
        yield url


# --- a misbehaving OpenAI-compatible back-end --------------------------------------------------------


class FaultServer:
    """Speaks just enough of the OpenAI/vLLM API. ``mode`` decides how it misbehaves:
    ``ok`` answers with ``answer``, ``hang`` never answers, ``error`` returns 500, ``garbage``
    returns a non-JSON body, ``wrong_shape`` returns JSON of the wrong shape, ``slow`` answers after
    ``delay_s``. ``requests`` records every body received.

    With ``"stream": true`` in the body it answers as server-sent events, ``answer`` cut into
    ``chunk_chars``-character deltas; in ``cut`` mode the stream breaks off after ``cut_after`` of them,
    in ``stall`` mode it stops sending (and hangs) after ``cut_after``."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.answer = "找房"
        self.delay_s = 0.0
        self.requests: list[dict[str, Any]] = []
        self.release = asyncio.Event()
        self.chunk_chars = 3
        self.cut_after = 2

    async def _chat(self, request: Request) -> Response:
        body = await request.json()
        self.requests.append(body)
        if self.mode == "hang":
            await self.release.wait()
        if self.mode == "slow":
            await asyncio.sleep(self.delay_s)
        if self.mode == "error":
            return PlainTextResponse("boom", status_code=500)
        if self.mode == "garbage":
            return PlainTextResponse("<html>not json")
        if self.mode == "wrong_shape":
            return JSONResponse({"choices": []})
        if body.get("stream"):
            return StreamingResponse(self._deltas(), media_type="text/event-stream")
        token_logprob = {
            "token": self.answer[:1],
            "logprob": -0.01,
            "top_logprobs": [{"token": self.answer[:1], "logprob": -0.01}, {"token": "其", "logprob": -4.6}],
        }
        return JSONResponse(
            {
                "id": "x",
                "object": "chat.completion",
                "model": body.get("model"),
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": self.answer},
                        "logprobs": {"content": [token_logprob]},
                        "finish_reason": "stop",
                    }
                ],
            }
        )

    async def _deltas(self) -> AsyncIterator[bytes]:
        pieces = [self.answer[i : i + self.chunk_chars] for i in range(0, len(self.answer), self.chunk_chars)]
        for n, piece in enumerate(pieces):
            if self.mode in ("cut", "stall") and n == self.cut_after:
                if self.mode == "stall":
                    await self.release.wait()
                raise ConnectionResetError("the fallback model went away mid-answer")
            chunk = {
                "object": "chat.completion.chunk",
                "choices": [{"index": 0, "delta": {"content": piece}}],
            }
            yield f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode()
            await asyncio.sleep(0.005)
        yield b"data: [DONE]\n\n"

    async def _health(self, request: Request) -> Response:
        return PlainTextResponse("", status_code=500 if self.mode == "error" else 200)

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/v1/chat/completions", self._chat, methods=["POST"]),
                Route("/health", self._health),
            ]
        )


# --- a stub back-end in the test's own event loop --------------------------------------------------------


@dataclass(frozen=True)
class Seen:
    """One request a :class:`StubBackend` received."""

    method: str
    path: str
    headers: Mapping[str, str]  # names in lower case
    content: bytes


Handler = Callable[[web.Request], "web.StreamResponse | Awaitable[web.StreamResponse]"]


class StubBackend:
    """A loopback HTTP server run by aiohttp in the test's event loop, for the back-end client's tests:
    ``handler(request)`` answers every request (a plain or streamed response, or one that never comes);
    ``seen`` records them, body read. Use it as ``async with StubBackend(handler) as stub:``;
    ``stub.url`` is the base URL (no trailing slash)."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.seen: list[Seen] = []
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._answer)
        self._server = TestServer(app)
        self.url = ""

    async def __aenter__(self) -> StubBackend:
        # aiohttp's test server cancels a handler when its client hangs up, so a "hanging" back-end
        # does not hold the shutdown either.
        await self._server.start_server(shutdown_timeout=0.5)
        self.url = str(self._server.make_url("")).rstrip("/")
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._server.close()

    async def _answer(self, request: web.Request) -> web.StreamResponse:
        headers = {name.lower(): value for name, value in request.headers.items()}
        seen = Seen(request.method, request.path, headers, await request.read())
        self.seen.append(seen)
        result = self.handler(request)
        return await result if inspect.isawaitable(result) else result


# --- the gateway ---------------------------------------------------------------------------------------


@contextmanager
def gateway_process(*args: str, env: dict[str, str] | None = None, log: Path) -> Iterator[str]:
    """Run the real ``intent-router serve`` command; yields its base URL once /healthz answers."""
    port = free_port()
    full_env = {
        **os.environ,
        "INTENT_ROUTER_FALLBACK_BASE_URL": f"http://127.0.0.1:{free_port()}/v1",
        **(env or {}),
    }
    cmd = [sys.executable, "-m", "service.cli", "serve", "--host", "127.0.0.1", "--port", str(port), *args]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, env=full_env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"gateway exited with {proc.returncode}: {log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gateway not healthy in 60 s: {log.read_text()[-2000:]}")
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def post_json(url: str, body: Any, **kwargs: Any) -> httpx.Response:
    return httpx.post(
        url,
        content=json.dumps(body, ensure_ascii=False).encode(),
        headers={"content-type": "application/json", **kwargs.pop("headers", {})},
        timeout=10,
        **kwargs,
    )


@dataclass(frozen=True)
class VllmServer:
    url: str  # server root, e.g. http://127.0.0.1:8000
    model: str
    log: Path

    @property
    def api(self) -> str:
        return f"{self.url}/v1"

    def metric(self, name: str) -> float:
        """Sum of every sample of a ``vllm:`` metric in /metrics."""
        total = 0.0
        for line in httpx.get(f"{self.url}/metrics", timeout=10).text.splitlines():
            if line.startswith(name + "{") or line.startswith(name + " "):
                total += float(line.rsplit(" ", 1)[1])
        return total
