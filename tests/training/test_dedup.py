"""Exact and near-duplicate removal by character bigram similarity."""

from __future__ import annotations

import pytest

from training.dedup import NearDuplicateIndex, dedup_examples, normalize, similarity
from training.records import Example


def test_normalize_drops_punctuation_spaces_and_width() -> None:
    assert normalize("Ｖ Ｒ看房，有吗？") == "vr看房有吗"


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        ("帮我找个望京的两居", "帮我找个望京的两居", 1.0, 1.0),
        ("帮我找个望京的两居", "帮我找个望京的两居室吧", 0.7, 0.9),
        ("押金怎么退", "中介费怎么收", 0.0, 0.2),
    ],
)
def test_similarity_is_high_for_near_copies_and_low_for_other_sentences(
    a: str, b: str, low: float, high: float
) -> None:
    assert low <= similarity(a, b) <= high


def test_index_finds_the_closest_text() -> None:
    index = NearDuplicateIndex(["押金怎么退", "帮我找个望京的两居", "今天天气怎么样"])
    score, match = index.closest("帮我找个望京的两居吧")
    assert match == "帮我找个望京的两居" and score > 0.8
    assert NearDuplicateIndex().closest("随便") == (0.0, None)


def test_dedup_keeps_the_first_and_counts_each_reason() -> None:
    rows = [
        Example("帮我找个望京附近的两居室", "find_listing"),
        Example("帮我找个望京附近的两居室！", "find_listing"),  # exact after normalising
        Example("帮我找个望京附近的两居室", "consult"),  # same text, another label
        Example("帮我找个望京附近的两居室呀", "find_listing"),  # near copy
        Example("押金能少交一个月吗", "negotiate"),
    ]
    report = dedup_examples(rows, threshold=0.8)
    assert [e.text for e in report.kept] == ["帮我找个望京附近的两居室", "押金能少交一个月吗"]
    assert report.summary() == {"kept": 2, "exact_duplicate": 1, "label_conflict": 1, "near_duplicate": 1}
    assert report.near[0][1] == "帮我找个望京附近的两居室"


def test_a_threshold_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(ValueError, match="threshold"):
        dedup_examples([], threshold=1.5)
