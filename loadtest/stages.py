"""The server's own account of each request: per-stage timings and decisions read from response bodies.

The gateway reports ``timings_ms: {sanitize, guard, classify, fallback, total}`` and ``decision`` in every
``/v1/route`` answer (DESIGN §2). Summarising them beside the client-side latency splits the time into
"inside the pipeline" and "everything else" (HTTP parsing, the event loop, the network stack, queueing).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from loadtest.histogram import LatencyHistogram, LatencySummary

__all__ = ["ServerTimings", "ServerTimingsRecorder"]

# Cheap pre-check: most bodies without timings (``/healthz``) are skipped without a JSON parse.
_TIMINGS_MARKER = b'"timings_ms"'


@dataclass(frozen=True, slots=True)
class ServerTimings:
    """Per-stage percentiles (in stage order as the server sent them) and counts of each ``decision``."""

    stages: Mapping[str, LatencySummary]
    decisions: Mapping[str, int]
    degraded: int
    responses_read: int


class ServerTimingsRecorder:
    """Reads successful response bodies; ignores bodies that are not gateway route answers."""

    __slots__ = ("_decisions", "_degraded", "_read", "_stages")

    def __init__(self) -> None:
        self._stages: dict[str, LatencyHistogram] = {}
        self._decisions: Counter[str] = Counter()
        self._degraded = 0
        self._read = 0

    def record_body(self, body: bytes) -> None:
        if _TIMINGS_MARKER not in body:
            return
        try:
            answer = json.loads(body)
        except ValueError:
            return  # a malformed body is the server's bug; the status code already counted it
        if not isinstance(answer, dict):
            return
        timings = answer.get("timings_ms")
        if isinstance(timings, dict):
            self._read += 1
            for stage, value in timings.items():
                if isinstance(value, int | float) and not isinstance(value, bool):
                    histogram = self._stages.get(stage)
                    if histogram is None:
                        histogram = self._stages[stage] = LatencyHistogram()
                    histogram.record_milliseconds(float(value))
        decision = answer.get("decision")
        if isinstance(decision, str):
            self._decisions[decision] += 1
        if answer.get("degraded") is True:
            self._degraded += 1

    def summary(self) -> ServerTimings:
        return ServerTimings(
            stages={stage: histogram.summary() for stage, histogram in self._stages.items()},
            decisions=dict(sorted(self._decisions.items())),
            degraded=self._degraded,
            responses_read=self._read,
        )
