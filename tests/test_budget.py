from __future__ import annotations

import pytest

from service.budget import Budget


def test_deadline_is_the_budget_after_the_start() -> None:
    assert Budget(total_ms=800, started=100.0).deadline == pytest.approx(100.8)


def test_fallback_deadline_counts_from_the_same_start_and_never_shrinks() -> None:
    budget = Budget(total_ms=800, started=100.0)
    assert budget.extended_to(3000) == pytest.approx(103.0)
    assert budget.extended_to(500) == pytest.approx(100.8)


def test_non_positive_budget_is_refused() -> None:
    with pytest.raises(ValueError, match="positive"):
        Budget(total_ms=0, started=0.0)
