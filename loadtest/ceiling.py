"""The load generator's own ceiling: how fast it can send when the server costs next to nothing.

A latency measured at rate R means something only if the generator can do much more than R. So
before a run we drive :mod:`loadtest.trivial_server` (its own process, so it gets its own core where
there is one) at a rate nobody can reach, with the run's own requests and connection cap, and report
the rate the generator sustained. Runs offered more than half of it are flagged.
"""

from __future__ import annotations

from dataclasses import dataclass

from loadtest.plan import Endpoint, RunConfig
from loadtest.runner import run_load
from loadtest.target import Target
from loadtest.trivial_server import spawn

__all__ = ["Ceiling", "measure_ceiling"]

# A schedule this dense is always due: the runner sends as fast as it can.
_UNREACHABLE_RATE_PER_S = 1_000_000.0


@dataclass(frozen=True, slots=True)
class Ceiling:
    """Requests per second the generator completed against the trivial server, with the set-up used."""

    requests_per_s: float
    requests: int
    connections: int
    generator_cpu_share: float


def measure_ceiling(payloads: tuple[bytes, ...], *, requests: int = 5000, connections: int = 32) -> Ceiling:
    """Send ``requests`` of ``payloads`` to a fresh trivial server as fast as possible; stop it; report.

    Raises ``RuntimeError`` if the trivial server does not start within 15 s.
    """
    if requests <= 0 or connections <= 0:
        raise ValueError(f"requests and connections must be positive, got {requests}, {connections}")
    with spawn() as port:
        target = Target(host="127.0.0.1", port=port, path="/", method="POST")
        result = run_load(
            [Endpoint("trivial", target, payloads)],
            RunConfig(
                rate_per_s=_UNREACHABLE_RATE_PER_S,
                duration_s=requests / _UNREACHABLE_RATE_PER_S,
                max_connections=connections,
                timeout_s=30.0,
            ),
        )
    done = result.endpoints[0].ok
    return Ceiling(
        requests_per_s=done / result.wall_s if result.wall_s > 0 else 0.0,
        requests=requests,
        connections=connections,
        generator_cpu_share=result.generator.cpu_share,
    )
