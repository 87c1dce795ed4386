"""Latency of the sanitize and guard stages, per utterance, as the gateway runs them.

Each utterance is timed on its own with ``time.perf_counter_ns``: ``mask_pii(text)`` (sanitize), then
``guard.check(masked)`` (guard), exactly the order of the request path, after one warm-up pass. Reports
p50/p99/max in microseconds per stage and for both together, two ways:

- ``observed``: every timing of every round. On a shared machine this includes the moments the OS gave
  the core to someone else, and garbage-collection pauses: what a request would have seen.
- ``intrinsic``: for each utterance the fastest of its rounds (as ``timeit`` does), then percentiles over
  utterances: the CPU cost of the code itself, stable from run to run when the machine is busy.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from service.guard import InjectionGuard
from service.sanitize import mask_pii

__all__ = ["LatencyReport", "StageLatency", "StageSet", "benchmark_stages"]


@dataclass(frozen=True, slots=True)
class StageLatency:
    p50_us: float
    p99_us: float
    max_us: float
    samples: int


@dataclass(frozen=True, slots=True)
class StageSet:
    sanitize: StageLatency
    guard: StageLatency
    both: StageLatency


@dataclass(frozen=True, slots=True)
class LatencyReport:
    observed: StageSet
    intrinsic: StageSet
    utterances: int
    rounds: int
    mean_chars: float


def _summarise(samples_ns: list[int]) -> StageLatency:
    ordered = sorted(samples_ns)
    n = len(ordered)

    def at(q: float) -> float:
        return ordered[min(n - 1, round(q * (n - 1)))] / 1000.0

    return StageLatency(p50_us=at(0.50), p99_us=at(0.99), max_us=ordered[-1] / 1000.0, samples=n)


def benchmark_stages(guard: InjectionGuard, texts: Sequence[str], *, rounds: int) -> LatencyReport:
    """Time both stages on every text ``rounds`` times; raises ValueError on an empty corpus."""
    if not texts or rounds < 1:
        raise ValueError(f"need texts and rounds >= 1, got {len(texts)} texts, {rounds} rounds")
    for text in texts:  # warm-up: regex caches, dict growth, branch predictors
        guard.check(mask_pii(text).text)
    n = len(texts)
    timings: dict[str, list[list[int]]] = {
        stage: [[] for _ in range(n)] for stage in ("sanitize", "guard", "both")
    }
    clock = time.perf_counter_ns
    for _ in range(rounds):
        for i, text in enumerate(texts):
            t0 = clock()
            masked = mask_pii(text).text
            t1 = clock()
            guard.check(masked)
            t2 = clock()
            timings["sanitize"][i].append(t1 - t0)
            timings["guard"][i].append(t2 - t1)
            timings["both"][i].append(t2 - t0)

    def stage_set(pick: str) -> StageSet:
        def samples(stage: str) -> list[int]:
            per_text = timings[stage]
            return [t for ts in per_text for t in ts] if pick == "all" else [min(ts) for ts in per_text]

        return StageSet(*(_summarise(samples(stage)) for stage in ("sanitize", "guard", "both")))

    return LatencyReport(
        observed=stage_set("all"),
        intrinsic=stage_set("min"),
        utterances=n,
        rounds=rounds,
        mean_chars=sum(map(len, texts)) / n,
    )
