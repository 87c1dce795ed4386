"""The `data` commands end to end through their parser: validate, dedup, split, stats, export-swift."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from service.taxonomy import load_taxonomy
from training.cli import register_data
from training.records import Example, read_examples, write_examples

TAXONOMY = load_taxonomy()
DATA = Path(__file__).resolve().parents[2] / "data" / "intents"


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="intent-router")
    register_data(parser.add_subparsers(dest="command"))
    args = parser.parse_args(list(argv))
    return int(args.handler(args))


def _rows(n_per_class: int) -> list[Example]:
    return [
        Example(f"{intent.label}的第{i}个问题样本{i * 7}", intent.id)
        for intent in TAXONOMY
        for i in range(n_per_class)
    ]


def test_validate_prints_each_bad_row_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"text": "你好", "label": "other"}\n{"text": "你好"}\n', encoding="utf-8")
    assert _run("data", "validate", str(path)) == 1
    out = capsys.readouterr().out
    assert f"{path}:2: 'label' must be a string" in out and "1 good rows, 1 bad" in out


def test_validate_passes_the_repository_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("data", "validate", str(DATA / "train.jsonl"), str(DATA / "val.jsonl")) == 0


def test_dedup_writes_the_kept_rows_and_its_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "raw.jsonl"
    write_examples(
        source, [Example("押金能少交一个月吗", "negotiate"), Example("押金能少交一个月吗？", "negotiate")]
    )
    assert _run("data", "dedup", str(source), "--out", str(tmp_path / "clean.jsonl")) == 0
    assert len(read_examples(tmp_path / "clean.jsonl", TAXONOMY)) == 1
    assert "kept=1 exact_duplicate=1" in capsys.readouterr().out
    assert json.loads((tmp_path / "clean.config.json").read_text())["counts"]["exact_duplicate"] == 1


def test_split_then_export_swift_writes_three_files_and_their_configs(tmp_path: Path) -> None:
    source = tmp_path / "all.jsonl"
    write_examples(source, _rows(10))
    assert _run("data", "split", str(source), "--out", str(tmp_path / "splits"), "--seed", "3") == 0
    counts = json.loads((tmp_path / "splits" / "split.config.json").read_text())["counts"]
    assert counts == {"train": 48, "val": 6, "test": 6}
    assert (
        _run("data", "export-swift", "--data", str(tmp_path / "splits"), "--out", str(tmp_path / "swift"))
        == 0
    )
    rows = (tmp_path / "swift" / "val.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 6 and json.loads(rows[0])["messages"][2]["role"] == "assistant"
    config = json.loads((tmp_path / "swift" / "export.config.json").read_text())
    assert config["task"] == "sft" and config["labels"] == list(TAXONOMY.ids)


def test_stats_prints_the_balance_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("data", "stats", str(DATA / "train.jsonl")) == 0
    out = capsys.readouterr().out
    assert "| find_listing | 找房 |" in out and "largest / smallest class" in out and "synthetic" in out
