"""The gateway against the real vLLM server in each mode (DESIGN.md §3), on the tiny Qwen3.

The tiny model has random weights: its answers are arbitrary but must still be well-formed, inside the
taxonomy, and consistent with the distributions vLLM itself reports."""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import httpx
import pytest
import yaml
from support import ROOT, VllmServer, gateway_process, post_json

from service.prompt import build_system_prompt
from service.sanitize import mask_pii
from service.taxonomy import load_taxonomy

pytestmark = pytest.mark.e2e

Gateway = Callable[..., AbstractContextManager[str]]
TAXONOMY = load_taxonomy()
# Correctness, not speed: two vLLM servers share 2 CPU cores here (latency is in docs/benchmarks.md).
SLOW = {"budget_ms": 20_000, "fallback_budget_ms": 30_000}
UTTERANCES = [
    "帮我找个望京附近的两居室",
    "明天下午能去看房吗",
    "押金怎么退",
    "房租能便宜点吗",
    "放一下视频",
    "今天天气怎么样",
]


def classify(base: str, text: str, **extra: object) -> dict[str, object]:
    r = post_json(f"{base}/v1/classify", {"text": text, **extra})
    assert r.status_code == 200, r.text
    body: dict[str, object] = r.json()
    return body


def test_generate_mode_answers_inside_the_taxonomy(gateway: Gateway, vllm_generate: VllmServer) -> None:
    with gateway(
        classifier="vllm", vllm_base_url=vllm_generate.api, vllm_model=vllm_generate.model, **SLOW
    ) as base:
        for text in UTTERANCES:
            body = classify(base, text)
            assert body["classifier"] == "vllm:tiny"
            assert body["degraded"] is False, body["degraded_reason"]
            assert body["intent"] in TAXONOMY.ids
            assert 0.0 <= float(body["confidence"]) <= 1.0  # type: ignore[arg-type]


def test_choice_constraint_is_applied_and_guided_choice_is_ignored(vllm_generate: VllmServer) -> None:
    def answer(extra: dict[str, object], text: str) -> str:
        body = {
            "model": vllm_generate.model,
            "messages": [
                {"role": "system", "content": build_system_prompt(TAXONOMY)},
                {"role": "user", "content": text},
            ],
            "max_tokens": 8,
            "temperature": 0,
            "chat_template_kwargs": {"enable_thinking": False},
            **extra,
        }
        r = httpx.post(f"{vllm_generate.api}/chat/completions", json=body, timeout=60)
        content: str = r.json()["choices"][0]["message"]["content"]
        return content

    labels = list(TAXONOMY.labels)
    constrained = [answer({"structured_outputs": {"choice": labels}}, t) for t in UTTERANCES]
    assert all(a in labels for a in constrained)
    # The old field is accepted and silently ignored: a random model then says anything at all.
    ignored = [answer({"guided_choice": labels}, t) for t in UTTERANCES]
    assert any(a not in labels for a in ignored)


def test_labels_have_distinct_first_tokens_with_the_qwen_tokenizer(vllm_generate: VllmServer) -> None:
    first = []
    for label in TAXONOMY.labels:
        r = httpx.post(
            f"{vllm_generate.url}/tokenize",
            json={"model": "tiny", "prompt": label, "add_special_tokens": False},
        )
        first.append(r.json()["tokens"][0])
    assert len(set(first)) == len(first)


def test_first_token_mode_reads_a_distribution_or_degrades_cleanly(
    gateway: Gateway, vllm_generate: VllmServer
) -> None:
    settings = {
        "classifier": "vllm",
        "vllm_mode": "first_token",
        "vllm_base_url": vllm_generate.api,
        "vllm_model": "tiny",
        "breaker_failures": 100,  # random weights: unusable answers must not open the breaker here
    }
    with gateway(**settings, **SLOW) as base:
        bodies = [classify(base, text) for text in UTTERANCES]
    for body in bodies:
        if body["degraded"]:
            # A random model rarely ranks a label's first token in its top 20; a fine-tuned one does.
            assert body["degraded_reason"] == "vllm_bad_response"
            continue
        scores = body["scores"]
        assert isinstance(scores, dict) and set(scores) == set(TAXONOMY.ids)
        assert sum(scores.values()) == pytest.approx(1.0, abs=1e-4)
        assert body["confidence"] == pytest.approx(max(scores.values()), abs=1e-6)


def test_first_token_mode_refuses_labels_sharing_a_first_token(
    vllm_generate: VllmServer, tmp_path: Path
) -> None:
    raw = yaml.safe_load((ROOT / "data" / "intents.yaml").read_text(encoding="utf-8"))
    labels = {i["id"]: i["label"] for i in raw["intents"]}
    raw["intents"][0]["label"] = labels["video_tour"] + "找房"  # now shares video_tour's first token
    taxonomy = tmp_path / "intents.yaml"
    taxonomy.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    env = {
        "INTENT_ROUTER_TAXONOMY": str(taxonomy),
        "INTENT_ROUTER_CLASSIFIER": "vllm",
        "INTENT_ROUTER_VLLM_MODE": "first_token",
        "INTENT_ROUTER_VLLM_BASE_URL": vllm_generate.api,
        "INTENT_ROUTER_VLLM_MODEL": "tiny",
        "INTENT_ROUTER_DECISION_LOG": "",
    }
    log = tmp_path / "log"
    with pytest.raises(RuntimeError, match="gateway exited"), gateway_process(env=env, log=log):
        pass
    assert "distinct first tokens" in log.read_text()


