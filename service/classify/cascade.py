"""Two tiers: the embedded classifier answers alone when sure, otherwise the LLM decides."""

from __future__ import annotations

from service.classify.base import Classifier, Prediction
from service.classify.embedded import EmbeddedClassifier

__all__ = ["CascadeClassifier"]


class CascadeClassifier:
    """``threshold`` is calibrated on held-out data: at or above it the embedded answer is kept
    (sub-millisecond); below it ``second`` is asked, and its errors propagate to the caller."""

    def __init__(self, first: EmbeddedClassifier, second: Classifier, *, threshold: float) -> None:
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"cascade threshold must be in [0, 1], got {threshold!r}")
        self.name = f"cascade:{second.name}"
        self.first = first
        self.second = second
        self.threshold = threshold

    async def classify(self, text: str, *, deadline: float) -> Prediction:
        prediction = self.first.predict(text)
        if prediction.confidence >= self.threshold:
            return prediction
        return await self.second.classify(text, deadline=deadline)
