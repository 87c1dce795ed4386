"""Latency percentiles from an HDR histogram: constant relative error at any value, any count.

Recorded in microseconds with 3 significant digits (error ≤ 0.1 %), from 1 µs to 10 minutes, so a
sub-millisecond gateway stage and a timed-out request share one histogram without losing precision.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hdrh.histogram import HdrHistogram  # type: ignore[import-untyped]

__all__ = ["PERCENTILE_CURVE_POINTS", "LatencyHistogram", "LatencySummary"]

_LOWEST_US = 1
_HIGHEST_US = 600_000_000  # 10 minutes
_SIGNIFICANT_DIGITS = 3

# Percentiles for the plotted curve: evenly spaced in log(1 / (1 - p)), the usual HDR percentile plot, so
# the tail (99 %, 99.9 %, 99.99 %) gets as much room as the body.
PERCENTILE_CURVE_POINTS: tuple[float, ...] = tuple(100.0 * (1.0 - 10.0 ** (-k / 8.0)) for k in range(0, 41))


@dataclass(frozen=True, slots=True)
class LatencySummary:
    """Percentiles in milliseconds over ``count`` recorded values (all 0.0 when ``count`` is 0)."""

    count: int
    mean_ms: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    p999_ms: float
    max_ms: float

    def __post_init__(self) -> None:
        if self.count < 0:
            raise ValueError(f"count must be >= 0, got {self.count}")


class LatencyHistogram:
    """Accumulates durations in seconds; summarises them in milliseconds."""

    __slots__ = ("_histogram",)

    def __init__(self) -> None:
        self._histogram = HdrHistogram(_LOWEST_US, _HIGHEST_US, _SIGNIFICANT_DIGITS)

    @classmethod
    def from_encoded(cls, encoded: str) -> LatencyHistogram:
        """Rebuild a histogram from :meth:`encode`'s output (``histogram_hdr`` in report.json)."""
        histogram = cls()
        histogram._histogram.decode_and_add(encoded.encode("ascii"))
        return histogram

    def record_seconds(self, duration_s: float) -> None:
        """Record one duration, to the microsecond; negatives count as 0 and values over 10 min as 10 min."""
        micros = min(max(round(duration_s * 1e6), 0), _HIGHEST_US)
        self._histogram.record_value(micros)

    def record_milliseconds(self, duration_ms: float) -> None:
        self.record_seconds(duration_ms / 1e3)

    @property
    def count(self) -> int:
        return int(self._histogram.get_total_count())

    def count_above_ms(self, threshold_ms: float) -> int:
        """How many recorded values exceed ``threshold_ms`` (to the histogram's 0.1 % precision)."""
        threshold_us = math.floor(threshold_ms * 1e3)
        at_or_below = sum(
            int(item.count_at_value_iterated_to)
            for item in self._histogram.get_recorded_iterator()
            if self._histogram.get_lowest_equivalent_value(item.value_iterated_to) <= threshold_us
        )
        return self.count - at_or_below

    def value_at_percentile_ms(self, percentile: float) -> float:
        if self.count == 0:
            return 0.0
        return float(self._histogram.get_value_at_percentile(percentile)) / 1e3

    def summary(self) -> LatencySummary:
        if self.count == 0:
            return LatencySummary(
                count=0, mean_ms=0.0, p50_ms=0.0, p90_ms=0.0, p99_ms=0.0, p999_ms=0.0, max_ms=0.0
            )
        return LatencySummary(
            count=self.count,
            mean_ms=float(self._histogram.get_mean_value()) / 1e3,
            p50_ms=self.value_at_percentile_ms(50.0),
            p90_ms=self.value_at_percentile_ms(90.0),
            p99_ms=self.value_at_percentile_ms(99.0),
            p999_ms=self.value_at_percentile_ms(99.9),
            max_ms=float(self._histogram.get_max_value()) / 1e3,
        )

    def percentile_curve(self) -> tuple[tuple[float, float], ...]:
        """``(percentile, ms)`` pairs at :data:`PERCENTILE_CURVE_POINTS`; empty when nothing was recorded."""
        if self.count == 0:
            return ()
        return tuple((p, self.value_at_percentile_ms(p)) for p in PERCENTILE_CURVE_POINTS)

    def encode(self) -> str:
        """The histogram in HdrHistogram's portable base64 form, for re-analysis with any HDR tool."""
        return bytes(self._histogram.encode()).decode("ascii")
