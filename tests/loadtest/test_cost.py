"""The cost comparison's arithmetic, checked by hand, and its command."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from loadtest.cost import DAYS_PER_MONTH, CostInputs, compare_monthly_cost, register

# Round numbers so every expected value below can be checked with pencil and paper.
SIMPLE = CostInputs(
    requests_per_day=864_000,  # 10 req/s on average
    fallback_share=0.25,
    gpu_throughput_rps=12.0,
    gpu_usd_per_hour=2.0,
    peak_to_average=3.0,  # 30 req/s at peak → 30 / 12 = 2.5 → 3 GPUs
    min_replicas=2,
    api_input_usd_per_mtok=1.0,
    api_output_usd_per_mtok=4.0,
    route_input_tokens=500,  # 500 × $1 / 1M + 10 × $4 / 1M = $0.00054 per classification
    route_output_tokens=10,
    fallback_input_tokens=1000,  # 1000 × $1 / 1M + 250 × $4 / 1M = $0.002 per fallback answer
    fallback_output_tokens=250,
)


def test_gpus_are_sized_for_the_peak_and_paid_for_every_hour() -> None:
    result = compare_monthly_cost(SIMPLE)
    assert result.average_rps == pytest.approx(10.0)
    assert result.peak_rps == pytest.approx(30.0)
    assert result.gpus == 3
    assert result.gpu_usd_per_month == pytest.approx(3 * 2.0 * 730)  # 4,380


def test_api_cost_is_tokens_times_price_for_every_request() -> None:
    result = compare_monthly_cost(SIMPLE)
    requests_per_month = 864_000 * 365 / 12  # 26,280,000
    assert result.requests_per_month == pytest.approx(26_280_000)
    assert result.route_api_usd_per_request == pytest.approx(0.00054)
    assert result.api_routing_usd_per_month == pytest.approx(requests_per_month * 0.00054)  # 14,191.20


def test_the_fallback_share_is_paid_by_both_options() -> None:
    result = compare_monthly_cost(SIMPLE)
    assert result.fallback_usd_per_request == pytest.approx(0.002)
    assert result.fallback_usd_per_month == pytest.approx(0.25 * 26_280_000 * 0.002)  # 13,140
    assert result.own_total_usd_per_month == pytest.approx(4_380 + 13_140)
    assert result.api_total_usd_per_month == pytest.approx(14_191.2 + 13_140)
    assert result.own_usd_per_1k_requests == pytest.approx((4_380 + 13_140) / 26_280)


def test_at_least_min_replicas_gpus_are_kept_however_low_the_traffic() -> None:
    result = compare_monthly_cost(CostInputs(requests_per_day=1, min_replicas=2))
    assert result.gpus == 2


def test_exactly_full_gpus_do_not_round_up() -> None:
    # 1,036,800/day = 12 req/s average, 36 at peak = exactly 3 GPUs of 12 req/s.
    result = compare_monthly_cost(
        CostInputs(requests_per_day=1_036_800, gpu_throughput_rps=12, peak_to_average=3)
    )
    assert result.gpus == 3


def test_breakeven_is_where_the_gpus_cost_what_the_api_would() -> None:
    # With 2 GPUs ($2,920/month) against $0.00054 a request: N × 30.4167 × 0.00054 = 2,920 → N ≈ 177,778/day,
    # which 2 GPUs can carry (2 × 12 req/s × 86,400 / 3 = 691,200/day).
    breakeven = compare_monthly_cost(SIMPLE).breakeven_requests_per_day
    assert breakeven == pytest.approx(2 * 2.0 * 730 / (DAYS_PER_MONTH * 0.00054))
    assert breakeven == pytest.approx(177_777.8, rel=1e-6)


def test_breakeven_is_none_when_a_full_gpu_costs_more_than_the_api_traffic_it_carries() -> None:
    # 1 req/s per GPU at peak factor 1 carries 86,400/day = 2,628,000/month × $0.00054 = $1,419 < $1,460.
    inputs = CostInputs(
        requests_per_day=1000, gpu_throughput_rps=1, gpu_usd_per_hour=2, peak_to_average=1,
        api_input_usd_per_mtok=1, api_output_usd_per_mtok=4, route_input_tokens=500, route_output_tokens=10,
    )  # fmt: skip
    assert compare_monthly_cost(inputs).breakeven_requests_per_day is None


@pytest.mark.parametrize(
    "bad",
    [
        {"requests_per_day": -1},
        {"fallback_share": 1.5},
        {"gpu_throughput_rps": 0},
        {"peak_to_average": 0.5},
        {"min_replicas": 0},
        {"route_input_tokens": -1},
    ],
)
def test_invalid_inputs_are_refused_naming_the_field(bad: dict[str, float]) -> None:
    fields = {"requests_per_day": 1000.0, **bad}
    with pytest.raises(ValueError, match=next(iter(bad))):
        CostInputs(**fields)  # type: ignore[arg-type]


def test_the_command_prints_every_input_and_writes_json_and_a_plot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parser = argparse.ArgumentParser(prog="intent-router")
    register(parser.add_subparsers())
    args = parser.parse_args(
        ["cost", "--requests-per-day", "864000", "--gpu-usd-per-hour", "2", "--out", str(tmp_path)]
    )
    assert args.handler(args) == 0
    out = capsys.readouterr().out
    flags = [field.replace("_", "-") for field in CostInputs.__dataclass_fields__]
    assert len(flags) == 12
    for flag in flags:
        assert f"--{flag}" in out
    assert "break-even" in out
    saved = json.loads((tmp_path / "cost.json").read_text())
    assert saved["inputs"]["gpu_usd_per_hour"] == 2.0 and saved["gpus"] == 2
    assert (tmp_path / "cost.png").read_bytes().startswith(b"\x89PNG")


def test_the_command_refuses_invalid_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser(prog="intent-router")
    register(parser.add_subparsers())
    args = parser.parse_args(
        ["cost", "--requests-per-day", "1000", "--fallback-share", "2", "--out", str(tmp_path)]
    )
    assert args.handler(args) == 2
    assert "fallback_share" in capsys.readouterr().err
