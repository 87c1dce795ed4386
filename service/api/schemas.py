"""The HTTP API's single source of truth: every request, response and error body.

Routes, the OpenAPI document at ``/docs``, the load tester and the tests all derive from these models.
Field order follows DESIGN.md §2. Each request model converts to the pipeline's internal value in one
method (``to_turn``); each response model is built from the pipeline's ``Outcome`` in one method.
"""

from __future__ import annotations

import logging
import uuid
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from service.pipeline import Outcome, Turn
from service.taxonomy import Taxonomy

__all__ = [
    "MAX_HISTORY_TURNS",
    "MAX_TEXT_CHARS",
    "BackendStatus",
    "ClassifyResponse",
    "DoneEvent",
    "ErrorInfo",
    "ErrorResponse",
    "GuardInfo",
    "HealthResponse",
    "HistoryTurn",
    "IntentInfo",
    "IntentsResponse",
    "PiiInfo",
    "ReadyResponse",
    "ReplyEvent",
    "RouteRequest",
    "RouteResponse",
    "Timings",
]

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 2000
MAX_HISTORY_TURNS = 10

# Trimmed first, then bounded: "   " is empty, and padding does not count toward the limit.
UtteranceText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT_CHARS)
]
Identifier = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]


class _Request(BaseModel):
    """Accepts unknown fields (clients evolve before servers do) but logs the ones it ignores."""

    model_config = ConfigDict(extra="allow", frozen=True)

    @model_validator(mode="after")
    def _log_ignored(self) -> Any:
        if self.model_extra:
            log.warning("ignored unknown request fields: %s", sorted(self.model_extra))
        return self


class HistoryTurn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Literal["user", "assistant"]
    content: Annotated[str, StringConstraints(max_length=MAX_TEXT_CHARS)]


class RouteRequest(_Request):
    """One user turn after speech-to-text."""

    text: UtteranceText = Field(description="the user's utterance (1–2000 characters after trimming)")
    session_id: Identifier | None = Field(default=None, description="groups turns of one conversation")
    request_id: Identifier | None = Field(default=None, description="echoed back; generated when absent")
    history: list[HistoryTurn] = Field(
        default_factory=list,
        max_length=MAX_HISTORY_TURNS,
        description="earlier turns, oldest first; only the fallback model reads them",
    )
    budget_ms: int | None = Field(
        default=None, ge=10, le=60_000, description="overrides the server's budget for this request"
    )
    stream: bool = Field(
        default=False,
        description="/v1/route only: answer as server-sent events, the fallback reply sentence by sentence",
    )

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"text": "我电话13800138000，想在望京找两居", "session_id": "s-42"}],
        }
    )

    def to_turn(self, *, default_budget_ms: int) -> Turn:
        return Turn(
            text=self.text,
            request_id=self.request_id or uuid.uuid4().hex,
            budget_ms=self.budget_ms or default_budget_ms,
            session_id=self.session_id,
            history=tuple((h.role, h.content) for h in self.history),
        )


class PiiInfo(BaseModel):
    type: str = Field(description="phone, id_card, bank_card, email, …")
    start: int = Field(description="offset of the placeholder in sanitized_text")
    end: int


class GuardInfo(BaseModel):
    blocked: bool
    score: float = Field(ge=0.0, le=1.0, description="injection probability")
    reasons: list[str]


class Timings(BaseModel):
    """Milliseconds spent in each stage; stages that did not run are 0."""

    sanitize: float
    guard: float
    classify: float
    fallback: float
    total: float


class _Decided(BaseModel):
    request_id: str
    decision: Literal["routed", "fallback", "blocked"]
    intent: str | None = Field(description="taxonomy id; null when blocked")
    label: str | None = Field(description="the intent's Chinese label")
    confidence: float | None = Field(ge=0.0, le=1.0)
    target: str | None = Field(description="where a routed request goes; the fallback model's for fallback")

    @staticmethod
    def _common(outcome: Outcome, taxonomy: Taxonomy) -> dict[str, Any]:
        p = outcome.prediction
        return {
            "request_id": outcome.request_id,
            "decision": outcome.decision.value,
            "intent": p.intent if p else None,
            "label": taxonomy.get(p.intent).label if p else None,
            "confidence": round(p.confidence, 6) if p else None,
            "target": outcome.target,
            "sanitized_text": outcome.sanitized_text,
            "pii": [PiiInfo(type=s.type, start=s.start, end=s.end) for s in outcome.pii],
            "guard": GuardInfo(
                blocked=outcome.guard.blocked,
                score=round(outcome.guard.score, 6),
                reasons=list(outcome.guard.reasons),
            ),
            "classifier": p.classifier if p else None,
            "scores": {k: round(v, 6) for k, v in p.scores.items()} if p and p.scores is not None else None,
            **_final_state(outcome),
        }


