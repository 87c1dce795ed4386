"""When requests are sent: an open-loop arrival schedule fixed before the run starts.

Open loop means the schedule never waits for the server. A closed-loop generator (send, wait, send)
slows down exactly when the server stalls and so never records the requests that *would* have
arrived during the stall: coordinated omission. Here every send time is decided up front, and
:mod:`loadtest.runner` measures latency from it.
"""

from __future__ import annotations

import enum
import heapq
import math
import random
from collections.abc import Iterator

__all__ = [
    "MAX_REQUESTS_PER_RUN",
    "ArrivalProcess",
    "expected_request_count",
    "iter_arrival_offsets",
    "iter_endpoint_arrivals",
]

# A hard bound on one run, whatever the arguments: 20 minutes at 1,500 req/s. The tool must stop by itself.
MAX_REQUESTS_PER_RUN = 2_000_000


class ArrivalProcess(enum.Enum):
    """``constant``: evenly spaced, 1/rate apart. ``poisson``: exponential gaps with mean 1/rate,
    the arrival pattern of many independent users, which is burstier and shows queueing sooner."""

    CONSTANT = "constant"
    POISSON = "poisson"


def expected_request_count(*, rate_per_s: float, duration_s: float) -> int:
    """Number of requests a constant schedule sends (the mean for Poisson)."""
    return math.ceil(rate_per_s * duration_s)


def iter_arrival_offsets(
    process: ArrivalProcess, *, rate_per_s: float, duration_s: float, seed: int = 0
) -> Iterator[float]:
    """Yield send times in seconds from the start, increasing, all below ``duration_s``.

    Raises ``ValueError`` for a non-positive rate or duration, or when the run would exceed
    :data:`MAX_REQUESTS_PER_RUN` requests.
    """
    if rate_per_s <= 0 or not math.isfinite(rate_per_s):
        raise ValueError(f"rate_per_s must be a positive number, got {rate_per_s}")
    if duration_s <= 0 or not math.isfinite(duration_s):
        raise ValueError(f"duration_s must be a positive number, got {duration_s}")
    if expected_request_count(rate_per_s=rate_per_s, duration_s=duration_s) > MAX_REQUESTS_PER_RUN:
        raise ValueError(
            f"{rate_per_s} req/s for {duration_s} s exceeds {MAX_REQUESTS_PER_RUN} requests in one run"
        )
    if process is ArrivalProcess.CONSTANT:
        return _constant(rate_per_s, duration_s)
    return _poisson(rate_per_s, duration_s, random.Random(seed))


def _constant(rate_per_s: float, duration_s: float) -> Iterator[float]:
    # i / rate rather than a running sum, so rounding error does not accumulate over a long run.
    count = expected_request_count(rate_per_s=rate_per_s, duration_s=duration_s)
    for i in range(count):
        yield i / rate_per_s


def _poisson(rate_per_s: float, duration_s: float, rng: random.Random) -> Iterator[float]:
    t = rng.expovariate(rate_per_s)
    sent = 0
    while t < duration_s and sent < MAX_REQUESTS_PER_RUN:
        yield t
        sent += 1
        t += rng.expovariate(rate_per_s)


def iter_endpoint_arrivals(
    process: ArrivalProcess, *, endpoints: int, rate_per_s: float, duration_s: float, seed: int = 0
) -> Iterator[tuple[float, int]]:
    """Yield ``(offset_s, endpoint_index)`` in time order: each endpoint gets its own ``rate_per_s`` schedule.

    Constant schedules are interleaved, endpoint *i* shifted by *i* / (endpoints × rate): sent at the same
    instants, the second endpoint's requests would always queue behind the first's on a one-core server
    (/healthz waiting for each /v1/route), which measures the collision rather than the endpoint. Poisson
    schedules get independent seeds (``seed + i``) instead.
    """
    if endpoints < 1:
        raise ValueError(f"endpoints must be >= 1, got {endpoints}")
    phase_s = 1.0 / (rate_per_s * endpoints) if process is ArrivalProcess.CONSTANT else 0.0
    streams = [
        _tagged(
            iter_arrival_offsets(process, rate_per_s=rate_per_s, duration_s=duration_s, seed=seed + index),
            index,
            shift_s=index * phase_s,
        )
        for index in range(endpoints)
    ]
    return heapq.merge(*streams)


def _tagged(offsets: Iterator[float], index: int, *, shift_s: float) -> Iterator[tuple[float, int]]:
    for offset in offsets:
        yield offset + shift_s, index
