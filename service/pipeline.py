"""The request path, as stages: sanitize → guard → classify → route (→ fallback).

One :class:`Pipeline` per worker owns the budget and the timings. Each back-end call is bounded by
what is left of the budget; a back-end that fails or runs out of time raises a typed error that is
caught here and turned into the documented degraded path, so no model failure becomes a 5xx.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncGenerator
from contextlib import aclosing
from dataclasses import dataclass, field
from typing import Literal

from service.backends.protocol import ChatMessage
from service.budget import Budget
from service.classify.base import Classifier, Prediction
from service.classify.embedded import EmbeddedClassifier
from service.decision_log import DecisionLog, DecisionRecord
from service.errors import BackendError
from service.fallback import FallbackModel
from service.guard import GuardVerdict, InjectionGuard
from service.metrics import (
    BUDGET_EXCEEDED,
    CLASSIFIER_CONFIDENCE,
    DEGRADED,
    GUARD_BLOCKED,
    PII_MASKED,
    REQUESTS,
    STAGE_DURATION,
)
from service.route import Decision, decide_route
from service.sanitize import PiiSpan, SanitizedText, mask_pii
from service.sentences import SentenceMasker
from service.taxonomy import Taxonomy

__all__ = ["Outcome", "Pipeline", "PipelineConfig", "Role", "Turn"]

Role = Literal["user", "assistant"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Turn:
    """One user turn as the pipeline sees it (the API schema converts into this)."""

    text: str
    request_id: str
    budget_ms: int
    session_id: str | None = None
    history: tuple[tuple[Role, str], ...] = ()  # (role, content), oldest first, unmasked


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    confidence_threshold: float
    fallback_budget_ms: int
    blocked_reply: str
    apology_reply: str


@dataclass(slots=True)
class Outcome:
    """Everything the response, the metrics and the decision log need about one request."""

    request_id: str
    decision: Decision
    sanitized_text: str
    pii: tuple[PiiSpan, ...]
    guard: GuardVerdict
    prediction: Prediction | None = None
    target: str | None = None
    reply: str | None = None
    degraded_reasons: list[str] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)


@dataclass(slots=True)
class _Run:
    """One request between its stages."""

    turn: Turn
    endpoint: str
    budget: Budget
    watch: _Stopwatch
    outcome: Outcome


def _masked(turn: Turn) -> list[ChatMessage]:
    """The conversation so far, as the fallback model may see it."""
    return [ChatMessage(role=role, content=mask_pii(content).text) for role, content in turn.history]


def _count_output_pii(masked: SanitizedText) -> SanitizedText:
    for span in masked.spans:
        PII_MASKED.labels(type=span.type, source="output").inc()
    return masked


class _Stopwatch:
    """Times consecutive stages into ``timings`` (milliseconds) and the stage histogram (seconds)."""

    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings
        self.started = self._last = time.perf_counter()

    def elapsed_ms(self) -> float:
        return round((time.perf_counter() - self.started) * 1000.0, 3)

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        seconds = now - self._last
        self._last = now
        self.timings[stage] = round(seconds * 1000.0, 3)
        STAGE_DURATION.labels(stage=stage).observe(seconds)


class Pipeline:
    def __init__(
        self,
        *,
        taxonomy: Taxonomy,
        guard: InjectionGuard,
        classifier: Classifier,
        embedded: EmbeddedClassifier,
        fallback: FallbackModel | None,
        config: PipelineConfig,
        decision_log: DecisionLog | None = None,
    ) -> None:
        self.taxonomy = taxonomy
        self.guard = guard
        self.classifier = classifier
        self.embedded = embedded
        self.fallback = fallback
        self.config = config
        self.decision_log = decision_log

    async def route(self, turn: Turn) -> Outcome:
        """Run every stage; the fallback model answers the long tail. Never raises for back-end trouble."""
        run = await self._decide(turn, endpoint="route")
        if run.outcome.decision is Decision.FALLBACK:
            run.outcome.reply = await self._fallback(run)
            run.watch.lap("fallback")
        return self._finish(run)

    async def classify(self, turn: Turn) -> Outcome:
        """Sanitize, guard and classify only: never calls the fallback model (for evaluation)."""
        return self._finish(await self._decide(turn, endpoint="classify"))

    async def route_stream(self, turn: Turn) -> tuple[Outcome, AsyncGenerator[str, None]]:
        """As :meth:`route`, with the fallback model's reply streamed: returns the decision at once and
        the reply's masked sentences as they complete. Once the sentences end, the outcome holds the
        whole reply and its timings; it is recorded however the stream ends (also when the client goes
        away mid-reply: closing the iterator stops the fallback call)."""
        run = await self._decide(turn, endpoint="route")
        run.outcome.timings_ms["total"] = run.watch.elapsed_ms()  # so far; the done event has the final one
        sentences = self._reply_sentences(run)
        await anext(sentences)  # into its try block: from here on the decision is recorded, however it ends
        return run.outcome, sentences

    async def _decide(self, turn: Turn, *, endpoint: str) -> _Run:
        """Sanitize, guard, classify, route: everything up to the fallback model."""
        budget = Budget.start(turn.budget_ms)
        watch = _Stopwatch({"sanitize": 0.0, "guard": 0.0, "classify": 0.0, "fallback": 0.0})

        sanitized = mask_pii(turn.text)
        watch.lap("sanitize")

        verdict = self.guard.check(sanitized.text)
        watch.lap("guard")

        outcome = Outcome(
            request_id=turn.request_id,
            decision=Decision.BLOCKED,
            sanitized_text=sanitized.text,
            pii=sanitized.spans,
            guard=verdict,
            timings_ms=watch.timings,
        )
        if verdict.blocked:
            outcome.reply = self.config.blocked_reply
        else:
            outcome.prediction = await self._classify(sanitized.text, budget, outcome)
            watch.lap("classify")
            route = decide_route(
                outcome.prediction, self.taxonomy, threshold=self.config.confidence_threshold
            )
            outcome.decision, outcome.target = route.decision, route.target
        return _Run(turn=turn, endpoint=endpoint, budget=budget, watch=watch, outcome=outcome)

    def _finish(self, run: _Run) -> Outcome:
        """Close the timings, count the request and record the decision."""
        outcome = run.outcome
        total_s = time.perf_counter() - run.watch.started
        outcome.timings_ms["total"] = round(total_s * 1000.0, 3)
        STAGE_DURATION.labels(stage="total").observe(total_s)
        if total_s * 1000.0 > run.budget.total_ms and outcome.decision is not Decision.FALLBACK:
            BUDGET_EXCEEDED.labels(stage="total").inc()
        self._record(outcome, run.turn, run.endpoint)
        return outcome

    async def _classify(self, text: str, budget: Budget, outcome: Outcome) -> Prediction:
        """Ask the configured classifier; on any back-end error the embedded classifier answers."""
        try:
            return await self.classifier.classify(text, deadline=budget.deadline)
        except BackendError as exc:
            self._degrade(outcome, f"{exc.backend}_{exc.outcome}", stage="classify", error=exc)
            return self.embedded.predict(text)

    async def _fallback(self, run: _Run) -> str:
        """The fallback model's reply, masked; the configured apology if it fails or runs out of time."""
        outcome = run.outcome
        if self.fallback is None:
            self._degrade(outcome, "fallback_unconfigured", stage="fallback", error=None)
            return self.config.apology_reply
        deadline = run.budget.extended_to(self.config.fallback_budget_ms)
        try:
            reply = await self.fallback.reply(
                outcome.sanitized_text, history=_masked(run.turn), deadline=deadline
            )
        except BackendError as exc:
            self._degrade(outcome, f"{exc.backend}_{exc.outcome}", stage="fallback", error=exc)
            return self.config.apology_reply
        return _count_output_pii(mask_pii(reply)).text

    async def _reply_sentences(self, run: _Run) -> AsyncGenerator[str, None]:
        try:
            yield ""  # taken by route_stream, which starts this generator
            if run.outcome.decision is Decision.FALLBACK:
                async for sentences in self._fallback_stream(run):
                    yield sentences
        finally:
            if run.outcome.decision is Decision.FALLBACK:
                run.watch.lap("fallback")
            self._finish(run)

    async def _fallback_stream(self, run: _Run) -> AsyncGenerator[str, None]:
        """As :meth:`_fallback`, a sentence or more at a time; sets ``outcome.reply`` to all it said."""
        outcome = run.outcome
        if self.fallback is None:
            self._degrade(outcome, "fallback_unconfigured", stage="fallback", error=None)
            outcome.reply = self.config.apology_reply
            yield outcome.reply
            return
        masker = SentenceMasker()
        try:
            deltas = self.fallback.stream_reply(
                outcome.sanitized_text,
                history=_masked(run.turn),
                deadline=run.budget.extended_to(self.config.fallback_budget_ms),
            )
            async with aclosing(deltas):
                async for delta in deltas:
                    if sentences := masker.feed(delta):
                        yield sentences
            if rest := masker.close():
                yield rest
            outcome.reply = _count_output_pii(masker.masked()).text
        except BackendError as exc:
            # What was said stays said; the unfinished sentence is dropped and the apology follows.
            self._degrade(outcome, f"{exc.backend}_{exc.outcome}", stage="fallback", error=exc)
            outcome.reply = masker.said + self.config.apology_reply
            yield self.config.apology_reply

    def _degrade(self, outcome: Outcome, reason: str, *, stage: str, error: BackendError | None) -> None:
        """Record a degraded answer: the reason on the response, a metric, a log line."""
        outcome.degraded_reasons.append(reason)
        DEGRADED.labels(reason=reason).inc()
        if error is not None and error.outcome == "timeout":
            BUDGET_EXCEEDED.labels(stage=stage).inc()
        detail = error.detail if error is not None else None
        log.warning("degraded", extra={"request_id": outcome.request_id, "reason": reason, "detail": detail})

    def _record(self, outcome: Outcome, turn: Turn, endpoint: str) -> None:
        prediction = outcome.prediction
        intent = prediction.intent if prediction else None
        classifier = prediction.classifier if prediction else None
        REQUESTS.labels(
            endpoint=endpoint,
            decision=outcome.decision.value,
            intent=intent or "none",
            classifier=classifier or "none",
        ).inc()
        if prediction is not None:
            CLASSIFIER_CONFIDENCE.labels(classifier=prediction.classifier).observe(prediction.confidence)
        for span in outcome.pii:
            PII_MASKED.labels(type=span.type, source="input").inc()
        for reason in outcome.guard.reasons if outcome.guard.blocked else ():
            GUARD_BLOCKED.labels(reason=reason).inc()
        if outcome.guard.blocked and not outcome.guard.reasons:
            GUARD_BLOCKED.labels(reason="model").inc()
        log.debug(
            "decision",
            extra={
                "request_id": outcome.request_id,
                "endpoint": endpoint,
                "decision": outcome.decision.value,
                "intent": intent,
                "classifier": classifier,
                "degraded": bool(outcome.degraded_reasons),
                "timings_ms": outcome.timings_ms,
            },
        )
        if self.decision_log is not None:
            self.decision_log.append(
                DecisionRecord(
                    ts=time.time(),
                    request_id=outcome.request_id,
                    session_id=turn.session_id,
                    endpoint=endpoint,
                    text=outcome.sanitized_text,
                    decision=outcome.decision.value,
                    intent=intent,
                    confidence=prediction.confidence if prediction else None,
                    classifier=classifier,
                    degraded=bool(outcome.degraded_reasons),
                    degraded_reason=",".join(outcome.degraded_reasons) or None,
                    guard_score=outcome.guard.score,
                    guard_reasons=outcome.guard.reasons,
                    pii_types=tuple(s.type for s in outcome.pii),
                    timings_ms=dict(outcome.timings_ms),
                )
            )
