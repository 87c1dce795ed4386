"""One endpoint's accounting during a run: every scheduled request ends in exactly one bucket.

The buckets: a 2xx (within the budget or not), another status, a transport error, a timeout, or never
sent (the run's hard deadline passed). Latency is recorded for every answer and every timeout.
"""

from __future__ import annotations

from collections import Counter

from loadtest.histogram import LatencyHistogram
from loadtest.result import EndpointResult
from loadtest.stages import ServerTimingsRecorder
from loadtest.target import Target

__all__ = ["EndpointTally"]


class EndpointTally:
    """Counts and latencies for one endpoint; :meth:`result` freezes them into an :class:`EndpointResult`."""

    __slots__ = ("_budget_s", "_errors", "_histogram", "_not_sent", "_ok", "_ok_within_budget", "_server",
                 "_timeouts", "scheduled")  # fmt: skip

    def __init__(self, *, budget_ms: int) -> None:
        self._budget_s = budget_ms / 1e3
        self._histogram = LatencyHistogram()
        self._server = ServerTimingsRecorder()
        self._errors: Counter[str] = Counter()
        self.scheduled = 0
        self._ok = 0
        self._ok_within_budget = 0
        self._timeouts = 0
        self._not_sent = 0

    def record_response(self, latency_s: float, status: int, body: bytes) -> None:
        self._histogram.record_seconds(latency_s)
        if 200 <= status < 300:
            self._ok += 1
            if latency_s <= self._budget_s:
                self._ok_within_budget += 1
            self._server.record_body(body)
        else:
            self._errors[f"http_{status}"] += 1

    def record_error(self, error: BaseException) -> None:
        self._errors[type(error).__name__] += 1

    def record_timeout(self, waited_s: float) -> None:
        # Recorded at the moment it was given up: a lower bound, so giving up never improves percentiles.
        self._timeouts += 1
        self._histogram.record_seconds(waited_s)

    def record_not_sent(self) -> None:
        self.scheduled += 1
        self._not_sent += 1

    @property
    def failed(self) -> int:
        return sum(self._errors.values()) + self._timeouts + self._not_sent

    def p99_ms(self) -> float:
        return self._histogram.value_at_percentile_ms(99.0)

    def result(self, *, name: str, target: Target) -> EndpointResult:
        scheduled = self.scheduled
        return EndpointResult(
            name=name,
            url=target.url,
            method=target.method,
            scheduled=scheduled,
            ok=self._ok,
            errors=dict(sorted(self._errors.items())),
            timeouts=self._timeouts,
            not_sent=self._not_sent,
            over_budget_share=(1.0 - self._ok_within_budget / scheduled) if scheduled else 0.0,
            latency=self._histogram.summary(),
            percentile_curve=self._histogram.percentile_curve(),
            server=self._server.summary(),
            histogram_hdr=self._histogram.encode(),
        )
