"""Stratified train/val/test split and the class-balance report.

Each intent's rows are shuffled with one seeded generator and cut by the fractions, so every split keeps the
class proportions (to within one row per class) and the same seed gives the same files.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from service.taxonomy import Taxonomy
from training.records import Example

__all__ = ["ClassBalance", "SplitFractions", "class_balance", "render_balance", "stratified_split"]


@dataclass(frozen=True, slots=True)
class SplitFractions:
    val: float = 0.1  # share of each class held out for validation (eval_loss during training)
    test: float = 0.1  # share of each class held out for the final score; never trained or tuned on

    def __post_init__(self) -> None:
        if self.val < 0 or self.test < 0 or self.val + self.test >= 1:
            raise ValueError(f"need val >= 0, test >= 0 and val + test < 1, got {self}")


def stratified_split(
    examples: Sequence[Example], fractions: SplitFractions, *, seed: int
) -> dict[str, list[Example]]:
    """Return ``{"train", "val", "test"}`` lists; each class is cut by the fractions (rounded)."""
    by_label: defaultdict[str, list[Example]] = defaultdict(list)
    for example in examples:
        by_label[example.label].append(example)
    rng = random.Random(seed)
    splits: dict[str, list[Example]] = {"train": [], "val": [], "test": []}
    for label in sorted(by_label):
        rows = by_label[label]
        rng.shuffle(rows)
        n_test = round(len(rows) * fractions.test)
        n_val = round(len(rows) * fractions.val)
        splits["test"] += rows[:n_test]
        splits["val"] += rows[n_test : n_test + n_val]
        splits["train"] += rows[n_test + n_val :]
    for rows in splits.values():
        rng.shuffle(rows)  # interleave the classes: ms-swift streams rows in file order
    return splits


@dataclass(frozen=True, slots=True)
class ClassBalance:
    counts: dict[str, int]  # intent id → rows, in taxonomy order
    total: int
    imbalance_ratio: float  # largest class / smallest class; inf when a class has no rows

    def share(self, label: str) -> float:
        return self.counts[label] / self.total if self.total else 0.0


def class_balance(examples: Sequence[Example], taxonomy: Taxonomy) -> ClassBalance:
    """Count rows per intent (every intent of the taxonomy appears, possibly with 0)."""
    counted = Counter(example.label for example in examples)
    counts = {intent_id: counted.get(intent_id, 0) for intent_id in taxonomy.ids}
    smallest, largest = min(counts.values()), max(counts.values())
    ratio = largest / smallest if smallest else float("inf")
    return ClassBalance(counts=counts, total=len(examples), imbalance_ratio=ratio)


def render_balance(balance: ClassBalance, taxonomy: Taxonomy, *, sources: Counter[str] | None = None) -> str:
    """A Markdown table of rows and shares per intent, the imbalance ratio, and optionally source counts."""
    lines = ["| intent | label | rows | share |", "| --- | --- | ---: | ---: |"]
    for intent in taxonomy:
        n = balance.counts[intent.id]
        lines.append(f"| {intent.id} | {intent.label} | {n} | {balance.share(intent.id):.1%} |")
    lines.append(f"| total | | {balance.total} | |")
    lines.append("")
    lines.append(f"largest / smallest class: {balance.imbalance_ratio:.2f}")
    empty = [intent_id for intent_id, n in balance.counts.items() if n == 0]
    if empty:
        lines.append(f"WARNING: no rows for {empty}")
    if sources:
        lines.append("")
        lines.append("rows by source prefix: " + ", ".join(f"{k} {v}" for k, v in sources.most_common()))
    return "\n".join(lines)
