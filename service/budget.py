"""A request's deadline, passed along as a value."""

from __future__ import annotations

import time
from dataclasses import dataclass

__all__ = ["Budget"]


@dataclass(frozen=True, slots=True)
class Budget:
    """``total_ms`` from ``started`` (a ``time.monotonic()`` reading taken when the request arrived).

    ``deadline`` is absolute (monotonic seconds), so stages can pass it on without re-doing arithmetic.
    """

    total_ms: int
    started: float

    def __post_init__(self) -> None:
        if self.total_ms <= 0:
            raise ValueError(f"budget must be positive, got {self.total_ms} ms")

    @classmethod
    def start(cls, total_ms: int) -> Budget:
        return cls(total_ms=total_ms, started=time.monotonic())

    @property
    def deadline(self) -> float:
        return self.started + self.total_ms / 1000.0

    def extended_to(self, total_ms: int) -> float:
        """The deadline of a longer budget counted from the same start (the fallback model's)."""
        return self.started + max(total_ms, self.total_ms) / 1000.0
