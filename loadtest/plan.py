"""What a run is asked to do: the endpoints with their prepared requests, and how hard and how long."""

from __future__ import annotations

from dataclasses import dataclass

from loadtest.arrivals import ArrivalProcess
from loadtest.target import Target

__all__ = ["Endpoint", "RunConfig"]


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A named target and its prepared requests (see :func:`loadtest.http_request.build_requests`)."""

    name: str
    target: Target
    requests: tuple[bytes, ...]

    def __post_init__(self) -> None:
        if not self.requests:
            raise ValueError(f"endpoint {self.name!r} has no requests to send")


@dataclass(frozen=True, slots=True)
class RunConfig:
    """How hard and how long. ``rate_per_s`` applies to each endpoint; ``budget_ms`` is what a 2xx must
    beat to count as within budget; a request is given up after ``timeout_s``."""

    rate_per_s: float
    duration_s: float
    arrivals: ArrivalProcess = ArrivalProcess.CONSTANT
    budget_ms: int = 800
    timeout_s: float = 5.0
    max_connections: int = 256  # per host:port
    seed: int = 0

    def __post_init__(self) -> None:
        if not self.rate_per_s > 0:
            raise ValueError(f"rate_per_s must be > 0, got {self.rate_per_s}")
        if not 0 < self.duration_s <= 3600:
            raise ValueError(f"duration_s must be in (0, 3600], got {self.duration_s}")
        if self.budget_ms <= 0:
            raise ValueError(f"budget_ms must be > 0, got {self.budget_ms}")
        if not 0 < self.timeout_s <= 600:
            raise ValueError(f"timeout_s must be in (0, 600], got {self.timeout_s}")
        if not 1 <= self.max_connections <= 10_000:
            raise ValueError(f"max_connections must be in 1..10000, got {self.max_connections}")
