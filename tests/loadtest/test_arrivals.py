"""Arrival schedules: fixed before the run, bounded, with the asked-for rate."""

from __future__ import annotations

import itertools
import statistics

import pytest

from loadtest.arrivals import (
    MAX_REQUESTS_PER_RUN,
    ArrivalProcess,
    iter_arrival_offsets,
    iter_endpoint_arrivals,
)


def test_constant_arrivals_are_evenly_spaced_and_stop_before_the_duration() -> None:
    offsets = list(iter_arrival_offsets(ArrivalProcess.CONSTANT, rate_per_s=200, duration_s=1.5))
    assert len(offsets) == 300
    assert offsets[0] == 0.0 and offsets[-1] < 1.5
    assert {round(b - a, 9) for a, b in itertools.pairwise(offsets)} == {0.005}


def test_poisson_arrivals_have_the_requested_mean_rate() -> None:
    rate, duration = 1000.0, 20.0
    offsets = list(iter_arrival_offsets(ArrivalProcess.POISSON, rate_per_s=rate, duration_s=duration, seed=7))
    # The count is Poisson(20,000): sd ≈ 141, so 3 % (≈ 4 sd) is a safe bound.
    assert len(offsets) == pytest.approx(rate * duration, rel=0.03)
    gaps = [b - a for a, b in itertools.pairwise(offsets)]
    # Exponential gaps: mean 1/rate and standard deviation equal to the mean.
    assert statistics.fmean(gaps) == pytest.approx(1 / rate, rel=0.03)
    assert statistics.stdev(gaps) / statistics.fmean(gaps) == pytest.approx(1.0, rel=0.05)
    assert all(0 <= t < duration for t in offsets)


def test_poisson_arrivals_repeat_with_the_same_seed() -> None:
    def schedule(seed: int) -> list[float]:
        return list(iter_arrival_offsets(ArrivalProcess.POISSON, rate_per_s=100, duration_s=1, seed=seed))

    assert schedule(3) == schedule(3)
    assert schedule(3) != schedule(4)


def test_a_run_larger_than_the_request_cap_is_refused() -> None:
    with pytest.raises(ValueError, match=str(MAX_REQUESTS_PER_RUN)):
        iter_arrival_offsets(ArrivalProcess.CONSTANT, rate_per_s=MAX_REQUESTS_PER_RUN, duration_s=2)


@pytest.mark.parametrize(
    ("rate", "duration"), [(0, 1), (-5, 1), (10, 0), (float("nan"), 1), (10, float("inf"))]
)
def test_non_positive_or_non_finite_rate_or_duration_is_refused(rate: float, duration: float) -> None:
    with pytest.raises(ValueError):
        iter_arrival_offsets(ArrivalProcess.CONSTANT, rate_per_s=rate, duration_s=duration)


def test_constant_schedules_of_two_endpoints_interleave_instead_of_colliding() -> None:
    merged = list(
        iter_endpoint_arrivals(ArrivalProcess.CONSTANT, endpoints=2, rate_per_s=100, duration_s=0.03)
    )
    assert [(round(t, 6), i) for t, i in merged] == [
        (0.0, 0), (0.005, 1), (0.01, 0), (0.015, 1), (0.02, 0), (0.025, 1),
    ]  # fmt: skip


def test_poisson_schedules_of_two_endpoints_are_independent() -> None:
    merged = list(
        iter_endpoint_arrivals(ArrivalProcess.POISSON, endpoints=2, rate_per_s=500, duration_s=2, seed=1)
    )
    first = [t for t, i in merged if i == 0]
    second = [t for t, i in merged if i == 1]
    assert len(first) == pytest.approx(1000, rel=0.15) and len(second) == pytest.approx(1000, rel=0.15)
    assert first[:5] != second[:5]
    assert [t for t, _ in merged] == sorted(t for t, _ in merged)
