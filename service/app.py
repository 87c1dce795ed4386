"""``create_app(settings)``: the FastAPI application and the lifespan that builds its parts.

The lifespan loads the taxonomy, the embedded classifier and the guard, opens one pooled HTTP client
per back-end, starts the decision-log writer, and closes all of them on shutdown. Everything lives on
``app.state``; routes reach it through the aliases in ``service/api/deps.py``.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from fastapi import FastAPI

from service.api.deps import Authorized
from service.api.errors import install_error_handlers
from service.api.middleware import BodySizeLimitMiddleware, TrafficMiddleware
from service.api.routes import api_router, ops_router
from service.backends import BackendClient
from service.breaker import CircuitBreaker
from service.classify.base import Classifier
from service.classify.cascade import CascadeClassifier
from service.classify.embedded import EmbeddedClassifier
from service.classify.vllm import VllmClassifier
from service.decision_log import DecisionLog
from service.errors import BackendError
from service.fallback import FallbackModel
from service.guard import InjectionGuard
from service.logs import configure_logging
from service.pipeline import Pipeline, PipelineConfig
from service.settings import ClassifierKind, Settings, load_settings
from service.taxonomy import load_taxonomy

__all__ = ["Components", "build_pipeline", "create_app"]

log = logging.getLogger(__name__)

_PREPARE_S = 5.0  # how long start-up waits for vLLM to answer /tokenize


def _backend(
    name: str, *, base_url: str, api_key: str | None, settings: Settings, health_url: str | None
) -> BackendClient:
    breaker = CircuitBreaker(
        name, failure_threshold=settings.breaker_failures, reset_s=settings.breaker_reset_s
    )
    return BackendClient(
        name,
        base_url=base_url,
        breaker=breaker,
        api_key=api_key,
        connect_timeout_s=settings.connect_timeout_ms / 1000.0,
        health_url=health_url,
    )


@dataclass(frozen=True, slots=True)
class Components:
    pipeline: Pipeline
    clients: list[BackendClient]  # owned: the caller closes them
    llm: VllmClassifier | None  # to prepare at start-up, when configured

    async def aclose(self) -> None:
        for client in self.clients:
            await client.aclose()


def build_pipeline(settings: Settings, *, decision_log: DecisionLog | None = None) -> Components:
    """Build every stage from ``settings``. Raises with a message naming the file if an artefact is
    missing or does not match the taxonomy."""
    taxonomy = load_taxonomy(settings.taxonomy)
    embedded = EmbeddedClassifier.load(settings.embedded_model, taxonomy)
    guard = InjectionGuard.load(settings.guard_model, threshold=settings.guard_threshold)
    clients: list[BackendClient] = []
    fallback = None
    if settings.fallback_base_url is not None:
        secret = settings.fallback_api_key.get_secret_value() if settings.fallback_api_key else None
        fallback_client = _backend(
            "fallback",
            base_url=settings.fallback_base_url,
            api_key=secret,
            settings=settings,
            health_url=None,
        )
        clients.append(fallback_client)
        fallback = FallbackModel(
            fallback_client,
            model=settings.fallback_model,
            system_prompt=settings.fallback_system_prompt,
            max_tokens=settings.fallback_max_tokens,
        )
    classifier: Classifier = embedded
    llm = None
    if settings.classifier is not ClassifierKind.EMBEDDED:
        key = settings.vllm_api_key.get_secret_value() if settings.vllm_api_key else None
        vllm_client = _backend(
            "vllm",
            base_url=settings.vllm_base_url,
            api_key=key,
            settings=settings,
            health_url=settings.vllm_base_url.removesuffix("/v1") + "/health",
        )
        clients.insert(0, vllm_client)
        llm = VllmClassifier(
            vllm_client, taxonomy=taxonomy, model=settings.vllm_model, mode=settings.vllm_mode
        )
        classifier = llm
        if settings.classifier is ClassifierKind.CASCADE:
            classifier = CascadeClassifier(embedded, llm, threshold=settings.cascade_threshold)
    pipeline = Pipeline(
        taxonomy=taxonomy,
        guard=guard,
        classifier=classifier,
        embedded=embedded,
        fallback=fallback,
        config=PipelineConfig(
            confidence_threshold=settings.confidence_threshold,
            fallback_budget_ms=settings.fallback_budget_ms,
            blocked_reply=settings.blocked_reply,
            apology_reply=settings.apology_reply,
        ),
        decision_log=decision_log,
    )
    return Components(pipeline=pipeline, clients=clients, llm=llm)


async def _prepare(parts: Components) -> None:
    """Ask vLLM what the mode needs (first-token ids). A ConfigurationError stops start-up; an
    unreachable vLLM does not: it may start after us, and prepare() is retried on the first request."""
    if parts.llm is None:
        return
    try:
        await parts.llm.prepare(deadline=time.monotonic() + _PREPARE_S)
    except BackendError as exc:
        log.warning("vllm not prepared at start-up", extra={"detail": exc.detail})


def _freeze_startup_heap() -> None:
    """Move everything built at start-up out of the cyclic garbage collector's reach.

    The models, vocabularies and rule tables are some 70,000 tracked objects that live as long as the
    worker. A full (generation 2) collection walks all of them, about 35 ms on this CPU, and stalls
    whichever request is on the event loop at that moment. Frozen, they are never scanned again;
    per-request garbage is still collected as usual.
    """
    gc.collect()
    gc.freeze()


def create_app(settings: Settings | None = None) -> FastAPI:
    """The ASGI app. Without ``settings`` they are loaded from the environment (uvicorn's factory mode,
    one call per worker)."""
    settings = settings or load_settings()
    configure_logging(settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        decision_log = None
        if settings.decision_log is not None:
            decision_log = DecisionLog(settings.decision_log, queue_size=settings.decision_log_queue)
            decision_log.start()
        try:
            parts = build_pipeline(settings, decision_log=decision_log)
            try:
                await _prepare(parts)
                app.state.settings = settings
                app.state.pipeline = parts.pipeline
                app.state.backends = parts.clients
                app.state.ready = True
                _freeze_startup_heap()
                log.info("ready", extra={"classifier": parts.pipeline.classifier.name})
                yield
            finally:
                app.state.ready = False
                await parts.aclose()
        finally:
            # Also when start-up fails: what was queued is flushed and the writer thread ends.
            if decision_log is not None:
                await asyncio.to_thread(decision_log.close)

    app = FastAPI(
        title="intent-router",
        version="0.1.0",
        summary="Masks PII, stops prompt injection, routes each voice turn to its intent or the fallback.",
        lifespan=lifespan,
        # FastAPI's built-in OpenTelemetry looks up three global providers on every request even when
        # none is configured; metrics here are Prometheus (service/metrics.py).
        telemetry={"tracing": False, "metrics": False, "logs": False, "operation_spans": False},
    )
    install_error_handlers(app)
    app.include_router(api_router, dependencies=[Authorized] if settings.auth_enabled else None)
    app.include_router(ops_router)
    # Outermost first: shed load before reading a body, then cap the body.
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(TrafficMiddleware, max_inflight=settings.max_inflight)
    return app
