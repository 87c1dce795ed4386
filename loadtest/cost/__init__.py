"""``intent-router cost``: own fine-tuned 8B on GPUs against a big model's API, per month."""

from loadtest.cost.cli import format_cost_table, register, run_cost
from loadtest.cost.model import (
    DAYS_PER_MONTH,
    DEFAULT_GPU_THROUGHPUT_RPS,
    HOURS_PER_MONTH,
    CostComparison,
    CostInputs,
    compare_monthly_cost,
)
from loadtest.cost.plot import write_cost_plot

__all__ = [
    "DAYS_PER_MONTH",
    "DEFAULT_GPU_THROUGHPUT_RPS",
    "HOURS_PER_MONTH",
    "CostComparison",
    "CostInputs",
    "compare_monthly_cost",
    "format_cost_table",
    "register",
    "run_cost",
    "write_cost_plot",
]
