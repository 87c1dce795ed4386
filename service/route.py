"""Stage 4: turn a prediction into a decision."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from service.classify.base import Prediction
from service.taxonomy import Taxonomy

__all__ = ["Decision", "Route", "decide_route"]


class Decision(enum.StrEnum):
    ROUTED = "routed"  # a known intent, confident enough: hand to that intent's target
    FALLBACK = "fallback"  # long tail or unsure: the fallback model answers
    BLOCKED = "blocked"  # the guard stopped it: the safe reply, no model sees it


@dataclass(frozen=True, slots=True)
class Route:
    decision: Decision
    target: str


def decide_route(prediction: Prediction, taxonomy: Taxonomy, *, threshold: float) -> Route:
    """Route a confident known intent to its target; send ``other`` or low confidence to the fallback."""
    intent = taxonomy.get(prediction.intent)
    if intent.id != taxonomy.fallback_intent and prediction.confidence >= threshold:
        return Route(Decision.ROUTED, intent.target)
    return Route(Decision.FALLBACK, taxonomy.get(taxonomy.fallback_intent).target)
