"""HDR percentiles in milliseconds."""

from __future__ import annotations

import pytest

from loadtest.histogram import LatencyHistogram


def test_percentiles_of_known_values_are_exact_to_a_tenth_of_a_percent() -> None:
    histogram = LatencyHistogram()
    for ms in range(1, 1001):  # 1 ms … 1000 ms
        histogram.record_milliseconds(ms)
    summary = histogram.summary()
    assert summary.count == 1000
    assert summary.p50_ms == pytest.approx(500, rel=1e-3)
    assert summary.p90_ms == pytest.approx(900, rel=1e-3)
    assert summary.p99_ms == pytest.approx(990, rel=1e-3)
    assert summary.p999_ms == pytest.approx(999, rel=1e-3)
    assert summary.max_ms == pytest.approx(1000, rel=1e-3)
    assert summary.mean_ms == pytest.approx(500.5, rel=1e-3)


def test_values_above_a_threshold_are_counted() -> None:
    histogram = LatencyHistogram()
    for seconds in (0.001, 0.002, 0.1, 0.2, 0.3):
        histogram.record_seconds(seconds)
    assert [histogram.count_above_ms(t) for t in (0.5, 1.5, 2, 50, 300)] == [5, 4, 3, 3, 0]


def test_an_empty_histogram_summarises_to_zeros() -> None:
    summary = LatencyHistogram().summary()
    assert summary.count == 0 and summary.p99_ms == 0.0 and summary.max_ms == 0.0


def test_an_encoded_histogram_decodes_to_the_same_summary() -> None:
    histogram = LatencyHistogram()
    for ms in (0.0, 0.3, 4.0, 250.0):
        histogram.record_milliseconds(ms)
    assert LatencyHistogram.from_encoded(histogram.encode()).summary() == histogram.summary()
