"""A per-back-end circuit breaker: stop calling a back-end that keeps failing, probe it later.

closed ──(``failure_threshold`` consecutive failures)──▶ open ──(``reset_s`` elapsed)──▶ half-open
half-open lets exactly one probe through: success closes the breaker, failure re-opens it.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable

from service.metrics import BREAKER_STATE

__all__ = ["BreakerState", "CircuitBreaker"]


class BreakerState(enum.StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class CircuitBreaker:
    """Not thread-safe: one per back-end per event loop (each uvicorn worker has its own)."""

    def __init__(
        self,
        name: str,
        *,
        failure_threshold: int,
        reset_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if failure_threshold < 1:
            raise ValueError(f"failure_threshold must be ≥ 1, got {failure_threshold}")
        if reset_s <= 0:
            raise ValueError(f"reset_s must be > 0, got {reset_s}")
        self.name = name
        self.failure_threshold = failure_threshold
        self.reset_s = reset_s
        self._clock = clock
        self._failures = 0
        self._opened_at = 0.0
        self._state = BreakerState.CLOSED
        self._probe_in_flight = False
        BREAKER_STATE.labels(backend=name).set(0)

    @property
    def state(self) -> BreakerState:
        if self._state is BreakerState.OPEN and self._clock() - self._opened_at >= self.reset_s:
            return BreakerState.HALF_OPEN
        return self._state

    def allow(self) -> bool:
        """Whether a call may go out now. In half-open, only the first caller gets ``True``."""
        state = self.state
        if state is BreakerState.CLOSED:
            return True
        if state is BreakerState.HALF_OPEN and not self._probe_in_flight:
            self._state = BreakerState.HALF_OPEN
            self._probe_in_flight = True
            return True
        return False

    def record_success(self) -> None:
        self._failures = 0
        self._probe_in_flight = False
        if self._state is not BreakerState.CLOSED:
            self._state = BreakerState.CLOSED
            BREAKER_STATE.labels(backend=self.name).set(0)

    def record_failure(self) -> None:
        self._failures += 1
        was_probe = self._probe_in_flight
        self._probe_in_flight = False
        if was_probe or self._failures >= self.failure_threshold:
            self._state = BreakerState.OPEN
            self._opened_at = self._clock()
            BREAKER_STATE.labels(backend=self.name).set(1)

    def release(self) -> None:
        """Forget a probe that ended without a verdict (e.g. the caller was cancelled)."""
        self._probe_in_flight = False
