"""The HTTP endpoints. Each reads like the contract in DESIGN.md §2; the work is in the pipeline."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import aclosing
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from service.api.deps import app_pipeline, app_settings
from service.api.schemas import (
    BackendStatus,
    ClassifyResponse,
    DoneEvent,
    ErrorResponse,
    HealthResponse,
    IntentsResponse,
    ReadyResponse,
    ReplyEvent,
    RouteRequest,
    RouteResponse,
)
from service.metrics import CONTENT_TYPE_LATEST, render_metrics
from service.pipeline import Outcome

__all__ = ["api_router", "ops_router"]

_ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorResponse} for code in (400, 401, 413, 422, 503)
}

# Bearer-token auth is attached where the app includes this router, and only when keys are configured.
api_router = APIRouter(prefix="/v1", tags=["routing"], responses=_ERRORS)
ops_router = APIRouter(tags=["operations"])


_STREAM_DOC: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"text/event-stream": {}},
        "description": "With `stream: true`: `event: decision` (this response with `reply` null while the "
        "fallback model answers), then `event: reply` per sentence (ReplyEvent), then `event: done` "
        "(DoneEvent).",
    }
}


@api_router.post("/route", response_model=RouteResponse, responses=_STREAM_DOC)
async def route(body: RouteRequest, request: Request, response: Response) -> RouteResponse | Response:
    """Decide one user turn: routed to an intent's target, answered by the fallback model, or blocked."""
    pipeline = app_pipeline(request)
    turn = body.to_turn(default_budget_ms=app_settings(request).budget_ms)
    if body.stream:
        outcome, sentences = await pipeline.route_stream(turn)
        return StreamingResponse(
            _events(RouteResponse.from_outcome(outcome, pipeline.taxonomy), outcome, sentences),
            media_type="text/event-stream",
            headers={"x-request-id": outcome.request_id, "cache-control": "no-cache"},
        )
    outcome = await pipeline.route(turn)
    response.headers["x-request-id"] = outcome.request_id
    return RouteResponse.from_outcome(outcome, pipeline.taxonomy)


async def _events(
    decided: RouteResponse, outcome: Outcome, sentences: AsyncGenerator[str, None]
) -> AsyncIterator[bytes]:
    # Server-sent events (text/event-stream): "event:" names the kind, "data:" carries one JSON object.
    yield _event("decision", decided)
    async with aclosing(sentences):
        async for text in sentences:
            yield _event("reply", ReplyEvent(text=text))
    yield _event("done", DoneEvent.from_outcome(outcome))


def _event(kind: str, data: BaseModel) -> bytes:
    return f"event: {kind}\ndata: {data.model_dump_json()}\n\n".encode()


@api_router.post("/classify", response_model=ClassifyResponse)
async def classify(body: RouteRequest, request: Request, response: Response) -> ClassifyResponse:
    """Sanitize, guard and classify, without calling the fallback model (for evaluation)."""
    pipeline = app_pipeline(request)
    outcome = await pipeline.classify(body.to_turn(default_budget_ms=app_settings(request).budget_ms))
    response.headers["x-request-id"] = outcome.request_id
    return ClassifyResponse.from_outcome(outcome, pipeline.taxonomy)


@api_router.get("/intents", response_model=IntentsResponse)
async def intents(request: Request) -> IntentsResponse:
    """The taxonomy this gateway routes to."""
    return IntentsResponse.from_taxonomy(app_pipeline(request).taxonomy)


@ops_router.get("/healthz", response_model=HealthResponse)
async def healthz() -> HealthResponse:
    """The process is alive and serving HTTP."""
    return HealthResponse()


@ops_router.get("/readyz", response_model=ReadyResponse, responses={503: {"model": ReadyResponse}})
async def readyz(request: Request, response: Response) -> ReadyResponse:
    """Whether this worker can answer; also reports each back-end's breaker and reachability."""
    clients = request.app.state.backends
    reachable = await asyncio.gather(*(client.check() for client in clients))
    backends = [
        BackendStatus(name=c.name, breaker=c.breaker.state.value, reachable=ok)
        for c, ok in zip(clients, reachable, strict=True)
    ]
    ready = request.app.state.ready
    if not ready:
        response.status_code = 503
    return ReadyResponse(ready=ready, classifier=app_pipeline(request).classifier.name, backends=backends)


@ops_router.get("/metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    """Prometheus text format (every worker's series under multiprocess mode)."""
    multiprocess_dir = app_settings(request).prometheus_multiproc_dir
    return Response(render_metrics(multiprocess_dir), media_type=CONTENT_TYPE_LATEST)
