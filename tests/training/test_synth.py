"""Self-Instruct through an OpenAI-compatible endpoint: what is kept, what is dropped and why."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from service.taxonomy import load_taxonomy
from training.records import Example, read_examples
from training.synth import SynthConfig, llm_judge, parse_utterances, synthesize

TAXONOMY = load_taxonomy()
EXISTING = [Example("给我看看这套房的视频", "video_tour"), Example("押金能少交一个月吗", "negotiate")]


def test_parse_utterances_strips_numbering_quotes_and_think_blocks() -> None:
    answer = "<think>想一想</think>\n1. 放个视频看看\n2）“有VR吗”\n- 客厅拍一下\n\n（3）厨房的视频呢"
    assert parse_utterances(answer) == ["放个视频看看", "有VR吗", "客厅拍一下", "厨房的视频呢"]


def test_every_drop_reason_is_counted(fake_openai: tuple[object, str]) -> None:
    server, url = fake_openai
    server.generations = [  # type: ignore[attr-defined]
        "\n".join(
            [
                "放一段卧室的实拍视频",  # kept
                "嗯",  # bad_length (1 character)
                "放一段卧室的实拍视频",  # duplicate of the line above
                "给我看看这套房的视频吧",  # near_copy of EXISTING[0]
                "这个房子租金能再少点吗",  # label_disagreement: the judge says 谈判
                "VR看房在哪里打开",  # kept
            ]
        )
    ]
    server.labels = {
        "放一段卧室的实拍视频": "视频跳转",
        "VR看房在哪里打开": "视频跳转",
        "这个房子租金能再少点吗": "谈判",
    }  # type: ignore[attr-defined]
    config = SynthConfig(intent="video_tour", n=2, model="fake", judge="llm", max_requests=1)
    progress: list[str] = []
    with httpx.Client(base_url=f"{url}/v1/") as client:
        result = synthesize(
            TAXONOMY,
            config,
            client=client,
            existing=EXISTING,
            judge=llm_judge(client, "fake", TAXONOMY),
            progress=progress.append,
        )
    assert [e.text for e in result.kept] == ["放一段卧室的实拍视频", "VR看房在哪里打开"]
    assert all(e.label == "video_tour" and e.source == "synthetic:self-instruct/fake" for e in result.kept)
    assert result.dropped == {"bad_length": 1, "duplicate": 1, "near_copy": 1, "label_disagreement": 1}
    assert progress == [
        "request 1/1: kept 2/2 of 6 generated; "
        "dropped bad_length 1, duplicate 1, near_copy 1, label_disagreement 1"
    ]


def test_the_generation_prompt_shows_the_intent_and_seed_examples(fake_openai: tuple[object, str]) -> None:
    server, url = fake_openai
    server.generations = ["客厅的视频放一下"]  # type: ignore[attr-defined]
    config = SynthConfig(intent="video_tour", n=1, model="fake", judge="none")
    with httpx.Client(base_url=f"{url}/v1/") as client:
        synthesize(TAXONOMY, config, client=client, existing=EXISTING, judge=None, progress=lambda _: None)
    prompt = server.requests[0]["messages"][1]["content"]  # type: ignore[attr-defined]
    assert "视频跳转" in prompt and "给我看看这套房的视频" in prompt and "押金能少交一个月吗" not in prompt
    assert server.requests[0]["chat_template_kwargs"] == {"enable_thinking": False}  # type: ignore[attr-defined]


def test_generation_stops_when_the_request_budget_is_spent(fake_openai: tuple[object, str]) -> None:
    server, url = fake_openai
    server.generations = ["嗯", "啊"]  # type: ignore[attr-defined]
    config = SynthConfig(intent="video_tour", n=5, model="fake", judge="none", max_requests=2)
    with httpx.Client(base_url=f"{url}/v1/") as client:
        result = synthesize(TAXONOMY, config, client=client, existing=[], judge=None, progress=lambda _: None)
    assert (result.requests, len(result.kept), result.dropped["bad_length"]) == (2, 0, 2)


def test_an_unknown_intent_is_refused_before_any_request() -> None:
    with httpx.Client(base_url="http://127.0.0.1:9/") as client, pytest.raises(KeyError, match="nope"):
        synthesize(
            TAXONOMY, SynthConfig(intent="nope", n=1, model="m"), client=client, existing=[], judge=None
        )


def test_the_cli_writes_kept_rows_and_the_counts(
    fake_openai: tuple[object, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from training.cli import register_data

    server, url = fake_openai
    server.generations = ["放一段卧室的实拍视频\n有没有VR看房的入口"]  # type: ignore[attr-defined]
    existing = tmp_path / "existing.jsonl"
    existing.write_text("".join(e.to_json() + "\n" for e in EXISTING), encoding="utf-8")
    out = tmp_path / "synth.jsonl"
    import argparse

    parser = argparse.ArgumentParser()
    register_data(parser.add_subparsers(dest="command"))
    argv = [
        "data",
        "synth",
        "--endpoint",
        f"{url}/v1",
        "--model",
        "fake",
        "--intent",
        "video_tour",
        "--n",
        "2",
    ]
    args = parser.parse_args([*argv, "--data", str(existing), "--out", str(out), "--judge", "embedded"])
    assert args.handler(args) == 0
    assert [e.text for e in read_examples(out, TAXONOMY)] == ["放一段卧室的实拍视频", "有没有VR看房的入口"]
    counts = json.loads(out.with_suffix(".config.json").read_text())["counts"]
    assert counts == {"requests": 1, "generated": 2, "kept": 2}
    assert "kept=2" in capsys.readouterr().out
