"""Step mode: the highest offered rate whose p99 stays within a limit.

Rates are tried in increasing order, each for the full duration; the search stops at the first rate
that fails (no point pushing an overloaded server further), then optionally bisects between the last
rate that held and the first that failed. Because each step is an open-loop run, a server past its
capacity shows it as a queue that grows for the whole step, not as a politely reduced rate.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from loadtest.plan import Endpoint, RunConfig
from loadtest.result import RunResult
from loadtest.runner import ProgressCallback, run_load

__all__ = ["MAX_STEPS", "StepOutcome", "StepSearch", "find_max_rate", "parse_step_rates"]

MAX_STEPS = 50  # with --duration, this bounds a step search's length


@dataclass(frozen=True, slots=True)
class StepOutcome:
    """One rate tried: the worst endpoint's p99 and failure share, and whether both held."""

    rate_per_s: float
    p99_ms: float
    error_share: float
    holds: bool


@dataclass(frozen=True, slots=True)
class StepSearch:
    """Every rate tried, in the order tried; ``best_rate_per_s`` is None when even the first failed."""

    limit_ms: float
    max_error_share: float
    steps: tuple[StepOutcome, ...]
    runs: tuple[RunResult, ...]
    best_rate_per_s: float | None


def parse_step_rates(spec: str) -> tuple[float, ...]:
    """``"START:STOP:STEP"`` → START, START+STEP, … up to STOP inclusive. Raises ``ValueError``."""
    parts = spec.split(":")
    if len(parts) != 3:
        raise ValueError(f"step must be START:STOP:STEP (req/s), got {spec!r}")
    try:
        start, stop, step = (float(p) for p in parts)
    except ValueError as exc:
        raise ValueError(f"step must be three numbers START:STOP:STEP, got {spec!r}") from exc
    if not (start > 0 and step > 0 and stop >= start):
        raise ValueError(f"step needs START > 0, STEP > 0 and STOP >= START, got {spec!r}")
    count = math.floor((stop - start) / step + 1e-9) + 1
    if count > MAX_STEPS:
        raise ValueError(f"step {spec!r} gives {count} rates; at most {MAX_STEPS} are allowed")
    return tuple(round(start + i * step, 6) for i in range(count))


def find_max_rate(
    endpoints: Sequence[Endpoint],
    base: RunConfig,
    rates: Sequence[float],
    *,
    limit_ms: float,
    max_error_share: float = 0.001,
    refine_steps: int = 0,
    retries: int = 0,
    on_step: Callable[[StepOutcome], None] | None = None,
    on_progress: ProgressCallback | None = None,
) -> StepSearch:
    """Run ``base`` at each rate in turn until one fails; then bisect ``refine_steps`` times.

    A rate holds when every endpoint's p99 ≤ ``limit_ms`` and its failures (errors, timeouts, unsent)
    ≤ ``max_error_share`` of its requests. With ``retries`` > 0 a failing rate is run again, up to that
    many times, before it counts as failed (every attempt is kept in ``steps``): on a shared machine one
    stall of another process should not end the search.
    """
    if not rates:
        raise ValueError("no rates to try")
    if not 0 <= refine_steps <= 10:
        raise ValueError(f"refine_steps must be in 0..10, got {refine_steps}")
    if not 0 <= retries <= 3:
        raise ValueError(f"retries must be in 0..3, got {retries}")
    steps: list[StepOutcome] = []
    runs: list[RunResult] = []

    def attempt(rate: float) -> bool:
        return any(attempt_once(rate) for _ in range(retries + 1))

    def attempt_once(rate: float) -> bool:
        result = run_load(endpoints, replace(base, rate_per_s=rate), on_progress=on_progress)
        outcome = StepOutcome(
            rate_per_s=rate,
            p99_ms=max(e.latency.p99_ms for e in result.endpoints),
            error_share=max(e.error_share for e in result.endpoints),
            holds=result.p99_holds(limit_ms=limit_ms, max_error_share=max_error_share),
        )
        steps.append(outcome)
        runs.append(result)
        if on_step is not None:
            on_step(outcome)
        return outcome.holds

    best: float | None = None
    first_failure: float | None = None
    for rate in sorted(rates):
        if attempt(rate):
            best = rate
        else:
            first_failure = rate
            break
    if best is not None and first_failure is not None:
        low, high = best, first_failure
        for _ in range(refine_steps):
            middle = round((low + high) / 2, 3)
            if attempt(middle):
                low = best = middle
            else:
                high = middle
    return StepSearch(
        limit_ms=limit_ms,
        max_error_share=max_error_share,
        steps=tuple(steps),
        runs=tuple(runs),
        best_rate_per_s=best,
    )
