"""The vLLM client's requests and parsing, against a stub server on loopback (real vLLM: tests/e2e)."""

from __future__ import annotations

import json
import math
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from aiohttp import web
from support import Seen, StubBackend

from service.backends import BackendClient
from service.breaker import CircuitBreaker
from service.classify.vllm import VllmClassifier
from service.errors import BackendBadResponse, ConfigurationError
from service.prompt import build_system_prompt
from service.settings import VllmMode
from service.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy()


def chat_answer(content: str, first_token_logprobs: dict[str, float], total_logprob: float) -> dict[str, Any]:
    top = [{"token": t, "logprob": lp} for t, lp in first_token_logprobs.items()]
    first = max(first_token_logprobs, key=first_token_logprobs.__getitem__)
    return {
        "choices": [
            {
                "message": {"role": "assistant", "content": content},
                "logprobs": {"content": [{"token": first, "logprob": total_logprob, "top_logprobs": top}]},
            }
        ]
    }


# Token ids a tokenizer might give each label's first token (找 / 预 / 咨 / 谈 / 视 / 其).
FIRST_TOKENS = {"找房": 101, "预约看房": 102, "咨询问答": 103, "谈判": 104, "视频跳转": 105, "其他": 106}


@asynccontextmanager
async def classifier(
    mode: VllmMode, answer: dict[str, Any], first_tokens: dict[str, int] = FIRST_TOKENS
) -> AsyncIterator[tuple[VllmClassifier, list[Seen]]]:
    """A classifier talking to a stub vLLM on loopback; yields it and the requests the stub saw."""

    def handler(request: web.Request) -> web.StreamResponse:
        if request.path == "/tokenize":
            label = json.loads(stub.seen[-1].content)["prompt"]
            return web.json_response({"tokens": [first_tokens[label], 999], "count": 2})
        return web.json_response(answer)

    async with StubBackend(handler) as stub:
        client = BackendClient(
            "vllm", base_url=f"{stub.url}/v1", breaker=CircuitBreaker("vllm", failure_threshold=5, reset_s=1)
        )
        try:
            yield VllmClassifier(client, taxonomy=TAXONOMY, model="intent-qwen3", mode=mode), stub.seen
        finally:
            await client.aclose()


def soon() -> float:
    return time.monotonic() + 1


async def test_generate_constrains_output_to_the_labels_without_thinking() -> None:
    async with classifier(VllmMode.GENERATE, chat_answer("找房", {"找": -0.05}, -0.05)) as (clf, seen):
        await clf.classify("望京两居", deadline=soon())
        body = json.loads(seen[0].content)
        assert body["structured_outputs"] == {"choice": list(TAXONOMY.labels)}
        assert "guided_choice" not in body  # silently ignored by current vLLM
        assert body["chat_template_kwargs"] == {"enable_thinking": False}
        assert body["temperature"] == 0.0
        assert body["logprobs"] is True
        assert seen[0].path == "/v1/chat/completions"


async def test_system_prompt_is_byte_identical_across_calls() -> None:
    async with classifier(VllmMode.GENERATE, chat_answer("找房", {"找": -0.05}, -0.05)) as (clf, seen):
        await clf.classify("望京两居", deadline=soon())
        await clf.classify("押金多少", deadline=soon())
        first, second = (json.loads(r.content)["messages"] for r in seen)
        assert first[0] == second[0]
        assert first[0]["content"] == build_system_prompt(TAXONOMY)
        assert (first[1]["content"], second[1]["content"]) == ("望京两居", "押金多少")


async def test_generate_confidence_is_the_answer_probability() -> None:
    async with classifier(VllmMode.GENERATE, chat_answer("谈判", {"谈": -0.2, "找": -2.0}, -0.2)) as (clf, _):
        prediction = await clf.classify("能便宜点吗", deadline=soon())
        assert prediction.intent == "negotiate"
        assert prediction.confidence == pytest.approx(math.exp(-0.2))
        assert prediction.classifier == "vllm:intent-qwen3"


