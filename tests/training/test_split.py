"""Stratified split and the class-balance report."""

from __future__ import annotations

from collections import Counter

import pytest

from service.taxonomy import load_taxonomy
from training.records import Example
from training.split import SplitFractions, class_balance, render_balance, stratified_split

TAXONOMY = load_taxonomy()


def _rows(counts: dict[str, int]) -> list[Example]:
    return [Example(f"{label} 第{i}句", label) for label, n in counts.items() for i in range(n)]


def test_each_split_keeps_the_class_proportions() -> None:
    rows = _rows({"find_listing": 100, "other": 50, "video_tour": 20})
    splits = stratified_split(rows, SplitFractions(val=0.1, test=0.2), seed=1)
    assert Counter(e.label for e in splits["test"]) == {"find_listing": 20, "other": 10, "video_tour": 4}
    assert Counter(e.label for e in splits["val"]) == {"find_listing": 10, "other": 5, "video_tour": 2}
    assert sum(len(v) for v in splits.values()) == len(rows)
    assert not {e.text for e in splits["train"]} & {e.text for e in splits["test"]}


def test_the_same_seed_gives_the_same_split() -> None:
    rows = _rows({"find_listing": 30, "other": 30})
    first = stratified_split(rows, SplitFractions(), seed=7)
    assert first == stratified_split(rows, SplitFractions(), seed=7)
    assert first != stratified_split(rows, SplitFractions(), seed=8)


def test_fractions_that_leave_no_training_data_are_refused() -> None:
    with pytest.raises(ValueError, match="val \\+ test < 1"):
        SplitFractions(val=0.5, test=0.5)


def test_balance_report_lists_every_intent_and_warns_about_empty_ones() -> None:
    balance = class_balance(_rows({"find_listing": 30, "other": 10}), TAXONOMY)
    assert balance.counts["video_tour"] == 0 and balance.imbalance_ratio == float("inf")
    text = render_balance(balance, TAXONOMY)
    assert "| find_listing | 找房 | 30 | 75.0% |" in text
    assert "WARNING: no rows for" in text and "video_tour" in text