class RouteResponse(_Decided):
    reply: str | None = Field(description="the answer for fallback (masked) and blocked decisions")
    sanitized_text: str = Field(description="the text with PII replaced by typed placeholders")
    pii: list[PiiInfo]
    guard: GuardInfo
    classifier: str | None = Field(description="which back-end answered, e.g. embedded or vllm:MODEL")
    scores: dict[str, float] | None = Field(default=None, description="full distribution, where known")
    degraded: bool = Field(description="true when a back-end failed and a degraded path answered")
    degraded_reason: str | None = Field(description="comma-separated, e.g. vllm_timeout")
    timings_ms: Timings

    @classmethod
    def from_outcome(cls, outcome: Outcome, taxonomy: Taxonomy) -> RouteResponse:
        return cls(reply=outcome.reply, **cls._common(outcome, taxonomy))


class ClassifyResponse(_Decided):
    """As :class:`RouteResponse` without ``reply``: ``/v1/classify`` never calls the fallback model."""

    sanitized_text: str
    pii: list[PiiInfo]
    guard: GuardInfo
    classifier: str | None
    scores: dict[str, float] | None = None
    degraded: bool
    degraded_reason: str | None
    timings_ms: Timings

    @classmethod
    def from_outcome(cls, outcome: Outcome, taxonomy: Taxonomy) -> ClassifyResponse:
        return cls(**cls._common(outcome, taxonomy))


class ReplyEvent(BaseModel):
    """``event: reply``: the next whole sentences of the fallback model's reply, already masked."""

    text: str


class DoneEvent(BaseModel):
    """``event: done``, last: the whole reply as the ``reply`` events spelled it, and the final state."""

    request_id: str
    reply: str | None
    degraded: bool
    degraded_reason: str | None
    timings_ms: Timings

    @classmethod
    def from_outcome(cls, outcome: Outcome) -> DoneEvent:
        return cls(request_id=outcome.request_id, reply=outcome.reply, **_final_state(outcome))


def _final_state(outcome: Outcome) -> dict[str, Any]:
    return {
        "degraded": bool(outcome.degraded_reasons),
        "degraded_reason": ",".join(outcome.degraded_reasons) or None,
        "timings_ms": Timings(**outcome.timings_ms),
    }


class IntentInfo(BaseModel):
    id: str
    label: str
    description: str
    examples: list[str]
    target: str


class IntentsResponse(BaseModel):
    fallback_intent: str
    intents: list[IntentInfo]

    @classmethod
    def from_taxonomy(cls, taxonomy: Taxonomy) -> IntentsResponse:
        return cls(
            fallback_intent=taxonomy.fallback_intent,
            intents=[
                IntentInfo(
                    id=i.id,
                    label=i.label,
                    description=i.description,
                    examples=list(i.examples),
                    target=i.target,
                )
                for i in taxonomy
            ],
        )


class HealthResponse(BaseModel):
    status: Literal["ok"] = "ok"


class BackendStatus(BaseModel):
    name: str
    breaker: Literal["closed", "open", "half_open"]
    reachable: bool | None = Field(description="answered a health probe just now; null when not probed")


class ReadyResponse(BaseModel):
    """Ready means this worker can answer: the embedded classifier is loaded, so even with every
    back-end down requests get a degraded answer. Back-end state is reported, not required — taking
    every replica out of the Service because vLLM is down would turn degradation into an outage."""

    ready: bool
    classifier: str
    backends: list[BackendStatus]


class ErrorInfo(BaseModel):
    message: str = Field(description="what went wrong, for a human")
    type: str = Field(description="invalid_request_error, unauthorized, payload_too_large, overloaded, …")
    param: str | None = Field(default=None, description="the offending field, dotted (history.3.role)")
    code: int = Field(description="the HTTP status code")


class ErrorResponse(BaseModel):
    error: ErrorInfo