async def test_answer_outside_the_taxonomy_is_a_bad_response() -> None:
    async with classifier(VllmMode.GENERATE, chat_answer("我觉得是找房", {"我": -0.1}, -0.1)) as (clf, _):
        with pytest.raises(BackendBadResponse, match="not one of the labels"):
            await clf.classify("望京两居", deadline=soon())


async def test_first_token_mode_asks_for_one_token_and_reads_the_distribution() -> None:
    logprobs = {
        "token_id:102": math.log(0.7),
        "token_id:101": math.log(0.2),
        "token_id:106": math.log(0.05),
        "token_id:7": math.log(0.05),  # not a label's first token
    }
    async with classifier(VllmMode.FIRST_TOKEN, chat_answer("预", logprobs, math.log(0.7))) as (clf, seen):
        prediction = await clf.classify("明天去看房", deadline=soon())
        chat = [r for r in seen if r.path.endswith("/chat/completions")]
        body = json.loads(chat[0].content)
        assert body["max_tokens"] == 1
        assert body["return_tokens_as_token_ids"] is True
        assert "structured_outputs" not in body
        assert prediction.intent == "book_viewing"
        assert prediction.confidence == pytest.approx(0.7 / 0.95)
        assert prediction.scores is not None and prediction.scores["other"] == pytest.approx(0.05 / 0.95)


async def test_classify_mode_posts_messages_to_the_pooling_endpoint() -> None:
    probs = [0.05, 0.05, 0.7, 0.1, 0.05, 0.05]
    async with classifier(
        VllmMode.CLASSIFY, {"data": [{"label": "咨询问答", "probs": probs, "num_classes": 6}]}
    ) as (clf, seen):
        prediction = await clf.classify("押金怎么退", deadline=soon())
        body = json.loads(seen[0].content)
        assert seen[0].path == "/classify"
        assert body["add_generation_prompt"] is True
        assert body["messages"][0]["content"] == build_system_prompt(TAXONOMY)
        assert prediction.intent == "consult"
        assert prediction.confidence == pytest.approx(0.7)


async def test_classify_mode_refuses_a_model_with_other_labels() -> None:
    async with classifier(VllmMode.CLASSIFY, {"data": [{"label": "a", "probs": [0.5, 0.5]}]}) as (clf, _):
        with pytest.raises(BackendBadResponse, match="2 classes served"):
            await clf.classify("押金怎么退", deadline=soon())


async def test_first_token_mode_learns_label_tokens_once() -> None:
    answer = chat_answer("找", {"token_id:101": -0.1}, -0.1)
    async with classifier(VllmMode.FIRST_TOKEN, answer) as (clf, seen):
        await clf.classify("找房", deadline=soon())
        await clf.classify("找房", deadline=soon())
        tokenize = [r for r in seen if r.path == "/tokenize"]
        assert sorted(json.loads(r.content)["prompt"] for r in tokenize) == sorted(TAXONOMY.labels)
        assert all(json.loads(r.content)["add_special_tokens"] is False for r in tokenize)


async def test_first_token_mode_refuses_labels_sharing_a_first_token() -> None:
    shared = {**FIRST_TOKENS, "谈判": FIRST_TOKENS["找房"]}
    async with classifier(VllmMode.FIRST_TOKEN, {}, first_tokens=shared) as (clf, _):
        with pytest.raises(ConfigurationError, match="谈判"):
            await clf.prepare(deadline=soon())


async def test_first_token_answer_with_no_label_token_is_a_bad_response() -> None:
    async with classifier(VllmMode.FIRST_TOKEN, chat_answer("x", {"token_id:7": -0.1}, -0.1)) as (clf, _):
        with pytest.raises(BackendBadResponse, match="no label's first token"):
            await clf.classify("找房", deadline=soon())
