"""What each endpoint sends, and when: the arrival offsets paired with the prepared request bytes."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence

from loadtest.arrivals import iter_endpoint_arrivals
from loadtest.plan import Endpoint, RunConfig

__all__ = ["iter_schedule"]


def iter_schedule(endpoints: Sequence[Endpoint], config: RunConfig) -> Iterator[tuple[float, int, bytes]]:
    """Yield ``(offset_s, endpoint index, request bytes)`` in send order, offsets from the run's start.

    Finite (the arrival schedule is bounded by :data:`loadtest.arrivals.MAX_REQUESTS_PER_RUN`) and the
    same for the same ``config.seed``.
    """
    streams = iter_endpoint_arrivals(
        config.arrivals,
        endpoints=len(endpoints),
        rate_per_s=config.rate_per_s,
        duration_s=config.duration_s,
        seed=config.seed,
    )
    payload_orders = [_payload_cycle(endpoints[index], config.seed, index) for index in range(len(endpoints))]
    for offset, index in streams:
        yield offset, index, next(payload_orders[index])


def _payload_cycle(endpoint: Endpoint, seed: int, index: int) -> Iterator[bytes]:
    # A seeded shuffle, then round-robin: every utterance is sent equally often, in no fixed order.
    requests = list(endpoint.requests)
    random.Random(seed + 1000 + index).shuffle(requests)
    while True:
        yield from requests
