from __future__ import annotations

import pytest

from service.breaker import BreakerState, CircuitBreaker


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def make(clock: Clock, failures: int = 3) -> CircuitBreaker:
    return CircuitBreaker("test", failure_threshold=failures, reset_s=5.0, clock=clock)


def test_opens_after_consecutive_failures() -> None:
    breaker = make(Clock())
    for _ in range(2):
        breaker.record_failure()
        assert breaker.allow()
    breaker.record_failure()
    assert breaker.state is BreakerState.OPEN
    assert not breaker.allow()


def test_a_success_resets_the_failure_count() -> None:
    breaker = make(Clock())
    breaker.record_failure()
    breaker.record_failure()
    breaker.record_success()
    breaker.record_failure()
    assert breaker.state is BreakerState.CLOSED


def test_half_open_lets_exactly_one_probe_through() -> None:
    clock = Clock()
    breaker = make(clock, failures=1)
    breaker.record_failure()
    clock.now += 5.0
    assert breaker.state is BreakerState.HALF_OPEN
    assert breaker.allow()
    assert not breaker.allow()


def test_successful_probe_closes_the_breaker() -> None:
    clock = Clock()
    breaker = make(clock, failures=1)
    breaker.record_failure()
    clock.now += 5.0
    assert breaker.allow()
    breaker.record_success()
    assert breaker.state is BreakerState.CLOSED
    assert breaker.allow()


def test_failed_probe_reopens_for_another_full_period() -> None:
    clock = Clock()
    breaker = make(clock, failures=3)
    for _ in range(3):
        breaker.record_failure()
    clock.now += 5.0
    assert breaker.allow()
    breaker.record_failure()
    assert breaker.state is BreakerState.OPEN
    clock.now += 4.9
    assert not breaker.allow()


def test_released_probe_lets_the_next_caller_probe() -> None:
    clock = Clock()
    breaker = make(clock, failures=1)
    breaker.record_failure()
    clock.now += 5.0
    assert breaker.allow()
    breaker.release()
    assert breaker.allow()


def test_bad_arguments_fail_at_construction() -> None:
    with pytest.raises(ValueError, match="failure_threshold"):
        CircuitBreaker("x", failure_threshold=0, reset_s=1.0)
    with pytest.raises(ValueError, match="reset_s"):
        CircuitBreaker("x", failure_threshold=1, reset_s=0.0)
