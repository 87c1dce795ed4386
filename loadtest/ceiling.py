"""The load generator's own ceiling: how fast it can send when the server costs next to nothing.

A latency measured at rate R means something only if the generator can do much more than R. So
before a run we drive :mod:`loadtest.trivial_server` (its own process, so it gets its own core where
there is one) at a rate nobody can reach, with the run's own requests and connection cap, and report
the rate the generator sustained. Runs offered more than half of it are flagged.
"""

from __future__ import annotations

import os
import selectors
import subprocess
import sys
import time
from dataclasses import dataclass

from loadtest.plan import Endpoint, RunConfig
from loadtest.runner import run_load
from loadtest.target import Target

__all__ = ["Ceiling", "measure_ceiling"]

# A schedule this dense is always due: the runner sends as fast as it can.
_UNREACHABLE_RATE_PER_S = 1_000_000.0
_SERVER_START_TIMEOUT_S = 15.0


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
    with subprocess.Popen(
        [sys.executable, "-m", "loadtest.trivial_server", "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    ) as server:
        try:
            port = _read_port(server)
            _pin_away_from_us(server.pid)
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
        finally:
            server.terminate()
            server.wait(timeout=10)
    done = result.endpoints[0].ok
    return Ceiling(
        requests_per_s=done / result.wall_s if result.wall_s > 0 else 0.0,
        requests=requests,
        connections=connections,
        generator_cpu_share=result.generator.cpu_share,
    )


def _read_port(server: subprocess.Popen[str]) -> int:
    assert server.stdout is not None
    deadline = time.monotonic() + _SERVER_START_TIMEOUT_S
    with selectors.DefaultSelector() as selector:
        selector.register(server.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if selector.select(timeout=deadline - time.monotonic()):
                line = server.stdout.readline()
                if line.startswith("PORT "):
                    return int(line.split()[1])
                if not line:
                    break
    raise RuntimeError("the trivial server did not report its port in time")


def _pin_away_from_us(pid: int) -> None:
    # Give the trivial server a CPU the generator is not pinned to, when there is one, so the two do not
    # share a core (with taskset -c 0 on the generator, the server gets core 1).
    ours = os.sched_getaffinity(0)
    others = set(range(os.cpu_count() or 1)) - ours
    if others:
        os.sched_setaffinity(pid, others)
