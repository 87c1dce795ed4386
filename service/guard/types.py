"""Values the guard stage returns."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["GuardVerdict"]


@dataclass(frozen=True, slots=True)
class GuardVerdict:
    """``score`` is the calibrated injection probability in [0, 1]; ``reasons`` name what fired
    (short snake_case tags such as ``instruction_override``; they become metric labels)."""

    blocked: bool
    score: float
    reasons: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score must be in [0, 1], got {self.score!r}")
