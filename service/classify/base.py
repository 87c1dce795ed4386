"""What every classifier back-end returns, and the interface they share."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

__all__ = ["Classifier", "Prediction"]


@dataclass(frozen=True, slots=True)
class Prediction:
    """One classification.

    ``intent`` is a taxonomy id; ``confidence`` is the probability the back-end gives it, in [0, 1];
    ``scores`` is the full distribution over intent ids where the back-end gives one.
    """

    intent: str
    confidence: float
    classifier: str
    scores: Mapping[str, float] | None = field(default=None)

    def __post_init__(self) -> None:
        if not (0.0 <= self.confidence <= 1.0) or math.isnan(self.confidence):
            raise ValueError(f"confidence must be in [0, 1], got {self.confidence!r}")


class Classifier(Protocol):
    """A classifier back-end. Any one can replace another (embedded, vLLM, cascade)."""

    name: str

    async def classify(self, text: str, *, deadline: float) -> Prediction:
        """Classify already-masked ``text`` before ``deadline`` (a ``time.monotonic()`` value).

        Raises :class:`service.errors.BackendError` (or a subclass) when the back-end fails or cannot
        answer in time; the caller decides how to degrade.
        """
        ...
