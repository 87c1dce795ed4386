"""The seeded demo-data generator and the dataset it ships."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from service.classify.features import FeatureConfig, normalize_text
from service.taxonomy import load_taxonomy
from training.demo_data import DEFAULT_DEMO_DIR, DemoConfig, Row, generate_rows, make_demo, split_rows

SPLITS = ("train", "val", "test")


def read_rows(directory: Path, split: str) -> list[dict[str, str]]:
    lines = (directory / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def shipped() -> dict[str, list[dict[str, str]]]:
    return {split: read_rows(DEFAULT_DEMO_DIR, split) for split in SPLITS}


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    make_demo(DemoConfig(), out, echo=lambda line: None)
    return out


def test_shipped_files_are_what_the_generator_makes_for_the_default_seed(regenerated: Path) -> None:
    for split in SPLITS:
        assert (regenerated / f"{split}.jsonl").read_bytes() == (
            DEFAULT_DEMO_DIR / f"{split}.jsonl"
        ).read_bytes()


def test_another_seed_gives_other_utterances() -> None:
    ids = load_taxonomy().ids
    small = (("find_listing", 40), ("other", 40))
    first = generate_rows(DemoConfig(seed=1, targets=small), intent_ids=ids)
    again = generate_rows(DemoConfig(seed=1, targets=small), intent_ids=ids)
    other = generate_rows(DemoConfig(seed=2, targets=small), intent_ids=ids)
    assert first == again
    assert {r.text for r in first} != {r.text for r in other}


def test_rows_carry_a_taxonomy_id_and_a_synthetic_source(shipped: dict[str, list[dict[str, str]]]) -> None:
    ids = set(load_taxonomy().ids)
    for rows in shipped.values():
        for row in rows:
            assert set(row) == {"text", "label", "source"}
            assert row["label"] in ids and row["text"].strip()
            assert row["source"].startswith(f"synthetic:demo_data/{row['label']}.")
            assert row["source"].endswith("@seed=13")


def test_dataset_is_large_and_roughly_balanced(shipped: dict[str, list[dict[str, str]]]) -> None:
    counts = Counter(row["label"] for rows in shipped.values() for row in rows)
    total = sum(counts.values())
    assert total >= 1200
    assert set(counts) == set(load_taxonomy().ids)
    assert all(0.1 <= n / total <= 0.26 for n in counts.values()), counts


def test_no_two_rows_share_a_normalised_text(shipped: dict[str, list[dict[str, str]]]) -> None:
    keys = [
        normalize_text(r["text"], FeatureConfig()).replace(" ", "") for rows in shipped.values() for r in rows
    ]
    assert len(keys) == len(set(keys))


def test_no_two_rows_of_an_intent_are_near_duplicates(shipped: dict[str, list[dict[str, str]]]) -> None:
    threshold = DemoConfig().near_dup_jaccard
    by_label: dict[str, list[frozenset[str]]] = {}
    for rows in shipped.values():
        for r in rows:
            key = normalize_text(r["text"], FeatureConfig()).replace(" ", "")
            by_label.setdefault(r["label"], []).append(frozenset(key[i : i + 2] for i in range(len(key) - 1)))
    for label, grams in by_label.items():
        for i, a in enumerate(grams):
            for b in grams[:i]:
                assert len(a & b) < threshold * len(a | b), label


def test_split_is_stratified_and_disjoint(shipped: dict[str, list[dict[str, str]]]) -> None:
    texts = {split: {r["text"] for r in rows} for split, rows in shipped.items()}
    assert not texts["train"] & texts["val"] and not texts["train"] & texts["test"]
    assert not texts["val"] & texts["test"]
    counts = {split: Counter(r["label"] for r in rows) for split, rows in shipped.items()}
    for label, n in (counts["train"] + counts["val"] + counts["test"]).items():
        assert counts["val"][label] == pytest.approx(0.1 * n, abs=1)
        assert counts["test"][label] == pytest.approx(0.1 * n, abs=1)


def test_split_does_not_depend_on_row_order() -> None:
    rows = [Row(f"文本{i}", "other" if i % 3 else "consult", "t") for i in range(60)]
    forward = split_rows(rows, seed=5, fractions=(0.8, 0.1, 0.1))
    backward = split_rows(rows[::-1], seed=5, fractions=(0.8, 0.1, 0.1))
    assert {k: set(v) for k, v in forward.items()} == {k: set(v) for k, v in backward.items()}


def test_other_covers_the_taxi_trap_and_other_near_misses(shipped: dict[str, list[dict[str, str]]]) -> None:
    other = " ".join(r["text"] for rows in shipped.values() for r in rows if r["label"] == "other")
    for word in ("出租车", "房东", "卖", "搬家", "修", "天气", "登录", "酒店"):
        assert word in other, word


def test_unknown_intent_in_targets_is_rejected() -> None:
    with pytest.raises(ValueError, match="not a taxonomy id"):
        generate_rows(DemoConfig(targets=(("small_talk", 10),)), intent_ids=load_taxonomy().ids)


def test_split_fractions_must_sum_to_one() -> None:
    with pytest.raises(ValueError, match="sum to 1"):
        DemoConfig(split=(0.8, 0.1, 0.2))


def test_handwritten_eval_shares_few_texts_with_the_generated_data(
    shipped: dict[str, list[dict[str, str]]],
) -> None:
    def key(text: str) -> str:
        return normalize_text(text, FeatureConfig()).replace(" ", "")

    generated = {key(r["text"]) for rows in shipped.values() for r in rows}
    handwritten = read_rows(DEFAULT_DEMO_DIR, "handwritten_eval")
    assert len(handwritten) >= 150
    shared = [r["text"] for r in handwritten if key(r["text"]) in generated]
    # Only canonical short turns ("预约看房") may coincide; the set must stay a test of unseen text.
    assert len(shared) <= 0.1 * len(handwritten), shared
