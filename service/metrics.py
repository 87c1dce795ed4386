"""Every Prometheus metric the gateway exports, defined once (prefix ``intent_router_``).

This is the only module-level state in ``service``: prometheus-client's registry is process-global by
design. With several uvicorn workers, ``PROMETHEUS_MULTIPROC_DIR`` must be set before this module is
first imported (``intent-router serve --workers N`` does it); ``/metrics`` then aggregates every
worker's files (see :func:`render_metrics`).
"""

from __future__ import annotations

from pathlib import Path

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

__all__ = [
    "BACKEND_REQUESTS",
    "BREAKER_STATE",
    "BUDGET_EXCEEDED",
    "CLASSIFIER_CONFIDENCE",
    "CONTENT_TYPE_LATEST",
    "DECISION_LOG_DROPPED",
    "DEGRADED",
    "GUARD_BLOCKED",
    "HTTP_RESPONSES",
    "INFLIGHT",
    "PII_MASKED",
    "REQUESTS",
    "STAGE_DURATION",
    "render_metrics",
]

# Dense between 0.5 ms and 1 s (the budget lives there), then coarse up to 10 s for the fallback model.
_LATENCY_BUCKETS = (
    0.0005, 0.001, 0.0015, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075,
    0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0,
)  # fmt: skip

STAGE_DURATION = Histogram(
    "intent_router_stage_duration_seconds",
    "Time spent in each request stage (sanitize, guard, classify, fallback) and in total.",
    ["stage"],
    buckets=_LATENCY_BUCKETS,
)
REQUESTS = Counter(
    "intent_router_requests",
    "Requests answered, by decision (routed, fallback, blocked), intent and classifier.",
    ["endpoint", "decision", "intent", "classifier"],
)
BUDGET_EXCEEDED = Counter(
    "intent_router_budget_exceeded",
    "Stages cut short because the request's budget ran out.",
    ["stage"],
)
DEGRADED = Counter(
    "intent_router_degraded",
    "Requests answered on a degraded path, by reason.",
    ["reason"],
)
GUARD_BLOCKED = Counter(
    "intent_router_guard_blocked",
    "Requests blocked by the injection guard, by the rule or model that fired.",
    ["reason"],
)
PII_MASKED = Counter(
    "intent_router_pii_masked",
    "PII values masked, by type, in user input (source=input) and model replies (source=output).",
    ["type", "source"],
)
BACKEND_REQUESTS = Counter(
    "intent_router_backend_requests",
    "Calls to model back-ends, by back-end (vllm, fallback) and outcome.",
    ["backend", "outcome"],
)
BREAKER_STATE = Gauge(
    "intent_router_breaker_open",
    "1 while a back-end's circuit breaker is open (calls skipped), else 0.",
    ["backend"],
    multiprocess_mode="max",
)
CLASSIFIER_CONFIDENCE = Histogram(
    "intent_router_classifier_confidence",
    "Confidence of the answering classifier.",
    ["classifier"],
    buckets=(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 0.99, 1.0),
)
INFLIGHT = Gauge(
    "intent_router_inflight_requests",
    "Requests being processed right now.",
    multiprocess_mode="livesum",
)
HTTP_RESPONSES = Counter(
    "intent_router_http_responses",
    "HTTP responses by route template and status class (2xx, 4xx, 5xx).",
    ["path", "status"],
)
DECISION_LOG_DROPPED = Counter(
    "intent_router_decision_log_dropped",
    "Decision-log records dropped because the writer's queue was full or the write failed.",
)


def render_metrics(multiprocess_dir: Path | None = None) -> bytes:
    """Return the exposition text: this process's registry, or, given the multiprocess directory,
    every worker's series aggregated from it."""
    if multiprocess_dir is not None:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return bytes(generate_latest(registry))
    return bytes(generate_latest())
