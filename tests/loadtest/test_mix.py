"""The utterance mix: JSONL in, texts out, with errors that name the line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loadtest.errors import LoadTestError, MixError
from loadtest.http_request import build_requests, build_templated_requests
from loadtest.mix import BUILTIN_UTTERANCES, find_default_mix, load_mix
from loadtest.target import parse_target


def test_texts_are_read_in_file_order_and_extra_fields_ignored(tmp_path: Path) -> None:
    mix = tmp_path / "mix.jsonl"
    mix.write_text(
        '{"text": "我想找房", "label": "find_listing"}\n\n{"text": "押金怎么算"}\n', encoding="utf-8"
    )
    assert load_mix(mix) == ("我想找房", "押金怎么算")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "ok"}\nnot json\n', "mix.jsonl:2: invalid JSON"),
        ('{"label": "x"}\n', "mix.jsonl:1: expected"),
        ('{"text": "  "}\n', "mix.jsonl:1: expected"),
        ("\n\n", "no utterances"),
    ],
)
def test_a_malformed_mix_is_refused_naming_the_line(tmp_path: Path, content: str, message: str) -> None:
    mix = tmp_path / "mix.jsonl"
    mix.write_text(content, encoding="utf-8")
    with pytest.raises(MixError, match=message):
        load_mix(mix)


def test_a_missing_mix_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(MixError, match="cannot read"):
        load_mix(tmp_path / "absent.jsonl")


def test_without_a_file_the_builtin_mix_is_used() -> None:
    assert load_mix(None) == BUILTIN_UTTERANCES


def test_the_default_mix_is_the_test_split_when_present(tmp_path: Path) -> None:
    assert find_default_mix(search_roots=(tmp_path,)) is None
    split = tmp_path / "data" / "intents" / "test.jsonl"
    split.parent.mkdir(parents=True)
    split.write_text('{"text": "x"}\n', encoding="utf-8")
    assert find_default_mix(search_roots=(tmp_path,)) == split


def test_post_requests_carry_the_text_and_budget_as_a_route_request() -> None:
    target = parse_target("http://127.0.0.1:8000/v1/route")
    (request,) = build_requests(target, ("我想找房",), budget_ms=300)
    head, body = request.split(b"\r\n\r\n", 1)
    assert head.startswith(b"POST /v1/route HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n")
    assert f"Content-Length: {len(body)}".encode() in head
    assert body.decode() == '{"text":"我想找房","budget_ms":300}'


def test_a_text_the_api_would_reject_fails_before_the_run() -> None:
    target = parse_target("http://127.0.0.1:8000/v1/route")
    with pytest.raises(LoadTestError, match="utterance 1"):
        build_requests(target, ("ok", "x" * 2001), budget_ms=800)


def test_a_body_template_carries_each_text_as_a_json_string() -> None:
    target = parse_target("http://127.0.0.1:8001/classify")
    template = '{"model": "intent", "input": ["{{text}}"]}'
    (request,) = build_templated_requests(target, ('他说"你好"',), body_template=template)
    head, body = request.split(b"\r\n\r\n", 1)
    assert head.startswith(b"POST /classify HTTP/1.1\r\n")
    assert json.loads(body) == {"model": "intent", "input": ['他说"你好"']}


@pytest.mark.parametrize("template", ['{"input": "no placeholder"}', '{"input": "{{text}}" oops}'])
def test_a_template_without_the_placeholder_or_not_json_is_refused(template: str) -> None:
    with pytest.raises(LoadTestError):
        build_templated_requests(parse_target("http://127.0.0.1/classify"), ("x",), body_template=template)
