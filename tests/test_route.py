from __future__ import annotations

import pytest

from service.classify.base import Prediction
from service.route import Decision, decide_route
from service.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy()


@pytest.mark.parametrize(
    ("intent", "confidence", "decision", "target"),
    [
        ("find_listing", 0.9, Decision.ROUTED, "listing_search"),
        ("book_viewing", 0.5, Decision.ROUTED, "viewing_scheduler"),
        ("find_listing", 0.49, Decision.FALLBACK, "fallback_llm"),
        ("other", 0.99, Decision.FALLBACK, "fallback_llm"),
    ],
)
def test_route_by_intent_and_confidence(
    intent: str, confidence: float, decision: Decision, target: str
) -> None:
    route = decide_route(Prediction(intent, confidence, "test"), TAXONOMY, threshold=0.5)
    assert (route.decision, route.target) == (decision, target)


def test_prediction_outside_zero_one_is_refused() -> None:
    with pytest.raises(ValueError, match="confidence"):
        Prediction("find_listing", 1.2, "test")
