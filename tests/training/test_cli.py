"""The ``data`` and ``train`` plugins: parsers, handlers, and room for more sub-commands."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from training.cli import register_data, register_train


def build_parser() -> tuple[
    argparse.ArgumentParser, dict[str, argparse._SubParsersAction[argparse.ArgumentParser]]
]:
    parser = argparse.ArgumentParser(prog="intent-router")
    commands = parser.add_subparsers(dest="command", required=True)
    groups = {"data": register_data(commands), "train": register_train(commands)}
    return parser, groups


def test_make_demo_writes_the_three_splits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parser, _ = build_parser()
    args = parser.parse_args(["data", "make-demo", "--out", str(tmp_path), "--seed", "3"])
    assert args.handler(args) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["test.jsonl", "train.jsonl", "val.jsonl"]
    assert "total" in capsys.readouterr().out


def test_train_embedded_parses_its_folders() -> None:
    parser, _ = build_parser()
    args = parser.parse_args(["train", "embedded", "--data", "d", "--out", "o"])
    assert (args.data, args.out) == (Path("d"), Path("o"))
    assert callable(args.handler)


def test_another_plugin_can_add_a_data_sub_command() -> None:
    parser, groups = build_parser()
    extra = groups["data"].add_parser("import-csv")
    extra.set_defaults(handler=lambda args: 7)
    args = parser.parse_args(["data", "import-csv"])
    assert args.handler(args) == 7


def test_data_without_a_sub_command_is_an_error() -> None:
    parser, _ = build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args(["data"])


def test_train_tiny_model_is_wired_into_the_train_group() -> None:
    parser, _ = build_parser()
    args = parser.parse_args(["train", "tiny-model", "out/tiny", "--seed", "1"])
    assert (args.out, args.seed, callable(args.handler)) == (Path("out/tiny"), 1, True)


@pytest.mark.parametrize(
    "argv",
    [
        ["data", "validate", "f.jsonl"],
        ["data", "dedup", "f.jsonl", "--out", "o.jsonl"],
        ["data", "split", "f.jsonl", "--out", "d"],
        ["data", "stats", "f.jsonl"],
        ["data", "export-swift"],
        ["data", "from-log", "decisions.db", "--out", "c.jsonl"],
        [
            "data",
            "synth",
            "--endpoint",
            "http://x/v1",
            "--model",
            "m",
            "--intent",
            "other",
            "--n",
            "3",
            "--out",
            "s",
        ],
        ["train", "sft", "--recipe", "full", "--dry-run"],
        ["train", "export", "run", "--out", "merged"],
        ["train", "diagnose", "logging.jsonl", "--out", "d"],
    ],
)
def test_every_issue_4_command_parses(argv: list[str]) -> None:
    parser, _ = build_parser()
    assert callable(parser.parse_args(argv).handler)
