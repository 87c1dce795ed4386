"""The once-a-second progress snapshot of a running load test, and the loop that hands it out."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Progress", "ProgressCallback", "report_progress"]

_PROGRESS_INTERVAL_S = 1.0


@dataclass(frozen=True, slots=True)
class Progress:
    """A once-a-second snapshot for a progress line."""

    elapsed_s: float
    duration_s: float
    sent: int
    completed: int
    in_flight: int
    failed: int
    p99_ms: float


ProgressCallback = Callable[[Progress], None]


async def report_progress(take_snapshot: Callable[[], Progress], on_progress: ProgressCallback) -> None:
    """Pass ``take_snapshot()`` to ``on_progress`` once a second until cancelled; never returns."""
    while True:
        await asyncio.sleep(_PROGRESS_INTERVAL_S)
        on_progress(take_snapshot())
