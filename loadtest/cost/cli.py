"""``intent-router cost``: what serving N requests a day costs per month, own 8B vs big-model API.

    intent-router cost --requests-per-day 1000000
    intent-router cost --requests-per-day 5e6 --gpu-usd-per-hour 2.2 --peak-to-average 4 --out out/cost

Every input is printed with the result, so a table pasted into a discussion carries its assumptions.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

from loadtest.cost.model import CostComparison, CostInputs, compare_monthly_cost
from loadtest.cost.plot import write_cost_plot

__all__ = ["format_cost_table", "register", "run_cost"]

_DEFAULTS = CostInputs(requests_per_day=0)
_DEFAULT_OUT = Path("out/cost")

# (flag, field, type, help) for every input: the parser and the printed table both come from this list.
_INPUTS: tuple[tuple[str, str, type, str], ...] = (
    ("--requests-per-day", "requests_per_day", float, "daily request volume (required)"),
    ("--fallback-share", "fallback_share", float, "share answered by the big model either way"),
    ("--gpu-throughput-rps", "gpu_throughput_rps", float, "classifications/s one GPU sustains"),
    ("--gpu-usd-per-hour", "gpu_usd_per_hour", float, "price of one GPU-hour"),
    ("--peak-to-average", "peak_to_average", float, "peak rate over average rate"),
    ("--min-replicas", "min_replicas", int, "GPUs kept however low the traffic (HA)"),
    ("--api-input-usd-per-mtok", "api_input_usd_per_mtok", float, "API price per 1M input tokens"),
    ("--api-output-usd-per-mtok", "api_output_usd_per_mtok", float, "API price per 1M output tokens"),
    ("--route-input-tokens", "route_input_tokens", int, "input tokens of one classification call"),
    ("--route-output-tokens", "route_output_tokens", int, "output tokens of one classification call"),
    ("--fallback-input-tokens", "fallback_input_tokens", int, "input tokens of one fallback call"),
    ("--fallback-output-tokens", "fallback_output_tokens", int, "output tokens of one fallback call"),
)


def register(subparsers: Any) -> None:
    """Add the ``cost`` sub-command to an ``argparse`` sub-parsers object (the CLI's plugin hook)."""
    parser = subparsers.add_parser(
        "cost",
        help="monthly cost: own fine-tuned 8B on GPUs vs a big model's API",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    for flag, name, kind, text in _INPUTS:
        if name == "requests_per_day":
            parser.add_argument(flag, dest=name, type=kind, required=True, help=text)
        else:
            default = getattr(_DEFAULTS, name)
            parser.add_argument(
                flag, dest=name, type=kind, default=default, help=f"{text} (default {default})"
            )
    parser.add_argument(
        "--out", type=Path, default=_DEFAULT_OUT, help=f"for cost.json and cost.png ({_DEFAULT_OUT})"
    )
    parser.set_defaults(handler=run_cost)


def run_cost(args: argparse.Namespace) -> int:
    """The ``cost`` handler: prints the table, writes cost.json and cost.png; 2 for invalid inputs."""
    try:
        inputs = CostInputs(**{name: getattr(args, name) for _, name, _, _ in _INPUTS})
    except ValueError as exc:
        print(f"intent-router cost: error: {exc}", file=sys.stderr)
        return 2
    comparison = compare_monthly_cost(inputs)
    print(format_cost_table(comparison))
    args.out.mkdir(parents=True, exist_ok=True)
    body = {**dataclasses.asdict(comparison), "own_usd_per_1k_requests": comparison.own_usd_per_1k_requests,
            "api_usd_per_1k_requests": comparison.api_usd_per_1k_requests}  # fmt: skip
    (args.out / "cost.json").write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")
    plotted = write_cost_plot(comparison, args.out / "cost.png")
    print(
        f"\nwrote {args.out / 'cost.json'}"
        + (f" and {args.out / 'cost.png'}" if plotted else " (no matplotlib: no plot)")
    )
    return 0


def format_cost_table(comparison: CostComparison) -> str:
    """Inputs, then both options line by line, then the per-1,000-request cost and the break-even."""
    c = comparison
    lines = ["inputs"]
    for flag, name, _, text in _INPUTS:
        lines.append(f"  {flag:<28} {_format_input(getattr(c.inputs, name)):>14}   {text}")
    lines += [
        "",
        f"traffic: {c.requests_per_month:,.0f} requests/month, {c.average_rps:,.1f} req/s average, "
        f"{c.peak_rps:,.1f} req/s peak",
        "",
        f"{'US$ per month':<52} {'own 8B':>12} {'API':>12}",
        f"{'classify every request':<52} {c.gpu_usd_per_month:>12,.2f} {c.api_routing_usd_per_month:>12,.2f}",
        f"{'  own: GPUs x $/h x 730 h  |  API: requests x $/request':<52} "
        f"{f'{c.gpus} GPUs':>12} {f'${c.route_api_usd_per_request * 1e3:.4f}/1k':>12}",
        f"{'fallback share to the big model (both)':<52} {c.fallback_usd_per_month:>12,.2f} "
        f"{c.fallback_usd_per_month:>12,.2f}",
        f"{'total':<52} {c.own_total_usd_per_month:>12,.2f} {c.api_total_usd_per_month:>12,.2f}",
        f"{'per 1,000 requests':<52} {c.own_usd_per_1k_requests:>12,.4f} {c.api_usd_per_1k_requests:>12,.4f}",
        "",
    ]
    cheaper = "own GPUs" if c.own_total_usd_per_month < c.api_total_usd_per_month else "the API"
    lines.append(f"cheaper at this volume: {cheaper}")
    if c.breakeven_requests_per_day is None:
        lines.append("break-even: never (a full GPU costs more than the API traffic it would carry)")
    else:
        breakeven = c.breakeven_requests_per_day
        lines.append(f"break-even: own GPUs cost no more than the API from {breakeven:,.0f} requests/day")
    return "\n".join(lines)


def _format_input(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"