@pytest.mark.parametrize("checkpoint", ["converted", "native_seq_cls"])
def test_classify_mode_agrees_with_vllm_own_probabilities(
    gateway: Gateway, vllm_servers: dict[str, VllmServer], checkpoint: str
) -> None:
    server = vllm_servers["classify" if checkpoint == "converted" else "seq_cls"]
    with gateway(
        classifier="vllm", vllm_mode="classify", vllm_base_url=server.api, vllm_model="tiny", **SLOW
    ) as base:
        body = classify(base, "押金怎么退")
    assert body["classifier"] == "vllm:tiny" and body["degraded"] is False
    scores = body["scores"]
    assert isinstance(scores, dict)
    messages = [
        {"role": "system", "content": build_system_prompt(TAXONOMY)},
        {"role": "user", "content": "押金怎么退"},
    ]
    direct = httpx.post(
        f"{server.url}/classify",
        json={"model": "tiny", "messages": messages, "add_generation_prompt": True,
              "chat_template_kwargs": {"enable_thinking": False}},
        timeout=60,
    ).json()["data"][0]  # fmt: skip
    assert direct["label"] in TAXONOMY.ids  # id2label from the served config.json
    assert [scores[i] for i in TAXONOMY.ids] == pytest.approx(direct["probs"], abs=1e-5)
    assert body["intent"] == direct["label"]
    assert body["confidence"] == pytest.approx(max(direct["probs"]), abs=1e-5)


def test_system_prompt_is_served_from_the_prefix_cache(gateway: Gateway, vllm_generate: VllmServer) -> None:
    hits_before = vllm_generate.metric("vllm:prefix_cache_hits_total")
    with gateway(classifier="vllm", vllm_base_url=vllm_generate.api, vllm_model="tiny", **SLOW) as base:
        for n in range(4):
            classify(base, f"第{n}次问一下押金的事情")
    assert vllm_generate.metric("vllm:prefix_cache_hits_total") > hits_before


def test_deadline_cancels_the_request_inside_vllm(gateway: Gateway, vllm_generate: VllmServer) -> None:
    with gateway(classifier="vllm", vllm_base_url=vllm_generate.api, vllm_model="tiny", **SLOW) as base:
        started = time.monotonic()
        body = classify(base, "帮我找个两居" * 50, budget_ms=10)
        elapsed = time.monotonic() - started
    assert body["degraded_reason"] == "vllm_timeout"
    assert body["classifier"] == "embedded"
    assert elapsed < 0.5
    # The cut connection aborts the request in vLLM: nothing stays running there.
    deadline = time.monotonic() + 10
    while vllm_generate.metric("vllm:num_requests_running") > 0:
        assert time.monotonic() < deadline, "vLLM kept running the abandoned request"
        time.sleep(0.05)


def test_cascade_asks_vllm_only_below_the_embedded_threshold(
    gateway: Gateway, vllm_generate: VllmServer
) -> None:
    def served() -> float:
        return vllm_generate.metric("vllm:request_success_total")

    settings = {"classifier": "cascade", "vllm_base_url": vllm_generate.api, "vllm_model": "tiny"}
    before = served()
    with gateway(cascade_threshold=0.0, **settings, **SLOW) as base:
        for text in UTTERANCES:
            assert classify(base, text)["classifier"] == "embedded"
    assert served() == before
    with gateway(cascade_threshold=1.0, **settings, **SLOW) as base:
        for text in UTTERANCES:
            assert classify(base, text)["classifier"] == "vllm:tiny"
    assert served() == before + len(UTTERANCES)


def test_fallback_model_answers_through_real_vllm_and_the_reply_is_masked(
    gateway: Gateway, vllm_generate: VllmServer
) -> None:
    with gateway(
        fallback_base_url=vllm_generate.api, fallback_model="tiny", fallback_max_tokens=24, **SLOW
    ) as base:
        r = post_json(f"{base}/v1/route", {"text": "今天天气怎么样"})
    body = r.json()
    assert body["decision"] == "fallback"
    assert body["degraded"] is False, body["degraded_reason"]
    reply = body["reply"]
    assert isinstance(reply, str) and reply
    assert mask_pii(reply).text == reply  # nothing left to mask
    assert math.isfinite(body["timings_ms"]["fallback"]) and body["timings_ms"]["fallback"] > 0


def test_fallback_reply_streams_from_real_vllm(gateway: Gateway, vllm_generate: VllmServer) -> None:
    # vLLM's own server-sent events (role chunk, content deltas, the final chunk, [DONE]) go through the
    # gateway's parser and sentence masker; the random model's text is whatever it is, but well-formed.
    with gateway(
        fallback_base_url=vllm_generate.api, fallback_model="tiny", fallback_max_tokens=24, **SLOW
    ) as base:
        body = {"text": "今天天气怎么样", "stream": True}
        with httpx.stream("POST", f"{base}/v1/route", json=body, timeout=60) as r:
            assert r.status_code == 200
            lines = [line for line in r.iter_lines() if line]
    names = [line.removeprefix("event: ") for line in lines if line.startswith("event: ")]
    data = [json.loads(line.removeprefix("data: ")) for line in lines if line.startswith("data: ")]
    assert names[0] == "decision" and names[-1] == "done" and "reply" in names
    done = data[-1]
    assert done["degraded"] is False, done["degraded_reason"]
    assert done["reply"] == "".join(d["text"] for n, d in zip(names, data, strict=True) if n == "reply")
    assert mask_pii(done["reply"]).text == done["reply"]
