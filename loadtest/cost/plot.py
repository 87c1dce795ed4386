"""``cost.png``: monthly cost of both options over a range of daily volumes, log-log.

The own-GPU line is a staircase (whole GPUs, at least ``min_replicas``); the API line is straight.
matplotlib is an optional extra: without it :func:`write_cost_plot` returns False.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from loadtest.cost.model import CostComparison, compare_monthly_cost
from loadtest.plot import save_log_log_figure

__all__ = ["write_cost_plot"]


def write_cost_plot(comparison: CostComparison, path: Path) -> bool:
    """Plot both options from 1/100 to 100× the compared volume; True if written, False without matplotlib."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    centre = max(comparison.inputs.requests_per_day, 1000.0)
    volumes = [centre * 10 ** (k / 40) for k in range(-80, 81)]
    own, api = [], []
    for volume in volumes:
        point = compare_monthly_cost(replace(comparison.inputs, requests_per_day=volume))
        own.append(point.own_total_usd_per_month)
        api.append(point.api_total_usd_per_month)
    figure, axes = plt.subplots(figsize=(9, 5.5))
    axes.plot(volumes, own, label="fine-tuned 8B on own GPUs + fallback to API", drawstyle="steps-post")
    axes.plot(volumes, api, label="every request to the big model's API + fallback")
    axes.axvline(comparison.inputs.requests_per_day, color="grey", linestyle=":", label="compared volume")
    if comparison.breakeven_requests_per_day is not None:
        axes.axvline(
            comparison.breakeven_requests_per_day,
            color="red",
            linestyle="--",
            label=f"break-even {comparison.breakeven_requests_per_day:,.0f}/day",
        )
    save_log_log_figure(
        figure,
        axes,
        path,
        xlabel="requests per day",
        ylabel="US$ per month",
        title="Monthly cost: own fine-tuned 8B vs big-model API (fallback share paid by both)",
    )
    return True
