"""The monthly cost of routing with our own fine-tuned 8B against sending every request to a big model's API.

The case study's closing argument, made computable. Both options pay the same for the long tail: the
``fallback_share`` of requests (intent ``other``, about 20 %) is answered by the big model either way.
They differ in who classifies *every* request:

- own GPUs: the fine-tuned 8B on GPUs rented by the hour, enough replicas for the peak rate, and at
  least two so one can fail (or be upgraded) without an outage;
- API: the big model classifies each request, paid per token.

Pure arithmetic, no I/O; every number that goes in comes out in :class:`CostComparison.inputs`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = [
    "DAYS_PER_MONTH",
    "DEFAULT_GPU_THROUGHPUT_RPS",
    "HOURS_PER_MONTH",
    "CostComparison",
    "CostInputs",
    "compare_monthly_cost",
]

HOURS_PER_MONTH = 730.0  # 365 × 24 / 12: the hours cloud providers bill a "month" of a GPU for
DAYS_PER_MONTH = 365.0 / 12.0  # the same month in days, so GPU hours and request counts agree

# Classification requests per second one H100 80GB gave a Qwen3-8B-shaped model (bf16, system prompt's KV
# cached, 30 new tokens a request, batches of 32 at 60 ms), measured 2026-11-28 with
# loadtest/scripts/gpu_classify_throughput.py on plain transformers; see docs/benchmarks.md. vLLM
# (CUDA graphs, fused kernels) should do better, so this errs toward more GPUs.
DEFAULT_GPU_THROUGHPUT_RPS = 532.0


@dataclass(frozen=True, slots=True, kw_only=True)
class CostInputs:
    """Everything the comparison depends on. Prices in US dollars; tokens per request."""

    requests_per_day: float
    fallback_share: float = 0.20  # intent `other` → the big model in both options (the case study's 20 %)
    # own GPUs
    gpu_throughput_rps: float = DEFAULT_GPU_THROUGHPUT_RPS
    gpu_usd_per_hour: float = 3.00  # one on-demand H100 at a GPU cloud, 2025–26 list prices: set yours
    peak_to_average: float = 3.0  # voice traffic peaks in the evening; size for the peak, pay for every hour
    min_replicas: int = 2  # one GPU per replica (8B in bf16 fits one); two so one can fail
    # the big model's API (defaults: DeepSeek deepseek-chat list price, input at the cache-miss rate)
    api_input_usd_per_mtok: float = 0.27
    api_output_usd_per_mtok: float = 1.10
    route_input_tokens: int = 400  # system prompt with the taxonomy (~530 Chinese characters) + utterance
    route_output_tokens: int = 3  # one label
    fallback_input_tokens: int = 600  # the fallback's prompt, a little history, the masked utterance
    fallback_output_tokens: int = 150  # a short spoken answer

    def __post_init__(self) -> None:
        if not self.requests_per_day >= 0:
            raise ValueError(f"requests_per_day must be >= 0, got {self.requests_per_day}")
        if not 0.0 <= self.fallback_share <= 1.0:
            raise ValueError(f"fallback_share must be in [0, 1], got {self.fallback_share}")
        for name in ("gpu_throughput_rps", "gpu_usd_per_hour", "peak_to_average"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be > 0, got {getattr(self, name)}")
        if self.peak_to_average < 1.0:
            raise ValueError(f"peak_to_average must be >= 1, got {self.peak_to_average}")
        if self.min_replicas < 1:
            raise ValueError(f"min_replicas must be >= 1, got {self.min_replicas}")
        for name in (
            "api_input_usd_per_mtok",
            "api_output_usd_per_mtok",
            "route_input_tokens",
            "route_output_tokens",
            "fallback_input_tokens",
            "fallback_output_tokens",
        ):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0, got {getattr(self, name)}")


@dataclass(frozen=True, slots=True)
class CostComparison:
    """Monthly costs of both options, the quantities they are built from, and the break-even volume."""

    inputs: CostInputs
    requests_per_month: float
    average_rps: float
    peak_rps: float
    gpus: int
    gpu_usd_per_month: float
    route_api_usd_per_request: float
    api_routing_usd_per_month: float
    fallback_usd_per_request: float
    fallback_usd_per_month: float  # paid in both options
    own_total_usd_per_month: float
    api_total_usd_per_month: float
    breakeven_requests_per_day: float | None  # lowest volume at which own GPUs cost no more; None: never

    @property
    def own_usd_per_1k_requests(self) -> float:
        return _per_thousand(self.own_total_usd_per_month, self.requests_per_month)

    @property
    def api_usd_per_1k_requests(self) -> float:
        return _per_thousand(self.api_total_usd_per_month, self.requests_per_month)


def compare_monthly_cost(inputs: CostInputs) -> CostComparison:
    """Cost both options for one month at ``inputs.requests_per_day``."""
    requests_per_month = inputs.requests_per_day * DAYS_PER_MONTH
    average_rps = inputs.requests_per_day / 86_400
    peak_rps = average_rps * inputs.peak_to_average
    gpus = _gpus_for(inputs.requests_per_day, inputs)
    gpu_usd_per_month = gpus * inputs.gpu_usd_per_hour * HOURS_PER_MONTH
    route_cost = _token_cost(inputs, inputs.route_input_tokens, inputs.route_output_tokens)
    fallback_cost = _token_cost(inputs, inputs.fallback_input_tokens, inputs.fallback_output_tokens)
    fallback_usd_per_month = inputs.fallback_share * requests_per_month * fallback_cost
    api_routing_usd_per_month = requests_per_month * route_cost
    return CostComparison(
        inputs=inputs,
        requests_per_month=requests_per_month,
        average_rps=average_rps,
        peak_rps=peak_rps,
        gpus=gpus,
        gpu_usd_per_month=gpu_usd_per_month,
        route_api_usd_per_request=route_cost,
        api_routing_usd_per_month=api_routing_usd_per_month,
        fallback_usd_per_request=fallback_cost,
        fallback_usd_per_month=fallback_usd_per_month,
        own_total_usd_per_month=gpu_usd_per_month + fallback_usd_per_month,
        api_total_usd_per_month=api_routing_usd_per_month + fallback_usd_per_month,
        breakeven_requests_per_day=_breakeven_requests_per_day(inputs, route_cost),
    )


def _gpus_for(requests_per_day: float, inputs: CostInputs) -> int:
    peak_rps = requests_per_day / 86_400 * inputs.peak_to_average
    # A tiny epsilon so that exactly-full GPUs (peak = k × throughput) do not round up to k + 1.
    return max(inputs.min_replicas, math.ceil(peak_rps / inputs.gpu_throughput_rps - 1e-9))


def _token_cost(inputs: CostInputs, input_tokens: int, output_tokens: int) -> float:
    return (
        input_tokens * inputs.api_input_usd_per_mtok + output_tokens * inputs.api_output_usd_per_mtok
    ) / 1e6


def _breakeven_requests_per_day(inputs: CostInputs, route_cost: float) -> float | None:
    # Own GPUs cost a step function of volume (whole GPUs); the API a straight line. Walk the steps: on the
    # step with R GPUs the two meet where R × gpu_month = N × days × route_cost, if that N is on the step.
    gpu_month = inputs.gpu_usd_per_hour * HOURS_PER_MONTH
    per_request_month = DAYS_PER_MONTH * route_cost  # API dollars per month for each request/day
    gpu_capacity_per_day = inputs.gpu_throughput_rps * 86_400 / inputs.peak_to_average
    if per_request_month <= 0 or gpu_capacity_per_day * per_request_month <= gpu_month:
        return None  # a full GPU costs more than the API traffic it carries: the API is always cheaper
    replicas = inputs.min_replicas
    while replicas < 10_000_000:
        step_low = 0.0 if replicas == inputs.min_replicas else (replicas - 1) * gpu_capacity_per_day
        step_high = replicas * gpu_capacity_per_day
        meet = replicas * gpu_month / per_request_month
        if meet <= step_low:
            return step_low  # already cheaper where this step starts
        if meet <= step_high:
            return meet
        replicas += 1
    return None


def _per_thousand(usd_per_month: float, requests_per_month: float) -> float:
    return usd_per_month / requests_per_month * 1000 if requests_per_month else 0.0
