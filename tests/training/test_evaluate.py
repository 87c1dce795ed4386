"""`intent-router eval`: the three modes, the metrics file, the confusion matrix and `eval compare`."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from service.taxonomy import load_taxonomy
from training.cli import register_eval
from training.evaluate import INVALID, EvalConfig, EvalMode, compute_metrics, evaluate
from training.records import Example

TAXONOMY = load_taxonomy()
ROWS = [
    Example("帮我找个望京的两居", "find_listing"),
    Example("明天下午去看房", "book_viewing"),
    Example("押金怎么退", "consult"),
    Example("房租能便宜点吗", "negotiate"),
]
METRIC_KEYS = {
    "n",
    "accuracy",
    "weighted_precision",
    "weighted_recall",
    "weighted_f1",
    "per_class",
    "confusion_matrix",
    "latency_ms",
}


def _run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="intent-router")
    register_eval(parser.add_subparsers(dest="command"))
    args = parser.parse_args(list(argv))
    return int(args.handler(args))


def test_metrics_count_an_answer_that_is_no_label_as_wrong() -> None:
    gold = ["find_listing", "find_listing", "other", "negotiate"]
    guess = ["find_listing", INVALID, "other", "consult"]
    metrics = compute_metrics(gold, guess, [10.0, 20.0, 30.0, 40.0], TAXONOMY)
    assert metrics["accuracy"] == 0.5 and metrics["invalid"] == 1
    assert metrics["per_class"]["find_listing"] == {
        "precision": 1.0,
        "recall": 0.5,
        "f1": 2 / 3,
        "support": 2,
    }
    matrix = metrics["confusion_matrix"]
    assert matrix["columns"] == [*TAXONOMY.ids, INVALID]
    assert matrix["matrix"][TAXONOMY.ids.index("find_listing")] == [1, 0, 0, 0, 0, 0, 1]
    assert metrics["latency_ms"]["p50"] == 25.0


def test_openai_mode_scores_a_chat_model_with_the_serving_prompt(
    fake_openai: tuple[Any, str], tmp_path: Path
) -> None:
    server, url = fake_openai
    server.labels = {"帮我找个望京的两居": "找房", "明天下午去看房": "预约看房", "押金怎么退": "我不知道"}
    config = EvalConfig(endpoint=f"{url}/v1", mode=EvalMode.OPENAI, model="base-235b")
    metrics = evaluate(config, ROWS, TAXONOMY, tmp_path, progress=lambda _: None)
    assert METRIC_KEYS <= metrics.keys()
    assert (metrics["n"], metrics["accuracy"], metrics["invalid"]) == (4, 0.5, 1)
    request = server.requests[0]
    assert request["chat_template_kwargs"] == {"enable_thinking": False} and request["temperature"] == 0.0
    assert request["messages"][0]["content"] == server.serving_system
    assert json.loads((tmp_path / "metrics.json").read_text())["accuracy"] == 0.5
    assert (tmp_path / "confusion_matrix.png").read_bytes()[:4] == b"\x89PNG"
    predictions = [json.loads(line) for line in (tmp_path / "predictions.jsonl").read_text().splitlines()]
    assert [p["predicted"] for p in predictions] == ["find_listing", "book_viewing", INVALID, "other"]


def test_vllm_classify_mode_reads_the_pooling_label(fake_openai: tuple[Any, str], tmp_path: Path) -> None:
    server, url = fake_openai
    server.labels = {row.text: TAXONOMY.get(row.label).label for row in ROWS}
    config = EvalConfig(endpoint=url, mode=EvalMode.VLLM_CLASSIFY, model="intent-cls")
    assert evaluate(config, ROWS, TAXONOMY, tmp_path, progress=lambda _: None)["accuracy"] == 1.0
    assert server.requests[0]["add_generation_prompt"] is True


def test_gateway_mode_scores_the_real_gateway(
    gateway: Callable[..., AbstractContextManager[str]], tmp_path: Path
) -> None:
    data = tmp_path / "rows.jsonl"
    data.write_text("".join(row.to_json() + "\n" for row in ROWS), encoding="utf-8")
    with gateway(classifier="embedded") as url:
        assert _run_cli("eval", "--endpoint", url, "--data", str(data), "--out", str(tmp_path / "gw")) == 0
    metrics = json.loads((tmp_path / "gw" / "metrics.json").read_text())
    assert metrics["n"] == 4 and metrics["accuracy"] >= 0.75  # the embedded model knows these phrasings
    assert metrics["latency_ms"]["p50"] > 0


def test_a_dead_endpoint_fails_at_the_first_row(dead_url: str, tmp_path: Path) -> None:
    import httpx

    config = EvalConfig(endpoint=dead_url, mode=EvalMode.OPENAI, model="m")
    with pytest.raises(httpx.ConnectError):
        evaluate(config, ROWS, TAXONOMY, tmp_path, progress=lambda _: None)


def test_openai_mode_needs_a_model_name() -> None:
    with pytest.raises(ValueError, match="needs --model"):
        EvalConfig(endpoint="http://x", mode=EvalMode.OPENAI)


def test_compare_prints_one_markdown_row_per_run(
    fake_openai: tuple[Any, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server, url = fake_openai
    server.labels = {row.text: TAXONOMY.get(row.label).label for row in ROWS}
    evaluate(
        EvalConfig(f"{url}/v1", EvalMode.OPENAI, "sft-8b"), ROWS, TAXONOMY, tmp_path / "a", progress=print
    )
    server.labels = {}
    evaluate(EvalConfig(f"{url}/v1", EvalMode.OPENAI, "base"), ROWS, TAXONOMY, tmp_path / "b", progress=print)
    capsys.readouterr()
    assert _run_cli("eval", "compare", str(tmp_path / "a"), str(tmp_path / "b")) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "| model | n | accuracy | weighted F1 | p50 ms | p99 ms |"
    assert lines[2].startswith("| sft-8b | 4 | 100.0% | 100.0% | ")
    assert lines[3].startswith("| base | 4 | 0.0% | 0.0% | ")


def test_eval_without_its_options_says_what_is_missing(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run_cli("eval", "--endpoint", "http://x") == 2
    assert "--data, --out" in capsys.readouterr().err
