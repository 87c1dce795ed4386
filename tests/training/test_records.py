"""Reading labelled JSONL: every bad row is named by file and line; labels resolve to intent ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.taxonomy import load_taxonomy
from training.records import Example, read_examples, validate_examples, write_examples

TAXONOMY = load_taxonomy()


def test_chinese_labels_are_stored_as_intent_ids(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"text": "房租能便宜点吗", "label": "谈判"}\n', encoding="utf-8")
    assert read_examples(path, TAXONOMY) == [Example("房租能便宜点吗", "negotiate", "")]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("not json", "not JSON"),
        ('["a list"]', "expected an object"),
        ('{"text": "", "label": "other"}', "non-empty string"),
        ('{"text": "你好", "label": "闲聊"}', "unknown label '闲聊'"),
        ('{"text": "你好", "label": "other", "lable": "x"}', "unknown fields ['lable']"),
        ('{"text": "你好", "label": 3}', "'label' must be a string"),
        ('{"text": "' + "长" * 600 + '", "label": "other"}', "more than 512"),
    ],
)
def test_a_bad_row_is_reported_with_its_line_number(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"text": "你好", "label": "other"}\n\n' + row + "\n", encoding="utf-8")
    good, problems = validate_examples(path, TAXONOMY)
    assert len(good) == 1
    assert [p.line for p in problems] == [3]
    assert message in str(problems[0]) and str(problems[0]).startswith(f"{path}:3: ")


def test_read_examples_refuses_a_file_with_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"text": "你好", "label": "nope"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"rows\.jsonl:1: unknown label"):
        read_examples(path, TAXONOMY)


def test_written_examples_read_back_identically(tmp_path: Path) -> None:
    rows = [Example("帮我找个两居", "find_listing", "handwritten"), Example("放一下视频", "video_tour", "")]
    path = tmp_path / "sub" / "rows.jsonl"
    assert write_examples(path, rows) == 2
    assert read_examples(path, TAXONOMY) == rows


def test_the_repository_data_is_valid() -> None:
    data = Path(__file__).resolve().parents[2] / "data" / "intents"
    for name in ("train", "val", "test", "handwritten_eval"):
        assert validate_examples(data / f"{name}.jsonl", TAXONOMY)[1] == []
